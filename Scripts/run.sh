#!/usr/bin/env bash
# The main job on a fresh machine: installs what is missing (Scripts/require.sh),
# builds in release mode and runs policy-search with the arguments given
# (a query searches Corpus/, building Index/ on first use).
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/require.sh
# The Swift libraries linked into the program: it starts in 5 ms instead of 8
# (the dynamic loader had 14 Swift libraries to map and relocate).
# (`swift run` has no such option: build, then run the program built.)
swift build -c release --static-swift-stdlib --product policy-search >&2
exec "$(swift build -c release --static-swift-stdlib --show-bin-path)/policy-search" "$@"

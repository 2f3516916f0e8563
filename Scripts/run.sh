#!/usr/bin/env bash
# The main job on a fresh machine: installs what is missing (Scripts/require.sh),
# builds in release mode and runs policy-search with the arguments given
# (a query searches Corpus/, building Index/ on first use).
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/require.sh
exec swift run -c release policy-search "$@"

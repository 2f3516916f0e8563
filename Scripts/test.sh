#!/usr/bin/env bash
# The tests on a fresh machine: installs what is missing (Scripts/require.sh),
# then runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/require.sh
exec swift test "$@"

#!/usr/bin/env bash
# policy-search as one more engine of the bench harness (../shared/bench by default).
#   Benchmarks/run-policy-search.sh CORPUS_DIR QUERIES_FILE OUT_DIR
# Environment:
#   POLICY_SEARCH_BIN  the binary to measure (default: ../.build/release/policy-search,
#                      relative to this script, i.e. the package's release build)
#   BENCH_DIR          the harness folder (default: ../../shared/bench relative to this script,
#                      i.e. ../shared/bench relative to the package root)
#   BENCH_REPS         timed runs per query (default 20), passed on as --repetitions
#   KEEP_INDEX=1, BENCH_TMPDIR  as for every harness engine (see the harness README)
set -euo pipefail
SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
PACKAGE_DIR=$(cd "$SCRIPT_DIR/.." && pwd)
BENCH_DIR=${BENCH_DIR:-$PACKAGE_DIR/../shared/bench}
[ -f "$BENCH_DIR/lib/harness.sh" ] || {
  echo "$(basename "$0"): no bench harness at '$BENCH_DIR' (set BENCH_DIR)" >&2; exit 2; }
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
export BENCH_DIR  # harness_run and the adapter use it

POLICY_SEARCH_BIN=${POLICY_SEARCH_BIN:-$SCRIPT_DIR/../.build/release/policy-search}
[ -x "$POLICY_SEARCH_BIN" ] || {
  echo "$(basename "$0"): '$POLICY_SEARCH_BIN' is not an executable (swift build -c release --static-swift-stdlib, or set POLICY_SEARCH_BIN)" >&2
  exit 2; }
POLICY_SEARCH_BIN=$(cd "$(dirname "$POLICY_SEARCH_BIN")" && pwd)/$(basename "$POLICY_SEARCH_BIN")
ADAPTER="$SCRIPT_DIR/policy_search_adapter.py"

source "$BENCH_DIR/lib/harness.sh"
harness_args "$@"
ENGINE=policy-search

# The harness times this whole process with /usr/bin/time -v: the index build, then a short
# Python step that turns the index's manifest.json into $OUT/build.json.
BUILD_CMD=(bash -c '"$1" index "$2" --index "$3" --quiet && python3 "$4" build-json "$1" "$3" "$5"'
           policy-search-build "$POLICY_SEARCH_BIN" "$CORPUS" "$INDEX" "$ADAPTER" "$OUT/build.json")
# `policy-search bench --samples` times the queries in-process; the adapter converts its JSON
# into queries.json, results.jsonl and allhits.jsonl.gz (benchlib.QueryOutput).
QUERY_CMD=(python3 "$ADAPTER" queries "$POLICY_SEARCH_BIN" "$INDEX" "$QUERIES" "$OUT")
harness_run

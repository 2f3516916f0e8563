#!/usr/bin/env bash
# Builds one fuzz target with libFuzzer (clang's, shipped with the Swift
# toolchain) and AddressSanitizer, and runs it on its seeds.
#   Fuzz/run.sh FuzzQueryParser 600        # ten minutes
#   Fuzz/run.sh FuzzDocumentExtractor 600
# Findings go to Fuzz/Findings/TARGET (crash-*, slow-unit-*); the corpus grows
# in Fuzz/Corpus/TARGET. Neither is committed.
set -euo pipefail
cd "$(dirname "$0")"
target="${1:?usage: Fuzz/run.sh TARGET [SECONDS]}"
seconds="${2:-600}"
case "$target" in
  FuzzQueryParser) seeds=Seeds/query ;;
  FuzzDocumentExtractor) seeds=Seeds/documents ;;
  *) echo "run.sh: unknown target $target" >&2; exit 2 ;;
esac
swift build -c release --scratch-path .build-fuzz --product "$target" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xcc -fsanitize=fuzzer-no-link,address
mkdir -p "Corpus/$target" "Findings/$target"
exec ".build-fuzz/release/$target" "Corpus/$target" "$seeds" -max_total_time="$seconds" -timeout=10 \
  -artifact_prefix="Findings/$target/" -print_final_stats=1

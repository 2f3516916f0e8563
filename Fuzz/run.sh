#!/usr/bin/env bash
# Builds one fuzz target with libFuzzer (clang's, shipped with the Swift
# toolchain) and AddressSanitizer, and runs it on its seeds.
#   Fuzz/run.sh FuzzQueryParser 600        # ten minutes
#   Fuzz/run.sh FuzzSegmentReader 600
# Targets: FuzzQueryParser FuzzDocumentExtractor FuzzHTMLExtractor
# FuzzDOCXExtractor FuzzPDFTextRepair FuzzUserDictionary FuzzSegmentReader.
# Findings go to Fuzz/Findings/TARGET (crash-*, slow-unit-*); the corpus grows
# in Fuzz/Corpus/TARGET. Neither is committed. Further arguments go to
# libFuzzer: `-fork=1 -ignore_crashes=1` keeps going after a crash; with 0
# seconds they alone are passed, so that a crash file is run again:
#   Fuzz/run.sh FuzzDOCXExtractor 0 Findings/FuzzDOCXExtractor/crash-…
set -euo pipefail
cd "$(dirname "$0")"
target="${1:?usage: Fuzz/run.sh TARGET [SECONDS] [libFuzzer arguments…]}"
seconds="${2:-600}"
shift $(( $# >= 2 ? 2 : 1 ))
case "$target" in
  FuzzQueryParser) seeds=Seeds/query ;;
  FuzzDocumentExtractor) seeds=Seeds/documents ;;
  FuzzHTMLExtractor) seeds=Seeds/html ;;
  # ZIPFoundation leaks the C path of every archive it opens from a file (65
  # bytes a .docx): LeakSanitizer would end every run (and fork job) on it.
  FuzzDOCXExtractor) seeds=Seeds/docx; export ASAN_OPTIONS=detect_leaks=0 ;;
  FuzzPDFTextRepair) seeds=Seeds/pdftext ;;
  FuzzUserDictionary) seeds=Seeds/dictionary ;;
  FuzzSegmentReader) seeds=Seeds/segment ;;
  *) echo "run.sh: unknown target $target" >&2; exit 2 ;;
esac
swift build -c release --scratch-path .build-fuzz --product "$target" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xcc -fsanitize=fuzzer-no-link,address
# Swift's own crash backtracer waits on the process ASan is reporting from.
export SWIFT_BACKTRACE=enable=no
if [ "$seconds" = 0 ]; then exec ".build-fuzz/release/$target" "$@"; fi
mkdir -p "Corpus/$target" "Findings/$target"
exec ".build-fuzz/release/$target" "Corpus/$target" "$seeds" -max_total_time="$seconds" -timeout=10 \
  -rss_limit_mb=4096 -artifact_prefix="Findings/$target/" -print_final_stats=1 "$@"

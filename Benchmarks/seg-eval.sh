#!/usr/bin/env bash
# Word segmentation on the SIGHAN 2005 PKU and MSR test sets: policy-search's segmenter with the
# training word list as its dictionary (closed-track conditions: no frequencies, nothing from the
# test data), and with no dictionary at all (plain ICU), scored by ../shared/bench/seg_score.py;
# on the Traditional AS and CityU test sets (no training words there), with no dictionary only.
#   Benchmarks/seg-eval.sh [SIGHAN_DIR] [OUT_DIR]
# SIGHAN_DIR defaults to ../shared/corpus/sighan2005 beside the project. Skips (exit 0) when it is
# absent. Builds policy-search in release mode; MB/s is the median of 5 runs on one core
# (normalization and segmentation; file reading and writing excluded).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIGHAN=${1:-$ROOT/../shared/corpus/sighan2005}
OUT=${2:-${TMPDIR:-/tmp}/policy-search-seg-eval}
SCORE=$ROOT/../shared/bench/seg_score.py
if [ ! -d "$SIGHAN" ] || [ ! -f "$SCORE" ]; then
  echo "seg-eval.sh: skipped: no SIGHAN data at $SIGHAN or no $SCORE (../shared is absent)" >&2
  exit 0
fi
mkdir -p "$OUT"
(cd "$ROOT" && swift build -c release --static-swift-stdlib --product policy-search >&2)
BIN=$ROOT/.build/release/policy-search

: > "$OUT/scores.jsonl"
for c in pku msr as cityu; do
  test=$(find "$SIGHAN" -name "${c}_test.utf8" -type f | sort | head -1)
  # AS names its gold file as_testing_gold.utf8.
  gold=$(find "$SIGHAN" -name "${c}_test*_gold.utf8" -type f | sort | head -1)
  words=$(find "$SIGHAN" -name "${c}_training_words.utf8" -type f | sort | head -1)
  if [ -z "$test" ] || [ -z "$gold" ]; then
    echo "seg-eval.sh: ${c}: test or gold missing under $SIGHAN" >&2
    continue
  fi
  # name|options
  setups=("icu|")
  if [ -n "$words" ]; then setups+=("dictionary|--dictionary $words"); fi
  for setup in "${setups[@]}"; do
    name=${setup%%|*}
    # shellcheck disable=SC2086
    "$BIN" segment --repeat 5 --no-policy-dictionary --no-corpus-dictionary ${setup#*|} "$test" "$OUT/$c.$name.txt" 2> "$OUT/$c.$name.log"
    python3 "$SCORE" --json ${words:+--words "$words"} "$gold" "$OUT/$c.$name.txt" \
      | python3 -c 'import json,sys; r=json.load(sys.stdin); r["set"]=sys.argv[1]; r["segmenter"]=sys.argv[2]; r["log"]=open(sys.argv[3]).read(); print(json.dumps(r, ensure_ascii=False))' \
        "$c" "policy-search $name" "$OUT/$c.$name.log" >> "$OUT/scores.jsonl"
  done
done
python3 - "$OUT/scores.jsonl" <<'PY'
import json, re, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
print("| set | segmenter | P | R | F1 | OOV recall | IV recall | lines left out | MB/s | dictionary load |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    speed = re.search(r"([\d.]+) MB/s", r["log"])
    load = re.search(r"loaded in ([\d.]+ s)", r["log"])
    print(f"| {r['set']} | {r['segmenter']} | {r['precision']:.4f} | {r['recall']:.4f} | {r['f1']:.4f} | "
          f"{r.get('oov_recall', 'n/a')} | {r.get('iv_recall', 'n/a')} | {r['lines_skipped']} | "
          f"{speed.group(1) if speed else '?'} | {load.group(1) if load else '-'} |")
PY
echo "outputs and logs in $OUT" >&2

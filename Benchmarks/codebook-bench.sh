#!/usr/bin/env bash
# The codebook at scale: a generated codebook of 100 themes × 5 terms (plain
# strings, OR choices, AND pairs, SENTENCE chains, one exclusion a theme),
# drawn from the corpus's own frequent Han strings (seeded, so every run
# codes the same book), coded over the whole index with `code --format json`
# and written as the evidence workbook with `code -o`; farm-bench times each
# (median wall, peak memory).
#
#   Benchmarks/codebook-bench.sh [--index DIR] [--corpus DIR] [--binary PATH] [--runs N]
#       [--workbook-runs N]   (default 1: the workbook of every evidence row takes minutes)
#
# The index is built first when DIR holds none. Figures: README, Performance.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=/work/shared/corpus
[ -d "$corpus" ] || corpus=../shared/corpus
index=/tmp/policy-search-codebook-bench-index
binary=.build/release/policy-search
runs=5 workbook_runs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --index) index=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --workbook-runs) workbook_runs=$2; shift 2 ;;
    *) echo "codebook-bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -x "$binary" ] || { echo "codebook-bench.sh: no $binary: swift build -c release --static-swift-stdlib first" >&2; exit 2; }
[ -d "$corpus" ] || { echo "codebook-bench.sh: no corpus at $corpus" >&2; exit 2; }
[ -f "$index/manifest.json" ] || "$binary" index "$corpus" --index "$index" --quiet

work=$(mktemp -d /tmp/codebook-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 - "$corpus" "$work/book.yaml" <<'PY'
import collections, os, random, re, sys
corpus, out = sys.argv[1], sys.argv[2]
counts = collections.Counter()
han = re.compile(r"[\u4e00-\u9fff]+")
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs if f.endswith((".md", ".txt")))
for path in files[::7]:  # a sample of the files is enough to rank strings
    with open(path, encoding="utf-8", errors="ignore") as f:
        for run in han.findall(f.read()):
            for n in (2, 3, 4):
                for i in range(len(run) - n + 1):
                    counts[run[i:i + n]] += 1
ranked = [s for s, c in counts.most_common(6000) if c >= 20][50:]
rng = random.Random(2017)
words = rng.sample(ranked, 520)
lines = ["name: 基准编码表（100 个主题 × 5 个检索式）", "themes:"]
for t in range(100):
    w = words[t * 5:(t + 1) * 5]
    lines += [f"  - name: 主题{t + 1:03d}", f"    group: 组{t % 10}", "    terms:",
              f"      - {w[0]}", f"      - {w[1]} OR {w[2]}", f"      - {w[2]} {w[3]}",
              f"      - {w[3]} SENTENCE {w[4]}", f"      - {w[4]}",
              f"    exclude: [{words[500 + t % 20]}]"]
open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
documents=$("$binary" stats --index "$index" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
echo "codebook: 100 themes × 5 terms over $documents documents of $corpus"
"$binary" code "$work/book.yaml" --index "$index" --format json > "$work/coding.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("coded: %d passages, %d theme-document cells" % (sum(t["passages"] for t in d["themes"]), sum(t["documents"] for t in d["themes"])))' "$work/coding.json"
echo "== code --format json (summary, matrix, co-occurrence)"
farm-bench -n "$runs" --timeout 600 -- sh -c "exec $binary code $work/book.yaml --index $index --format json >/dev/null"
echo "== code -o coding.xlsx (with every evidence row)"
farm-bench -n "$workbook_runs" --warmup 0 --timeout 1800 -- "$binary" code "$work/book.yaml" --index "$index" -o "$work/coding.xlsx"
ls -l "$work/coding.xlsx" | awk '{print "workbook: " $5 " bytes"}'

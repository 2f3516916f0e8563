#!/usr/bin/env bash
# Load on the web app: `policy-search serve` on a free loopback port, then
# wrk against /api/search cycling through the queries of a file, for a bounded
# time; prints requests/s and the latency percentiles.
#
#   Benchmarks/serve-load.sh [--duration 10s] [--connections 8] [--threads 2]
#       [--index DIR] [--corpus DIR] [--queries FILE] [--binary PATH]
#       [--page]      the HTML search page (/search) instead of /api/search
#       [--updates]   meanwhile, `index` commits an update every 2 s (the
#                     corpus is linked into a temporary folder, one file added
#                     a round; its index is built first)
set -euo pipefail
cd "$(dirname "$0")/.."

duration=10s connections=8 threads=2 route=/api/search updates=""
corpus=/work/shared/corpus
[ -d "$corpus" ] || corpus=Corpus
index=""
queries=/work/shared/bench/queries.txt
[ -f "$queries" ] || queries=""
binary=""
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --index) index=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --queries) queries=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    --page) route=/search; shift ;;
    --updates) updates=1; shift ;;
    *) echo "serve-load.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "serve-load.sh: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
if [ -z "$binary" ]; then
  for candidate in .build/release/policy-search .build/debug/policy-search; do
    [ -x "$candidate" ] && { binary=$candidate; break; }
  done
fi
[ -n "$binary" ] && [ -x "$binary" ] || { echo "serve-load.sh: build policy-search first (swift build -c release --static-swift-stdlib)" >&2; exit 2; }

work=$(mktemp -d /tmp/serve-load.XXXXXX)
[ -n "$index" ] || index=$work/index
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The requests, one per query (each part of a line a phrase, as in `bench`).
if [ -n "$updates" ]; then
  # A corpus of links to the real files, so that rounds can add files to it.
  mkdir -p "$work/corpus"
  cp -al "$corpus"/. "$work/corpus"/ 2>/dev/null || cp -a "$corpus"/. "$work/corpus"/
  corpus=$work/corpus
  index=$work/index
  "$binary" index "$corpus" --index "$index" --quiet
fi
python3 - "$queries" "$route" > "$work/requests.lua" <<'PY'
import sys, urllib.parse
path = sys.argv[1]
lines = []
if path:
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                lines.append(" ".join('"%s"' % part for part in line.split()))
if not lines:
    lines = ["数据交易", "大数据", "数据 安全"]
paths = [sys.argv[2] + "?" + urllib.parse.urlencode({"q": q, "limit": "10"}) for q in lines]
print("local paths = {" + ",".join('"%s"' % p for p in paths) + "}")
print("""local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format("queries: %d, non-200 answers: %d\\n", #paths, summary.errors.status))
end""")
PY

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "serve-load.sh: $binary serve --index $index --corpus $corpus --port $port (building the index if need be)"
"$binary" serve --index "$index" --corpus "$corpus" --port "$port" > "$work/serve.out" 2> "$work/serve.err" &
server=$!
for _ in $(seq 1 1200); do
  grep -q "serving http" "$work/serve.out" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
  sleep 0.5
done
grep -q "serving http" "$work/serve.out" || { echo "serve-load.sh: the server did not start" >&2; exit 1; }
url="http://127.0.0.1:$port"
curl -sf "$url/api/search?q=%E6%95%B0%E6%8D%AE" > /dev/null || { echo "serve-load.sh: /api/search does not answer" >&2; exit 1; }
echo "serve-load.sh: wrk -t$threads -c$connections -d$duration against $url$route${updates:+, index committing every 2 s}"
updater=""
if [ -n "$updates" ]; then
  (round=0
   while true; do
     round=$((round + 1))
     printf '# 第%d轮\n\n数据交易平台建设第%d条。\n' "$round" "$round" > "$corpus/zz-load-round-$round.md"
     "$binary" index "$corpus" --index "$index" --quiet || echo "serve-load.sh: index round $round failed" >&2
     sleep 2
   done) &
  updater=$!
fi
wrk -t"$threads" -c"$connections" -d"$duration" --timeout 10s --latency -s "$work/requests.lua" "$url" \
  | sed -n '/Thread Stats/,$p'
# The server's resident memory now and at its peak (Linux).
if [ -r "/proc/$server/status" ]; then
  echo "server memory: $(awk '/VmRSS|VmHWM/ {printf "%s %d MiB  ", $1, $2 / 1024}' "/proc/$server/status")"
fi
if [ -n "$updater" ]; then
  kill "$updater" 2>/dev/null || true
  wait "$updater" 2>/dev/null || true
  echo "index commits during the run: $(ls "$corpus"/zz-load-round-*.md 2>/dev/null | wc -l)"
fi

"""Adapter between the policy-search CLI and the bench harness (../shared/bench).

  policy_search_adapter.py build-json POLICY_SEARCH_BIN INDEX_DIR BUILD_JSON
  policy_search_adapter.py queries POLICY_SEARCH_BIN INDEX_DIR QUERIES_FILE OUT_DIR

build-json: reads INDEX_DIR/manifest.json (written by `policy-search index`) and writes the
  harness's build.json: passages, build_seconds_inprocess, tool_version, settings, ...
queries: runs `policy-search bench --index INDEX_DIR --queries QUERIES_FILE --samples FILE
  --cold-runs 0 --format json` (warm-up and timed runs happen inside the Swift process) and
  converts the samples file into queries.json, results.jsonl and allhits.jsonl.gz with the
  harness's benchlib.QueryOutput, so the files have exactly the harness's format.

The harness folder comes from the environment variable BENCH_DIR (run-policy-search.sh sets
it); the default is ../../shared/bench relative to this file.
"""

import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH_DIR = os.environ.get("BENCH_DIR") or os.path.join(HERE, "..", "..", "shared", "bench")
sys.path.insert(0, os.path.abspath(BENCH_DIR))
import benchlib  # noqa: E402  (the harness's own module, imported at run time)
import passages  # noqa: E402

ENGINE = "policy-search"
# Mode name: "literal", the rg oracle's mode.  policy-search requires every space-separated
# part of the query to occur literally in the line, which is exactly the oracle's rule; the
# only difference is that both sides are folded first (NFKC + case folding + Traditional to
# Simplified), so `hadoop` is found for `Hadoop` and `４Ｇ` for `4G`.  "substr" is the name of
# FTS5's mode, whose short parts fall back to a LIKE scan and whose matching is ASCII-case-
# insensitive only; "literal" says that the semantics are the oracle's, plus folding.
MODE = "literal"


def tool_version(binary):
    proc = subprocess.run([binary, "--version"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return proc.stdout.strip() or f"policy-search (version unknown: {proc.stderr.strip()})"


def build_json(binary, index_dir, out_path):
    with open(os.path.join(index_dir, "manifest.json"), encoding="utf-8") as handle:
        manifest = json.load(handle)
    analysis = manifest.get("analysis", {})
    settings = (
        f"policy-search index --quiet (default --threads: every core, {os.cpu_count()} here); "
        f"normalizer {analysis.get('normalizer')}; passage limit {analysis.get('passageLimit')} "
        "(longer lines are cut into pieces at sentence ends; the index counts pieces); "
        f"index format {manifest.get('format')}; query mode: every space-separated part must "
        "occur literally after folding"
    )
    doc = {
        "engine": ENGINE,
        # The manifest's count: indexed pieces.  A line longer than the passage limit is cut
        # into several pieces, so this can exceed the harness's line count.
        "passages": manifest.get("passages"),
        "files": manifest.get("documents"),
        "corpus_bytes": manifest.get("corpusBytes"),
        "build_seconds_inprocess": manifest.get("buildSeconds"),
        "tool_version": tool_version(binary),
        "settings": settings,
        "skipped": manifest.get("skipped", []),
    }
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump(doc, handle, ensure_ascii=False)
    print(f"{ENGINE}: indexed {doc['passages']} passages (pieces) from {doc['files']} files "
          f"in {doc['build_seconds_inprocess']} s", file=sys.stderr)


def run_bench(binary, index_dir, queries_file):
    """Run `policy-search bench --samples`; return (samples document, stdout summary)."""
    fd, samples_path = tempfile.mkstemp(prefix="policy-search-samples-", suffix=".json")
    os.close(fd)
    try:
        cmd = [binary, "bench", "--index", index_dir, "--queries", queries_file,
               "--samples", samples_path, "--cold-runs", "0", "--format", "json",
               "--repetitions", str(benchlib.REPS)]
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if proc.returncode != 0:
            sys.exit(f"{ENGINE}: {' '.join(cmd)} failed ({proc.returncode}):\n"
                     f"{proc.stderr.decode(errors='replace')}")
        with open(samples_path, encoding="utf-8") as handle:
            return json.load(handle)
    finally:
        os.unlink(samples_path)


def queries(binary, index_dir, queries_file, out_dir):
    expected = passages.read_queries(queries_file)
    doc = run_bench(binary, index_dir, queries_file)
    got = [q["query"] for q in doc["queries"]]
    if got != expected:
        sys.exit(f"{ENGINE}: the CLI read other queries than passages.read_queries:\n"
                 f"  CLI:     {got}\n  harness: {expected}")
    out = benchlib.QueryOutput(ENGINE, out_dir)
    duplicates = {}
    for qid, q in enumerate(doc["queries"], start=1):
        samples = q["samplesNanoseconds"]
        if len(samples) != benchlib.REPS:
            print(f"WARNING: {ENGINE} '{q['query']}': {len(samples)} samples, expected {benchlib.REPS}",
                  file=sys.stderr)
        top10 = [(t["path"], t["line"], t["score"]) for t in q.get("top10") or []]
        every = [(a["path"], a["line"]) for a in q.get("all") or []]
        if len(every) != q["hits"]:
            print(f"WARNING: {ENGINE} '{q['query']}': total {q['hits']} != listed hits {len(every)}",
                  file=sys.stderr)
        # A hit is a piece of a line; two pieces of one long line can both be hits with the same
        # (path, line).  The harness identifies passages by (path, line): keep each once.
        distinct = sorted(set(every))
        if len(distinct) != len(every):
            duplicates[q["query"]] = len(every) - len(distinct)
        # `hits` stays the engine's own exact total (what the CLI reports); allhits holds
        # distinct lines.
        out.add(MODE, qid, q["query"], q["hits"], top10, samples, distinct)
    if duplicates:
        print(f"NOTE: {ENGINE}: hits counted per piece; the same (path, line) came more than once "
              f"for {len(duplicates)} queries: {duplicates}", file=sys.stderr)
    build = doc.get("build") or {}
    out.extra = {
        "warmup_rounds": doc.get("warmupRounds"),
        "open_seconds": round(doc.get("openMilliseconds", 0.0) / 1000.0, 3),
        "timed_operation": "in the policy-search process: parse + match + BM25 + exact total "
                           "+ path and line of the top 10 (policy-search bench --samples)",
        "index_passages": build.get("passages"),
        "duplicate_line_hits": duplicates,
    }
    out.close()


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "build-json":
        build_json(sys.argv[2], sys.argv[3], sys.argv[4])
    elif len(sys.argv) == 6 and sys.argv[1] == "queries":
        queries(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
    else:
        sys.exit(__doc__)

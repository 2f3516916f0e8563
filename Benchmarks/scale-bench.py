#!/usr/bin/env python3
"""Speed at scale, in one command: for a corpus and copies of it (hard links,
`cp -al`), the index build (wall seconds, peak memory, index size against the
corpus), warm query medians (`policy-search bench`), cold whole-process
searches against the floor of a Swift hello-world that imports Foundation
(paired runs, A B A B ...), and the export rate of a query with very many hits
(`export` to CSV, `search --all --format json`, `kwic`: hits a second and peak
memory).

  Benchmarks/scale-bench.py [--binary .build/release/policy-search]
      [--corpus ../shared/corpus] [--copies 1,2,4] [--runs 10]
      [--query 数据交易] [--export-query 的] [--work /tmp/scale-bench]
      [--json results.json]

Prints a table per measure; --json also writes every figure. Use a release
build; the copies need room for their index (about the corpus's size each).
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HELLO = 'import Foundation\nprint("hello")\n'


def run(command, stdout=subprocess.DEVNULL):
    """Runs a whole process; returns (wall seconds, peak resident MiB, exit status)."""
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - start
    return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def checked(command, stdout=subprocess.DEVNULL):
    wall, peak, status = run(command, stdout)
    if status not in (0, 1):
        sys.exit("scale-bench: %s exited with %d" % (" ".join(command), status))
    return wall, peak


def folder_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


def paired(a, b, runs):
    """Median walls of A and B run in turn, and the median of the pair ratios."""
    walls_a, walls_b, ratios = [], [], []
    run(a), run(b)  # warm-up
    for _ in range(runs):
        wa = run(a)[0]
        wb = run(b)[0]
        walls_a.append(wa)
        walls_b.append(wb)
        ratios.append(wa / wb)
    return statistics.median(walls_a), statistics.median(walls_b), statistics.median(ratios)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(here, "..", ".build", "release", "policy-search"))
    shared = os.path.join(here, "..", "..", "shared")
    parser.add_argument("--corpus", default=os.path.join(shared, "corpus"))
    parser.add_argument("--queries", default=os.path.join(shared, "bench", "queries.txt"))
    parser.add_argument("--copies", default="1,2,4")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--query", default="数据交易")
    parser.add_argument("--export-query", default="的")
    parser.add_argument("--work", default=None)
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        sys.exit("scale-bench: build policy-search first (swift build -c release --static-swift-stdlib): no %s" % binary)
    if not os.path.isdir(args.corpus):
        sys.exit("scale-bench: no corpus folder %s" % args.corpus)
    copies = [int(part) for part in args.copies.split(",")]
    work = args.work or tempfile.mkdtemp(prefix="scale-bench.")
    os.makedirs(work, exist_ok=True)

    hello = os.path.join(work, "hello")
    with open(hello + ".swift", "w") as f:
        f.write(HELLO)
    subprocess.run(["swiftc", "-O", hello + ".swift", "-o", hello], check=True)

    results = {"binary": binary, "corpus": os.path.abspath(args.corpus), "sizes": []}
    corpus_bytes = folder_bytes(args.corpus)
    for count in copies:
        corpus = os.path.join(work, "corpus-%d" % count)
        index = os.path.join(work, "index-%d" % count)
        if not os.path.isdir(corpus):
            os.makedirs(corpus)
            for i in range(count):
                subprocess.run(["cp", "-al", os.path.abspath(args.corpus), os.path.join(corpus, "copy%d" % i)], check=True)
        shutil.rmtree(index, ignore_errors=True)
        build_wall, build_peak = checked([binary, "index", corpus, "--index", index, "--quiet"])
        index_bytes = folder_bytes(index)
        bench = subprocess.run([binary, "bench", "--index", index, "--queries", args.queries, "--format", "json",
                                "--cold-runs", "0"], capture_output=True, text=True)
        medians = []
        if bench.returncode == 0:
            medians = [q["medianMicroseconds"] for q in json.loads(bench.stdout)["queries"]]
        cold, floor, ratio = paired([binary, "search", args.query, "--index", index], [hello], args.runs)
        size = {"copies": count, "corpusBytes": corpus_bytes * count, "indexSeconds": build_wall,
                "indexPeakMiB": build_peak, "indexBytes": index_bytes,
                "indexShare": index_bytes / (corpus_bytes * count), "warmMedianMicroseconds": statistics.median(medians) if medians else None,
                "coldSeconds": cold, "helloSeconds": floor, "coldOverHello": ratio}
        results["sizes"].append(size)
        print("%2d×: index %.1f s, peak %.0f MiB, %.1f MB (%.0f %% of the corpus); warm median %s µs; "
              "cold search %.1f ms, hello %.1f ms, ratio %.2f" % (
                  count, build_wall, build_peak, index_bytes / 1e6, 100 * size["indexShare"],
                  "%.0f" % size["warmMedianMicroseconds"] if medians else "?", cold * 1000, floor * 1000, ratio), flush=True)

    first = results["sizes"][0]
    for size in results["sizes"][1:]:
        print("%2d× against %d×: indexing %.2f×, cold search %.2f×, warm median %s×" % (
            size["copies"], first["copies"], size["indexSeconds"] / first["indexSeconds"],
            size["coldSeconds"] / first["coldSeconds"],
            "%.2f" % (size["warmMedianMicroseconds"] / first["warmMedianMicroseconds"]) if size["warmMedianMicroseconds"] else "?"))

    # Exports of a query with very many hits, on the first size.
    index = os.path.join(work, "index-%d" % first["copies"])
    exports = {}
    target = os.path.join(work, "export.csv")
    listing = os.path.join(work, "all.jsonl")
    hits = 0
    for name, command, output in [
        ("search --all json", [binary, "search", args.export_query, "--index", index, "--all", "--format", "json"], listing),
        ("export csv", [binary, "export", args.export_query, "--index", index, "-o", target], os.devnull),
        ("kwic", [binary, "kwic", args.export_query, "--index", index], os.devnull),
    ]:
        with open(output, "w") as sink:
            wall, peak = checked(command, stdout=sink)
        if output == listing:
            # One JSON line a hit.
            with open(listing, "rb") as f:
                hits = sum(1 for _ in f)
        exports[name] = {"seconds": wall, "peakMiB": peak, "hitsPerSecond": hits / wall if wall else None}
        print("%s of %s (%d hits): %.2f s, %.0f hits/s, peak %.0f MiB" % (name, args.export_query, hits, wall, hits / wall, peak), flush=True)
    results["exports"] = {"query": args.export_query, "hits": hits, "runs": exports}
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, ensure_ascii=False, indent=2)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

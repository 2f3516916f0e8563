#!/usr/bin/env python3
"""The first page's quality over a set of queries (issue: results a researcher trusts).

For each query, `policy-search search Q --limit 10 --format json` over an index,
and counts, over all top-10 slots:
  - repeats: a slot whose passage text equals a text shown above it;
  - fragments: a slot whose passage is no longer than the query plus 8
    characters (white space not counted), among queries that have a longer
    matching passage than that (from `search Q --all --format json`).

Usage: Benchmarks/result-quality.py BINARY INDEX [QUERIES_FILE...]
Without files: ../shared/bench/queries.txt and the 40 queries below.
"""
import json
import os
import subprocess
import sys

EXTRA = """数据要素 数据确权 数据资产 数据治理 数据分类分级 数据出境 个人隐私 隐私保护 征信 信用体系
电子证照 一网通办 政务服务 营商环境 放管服 网络安全 关键信息基础设施 安全审查 等级保护 应急管理
区块链 算力 数字经济 数字政府 智能制造 工业互联网 车联网 北斗 遥感 地理信息
知识产权 专利 标准化 试点示范 产业基金 财政补贴 税收优惠 人才引进 科研机构 高新技术企业""".split()


# Further options for every search, such as `--min-length 0` (from the environment).
EXTRA_OPTIONS = os.environ.get("SEARCH_OPTIONS", "").split()


def queries(files):
    result = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#"):
                    result.append(line)
    return result


def search(binary, index, query, *options):
    # Each part a phrase, as the bench harness asks them.
    text = " ".join('"%s"' % part for part in query.split())
    out = subprocess.run([binary, "search", text, "--index", index, "--format", "json", *EXTRA_OPTIONS, *options],
                         capture_output=True, text=True).stdout  # status 1: no hits
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def length(text):
    return len("".join(text.split()))


def main():
    binary, index = sys.argv[1], sys.argv[2]
    files = sys.argv[3:] or [os.path.join(os.path.dirname(__file__), "..", "..", "shared", "bench", "queries.txt")]
    asked = queries([f for f in files if os.path.exists(f)]) + ([] if sys.argv[3:] else EXTRA)
    slots = repeats = fragment_slots = fragments = 0
    for query in asked:
        top = search(binary, index, query, "--limit", "10")
        threshold = length(query.replace(" ", "")) + 8
        shown = set()
        for hit in top:
            slots += 1
            if hit["text"] in shown:
                repeats += 1
            shown.add(hit["text"])
        # Fragments count where a longer matching passage exists.
        if any(length(h["text"]) > threshold for h in search(binary, index, query, "--all")):
            fragment_slots += len(top)
            fragments += sum(1 for h in top if length(h["text"]) <= threshold)
    print(f"queries: {len(asked)}, top-10 slots: {slots}")
    print(f"repeats: {repeats} ({100 * repeats / max(1, slots):.1f} %)")
    print(f"fragments: {fragments} of {fragment_slots} slots ({100 * fragments / max(1, fragment_slots):.1f} %)")


if __name__ == "__main__":
    main()

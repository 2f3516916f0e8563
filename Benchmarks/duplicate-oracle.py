#!/usr/bin/env python3
"""Duplicate documents against an independent method (README: Duplicates).

Usage: Benchmarks/duplicate-oracle.py CORPUS INDEX
Compares the groups of INDEX/manifest.json (`duplicateDocuments`) with pairs
found from the corpus files themselves: lines instead of passages.
"""
import json, os, itertools, collections, sys
root = sys.argv[1]
m = json.load(open(os.path.join(sys.argv[2], "manifest.json")))
ours = set()
for g in m["duplicateDocuments"] or []:
    for a, b in itertools.combinations(sorted(g), 2): ours.add((a, b))
# The independent method: lines of at least 8 characters (white space removed), boilerplate lines
# (in more than 8 files) left out, Jaccard >= 0.9 over the files that have 3 or more such lines.
docs = {}
for dirpath, _, files in os.walk(root):
    for f in files:
        if not f.endswith((".md", ".txt")) or "sighan2005" in dirpath: continue
        p = os.path.join(dirpath, f); rel = os.path.relpath(p, root)
        try: text = open(p, encoding="utf-8").read()
        except Exception: continue
        docs[rel] = set("".join(l.split()) for l in text.splitlines() if len("".join(l.split())) >= 8)
holders = collections.defaultdict(list)
for d, s in docs.items():
    if len(s) >= 3:
        for l in s: holders[l].append(d)
shared = collections.Counter()
for l, ds in holders.items():
    if 1 < len(ds) <= 8:
        for a, b in itertools.combinations(sorted(ds), 2): shared[(a, b)] += 1
size = {d: sum(1 for l in s if len(holders.get(l, [])) <= 8) for d, s in docs.items()}
oracle = set()
for (a, b), c in shared.items():
    if c / (size[a] + size[b] - c) >= 0.9: oracle.add((a, b))
print("pairs: ours", len(ours), "oracle", len(oracle), "both", len(ours & oracle))
for p in sorted(oracle - ours): print("oracle only:", p)
for p in sorted(ours - oracle): print("ours only:", p)

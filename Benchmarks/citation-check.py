#!/usr/bin/env python3
"""Checks `cited-by` against an independent scan of the corpus files.

For every document number found (by a regular expression over the NFKC text of
every file) in at least --min-files files, and every title in 《》 found in at
least --min-files files, the set of files that contain it (the number in any
brackets and digits; the title with or without 中华人民共和国 and a trailing
qualifier in parentheses) is compared with the files `cited-by` lists.
Files whose own number or title it is (the number alone on a header line, the
title as the file's first line) are left out of the scan's set: a document
does not cite itself. Prints precision and recall per target and overall.

    python3 Benchmarks/citation-check.py --binary .build/release/policy-search \
        --index /tmp/idx --corpus ../shared/corpus
"""
import argparse, json, os, re, subprocess, sys, unicodedata, collections

BRACKET_OPEN = "〔[(【﹝"
BRACKET_CLOSE = "〕])】﹞"
NUMBER = re.compile(r"([\u4e00-\u9fff]{1,12})\s*[〔\[(【]\s*((?:19|20)\d\d)\s*[〕\])】]\s*第?\s*0*(\d{1,6})\s*号")
# A title in 《》, which a line break of the source may cut once.
TITLE = re.compile(r"《([^《》\n]{1,100}?\n?[^《》\n]{0,100}?)》")
QUALIFIER = re.compile(r"[(（][^()（）]*(?:试行|暂行|修订|修正|草案|\d{4})[^()（）]*[)）]$")


def normalize(text):
    text = unicodedata.normalize("NFKC", text)
    return text.replace("﹝", "〔").replace("﹞", "〕")


def title_key(title):
    title = QUALIFIER.sub("", title.strip())
    title = re.sub(r"[\s《》〈〉<>“”\"‘’'「」]", "", title)
    return title.replace("中华人民共和国", "")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--index", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--min-files", type=int, default=5)
    parser.add_argument("--max-targets", type=int, default=60)
    args = parser.parse_args()

    numbers = collections.defaultdict(set)
    titles = collections.defaultdict(set)
    own_numbers = collections.defaultdict(set)
    own_titles = {}
    for root, _, files in os.walk(args.corpus):
        for name in files:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, args.corpus)
            if not name.endswith((".md", ".txt")):
                continue
            with open(path, encoding="utf-8", errors="replace") as f:
                text = normalize(f.read())
            lines = text.split("\n")
            first = lines[0].lstrip("# ").strip() if lines else ""
            own_titles[rel] = title_key(first)
            for line in lines[:40]:
                stripped = line.strip().strip("()（）[]- ")
                match = NUMBER.fullmatch(stripped)
                if match:
                    own_numbers[rel].add(f"{match.group(1)}〔{match.group(2)}〕{int(match.group(3))}号")
            for match in NUMBER.finditer(text):
                numbers[(match.group(2), int(match.group(3)), match.group(1))].add(rel)
            for match in TITLE.finditer(text):
                title = match.group(1).replace("\n", "")
                if len(title) >= 2:
                    titles[title_key(title)].add(rel)

    # A number's files: the abbreviation may carry extra characters before it.
    by_number = collections.defaultdict(set)
    for (year, serial, prefix), files in numbers.items():
        for cut in range(len(prefix)):
            by_number[f"{prefix[cut:]}〔{year}〕{serial}号"] |= files
    targets = [("number", n, f) for n, f in by_number.items() if len(f) >= args.min_files and re.match(r"^[\u4e00-\u9fff]{2,}", n)]
    targets += [("title", t, f) for t, f in titles.items() if len(f) >= args.min_files and len(t) >= 4]
    targets.sort(key=lambda t: (-len(t[2]), t[1]))
    # Numbers and titles alternately, the most frequent first.
    chosen = [t for t in targets if t[0] == "number"][: args.max_targets // 2]
    chosen += [t for t in targets if t[0] == "title"][: args.max_targets - len(chosen)]

    total_tp = total_fp = total_fn = 0
    for kind, target, files in chosen:
        expected = {f for f in files if not (kind == "number" and target in own_numbers[f])
                    and not (kind == "title" and own_titles.get(f) == target)}
        query = target if kind == "number" else f"《{target}》"
        out = subprocess.run([args.binary, "cited-by", query, "--index", args.index, "--format", "json"],
                             capture_output=True, text=True)
        if out.returncode != 0:
            print(f"{query}: error {out.stderr.strip()}")
            continue
        found = set()
        for line in out.stdout.splitlines():
            file = json.loads(line)["file"]
            found.add(os.path.relpath(os.path.abspath(file), os.path.abspath(args.corpus)))
        tp, fp, fn = len(found & expected), len(found - expected), len(expected - found)
        total_tp, total_fp, total_fn = total_tp + tp, total_fp + fp, total_fn + fn
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print(f"{kind:6} {query}: scan {len(expected)}, cited-by {len(found)}, precision {precision:.3f}, recall {recall:.3f}")
        for f in sorted(found - expected)[:3]:
            print(f"    only cited-by: {f}")
        for f in sorted(expected - found)[:3]:
            print(f"    only the scan: {f}")
    precision = total_tp / (total_tp + total_fp) if total_tp + total_fp else 1.0
    recall = total_tp / (total_tp + total_fn) if total_tp + total_fn else 1.0
    print(f"overall over {len(chosen)} targets: precision {precision:.4f}, recall {recall:.4f} "
          f"({total_tp} agreed, {total_fp} only cited-by, {total_fn} only the scan)")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Split data/penguins.csv into data/train.csv and data/test.csv, stratified by species.

    python3 scripts/split.py [--seed 7] [--test-fraction 0.2]

Each species' rows are ordered by sha256("<seed>:<line>") of their line number in penguins.csv and
the first round(fraction * n) go to the test set. A hash rather than random.shuffle keeps the split
identical on every Python version (shuffle's algorithm is not guaranteed stable across releases).
Both files keep penguins.csv's columns and row order, so a diff of either is easy to read.
"""
import argparse
import csv
import hashlib
import os

EXAMPLE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(EXAMPLE, "data")
LABEL = "Species"


def rank(seed, line):
    return hashlib.sha256(f"{seed}:{line}".encode()).hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--test-fraction", type=float, default=0.2)
    args = parser.parse_args()

    with open(os.path.join(DATA, "penguins.csv"), encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        # Line numbers as an editor shows them (header = 1); no cell spans lines in this file.
        rows = [(line, row) for line, row in enumerate(reader, start=2)]

    label = header.index(LABEL)
    by_class = {}
    for line, row in rows:
        by_class.setdefault(row[label], []).append(line)
    test_lines = set()
    for lines in by_class.values():
        ordered = sorted(lines, key=lambda line: rank(args.seed, line))
        test_lines.update(ordered[: round(args.test_fraction * len(lines))])

    for name, in_test in (("train", False), ("test", True)):
        path = os.path.join(DATA, f"{name}.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
            writer.writerow(header)
            subset = [row for line, row in rows if (line in test_lines) == in_test]
            writer.writerows(subset)
        print(f"wrote {len(subset)} rows to data/{name}.csv")


if __name__ == "__main__":
    main()

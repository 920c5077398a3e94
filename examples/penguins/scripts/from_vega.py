#!/usr/bin/env python3
"""Convert the vega-datasets copy of the Palmer penguins data to data/penguins.csv.

    python3 scripts/from_vega.py [path/to/penguins.json]

The default input is the repository's node_modules/vega-datasets/data/penguins.json. Values are
written as they are in the JSON: null becomes an empty cell, and the one Sex value "." (a
placeholder in the original data) is kept as ".", so the CSV is a faithful copy, not a cleaned one.
"""
import csv
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.dirname(HERE)
DEFAULT_SOURCE = os.path.join(
    EXAMPLE, "..", "..", "node_modules", "vega-datasets", "data", "penguins.json"
)
COLUMNS = [
    "Species",
    "Island",
    "Beak Length (mm)",
    "Beak Depth (mm)",
    "Flipper Length (mm)",
    "Body Mass (g)",
    "Sex",
]


def cell(value):
    # json gives int for 181 and float for 39.1; str() of either round-trips exactly.
    return "" if value is None else str(value)


def main(argv):
    source = argv[1] if len(argv) > 1 else DEFAULT_SOURCE
    try:
        with open(source, encoding="utf-8") as f:
            records = json.load(f)
    except FileNotFoundError:
        sys.exit(f"from_vega.py: {source} not found; run `npm ci` in kiln's root or pass the path")
    target = os.path.join(EXAMPLE, "data", "penguins.csv")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w", encoding="utf-8", newline="") as f:
        # Minimal quoting is RFC 4180: only cells with a comma, quote or line break are quoted.
        writer = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(COLUMNS)
        for record in records:
            if sorted(record) != sorted(COLUMNS):
                sys.exit(f"from_vega.py: unexpected columns {sorted(record)} in {source}")
            writer.writerow([cell(record[c]) for c in COLUMNS])
    print(f"wrote {len(records)} rows to {os.path.relpath(target)}")


if __name__ == "__main__":
    main(sys.argv)

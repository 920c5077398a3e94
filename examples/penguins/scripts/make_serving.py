#!/usr/bin/env python3
"""Build the "production" batches that kiln monitor reads, from real rows of data/test.csv.

    python3 scripts/make_serving.py

data/serving/batch-0001.jsonl: every test row as a JSON Lines record without the label (Species),
as a serving endpoint would log its inputs. Numbers keep the CSV's text form (181 stays an integer,
39.1 a float), empty cells become null and Sex "." is kept as it is in the data.

data/serving-drifted/batch-0001.jsonl: the same records with Body Mass (g) raised by 500 g and
Flipper Length (mm) by 10 mm (about 0.6 and 0.7 training standard deviations): a population shift
that drift tests should flag while the other columns stay as they were. No randomness is involved,
so the files are the same on every run.
"""
import csv
import json
import os

EXAMPLE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABEL = "Species"
SHIFTS = {"Body Mass (g)": 500, "Flipper Length (mm)": 10}


def value(text):
    if text == "":
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def shifted(record):
    return {k: v + SHIFTS[k] if k in SHIFTS and v is not None else v for k, v in record.items()}


def write_jsonl(path, records):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        for record in records:
            f.write(json.dumps(record) + "\n")
    print(f"wrote {len(records)} records to {os.path.relpath(path, EXAMPLE)}")


def main():
    with open(os.path.join(EXAMPLE, "data", "test.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    records = [{k: value(v) for k, v in row.items() if k != LABEL} for row in rows]
    write_jsonl(os.path.join(EXAMPLE, "data", "serving", "batch-0001.jsonl"), records)
    drifted = [shifted(r) for r in records]
    write_jsonl(os.path.join(EXAMPLE, "data", "serving-drifted", "batch-0001.jsonl"), drifted)


if __name__ == "__main__":
    main()

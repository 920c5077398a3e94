#!/usr/bin/env python3
"""Score a saved penguins model on evaluation data, with the standard library only: kiln's
`evaluate:` command (kiln evaluate, and the gate scoring a candidate and its baseline alike).

    python3 evaluate.py [--model-dir model/] [--data data/test.csv]
                        [--metrics metrics.json] [--examples predictions.csv]

Each flag defaults to the variable kiln sets: KILN_MODEL_DIR, KILN_EVAL_DATA, KILN_METRICS_FILE and
KILN_EXAMPLES_FILE (no per-example file when neither is given). The data is a CSV file, or a folder
of CSV files read in name order (kiln links the files a glob matches into such a folder).

Loads <model dir>/model.json as train.py saved it and predicts with train.py's own code, so the
numbers are train.py's: scored on data/test.csv, the model gets the metrics train.py reported.
Writes the metrics (accuracy, f1_macro, log_loss, rows, and per-slice accuracy keyed
"<feature>=<value>") and the per-example results (id,label,prediction,probability,log_loss; id =
the row's line in its CSV, header = line 1, as in train.py's predictions.csv — "<file>:<line>" when
the data is a folder). Same inputs give byte-identical outputs. Exit codes: 0 done, 2 unusable
input, 143 SIGTERM.
"""
import argparse
import json
import math
import os
import signal
import sys

sys.dont_write_bytecode = True  # importing train.py must leave no __pycache__ in the repository
import train  # noqa: E402  (train.py beside this file: its prediction code and metric definitions)

MODEL_FORMAT = "kiln-example.penguins.naive-bayes/v1"

stage = "starting"


def log(message):
    print(f"[evaluate] {message}", flush=True)


def on_sigterm(signum, frame):
    # Scoring takes milliseconds and leaves nothing worth keeping half done; 143 tells the runner
    # that stopped us (a timeout, a cancelled job) that the signal was honoured.
    log(f"interrupted by SIGTERM while {stage}; exiting")
    sys.exit(143)


def load_model(model_dir):
    path = os.path.join(model_dir, "model.json")
    try:
        with open(path, encoding="utf-8") as f:
            model = json.load(f)
    except FileNotFoundError:
        raise train.InputError(f"no model at {path}; train one with python3 train.py --out {model_dir}") from None
    except json.JSONDecodeError as e:
        raise train.InputError(f"{path}:{e.lineno}: not valid JSON: {e.msg}") from None
    if not isinstance(model, dict) or model.get("format") != MODEL_FORMAT:
        raise train.InputError(f"{path} is not a model train.py saved (format {MODEL_FORMAT})")
    return model


def data_files(data):
    """The CSV files to score, with the name each row's id starts with (None for a single file)."""
    if os.path.isdir(data):
        names = sorted(n for n in os.listdir(data) if not n.startswith("."))
        files = [(os.path.join(data, n), n) for n in names if os.path.isfile(os.path.join(data, n))]
        if not files:
            raise train.InputError(f"{data} holds no data files")
        return files
    if not os.path.isfile(data):
        raise train.InputError(f"data file not found: {data}")
    return [(data, None)]


def read_rows(model, data):
    features = list(model["numeric"]) + list(model["categorical"])
    rows = []
    for path, name in data_files(data):
        header, file_rows = train.read_csv(path)
        missing = [f for f in features if f not in header]
        if missing:
            raise train.InputError(f"{path} has no column {missing[0]!r} (the model uses it)")
        for row in file_rows:
            # Every numeric cell is checked here, so a bad one is named by its own file and line.
            for feature in model["numeric"]:
                train.number(row, feature, path)
            row["_id"] = row["_line"] if name is None else f"{name}:{row['_line']}"
            rows.append(row)
    if not rows:
        raise train.InputError(f"{data} has no data rows")
    return rows


def examples_csv(results):
    lines = ["id,label,prediction,probability,log_loss"]
    for row, prediction, probabilities in results:
        # Species names hold no comma or quote, so no cell needs quoting.
        probability = round(probabilities[prediction], train.DIGITS)
        loss = -math.log(max(probabilities.get(row[train.LABEL], 0.0), train.MIN_PROBABILITY))
        lines.append(f"{row['_id']},{row[train.LABEL]},{prediction},{probability},{round(loss, train.DIGITS)}")
    return "\n".join(lines) + "\n"


def main(argv=None):
    global stage
    env = os.environ
    parser = argparse.ArgumentParser(description="Score a saved penguins model on evaluation data.")
    parser.add_argument("--model-dir", default=env.get("KILN_MODEL_DIR"), help="folder with model.json")
    parser.add_argument("--data", default=env.get("KILN_EVAL_DATA"), help="a CSV file or a folder of them")
    parser.add_argument("--metrics", default=env.get("KILN_METRICS_FILE"), help="metrics file to write")
    parser.add_argument("--examples", default=env.get("KILN_EXAMPLES_FILE"), help="per-example results")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, on_sigterm)
    for flag, variable in (("model_dir", "KILN_MODEL_DIR"), ("data", "KILN_EVAL_DATA"),
                           ("metrics", "KILN_METRICS_FILE")):
        if not getattr(args, flag):
            option = "--" + flag.replace("_", "-")
            print(f"evaluate.py: error: give {option} or set {variable}", file=sys.stderr, flush=True)
            return 2

    try:
        stage = "reading inputs"
        model = load_model(args.model_dir)
        rows = read_rows(model, args.data)
        log(f"read the model from {args.model_dir} and {len(rows)} rows from {args.data}")

        stage = "scoring"
        # train.py's own evaluation, so every metric means exactly what it means there.
        metrics, results = train.evaluate(model, [], rows, args.data)
        metrics.pop("train")
        slices = metrics.pop("slices")
        metrics["rows"] = metrics.pop("test")["rows"]
        metrics["slices"] = slices
        log(f"accuracy {metrics['accuracy']}  f1_macro {metrics['f1_macro']}  "
            f"log_loss {metrics['log_loss']}")

        stage = "writing outputs"
        train.write_text(args.metrics, json.dumps(metrics, indent=2) + "\n")
        written = [args.metrics]
        if args.examples:
            train.write_text(args.examples, examples_csv(results))
            written.append(args.examples)
        log(f"wrote {', '.join(written)}")
    except train.InputError as e:
        print(f"evaluate.py: error: {e}", file=sys.stderr, flush=True)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

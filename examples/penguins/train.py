#!/usr/bin/env python3
"""Train a Naive Bayes classifier for a penguin's species, with the standard library only.

    python3 train.py --out model/ [--metrics metrics.json] [--predictions predictions.csv]
                     [--params params.json] [--train data/train.csv] [--test data/test.csv]

Numeric features get a Gaussian likelihood per class (as scikit-learn's GaussianNB, including its
var_smoothing), categorical features a Laplace-smoothed categorical likelihood (as CategoricalNB).
Missing numeric values are imputed with the training mean of the feature, in training and in
prediction; a missing categorical value, or one never seen in training, contributes no evidence.
Sex "." (a placeholder in the original data) counts as missing.

Writes <out>/model.json (the fitted parameters), the metrics file (accuracy, f1_macro, log_loss,
row counts, and per-slice metrics keyed "<feature>=<value>") and the per-example predictions
(id,label,prediction,probability; id = the row's line in the test CSV, header = line 1).
Same inputs give byte-identical outputs. Exit codes: 0 done, 2 unusable input, 143 SIGTERM.
"""
import argparse
import csv
import json
import math
import os
import signal
import sys

LABEL = "Species"
MISSING = {"", "."}
# Slices in the metrics file, key -> column; kiln.yml's `slices: [{by: sex}]` names the key.
SLICES = {"species": "Species", "island": "Island", "sex": "Sex"}
PARAM_KEYS = {"model", "numeric_features", "categorical_features", "var_smoothing", "alpha"}
MIN_PROBABILITY = 1e-15  # log loss clips as scikit-learn does, so one confident miss stays finite
DIGITS = 6  # rounded metrics and probabilities keep diffs readable and runs byte-identical

stage = "starting"
out_dir = None


class InputError(Exception):
    """A user mistake: reported as one line, exit code 2."""


def log(message):
    print(f"[train] {message}", flush=True)


def on_sigterm(signum, frame):
    # Nothing here is worth resuming (training takes milliseconds), but a runner that stops us at a
    # timeout should find a note saying where we were, and 143 tells it we honoured the signal.
    if out_dir is not None:
        os.makedirs(out_dir, exist_ok=True)
        note = {"interrupted": True, "signal": "SIGTERM", "stage": stage}
        with open(os.path.join(out_dir, "checkpoint.json"), "w", encoding="utf-8") as f:
            f.write(json.dumps(note, indent=2) + "\n")
    log(f"interrupted by SIGTERM while {stage}; exiting")
    sys.exit(143)


def read_csv(path):
    """Rows as dicts, each with the line it starts on (header = line 1)."""
    if not os.path.isfile(path):
        raise InputError(f"data file not found: {path}")
    rows = []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None:
            raise InputError(f"{path} is empty; expected a header line")
        start = reader.line_num + 1
        for cells in reader:
            if len(cells) != len(header):
                found = f"expected {len(header)} cells, found {len(cells)}"
                raise InputError(f"{path}:{start}: {found}")
            row = dict(zip(header, cells))
            row["_line"] = start
            rows.append(row)
            start = reader.line_num + 1
    if LABEL not in header:
        raise InputError(f"{path} has no {LABEL!r} column")
    return header, rows


def read_params(path):
    try:
        with open(path, encoding="utf-8") as f:
            params = json.load(f)
    except FileNotFoundError:
        raise InputError(f"params file not found: {path}") from None
    except json.JSONDecodeError as e:
        raise InputError(f"{path}:{e.lineno}: not valid JSON: {e.msg}") from None
    unknown = sorted(set(params) - PARAM_KEYS)
    if unknown:
        known = ", ".join(sorted(PARAM_KEYS))
        raise InputError(f"{path}: unknown key(s) {', '.join(unknown)}; known: {known}")
    if params.get("model", "gaussian_nb") != "gaussian_nb":
        raise InputError(f"{path}: model {params['model']!r} is not supported; use gaussian_nb")
    params.setdefault("model", "gaussian_nb")
    params.setdefault("numeric_features", [])
    params.setdefault("categorical_features", [])
    params.setdefault("var_smoothing", 1e-9)
    params.setdefault("alpha", 1.0)
    for key in ("numeric_features", "categorical_features"):
        if not isinstance(params[key], list) or not all(isinstance(f, str) for f in params[key]):
            raise InputError(f"{path}: {key} must be a list of column names")
    # A zero variance or a zero count would make a likelihood infinite, so both must be positive.
    for key in ("var_smoothing", "alpha"):
        value = params[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise InputError(f"{path}: {key} must be a positive number")
    if not params["numeric_features"] and not params["categorical_features"]:
        raise InputError(f"{path}: name a feature in numeric_features or categorical_features")
    return params


def number(row, feature, path):
    text = row[feature]
    if text in MISSING:
        return None
    try:
        return float(text)
    except ValueError:
        raise InputError(f"{path}:{row['_line']}: {feature} {text!r} is not a number") from None


def fit(rows, params, path):
    classes = sorted({row[LABEL] for row in rows})
    counts = {c: sum(1 for row in rows if row[LABEL] == c) for c in classes}
    model = {
        "format": "kiln-example.penguins.naive-bayes/v1",
        "label": LABEL,
        "classes": classes,
        "priors": {c: counts[c] / len(rows) for c in classes},
        "numeric": {},
        "categorical": {},
    }

    # scikit-learn adds var_smoothing times the largest feature variance to every variance, so a
    # feature that is constant within a class cannot make a likelihood infinite.
    columns = {}
    for feature in params["numeric_features"]:
        values = [number(row, feature, path) for row in rows]
        seen = [v for v in values if v is not None]
        if not seen:
            raise InputError(f"{path}: {feature} has no values to learn from")
        impute = sum(seen) / len(seen)
        columns[feature] = (impute, [impute if v is None else v for v in values])
    largest = max((variance(vals) for _, vals in columns.values()), default=0.0)
    epsilon = params["var_smoothing"] * largest
    model["var_epsilon"] = epsilon
    for feature, (impute, values) in columns.items():
        by_class = {}
        for c in classes:
            mine = [v for v, row in zip(values, rows) if row[LABEL] == c]
            mean = sum(mine) / len(mine)
            by_class[c] = {"mean": mean, "var": variance(mine) + epsilon}
        model["numeric"][feature] = {"impute": impute, "by_class": by_class}

    alpha = params["alpha"]
    for feature in params["categorical_features"]:
        categories = sorted({row[feature] for row in rows} - MISSING)
        by_class = {}
        for c in classes:
            mine = [row[feature] for row in rows if row[LABEL] == c]
            mine = [v for v in mine if v not in MISSING]
            total = len(mine) + alpha * len(categories)
            by_class[c] = {v: (mine.count(v) + alpha) / total for v in categories}
        model["categorical"][feature] = {"categories": categories, "by_class": by_class}
    return model


def variance(values):
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / len(values)


def predict(model, row, path):
    """Class probabilities for one row, normalised with log-sum-exp."""
    scores = {}
    for c in model["classes"]:
        score = math.log(model["priors"][c])
        for feature, spec in model["numeric"].items():
            value = number(row, feature, path)
            x = spec["impute"] if value is None else value
            mean, var = spec["by_class"][c]["mean"], spec["by_class"][c]["var"]
            score += -0.5 * math.log(2 * math.pi * var) - (x - mean) ** 2 / (2 * var)
        for feature, spec in model["categorical"].items():
            p = spec["by_class"][c].get(row[feature])
            if p is not None:
                score += math.log(p)
        scores[c] = score
    top = max(scores.values())
    total = sum(math.exp(s - top) for s in scores.values())
    return {c: math.exp(s - top) / total for c, s in scores.items()}


def f1_macro(pairs):
    classes = sorted({label for label, _ in pairs} | {pred for _, pred in pairs})
    scores = []
    for c in classes:
        tp = sum(1 for label, pred in pairs if label == c and pred == c)
        fp = sum(1 for label, pred in pairs if label != c and pred == c)
        fn = sum(1 for label, pred in pairs if label == c and pred != c)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return sum(scores) / len(scores)


def evaluate(model, train_rows, test_rows, path):
    results = []
    for row in test_rows:
        probabilities = predict(model, row, path)
        # max() keeps the first of equals and classes are sorted: a tie goes to the first name.
        prediction = max(model["classes"], key=probabilities.get)
        results.append((row, prediction, probabilities))

    def accuracy(subset):
        return sum(1 for row, pred, _ in subset if row[LABEL] == pred) / len(subset)

    losses = [-math.log(max(p.get(row[LABEL], 0.0), MIN_PROBABILITY)) for row, _, p in results]
    log_loss = sum(losses) / len(losses)
    metrics = {
        "accuracy": round(accuracy(results), DIGITS),
        "f1_macro": round(f1_macro([(row[LABEL], pred) for row, pred, _ in results]), DIGITS),
        "log_loss": round(log_loss, DIGITS),
        "train": {"rows": len(train_rows)},
        "test": {"rows": len(test_rows)},
        "slices": {},
    }
    # A row whose slice value is missing is in no slice of that feature (but counts overall).
    for key, column in SLICES.items():
        values = sorted({row[column] for row, _, _ in results} - MISSING)
        for value in values:
            subset = [r for r in results if r[0][column] == value]
            metrics["slices"][f"{key}={value}"] = {
                "accuracy": round(accuracy(subset), DIGITS),
                "rows": len(subset),
            }
    return metrics, results


def write_text(path, text):
    """Writes through a temporary file so a reader never sees half a file."""
    parent = os.path.dirname(path)
    if parent:
        os.makedirs(parent, exist_ok=True)
    tmp = f"{path}.tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.replace(tmp, path)


def predictions_csv(results):
    lines = ["id,label,prediction,probability"]
    for row, prediction, probabilities in results:
        # Species names hold no comma or quote, so no cell needs quoting.
        probability = round(probabilities[prediction], DIGITS)
        lines.append(f"{row['_line']},{row[LABEL]},{prediction},{probability}")
    return "\n".join(lines) + "\n"


def main(argv=None):
    global stage, out_dir
    parser = argparse.ArgumentParser(description="Train the penguins species classifier.")
    parser.add_argument("--out", required=True, help="directory for model.json")
    parser.add_argument("--metrics", default="metrics.json", help="metrics file")
    parser.add_argument("--predictions", default="predictions.csv", help="per-example results")
    parser.add_argument("--params", default="params.json", help="hyper-parameters")
    parser.add_argument("--train", default=os.path.join("data", "train.csv"), help="training data")
    parser.add_argument("--test", default=os.path.join("data", "test.csv"), help="evaluation data")
    args = parser.parse_args(argv)
    out_dir = args.out
    signal.signal(signal.SIGTERM, on_sigterm)

    try:
        stage = "reading inputs"
        params = read_params(args.params)
        header, train_rows = read_csv(args.train)
        test_header, test_rows = read_csv(args.test)
        for feature in params["numeric_features"] + params["categorical_features"]:
            for path, columns in ((args.train, header), (args.test, test_header)):
                if feature not in columns:
                    raise InputError(f"{path} has no column {feature!r} (named in {args.params})")
        if not train_rows or not test_rows:
            raise InputError(f"{args.train if not train_rows else args.test} has no data rows")
        log(f"read {len(train_rows)} training rows from {args.train}, "
            f"{len(test_rows)} test rows from {args.test}")

        stage = "fitting"
        features = params["numeric_features"] + params["categorical_features"]
        log(f"fitting {params['model']} on {len(features)} features: {', '.join(features)}")
        model = fit(train_rows, params, args.train)
        model["params"] = params

        stage = "evaluating"
        metrics, results = evaluate(model, train_rows, test_rows, args.test)
        log(f"accuracy {metrics['accuracy']}  f1_macro {metrics['f1_macro']}  "
            f"log_loss {metrics['log_loss']}")

        stage = "writing outputs"
        write_text(os.path.join(args.out, "model.json"), json.dumps(model, indent=2) + "\n")
        write_text(args.metrics, json.dumps(metrics, indent=2) + "\n")
        write_text(args.predictions, predictions_csv(results))
        stale = os.path.join(args.out, "checkpoint.json")
        if os.path.exists(stale):
            os.remove(stale)  # a note from an interrupted earlier attempt no longer applies
        log(f"wrote {os.path.join(args.out, 'model.json')}, {args.metrics}, {args.predictions}")
    except InputError as e:
        print(f"train.py: error: {e}", file=sys.stderr, flush=True)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Train a small PyTorch classifier for a penguin's species, on the GPU when there is one.

    python train.py --out model/ [--checkpoints checkpoints/] [--metrics metrics.json]
                    [--predictions predictions.csv] [--params params.yaml]
                    [--train data/train.csv] [--test data/test.csv] [--device cuda|cpu]

A two-layer MLP over the four measurements (standardised; a missing value is imputed with the
training mean) and the one-hot island. It moves to CUDA when torch sees a GPU (kiln sets
CUDA_VISIBLE_DEVICES from `train.gpus`), else trains on the CPU.

Checkpoints: after every epoch, checkpoints/epoch-NNNN.pt (model, optimizer and RNG state), written
atomically; the newest `keep_checkpoints` stay. On start, the newest checkpoint is loaded and
training goes on from the epoch after it, so a re-run attempt that kiln restored the folder for
(or a spot runner's next job) does not start over. The folder is `--checkpoints`, else
$KILN_CHECKPOINTS, else checkpoints/.

SIGTERM (kiln's timeout or a cancelled job): the current batch finishes, the epoch in progress is
dropped (the last completed one is already saved), and the trainer exits 143 within a second.

Sweeps: with KILN_VARIANT set, the variant's overrides under `variants:` in params.yaml apply.

MIN_EPOCH_SECONDS (environment, default 0): each epoch lasts at least this long (a pause after each
batch), so that a SIGTERM lands in the middle of an epoch even on a fast GPU — for checking
cancellation and resume on a real machine. It changes no result.

Writes <out>/model.pt (state dict and the preprocessing), the metrics file (accuracy, f1_macro,
log_loss, row counts, epochs, and per-slice metrics keyed "<feature>=<value>", as the penguins
example) and the per-example predictions (id,label,prediction,probability; id = the row's line in
the test CSV, header = line 1). Exit codes: 0 done, 2 unusable input, 143 SIGTERM.
"""
import argparse
import csv
import glob
import json
import math
import os
import re
import signal
import sys
import time

import torch
import yaml
from torch import nn

LABEL = "Species"
MISSING = {"", "."}
SLICES = {"species": "Species", "island": "Island", "sex": "Sex"}
DEFAULTS = {
    "seed": 7,
    "epochs": 60,
    "batch_size": 32,
    "lr": 0.01,
    "weight_decay": 0.0001,
    "hidden": 32,
    "dropout": 0.1,
    "keep_checkpoints": 3,
    "numeric_features": [],
    "categorical_features": [],
}
MIN_PROBABILITY = 1e-15
DIGITS = 6
CHECKPOINT = re.compile(r"^epoch-(\d{4,})\.pt$")
MIN_EPOCH_SECONDS = "MIN_EPOCH_SECONDS"

stop_requested = False


class InputError(Exception):
    """A user mistake: reported as one line, exit code 2."""


def log(message):
    print(f"[train] {message}", flush=True)


def on_sigterm(signum, frame):
    # Only a flag: the loop checks it between batches, so no checkpoint is ever half written.
    global stop_requested
    stop_requested = True


def read_params(path, variant):
    try:
        with open(path, encoding="utf-8") as f:
            loaded = yaml.safe_load(f) or {}
    except FileNotFoundError:
        raise InputError(f"params file not found: {path}") from None
    except yaml.YAMLError as e:
        raise InputError(f"{path}: not valid YAML: {e}") from None
    if not isinstance(loaded, dict):
        raise InputError(f"{path}: expected a mapping of hyper-parameters")
    variants = loaded.pop("variants", None) or {}
    unknown = sorted(set(loaded) - set(DEFAULTS))
    if unknown:
        raise InputError(f"{path}: unknown key(s) {', '.join(unknown)}; known: {', '.join(DEFAULTS)}, variants")
    params = {**DEFAULTS, **loaded}
    if variant:
        if variant not in variants:
            known = ", ".join(sorted(variants)) or "none"
            raise InputError(f"{path}: KILN_VARIANT {variant!r} is not under variants: (declared: {known})")
        overrides = variants[variant] or {}
        bad = sorted(set(overrides) - set(DEFAULTS))
        if bad:
            raise InputError(f"{path}: variants.{variant}: unknown key(s) {', '.join(bad)}")
        params.update(overrides)
    for key in ("epochs", "batch_size", "hidden", "keep_checkpoints"):
        if isinstance(params[key], bool) or not isinstance(params[key], int) or params[key] < 1:
            raise InputError(f"{path}: {key} must be a positive integer")
    for key in ("lr", "weight_decay", "dropout"):
        if isinstance(params[key], bool) or not isinstance(params[key], (int, float)) or params[key] < 0:
            raise InputError(f"{path}: {key} must be a non-negative number")
    if not params["numeric_features"] and not params["categorical_features"]:
        raise InputError(f"{path}: name a feature in numeric_features or categorical_features")
    return params


def min_epoch_seconds():
    text = os.environ.get(MIN_EPOCH_SECONDS, "").strip()
    if not text:
        return 0.0
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not math.isfinite(value) or value < 0:
        raise InputError(f"{MIN_EPOCH_SECONDS}={text!r}: expected a number of seconds, 0 or more")
    return value


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
                raise InputError(f"{path}:{start}: expected {len(header)} cells, found {len(cells)}")
            row = dict(zip(header, cells))
            row["_line"] = start
            rows.append(row)
            start = reader.line_num + 1
    if LABEL not in header:
        raise InputError(f"{path} has no {LABEL!r} column")
    if not rows:
        raise InputError(f"{path} has no data rows")
    return header, rows


def number(row, feature, path):
    text = row[feature]
    if text in MISSING:
        return None
    try:
        return float(text)
    except ValueError:
        raise InputError(f"{path}:{row['_line']}: {feature} {text!r} is not a number") from None


def fit_preprocessing(rows, params, path):
    """Means and standard deviations of the numeric features, categories of the others."""
    prep = {"classes": sorted({row[LABEL] for row in rows}), "numeric": {}, "categorical": {}}
    for feature in params["numeric_features"]:
        seen = [v for v in (number(row, feature, path) for row in rows) if v is not None]
        if not seen:
            raise InputError(f"{path}: {feature} has no values to learn from")
        mean = sum(seen) / len(seen)
        std = math.sqrt(sum((v - mean) ** 2 for v in seen) / len(seen)) or 1.0
        prep["numeric"][feature] = {"mean": mean, "std": std}
    for feature in params["categorical_features"]:
        prep["categorical"][feature] = sorted({row[feature] for row in rows} - MISSING)
    return prep


def features(rows, prep, path):
    """The input matrix: standardised numerics (missing = mean = 0), then one-hot categories."""
    matrix = []
    for row in rows:
        x = []
        for feature, spec in prep["numeric"].items():
            value = number(row, feature, path)
            x.append(0.0 if value is None else (value - spec["mean"]) / spec["std"])
        for feature, categories in prep["categorical"].items():
            x.extend(1.0 if row[feature] == c else 0.0 for c in categories)
        matrix.append(x)
    return torch.tensor(matrix, dtype=torch.float32)


def labels(rows, prep, path):
    index = {c: i for i, c in enumerate(prep["classes"])}
    for row in rows:
        if row[LABEL] not in index:
            raise InputError(f"{path}:{row['_line']}: {LABEL} {row[LABEL]!r} is not in the training data")
    return torch.tensor([index[row[LABEL]] for row in rows], dtype=torch.long)


def build_model(inputs, classes, params):
    return nn.Sequential(
        nn.Linear(inputs, params["hidden"]),
        nn.ReLU(),
        nn.Dropout(params["dropout"]),
        nn.Linear(params["hidden"], classes),
    )


def checkpoints_in(folder):
    found = []
    for path in glob.glob(os.path.join(folder, "epoch-*.pt")):
        match = CHECKPOINT.match(os.path.basename(path))
        if match:
            found.append((int(match.group(1)), path))
    return sorted(found)


def save_checkpoint(folder, epoch, model, optimizer, generator, params, keep):
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"epoch-{epoch:04d}.pt")
    state = {
        "epoch": epoch,
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "torch_rng": torch.get_rng_state(),
        "generator": generator.get_state(),
        "params": params,
    }
    tmp = f"{path}.tmp"
    torch.save(state, tmp)
    os.replace(tmp, path)  # a reader (or a SIGKILL) never sees half a checkpoint
    for _, old in checkpoints_in(folder)[:-keep]:
        os.remove(old)


def load_checkpoint(folder, model, optimizer, generator, params, device):
    """Loads the newest checkpoint; returns the epoch it finished (0 when there is none)."""
    found = checkpoints_in(folder)
    if not found:
        return 0
    epoch, path = found[-1]
    state = torch.load(path, map_location=device, weights_only=False)
    if state.get("params") != params:
        log(f"{path} was written with other params; starting over")
        return 0
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    torch.set_rng_state(state["torch_rng"])
    generator.set_state(state["generator"])
    log(f"resumed from {path} (epoch {epoch})")
    return epoch


def f1_macro(pairs):
    classes = sorted({label for label, _ in pairs} | {pred for _, pred in pairs})
    scores = []
    for c in classes:
        tp = sum(1 for label, pred in pairs if label == c and pred == c)
        fp = sum(1 for label, pred in pairs if label != c and pred == c)
        fn = sum(1 for label, pred in pairs if label == c and pred != c)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return sum(scores) / len(scores)


def evaluate(model, x, rows, prep, epochs, train_rows):
    model.eval()
    with torch.no_grad():
        probabilities = torch.softmax(model(x), dim=1).cpu().tolist()
    classes = prep["classes"]
    results = []
    for row, probs in zip(rows, probabilities):
        best = max(range(len(classes)), key=lambda i: probs[i])  # a tie goes to the first name
        results.append((row, classes[best], dict(zip(classes, probs))))

    def accuracy(subset):
        return sum(1 for row, pred, _ in subset if row[LABEL] == pred) / len(subset)

    losses = [-math.log(max(p.get(row[LABEL], 0.0), MIN_PROBABILITY)) for row, _, p in results]
    metrics = {
        "accuracy": round(accuracy(results), DIGITS),
        "f1_macro": round(f1_macro([(row[LABEL], pred) for row, pred, _ in results]), DIGITS),
        "log_loss": round(sum(losses) / len(losses), DIGITS),
        "epochs": epochs,
        "train": {"rows": train_rows},
        "test": {"rows": len(rows)},
        "slices": {},
    }
    for key, column in SLICES.items():
        if column not in rows[0]:
            continue
        for value in sorted({row[column] for row, _, _ in results} - MISSING):
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
        lines.append(f"{row['_line']},{row[LABEL]},{prediction},{round(probabilities[prediction], DIGITS)}")
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description="Train the penguins species classifier with PyTorch.")
    parser.add_argument("--out", required=True, help="directory for model.pt")
    parser.add_argument("--checkpoints", default=os.environ.get("KILN_CHECKPOINTS") or "checkpoints",
                        help="checkpoint folder (default: $KILN_CHECKPOINTS, else checkpoints/)")
    parser.add_argument("--metrics", default="metrics.json", help="metrics file")
    parser.add_argument("--predictions", default="predictions.csv", help="per-example results")
    parser.add_argument("--params", default="params.yaml", help="hyper-parameters")
    parser.add_argument("--train", default=os.path.join("data", "train.csv"), help="training data")
    parser.add_argument("--test", default=os.path.join("data", "test.csv"), help="evaluation data")
    parser.add_argument("--device", choices=["cuda", "cpu"], help="default: cuda when available")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, on_sigterm)

    try:
        variant = os.environ.get("KILN_VARIANT", "")
        params = read_params(args.params, variant)
        epoch_seconds = min_epoch_seconds()
        header, train_rows = read_csv(args.train)
        test_header, test_rows = read_csv(args.test)
        for feature in params["numeric_features"] + params["categorical_features"]:
            for path, columns in ((args.train, header), (args.test, test_header)):
                if feature not in columns:
                    raise InputError(f"{path} has no column {feature!r} (named in {args.params})")
        if args.device == "cuda" and not torch.cuda.is_available():
            raise InputError("--device cuda, but torch sees no CUDA device (driver, CUDA build of torch?)")
    except InputError as e:
        print(f"train.py: error: {e}", file=sys.stderr, flush=True)
        return 2

    device = torch.device(args.device or ("cuda" if torch.cuda.is_available() else "cpu"))
    where = torch.cuda.get_device_name(device) if device.type == "cuda" else "CPU"
    log(f"torch {torch.__version__} on {device} ({where}){f', variant {variant}' if variant else ''}")
    log(f"read {len(train_rows)} training rows from {args.train}, {len(test_rows)} test rows from {args.test}")

    torch.manual_seed(params["seed"])
    prep = fit_preprocessing(train_rows, params, args.train)
    try:
        x_train = features(train_rows, prep, args.train).to(device)
        y_train = labels(train_rows, prep, args.train).to(device)
        x_test = features(test_rows, prep, args.test).to(device)
        labels(test_rows, prep, args.test)  # every test label must be a class the model knows
    except InputError as e:
        print(f"train.py: error: {e}", file=sys.stderr, flush=True)
        return 2

    model = build_model(x_train.shape[1], len(prep["classes"]), params).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=params["lr"], weight_decay=params["weight_decay"])
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(params["seed"])  # shuffles on the CPU, same on any device
    start = load_checkpoint(args.checkpoints, model, optimizer, generator, params, device)

    for epoch in range(start + 1, params["epochs"] + 1):
        model.train()
        order = torch.randperm(len(train_rows), generator=generator).to(device)
        total = 0.0
        batches = math.ceil(len(order) / params["batch_size"])
        for i in range(0, len(order), params["batch_size"]):
            batch = order[i:i + params["batch_size"]]
            optimizer.zero_grad()
            loss = loss_fn(model(x_train[batch]), y_train[batch])
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
            if epoch_seconds and not stop_requested:
                time.sleep(epoch_seconds / batches)  # MIN_EPOCH_SECONDS: slower, same result
            if stop_requested:
                break
        if stop_requested:
            log(f"SIGTERM during epoch {epoch}; the last checkpoint is epoch {epoch - 1}; exiting")
            return 143
        if not math.isfinite(total):
            print(f"train.py: error: the training loss is not finite at epoch {epoch} (lr too high?)",
                  file=sys.stderr, flush=True)
            return 1
        save_checkpoint(args.checkpoints, epoch, model, optimizer, generator, params, params["keep_checkpoints"])
        if epoch == 1 or epoch % 10 == 0 or epoch == params["epochs"]:
            log(f"epoch {epoch}/{params['epochs']}  train loss {total / len(train_rows):.4f}")

    metrics, results = evaluate(model, x_test, test_rows, prep, params["epochs"], len(train_rows))
    log(f"accuracy {metrics['accuracy']}  f1_macro {metrics['f1_macro']}  log_loss {metrics['log_loss']}")
    os.makedirs(args.out, exist_ok=True)
    tmp = os.path.join(args.out, "model.pt.tmp")
    torch.save({"state_dict": model.state_dict(), "preprocessing": prep, "params": params}, tmp)
    os.replace(tmp, os.path.join(args.out, "model.pt"))
    write_text(args.metrics, json.dumps(metrics, indent=2) + "\n")
    write_text(args.predictions, predictions_csv(results))
    log(f"wrote {os.path.join(args.out, 'model.pt')}, {args.metrics}, {args.predictions}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

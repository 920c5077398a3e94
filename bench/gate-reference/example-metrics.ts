/**
 * A policy metric recomputed from per-example results, for any subset of the examples (a
 * bootstrap resample). A column named like the metric holds per-example values whose mean is the
 * metric (a per-example loss, say); otherwise a few standard metrics come from `label` and
 * `prediction`. Both models are aligned to the candidate's row order.
 */
import { UsageError } from "../../core/errors.js";
import type { Direction } from "../../core/metrics/direction.js";
import type { ExampleTable, PairedExamples } from "./examples.js";

/** The metric on the examples at `idx` (indices may repeat: a resample). */
export type ExampleStatistic = (idx: Uint32Array) => number;

export interface PerExampleMetric {
  /** How it was computed, for messages: "column log_loss", "accuracy from label and prediction". */
  source: string;
  n: number;
  candidate: ExampleStatistic;
  baseline: ExampleStatistic;
  /** Per-example correctness (1 = the good outcome) when the metric is a rate of it: McNemar applies. */
  correct?: { candidate: Uint8Array; baseline: Uint8Array };
}

const BUILT_IN: Record<
  string,
  "accuracy" | "error_rate" | "f1_macro" | "balanced_accuracy" | "mae" | "mse" | "rmse"
> = {
  accuracy: "accuracy",
  acc: "accuracy",
  error_rate: "error_rate",
  error: "error_rate",
  misclassification_rate: "error_rate",
  zero_one_loss: "error_rate",
  f1_macro: "f1_macro",
  macro_f1: "f1_macro",
  balanced_accuracy: "balanced_accuracy",
  mae: "mae",
  mean_absolute_error: "mae",
  mse: "mse",
  mean_squared_error: "mse",
  rmse: "rmse",
  root_mean_squared_error: "rmse",
};

/** Metric names computed from label and prediction (each with its aliases in BUILT_IN). */
export const BUILT_IN_METRICS = Object.keys(BUILT_IN);
const COMPUTED = [...new Set(Object.values(BUILT_IN))];

export function perExampleMetric(
  metric: string,
  direction: Direction,
  paired: PairedExamples,
): PerExampleMetric | string {
  const { candidate, baseline, baselineRow } = paired;
  const n = candidate.ids.length;
  const last = metric.split(".").at(-1) ?? metric;
  const column = [metric, last].find((c) => candidate.columns.has(c) && baseline.columns.has(c));
  if (column !== undefined) {
    const c = numbers(candidate, column);
    const b = align(numbers(baseline, column), baselineRow);
    const binary = c.every((v) => v === 0 || v === 1) && b.every((v) => v === 0 || v === 1);
    return {
      source: `column ${column}`,
      n,
      candidate: mean(c),
      baseline: mean(b),
      ...(binary ? { correct: { candidate: good(c, direction), baseline: good(b, direction) } } : {}),
    };
  }
  const kind = BUILT_IN[last.toLowerCase()];
  if (kind === undefined) {
    return `${metric} cannot be computed from per-example results: add a ${last} column to them (label and prediction give ${COMPUTED.join(", ")})`;
  }
  for (const t of [candidate, baseline]) {
    for (const col of ["label", "prediction"]) {
      if (!t.columns.has(col))
        return `${metric} needs label and prediction columns; ${t.file} has ${[...t.columns.keys()].join(", ")}`;
    }
  }
  const source = `${kind} from label and prediction`;
  if (kind === "mae" || kind === "mse" || kind === "rmse") {
    const errors = (t: ExampleTable, rows?: Int32Array) => {
      const y = numbers(t, "label");
      const p = numbers(t, "prediction");
      const e = y.map((v, i) =>
        kind === "mae" ? Math.abs(v - (p[i] as number)) : (v - (p[i] as number)) ** 2,
      );
      return rows ? align(e, rows) : e;
    };
    const stat = (e: Float64Array): ExampleStatistic =>
      kind === "rmse" ? (idx) => Math.sqrt(mean(e)(idx)) : mean(e);
    return { source, n, candidate: stat(errors(candidate)), baseline: stat(errors(baseline, baselineRow)) };
  }
  // Classification: labels and predictions as codes of one shared class dictionary.
  const codes = new Map<string, number>();
  const code = (s: string) => {
    const k = s.trim();
    let c = codes.get(k);
    if (c === undefined) {
      c = codes.size;
      codes.set(k, c);
    }
    return c;
  };
  const encode = (t: ExampleTable, col: string, rows?: Int32Array) => {
    const cells = t.columns.get(col) ?? [];
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = code(cells[rows ? (rows[i] as number) : i] ?? "");
    return out;
  };
  const y = encode(candidate, "label");
  const pc = encode(candidate, "prediction");
  const pb = encode(baseline, "prediction", baselineRow);
  const k = codes.size;
  if (kind === "accuracy" || kind === "error_rate") {
    const cc = correctness(y, pc);
    const cb = correctness(y, pb);
    const rate = (v: Uint8Array): ExampleStatistic => {
      const acc = mean(Float64Array.from(v));
      return kind === "accuracy" ? acc : (idx) => 1 - acc(idx);
    };
    return { source, n, candidate: rate(cc), baseline: rate(cb), correct: { candidate: cc, baseline: cb } };
  }
  const stat = kind === "f1_macro" ? f1Macro : balancedAccuracy;
  return { source, n, candidate: (idx) => stat(y, pc, k, idx), baseline: (idx) => stat(y, pb, k, idx) };
}

function numbers(t: ExampleTable, column: string): Float64Array {
  const cells = t.columns.get(column) ?? [];
  const out = new Float64Array(cells.length);
  for (const [i, cell] of cells.entries()) {
    const v = cell.trim() === "" ? Number.NaN : Number(cell);
    if (!Number.isFinite(v)) {
      throw new UsageError(
        `${t.file}:${t.lines[i]}: ${column} ${JSON.stringify(cell)} is not a finite number`,
        {
          hint: "Per-example values must be numbers (no NaN, Infinity or empty cells)",
        },
      );
    }
    out[i] = v;
  }
  return out;
}

function align(values: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i] as number] as number;
  return out;
}

function mean(values: Float64Array): ExampleStatistic {
  return (idx) => {
    let sum = 0;
    for (let i = 0; i < idx.length; i++) sum += values[idx[i] as number] as number;
    return sum / idx.length;
  };
}

/** 0/1 values as "the good outcome happened": 1 is good for a higher-is-better rate. */
function good(values: Float64Array, direction: Direction): Uint8Array {
  return Uint8Array.from(values, (v) => (direction === "higher" ? v : 1 - v));
}

function correctness(labels: Int32Array, predictions: Int32Array): Uint8Array {
  return Uint8Array.from(labels, (y, i) => (y === predictions[i] ? 1 : 0));
}

function confusion(labels: Int32Array, predictions: Int32Array, k: number, idx: Uint32Array) {
  const tp = new Float64Array(k);
  const fp = new Float64Array(k);
  const fn = new Float64Array(k);
  const support = new Float64Array(k);
  for (let j = 0; j < idx.length; j++) {
    const i = idx[j] as number;
    const y = labels[i] as number;
    const p = predictions[i] as number;
    support[y] = (support[y] ?? 0) + 1;
    if (y === p) tp[y] = (tp[y] ?? 0) + 1;
    else {
      fp[p] = (fp[p] ?? 0) + 1;
      fn[y] = (fn[y] ?? 0) + 1;
    }
  }
  return { tp, fp, fn, support };
}

/** Macro F1 over the classes present in the labels or predictions (scikit-learn's default). */
export function f1Macro(labels: Int32Array, predictions: Int32Array, k: number, idx: Uint32Array): number {
  const { tp, fp, fn } = confusion(labels, predictions, k, idx);
  let sum = 0;
  let classes = 0;
  for (let c = 0; c < k; c++) {
    const denominator = 2 * (tp[c] as number) + (fp[c] as number) + (fn[c] as number);
    if (denominator === 0) continue;
    sum += (2 * (tp[c] as number)) / denominator;
    classes++;
  }
  return classes === 0 ? 0 : sum / classes;
}

/** Mean recall over the classes present in the labels (scikit-learn's balanced_accuracy_score). */
export function balancedAccuracy(labels: Int32Array, predictions: Int32Array, k: number, idx: Uint32Array) {
  const { tp, support } = confusion(labels, predictions, k, idx);
  let sum = 0;
  let classes = 0;
  for (let c = 0; c < k; c++) {
    if ((support[c] as number) === 0) continue;
    sum += (tp[c] as number) / (support[c] as number);
    classes++;
  }
  return classes === 0 ? 0 : sum / classes;
}

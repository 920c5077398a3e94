/**
 * A policy metric recomputed from per-example results: its value for both models on all the
 * examples, its paired bootstrap, and McNemar's counts where they apply. A column named like the
 * metric holds per-example values whose mean is the metric (a per-example loss, say); otherwise a
 * few standard metrics come from `label` and `prediction`. Both models are aligned to the
 * candidate's row order.
 *
 * How each resamples: metrics of the (label, candidate prediction, baseline prediction) table —
 * accuracy, error rate, macro F1, balanced accuracy — and per-example columns of few distinct
 * (candidate, baseline) pairs (a 0/1 column) resample the table's cell counts (sig-cells.ts);
 * other per-example values resample rows in typed arrays (sig-rows.ts). Both have the law of plain
 * row resampling, which `candidate`/`baseline` (statistics of a set of row indices) still allow.
 */
import { UsageError } from "../errors.js";
import type { Direction } from "../metrics/direction.js";
import { ClassSpace, type ExampleTable, type PairedExamples } from "./examples.js";
import type { Codes, ExampleColumn } from "./examples-column.js";
import { CellCounter, cellDeltas } from "./sig-cells.js";
import { meanDeltas, rootMeanDeltas, sharedFloat64 } from "./sig-rows.js";

/** The metric on the examples at `idx` (indices may repeat: a resample). */
export type ExampleStatistic = (idx: Uint32Array) => number;

export interface PerExampleMetric {
  /** How it was computed, for messages: "column log_loss", "accuracy from label and prediction". */
  source: string;
  n: number;
  /** The metric of each model on all the examples. */
  candidateValue: number;
  baselineValue: number;
  /** McNemar's discordant counts when the metric is a rate of per-example correctness. */
  discordant?: { b: number; c: number };
  /** What a bootstrap resample draws: the cells of a table of counts, or rows. */
  resampling: "cells" | "rows";
  /** Each bootstrap resample's candidate − baseline (unsorted), from the mulberry32 state `state`. */
  deltas(opts: { resamples: number; state: number }): Float64Array;
  /** The metric of each model on a set of row indices: plain row resampling's statistics (the reference). */
  readonly candidate: ExampleStatistic;
  readonly baseline: ExampleStatistic;
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

/** Distinct (candidate, baseline) value pairs a per-example column may have and still resample cells. */
const VALUE_CELL_CAP = 4096;

export function perExampleMetric(
  metric: string,
  direction: Direction,
  paired: PairedExamples,
): PerExampleMetric | string {
  const { candidate, baseline, baselineRow } = paired;
  const last = metric.split(".").at(-1) ?? metric;
  const column = [metric, last].find((c) => candidate.has(c) && baseline.has(c));
  if (column !== undefined) {
    const c = numbers(candidate, column);
    const b = aligned(numbers(baseline, column), baselineRow);
    return valueMetric(`column ${column}`, c, b, "mean", binaryDiscordant(c, b, direction));
  }
  const kind = BUILT_IN[last.toLowerCase()];
  if (kind === undefined) {
    return `${metric} cannot be computed from per-example results: add a ${last} column to them (label and prediction give ${COMPUTED.join(", ")})`;
  }
  for (const t of [candidate, baseline]) {
    for (const col of ["label", "prediction"]) {
      if (!t.has(col))
        return `${metric} needs label and prediction columns; ${t.file} has ${t.names.join(", ")}`;
    }
  }
  const source = `${kind} from label and prediction`;
  if (kind === "mae" || kind === "mse" || kind === "rmse") {
    const errors = (t: ExampleTable, rows: Int32Array | null) => {
      const y = numbers(t, "label");
      const p = numbers(t, "prediction");
      const e = new Float64Array(t.rows);
      for (let i = 0; i < e.length; i++) {
        const diff = (y[i] as number) - (p[i] as number);
        e[i] = kind === "mae" ? Math.abs(diff) : diff ** 2;
      }
      return aligned(e, rows);
    };
    return valueMetric(
      source,
      errors(candidate, null),
      errors(baseline, baselineRow),
      kind === "rmse" ? "root" : "mean",
    );
  }
  return tableMetric(source, kind, paired);
}

/** A column's per-example values, row order; an error naming file:line at the first that is not a finite number. */
function numbers(t: ExampleTable, name: string): Float64Array {
  const column = t.columns.get(name) as ExampleColumn;
  if (column.numbers) return column.numbers.subarray(0, t.rows);
  const dictionary = column.dictionary as NonNullable<ExampleColumn["dictionary"]>;
  const codes = column.codes as Codes;
  const values = dictionary.numbers;
  const out = new Float64Array(t.rows);
  for (let i = 0; i < out.length; i++) {
    const v = values[codes[i] as number] as number;
    if (Number.isNaN(v)) {
      throw new UsageError(
        `${t.file}:${t.line(i)}: ${name} ${JSON.stringify(dictionary.strings[codes[i] as number])} is not a finite number`,
        { hint: "Per-example values must be numbers (no NaN, Infinity or empty cells)" },
      );
    }
    out[i] = v;
  }
  return out;
}

/** Values in the candidate's row order. */
function aligned(values: Float64Array, rows: Int32Array | null): Float64Array {
  if (rows === null) return values;
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i] as number] as number;
  return out;
}

function sum(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return s;
}

function mean(values: Float64Array): ExampleStatistic {
  return (idx) => {
    let s = 0;
    for (let i = 0; i < idx.length; i++) s += values[idx[i] as number] as number;
    return s / idx.length;
  };
}

/** McNemar's b and c for 0/1 columns: 1 is the good outcome for a higher-is-better rate. */
function binaryDiscordant(c: Float64Array, b: Float64Array, direction: Direction) {
  let onlyC = 0;
  let onlyB = 0;
  for (let i = 0; i < c.length; i++) {
    const x = c[i] as number;
    const y = b[i] as number;
    if ((x !== 0 && x !== 1) || (y !== 0 && y !== 1)) return undefined;
    if (x > y) onlyC++;
    else if (x < y) onlyB++;
  }
  return direction === "higher" ? { b: onlyC, c: onlyB } : { b: onlyB, c: onlyC };
}

/** A mean (or its square root) of per-example values of both models. */
function valueMetric(
  source: string,
  c: Float64Array,
  b: Float64Array,
  form: "mean" | "root",
  discordant?: { b: number; c: number },
): PerExampleMetric {
  const n = c.length;
  const finish = form === "root" ? Math.sqrt : (x: number) => x;
  const cells = valueCells(c, b);
  const metric: PerExampleMetric = {
    source,
    n,
    candidateValue: finish(sum(c) / n),
    baselineValue: finish(sum(b) / n),
    ...(discordant ? { discordant } : {}),
    resampling: cells ? "cells" : "rows",
    deltas(opts) {
      if (cells) {
        const { cv, bv, counts } = cells;
        return cellDeltas(
          counts,
          n,
          (w) => {
            let sc = 0;
            let sb = 0;
            for (let j = 0; j < w.length; j++) {
              sc += (w[j] as number) * (cv[j] as number);
              sb += (w[j] as number) * (bv[j] as number);
            }
            return finish(sc / n) - finish(sb / n);
          },
          opts,
        );
      }
      if (form === "mean") {
        const d = sharedFloat64(n);
        for (let i = 0; i < n; i++) d[i] = (c[i] as number) - (b[i] as number);
        return meanDeltas(d, opts);
      }
      const pairs = sharedFloat64(2 * n);
      for (let i = 0; i < n; i++) {
        pairs[2 * i] = c[i] as number;
        pairs[2 * i + 1] = b[i] as number;
      }
      return rootMeanDeltas(pairs, opts);
    },
    get candidate(): ExampleStatistic {
      const m = mean(c);
      return (idx) => finish(m(idx));
    },
    get baseline(): ExampleStatistic {
      const m = mean(b);
      return (idx) => finish(m(idx));
    },
  };
  return metric;
}

/**
 * The distinct (candidate, baseline) value pairs and their counts, when there are few enough for the
 * cells to be cheaper than rows (at most VALUE_CELL_CAP, and at most n / 16); null otherwise. A
 * column of many distinct values (a loss) gives up within its first few thousand rows.
 */
function valueCells(c: Float64Array, b: Float64Array) {
  const n = c.length;
  const cap = Math.min(VALUE_CELL_CAP, Math.floor(n / 16));
  if (cap < 1) return null;
  const ids = (values: Float64Array) => {
    const seen = new Map<number, number>();
    const of = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i] as number;
      let id = seen.get(v);
      if (id === undefined) {
        if (seen.size >= cap) return null;
        id = seen.size;
        seen.set(v, id);
      }
      of[i] = id;
    }
    return { of, values: [...seen.keys()] };
  };
  const ci = ids(c);
  const bi = ci && ids(b);
  if (!ci || !bi) return null;
  const width = bi.values.length;
  const counter = new CellCounter(cap);
  for (let i = 0; i < n; i++) {
    if (!counter.add((ci.of[i] as number) * width + (bi.of[i] as number))) return null;
  }
  const { keys, counts } = counter.cells();
  return {
    counts,
    cv: Float64Array.from(keys, (k) => ci.values[Math.floor(k / width)] as number),
    bv: Float64Array.from(keys, (k) => bi.values[k % width] as number),
  };
}

/** Row → class: a column's codes through a class map. */
interface RowClasses {
  codes: Codes;
  map: Int32Array;
}

/**
 * The classes of a column's rows in one class space. Classes are numbered in order of first
 * appearance — the candidate's labels, then its predictions, then the baseline's predictions in
 * the candidate's row order — so per-class sums run in the order they always did.
 */
function rowClasses(classes: ClassSpace, column: ExampleColumn, order: Int32Array | null): RowClasses {
  const n = column.rows;
  if (column.numbers) {
    const v = column.numbers;
    const codes = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const i = order ? (order[k] as number) : k;
      codes[i] = classes.classOf(String(v[i]));
    }
    return { codes, map: new Int32Array(0) }; // identity, filled in once every class is known
  }
  const dictionary = column.dictionary as NonNullable<ExampleColumn["dictionary"]>;
  const codes = column.codes as Codes;
  if (order === null) return { codes, map: classes.mapOf(dictionary) };
  const map = new Int32Array(dictionary.size).fill(-1);
  let left = dictionary.size;
  for (let k = 0; k < n && left > 0; k++) {
    const code = codes[order[k] as number] as number;
    if (map[code] === -1) {
      map[code] = classes.classOf((dictionary.strings[code] as string).trim());
      left--;
    }
  }
  return { codes, map };
}

/** Accuracy, error rate, macro F1 or balanced accuracy: functions of the paired table's cell counts. */
function tableMetric(
  source: string,
  kind: "accuracy" | "error_rate" | "f1_macro" | "balanced_accuracy",
  paired: PairedExamples,
): PerExampleMetric {
  const { candidate, baseline, baselineRow } = paired;
  const n = candidate.rows;
  const classes = new ClassSpace();
  const col = (t: ExampleTable, name: string) => t.columns.get(name) as ExampleColumn;
  const y = rowClasses(classes, col(candidate, "label"), null);
  const pc = rowClasses(classes, col(candidate, "prediction"), null);
  const pb = rowClasses(classes, col(baseline, "prediction"), baselineRow);
  const k = classes.size;
  for (const r of [y, pc, pb]) if (r.map.length === 0) r.map = Int32Array.from({ length: k }, (_, i) => i);

  const cells = tableCells(y, pc, pb, k, n, baselineRow);
  const m = cells.counts.length;
  const cy = new Int32Array(m);
  const cc = new Int32Array(m);
  const cb = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    const key = cells.keys[j] as number;
    cy[j] = Math.floor(key / (k * k));
    cc[j] = Math.floor(key / k) % k;
    cb[j] = key % k;
  }
  // Per-class counts of one model, reused by every resample.
  const tp = new Float64Array(k);
  const fp = new Float64Array(k);
  const fn = new Float64Array(k);
  const support = new Float64Array(k);
  const statistic = (w: Float64Array, pred: Int32Array): number => {
    if (kind === "accuracy" || kind === "error_rate") {
      let right = 0;
      for (let j = 0; j < m; j++) if (cy[j] === pred[j]) right += w[j] as number;
      return kind === "accuracy" ? right / n : 1 - right / n;
    }
    tp.fill(0);
    fp.fill(0);
    fn.fill(0);
    support.fill(0);
    for (let j = 0; j < m; j++) {
      const x = w[j] as number;
      const label = cy[j] as number;
      const p = pred[j] as number;
      support[label] = (support[label] as number) + x;
      if (label === p) tp[label] = (tp[label] as number) + x;
      else {
        fp[p] = (fp[p] as number) + x;
        fn[label] = (fn[label] as number) + x;
      }
    }
    return kind === "f1_macro" ? f1FromCounts(tp, fp, fn, k) : balancedFromCounts(tp, support, k);
  };
  const delta = (w: Float64Array) => statistic(w, cc) - statistic(w, cb);
  let onlyC = 0;
  let onlyB = 0;
  for (let j = 0; j < m; j++) {
    const rightC = cy[j] === cc[j];
    const rightB = cy[j] === cb[j];
    if (rightC && !rightB) onlyC += cells.counts[j] as number;
    else if (!rightC && rightB) onlyB += cells.counts[j] as number;
  }

  // Row statistics for plain row resampling, materialised only when asked for.
  let rows: { y: Int32Array; pc: Int32Array; pb: Int32Array } | null = null;
  const perRow = () => {
    if (rows) return rows;
    const expand = (r: RowClasses, order: Int32Array | null) =>
      Int32Array.from(
        { length: n },
        (_, i) => r.map[r.codes[order ? (order[i] as number) : i] as number] as number,
      );
    rows = { y: expand(y, null), pc: expand(pc, null), pb: expand(pb, baselineRow) };
    return rows;
  };
  const rowStatistic = (which: "pc" | "pb"): ExampleStatistic => {
    const { y: labels, [which]: predictions } = perRow();
    if (kind === "accuracy" || kind === "error_rate") {
      return (idx) => {
        let right = 0;
        for (let i = 0; i < idx.length; i++)
          if (labels[idx[i] as number] === predictions[idx[i] as number]) right++;
        return kind === "accuracy" ? right / idx.length : 1 - right / idx.length;
      };
    }
    const stat = kind === "f1_macro" ? f1Macro : balancedAccuracy;
    return (idx) => stat(labels, predictions, k, idx);
  };

  return {
    source,
    n,
    candidateValue: statistic(cells.counts, cc),
    baselineValue: statistic(cells.counts, cb),
    ...(kind === "accuracy" || kind === "error_rate" ? { discordant: { b: onlyC, c: onlyB } } : {}),
    resampling: "cells",
    deltas: (opts) => cellDeltas(cells.counts, n, delta, opts),
    get candidate() {
      return rowStatistic("pc");
    },
    get baseline() {
      return rowStatistic("pb");
    },
  };
}

/**
 * The distinct (label, candidate, baseline) class triples and their counts, keyed y·K² + c·K + b:
 * one pass over the rows' codes, a dense array of K³ counters when that is small.
 */
function tableCells(
  y: RowClasses,
  pc: RowClasses,
  pb: RowClasses,
  k: number,
  n: number,
  baselineRow: Int32Array | null,
): { keys: Float64Array; counts: Float64Array } {
  const { codes: yc, map: ym } = y;
  const { codes: cc, map: cm } = pc;
  const { codes: bc, map: bm } = pb;
  const key = (i: number) => {
    const j = baselineRow ? (baselineRow[i] as number) : i;
    return (
      ((ym[yc[i] as number] as number) * k + (cm[cc[i] as number] as number)) * k +
      (bm[bc[j] as number] as number)
    );
  };
  if (k * k * k <= 1 << 20) {
    const dense = new Float64Array(k * k * k);
    for (let i = 0; i < n; i++) {
      const x = key(i);
      dense[x] = (dense[x] as number) + 1;
    }
    const counter = new CellCounter(Number.POSITIVE_INFINITY);
    for (let x = 0; x < dense.length; x++) if ((dense[x] as number) > 0) counter.add(x, dense[x] as number);
    return counter.cells();
  }
  // Many classes: at most n cells, counted in a map (keys stay below 2^53 while K < 2^17).
  const counter = new CellCounter(Number.POSITIVE_INFINITY);
  for (let i = 0; i < n; i++) counter.add(key(i));
  return counter.cells();
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

/** Macro F1 from per-class counts, over the classes present in the labels or predictions. */
function f1FromCounts(tp: Float64Array, fp: Float64Array, fn: Float64Array, k: number): number {
  let total = 0;
  let classes = 0;
  for (let c = 0; c < k; c++) {
    const denominator = 2 * (tp[c] as number) + (fp[c] as number) + (fn[c] as number);
    if (denominator === 0) continue;
    total += (2 * (tp[c] as number)) / denominator;
    classes++;
  }
  return classes === 0 ? 0 : total / classes;
}

/** Mean recall from per-class counts, over the classes present in the labels. */
function balancedFromCounts(tp: Float64Array, support: Float64Array, k: number): number {
  let total = 0;
  let classes = 0;
  for (let c = 0; c < k; c++) {
    if ((support[c] as number) === 0) continue;
    total += (tp[c] as number) / (support[c] as number);
    classes++;
  }
  return classes === 0 ? 0 : total / classes;
}

/** Macro F1 over the classes present in the labels or predictions (scikit-learn's default). */
export function f1Macro(labels: Int32Array, predictions: Int32Array, k: number, idx: Uint32Array): number {
  const { tp, fp, fn } = confusion(labels, predictions, k, idx);
  return f1FromCounts(tp, fp, fn, k);
}

/** Mean recall over the classes present in the labels (scikit-learn's balanced_accuracy_score). */
export function balancedAccuracy(labels: Int32Array, predictions: Int32Array, k: number, idx: Uint32Array) {
  const { tp, support } = confusion(labels, predictions, k, idx);
  return balancedFromCounts(tp, support, k);
}

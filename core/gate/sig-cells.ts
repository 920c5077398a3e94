/**
 * The paired bootstrap of a metric that is a function of a table of counts. Accuracy, error rate,
 * precision, recall, F1 and balanced accuracy of both models depend on the examples only through how
 * many there are of each distinct (label, candidate prediction, baseline prediction) — the table's
 * cells; a 0/1 per-example column through its (candidate, baseline) pairs. Resampling n rows with
 * replacement draws the cells' counts from Multinomial(n; cell count / n), so the bootstrap draws
 * those counts directly: a resample costs the number of cells (at most K³ for K classes), not n.
 */

import { mulberry32 } from "./prng.js";
import { multinomial } from "./sig-binomial.js";

/** The change (candidate − baseline) on a resample whose cell j holds weights[j] examples. */
export type CellDelta = (weights: Float64Array) => number;

/**
 * perf: sig-cell-multinomial — a resample is a multinomial draw over the cells (sequential binomials),
 * not n index draws: its time depends on the number of cells only.
 * `counts` are the cells' counts on all n examples; returns each resample's change (unsorted).
 */
export function cellDeltas(
  counts: Float64Array,
  n: number,
  delta: CellDelta,
  opts: { resamples: number; state: number },
): Float64Array {
  const rng = mulberry32(opts.state);
  const weights = new Float64Array(counts.length);
  const deltas = new Float64Array(opts.resamples);
  for (let r = 0; r < opts.resamples; r++) {
    multinomial(rng, n, counts, n, weights);
    deltas[r] = delta(weights);
  }
  return deltas;
}

/**
 * Distinct keys → cells with counts, at most `cap` of them (null past it). Keys are non-negative
 * integers below 2^53; `cells.key(j)` gives cell j's key back, ordered by count, largest first
 * (the big cells' binomials then leave little for the rest, and the order is fixed by the data).
 */
export class CellCounter {
  private readonly counts = new Map<number, number>();

  constructor(private readonly cap: number) {}

  /** False once the cap is passed. */
  add(key: number, count = 1): boolean {
    const c = this.counts.get(key);
    if (c === undefined) {
      if (this.counts.size >= this.cap) return false;
      this.counts.set(key, count);
    } else this.counts.set(key, c + count);
    return true;
  }

  get size(): number {
    return this.counts.size;
  }

  /** The cells, largest count first (ties by key). */
  cells(): { keys: Float64Array; counts: Float64Array } {
    const entries = [...this.counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return {
      keys: Float64Array.from(entries, (e) => e[0]),
      counts: Float64Array.from(entries, (e) => e[1]),
    };
  }
}

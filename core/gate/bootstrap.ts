/**
 * Paired bootstrap of a change: resample the examples with replacement, compute the metric of both
 * models on the same resample, and take percentiles of the differences. Pairing keeps what the
 * two models share (hard examples stay hard for both), which an unpaired test would count as noise.
 *
 * `pairedBootstrap` is plain row resampling over any statistic of a set of indices: the definition,
 * kept as the reference the fast paths are tested against (sig-cells.ts resamples the cells of a
 * table of counts, sig-rows.ts typed-array rows by blocks) and for small or unusual statistics.
 */
import type { ExampleStatistic } from "./example-metrics.js";
import type { Rng } from "./prng.js";

export interface BootstrapResult {
  /** candidate − baseline on all the examples. */
  delta: number;
  /** Percentile interval of candidate − baseline at `level`. */
  ci: [number, number];
  resamples: number;
}

export function pairedBootstrap(
  n: number,
  candidate: ExampleStatistic,
  baseline: ExampleStatistic,
  opts: { resamples: number; level: number; rng: Rng },
): BootstrapResult {
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  const delta = candidate(all) - baseline(all);
  return { delta, ...percentileInterval(rowDeltas(n, candidate, baseline, opts), opts.level) };
}

/** Each resample's candidate − baseline by plain row resampling (unsorted): the reference. */
export function rowDeltas(
  n: number,
  candidate: ExampleStatistic,
  baseline: ExampleStatistic,
  opts: { resamples: number; rng: Rng },
): Float64Array {
  const deltas = new Float64Array(opts.resamples);
  const idx = new Uint32Array(n);
  for (let r = 0; r < opts.resamples; r++) {
    for (let i = 0; i < n; i++) idx[i] = Math.floor(opts.rng() * n);
    deltas[r] = candidate(idx) - baseline(idx);
  }
  return deltas;
}

/** The percentile interval at `level` of the resampled changes (sorted in place). */
export function percentileInterval(deltas: Float64Array, level: number): Omit<BootstrapResult, "delta"> {
  deltas.sort();
  const tail = (1 - level) / 2;
  return { ci: [quantile(deltas, tail), quantile(deltas, 1 - tail)], resamples: deltas.length };
}

/** The q-quantile of sorted values with linear interpolation (numpy's default, R's type 7). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo] as number;
  return a + (h - lo) * ((sorted[hi] as number) - a);
}

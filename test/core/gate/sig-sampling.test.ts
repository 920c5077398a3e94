/**
 * The samplers behind the fast bootstrap: exact binomial and multinomial draws (against the exact
 * distribution), and the block-wise row resampling (deterministic, the same on one thread or two).
 */
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../../core/gate/prng.js";
import { binomial, multinomial } from "../../../core/gate/sig-binomial.js";
import { CellCounter, cellDeltas } from "../../../core/gate/sig-cells.js";
import { meanDeltas, resampleSums, rootMeanDeltas, sharedFloat64 } from "../../../core/gate/sig-rows.js";

/** log P(X = k) for k = 0…n, X ~ Binomial(n, p), by the ratio recursion (exact enough for a test). */
function logPmf(n: number, p: number): Float64Array {
  const out = new Float64Array(n + 1);
  out[0] = n * Math.log1p(-p);
  const odds = Math.log(p) - Math.log1p(-p);
  for (let k = 0; k < n; k++) out[k + 1] = (out[k] as number) + Math.log((n - k) / (k + 1)) + odds;
  return out;
}

/** The chi-square quantile at 1 − 0.001 (Wilson–Hilferty). */
function chiSquareCritical(df: number): number {
  const z = 3.090232;
  return df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
}

/** Pearson's statistic of samples against the pmf, over bins of expected count ≥ 10. */
function chiSquare(samples: Int32Array, n: number, p: number): { stat: number; df: number } {
  const pmf = logPmf(n, p);
  const observed = new Map<number, number>();
  for (const x of samples) observed.set(x, (observed.get(x) ?? 0) + 1);
  let stat = 0;
  let bins = 0;
  let expected = 0;
  let seen = 0;
  for (let k = 0; k <= n; k++) {
    expected += Math.exp(pmf[k] as number) * samples.length;
    seen += observed.get(k) ?? 0;
    if (expected >= 10 || k === n) {
      stat += (seen - expected) ** 2 / Math.max(expected, 1e-300);
      bins++;
      expected = 0;
      seen = 0;
    }
  }
  return { stat, df: bins - 1 };
}

describe("binomial draws", () => {
  // Inversion (n·p ≤ 30) and BTPE, both sides of p = 0.5, small and large n.
  const cases: Array<[n: number, p: number]> = [
    [10, 0.3],
    [1000, 0.02],
    [60, 0.97],
    [1000, 0.5],
    [5000, 0.13],
    [100_000, 0.001],
    [1_000_000, 0.9],
    [977, 1 / 977],
  ];
  for (const [n, p] of cases) {
    it(`Binomial(${n}, ${p}) has its exact distribution (chi-square at 0.1%, mean and variance)`, () => {
      const rng = mulberry32(12345 + n);
      const draws = 20_000;
      const samples = new Int32Array(draws);
      for (let i = 0; i < draws; i++) samples[i] = binomial(rng, n, p);
      expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...samples)).toBeLessThanOrEqual(n);
      const mean = samples.reduce((s, x) => s + x, 0) / draws;
      const variance = samples.reduce((s, x) => s + (x - mean) ** 2, 0) / (draws - 1);
      const v = n * p * (1 - p);
      expect(Math.abs(mean - n * p)).toBeLessThan(4 * Math.sqrt(v / draws));
      expect(variance / v).toBeGreaterThan(0.9);
      expect(variance / v).toBeLessThan(1.1);
      const { stat, df } = chiSquare(samples, n, p);
      expect(stat).toBeLessThan(chiSquareCritical(Math.max(df, 1)));
    });
  }

  it("edge cases: n = 0, p = 0, p = 1", () => {
    const rng = mulberry32(1);
    expect(binomial(rng, 0, 0.5)).toBe(0);
    expect(binomial(rng, 10, 0)).toBe(0);
    expect(binomial(rng, 10, 1)).toBe(10);
  });
});

describe("multinomial draws", () => {
  it("sum to n, and each cell is Binomial(n, p_j) with covariance −n·p_i·p_j", () => {
    const counts = Float64Array.from([500, 300, 150, 49, 1]);
    const total = 1000;
    const n = 1000;
    const rng = mulberry32(99);
    const out = new Float64Array(counts.length);
    const draws = 20_000;
    const sum = new Float64Array(counts.length);
    const sq = new Float64Array(counts.length);
    let cross = 0;
    for (let i = 0; i < draws; i++) {
      multinomial(rng, n, counts, total, out);
      if (out.reduce((s, x) => s + x, 0) !== n) throw new Error(`draw ${i} does not sum to ${n}`);
      for (let j = 0; j < out.length; j++) {
        sum[j] = (sum[j] as number) + (out[j] as number);
        sq[j] = (sq[j] as number) + (out[j] as number) ** 2;
      }
      cross += (out[0] as number) * (out[1] as number);
    }
    for (let j = 0; j < counts.length; j++) {
      const p = (counts[j] as number) / total;
      const mean = (sum[j] as number) / draws;
      const variance = (sq[j] as number) / draws - mean ** 2;
      expect(Math.abs(mean - n * p)).toBeLessThan(4 * Math.sqrt((n * p * (1 - p)) / draws) + 1e-9);
      if (p > 0.01) expect(variance / (n * p * (1 - p))).toBeCloseTo(1, 1);
    }
    const cov = cross / draws - ((sum[0] as number) / draws) * ((sum[1] as number) / draws);
    expect(cov / (-n * 0.5 * 0.3)).toBeCloseTo(1, 1);
  });

  it("cell resampling is deterministic for a state", () => {
    const counter = new CellCounter(10);
    for (const [k, c] of [
      [3, 40],
      [1, 10],
      [7, 50],
    ] as const)
      counter.add(k, c);
    const { keys, counts } = counter.cells();
    expect([...keys]).toEqual([7, 3, 1]);
    expect([...counts]).toEqual([50, 40, 10]);
    const delta = (w: Float64Array) => ((w[0] as number) - (w[2] as number)) / 100;
    const a = cellDeltas(counts, 100, delta, { resamples: 50, state: 5 });
    expect(cellDeltas(counts, 100, delta, { resamples: 50, state: 5 })).toEqual(a);
    expect(cellDeltas(counts, 100, delta, { resamples: 50, state: 6 })).not.toEqual(a);
    expect(new CellCounter(2).add(1) && new CellCounter(0).add(1)).toBe(false);
  });
});

describe("row resampling by blocks", () => {
  // Not a multiple of the 1,024-row block, nor of the 256-resample batch or the 8-resample group.
  const n = 5_000 + 37;
  const values = sharedFloat64(n);
  for (let i = 0; i < n; i++) values[i] = Math.sin(i) + (i % 7) / 10;

  it("the same resamples on one thread or two, batch after batch", () => {
    const one = meanDeltas(values, { resamples: 300, state: 42, threads: 1 });
    const two = meanDeltas(values, { resamples: 300, state: 42, threads: 2 });
    expect(two).toEqual(one);
    expect(meanDeltas(values, { resamples: 300, state: 43, threads: 1 })).not.toEqual(one);
    const pairs = sharedFloat64(2 * n);
    for (let i = 0; i < n; i++) {
      pairs[2 * i] = (values[i] as number) ** 2;
      pairs[2 * i + 1] = ((values[i] as number) + 0.1) ** 2;
    }
    expect(rootMeanDeltas(pairs, { resamples: 300, state: 7, threads: 2 })).toEqual(
      rootMeanDeltas(pairs, { resamples: 300, state: 7, threads: 1 }),
    );
    // A plain (not shared) array is copied for the worker.
    const plain = Float64Array.from(values);
    expect(meanDeltas(plain, { resamples: 300, state: 42, threads: 2 })).toEqual(one);
  });

  it("each resample draws exactly n rows: a column of ones sums to n, every time", () => {
    const ones = new Float64Array(n).fill(1);
    const sums = resampleSums(ones, 1, { resamples: 40, state: 3, threads: 1 });
    for (let r = 0; r < 40; r++) expect(sums[2 * r]).toBe(n);
  });

  it("every row is drawn about equally often (the blocks are uniform inside and across)", () => {
    // Indicator columns: the mean of resample sums of column `i == j` is 1 for every j.
    const size = 2_100; // two full blocks and a short one
    const draws = new Float64Array(size);
    const resamples = 3000;
    for (const j of [0, 1023, 1024, 2047, 2048, 2099]) {
      const indicator = new Float64Array(size);
      indicator[j] = 1;
      const sums = resampleSums(indicator, 1, { resamples, state: 11, threads: 1 });
      let total = 0;
      for (let r = 0; r < resamples; r++) total += sums[2 * r] as number;
      draws[j] = total / resamples;
      // Binomial(size, 1/size) has mean 1 and variance ≈ 1: the mean of 3000 is within 4/√3000.
      expect(Math.abs(total / resamples - 1)).toBeLessThan(4 / Math.sqrt(resamples));
    }
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ColumnProfile } from "../../../core/data/column.js";
import { ksStatistic, wasserstein } from "../../../core/data/drift.js";
import { FrequentItems } from "../../../core/data/sketches/frequent.js";
import { hashNumber, hashString } from "../../../core/data/sketches/hash.js";
import { HyperLogLog } from "../../../core/data/sketches/hll.js";
import { KLL_RANK_ERROR, KllSketch } from "../../../core/data/sketches/kll.js";
import { Moments } from "../../../core/data/sketches/moments.js";

const flights = JSON.parse(
  readFileSync("node_modules/vega-datasets/data/flights-200k.json", "utf8"),
) as Array<{
  delay: number;
  distance: number;
}>;
const airports = JSON.parse(
  readFileSync("node_modules/vega-datasets/data/flights-20k.json", "utf8"),
) as Array<{
  origin: string;
}>;

function exactRank(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Exact two-sample KS D over sorted samples. */
function exactKs(a: Float64Array, b: Float64Array): number {
  let d = 0;
  for (const x of [...a, ...b])
    d = Math.max(d, Math.abs(exactRank(a, x) / a.length - exactRank(b, x) / b.length));
  return d;
}

/** Exact W1 between two samples: ∫|F_a − F_b| over the merged support. */
function exactWasserstein(a: Float64Array, b: Float64Array): number {
  const points = [...new Set([...a, ...b])].sort((x, y) => x - y);
  let w = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const x = points[i] as number;
    w += Math.abs(exactRank(a, x) / a.length - exactRank(b, x) / b.length) * ((points[i + 1] as number) - x);
  }
  return w;
}

/** A column whose numbers go to the quantile sketch from the start (the path for many distinct values). */
function column(values: ArrayLike<number>, seed = 1): ColumnProfile {
  const c = new ColumnProfile("x", {}, seed);
  c.materializeQuantiles();
  for (let i = 0; i < values.length; i++) c.addTyped(values[i] as number, i + 2);
  return c;
}

describe("KLL quantile sketch on real data (vega flights-200k)", () => {
  const delays = Float64Array.from(flights, (f) => f.delay);
  const sorted = delays.slice().sort();

  it(`keeps rank error within the documented ±${(KLL_RANK_ERROR * 100).toFixed(2)}% of n, and reports the measured error`, () => {
    const s = new KllSketch(3);
    for (const d of delays) s.add(d);
    let worst = 0;
    for (let q = 0.005; q < 1; q += 0.005) {
      const v = s.quantile(q);
      // The true rank interval of v (ties span a range).
      const lo = exactRank(sorted, v - 1e-9) / sorted.length;
      const hi = exactRank(sorted, v) / sorted.length;
      const err = q < lo ? lo - q : q > hi ? q - hi : 0;
      worst = Math.max(worst, err);
    }
    console.log(`KLL measured worst rank error on 200k delays: ${(worst * 100).toFixed(3)}% of n`);
    expect(worst).toBeLessThanOrEqual(KLL_RANK_ERROR);
    expect(s.exact).toBe(false);
  });

  it("is exact for small samples and deterministic for the same input and seed", () => {
    const small = new KllSketch(1);
    for (const d of delays.subarray(0, 1000)) small.add(d);
    expect(small.exact).toBe(true);
    const sortedSmall = delays.slice(0, 1000).sort();
    expect(small.quantile(0.5)).toBe(sortedSmall[499]);
    const a = new KllSketch(9);
    const b = new KllSketch(9);
    for (const d of delays) {
      a.add(d);
      b.add(d);
    }
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
  });

  it("merges shards within the bound and survives a JSON round trip", () => {
    const parts = [0, 1, 2, 3].map((i) => {
      const s = new KllSketch(i + 1);
      for (let j = i; j < delays.length; j += 4) s.add(delays[j] as number);
      return KllSketch.fromJSON(JSON.parse(JSON.stringify(s.toJSON())));
    });
    const merged = parts[0] as KllSketch;
    for (const p of parts.slice(1)) merged.merge(p);
    expect(merged.n).toBe(delays.length);
    for (const q of [0.01, 0.25, 0.5, 0.75, 0.99]) {
      const v = merged.quantile(q);
      const lo = exactRank(sorted, v - 1e-9) / sorted.length;
      const hi = exactRank(sorted, v) / sorted.length;
      expect(q < lo ? lo - q : q > hi ? q - hi : 0).toBeLessThanOrEqual(KLL_RANK_ERROR);
    }
  });
});

describe("drift statistics against an exact oracle on real data", () => {
  // Two halves of the real data by row order, and a shifted copy.
  const half = flights.length / 2;
  const a = Float64Array.from(flights.slice(0, half), (f) => f.distance);
  const b = Float64Array.from(flights.slice(half), (f) => f.distance);
  const shifted = b.map((x) => x * 1.2);

  it("KS D from the sketches is within the sketches' error of the exact D", () => {
    const exact = exactKs(a.slice().sort(), b.slice().sort());
    const sketched = ksStatistic(column(a), column(b, 2));
    expect(Math.abs(sketched - exact)).toBeLessThanOrEqual(2 * KLL_RANK_ERROR);
    const exactShift = exactKs(a.slice().sort(), shifted.slice().sort());
    expect(Math.abs(ksStatistic(column(a), column(shifted, 2)) - exactShift)).toBeLessThanOrEqual(
      2 * KLL_RANK_ERROR,
    );
  });

  it("KS D and Wasserstein are exact when the sketches are (≤ 2048 values)", () => {
    const x = a.slice(0, 900);
    const y = shifted.slice(0, 1200);
    expect(ksStatistic(column(x), column(y))).toBeCloseTo(exactKs(x.slice().sort(), y.slice().sort()), 12);
    expect(wasserstein(column(x), column(y))).toBeCloseTo(
      exactWasserstein(x.slice().sort(), y.slice().sort()),
      8,
    );
  });

  it("normalised Wasserstein from the sketches is close to the exact value", () => {
    const ref = column(a);
    const std = ref.moments.std;
    const exact = exactWasserstein(a.slice().sort(), shifted.slice().sort()) / std;
    const sketched = wasserstein(ref, column(shifted, 2)) / std;
    expect(exact).toBeGreaterThan(0.1);
    console.log(`normalised Wasserstein: exact ${exact.toFixed(4)}, from sketches ${sketched.toFixed(4)}`);
    // A tenth of the drift threshold (0.1): the sketch never decides a verdict on its own error.
    expect(Math.abs(sketched - exact)).toBeLessThan(0.01);
  });
});

describe("HyperLogLog, frequent items, moments", () => {
  it("estimates distinct counts within 5% and merges by union", () => {
    const h = new HyperLogLog();
    const g = new HyperLogLog();
    for (let i = 0; i < 50_000; i++) h.add(hashString(`id-${i}`));
    for (let i = 25_000; i < 100_000; i++) g.add(hashString(`id-${i}`));
    expect(Math.abs(h.estimate() - 50_000) / 50_000).toBeLessThan(0.05);
    h.merge(g);
    expect(Math.abs(h.estimate() - 100_000) / 100_000).toBeLessThan(0.05);
    const small = new HyperLogLog();
    for (const x of [1, 2, 3, 3, 2, 1.0]) small.add(hashNumber(x));
    expect(small.estimate()).toBe(3);
  });

  it("frequent items are exact for few categories and bounded for many", () => {
    const f = new FrequentItems();
    for (const fl of airports) f.add(fl.origin);
    const exact = new Map<string, number>();
    for (const fl of airports) exact.set(fl.origin, (exact.get(fl.origin) ?? 0) + 1);
    expect(f.exact).toBe(true);
    const [top] = f.top(1);
    expect(top?.count).toBe(Math.max(...exact.values()));
    const many = new FrequentItems();
    for (let i = 0; i < 60_000; i++) many.add(i % 3 === 0 ? "hot" : `cold-${i}`);
    expect(many.exact).toBe(false);
    const hot = many.top(1)[0];
    expect(hot?.value).toBe("hot");
    expect(20_000 - (hot?.count ?? 0)).toBeLessThanOrEqual(many.error);
  });

  it("merged moments equal the single pass (Chan's update)", () => {
    const whole = new Moments();
    const parts = [new Moments(), new Moments(), new Moments()];
    flights.forEach((f, i) => {
      whole.add(f.delay);
      parts[i % 3]?.add(f.delay);
    });
    const merged = new Moments();
    for (const p of parts) merged.merge(p);
    expect(merged.n).toBe(whole.n);
    expect(merged.mean).toBeCloseTo(whole.mean, 9);
    expect(merged.std).toBeCloseTo(whole.std, 9);
    expect([merged.min, merged.max]).toEqual([whole.min, whole.max]);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ColumnProfile } from "../../../core/data/column.js";
import { autoMethod, columnDrift, jensenShannon, psi } from "../../../core/data/drift.js";
import { chiSquareSurvival, ksPValue, normalSurvival } from "../../../core/data/stats.js";

function numeric(values: ArrayLike<number>, seed = 1): ColumnProfile {
  const c = new ColumnProfile("x", {}, seed);
  for (let i = 0; i < values.length; i++) c.addTyped(values[i] as number, i + 2);
  return c;
}

function categorical(counts: Record<string, number>): ColumnProfile {
  const c = new ColumnProfile("c");
  let row = 2;
  for (const [k, n] of Object.entries(counts)) for (let i = 0; i < n; i++) c.addString(k, row++);
  return c;
}

describe("test statistics against hand-computed values", () => {
  it("chi-square goodness of fit (scipy.stats.chisquare's documented example)", () => {
    const d = columnDrift(
      "categorical",
      categorical({ a: 10, b: 10, c: 10, d: 10, e: 10, f: 10 }),
      categorical({ a: 16, b: 18, c: 16, d: 14, e: 12, f: 12 }),
      "chisquare",
      0.05,
    );
    expect(d.statistic).toBeCloseTo(2.0, 12);
    expect(d.p_value).toBeCloseTo(0.84914503608460956, 6);
    expect(d.drifted).toBe(false);
  });

  it("two-proportion z-test", () => {
    const d = columnDrift(
      "categorical",
      categorical({ yes: 50, no: 50 }),
      categorical({ yes: 60, no: 40 }),
      "z",
      0.05,
    );
    // z = (0.4 − 0.5) / √(0.45·0.55·(1/100 + 1/100)) on the first category ("no").
    expect(d.statistic).toBeCloseTo(1.42134, 4);
    expect(d.p_value).toBeCloseTo(0.15522, 4);
  });

  it("Kolmogorov distribution, chi-square and normal tails", () => {
    // Huge samples make Stephens' correction vanish: D at the 5% critical value gives p ≈ 0.05.
    expect(ksPValue(1.3581 / Math.sqrt(5e7), 1e8, 1e8)).toBeCloseTo(0.05, 3);
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 8);
    expect(chiSquareSurvival(18.307038053275146, 10)).toBeCloseTo(0.05, 8);
    expect(normalSurvival(1.959963984540054)).toBeCloseTo(0.025, 6);
  });

  it("Jensen–Shannon distance (base 2) and PSI", () => {
    expect(jensenShannon([1, 0], [0.5, 0.5])).toBeCloseTo(0.5579230452, 8);
    expect(jensenShannon([0.2, 0.8], [0.2, 0.8])).toBe(0);
    expect(psi([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(0.2746530722, 8);
  });
});

describe("drift verdicts on real data (vega flights-200k)", () => {
  const flights = JSON.parse(
    readFileSync("node_modules/vega-datasets/data/flights-200k.json", "utf8"),
  ) as Array<{
    delay: number;
    distance: number;
    time: number;
  }>;
  // A random split of one dataset (a fixed shuffle), and a clearly shifted copy.
  const order = flights
    .map((_, i) => i)
    .sort((a, b) => ((a * 2654435761) % 2 ** 32) - ((b * 2654435761) % 2 ** 32));
  const halfA = order.slice(0, order.length / 2).map((i) => flights[i] as (typeof flights)[number]);
  const halfB = order.slice(order.length / 2).map((i) => flights[i] as (typeof flights)[number]);

  it("never calls a random split of one dataset drifted, whatever the method, thanks to the effect-size floor", () => {
    const ref = numeric(halfA.map((f) => f.distance));
    const cur = numeric(
      halfB.map((f) => f.distance),
      2,
    );
    for (const method of ["ks", "wasserstein", "psi", "jensenshannon"] as const) {
      const d = columnDrift("numeric", ref, cur, method, method === "ks" ? 0.05 : 0.1);
      expect(d.drifted, `${method}: ${JSON.stringify(d)}`).toBe(false);
    }
    // Categories: the hour of departure, as a string.
    const refCat = new ColumnProfile("hour");
    const curCat = new ColumnProfile("hour");
    for (const [i, f] of halfA.entries()) refCat.addString(`h${Math.floor(f.time)}`, i);
    for (const [i, f] of halfB.entries()) curCat.addString(`h${Math.floor(f.time)}`, i);
    expect(columnDrift("categorical", refCat, curCat, "chisquare", 0.05).drifted).toBe(false);
    expect(columnDrift("categorical", refCat, curCat, "jensenshannon", 0.1).drifted).toBe(false);
  });

  it("calls a 30% shift drifted with every method", () => {
    const ref = numeric(halfA.map((f) => f.distance));
    const cur = numeric(
      halfB.map((f) => f.distance * 1.3),
      2,
    );
    for (const method of ["ks", "wasserstein", "psi", "jensenshannon"] as const) {
      expect(columnDrift("numeric", ref, cur, method, method === "ks" ? 0.05 : 0.1).drifted, method).toBe(
        true,
      );
    }
  });

  it("chooses methods as Evidently does, by reference size and column shape", () => {
    const small = numeric(halfA.slice(0, 500).map((f) => f.distance));
    expect(autoMethod("numeric", small, 500)).toBe("ks");
    expect(autoMethod("numeric", numeric([1, 2, 3, 1, 2, 3]), 6)).toBe("chisquare");
    expect(autoMethod("categorical", categorical({ a: 3, b: 4 }), 7)).toBe("z");
    expect(autoMethod("categorical", categorical({ a: 3, b: 4, c: 1 }), 8)).toBe("chisquare");
    expect(autoMethod("numeric", small, 5000)).toBe("wasserstein");
    expect(autoMethod("categorical", categorical({ a: 3, b: 4 }), 5000)).toBe("jensenshannon");
  });

  it("small samples use p-values without the floor (Evidently's regime)", () => {
    const ref = numeric(halfA.slice(0, 300).map((f) => f.distance));
    const cur = numeric(
      halfB.slice(0, 300).map((f) => f.distance + 150),
      2,
    );
    const d = columnDrift("numeric", ref, cur, "ks", 0.05);
    expect(d.effect).toBeUndefined();
    expect(d.drifted).toBe(true);
    expect(d.p_value).toBeLessThan(0.05);
  });
});

import { describe, expect, it } from "vitest";
import { pairedBootstrap, quantile } from "../../../core/gate/bootstrap.js";
import { balancedAccuracy, f1Macro, perExampleMetric } from "../../../core/gate/example-metrics.js";
import { type ExampleTable, pairExamples, parseExamples } from "../../../core/gate/examples.js";
import { exactMcNemar, mcnemarCounts } from "../../../core/gate/mcnemar.js";
import { fnv1a, mulberry32, rngFor } from "../../../core/gate/prng.js";
import { gate, policyOf, runOf } from "./helpers.js";

/** predictions.csv text: one row per example, correct or not. */
function predictions(correct: number[], labels?: string[]): string {
  const rows = correct.map((c, i) => {
    const label = labels?.[i] ?? "a";
    return `${i + 1},${label},${c ? label : "z"},0.9`;
  });
  return `id,label,prediction,probability\n${rows.join("\n")}\n`;
}

function table(text: string, file = "p.csv"): ExampleTable {
  return parseExamples(text, file);
}

function paired(candidate: number[], baseline: number[]) {
  const p = pairExamples(table(predictions(candidate), "c.csv"), table(predictions(baseline), "b.csv"));
  if (typeof p === "string") throw new Error(p);
  return p;
}

describe("exact McNemar, against hand-computed binomial tails", () => {
  // p = min(1, 2 · Σ_{k ≤ min(b,c)} C(b+c, k) / 2^(b+c)), computed exactly with fractions.
  const cases: Array<[b: number, c: number, p: number]> = [
    [1, 6, 16 / 128],
    [0, 5, 2 / 32],
    [3, 0, 2 / 8],
    [2, 10, 79 / 2048],
    [5, 5, 1],
    [0, 0, 1],
    [10, 25, 0.01667384780012071],
    [400, 480, 0.007707305043339141],
  ];
  for (const [b, c, p] of cases) {
    it(`b=${b}, c=${c} → p=${p}`, () => {
      expect(exactMcNemar(b, c).p_value).toBeCloseTo(p, 12);
    });
  }

  it("counts discordant pairs only", () => {
    const c = Uint8Array.from([1, 1, 0, 0, 1, 0]);
    const b = Uint8Array.from([1, 0, 1, 0, 0, 0]);
    expect(mcnemarCounts(c, b)).toEqual({ b: 2, c: 1 });
  });

  it("does not underflow for large samples", () => {
    const p = exactMcNemar(5000, 5200).p_value;
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(0.06);
  });
});

describe("paired bootstrap", () => {
  it("quantiles interpolate linearly, as numpy's default", () => {
    expect(quantile([1, 2, 3, 4], 0.1)).toBeCloseTo(1.3, 12);
    expect(quantile([1, 2, 3, 4], 0.5)).toBeCloseTo(2.5, 12);
    expect(quantile([5], 0.9)).toBe(5);
    expect(quantile([0, 10], 0.975)).toBeCloseTo(9.75, 12);
  });

  it("resamples pairs with the same indices for both models (hand-computed with a fixed stream)", () => {
    // Two examples: the candidate is right on #0 only, the baseline on neither.
    const c = Float64Array.from([1, 0]);
    const b = Float64Array.from([0, 0]);
    const mean = (v: Float64Array) => (idx: Uint32Array) =>
      idx.reduce((s, i) => s + (v[i] as number), 0) / idx.length;
    const stream = [0.1, 0.1, 0.6, 0.6, 0.1, 0.6];
    let k = 0;
    const rng = () => stream[k++] as number;
    // Resamples [0,0] → Δ 1, [1,1] → Δ 0, [0,1] → Δ 0.5; sorted 0, 0.5, 1.
    const r = pairedBootstrap(2, mean(c), mean(b), { resamples: 3, level: 0.5, rng });
    expect(r.delta).toBe(0.5);
    expect(r.ci[0]).toBeCloseTo(0.25, 12);
    expect(r.ci[1]).toBeCloseTo(0.75, 12);
    expect(k).toBe(6);
  });

  it("agrees with the normal approximation on a large sample", () => {
    // 1000 examples, 70 won by the candidate, 30 by the baseline: Δ = 0.04,
    // sd of per-example differences = sqrt(0.1 − 0.04²), se = sd/√1000 ≈ 0.00992.
    const n = 1000;
    const cand = Array.from({ length: n }, (_, i) => (i < 70 ? 1 : i < 100 ? 0 : i % 2));
    const base = Array.from({ length: n }, (_, i) => (i < 70 ? 0 : i < 100 ? 1 : i % 2));
    const m = perExampleMetric("accuracy", "higher", paired(cand, base));
    if (typeof m === "string") throw new Error(m);
    const r = pairedBootstrap(n, m.candidate, m.baseline, {
      resamples: 4000,
      level: 0.95,
      rng: mulberry32(1),
    });
    const se = Math.sqrt((0.1 - 0.04 ** 2) / n);
    expect(r.delta).toBeCloseTo(0.04, 12);
    expect(r.ci[0]).toBeCloseTo(0.04 - 1.96 * se, 2);
    expect(r.ci[1]).toBeCloseTo(0.04 + 1.96 * se, 2);
    expect(Math.abs(r.ci[0] - (0.04 - 1.96 * se))).toBeLessThan(0.003);
  });

  it("identical models give a zero-width interval", () => {
    const m = perExampleMetric("accuracy", "higher", paired([1, 0, 1, 1], [1, 0, 1, 1]));
    if (typeof m === "string") throw new Error(m);
    const r = pairedBootstrap(4, m.candidate, m.baseline, {
      resamples: 200,
      level: 0.95,
      rng: mulberry32(7),
    });
    expect(r).toEqual({ delta: 0, ci: [0, 0], resamples: 200 });
  });
});

describe("seeded PRNG", () => {
  it("mulberry32 is a fixed sequence for a seed", () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 5 }, () => a());
    expect(xs).toEqual(Array.from({ length: 5 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(8)()).not.toBe(xs[0]);
  });

  it("FNV-1a of known strings", () => {
    expect(fnv1a("")).toBe(0x811c9dc5);
    expect(fnv1a("a")).toBe(0xe40c292c);
    expect(rngFor(7, "accuracy")()).not.toBe(rngFor(7, "f1_macro")());
  });
});

describe("per-example metrics", () => {
  const labels = Int32Array.from([0, 0, 1, 1]);
  const preds = Int32Array.from([0, 1, 1, 1]);
  const all = Uint32Array.from([0, 1, 2, 3]);

  it("macro F1 by hand: class 0 2/3, class 1 4/5 → 0.7333", () => {
    expect(f1Macro(labels, preds, 2, all)).toBeCloseTo((2 / 3 + 4 / 5) / 2, 12);
  });

  it("balanced accuracy by hand: recalls 1/2 and 1 → 0.75", () => {
    expect(balancedAccuracy(labels, preds, 2, all)).toBeCloseTo(0.75, 12);
  });

  it("a column named like the metric is its per-example value", () => {
    const c = table("id,log_loss\n1,0.5\n2,0.1\n");
    const b = table("id,log_loss\n2,0.3\n1,0.3\n");
    const p = pairExamples(c, b);
    if (typeof p === "string") throw new Error(p);
    const m = perExampleMetric("log_loss", "lower", p);
    if (typeof m === "string") throw new Error(m);
    expect(m.source).toBe("column log_loss");
    expect(m.candidate(Uint32Array.from([0, 1]))).toBeCloseTo(0.3, 12);
    expect(m.discordant).toBeUndefined();
  });

  it("says when a metric cannot be computed from the examples", () => {
    const m = perExampleMetric("log_loss", "lower", paired([1], [1]));
    expect(m).toMatch(/log_loss cannot be computed from per-example results: add a log_loss column/);
  });

  it("refuses to pair different evaluation sets", () => {
    expect(pairExamples(table("id,label\n1,a\n2,b\n"), table("id,label\n1,a\n3,b\n"))).toMatch(
      /evaluated on different examples \(1 ids shared; candidate 2, baseline 2\)/,
    );
    expect(pairExamples(table("id,label\n1,a\n"), table("id,label\n1,b\n"))).toMatch(
      /disagree on the label of example 1/,
    );
  });
});

describe("significance in the gate", () => {
  // 69 examples as in the penguins test set: the candidate misses 3 the baseline got right.
  const base = Array.from({ length: 69 }, (_, i) => (i < 3 ? 1 : i % 9 === 0 ? 0 : 1));
  const small = [...base];
  for (let i = 0; i < 3; i++) small[i] = 0;
  // 100 more it gets wrong: a drop no test misses.
  const bigBase = Array.from({ length: 400 }, () => 1);
  const bigCand = bigBase.map((_, i) => (i < 60 ? 0 : 1));

  const accuracy = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const runs = (cand: number[], baseline: number[]) => ({
    candidate: runOf({ accuracy: accuracy(cand) }),
    baseline: runOf({ accuracy: accuracy(baseline) }),
    ex: {
      candidateExamples: table(predictions(cand), "c.csv"),
      baselineExamples: table(predictions(baseline), "b.csv"),
    },
  });
  const policy = (extra: Record<string, unknown> = {}) =>
    policyOf({
      metrics: { accuracy: { "max-regression": 0.01 } },
      significance: { method: "bootstrap", level: 0.95, resamples: 2000, seed: 7, ...extra },
    });

  it("reports the change's interval and McNemar's p; a small drop is not significant", () => {
    const r = runs(small, base);
    const result = gate(policy(), r.candidate, r.baseline, r.ex);
    const sig = result.checks.find((c) => c.rule === "significance");
    expect(sig).toMatchObject({
      metric: "accuracy",
      method: "bootstrap",
      significant: false,
      passed: true,
      examples: 69,
    });
    expect(sig?.delta).toBeCloseTo(-3 / 69, 12);
    expect(sig?.p_value).toBeCloseTo(0.25, 12); // b=0, c=3 → 2/8
    expect(sig?.ci?.[0]).toBeLessThan(0);
    expect(sig?.ci?.[1]).toBeGreaterThanOrEqual(0);
    // The breach counts by default (regressions: any).
    expect(result.passed).toBe(false);
  });

  it("regressions: significant excuses a breach that is within noise, not a real drop", () => {
    const r = runs(small, base);
    const excused = gate(policy({ regressions: "significant" }), r.candidate, r.baseline, r.ex);
    expect(excused.passed).toBe(true);
    const reg = excused.checks.find((c) => c.rule === "max-regression");
    expect(reg).toMatchObject({ passed: true, significant: false });
    expect(reg?.message).toMatch(/not counted: the change is not significant/);

    const big = runs(bigCand, bigBase);
    const real = gate(policy({ regressions: "significant" }), big.candidate, big.baseline, big.ex);
    expect(real.passed).toBe(false);
    expect(real.checks.find((c) => c.rule === "max-regression")).toMatchObject({
      passed: false,
      significant: true,
    });
    expect(real.checks.find((c) => c.rule === "significance")?.message).toMatch(/a significant regression/);
  });

  it("method mcnemar decides for accuracy-like metrics", () => {
    const big = runs(bigCand, bigBase);
    const result = gate(policy({ method: "mcnemar" }), big.candidate, big.baseline, big.ex);
    const sig = result.checks.find((c) => c.rule === "significance");
    expect(sig).toMatchObject({ method: "mcnemar", significant: true });
    expect(sig?.p_value).toBeCloseTo(2 / 2 ** 60, 25);
  });

  it("without per-example results the breach counts and the reason is given", () => {
    const r = runs(small, base);
    const result = gate(policy({ regressions: "significant" }), r.candidate, r.baseline, {
      candidateExamples: "c.json names no per-example results (examples)",
      baselineExamples: r.ex.baselineExamples,
    });
    expect(result.passed).toBe(false);
    expect(result.checks.find((c) => c.rule === "significance")).toMatchObject({
      skipped: true,
      passed: true,
    });
    expect(result.checks.find((c) => c.rule === "max-regression")?.message).toMatch(
      /significance is unknown, so it counts/,
    );
  });

  it("same inputs, same verdict: gate.json is identical run after run", () => {
    const r = runs(small, base);
    const a = gate(policy(), r.candidate, r.baseline, r.ex);
    const b = gate(policy(), r.candidate, r.baseline, r.ex);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    // Another seed, another stream of resamples: the interval moves (on 69 examples with 3
    // discordant ones both seeds' bounds land on the same few atoms, so compare on 400 with 60).
    const big = runs(bigCand, bigBase);
    const ci = (g: typeof a) => g.checks.find((c) => c.rule === "significance")?.ci;
    const seven = gate(policy(), big.candidate, big.baseline, big.ex);
    const eight = gate(policy({ seed: 8 }), big.candidate, big.baseline, big.ex);
    expect(ci(eight)).not.toEqual(ci(seven));
  });

  it("a metric's interval does not depend on the other metrics in the policy", () => {
    const r = runs(small, base);
    const two = policyOf({
      metrics: { f1_macro: { "max-regression": 0.5 }, accuracy: { "max-regression": 0.01 } },
      significance: {},
    });
    const withF1 = gate(
      two,
      runOf({ accuracy: r.candidate.metrics.accuracy ?? 0, f1_macro: 0.5 }),
      runOf({
        accuracy: r.baseline.metrics.accuracy ?? 0,
        f1_macro: 0.5,
      }),
      r.ex,
    );
    const alone = gate(policy(), r.candidate, r.baseline, r.ex);
    const ci = (g: typeof alone) =>
      g.checks.find((c) => c.rule === "significance" && c.metric === "accuracy")?.ci;
    expect(ci(withF1)).toEqual(ci(alone));
  });
});

/**
 * The significance checks against the implementation they replaced (bench/gate-reference/): the
 * same values, changes, McNemar counts and p-values to the last bit, and intervals that agree to
 * Monte-Carlo error (they come from other draws of the same resampling law).
 */
import { describe, expect, it } from "vitest";
import {
  pairExamples as referencePair,
  parseExamples as referenceParse,
} from "../../../bench/gate-reference/examples.js";
import { significanceChecks as referenceChecks } from "../../../bench/gate-reference/significance.js";
import { pairExamples, parseExamples } from "../../../core/gate/examples.js";
import { mulberry32 } from "../../../core/gate/prng.js";
import { significanceChecks } from "../../../core/gate/significance.js";
import { policyOf } from "./helpers.js";

/** Two runs' results on 3,000 examples, the baseline's rows in another order. */
function texts() {
  const rand = mulberry32(77);
  const classes = ["setosa", "versicolor", "virginica", "other"];
  const header = "id,label,prediction,log_loss,hit,y,yhat";
  const c: string[] = [];
  const b: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const label = Math.floor(rand() * 4);
    const pick = (p: number) => (rand() < p ? label : Math.floor(rand() * 4));
    const cp = pick(0.8);
    const bp = pick(0.78);
    const y = (rand() * 5).toFixed(2);
    const row = (p: number, shift: number) =>
      `id-${i},${classes[label]},${classes[p]},${(rand() * 2).toFixed(4)},${p === label ? 1 : 0},${y},${(Number(y) + shift * (rand() - 0.5)).toFixed(2)}`;
    c.push(row(cp, 1));
    b.push(row(bp, 1.1));
  }
  // The baseline in reverse: pairing goes through the id index.
  return { c: [header, ...c].join("\n"), b: [header, ...b.reverse()].join("\n") };
}

describe("significance against the implementation before", () => {
  const { c, b } = texts();
  const metrics = ["accuracy", "error_rate", "f1_macro", "balanced_accuracy", "log_loss", "hit"];
  const policy = policyOf({
    metrics: Object.fromEntries(metrics.map((m) => [m, { "max-regression": 0.5 }])),
    significance: { method: "bootstrap", level: 0.95, resamples: 4000, seed: 11 },
  });
  const sig = policy.significance;
  if (!sig) throw new Error("no significance");

  it("same values, changes and McNemar; intervals within Monte-Carlo error", () => {
    const now = pairExamples(parseExamples(c, "c.csv"), parseExamples(b, "b.csv"));
    const before = referencePair(referenceParse(c, "c.csv"), referenceParse(b, "b.csv"));
    if (typeof now === "string" || typeof before === "string") throw new Error("not paired");
    expect(now.baselineRow).not.toBeNull();
    const x = significanceChecks(policy, sig, metrics, now);
    const y = referenceChecks(policy, sig, metrics, before);
    for (const [i, check] of x.entries()) {
      const old = y[i];
      expect(check.metric).toBe(old?.metric);
      expect(check.candidate).toBe(old?.candidate);
      expect(check.baseline).toBe(old?.baseline);
      expect(check.delta).toBe(old?.delta);
      expect(check.p_value).toBe(old?.p_value);
      expect(check.examples).toBe(3000);
      // 4,000 resamples: a 2.5% quantile's Monte-Carlo error is about 4% of the interval's width.
      const width = (old?.ci?.[1] ?? 0) - (old?.ci?.[0] ?? 0);
      expect(Math.abs((check.ci?.[0] ?? 0) - (old?.ci?.[0] ?? 0))).toBeLessThan(0.2 * width);
      expect(Math.abs((check.ci?.[1] ?? 0) - (old?.ci?.[1] ?? 0))).toBeLessThan(0.2 * width);
      // The messages differ only in the interval's numbers.
      const shape = (m?: string) => m?.replace(/\[[^\]]*\]/, "[…]");
      expect(shape(check.message)).toBe(shape(old?.message));
    }
  });

  it("mae, mse and rmse from numeric labels and predictions", () => {
    const regression = (t: string) =>
      t
        .split("\n")
        .map((line) => {
          const cells = line.split(",");
          return [cells[0], cells[5], cells[6]].join(",");
        })
        .join("\n")
        .replace(/^id,y,yhat/, "id,label,prediction");
    const names = ["mae", "mse", "rmse"];
    const p = policyOf({
      metrics: Object.fromEntries(names.map((m) => [m, { "max-regression": 0.5 }])),
      significance: { resamples: 500, seed: 3 },
    });
    const s = p.significance;
    if (!s) throw new Error("no significance");
    const now = pairExamples(parseExamples(regression(c), "c.csv"), parseExamples(regression(b), "b.csv"));
    const before = referencePair(
      referenceParse(regression(c), "c.csv"),
      referenceParse(regression(b), "b.csv"),
    );
    if (typeof now === "string" || typeof before === "string") throw new Error("not paired");
    const x = significanceChecks(p, s, names, now);
    const y = referenceChecks(p, s, names, before);
    for (const [i, check] of x.entries()) {
      expect(check.candidate).toBe(y[i]?.candidate);
      expect(check.baseline).toBe(y[i]?.baseline);
      expect(check.delta).toBe(y[i]?.delta);
    }
  });
});

/**
 * Metric rules against the semantics of TFMA and MLflow (research.md §3, docs/gate.md): a table of
 * cases, each with the verdict per rule. Boundaries are inclusive; change rules are skipped with no
 * baseline unless require-baseline; relative limits scale with |baseline|, and a baseline of 0 is
 * handled explicitly.
 */
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../core/errors.js";
import type { GateCheck } from "../../../core/gate/gate-result.js";
import { gate, policyOf, runOf } from "./helpers.js";

interface Case {
  name: string;
  metric: string;
  rule: Record<string, unknown>;
  candidate: number;
  /** undefined: no baseline run at all. */
  baseline?: number;
  requireBaseline?: boolean;
  /** Expected per rule: true pass, false fail, "skipped". */
  expect: Record<string, boolean | "skipped">;
}

const CASES: Case[] = [
  // TFMA GenericValueThreshold: lower_bound / upper_bound, inclusive.
  {
    name: "TFMA lower_bound met exactly",
    metric: "accuracy",
    rule: { min: 0.9 },
    candidate: 0.9,
    expect: { min: true },
  },
  {
    name: "TFMA lower_bound missed",
    metric: "accuracy",
    rule: { min: 0.9 },
    candidate: 0.8999,
    expect: { min: false },
  },
  {
    name: "TFMA upper_bound met exactly",
    metric: "log_loss",
    rule: { max: 0.3 },
    candidate: 0.3,
    expect: { max: true },
  },
  {
    name: "TFMA upper_bound missed",
    metric: "log_loss",
    rule: { max: 0.3 },
    candidate: 0.31,
    expect: { max: false },
  },
  // TFMA GenericChangeThreshold "not worse than baseline" (absolute -1e-10, HIGHER_IS_BETTER).
  {
    name: "TFMA not-worse: equal",
    metric: "accuracy",
    rule: { "max-regression": 0 },
    candidate: 0.9,
    baseline: 0.9,
    expect: { "max-regression": true },
  },
  {
    name: "TFMA not-worse: worse",
    metric: "accuracy",
    rule: { "max-regression": 0 },
    candidate: 0.899,
    baseline: 0.9,
    expect: { "max-regression": false },
  },
  {
    name: "TFMA not-worse: better",
    metric: "accuracy",
    rule: { "max-regression": 0 },
    candidate: 0.95,
    baseline: 0.9,
    expect: { "max-regression": true },
  },
  // LOWER_IS_BETTER by name: a rise is the worsening.
  {
    name: "lower: rise within absolute",
    metric: "log_loss",
    rule: { "max-regression": 0.01 },
    candidate: 0.26,
    baseline: 0.25,
    expect: { "max-regression": true },
  },
  {
    name: "lower: rise beyond absolute",
    metric: "log_loss",
    rule: { "max-regression": 0.01 },
    candidate: 0.27,
    baseline: 0.25,
    expect: { "max-regression": false },
  },
  {
    name: "lower: a fall never regresses",
    metric: "log_loss",
    rule: { "max-regression": 0.01 },
    candidate: 0.1,
    baseline: 0.25,
    expect: { "max-regression": true },
  },
  {
    name: "higher: drop within absolute",
    metric: "accuracy",
    rule: { "max-regression": 0.02 },
    candidate: 0.93,
    baseline: 0.95,
    expect: { "max-regression": true },
  },
  {
    name: "higher: drop beyond absolute",
    metric: "accuracy",
    rule: { "max-regression": 0.02 },
    candidate: 0.929,
    baseline: 0.95,
    expect: { "max-regression": false },
  },
  // Relative limits scale with the baseline.
  {
    name: "lower: rise of exactly 10%",
    metric: "log_loss",
    rule: { "max-regression": "10%" },
    candidate: 0.275,
    baseline: 0.25,
    expect: { "max-regression": true },
  },
  {
    name: "lower: rise of 12%",
    metric: "log_loss",
    rule: { "max-regression": "10%" },
    candidate: 0.28,
    baseline: 0.25,
    expect: { "max-regression": false },
  },
  {
    name: "higher: drop of 5% allowed",
    metric: "accuracy",
    rule: { "max-regression": "5%" },
    candidate: 0.76,
    baseline: 0.8,
    expect: { "max-regression": true },
  },
  {
    name: "higher: drop of 6.25%",
    metric: "accuracy",
    rule: { "max-regression": "5%" },
    candidate: 0.75,
    baseline: 0.8,
    expect: { "max-regression": false },
  },
  {
    name: "negative baseline: relative to |baseline|",
    metric: "r2",
    rule: { "max-regression": "10%" },
    candidate: -0.55,
    baseline: -0.5,
    expect: { "max-regression": true },
  },
  {
    name: "negative baseline: beyond 10% of |baseline|",
    metric: "r2",
    rule: { "max-regression": "10%" },
    candidate: -0.56,
    baseline: -0.5,
    expect: { "max-regression": false },
  },
  // MLflow MetricThreshold: min_absolute_change / min_relative_change, >= with greater_is_better.
  {
    name: "MLflow min_absolute_change met (0.8 + 0.05)",
    metric: "accuracy",
    rule: { "min-improvement": 0.05 },
    candidate: 0.85,
    baseline: 0.8,
    expect: { "min-improvement": true },
  },
  {
    name: "MLflow min_absolute_change missed",
    metric: "accuracy",
    rule: { "min-improvement": 0.05 },
    candidate: 0.84,
    baseline: 0.8,
    expect: { "min-improvement": false },
  },
  {
    name: "MLflow lower: improvement is a fall",
    metric: "log_loss",
    rule: { "min-improvement": 0.05 },
    candidate: 0.25,
    baseline: 0.3,
    expect: { "min-improvement": true },
  },
  {
    name: "MLflow lower: fall too small",
    metric: "log_loss",
    rule: { "min-improvement": 0.05 },
    candidate: 0.26,
    baseline: 0.3,
    expect: { "min-improvement": false },
  },
  {
    name: "MLflow min_relative_change met",
    metric: "accuracy",
    rule: { "min-improvement": "10%" },
    candidate: 0.55,
    baseline: 0.5,
    expect: { "min-improvement": true },
  },
  {
    name: "MLflow min_relative_change missed",
    metric: "accuracy",
    rule: { "min-improvement": "10%" },
    candidate: 0.54,
    baseline: 0.5,
    expect: { "min-improvement": false },
  },
  {
    name: "MLflow lower min_relative_change",
    metric: "rmse",
    rule: { "min-improvement": "10%" },
    candidate: 0.45,
    baseline: 0.5,
    expect: { "min-improvement": true },
  },
  {
    name: "min-improvement 0 means not worse",
    metric: "accuracy",
    rule: { "min-improvement": 0 },
    candidate: 0.9,
    baseline: 0.9,
    expect: { "min-improvement": true },
  },
  // Baseline 0: a relative requirement cannot be scaled (docs/gate.md).
  {
    name: "baseline 0, min-improvement 10%: equal fails",
    metric: "accuracy",
    rule: { "min-improvement": "10%" },
    candidate: 0,
    baseline: 0,
    expect: { "min-improvement": false },
  },
  {
    name: "baseline 0, min-improvement 10%: any gain passes (MLflow's fallback)",
    metric: "accuracy",
    rule: { "min-improvement": "10%" },
    candidate: 0.001,
    baseline: 0,
    expect: { "min-improvement": true },
  },
  {
    name: "baseline 0, min-improvement 0%: equal passes",
    metric: "accuracy",
    rule: { "min-improvement": "0%" },
    candidate: 0,
    baseline: 0,
    expect: { "min-improvement": true },
  },
  {
    name: "baseline 0, lower, min-improvement 5%: equal fails",
    metric: "error_rate",
    rule: { "min-improvement": "5%" },
    candidate: 0,
    baseline: 0,
    expect: { "min-improvement": false },
  },
  {
    name: "baseline 0, max-regression 10%: equal passes",
    metric: "log_loss",
    rule: { "max-regression": "10%" },
    candidate: 0,
    baseline: 0,
    expect: { "max-regression": true },
  },
  {
    name: "baseline 0, max-regression 10%: any worsening fails",
    metric: "log_loss",
    rule: { "max-regression": "10%" },
    candidate: 0.0001,
    baseline: 0,
    expect: { "max-regression": false },
  },
  {
    name: "baseline 0, max-regression absolute unaffected",
    metric: "log_loss",
    rule: { "max-regression": 0.01 },
    candidate: 0.01,
    baseline: 0,
    expect: { "max-regression": true },
  },
  // Value and change rules on one metric: both must pass (TFMA).
  {
    name: "value fails, change passes",
    metric: "accuracy",
    rule: { min: 0.9, "max-regression": 0.01 },
    candidate: 0.89,
    baseline: 0.89,
    expect: { min: false, "max-regression": true },
  },
  {
    name: "value passes, change fails",
    metric: "accuracy",
    rule: { min: 0.9, "max-regression": 0.01 },
    candidate: 0.95,
    baseline: 0.97,
    expect: { min: true, "max-regression": false },
  },
  // No baseline (the first model): change rules skipped (TFMA), unless require-baseline.
  {
    name: "no baseline: change skipped, value checked",
    metric: "accuracy",
    rule: { min: 0.9, "max-regression": 0.01, "min-improvement": 0 },
    candidate: 0.91,
    expect: { min: true, "max-regression": "skipped", "min-improvement": "skipped" },
  },
  {
    name: "no baseline + require-baseline: change fails",
    metric: "accuracy",
    rule: { "max-regression": 0.01 },
    candidate: 0.91,
    requireBaseline: true,
    expect: { "max-regression": false },
  },
  // Explicit direction beats the name-based default.
  {
    name: "explicit direction higher on an 'error' name",
    metric: "error_reduction",
    rule: { direction: "higher", "max-regression": 0 },
    candidate: 0.2,
    baseline: 0.3,
    expect: { "max-regression": false },
  },
  {
    name: "default lower for an 'error' name",
    metric: "error_reduction",
    rule: { "max-regression": 0 },
    candidate: 0.2,
    baseline: 0.3,
    expect: { "max-regression": true },
  },
];

function verdicts(checks: GateCheck[]): Record<string, boolean | "skipped"> {
  return Object.fromEntries(checks.map((c) => [c.rule, c.skipped ? "skipped" : c.passed]));
}

describe("metric rules: TFMA and MLflow semantics", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const policy = policyOf({
        metrics: { [c.metric]: c.rule },
        "require-baseline": c.requireBaseline ?? false,
      });
      const result = gate(
        policy,
        runOf({ [c.metric]: c.candidate }),
        c.baseline === undefined ? null : runOf({ [c.metric]: c.baseline }),
      );
      expect(verdicts(result.checks)).toEqual(c.expect);
      const failed = Object.values(c.expect).includes(false);
      expect(result.passed).toBe(!failed);
    });
  }

  it("records candidate, baseline, delta and the limit as written", () => {
    const policy = policyOf({ metrics: { log_loss: { "max-regression": "10%" } } });
    const [check] = gate(policy, runOf({ log_loss: 0.3 }), runOf({ log_loss: 0.25 })).checks;
    expect(check).toMatchObject({
      metric: "log_loss",
      rule: "max-regression",
      candidate: 0.3,
      baseline: 0.25,
      limit: "10%",
      passed: false,
      direction: "lower",
    });
    expect(check?.delta).toBeCloseTo(0.05, 12);
    expect(check?.message).toMatch(
      /log_loss worsened by 0\.05 \(0\.25 → 0\.3\); allowed worsening 10% of the baseline = 0\.025 — exceeded/,
    );
  });

  it("says why a relative limit against a baseline of 0 behaves as it does", () => {
    const reg = gate(
      policyOf({ metrics: { log_loss: { "max-regression": "10%" } } }),
      runOf({ log_loss: 0.1 }),
      runOf({ log_loss: 0 }),
    );
    expect(reg.checks[0]?.message).toMatch(/no worsening \(the baseline is 0, so 10% of it is 0\)/);
    const imp = gate(
      policyOf({ metrics: { accuracy: { "min-improvement": "5%" } } }),
      runOf({ accuracy: 0 }),
      runOf({ accuracy: 0 }),
    );
    expect(imp.checks[0]?.message).toMatch(/a strict improvement \(the baseline is 0/);
  });
});

describe("metric rules: missing metrics", () => {
  it("a metric the candidate lacks but the baseline has fails `required`", () => {
    const result = gate(
      policyOf({ metrics: { f1_macro: { min: 0.8 } } }),
      runOf({ accuracy: 0.9 }),
      runOf({ accuracy: 0.9, f1_macro: 0.85 }),
    );
    expect(result.passed).toBe(false);
    expect(result.checks).toEqual([
      expect.objectContaining({
        metric: "f1_macro",
        rule: "required",
        passed: false,
        candidate: null,
        baseline: 0.85,
      }),
    ]);
    expect(result.checks[0]?.message).toMatch(
      /the candidate does not report it \(the baseline does: 0\.85\)/,
    );
  });

  it("with required: false the missing metric is skipped and said so", () => {
    const result = gate(
      policyOf({ metrics: { f1_macro: { min: 0.8, required: false } } }),
      runOf({ accuracy: 0.9 }),
      runOf({ accuracy: 0.9, f1_macro: 0.85 }),
    );
    expect(result.passed).toBe(true);
    expect(result.checks[0]).toMatchObject({ rule: "required", skipped: true, passed: true });
    expect(result.checks[0]?.message).toMatch(/skipped \(required: false\)/);
  });

  it("a metric neither run reports is a policy error naming the nearest known metric", () => {
    const policy = policyOf({ metrics: { accuarcy: { min: 0.8 } } });
    expect(() => gate(policy, runOf({ accuracy: 0.9 }), runOf({ accuracy: 0.9 }))).toThrow(UsageError);
    expect(() => gate(policy, runOf({ accuracy: 0.9 }), null)).toThrow(
      /models\.penguins\.gate\.metrics\.accuarcy: neither the candidate nor a baseline \(there is none\) reports "accuarcy" — did you mean "accuracy"\?/,
    );
  });

  it("a baseline without the metric is no baseline for it: change rules skipped, not failed (unlike MLflow)", () => {
    const result = gate(
      policyOf({ metrics: { f1_macro: { "max-regression": 0 } } }),
      runOf({ f1_macro: 0.8 }),
      runOf({ accuracy: 0.9 }),
    );
    expect(result.passed).toBe(true);
    expect(result.checks[0]).toMatchObject({ skipped: true });
    expect(result.checks[0]?.message).toMatch(/the baseline does not report f1_macro/);
  });

  it("a run of another model is refused", () => {
    expect(() => gate(policyOf({}), runOf({ accuracy: 1 }, {}, "iris"), null)).toThrow(
      /a run of "iris", not penguins/,
    );
  });
});

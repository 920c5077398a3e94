/**
 * Per-metric rules, with TFMA's and MLflow's semantics as the floor (docs/gate.md):
 * value rules (min, max) compare the candidate alone; change rules (max-regression,
 * min-improvement) compare it with the baseline; every rule set on a metric must pass.
 */
import type { Threshold } from "../config/units.js";
import { UsageError } from "../errors.js";
import { closest } from "../text.js";
import { atLeast, atMost, fmt, worsening } from "./compare.js";
import type { GateCheck } from "./gate-result.js";
import { type GatePolicy, type MetricPolicy, thresholdLabel } from "./policy.js";

export interface MetricInputs {
  candidate: Record<string, number>;
  /** The baseline run's metrics; null when there is no baseline at all. */
  baseline: Record<string, number> | null;
}

export function metricChecks(policy: GatePolicy, inputs: MetricInputs): GateCheck[] {
  assertPolicyMetricsKnown(policy, inputs);
  const checks: GateCheck[] = [];
  for (const [metric, rule] of Object.entries(policy.metrics)) {
    const c = inputs.candidate[metric];
    const b = inputs.baseline?.[metric];
    if (c === undefined) {
      checks.push(missingCandidate(metric, rule, b ?? null));
      continue;
    }
    if (rule.min !== undefined) checks.push(valueCheck(metric, "min", c, b, rule.min));
    if (rule.max !== undefined) checks.push(valueCheck(metric, "max", c, b, rule.max));
    for (const kind of ["max-regression", "min-improvement"] as const) {
      const t = rule[kind];
      if (t === undefined) continue;
      if (b === undefined) {
        checks.push(noBaseline(metric, kind, c, t, inputs.baseline === null, policy["require-baseline"]));
      } else {
        checks.push(changeCheck(metric, kind, rule, c, b, t));
      }
    }
  }
  return checks;
}

/** A policy metric that neither run reports is a typo in the policy, not a failed model: exit 2. */
function assertPolicyMetricsKnown(policy: GatePolicy, inputs: MetricInputs): void {
  const known = [
    ...new Set([...Object.keys(inputs.candidate), ...Object.keys(inputs.baseline ?? {})]),
  ].sort();
  const problems: string[] = [];
  for (const metric of Object.keys(policy.metrics)) {
    if (metric in inputs.candidate || (inputs.baseline && metric in inputs.baseline)) continue;
    const near = closest(metric, known);
    problems.push(
      `models.${policy.model}.gate.metrics.${metric}: neither the candidate nor ${inputs.baseline ? "the baseline" : "a baseline (there is none)"} reports ${JSON.stringify(metric)}${near ? ` — did you mean ${JSON.stringify(near)}?` : ""}`,
    );
  }
  if (problems.length === 0) return;
  throw new UsageError(`the gate policy names unknown metrics:\n  ${problems.join("\n  ")}`, {
    hint: `Fix the name in the policy, or make the trainer report it. Reported: ${known.length ? known.join(", ") : "(no metrics)"}`,
  });
}

function missingCandidate(metric: string, rule: MetricPolicy, baseline: number | null): GateCheck {
  const base = { metric, rule: "required" as const, candidate: null, baseline, delta: null, limit: null };
  if (rule.required) {
    return {
      ...base,
      passed: false,
      message: `${metric}: the candidate does not report it (the baseline does: ${fmt(baseline ?? Number.NaN)}); a required metric that goes missing fails`,
    };
  }
  return {
    ...base,
    passed: true,
    skipped: true,
    message: `${metric}: the candidate does not report it; skipped (required: false)`,
  };
}

function valueCheck(metric: string, rule: "min" | "max", c: number, b: number | undefined, limit: number) {
  const passed = rule === "min" ? atLeast(c, limit) : atMost(c, limit);
  const op = rule === "min" ? "≥" : "≤";
  return {
    metric,
    rule,
    candidate: c,
    baseline: b ?? null,
    delta: b === undefined ? null : c - b,
    limit,
    passed,
    message: passed
      ? `${metric} ${fmt(c)} ${op} ${fmt(limit)}`
      : `${metric} ${fmt(c)} is ${rule === "min" ? "below the minimum" : "above the maximum"} ${fmt(limit)}`,
  } satisfies GateCheck;
}

function noBaseline(
  metric: string,
  rule: "max-regression" | "min-improvement",
  c: number,
  t: Threshold,
  noBaselineAtAll: boolean,
  requireBaseline: boolean,
): GateCheck {
  const why = noBaselineAtAll ? "there is no baseline" : `the baseline does not report ${metric}`;
  const base = { metric, rule, candidate: c, baseline: null, delta: null, limit: thresholdLabel(t) };
  if (requireBaseline) {
    return { ...base, passed: false, message: `${metric} ${rule}: ${why}, and require-baseline is set` };
  }
  return { ...base, passed: true, skipped: true, message: `${metric} ${rule}: skipped, ${why}` };
}

function changeCheck(
  metric: string,
  rule: "max-regression" | "min-improvement",
  policy: MetricPolicy,
  c: number,
  b: number,
  t: Threshold,
): GateCheck {
  const worse = worsening(policy.direction, c, b);
  const base = { metric, rule, candidate: c, baseline: b, delta: c - b, limit: thresholdLabel(t) };
  const moved = worse > 0 ? "worsened" : worse < 0 ? "improved" : "did not change";
  const by = worse === 0 ? "" : ` by ${fmt(Math.abs(worse))}`;
  const zero = t.kind === "relative" && b === 0;

  if (rule === "max-regression") {
    // A relative allowance of a baseline of 0 is 0: the candidate may not be worse at all.
    const allowed = t.kind === "absolute" ? t.value : t.value * Math.abs(b);
    const passed = atMost(worse, allowed);
    const limitText = zero
      ? `no worsening (the baseline is 0, so ${thresholdLabel(t)} of it is 0)`
      : t.kind === "relative"
        ? `${thresholdLabel(t)} of the baseline = ${fmt(allowed)}`
        : fmt(allowed);
    return {
      ...base,
      passed,
      message: `${metric} ${moved}${by} (${fmt(b)} → ${fmt(c)}); allowed worsening ${limitText}${passed ? "" : " — exceeded"}`,
    };
  }
  // min-improvement. Against a baseline of 0 a relative requirement cannot be scaled; as MLflow
  // does, it then asks for a strict improvement (any "N%" above 0), and for "not worse" at 0%.
  const improvement = -worse;
  let passed: boolean;
  let limitText: string;
  if (zero) {
    passed = t.value > 0 ? improvement > 0 : atLeast(improvement, 0);
    limitText =
      t.value > 0
        ? `a strict improvement (the baseline is 0, so ${thresholdLabel(t)} of it cannot be scaled)`
        : "no worsening";
  } else {
    const required = t.kind === "absolute" ? t.value : t.value * Math.abs(b);
    passed = atLeast(improvement, required);
    limitText =
      t.kind === "relative" ? `${thresholdLabel(t)} of the baseline = ${fmt(required)}` : fmt(required);
  }
  return {
    ...base,
    passed,
    message: `${metric} ${moved}${by} (${fmt(b)} → ${fmt(c)}); required improvement ${limitText}${passed ? "" : " — not met"}`,
  };
}

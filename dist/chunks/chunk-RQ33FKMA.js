import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  atLeast,
  atMost,
  fmt,
  worsening
} from "./chunk-L3JG2L2V.js";
import {
  thresholdLabel
} from "./chunk-QAMAGBBR.js";
import {
  closest
} from "./chunk-R7O7G7J3.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// core/gate/metric-checks.ts
function metricChecks(policy, inputs) {
  assertPolicyMetricsKnown(policy, inputs);
  const checks = [];
  for (const [metric, rule] of Object.entries(policy.metrics)) {
    const c = inputs.candidate[metric];
    const b = inputs.baseline?.[metric];
    if (c === void 0) {
      checks.push(missingCandidate(metric, rule, b ?? null));
      continue;
    }
    if (rule.min !== void 0) checks.push(valueCheck(metric, "min", c, b, rule.min));
    if (rule.max !== void 0) checks.push(valueCheck(metric, "max", c, b, rule.max));
    for (const kind of ["max-regression", "min-improvement"]) {
      const t = rule[kind];
      if (t === void 0) continue;
      if (b === void 0) {
        checks.push(noBaseline(metric, kind, c, t, inputs.baseline === null, policy["require-baseline"]));
      } else {
        checks.push(changeCheck(metric, kind, rule, c, b, t));
      }
    }
  }
  return checks;
}
function assertPolicyMetricsKnown(policy, inputs) {
  const known = [
    .../* @__PURE__ */ new Set([...Object.keys(inputs.candidate), ...Object.keys(inputs.baseline ?? {})])
  ].sort();
  const problems = [];
  for (const metric of Object.keys(policy.metrics)) {
    if (metric in inputs.candidate || inputs.baseline && metric in inputs.baseline) continue;
    const near = closest(metric, known);
    problems.push(
      `models.${policy.model}.gate.metrics.${metric}: neither the candidate nor ${inputs.baseline ? "the baseline" : "a baseline (there is none)"} reports ${JSON.stringify(metric)}${near ? ` — did you mean ${JSON.stringify(near)}?` : ""}`
    );
  }
  if (problems.length === 0) return;
  throw new UsageError(`the gate policy names unknown metrics:
  ${problems.join("\n  ")}`, {
    hint: `Fix the name in the policy, or make the trainer report it. Reported: ${known.length ? known.join(", ") : "(no metrics)"}`
  });
}
function missingCandidate(metric, rule, baseline) {
  const base = { metric, rule: "required", candidate: null, baseline, delta: null, limit: null };
  if (rule.required) {
    return {
      ...base,
      passed: false,
      message: `${metric}: the candidate does not report it (the baseline does: ${fmt(baseline ?? Number.NaN)}); a required metric that goes missing fails`
    };
  }
  return {
    ...base,
    passed: true,
    skipped: true,
    message: `${metric}: the candidate does not report it; skipped (required: false)`
  };
}
function valueCheck(metric, rule, c, b, limit) {
  const passed = rule === "min" ? atLeast(c, limit) : atMost(c, limit);
  const op = rule === "min" ? "≥" : "≤";
  return {
    metric,
    rule,
    candidate: c,
    baseline: b ?? null,
    delta: b === void 0 ? null : c - b,
    limit,
    passed,
    message: passed ? `${metric} ${fmt(c)} ${op} ${fmt(limit)}` : `${metric} ${fmt(c)} is ${rule === "min" ? "below the minimum" : "above the maximum"} ${fmt(limit)}`
  };
}
function noBaseline(metric, rule, c, t, noBaselineAtAll, requireBaseline) {
  const why = noBaselineAtAll ? "there is no baseline" : `the baseline does not report ${metric}`;
  const base = { metric, rule, candidate: c, baseline: null, delta: null, limit: thresholdLabel(t) };
  if (requireBaseline) {
    return { ...base, passed: false, message: `${metric} ${rule}: ${why}, and require-baseline is set` };
  }
  return { ...base, passed: true, skipped: true, message: `${metric} ${rule}: skipped, ${why}` };
}
function changeCheck(metric, rule, policy, c, b, t) {
  const worse = worsening(policy.direction, c, b);
  const base = { metric, rule, candidate: c, baseline: b, delta: c - b, limit: thresholdLabel(t) };
  const moved = worse > 0 ? "worsened" : worse < 0 ? "improved" : "did not change";
  const by = worse === 0 ? "" : ` by ${fmt(Math.abs(worse))}`;
  const zero = t.kind === "relative" && b === 0;
  if (rule === "max-regression") {
    const allowed = t.kind === "absolute" ? t.value : t.value * Math.abs(b);
    const passed2 = atMost(worse, allowed);
    const limitText2 = zero ? `no worsening (the baseline is 0, so ${thresholdLabel(t)} of it is 0)` : t.kind === "relative" ? `${thresholdLabel(t)} of the baseline = ${fmt(allowed)}` : fmt(allowed);
    return {
      ...base,
      passed: passed2,
      message: `${metric} ${moved}${by} (${fmt(b)} → ${fmt(c)}); allowed worsening ${limitText2}${passed2 ? "" : " — exceeded"}`
    };
  }
  const improvement = -worse;
  let passed;
  let limitText;
  if (zero) {
    passed = t.value > 0 ? improvement > 0 : atLeast(improvement, 0);
    limitText = t.value > 0 ? `a strict improvement (the baseline is 0, so ${thresholdLabel(t)} of it cannot be scaled)` : "no worsening";
  } else {
    const required = t.kind === "absolute" ? t.value : t.value * Math.abs(b);
    passed = atLeast(improvement, required);
    limitText = t.kind === "relative" ? `${thresholdLabel(t)} of the baseline = ${fmt(required)}` : fmt(required);
  }
  return {
    ...base,
    passed,
    message: `${metric} ${moved}${by} (${fmt(b)} → ${fmt(c)}); required improvement ${limitText}${passed ? "" : " — not met"}`
  };
}

export {
  metricChecks
};

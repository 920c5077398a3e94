import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  defaultDirection
} from "./chunk-3TKKAAS2.js";
import {
  canonicalJson,
  sha256
} from "./chunk-TEGK7FMR.js";
import {
  parseThreshold
} from "./chunk-CG4E3PCN.js";

// core/gate/policy.ts
function normalisePolicy(model, config) {
  const gate = config.gate;
  const metrics = {};
  for (const [name, rule] of Object.entries(gate.metrics)) {
    metrics[name] = metricPolicy(name, rule, `models.${model}.gate.metrics.${name}`);
  }
  const directionOf = (metric) => metrics[metric]?.direction ?? defaultDirection(metric);
  const slices = gate.slices.map((s) => {
    const gaps = s["max-gap"] ?? {};
    const bounds = Object.fromEntries(
      Object.entries(s.metrics ?? {}).map(([k, b]) => [
        k,
        { ...b.min === void 0 ? {} : { min: b.min }, ...b.max === void 0 ? {} : { max: b.max } }
      ])
    );
    const names = [.../* @__PURE__ */ new Set([...Object.keys(gaps), ...Object.keys(bounds)])];
    return {
      by: s.by,
      "max-gap": gaps,
      metrics: bounds,
      directions: Object.fromEntries(names.map((n) => [n, directionOf(n)]))
    };
  }).sort((a, b) => canonicalJson(a) < canonicalJson(b) ? -1 : canonicalJson(a) > canonicalJson(b) ? 1 : 0);
  return {
    schema: "kiln.policy/v1",
    model,
    metrics,
    slices,
    significance: gate.significance ? { ...gate.significance } : null,
    "require-baseline": gate["require-baseline"]
  };
}
function metricPolicy(name, rule, where) {
  const m = { direction: rule.direction ?? defaultDirection(name), required: rule.required };
  if (rule.min !== void 0) m.min = rule.min;
  if (rule.max !== void 0) m.max = rule.max;
  if (rule["max-regression"] !== void 0)
    m["max-regression"] = parseThreshold(rule["max-regression"], `${where}.max-regression`);
  if (rule["min-improvement"] !== void 0)
    m["min-improvement"] = parseThreshold(rule["min-improvement"], `${where}.min-improvement`);
  return m;
}
function policyDigest(policy) {
  return sha256(canonicalJson(policy));
}
function thresholdLabel(t) {
  return t.kind === "absolute" ? t.value : `${formatPercent(t.value * 100)}%`;
}
function formatPercent(p) {
  return String(Number(p.toPrecision(12)));
}

export {
  normalisePolicy,
  metricPolicy,
  policyDigest,
  thresholdLabel
};

/**
 * The gate policy of one model in normal form: defaults applied, directions resolved, thresholds
 * parsed, slices sorted. Its digest is what gate.json's policy_digest names, so two configs that
 * mean the same thing (comments, key order, "5%" vs "5.0%", a default written out) digest the same.
 */
import type * as z from "zod";
import type { gateSchema, MetricRule as MetricRuleConfig, ModelConfig } from "../config/schema.js";
import { parseThreshold, type Threshold } from "../config/units.js";
import { canonicalJson, sha256 } from "../digest.js";
import { type Direction, defaultDirection } from "../metrics/direction.js";

type GateConfig = z.output<typeof gateSchema>;

export interface MetricPolicy {
  direction: Direction;
  min?: number;
  max?: number;
  "max-regression"?: Threshold;
  "min-improvement"?: Threshold;
  required: boolean;
}

export interface SlicePolicy {
  by: string;
  "max-gap": Record<string, number>;
  metrics: Record<string, { min?: number; max?: number }>;
  /** Direction of every metric the entry names: which end of the slices is the worst. */
  directions: Record<string, Direction>;
}

export interface SignificancePolicy {
  method: "bootstrap" | "mcnemar";
  level: number;
  resamples: number;
  seed: number;
  regressions: "any" | "significant";
}

export interface GatePolicy {
  schema: "kiln.policy/v1";
  model: string;
  metrics: Record<string, MetricPolicy>;
  slices: SlicePolicy[];
  significance: SignificancePolicy | null;
  "require-baseline": boolean;
}

export function normalisePolicy(model: string, config: ModelConfig | { gate: GateConfig }): GatePolicy {
  const gate = config.gate;
  const metrics: Record<string, MetricPolicy> = {};
  for (const [name, rule] of Object.entries(gate.metrics)) {
    metrics[name] = metricPolicy(name, rule, `models.${model}.gate.metrics.${name}`);
  }
  // A slice metric's direction is the policy's for that metric, else the name-based default.
  const directionOf = (metric: string) => metrics[metric]?.direction ?? defaultDirection(metric);
  const slices = gate.slices
    .map((s): SlicePolicy => {
      const gaps = s["max-gap"] ?? {};
      const bounds = Object.fromEntries(
        Object.entries(s.metrics ?? {}).map(([k, b]) => [
          k,
          { ...(b.min === undefined ? {} : { min: b.min }), ...(b.max === undefined ? {} : { max: b.max }) },
        ]),
      );
      const names = [...new Set([...Object.keys(gaps), ...Object.keys(bounds)])];
      return {
        by: s.by,
        "max-gap": gaps,
        metrics: bounds,
        directions: Object.fromEntries(names.map((n) => [n, directionOf(n)])),
      };
    })
    .sort((a, b) => (canonicalJson(a) < canonicalJson(b) ? -1 : canonicalJson(a) > canonicalJson(b) ? 1 : 0));
  return {
    schema: "kiln.policy/v1",
    model,
    metrics,
    slices,
    significance: gate.significance ? { ...gate.significance } : null,
    "require-baseline": gate["require-baseline"],
  };
}

/** sha256 of the policy's canonical JSON (sorted keys at every depth). */
/** One metric rule from the config in normal form (direction resolved, "N%" parsed); `where` names it in errors. */
export function metricPolicy(name: string, rule: MetricRuleConfig, where: string): MetricPolicy {
  const m: MetricPolicy = { direction: rule.direction ?? defaultDirection(name), required: rule.required };
  if (rule.min !== undefined) m.min = rule.min;
  if (rule.max !== undefined) m.max = rule.max;
  if (rule["max-regression"] !== undefined)
    m["max-regression"] = parseThreshold(rule["max-regression"], `${where}.max-regression`);
  if (rule["min-improvement"] !== undefined)
    m["min-improvement"] = parseThreshold(rule["min-improvement"], `${where}.min-improvement`);
  return m;
}

export function policyDigest(policy: GatePolicy): string {
  return sha256(canonicalJson(policy));
}

/** How a threshold was written, for gate.json's `limit` and messages: 0.01 or "5%". */
export function thresholdLabel(t: Threshold): number | string {
  return t.kind === "absolute" ? t.value : `${formatPercent(t.value * 100)}%`;
}

function formatPercent(p: number): string {
  return String(Number(p.toPrecision(12)));
}

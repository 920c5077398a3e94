/**
 * When production counts as degraded, from `monitor.degrade`: the share of drifted input columns
 * (drift-share), live metrics against the production run's metrics with the gate's own rule
 * semantics (min, max, max-regression, min-improvement; core/gate/metric-checks.ts), and
 * training–serving skew. Each breach is one reason; degraded means at least one reason.
 */
import type { MetricRule } from "../config/schema.js";
import type { ReportColumn, ValidationReport } from "../data/report.js";
import { UsageError } from "../errors.js";
import { fmt } from "../gate/compare.js";
import { metricChecks } from "../gate/metric-checks.js";
import { type GatePolicy, type MetricPolicy, metricPolicy } from "../gate/policy.js";
import { closest } from "../text.js";
import type { DegradationReason } from "./monitor-result.js";

export type DegradeConfig = { "drift-share"?: number | undefined } & Record<string, unknown>;

/** The metric rules of `monitor.degrade` (every key but drift-share). */
export function degradeRules(degrade: DegradeConfig): Record<string, MetricRule> {
  const out: Record<string, MetricRule> = {};
  for (const [k, v] of Object.entries(degrade)) if (k !== "drift-share" && v) out[k] = v as MetricRule;
  return out;
}

export function driftReasons(report: ValidationReport): DegradationReason[] {
  const d = report.drift;
  if (!d?.dataset_drifted) return [];
  const drifted = report.columns.filter((c) => c.drift?.drifted);
  const tested = report.columns.filter((c) => c.drift).length;
  const reasons: DegradationReason[] = [
    {
      kind: "drift",
      value: d.share,
      limit: d.threshold,
      message: `${d.drifted_columns} of ${tested} input columns drifted (${pct(d.share)}), at or above drift-share ${pct(d.threshold)}: ${drifted.map((c) => c.name).join(", ")}`,
    },
  ];
  for (const c of drifted) reasons.push(columnReason("drift", c, "drifted from the production reference"));
  return reasons;
}

/** Skew is a pipeline bug rather than a changing world: every skewed column is a reason. */
export function skewReasons(report: ValidationReport): DegradationReason[] {
  return report.columns
    .filter((c) => c.drift?.drifted)
    .map((c) => columnReason("skew", c, "differs between the training data and the serving inputs"));
}

function columnReason(kind: "drift" | "skew", c: ReportColumn, what: string): DegradationReason {
  const d = c.drift as NonNullable<ReportColumn["drift"]>;
  const pValue = d.p_value !== null;
  return {
    kind,
    column: c.name,
    method: d.method,
    // For p-value tests the p-value is what meets the limit; for distances the statistic.
    value: pValue ? d.p_value : d.statistic,
    limit: d.threshold,
    statistic: d.statistic,
    message: `${c.name} ${what}: ${d.method} ${pValue ? `p ${fmt(d.p_value as number)} < ${fmt(d.threshold)}` : `${fmt(d.statistic)} ≥ ${fmt(d.threshold)}`}`,
  };
}

/** Metric rules against the production run, the gate's semantics; reasons for the checks that fail. */
export function metricReasons(opts: {
  model: string;
  rules: Record<string, MetricRule>;
  live: Record<string, number>;
  production: Record<string, number>;
}): DegradationReason[] {
  const { model, rules, live, production } = opts;
  const metrics: Record<string, MetricPolicy> = {};
  for (const [name, rule] of Object.entries(rules)) {
    const where = `models.${model}.monitor.degrade.${name}`;
    if (!(name in live)) {
      if (!rule.required) continue;
      // Missing live metrics are a broken feed, not a degraded model: unusable input.
      const near = closest(name, Object.keys(live));
      throw new UsageError(
        `${where}: the live metrics do not report ${JSON.stringify(name)}${near ? ` — did you mean ${JSON.stringify(near)}?` : ""}`,
        { hint: `Reported: ${Object.keys(live).join(", ") || "(no metrics)"}; or set required: false` },
      );
    }
    metrics[name] = metricPolicy(name, rule, where);
  }
  const policy: GatePolicy = {
    schema: "kiln.policy/v1",
    model,
    metrics,
    slices: [],
    significance: null,
    "require-baseline": false,
  };
  return metricChecks(policy, { candidate: live, baseline: production })
    .filter((c) => !c.passed)
    .map((c) => ({
      kind: "metric" as const,
      metric: c.metric,
      rule: c.rule,
      value: c.candidate,
      limit: c.limit,
      baseline: c.baseline,
      message: `live ${c.message} (production run: ${c.baseline === null ? "–" : fmt(c.baseline)})`,
    }));
}

function pct(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

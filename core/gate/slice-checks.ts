/**
 * Slice rules, per `slices` entry of the policy: bounds every slice must meet (slice-min,
 * slice-max) and the largest allowed gap between the best and the worst slice (slice-gap). Slices
 * are the run's `slices` keys `<by>=<value>`; each check names the worst slice.
 */
import { UsageError } from "../errors.js";
import type { Direction } from "../metrics/direction.js";
import { closest } from "../text.js";
import { atLeast, atMost, fmt } from "./compare.js";
import type { GateCheck } from "./gate-result.js";
import type { GatePolicy, SlicePolicy } from "./policy.js";

export type Slices = Record<string, Record<string, number>>;

interface SliceValue {
  slice: string;
  value: number;
}

export function sliceChecks(policy: GatePolicy, candidate: Slices, baseline: Slices | null): GateCheck[] {
  const checks: GateCheck[] = [];
  const problems: string[] = [];
  for (const [i, entry] of policy.slices.entries()) {
    const where = `models.${policy.model}.gate.slices[${i}]`;
    const names = slicesBy(candidate, entry.by);
    const rules: Array<[metric: string, rule: GateCheck["rule"], limit: number]> = [
      ...Object.entries(entry["max-gap"]).map(([m, g]): [string, GateCheck["rule"], number] => [
        m,
        "slice-gap",
        g,
      ]),
      ...Object.entries(entry.metrics).flatMap(([m, b]) => [
        ...(b.min === undefined ? [] : [[m, "slice-min", b.min] as [string, GateCheck["rule"], number]]),
        ...(b.max === undefined ? [] : [[m, "slice-max", b.max] as [string, GateCheck["rule"], number]]),
      ]),
    ];
    if (names.length === 0) {
      const features = [...new Set(Object.keys(candidate).map((k) => k.split("=")[0] ?? k))].sort();
      const near = closest(entry.by, features);
      const has = features.length ? `it has slices by ${features.join(", ")}` : "it reports no slices";
      for (const [metric, rule, limit] of rules) {
        checks.push({
          metric,
          rule,
          by: entry.by,
          candidate: null,
          baseline: null,
          delta: null,
          limit,
          passed: true,
          skipped: true,
          message: `${metric} by ${entry.by}: skipped, the candidate reports no slices by ${entry.by} (${has}${near ? `; did you mean ${near}?` : ""})`,
        });
      }
      continue;
    }
    for (const [metric, rule, limit] of rules) {
      const values = valuesOf(candidate, names, metric);
      if (values.length === 0) {
        const known = [...new Set(names.flatMap((n) => Object.keys(candidate[n] ?? {})))].sort();
        const near = closest(metric, known);
        problems.push(
          `${where}: no slice by ${entry.by} reports ${JSON.stringify(metric)}${near ? ` — did you mean ${JSON.stringify(near)}?` : ` (they report ${known.join(", ")})`}`,
        );
        continue;
      }
      const missing = names.filter((n) => candidate[n]?.[metric] === undefined);
      const direction = entry.directions[metric] ?? "higher";
      const check =
        rule === "slice-gap"
          ? gapCheck(entry, metric, limit, values, direction, baseline)
          : boundCheck(entry, metric, rule, limit, values, baseline);
      if (missing.length)
        check.message += ` (${missing.join(", ")} ${missing.length === 1 ? "does" : "do"} not report ${metric})`;
      checks.push(check);
    }
  }
  if (problems.length) {
    throw new UsageError(`the gate policy names unknown slice metrics:\n  ${problems.join("\n  ")}`, {
      hint: "Fix the metric name in the slice rule, or make the trainer report it per slice",
    });
  }
  return checks;
}

function slicesBy(slices: Slices, by: string): string[] {
  return Object.keys(slices)
    .filter((k) => k.startsWith(`${by}=`))
    .sort();
}

function valuesOf(slices: Slices, names: string[], metric: string): SliceValue[] {
  const out: SliceValue[] = [];
  for (const slice of names) {
    const value = slices[slice]?.[metric];
    if (value !== undefined) out.push({ slice, value });
  }
  return out;
}

/** The worst and the best slice for a direction; ties go to the first slice by name. */
function extremes(values: SliceValue[], direction: Direction): { worst: SliceValue; best: SliceValue } {
  const first = values[0] as SliceValue;
  let worst = first;
  let best = first;
  for (const v of values) {
    const worse = direction === "higher" ? v.value < worst.value : v.value > worst.value;
    const better = direction === "higher" ? v.value > best.value : v.value < best.value;
    if (worse) worst = v;
    if (better) best = v;
  }
  return { worst, best };
}

function gapOf(values: SliceValue[], direction: Direction) {
  const { worst, best } = extremes(values, direction);
  return { worst, best, gap: Math.abs(best.value - worst.value) };
}

function gapCheck(
  entry: SlicePolicy,
  metric: string,
  limit: number,
  values: SliceValue[],
  direction: Direction,
  baseline: Slices | null,
): GateCheck {
  const { worst, best, gap } = gapOf(values, direction);
  const baseValues = baseline ? valuesOf(baseline, slicesBy(baseline, entry.by), metric) : [];
  const baseGap = baseValues.length ? gapOf(baseValues, direction).gap : null;
  const passed = atMost(gap, limit);
  const spread =
    values.length === 1
      ? `only one slice (${worst.slice})`
      : `worst ${worst.slice} ${fmt(worst.value)}, best ${best.slice} ${fmt(best.value)}`;
  return {
    metric,
    rule: "slice-gap",
    by: entry.by,
    worst: worst.slice,
    candidate: gap,
    baseline: baseGap,
    delta: baseGap === null ? null : gap - baseGap,
    limit,
    passed,
    message: `${metric} gap across ${entry.by} ${fmt(gap)} ${passed ? "≤" : "exceeds"} ${fmt(limit)}: ${spread}`,
  };
}

function boundCheck(
  entry: SlicePolicy,
  metric: string,
  rule: "slice-min" | "slice-max" | GateCheck["rule"],
  limit: number,
  values: SliceValue[],
  baseline: Slices | null,
): GateCheck {
  const isMin = rule === "slice-min";
  const failing = values.filter((v) => !(isMin ? atLeast(v.value, limit) : atMost(v.value, limit)));
  // For a bound the worst slice is the one furthest on the wrong side of it.
  const { worst } = extremes(values, isMin ? "higher" : "lower");
  const base = baseline?.[worst.slice]?.[metric];
  const op = isMin ? "≥" : "≤";
  const passed = failing.length === 0;
  return {
    metric,
    rule,
    by: entry.by,
    worst: worst.slice,
    candidate: worst.value,
    baseline: base ?? null,
    delta: base === undefined ? null : worst.value - base,
    limit,
    passed,
    message: passed
      ? `${metric} ${op} ${fmt(limit)} in every slice by ${entry.by} (${values.length}; worst ${worst.slice} ${fmt(worst.value)})`
      : `${metric} ${isMin ? "below" : "above"} ${fmt(limit)} in ${failing.length} of ${values.length} slices by ${entry.by}: ${failing.map((f) => `${f.slice} ${fmt(f.value)}`).join(", ")}`,
  };
}

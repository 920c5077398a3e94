/**
 * The gate: a candidate run, its baseline and the policy in, gate.json out. Pure and
 * deterministic — no clock, no I/O, a seeded PRNG — so the same inputs give the same verdict.
 */
import { UsageError } from "../errors.js";
import { type RunRecord, runDigest } from "../metrics/run-record.js";
import type { ResolvedBaseline } from "./baseline.js";
import { fmt } from "./compare.js";
import { type ExampleTable, pairExamples } from "./examples.js";
import type { GateCheck, GateNote, GateResult } from "./gate-result.js";
import { metricChecks } from "./metric-checks.js";
import { type GatePolicy, policyDigest, thresholdLabel } from "./policy.js";
import { significanceChecks } from "./significance.js";
import { sliceChecks } from "./slice-checks.js";

export interface GateInputs {
  policy: GatePolicy;
  candidate: RunRecord;
  baseline: ResolvedBaseline;
  /** Per-example results of each run, or why there are none (only read when the policy has significance). */
  candidateExamples?: ExampleTable | string;
  baselineExamples?: ExampleTable | string;
  /** Where the policy was read from: `<branch>@<commit>`, or e.g. `working-tree`. */
  policySource: string;
  /** True when the policy is not a committed default-branch file: the verdict informs, it does not admit. */
  advisory: boolean;
  /**
   * With `evaluate:`: both models' metrics as scored on the same data (they replace the runs' own
   * for the metric rules), what was scored, and the evaluation's notes.
   */
  evaluation?: {
    record: NonNullable<GateResult["evaluation"]>;
    candidateMetrics: Record<string, number>;
    baselineMetrics: Record<string, number> | null;
    notes: GateNote[];
  };
}

export function evaluateGate(inputs: GateInputs): GateResult {
  const { policy, candidate, baseline } = inputs;
  if (candidate.model !== policy.model) {
    throw new UsageError(
      `the candidate is a run of ${JSON.stringify(candidate.model)}, not ${policy.model}`,
      {
        hint: "Gate a model's own run: check --model and --candidate",
      },
    );
  }
  const directionOf = (metric: string) => policy.metrics[metric]?.direction;
  const evaluated = inputs.evaluation;
  const checks: GateCheck[] = metricChecks(policy, {
    candidate: evaluated?.candidateMetrics ?? candidate.metrics,
    baseline: baseline.run ? (evaluated?.baselineMetrics ?? baseline.run.metrics) : null,
  }).map((c) => ({ ...c, direction: directionOf(c.metric) ?? "higher" }));

  checks.push(
    ...sliceChecks(policy, candidate.slices ?? {}, baseline.run?.slices ?? null).map((c) => ({
      ...c,
      // A gap is better smaller; a slice bound's worst value follows the metric.
      direction:
        c.rule === "slice-gap"
          ? ("lower" as const)
          : (policy.slices.find((s) => s.by === c.by)?.directions[c.metric] ?? "higher"),
    })),
  );

  const notes: GateNote[] = [...(evaluated?.notes ?? [])];
  const sig = policy.significance;
  if (sig && baseline.run) {
    // Only changes that were measured (both runs report the metric) have a significance.
    const tested = [
      ...new Set(
        checks
          .filter(
            (c) =>
              (c.rule === "max-regression" || c.rule === "min-improvement") &&
              !c.skipped &&
              c.baseline !== null,
          )
          .map((c) => c.metric),
      ),
    ];
    if (tested.length) {
      const c = inputs.candidateExamples ?? "the candidate's per-example results were not read";
      const b = inputs.baselineExamples ?? "the baseline's per-example results were not read";
      const paired =
        typeof c === "string"
          ? `candidate: ${c}`
          : typeof b === "string"
            ? `baseline: ${b}`
            : pairExamples(c, b);
      const results = significanceChecks(policy, sig, tested, paired);
      // Both files read, but not of the same examples: the metrics themselves are not comparable.
      if (typeof c !== "string" && typeof b !== "string" && typeof paired === "string") {
        notes.push({
          kind: "different-evaluation-data",
          message:
            "the candidate and the baseline were scored on different evaluation data, so their metrics " +
            "are not compared like for like; declare `evaluate:` in the model's config so kiln scores " +
            `both models on the same data (${paired})${changedData(candidate, baseline.run)}`,
        });
      }
      notes.push(...noiseFloorNotes(policy, checks, results, sig.level));
      if (sig.regressions === "significant") applySignificance(checks, results);
      for (const r of results) {
        const { regression: _, ...check } = r;
        checks.push({ ...check, direction: directionOf(r.metric) ?? "higher" });
      }
    }
  }

  return {
    schema: "kiln.gate/v1",
    model: policy.model,
    run_digest: runDigest(candidate),
    policy_digest: policyDigest(policy),
    policy_source: inputs.policySource,
    passed: checks.every((c) => c.passed),
    checks,
    baseline: {
      ...baseline.baseline,
      ...(baseline.notes.length ? { notes: baseline.notes } : {}),
    },
    ...(inputs.advisory ? { advisory: true } : {}),
    ...(notes.length ? { notes } : {}),
    ...(evaluated ? { evaluation: evaluated.record } : {}),
  };
}

/**
 * A change rule tighter than the metric's sampling noise at this many examples (half the width of
 * the change's confidence interval) flips on unchanged code: say so, without failing anything.
 */
function noiseFloorNotes(
  policy: GatePolicy,
  checks: readonly GateCheck[],
  results: ReturnType<typeof significanceChecks>,
  level: number,
): GateNote[] {
  const notes: GateNote[] = [];
  for (const r of results) {
    if (r.skipped || !r.ci) continue;
    const half = (r.ci[1] - r.ci[0]) / 2;
    for (const rule of ["max-regression", "min-improvement"] as const) {
      const t = policy.metrics[r.metric]?.[rule];
      const check = checks.find((c) => c.metric === r.metric && c.rule === rule && !c.skipped);
      if (!t || !check || check.baseline === null) continue;
      const allowed = t.kind === "absolute" ? t.value : t.value * Math.abs(check.baseline);
      if (allowed >= half) continue;
      notes.push({
        kind: "noise-floor",
        metric: r.metric,
        message:
          `${r.metric} ${rule} ${thresholdLabel(t)} is tighter than the metric's sampling noise at ` +
          `${r.examples ?? "these"} examples (±${fmt(half)} at ${fmt(level * 100)}%): unchanged code can ` +
          "flip it. Loosen the rule or evaluate on more examples.",
      });
    }
  }
  return notes;
}

/**
 * `regressions: significant`: a max-regression breach counts only when the change is a
 * significant regression. Without per-example results the breach counts (the safe side).
 */
function applySignificance(checks: GateCheck[], results: ReturnType<typeof significanceChecks>): void {
  for (const check of checks) {
    if (check.rule !== "max-regression" || check.passed || check.skipped) continue;
    const s = results.find((r) => r.metric === check.metric);
    if (!s || s.skipped) {
      check.message += "; its significance is unknown, so it counts";
    } else if (s.regression) {
      check.significant = true;
      check.message += "; the regression is significant";
    } else {
      check.passed = true;
      check.significant = false;
      check.message += "; not counted: the change is not significant (regressions: significant)";
    }
  }
}

/** "; data/test.csv differs between the runs" from run.json's data fingerprints, when any does. */
function changedData(candidate: RunRecord, baseline: RunRecord | null): string {
  const before = baseline?.data ?? {};
  const changed = Object.entries(candidate.data ?? {})
    .filter(([path, f]) => before[path] !== undefined && before[path]?.sha256 !== f.sha256)
    .map(([path]) => path);
  return changed.length
    ? `; ${changed.join(", ")} ${changed.length === 1 ? "differs" : "differ"} between the two runs`
    : "";
}

/**
 * The gate: a candidate run, its baseline and the policy in, gate.json out. Pure and
 * deterministic — no clock, no I/O, a seeded PRNG — so the same inputs give the same verdict.
 */
import { UsageError } from "../errors.js";
import { type RunRecord, runDigest } from "../metrics/run-record.js";
import type { ResolvedBaseline } from "./baseline.js";
import { type ExampleTable, pairExamples } from "./examples.js";
import type { GateCheck, GateResult } from "./gate-result.js";
import { metricChecks } from "./metric-checks.js";
import { type GatePolicy, policyDigest } from "./policy.js";
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
  const checks: GateCheck[] = metricChecks(policy, {
    candidate: candidate.metrics,
    baseline: baseline.run?.metrics ?? null,
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
  };
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

/**
 * What lets a run be deployed: a gate.json that passed, is bound to this very run (run_digest)
 * and was decided by the default branch's policy — a PR's own gate is advisory and can never
 * admit a deploy. `--force` overrides and the reasons are recorded with the deployment.
 */
import type { ModelConfig } from "../config/schema.js";
import { UsageError } from "../errors.js";
import type { GateResult } from "../gate/gate-result.js";
import { normalisePolicy, policyDigest } from "../gate/policy.js";
import { type RunRecord, runDigest } from "../metrics/run-record.js";

export interface GateVerdict {
  /** Why the gate does not admit the run; empty when it does. */
  problems: string[];
  /** True when problems were overridden with --force. */
  forced: boolean;
}

export function gateProblems(run: RunRecord, gate: GateResult | null, defaultBranch: string): string[] {
  if (!gate) return ["no gate.json was given"];
  const problems: string[] = [];
  if (gate.model !== run.model) problems.push(`gate.json is for ${gate.model}, the run is ${run.model}`);
  if (!gate.passed) {
    const failed = gate.checks.filter((c) => !c.passed);
    problems.push(
      `the gate failed (${failed.length} of ${gate.checks.length} checks: ${failed.map((c) => `${c.metric} ${c.rule}`).join(", ")})`,
    );
  }
  const digest = runDigest(run);
  if (gate.run_digest !== digest) {
    problems.push(
      `gate.json's run_digest ${gate.run_digest.slice(0, 12)}… does not match the run (${digest.slice(0, 12)}…)`,
    );
  }
  if (gate.advisory || !gate.policy_source.startsWith(`${defaultBranch}@`)) {
    problems.push(
      `the gate's policy came from ${gate.policy_source}${gate.advisory ? " (advisory)" : ""}, not the default branch ${defaultBranch}`,
    );
  }
  return problems;
}

/**
 * `gateProblems`, and also that the gate was decided by the default branch's *current* policy for the
 * model (`entry`, its config on the default branch): a policy tightened since no longer admits it.
 */
export function gateProblemsUnderPolicy(
  run: RunRecord,
  gate: GateResult,
  entry: ModelConfig,
  defaultBranch: string,
): string[] {
  const problems = gateProblems(run, gate, defaultBranch);
  const current = policyDigest(normalisePolicy(run.model, entry));
  if (gate.policy_digest !== current)
    problems.push(
      `the gate's policy (digest ${gate.policy_digest.slice(0, 12)}…) is not ${defaultBranch}'s current policy for ${run.model} (${current.slice(0, 12)}…); re-gate the version`,
    );
  return problems;
}

/** Throws (exit 2) unless the gate admits the run or `force` overrides it. */
export function verifyGate(
  run: RunRecord,
  gate: GateResult | null,
  opts: { defaultBranch: string; force: boolean; gateFile?: string },
): GateVerdict {
  const problems = gateProblems(run, gate, opts.defaultBranch);
  if (problems.length === 0) return { problems, forced: false };
  if (opts.force) return { problems, forced: true };
  throw new UsageError(`refusing to deploy ${run.model}: ${problems.join("; ")}`, {
    hint: "Deploy a run whose gate passed under the default branch's policy (re-gate on it), or override with --force (recorded)",
  });
}

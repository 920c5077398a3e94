/**
 * Phase 4 of a training run: what the run produced. A successful trainer's metrics, model files and
 * examples are staged for the artifact (a missing one fails the run); an unsuccessful one keeps its
 * checkpoints for the next attempt. Then the data fingerprints and profile that ran alongside are
 * taken — a cancelled job has seconds left, so only what is already done.
 */
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { describeError, KilnError } from "../../errors.js";
import { formatKilnFile } from "../../files.js";
import { formatMs, type Outcome, type ProcessResult } from "../../process/runner.js";
import type { Fingerprint } from "../fingerprint.js";
import { readMetricsFile } from "../metrics-capture.js";
import { CHECKPOINTS_IN_ARTIFACT, stagePath } from "../stage.js";
import type { TrainContext } from "../train.js";
import type { TrainPlan } from "./resolve.js";
import type { DataEvidence, Ran } from "./run.js";

export interface Collected {
  outcome: Outcome;
  /** Why the run failed, in one line. */
  failure?: string;
  metrics: Record<string, number>;
  slices?: Record<string, Record<string, number>>;
  /** Every file staged for the artifact besides run.json and profile.json, relative to outDir. */
  staged: string[];
  /** The model files among them. */
  modelFiles: string[];
  /** The examples file, when it was staged. */
  examples?: string;
  data: Record<string, Fingerprint>;
  /** "profile.json" when one was written to outDir. */
  profileFile?: string;
}

export async function collect(ctx: TrainContext, plan: TrainPlan, ran: Ran): Promise<Collected> {
  const outputs = await collectOutputs(ctx, plan, ran.process);
  const evidence = await settleEvidence(ctx, plan, ran.evidence, outputs.outcome !== "cancelled");
  return { ...outputs, ...evidence };
}

type Outputs = Omit<Collected, "data" | "profileFile">;

async function collectOutputs(
  { req, note }: TrainContext,
  plan: TrainPlan,
  proc: ProcessResult,
): Promise<Outputs> {
  const { cwd, outDir, checkpoints } = plan;
  let outcome = proc.outcome;
  let failure = failureOf(proc, plan);
  let metrics: Record<string, number> = {};
  let slices: Record<string, Record<string, number>> | undefined;
  const staged: string[] = [];
  const modelFiles: string[] = [];
  let examples: string | undefined;
  if (outcome === "succeeded") {
    try {
      ({ metrics, slices } = await readMetricsFile(resolve(cwd, req.config.metrics), req.config.metrics));
      for (const p of plan.artifactPaths) {
        const files = await stagePath(cwd, p, outDir, { what: `models.${req.model}.artifacts:` });
        staged.push(...files);
        modelFiles.push(...files);
      }
      if (plan.examplesPath) {
        try {
          staged.push(...(await stagePath(cwd, plan.examplesPath, outDir, { what: "examples" })));
          examples = plan.examplesPath;
        } catch (err) {
          if (!(err instanceof KilnError)) throw err;
          note(
            `${describeError(err)}; run.json names no examples, so significance tests cannot run`,
            "warning",
          );
        }
      }
    } catch (err) {
      if (!(err instanceof KilnError)) throw err;
      outcome = "failed";
      failure = describeError(err);
      metrics = {};
      slices = undefined;
    }
  } else if (checkpoints) {
    try {
      const files = await stagePath(cwd, checkpoints, outDir, {
        prefix: CHECKPOINTS_IN_ARTIFACT,
        what: "checkpoints",
      });
      staged.push(...files);
      note(
        `keeping ${files.length} checkpoint file(s) from ${checkpoints} with the run, for the next attempt`,
      );
    } catch (err) {
      if (!(err instanceof KilnError)) throw err;
      note(`no checkpoints to keep: ${describeError(err)}`);
    }
  }
  return {
    outcome,
    ...(failure ? { failure } : {}),
    metrics,
    ...(slices ? { slices } : {}),
    staged,
    modelFiles,
    ...(examples ? { examples } : {}),
  };
}

/** The fingerprints and profile, awaited when `wait`; profile.json is written here. */
async function settleEvidence(
  { req, note }: TrainContext,
  { outDir }: TrainPlan,
  evidence: DataEvidence,
  wait: boolean,
): Promise<Pick<Collected, "data" | "profileFile">> {
  const data: Record<string, Fingerprint> = {};
  for (const [i, p] of evidence.paths.entries()) {
    const settled = await evidence.fingerprints[i]?.result(wait);
    if (settled?.ok) data[p] = settled.value;
    else if (settled) note(`data fingerprint of ${p}: ${describeError(settled.error)}`, "warning");
  }
  const profile = await evidence.profile?.result(wait);
  if (profile?.ok) {
    await writeFile(join(outDir, "profile.json"), formatKilnFile(profile.value));
    return { data, profileFile: "profile.json" };
  }
  if (profile) {
    // The profile is evidence next to the run, not the run: no profiler problem may cost a finished training.
    const why =
      profile.error instanceof KilnError
        ? describeError(profile.error)
        : `internal error: ${describeError(profile.error)}`;
    note(`no profile.json of ${req.config.data?.train}: ${why}`, "warning");
  }
  return { data };
}

function failureOf(proc: ProcessResult, { timeoutMs, graceMs }: TrainPlan): string | undefined {
  const killed = proc.killed
    ? `; it did not stop within the ${formatMs(graceMs)} grace period and was killed`
    : "";
  switch (proc.outcome) {
    case "succeeded":
      return undefined;
    case "timed-out":
      return `the trainer ran past its timeout of ${formatMs(timeoutMs)}${killed}`;
    case "cancelled":
      return `the run was cancelled (${proc.reason ?? "stop requested"})${killed}`;
    case "failed":
      if (proc.error) return proc.error;
      return proc.signal
        ? `the trainer was killed by ${proc.signal}`
        : `the trainer exited with ${proc.exitCode}`;
  }
}

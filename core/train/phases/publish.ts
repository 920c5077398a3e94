/**
 * Phase 5 of a training run: run.json, assembled from every phase, written next to what was staged,
 * and the whole folder uploaded as `kiln-run-<model>[-<variant>]` — whatever the outcome, so the
 * lineage of a failure is kept too. Then the run's summary (what the train action puts in the job
 * summary) as summary.md in the same folder, so a run anywhere shows it; it is not uploaded.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { formatKilnFile } from "../../files.js";
import { buildRunRecord } from "../run-record-builder.js";
import { trainSummary } from "../summary.js";
import type { TrainContext, TrainResult } from "../train.js";
import type { Collected } from "./collect.js";
import type { Prepared } from "./preflight.js";
import type { TrainPlan } from "./resolve.js";
import type { Ran } from "./run.js";

export async function publish(
  { req, deps, note, notes }: TrainContext,
  plan: TrainPlan,
  prepared: Prepared,
  ran: Ran,
  collected: Collected,
): Promise<TrainResult> {
  const { process: proc, telemetry } = ran;
  const { outcome, failure } = collected;
  const run = buildRunRecord({
    model: req.model,
    outcome,
    metrics: collected.metrics,
    ...(collected.slices ? { slices: collected.slices } : {}),
    ...(plan.params ? { params: plan.params } : {}),
    data: collected.data,
    code: prepared.code,
    env: prepared.environment,
    ...(telemetry ? { telemetry } : {}),
    startedAt: proc.startedAt,
    durationMs: proc.durationMs,
    artifacts: collected.modelFiles,
    ...(collected.examples ? { examples: collected.examples } : {}),
    command: "shell" in plan.command ? plan.command.shell : plan.command.argv,
    exitCode: proc.exitCode,
    signal: proc.signal,
    ...(failure ? { failure } : {}),
    ...(req.variant ? { variant: req.variant } : {}),
    ...(req.ci ? { ci: req.ci } : {}),
    notes,
  });
  const runPath = join(plan.outDir, "run.json");
  await writeFile(runPath, formatKilnFile(run));
  const files = ["run.json", ...(collected.profileFile ? [collected.profileFile] : []), ...collected.staged];
  const artifact = await deps.store.upload(plan.artifact, files, plan.outDir);
  note(`uploaded ${plan.artifact} (${files.length} file${files.length === 1 ? "" : "s"})`);
  const summary = trainSummary({
    run,
    outcome,
    artifact: plan.artifact,
    ...(failure ? { failure } : {}),
    gpus: prepared.gpus,
    ...(telemetry ? { telemetry } : {}),
    notes,
  });
  const summaryPath = join(plan.outDir, "summary.md");
  await writeFile(summaryPath, summary);

  return {
    outcome,
    run,
    runPath,
    summary,
    summaryPath,
    artifact,
    process: proc,
    ...(failure ? { failure } : {}),
    gpus: prepared.gpus,
    ...(telemetry ? { telemetry } : {}),
    notes,
  };
}

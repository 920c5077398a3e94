/**
 * Phase 3 of a training run: the trainer itself, with GPU telemetry beside it when it has GPUs, and
 * the training data's fingerprints and profile computed alongside (hashing 50 GB should not delay
 * the trainer; the collect phase takes what they produced).
 */
import { resolve } from "node:path";
import { profilePath } from "../../data/profile-data.js";
import { describeCommand, formatMs, type ProcessResult, runProcess } from "../../process/runner.js";
import { type Fingerprint, fingerprintFile } from "../fingerprint.js";
import { startTelemetry, type Telemetry } from "../telemetry.js";
import type { TrainContext } from "../train.js";
import type { Prepared } from "./preflight.js";
import type { TrainPlan } from "./resolve.js";

export interface Ran {
  process: ProcessResult;
  telemetry?: Telemetry;
  /** Work that ran alongside the trainer and may still be running. */
  evidence: DataEvidence;
}

export interface DataEvidence {
  /** The config's data paths (train, reference), once each. */
  paths: string[];
  /** One per path, in its order. */
  fingerprints: Tracked<Fingerprint>[];
  /** Of the training data, when the config names it. */
  profile?: Tracked<unknown>;
}

export async function runTrainer(ctx: TrainContext, plan: TrainPlan, prepared: Prepared): Promise<Ran> {
  const { req, deps, exec, note } = ctx;
  const evidence = startDataEvidence(ctx, plan);
  const sampler =
    plan.gpus > 0
      ? startTelemetry({
          env: req.env,
          exec,
          gpus: prepared.gpus.map((g) => g.index).filter((i) => i >= 0),
          intervalMs: plan.telemetryIntervalMs,
          onProblem: (m) => note(m, "warning"),
        })
      : undefined;
  note(
    `running ${describeCommand(plan.command)} (timeout ${formatMs(plan.timeoutMs)}, grace ${formatMs(plan.graceMs)})`,
  );
  const proc = await runProcess(plan.command, {
    label: "the trainer",
    cwd: plan.cwd,
    env: prepared.trainerEnv,
    timeoutMs: plan.timeoutMs,
    graceMs: plan.graceMs,
    onLine: deps.onLine,
    onNote: (m) => note(m),
    ...(deps.cancellation ? { cancellation: deps.cancellation } : {}),
  });
  const telemetry = await sampler?.stop();
  return { process: proc, ...(telemetry ? { telemetry } : {}), evidence };
}

function startDataEvidence({ req, deps }: TrainContext, { cwd }: TrainPlan): DataEvidence {
  const data = req.config.data;
  const paths = [...new Set([data?.train, data?.reference].filter((p): p is string => !!p))];
  const fingerprints = paths.map((p) => track(fingerprintFile(resolve(cwd, p), p)));
  const profile = data?.train ? track((deps.profile ?? profilePath)(resolve(cwd, data.train))) : undefined;
  return { paths, fingerprints, ...(profile ? { profile } : {}) };
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface Tracked<T> {
  /** The result: awaited when `wait`, else only if already settled. */
  result(wait: boolean): Promise<Settled<T> | undefined>;
}

/** A promise whose result can be taken now (if settled) or awaited. */
function track<T>(promise: Promise<T>): Tracked<T> {
  let settled: Settled<T> | undefined;
  const done = promise.then(
    (value) => {
      settled = { ok: true, value };
      return settled;
    },
    (error: unknown) => {
      settled = { ok: false, error };
      return settled;
    },
  );
  return {
    async result(wait: boolean): Promise<Settled<T> | undefined> {
      return wait ? done : settled;
    },
  };
}

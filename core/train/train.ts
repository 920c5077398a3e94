/**
 * One training run, the same in the train action and `kiln train`: preflight, restore checkpoints,
 * run the trainer (logs, timeout, cancellation, telemetry), capture metrics, write run.json and the
 * training data's profile.json, and upload `kiln-run-<model>[-<variant>]` through the ArtifactStore.
 * Everything from the outside world (environment, signals, the store, the log) comes in `deps`.
 */
import type { ModelConfig } from "../config/schema.js";
import type { RunRecord } from "../metrics/run-record.js";
import type { ArtifactRef, ArtifactStore } from "../ports.js";
import type { Cancellation } from "../process/cancellation.js";
import type { Env, Outcome, ProcessResult } from "../process/runner.js";
import type { CodeInfo } from "./code.js";
import type { CiInfo, RunnerInfo } from "./environment.js";
import { type Exec, execCapture } from "./exec.js";
import type { GpuInfo } from "./gpu.js";
import { collect } from "./phases/collect.js";
import { preflight } from "./phases/preflight.js";
import { publish } from "./phases/publish.js";
import { resolvePlan } from "./phases/resolve.js";
import { runTrainer } from "./phases/run.js";
import type { Telemetry } from "./telemetry.js";

export { DEFAULT_GRACE_MS, DEFAULT_TELEMETRY_INTERVAL_MS } from "./phases/resolve.js";

export interface TrainRequest {
  model: string;
  /** The model's entry in the config. */
  config: ModelConfig;
  /** The config file, for messages. */
  configFile: string;
  /** Repository root: the trainer runs here and config paths are relative to it. */
  cwd: string;
  /** Where run.json goes (absolute or relative to cwd). */
  outDir: string;
  /** Words to run as given, without a shell; default: the config's train.command through a shell. */
  command?: readonly string[];
  /** A command line that replaces train.command and, like it, runs through the shell (the action's input). */
  commandLine?: string;
  /** Overrides train.gpus. */
  gpus?: number;
  variant?: string;
  graceMs?: number;
  telemetryIntervalMs?: number;
  /** The trainer's environment (the adapter passes process.env). */
  env: Env;
  runner?: RunnerInfo;
  ci?: CiInfo;
  /** What CI says about the commit, used where git cannot tell (no .git, detached HEAD). */
  codeFallback?: CodeInfo;
  /** Restore checkpoints from the previous attempt's artifact before starting. */
  resume: boolean;
}

export interface TrainDeps {
  store: ArtifactStore;
  cancellation?: Cancellation;
  exec?: Exec;
  /** The trainer's output, one line at a time. */
  onLine: (stream: "stdout" | "stderr", line: string) => void;
  /** kiln's own progress and warnings. */
  onNote: (message: string, level?: "info" | "warning") => void;
  profile?: (path: string) => Promise<unknown>;
}

export interface TrainResult {
  outcome: Outcome;
  run: RunRecord;
  /** Absolute path of run.json. */
  runPath: string;
  /** The run in markdown (the train action's job summary), also written to `summaryPath`. */
  summary: string;
  /** summary.md beside run.json. */
  summaryPath: string;
  artifact: ArtifactRef;
  process: ProcessResult;
  /** Why the run failed, in one line (the trainer's exit, bad metrics, a missing artifact…). */
  failure?: string;
  gpus: GpuInfo[];
  telemetry?: Telemetry;
  notes: string[];
}

export type Note = (message: string, level?: "info" | "warning") => void;

/** What every phase of one run shares. */
export interface TrainContext {
  req: TrainRequest;
  deps: TrainDeps;
  exec: Exec;
  /** Reports through deps.onNote; warnings are also kept in `notes`, for run.json. */
  note: Note;
  notes: string[];
}

/** resolve → preflight → run → collect → publish; each phase is in ./phases/. */
export async function train(req: TrainRequest, deps: TrainDeps): Promise<TrainResult> {
  const ctx = trainContext(req, deps);
  const plan = await resolvePlan(req);
  const prepared = await preflight(ctx, plan);
  const ran = await runTrainer(ctx, plan, prepared);
  const collected = await collect(ctx, plan, ran);
  return publish(ctx, plan, prepared, ran, collected);
}

function trainContext(req: TrainRequest, deps: TrainDeps): TrainContext {
  const notes: string[] = [];
  const note: Note = (message, level = "info") => {
    if (level === "warning") notes.push(message);
    deps.onNote(message, level);
  };
  return { req, deps, exec: deps.exec ?? execCapture, note, notes };
}

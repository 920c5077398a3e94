/**
 * One training run, the same in the train action and `kiln train`: preflight, restore checkpoints,
 * run the trainer (logs, timeout, cancellation, telemetry), capture metrics, write run.json and the
 * training data's profile.json, and upload `kiln-run-<model>[-<variant>]` through the ArtifactStore.
 * Everything from the outside world (environment, signals, the store, the log) comes in `deps`.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import type { ModelConfig } from "../config/schema.js";
import { trainOf } from "../config/schema.js";
import { parseDuration } from "../config/units.js";
import { profilePath } from "../data/profile-data.js";
import { describeError, KilnError, UsageError } from "../errors.js";
import { formatKilnFile } from "../files.js";
import type { RunRecord } from "../metrics/run-record.js";
import { artifactName } from "../names.js";
import type { ArtifactRef, ArtifactStore } from "../ports.js";
import type { Cancellation } from "./cancellation.js";
import { type CodeInfo, codeInfo } from "./code.js";
import { type CiInfo, collectEnvironment, type RunnerInfo } from "./environment.js";
import { type Exec, execCapture } from "./exec.js";
import { type Fingerprint, fingerprintFile } from "./fingerprint.js";
import { describeGpu, type GpuInfo, gpuPreflight } from "./gpu.js";
import { readMetricsFile } from "./metrics-capture.js";
import { readParams } from "./params.js";
import {
  type CommandSpec,
  describeCommand,
  type Env,
  formatMs,
  type Outcome,
  type ProcessResult,
  runProcess,
} from "./process-runner.js";
import { restoreCheckpoints } from "./resume.js";
import { buildRunRecord } from "./run-record-builder.js";
import { CHECKPOINTS_IN_ARTIFACT, declaredPath, stagePath } from "./stage.js";
import { startTelemetry, type Telemetry } from "./telemetry.js";

export const DEFAULT_GRACE_MS = 10_000;
export const DEFAULT_TELEMETRY_INTERVAL_MS = 5_000;
/** The schema's default `train.timeout`, also for a command given on the command line. */
const DEFAULT_TIMEOUT = "6h";

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
  artifact: ArtifactRef;
  process: ProcessResult;
  /** Why the run failed, in one line (the trainer's exit, bad metrics, a missing artifact…). */
  failure?: string;
  gpus: GpuInfo[];
  telemetry?: Telemetry;
  notes: string[];
}

export async function train(req: TrainRequest, deps: TrainDeps): Promise<TrainResult> {
  const exec = deps.exec ?? execCapture;
  const notes: string[] = [];
  const note = (message: string, level: "info" | "warning" = "info") => {
    if (level === "warning") notes.push(message);
    deps.onNote(message, level);
  };
  const where = `models.${req.model}.train`;
  const trainConfig = trainOf(req.config);
  const command: CommandSpec = req.command?.length
    ? { argv: req.command }
    : req.commandLine
      ? { shell: req.commandLine }
      : trainConfig
        ? { shell: trainConfig.command }
        : (() => {
            throw new UsageError(`${req.configFile}: ${where} is not set and no command was given`, {
              hint: "Set `train: <command>` for the model, or give the command after `--`",
            });
          })();
  const gpus = req.gpus ?? trainConfig?.gpus ?? 0;
  const timeoutS = parseDuration(trainConfig?.timeout ?? DEFAULT_TIMEOUT, `${where}.timeout`);
  const graceMs = req.graceMs ?? DEFAULT_GRACE_MS;
  const name = artifactName("run", req.model, req.variant);
  const cwd = resolve(req.cwd);
  const outDir = resolve(cwd, req.outDir);

  // Declared paths are checked before anything runs: a typo should cost a second, not a training run.
  const artifactPaths = req.config.artifacts.map((p) =>
    declaredPath(p, `models.${req.model}.artifacts`, cwd, outDir),
  );
  const examplesPath = req.config.examples
    ? declaredPath(req.config.examples, `models.${req.model}.examples`, cwd, outDir)
    : undefined;
  const checkpoints = trainConfig?.checkpoints
    ? declaredPath(trainConfig.checkpoints, `${where}.checkpoints`, cwd, outDir, { atOwnPath: false })
    : undefined;
  const params = trainConfig?.params
    ? await readParams(resolve(cwd, trainConfig.params), trainConfig.params)
    : undefined;

  await mkdir(outDir, { recursive: true });
  // An old run.json must never pass for this run's, whatever happens below.
  await rm(join(outDir, "run.json"), { force: true });
  await rm(join(outDir, "profile.json"), { force: true });

  const code = await codeOf(cwd, req, outDir, exec);
  let gpuList: GpuInfo[] = [];
  const trainerEnv: Record<string, string | undefined> = {
    ...req.env,
    KILN_MODEL: req.model,
    KILN_RUN_DIR: outDir,
    // Python block-buffers stdout into a pipe; live logs need it line by line.
    PYTHONUNBUFFERED: req.env.PYTHONUNBUFFERED ?? "1",
  };
  if (req.variant) trainerEnv.KILN_VARIANT = req.variant;
  if (checkpoints) trainerEnv.KILN_CHECKPOINTS = resolve(cwd, checkpoints);
  if (gpus > 0) {
    const preflight = await gpuPreflight(gpus, { env: req.env, exec, where: `${where}.gpus` });
    gpuList = preflight.gpus;
    trainerEnv.CUDA_VISIBLE_DEVICES = preflight.cudaVisibleDevices;
    note(
      `GPU preflight: ${gpus} asked, using ${preflight.gpus.map(describeGpu).join("; ")}` +
        (preflight.gpus[0]?.driver ? `, driver ${preflight.gpus[0].driver}` : "") +
        (preflight.gpus[0]?.cuda ? `, CUDA ${preflight.gpus[0].cuda}` : "") +
        ` (CUDA_VISIBLE_DEVICES=${preflight.cudaVisibleDevices}${preflight.setByKiln ? "" : ", set by the runner"})`,
    );
  }
  const environment = await collectEnvironment({
    cwd,
    env: req.env,
    exec,
    ...(req.runner ? { runner: req.runner } : {}),
    gpus: gpuList,
  });

  if (checkpoints && req.resume) {
    try {
      const restored = await restoreCheckpoints({
        store: deps.store,
        artifact: name,
        dir: resolve(cwd, checkpoints),
        shown: checkpoints,
        scratch: join(outDir, ".kiln-restore"),
      });
      note(
        restored.restored
          ? `resume: restored ${restored.files} checkpoint file(s) into ${checkpoints} from ${restored.from}`
          : `resume: ${restored.reason}`,
      );
    } catch (err) {
      note(
        `resume: could not restore ${checkpoints} (${describeError(err)}); training starts from scratch`,
        "warning",
      );
    }
  }

  // Data fingerprints and the profile run alongside the trainer: hashing 50 GB should not delay it.
  const data = req.config.data;
  const dataPaths = [...new Set([data?.train, data?.reference].filter((p): p is string => !!p))];
  const fingerprints = dataPaths.map((p) => track(fingerprintFile(resolve(cwd, p), p)));
  const profiling = data?.train ? track((deps.profile ?? profilePath)(resolve(cwd, data.train))) : undefined;

  const sampler =
    gpus > 0
      ? startTelemetry({
          env: req.env,
          exec,
          gpus: gpuList.map((g) => g.index).filter((i) => i >= 0),
          intervalMs: req.telemetryIntervalMs ?? DEFAULT_TELEMETRY_INTERVAL_MS,
          onProblem: (m) => note(m, "warning"),
        })
      : undefined;
  note(
    `running ${describeCommand(command)} (timeout ${formatMs(timeoutS * 1000)}, grace ${formatMs(graceMs)})`,
  );
  const proc = await runProcess(command, {
    cwd,
    env: trainerEnv,
    timeoutMs: timeoutS * 1000,
    graceMs,
    onLine: deps.onLine,
    onNote: (m) => note(m),
    ...(deps.cancellation ? { cancellation: deps.cancellation } : {}),
  });
  const telemetry = await sampler?.stop();

  let outcome = proc.outcome;
  let failure = failureOf(proc, timeoutS, graceMs);
  let metrics: Record<string, number> = {};
  let slices: Record<string, Record<string, number>> | undefined;
  const staged: string[] = [];
  const modelFiles: string[] = [];
  let examples: string | undefined;
  if (outcome === "succeeded") {
    try {
      ({ metrics, slices } = await readMetricsFile(resolve(cwd, req.config.metrics), req.config.metrics));
      for (const p of artifactPaths) {
        const files = await stagePath(cwd, p, outDir, { what: `models.${req.model}.artifacts:` });
        staged.push(...files);
        modelFiles.push(...files);
      }
      if (examplesPath) {
        try {
          staged.push(...(await stagePath(cwd, examplesPath, outDir, { what: "examples" })));
          examples = examplesPath;
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

  // A cancelled job has seconds left before the runner kills it: take only what is already done.
  const wait = outcome !== "cancelled";
  const dataOut: Record<string, Fingerprint> = {};
  for (const [i, p] of dataPaths.entries()) {
    const settled = await fingerprints[i]?.result(wait);
    if (settled?.ok) dataOut[p] = settled.value;
    else if (settled) note(`data fingerprint of ${p}: ${describeError(settled.error)}`, "warning");
  }
  const profile = await profiling?.result(wait);
  let profileFile: string | undefined;
  if (profile?.ok) {
    await writeFile(join(outDir, "profile.json"), formatKilnFile(profile.value));
    profileFile = "profile.json";
  } else if (profile) {
    // The profile is evidence next to the run, not the run: no profiler problem may cost a finished training.
    const why =
      profile.error instanceof KilnError
        ? describeError(profile.error)
        : `internal error: ${describeError(profile.error)}`;
    note(`no profile.json of ${data?.train}: ${why}`, "warning");
  }

  const run = buildRunRecord({
    model: req.model,
    outcome,
    metrics,
    ...(slices ? { slices } : {}),
    ...(params ? { params } : {}),
    data: dataOut,
    code,
    env: environment,
    ...(telemetry ? { telemetry } : {}),
    startedAt: proc.startedAt,
    durationMs: proc.durationMs,
    artifacts: modelFiles,
    ...(examples ? { examples } : {}),
    command: "shell" in command ? command.shell : command.argv,
    exitCode: proc.exitCode,
    signal: proc.signal,
    ...(failure ? { failure } : {}),
    ...(req.variant ? { variant: req.variant } : {}),
    ...(req.ci ? { ci: req.ci } : {}),
    notes,
  });
  const runPath = join(outDir, "run.json");
  await writeFile(runPath, formatKilnFile(run));
  const files = ["run.json", ...(profileFile ? [profileFile] : []), ...staged];
  const artifact = await deps.store.upload(name, files, outDir);
  note(`uploaded ${name} (${files.length} file${files.length === 1 ? "" : "s"})`);

  return {
    outcome,
    run,
    runPath,
    artifact,
    process: proc,
    ...(failure ? { failure } : {}),
    gpus: gpuList,
    ...(telemetry ? { telemetry } : {}),
    notes,
  };
}

async function codeOf(cwd: string, req: TrainRequest, outDir: string, exec: Exec): Promise<CodeInfo> {
  const out = relative(cwd, outDir);
  const exclude = [".kiln", ...(out && !out.startsWith("..") ? [out] : [])];
  const fromGit = await codeInfo(cwd, { env: req.env, exec, exclude });
  // git says what was checked out; CI's values fill in what git cannot tell (detached HEAD, no .git).
  return { ...req.codeFallback, ...fromGit };
}

function failureOf(proc: ProcessResult, timeoutS: number, graceMs: number): string | undefined {
  const killed = proc.killed
    ? `; it did not stop within the ${formatMs(graceMs)} grace period and was killed`
    : "";
  switch (proc.outcome) {
    case "succeeded":
      return undefined;
    case "timed-out":
      return `the trainer ran past its timeout of ${formatMs(timeoutS * 1000)}${killed}`;
    case "cancelled":
      return `the run was cancelled (${proc.reason ?? "stop requested"})${killed}`;
    case "failed":
      if (proc.error) return proc.error;
      return proc.signal
        ? `the trainer was killed by ${proc.signal}`
        : `the trainer exited with ${proc.exitCode}`;
  }
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise whose result can be taken now (if settled) or awaited. */
function track<T>(promise: Promise<T>) {
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

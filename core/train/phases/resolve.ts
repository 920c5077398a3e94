/**
 * Phase 1 of a training run: what will run and where, decided before anything runs — the command,
 * GPUs, time limits, the artifact's name, the declared paths and the params file. Declared paths
 * are checked here: a typo should cost a second, not a training run.
 */
import { resolve } from "node:path";
import { trainOf } from "../../config/schema.js";
import { parseDuration } from "../../config/units.js";
import { UsageError } from "../../errors.js";
import { artifactName } from "../../names.js";
import type { CommandSpec } from "../../process/runner.js";
import { readParams } from "../params.js";
import { declaredPath } from "../stage.js";
import type { TrainRequest } from "../train.js";

export const DEFAULT_GRACE_MS = 10_000;
export const DEFAULT_TELEMETRY_INTERVAL_MS = 5_000;
/** The schema's default `train.timeout`, also for a command given on the command line. */
const DEFAULT_TIMEOUT = "6h";

export interface TrainPlan {
  /** `models.<model>.train`, for messages. */
  where: string;
  command: CommandSpec;
  /** GPUs asked for; 0 runs without a GPU preflight or telemetry. */
  gpus: number;
  timeoutMs: number;
  graceMs: number;
  telemetryIntervalMs: number;
  /** `kiln-run-<model>[-<variant>]`. */
  artifact: string;
  /** Absolute repository root and output folder. */
  cwd: string;
  outDir: string;
  /** The declared paths, relative to cwd. */
  artifactPaths: string[];
  examplesPath?: string;
  checkpoints?: string;
  params?: Record<string, unknown>;
}

export async function resolvePlan(req: TrainRequest): Promise<TrainPlan> {
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
  const artifact = artifactName("run", req.model, req.variant);
  const cwd = resolve(req.cwd);
  const outDir = resolve(cwd, req.outDir);

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

  return {
    where,
    command,
    gpus,
    timeoutMs: timeoutS * 1000,
    graceMs: req.graceMs ?? DEFAULT_GRACE_MS,
    telemetryIntervalMs: req.telemetryIntervalMs ?? DEFAULT_TELEMETRY_INTERVAL_MS,
    artifact,
    cwd,
    outDir,
    artifactPaths,
    ...(examplesPath ? { examplesPath } : {}),
    ...(checkpoints ? { checkpoints } : {}),
    ...(params ? { params } : {}),
  };
}

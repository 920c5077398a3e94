/**
 * Phase 2 of a training run: everything the trainer needs in place before it starts — a clean
 * output folder, the code's identity (read from git before the trainer can dirty the tree), the GPU
 * preflight, the trainer's environment, the runner's environment for run.json, and the previous
 * attempt's checkpoints when resuming.
 */
import { mkdir, rm } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { describeError } from "../../errors.js";
import type { Env } from "../../process/runner.js";
import { type CodeInfo, codeInfo } from "../code.js";
import { collectEnvironment, type RunEnvironment } from "../environment.js";
import { describeGpu, type GpuInfo, gpuPreflight } from "../gpu.js";
import { restoreCheckpoints } from "../resume.js";
import type { TrainContext } from "../train.js";
import type { TrainPlan } from "./resolve.js";

export interface Prepared {
  code: CodeInfo;
  /** The GPUs the trainer sees; empty without a GPU preflight. */
  gpus: GpuInfo[];
  trainerEnv: Env;
  environment: RunEnvironment;
}

export async function preflight(ctx: TrainContext, plan: TrainPlan): Promise<Prepared> {
  const { req, exec, note } = ctx;
  const { cwd, outDir, checkpoints } = plan;
  await mkdir(outDir, { recursive: true });
  // An old run.json must never pass for this run's, whatever happens below.
  await rm(join(outDir, "run.json"), { force: true });
  await rm(join(outDir, "profile.json"), { force: true });

  const code = await codeOf(ctx, plan);
  let gpus: GpuInfo[] = [];
  const trainerEnv: Record<string, string | undefined> = {
    ...req.env,
    KILN_MODEL: req.model,
    KILN_RUN_DIR: outDir,
    // Python block-buffers stdout into a pipe; live logs need it line by line.
    PYTHONUNBUFFERED: req.env.PYTHONUNBUFFERED ?? "1",
  };
  if (req.variant) trainerEnv.KILN_VARIANT = req.variant;
  if (checkpoints) trainerEnv.KILN_CHECKPOINTS = resolve(cwd, checkpoints);
  if (plan.gpus > 0) {
    const found = await gpuPreflight(plan.gpus, { env: req.env, exec, where: `${plan.where}.gpus` });
    gpus = found.gpus;
    trainerEnv.CUDA_VISIBLE_DEVICES = found.cudaVisibleDevices;
    note(
      `GPU preflight: ${plan.gpus} asked, using ${found.gpus.map(describeGpu).join("; ")}` +
        (found.gpus[0]?.driver ? `, driver ${found.gpus[0].driver}` : "") +
        (found.gpus[0]?.cuda ? `, CUDA ${found.gpus[0].cuda}` : "") +
        ` (CUDA_VISIBLE_DEVICES=${found.cudaVisibleDevices}${found.setByKiln ? "" : ", set by the runner"})`,
    );
  }
  const environment = await collectEnvironment({
    cwd,
    env: req.env,
    exec,
    ...(req.runner ? { runner: req.runner } : {}),
    gpus,
  });

  if (checkpoints && req.resume) await resume(ctx, plan, checkpoints);
  return { code, gpus, trainerEnv, environment };
}

async function codeOf({ req, exec }: TrainContext, { cwd, outDir }: TrainPlan): Promise<CodeInfo> {
  const out = relative(cwd, outDir);
  const exclude = [".kiln", ...(out && !out.startsWith("..") ? [out] : [])];
  const fromGit = await codeInfo(cwd, { env: req.env, exec, exclude });
  // git says what was checked out; CI's values fill in what git cannot tell (detached HEAD, no .git).
  return { ...req.codeFallback, ...fromGit };
}

/** Restores the previous attempt's checkpoints; a failure only costs the head start. */
async function resume({ deps, note }: TrainContext, plan: TrainPlan, checkpoints: string): Promise<void> {
  try {
    const restored = await restoreCheckpoints({
      store: deps.store,
      artifact: plan.artifact,
      dir: resolve(plan.cwd, checkpoints),
      shown: checkpoints,
      scratch: join(plan.outDir, ".kiln-restore"),
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

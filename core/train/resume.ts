/**
 * Resume: a run that did not succeed uploads its checkpoints folder with its run artifact; the next
 * attempt (a re-run of the job on a fresh spot runner, or the next local `kiln train`) restores it
 * before the trainer starts, so the trainer finds its last checkpoint where it left it.
 */
import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { copyTree, isNotFound } from "../fs.js";
import type { ArtifactStore } from "../ports.js";
import { CHECKPOINTS_IN_ARTIFACT } from "./stage.js";

export type RestoreResult =
  | { restored: true; files: number; from: string }
  | { restored: false; reason: string };

export async function restoreCheckpoints(opts: {
  store: ArtifactStore;
  /** The artifact the previous attempt uploaded (same name: a re-run replaces its own artifact). */
  artifact: string;
  /** Absolute path of the checkpoints folder. */
  dir: string;
  shown: string;
  /** Scratch space on the same filesystem. */
  scratch: string;
}): Promise<RestoreResult> {
  if ((await entries(opts.dir)).length > 0) {
    return { restored: false, reason: `${opts.shown} already has files; the trainer resumes from them` };
  }
  const previous = (await opts.store.list()).find((a) => a.name === opts.artifact);
  if (!previous) return { restored: false, reason: `no earlier ${opts.artifact} to resume from` };
  await rm(opts.scratch, { recursive: true, force: true });
  try {
    await opts.store.download(opts.artifact, opts.scratch);
    const source = join(opts.scratch, CHECKPOINTS_IN_ARTIFACT);
    if ((await entries(source)).length === 0) {
      return {
        restored: false,
        reason: `${opts.artifact} holds no checkpoints (its run succeeded or saved none)`,
      };
    }
    await mkdir(opts.dir, { recursive: true });
    const files = await copyTree(source, opts.dir);
    return { restored: true, files: files.length, from: opts.artifact };
  } finally {
    await rm(opts.scratch, { recursive: true, force: true });
  }
}

async function entries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if (isNotFound(err) || (err as NodeJS.ErrnoException).code === "ENOTDIR") return [];
    throw err;
  }
}

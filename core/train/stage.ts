/**
 * Lays out the run's artifact in the output folder, as `kiln-run-<model>` holds it:
 *
 *   run.json, profile.json       what kiln wrote
 *   <declared paths>             model files and the examples file, at their repository paths
 *   kiln-checkpoints/…           the checkpoints folder, only when a run did not succeed (resume)
 *
 * Files are hard-linked where the filesystem allows (a 10 GB model is not copied), else copied.
 */
import { copyFile, link, mkdir, rm, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { CheckFailed, UsageError } from "../errors.js";
import { safeRelativePath, walkFiles } from "../fs.js";

/** A name no model folder is likely to have, so a model's own `checkpoints/` is never mistaken for it. */
export const CHECKPOINTS_IN_ARTIFACT = "kiln-checkpoints";
export const RESERVED_IN_ARTIFACT = new Set(["run.json", "profile.json", CHECKPOINTS_IN_ARTIFACT]);

/** A declared path (relative to the repository), checked to stay inside it and not to hold kiln's output. */
export function declaredPath(
  path: string,
  what: string,
  cwd: string,
  outDir: string,
  opts: { atOwnPath?: boolean } = {},
): string {
  if (/[*?[\]{}]/.test(path)) {
    throw new UsageError(`${what} ${JSON.stringify(path)} is a glob`, {
      hint: "List files or folders; a folder is uploaded with everything in it",
    });
  }
  const rel = safeRelativePath(path, what);
  const abs = resolve(cwd, rel);
  // Staging copies the path into the output folder: neither may contain the other.
  if (isInside(abs, outDir) || isInside(outDir, abs)) {
    throw new UsageError(
      `${what} ${JSON.stringify(path)} overlaps the output folder ${relative(cwd, outDir)}`,
      {
        hint: "Choose an --out folder outside the declared artifacts",
      },
    );
  }
  // Files uploaded at their own path must not take the names kiln uses in the artifact.
  if ((opts.atOwnPath ?? true) && RESERVED_IN_ARTIFACT.has(rel.split("/")[0] ?? "")) {
    throw new UsageError(
      `${what} ${JSON.stringify(path)} clashes with kiln's own ${rel.split("/")[0]} in the artifact`,
      {
        hint: "Rename the file or folder",
      },
    );
  }
  return rel;
}

export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** Stages `rel` (a file or a folder under `cwd`) into `outDir/<prefix>/…`; returns the staged paths, relative to outDir. */
export async function stagePath(
  cwd: string,
  rel: string,
  outDir: string,
  opts: { prefix?: string; what: string },
): Promise<string[]> {
  const from = resolve(cwd, rel);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(from);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      throw new CheckFailed(`${opts.what} ${rel} does not exist after training`, {
        hint: "The trainer must write every declared artifact; check the path in the config",
      });
    }
    throw err;
  }
  const files = info.isDirectory() ? (await walkFiles(from)).map((f) => `${rel}/${f}`) : [rel];
  const staged: string[] = [];
  for (const file of files) {
    const target = opts.prefix ? `${opts.prefix}/${file.slice(rel.length + 1) || file}` : file;
    await placeFile(resolve(cwd, file), join(outDir, target));
    staged.push(target);
  }
  return staged;
}

/** Hard link, or a copy where links are not possible (another filesystem, Windows shares). */
export async function placeFile(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  await rm(to, { force: true });
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

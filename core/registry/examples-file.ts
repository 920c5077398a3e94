/**
 * A run's per-example results as the registry keeps them with a version (`examples.csv`), so a
 * later gate can test significance against the production version: read beside run.json when
 * registering, written back beside the version's run.json when it becomes a baseline.
 */
import { mkdir, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { canonicalJson } from "../digest.js";
import { UsageError } from "../errors.js";
import { readTextFile } from "../fs.js";
import { MAX_EXAMPLES_BYTES } from "../gate/examples.js";
import { examplesPathOf } from "../gate/load.js";
import type { RunRecord } from "../metrics/run-record.js";

/** The text of the per-example results run.json names, or null when it names none or they are gone. */
export async function readExamplesBeside(run: RunRecord, runFile: string): Promise<string | null> {
  const path = examplesPathOf(run, runFile);
  if (path === null) return null;
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return null;
  }
  if (size > MAX_EXAMPLES_BYTES) {
    throw new UsageError(`${path} is larger than ${MAX_EXAMPLES_BYTES / 1024 / 1024} MiB`, {
      hint: "Per-example results hold one short row per evaluation example",
    });
  }
  return readTextFile(path, path, { what: "per-example results" });
}

/**
 * Writes a version's run.json and its per-example results into `dir` as the run's folder held them,
 * and returns the run.json path (what the gate reads examples beside).
 */
export async function writeRunFolder(dir: string, run: RunRecord, examples: string): Promise<string> {
  const runFile = join(dir, "run.json");
  const path = examplesPathOf(run, runFile);
  if (path === null) throw new UsageError(`${runFile} names no per-example results`);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(runFile, canonicalJson(run));
  await writeFile(path, examples);
  return runFile;
}

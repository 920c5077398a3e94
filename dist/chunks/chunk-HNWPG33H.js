import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  canonicalJson
} from "./chunk-TEGK7FMR.js";
import {
  readTextFile
} from "./chunk-VQWZVFSN.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// core/registry/examples-file.ts
import { mkdir, stat, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, win32 } from "node:path";
var MAX_EXAMPLES_FILE_BYTES = 256 * 1024 * 1024;
function examplesPathOf(run, runFile) {
  const rel = run.examples;
  if (rel === void 0) return null;
  if (isAbsolute(rel) || win32.isAbsolute(rel) || rel.split(/[\\/]+/).includes("..")) {
    throw new UsageError(
      `${runFile}: examples ${JSON.stringify(rel)} must be a path inside the run's folder`,
      {
        hint: "Write the per-example results next to run.json and name them relative to it"
      }
    );
  }
  return join(dirname(runFile), rel);
}
async function readExamplesBeside(run, runFile) {
  const path = examplesPathOf(run, runFile);
  if (path === null) return null;
  let size;
  try {
    size = (await stat(path)).size;
  } catch {
    return null;
  }
  if (size > MAX_EXAMPLES_FILE_BYTES) {
    throw new UsageError(`${path} is larger than ${MAX_EXAMPLES_FILE_BYTES / 1024 / 1024} MiB`, {
      hint: "Per-example results hold one short row per evaluation example"
    });
  }
  return readTextFile(path, path, { what: "per-example results" });
}
async function writeRunFolder(dir, run, examples) {
  const runFile = join(dir, "run.json");
  const path = examplesPathOf(run, runFile);
  if (path === null) throw new UsageError(`${runFile} names no per-example results`);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(runFile, canonicalJson(run));
  await writeFile(path, examples);
  return runFile;
}

export {
  readExamplesBeside,
  writeRunFolder
};

import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  MAX_EXAMPLES_BYTES,
  examplesPathOf
} from "./chunk-CLTHOWKV.js";
import {
  canonicalJson
} from "./chunk-TEGK7FMR.js";
import {
  readTextFile
} from "./chunk-GG6ZXDCZ.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// core/registry/examples-file.ts
import { mkdir, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
async function readExamplesBeside(run, runFile) {
  const path = examplesPathOf(run, runFile);
  if (path === null) return null;
  let size;
  try {
    size = (await stat(path)).size;
  } catch {
    return null;
  }
  if (size > MAX_EXAMPLES_BYTES) {
    throw new UsageError(`${path} is larger than ${MAX_EXAMPLES_BYTES / 1024 / 1024} MiB`, {
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

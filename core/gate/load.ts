/**
 * Reading the gate's inputs from disk: run.json files (with a clear error for the NaN and Infinity
 * that Python's json module writes) and the per-example results a run names in `examples`.
 */
import { stat } from "node:fs/promises";
import { dirname, isAbsolute, join, win32 } from "node:path";
import { UsageError } from "../errors.js";
import { parseKilnFile } from "../files.js";
import { errorCode, readTextFile } from "../fs.js";
import type { RunRecord } from "../metrics/run-record.js";
import { type ExampleTable, MAX_EXAMPLES_BYTES, readExamplesFile } from "./examples.js";

export async function readRunFile(path: string, shown: string = path): Promise<RunRecord> {
  return parseRunText(await readTextFile(path, shown, { what: "run" }), shown);
}

/** parseKilnFile("run", …), except that NaN and ±Infinity are named by key path. */
export function parseRunText(text: string, file: string): RunRecord {
  const special = findNonFinite(text);
  if (special) {
    throw new UsageError(`${file}: ${special.path} is ${special.token}; metrics must be finite numbers`, {
      hint: "The trainer wrote a non-finite value (a division by zero, an empty evaluation set?); fix it at the source",
    });
  }
  return parseKilnFile("run", text, file);
}

/**
 * The first bare NaN / Infinity / -Infinity token outside strings, with its key path — JSON has
 * no such values, but Python's json.dumps writes them. Null when there is none (or the text is not
 * JSON for another reason, which parseKilnFile reports).
 */
export function findNonFinite(text: string): { path: string; token: string } | null {
  const marker = "\u0000kiln-non-finite:";
  let out = "";
  let found = false;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inString) {
      out += ch;
      if (ch === "\\") {
        out += text[i + 1] ?? "";
        i++;
      } else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      continue;
    }
    const m = /^(-?Infinity|NaN)/.exec(text.slice(i, i + 9));
    if (m?.[1]) {
      out += JSON.stringify(`${marker}${m[1]}`);
      i += m[1].length - 1;
      found = true;
      continue;
    }
    out += ch;
  }
  if (!found) return null;
  let data: unknown;
  try {
    data = JSON.parse(out);
  } catch {
    return null;
  }
  const walk = (v: unknown, path: string[]): { path: string; token: string } | null => {
    if (typeof v === "string" && v.startsWith(marker))
      return { path: path.join(".") || "(top level)", token: v.slice(marker.length) };
    if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        const hit = walk(child, [...path, k]);
        if (hit) return hit;
      }
    }
    return null;
  };
  return walk(data, []);
}

/** `run.examples` beside run.json, or null when it names none; throws when it points outside the run's folder. */
export function examplesPathOf(run: RunRecord, runFile: string): string | null {
  const rel = run.examples;
  if (rel === undefined) return null;
  if (isAbsolute(rel) || win32.isAbsolute(rel) || rel.split(/[\\/]+/).includes("..")) {
    throw new UsageError(
      `${runFile}: examples ${JSON.stringify(rel)} must be a path inside the run's folder`,
      {
        hint: "Write the per-example results next to run.json and name them relative to it",
      },
    );
  }
  return join(dirname(runFile), rel);
}

/**
 * The per-example results a run names, read relative to the folder its run.json is in (the run's
 * artifact). The path must stay inside that folder: run.json may come from a fork.
 */
export async function readRunExamples(run: RunRecord, runFile: string): Promise<ExampleTable | string> {
  const path = examplesPathOf(run, runFile);
  if (path === null) return `${runFile} names no per-example results (examples)`;
  let size: number;
  let directory: boolean;
  try {
    const st = await stat(path);
    size = st.size;
    directory = st.isDirectory();
  } catch {
    return `${path} (the examples of ${runFile}) does not exist`;
  }
  if (directory) throw new UsageError(`per-example results ${path} is a directory, not a file`);
  if (size > MAX_EXAMPLES_BYTES) {
    throw new UsageError(`${path} is larger than ${MAX_EXAMPLES_BYTES / 1024 / 1024} MiB`);
  }
  // Streamed into typed arrays: a million rows cost tens of megabytes, not a string per cell.
  try {
    return readExamplesFile(path, path);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = errorCode(err);
    if (code === undefined) throw err;
    throw new UsageError(`cannot read per-example results ${path}: ${(err as Error).message}`);
  }
}

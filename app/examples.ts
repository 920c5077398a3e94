/**
 * Per-example results the app read from an artifact or the registry, turned into what the gate
 * pairs: laid out beside their run.json in a scratch folder and read exactly as `kiln gate` reads
 * them. A file the gate cannot use becomes the reason significance is skipped, never a failed
 * delivery; scratch paths in messages are replaced by where the file came from.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KilnError } from "../core/errors.js";
import type { ExampleTable } from "../core/gate/examples.js";
import { readRunExamples } from "../core/gate/load.js";
import type { RunRecord } from "../core/metrics/run-record.js";
import { writeRunFolder } from "../core/registry/examples-file.js";

/** The table, or why significance cannot use it. `from` names the source in messages. */
export async function examplesTable(
  run: RunRecord,
  text: string,
  from: string,
): Promise<ExampleTable | string> {
  const dir = await mkdtemp(join(tmpdir(), "kiln-app-examples-"));
  try {
    return await readExamplesIn(run, await writeRunFolder(dir, run, text), dir, from);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** readRunExamples with scratch paths shown as `from` and kiln's errors as reasons. */
export async function readExamplesIn(
  run: RunRecord,
  runFile: string,
  scratch: string,
  from: string,
): Promise<ExampleTable | string> {
  const shown = (text: string) => text.replaceAll(`${scratch}/`, `${from}/`).replaceAll(scratch, from);
  try {
    const table = await readRunExamples(run, runFile);
    return typeof table === "string" ? shown(table) : table;
  } catch (err) {
    if (err instanceof KilnError) return shown(err.message);
    throw err;
  }
}

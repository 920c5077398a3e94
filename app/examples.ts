/**
 * Per-example results the app read from an artifact or the registry, turned into what the gate
 * pairs, read exactly as `kiln gate` reads them. A file the gate cannot use becomes the reason
 * significance is skipped, never a failed delivery; scratch paths in messages are replaced by where
 * the file came from.
 */
import { KilnError } from "../core/errors.js";
import { type ExampleTable, parseExamples } from "../core/gate/examples.js";
import { readRunExamples } from "../core/gate/load.js";
import type { RunRecord } from "../core/metrics/run-record.js";

/** The table parsed from `text` (the file run.json names), or why significance cannot use it. */
export function examplesTable(run: RunRecord, text: string, from: string): ExampleTable | string {
  try {
    return parseExamples(text, `${from}/${run.examples ?? "examples"}`);
  } catch (err) {
    if (err instanceof KilnError) return err.message;
    throw err;
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

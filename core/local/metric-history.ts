/**
 * Metric history as JSON Lines, one file per model (`<root>/<model>.jsonl`), in the order entries
 * were recorded — the same lines the GitHub implementation keeps on the kiln/history branch.
 */
import { appendFile, mkdir, readFile, truncate } from "node:fs/promises";
import { join, resolve } from "node:path";
import * as z from "zod";
import { isoTime, modelName } from "../contracts.js";
import { UsageError } from "../errors.js";
import { isNotFound, withLock } from "../fs.js";
import { metricMap } from "../metrics/run-record.js";
import { assertModelName } from "../names.js";
import type { HistoryEntry, MetricHistory } from "../ports.js";

const entrySchema = z.looseObject({
  model: modelName,
  sha: z.string().min(1),
  ref: z.string(),
  run_id: z.string().optional(),
  recorded_at: isoTime,
  metrics: metricMap,
});

/** One line of a history file, newline included. */
export function formatHistoryLine(entry: HistoryEntry): string {
  return `${JSON.stringify(pick(entry))}\n`;
}

/**
 * Whether `text` (a history file) already records `entry`'s run: redeliveries and re-runs chart
 * once. Lenient on purpose: a corrupt line is `read`'s to report, and must not stop an append.
 */
export function recordsRun(text: string, entry: HistoryEntry): boolean {
  if (entry.run_id === undefined) return false;
  for (const line of text.split("\n")) {
    if (!line.includes(entry.run_id)) continue;
    try {
      if ((JSON.parse(line) as { run_id?: unknown }).run_id === entry.run_id) return true;
    } catch {
      // Not a whole entry.
    }
  }
  return false;
}

/**
 * Entries of a history file, oldest first. kiln writes every line, so a bad line is an error naming
 * file:line — except an unterminated last line, which is what a crash mid-append leaves behind.
 */
export function parseHistory(text: string, file: string): HistoryEntry[] {
  const lines = text.split("\n");
  const torn = lines.length > 0 && !text.endsWith("\n") ? lines.length : -1;
  const out: HistoryEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "") continue;
    const where = `${file}:${i + 1}`;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (err) {
      if (i + 1 === torn) break;
      throw corrupt(where, `is not valid JSON: ${(err as Error).message}`);
    }
    const parsed = entrySchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const key = issue?.path.length ? issue.path.map(String).join(".") : "(top level)";
      throw corrupt(where, `${key}: ${issue?.message ?? "invalid"}`);
    }
    out.push(pick(parsed.data));
  }
  return out;
}

export class LocalMetricHistory implements MetricHistory {
  readonly root: string;

  constructor(opts: { root: string }) {
    this.root = resolve(opts.root);
  }

  async read(model: string, limit: number): Promise<HistoryEntry[]> {
    if (!Number.isInteger(limit) || limit < 0) {
      throw new UsageError(`history limit ${limit} must be a whole number of entries`);
    }
    const file = this.path(model);
    const text = await readText(file);
    if (limit === 0 || text === "") return [];
    return parseHistory(text, file).slice(-limit);
  }

  async append(entry: HistoryEntry): Promise<void> {
    const checked = entrySchema.safeParse(entry);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const key = issue?.path.length ? issue.path.map(String).join(".") : "(top level)";
      throw new UsageError(`history entry: ${key}: ${issue?.message ?? "invalid"}`);
    }
    const file = this.path(entry.model);
    await withLock(file, async () => {
      await mkdir(this.root, { recursive: true });
      // Drop a torn last line from an earlier crash, so the new line does not glue onto it.
      const text = await readText(file);
      if (text !== "" && !text.endsWith("\n")) {
        await truncate(file, Buffer.byteLength(text.slice(0, text.lastIndexOf("\n") + 1)));
      }
      if (recordsRun(text, entry)) return;
      // One O_APPEND write per entry: concurrent writers interleave whole lines.
      await appendFile(file, formatHistoryLine(entry));
    });
  }

  private path(model: string): string {
    return join(this.root, `${assertModelName(model)}.jsonl`);
  }
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    if (isNotFound(err)) return "";
    throw err;
  }
}

function pick(e: HistoryEntry): HistoryEntry {
  const out: HistoryEntry = {
    model: e.model,
    sha: e.sha,
    ref: e.ref,
    recorded_at: e.recorded_at,
    metrics: { ...e.metrics },
  };
  if (e.run_id !== undefined) out.run_id = e.run_id;
  return out;
}

function corrupt(where: string, what: string): UsageError {
  return new UsageError(`${where} ${what}`, {
    hint: "kiln wrote this history file; fix or remove that line",
  });
}

/**
 * Every JSON file kiln writes or reads, by kind. Reading one is always: size cap, JSON parse,
 * schema check — with an error that names the file, the key path and what to do.
 */
import type * as z from "zod";
import { profileSchema } from "./data/profile-file.js";
import { validationReportSchema } from "./data/report.js";
import { UsageError } from "./errors.js";
import { gateResultSchema } from "./gate/gate-result.js";
import { runRecordSchema } from "./metrics/run-record.js";
import { monitorResultSchema } from "./monitor/monitor-result.js";
import { retrainRequestSchema } from "./retrain/retrain-request.js";

export const FILE_SCHEMAS = {
  run: runRecordSchema,
  gate: gateResultSchema,
  validation: validationReportSchema,
  profile: profileSchema,
  monitor: monitorResultSchema,
  retrain: retrainRequestSchema,
} as const;

export type FileKind = keyof typeof FILE_SCHEMAS;
export type KilnFileOf<K extends FileKind> = z.infer<(typeof FILE_SCHEMAS)[K]>;

/** Files from artifacts may come from a fork: refuse anything implausibly large before parsing. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

export function parseKilnFile<K extends FileKind>(kind: K, text: string, file: string): KilnFileOf<K> {
  if (Buffer.byteLength(text) > MAX_FILE_BYTES) {
    throw new UsageError(`${file} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`, {
      hint: `A kiln.${kind}/v1 file is small; check that the right file was given`,
    });
  }
  if (text.trim() === "")
    throw new UsageError(`${file} is empty`, { hint: `Expected a kiln.${kind}/v1 JSON file` });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is not valid JSON: ${(err as Error).message}`, {
      hint: `Expected a kiln.${kind}/v1 JSON file`,
    });
  }
  const schema = FILE_SCHEMAS[kind];
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data as KilnFileOf<K>;
  const first = parsed.error.issues[0];
  const more = parsed.error.issues.length - 1;
  const where = first?.path.length ? first.path.map(String).join(".") : "(top level)";
  const declared = (data as { schema?: unknown } | null)?.schema;
  const hint =
    declared !== `kiln.${kind}/v1`
      ? `The file says schema ${JSON.stringify(declared ?? null)}; expected "kiln.${kind}/v1"`
      : "Fix the value at that key; docs/architecture.md describes each file";
  throw new UsageError(
    `${file}: ${where}: ${first?.message ?? "invalid"}${more > 0 ? ` (and ${more} more problem${more > 1 ? "s" : ""})` : ""}`,
    { hint },
  );
}

// Apart, so writing a file does not load every file's schema (and `kiln validate` starts sooner).
export { formatKilnFile } from "./file-format.js";

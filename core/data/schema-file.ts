/**
 * The data schema's file format: its schema, parsed from YAML with errors that point at the key's
 * line, and written with a header that says how to edit it. Kept apart from schema.ts so only runs
 * that read or write a schema load the YAML parser and the schema library (about 30 ms of start-up
 * that `kiln validate` from data files would otherwise wait for).
 */
import { isMap, isScalar, LineCounter, parseDocument, stringify } from "yaml";
import * as z from "zod";
import { UsageError } from "../errors.js";
import { COLUMN_TYPES } from "./report.js";
import type { DataSchema, SchemaColumn } from "./schema.js";

export const columnSchema = z.strictObject({
  type: z.enum(COLUMN_TYPES),
  required: z.boolean().default(true),
  "max-missing": z.number().min(0).max(1).default(0),
  values: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
  min: z.union([z.number(), z.string()]).optional(),
  max: z.union([z.number(), z.string()]).optional(),
  "allow-nan": z.boolean().default(false),
});

export const dataSchemaSchema = z.strictObject({
  dataset: z
    .strictObject({
      "min-rows": z.number().int().nonnegative().optional(),
      "max-rows": z.number().int().nonnegative().optional(),
    })
    .prefault({}),
  columns: z.record(z.string(), columnSchema),
  /** Columns not listed here: reported as new columns unless `allow-new-columns`. */
  "allow-new-columns": z.boolean().default(false),
});

export function parseDataSchema(text: string, file: string): DataSchema {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new UsageError(`${file}:${e?.linePos?.[0]?.line ?? 1}: YAML syntax: ${e?.message.split("\n")[0]}`);
  }
  const parsed = dataSchemaSchema.safeParse(doc.toJS() ?? {});
  if (parsed.success) {
    for (const [name, c] of Object.entries(parsed.data.columns)) checkBounds(file, name, c);
    return parsed.data;
  }
  const issue = parsed.error.issues[0];
  const path = issue?.path ?? [];
  // Point at the key's line, as `kiln config check` does.
  let node: unknown = doc.contents;
  for (const seg of path) {
    if (!isMap(node)) break;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
    if (!pair) break;
    node = pair.value ?? pair.key;
  }
  const offset = (node as { range?: [number] } | null)?.range?.[0] ?? 0;
  const keys = issue?.code === "unrecognized_keys" ? ` (${issue.keys.join(", ")})` : "";
  throw new UsageError(
    `${file}:${lines.linePos(offset).line} ${path.map(String).join(".")}: ${issue?.message ?? "invalid"}${keys}`,
    { hint: "See docs/actions/validate.md for the schema format" },
  );
}

function checkBounds(file: string, name: string, c: SchemaColumn): void {
  for (const key of ["min", "max"] as const) {
    const v = c[key];
    if (typeof v === "string" && (c.type !== "datetime" || Number.isNaN(Date.parse(v)))) {
      throw new UsageError(
        `${file}: columns.${name}.${key}: ${JSON.stringify(v)} is not a number or ISO date`,
      );
    }
  }
}

export function formatDataSchema(schema: DataSchema, source: string): string {
  const header = [
    `# kiln data schema, inferred from ${source}. Edit it: it is the contract the data must meet.`,
    "# Per column: type (numeric, categorical, boolean, datetime, text), required, max-missing (share),",
    "# values (allowed categories), min/max (allowed range), allow-nan. dataset: min-rows, max-rows.",
    "",
  ].join("\n");
  return header + stringify(schema, { lineWidth: 0 });
}

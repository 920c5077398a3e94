/**
 * The data schema: a short YAML file users read and edit (`kiln schema infer` writes a first
 * draft). It pins column types (auto-typing is a top complaint of every validation tool), the
 * allowed categories, numeric ranges and how much may be missing.
 */
import { isMap, isScalar, LineCounter, parseDocument, stringify } from "yaml";
import { z } from "zod";
import { UsageError } from "../errors.js";
import type { ColumnChecks } from "./column.js";
import { distinctValues } from "./drift.js";
import type { DataProfile } from "./profile-data.js";
import { COLUMN_TYPES } from "./report.js";

/** TFDV's rule: a string column with at most this many values gets a category domain. */
export const MAX_DOMAIN = 100;

const columnSchema = z.strictObject({
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

export type DataSchema = z.output<typeof dataSchemaSchema>;
export type SchemaColumn = z.output<typeof columnSchema>;

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

/** The value-level checks the scan evaluates, per column. */
export function checksFromSchema(schema: DataSchema | undefined): Record<string, ColumnChecks> {
  if (!schema) return {};
  const out: Record<string, ColumnChecks> = {};
  for (const [name, c] of Object.entries(schema.columns)) {
    const bound = (v: number | string | undefined) => (typeof v === "string" ? Date.parse(v) : v);
    const min = bound(c.min);
    const max = bound(c.max);
    out[name] = {
      type: c.type,
      ...(c.values ? { domain: new Set(c.values.map(String)) } : {}),
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
    };
  }
  return out;
}

/**
 * A first schema from data, TFDV-style: types; a category list when a string column has at most
 * 100 values; booleans; how much may be missing (nothing when nothing was, else twice the observed
 * share, at least 5%); numeric ranges only when asked, since a range from one sample is usually too tight.
 */
export function inferSchema(profile: DataProfile, opts: { ranges?: boolean } = {}): DataSchema {
  const columns: Record<string, SchemaColumn> = {};
  for (const c of profile.columns) {
    const type = c.type();
    const present = c.count - c.missing;
    const missingShare = c.count > 0 ? c.missing / c.count : 0;
    // Nothing missing stays strict; otherwise leave room for the next sample's noise.
    const maxMissing =
      missingShare === 0 ? 0 : Math.min(1, Math.max(0.05, Math.ceil(missingShare * 200) / 100));
    const col = { type, required: true, "max-missing": maxMissing } as SchemaColumn;
    if (type === "numeric") col["allow-nan"] = false;
    if ((type === "categorical" || type === "boolean") && c.frequent.exact && present > 0) {
      if (distinctValues(c, type) <= MAX_DOMAIN && type === "categorical") {
        col.values = [...c.frequent.counts.keys()].map(String).sort();
      }
    }
    if (opts.ranges && (type === "numeric" || type === "datetime") && c.moments.n > 0) {
      col.min = type === "datetime" ? new Date(c.moments.min).toISOString() : c.moments.min;
      col.max = type === "datetime" ? new Date(c.moments.max).toISOString() : c.moments.max;
    }
    columns[c.name] = col;
  }
  return { dataset: {}, columns, "allow-new-columns": false };
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

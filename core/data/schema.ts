/**
 * The data schema: a short YAML file users read and edit (`kiln schema infer` writes a first
 * draft). It pins column types (auto-typing is a top complaint of every validation tool), the
 * allowed categories, numeric ranges and how much may be missing. The file's format — its schema,
 * reading and writing the YAML — lives in schema-file.ts, so a run without a schema loads neither
 * the YAML parser nor the schema library.
 */
import type * as z from "zod";
import type { ColumnChecks } from "./column.js";
import { distinctValues } from "./drift.js";
import type { DataProfile } from "./profile-data.js";
import type { columnSchema, dataSchemaSchema } from "./schema-file.js";

/** TFDV's rule: a string column with at most this many values gets a category domain. */
export const MAX_DOMAIN = 100;

export type DataSchema = z.output<typeof dataSchemaSchema>;
export type SchemaColumn = z.output<typeof columnSchema>;

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
        col.values = [...c.frequent.keys()].map(String).sort();
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

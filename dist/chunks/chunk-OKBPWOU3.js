import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  distinctValues
} from "./chunk-2KA7ZQ3F.js";
import {
  COLUMN_TYPES
} from "./chunk-GQAPX3NK.js";
import {
  _enum,
  array,
  boolean,
  number,
  record,
  strictObject,
  string,
  union
} from "./chunk-ZODBETJN.js";

// core/data/schema.ts
var MAX_DOMAIN = 100;
var columnSchema = strictObject({
  type: _enum(COLUMN_TYPES),
  required: boolean().default(true),
  "max-missing": number().min(0).max(1).default(0),
  values: array(union([string(), number(), boolean()])).optional(),
  min: union([number(), string()]).optional(),
  max: union([number(), string()]).optional(),
  "allow-nan": boolean().default(false)
});
var dataSchemaSchema = strictObject({
  dataset: strictObject({
    "min-rows": number().int().nonnegative().optional(),
    "max-rows": number().int().nonnegative().optional()
  }).prefault({}),
  columns: record(string(), columnSchema),
  /** Columns not listed here: reported as new columns unless `allow-new-columns`. */
  "allow-new-columns": boolean().default(false)
});
function checksFromSchema(schema) {
  if (!schema) return {};
  const out = {};
  for (const [name, c] of Object.entries(schema.columns)) {
    const bound = (v) => typeof v === "string" ? Date.parse(v) : v;
    const min = bound(c.min);
    const max = bound(c.max);
    out[name] = {
      type: c.type,
      ...c.values ? { domain: new Set(c.values.map(String)) } : {},
      ...min !== void 0 ? { min } : {},
      ...max !== void 0 ? { max } : {}
    };
  }
  return out;
}
function inferSchema(profile, opts = {}) {
  const columns = {};
  for (const c of profile.columns) {
    const type = c.type();
    const present = c.count - c.missing;
    const missingShare = c.count > 0 ? c.missing / c.count : 0;
    const maxMissing = missingShare === 0 ? 0 : Math.min(1, Math.max(0.05, Math.ceil(missingShare * 200) / 100));
    const col = { type, required: true, "max-missing": maxMissing };
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

export {
  dataSchemaSchema,
  checksFromSchema,
  inferSchema
};

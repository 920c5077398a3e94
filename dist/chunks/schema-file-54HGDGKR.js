import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  COLUMN_TYPES
} from "./chunk-KP4FZ7NM.js";
import {
  require_dist
} from "./chunk-PGCZXT7T.js";
import "./chunk-DWBXFSL2.js";
import "./chunk-CG4E3PCN.js";
import "./chunk-3EHQAXI5.js";
import {
  _enum,
  array,
  boolean,
  number,
  record,
  strictObject,
  string,
  union
} from "./chunk-SG4ICILI.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";
import {
  __toESM
} from "./chunk-UBBLWZDB.js";

// core/data/schema-file.ts
var import_yaml = __toESM(require_dist(), 1);
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
function parseDataSchema(text, file) {
  const lines = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter: lines, uniqueKeys: true });
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
  let node = doc.contents;
  for (const seg of path) {
    if (!(0, import_yaml.isMap)(node)) break;
    const pair = node.items.find((p) => (0, import_yaml.isScalar)(p.key) && String(p.key.value) === String(seg));
    if (!pair) break;
    node = pair.value ?? pair.key;
  }
  const offset = node?.range?.[0] ?? 0;
  const keys = issue?.code === "unrecognized_keys" ? ` (${issue.keys.join(", ")})` : "";
  throw new UsageError(
    `${file}:${lines.linePos(offset).line} ${path.map(String).join(".")}: ${issue?.message ?? "invalid"}${keys}`,
    { hint: "See docs/actions/validate.md for the schema format" }
  );
}
function checkBounds(file, name, c) {
  for (const key of ["min", "max"]) {
    const v = c[key];
    if (typeof v === "string" && (c.type !== "datetime" || Number.isNaN(Date.parse(v)))) {
      throw new UsageError(
        `${file}: columns.${name}.${key}: ${JSON.stringify(v)} is not a number or ISO date`
      );
    }
  }
}
function formatDataSchema(schema, source) {
  const header = [
    `# kiln data schema, inferred from ${source}. Edit it: it is the contract the data must meet.`,
    "# Per column: type (numeric, categorical, boolean, datetime, text), required, max-missing (share),",
    "# values (allowed categories), min/max (allowed range), allow-nan. dataset: min-rows, max-rows.",
    ""
  ].join("\n");
  return header + (0, import_yaml.stringify)(schema, { lineWidth: 0 });
}
export {
  columnSchema,
  dataSchemaSchema,
  formatDataSchema,
  parseDataSchema
};

import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  distinctValues,
  loadProfile,
  profileFromJSON,
  validate
} from "./chunk-BFQ7YYYW.js";
import {
  formatCount
} from "./chunk-IB4XY3DN.js";
import {
  COLUMN_TYPES
} from "./chunk-M6G5W46Y.js";
import {
  readTextFile
} from "./chunk-F75MKDK6.js";
import {
  require_dist
} from "./chunk-MGNZCMU2.js";
import {
  external_exports
} from "./chunk-SHX5IHM6.js";
import {
  UsageError
} from "./chunk-MYTDQ55T.js";
import {
  __toESM
} from "./chunk-UBBLWZDB.js";

// core/data/plan.ts
async function planValidation(flags, model, registry) {
  const data = model?.config.data;
  const current = flags.current ?? data?.train;
  if (!current) {
    throw new UsageError("no data to validate", {
      hint: model ? `Give a file, or set models.${model.name}.data.train in the config` : "Give a file, or --config and --model"
    });
  }
  let reference = null;
  const referencePath = flags.reference ?? data?.reference;
  if (referencePath) reference = { path: referencePath };
  else if (model && registry) {
    const production = await registry.alias(model.name, "production");
    const profile = production ? await registry.readFile(model.name, production.version, "profile.json") : null;
    if (production && profile) reference = { profile, label: `${production.tag} (production) training data` };
  }
  return {
    current,
    reference,
    schema: flags.schema ?? data?.schema ?? null,
    drift: data?.drift ?? { method: "auto", threshold: "auto", share: 0.5, columns: {} },
    failOn: data?.["fail-on"] ?? ["anomalies", "dataset-drift"]
  };
}

// core/data/progress.ts
function progressLines(write, everyMs = 3e3) {
  const started = Date.now();
  let last = started;
  return (file, rows) => {
    const now = Date.now();
    if (now - last < everyMs) return;
    last = now;
    const rate = rows / ((now - started) / 1e3);
    write(`${file}: ${formatCount(rows)} rows (${formatCount(Math.round(rate))} rows/s)`);
  };
}

// core/data/schema.ts
var import_yaml = __toESM(require_dist(), 1);
var MAX_DOMAIN = 100;
var columnSchema = external_exports.strictObject({
  type: external_exports.enum(COLUMN_TYPES),
  required: external_exports.boolean().default(true),
  "max-missing": external_exports.number().min(0).max(1).default(0),
  values: external_exports.array(external_exports.union([external_exports.string(), external_exports.number(), external_exports.boolean()])).optional(),
  min: external_exports.union([external_exports.number(), external_exports.string()]).optional(),
  max: external_exports.union([external_exports.number(), external_exports.string()]).optional(),
  "allow-nan": external_exports.boolean().default(false)
});
var dataSchemaSchema = external_exports.strictObject({
  dataset: external_exports.strictObject({
    "min-rows": external_exports.number().int().nonnegative().optional(),
    "max-rows": external_exports.number().int().nonnegative().optional()
  }).prefault({}),
  columns: external_exports.record(external_exports.string(), columnSchema),
  /** Columns not listed here: reported as new columns unless `allow-new-columns`. */
  "allow-new-columns": external_exports.boolean().default(false)
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
function formatDataSchema(schema, source) {
  const header = [
    `# kiln data schema, inferred from ${source}. Edit it: it is the contract the data must meet.`,
    "# Per column: type (numeric, categorical, boolean, datetime, text), required, max-missing (share),",
    "# values (allowed categories), min/max (allowed range), allow-nan. dataset: min-rows, max-rows.",
    ""
  ].join("\n");
  return header + (0, import_yaml.stringify)(schema, { lineWidth: 0 });
}

// core/local/validation-run.ts
import { resolve } from "node:path";
async function runValidation(plan, opts = {}) {
  const now = opts.now ?? (() => performance.now());
  const started = now();
  const root = opts.root ?? ".";
  const schema = plan.schema ? await readSchema(resolve(root, plan.schema), plan.schema) : void 0;
  const checks = checksFromSchema(schema);
  const progress = (file) => opts.onProgress ? { onProgress: (rows) => opts.onProgress?.(file, rows) } : {};
  const reference = plan.reference;
  const [current, ref] = await Promise.all([
    loadProfile(plan.current, { root, checks, ...progress(plan.current) }),
    reference === null ? Promise.resolve(void 0) : "path" in reference ? (
      // The reference on a second core; the current data on this one (one isolate fewer in memory).
      loadProfile(reference.path, { root, worker: true, ...progress(reference.path) })
    ) : Promise.resolve(profileFromJSON(reference.profile, reference.label))
  ]);
  const report = validate({
    current,
    ...ref ? { reference: ref } : {},
    ...schema ? { schema } : {},
    drift: plan.drift,
    failOn: plan.failOn
  });
  report.source.current = plan.current;
  report.source.reference = reference === null ? null : "path" in reference ? reference.path : reference.label;
  return { report, current, seconds: (now() - started) / 1e3 };
}
async function readSchema(path, shown) {
  const text = await readTextFile(path, shown, {
    what: "schema",
    hint: "Write one with `kiln schema infer DATA --out FILE.yml`"
  });
  return parseDataSchema(text, shown);
}

export {
  planValidation,
  progressLines,
  inferSchema,
  formatDataSchema,
  runValidation
};

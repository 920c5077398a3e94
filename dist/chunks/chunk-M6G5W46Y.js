import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  DRIFT_METHODS,
  FAIL_ON,
  MODEL_NAME
} from "./chunk-MP5RYPAE.js";
import {
  external_exports
} from "./chunk-SHX5IHM6.js";
import {
  UsageError
} from "./chunk-MYTDQ55T.js";

// core/digest.ts
import { createHash } from "node:crypto";
function sha256(data) {
  return createHash("sha256").update(data).digest("hex");
}
function canonicalJson(value) {
  return JSON.stringify(value, (_key, v) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const o = v;
      return Object.fromEntries(
        Object.keys(o).sort().map((k) => [k, o[k]])
      );
    }
    return v;
  });
}

// core/contracts.ts
var modelName = external_exports.string().regex(MODEL_NAME, "not a valid model name");
var sha256Hex = external_exports.string().regex(/^[0-9a-f]{64}$/, "not a sha256 hex digest");
var isoTime = external_exports.iso.datetime({ offset: true });
var finite = external_exports.number({ error: "must be a finite number (not NaN, Infinity or a string)" });
function kilnFile(kind, shape) {
  return external_exports.looseObject({ schema: external_exports.literal(`kiln.${kind}/v1`), ...shape });
}

// core/metrics/run-record.ts
var metricMap = external_exports.record(external_exports.string().min(1), finite);
var gpu = external_exports.looseObject({
  name: external_exports.string(),
  memory_mb: external_exports.number().nonnegative().optional(),
  driver: external_exports.string().optional(),
  cuda: external_exports.string().optional()
});
var runRecordSchema = kilnFile("run", {
  model: modelName,
  metrics: metricMap,
  params: external_exports.record(external_exports.string(), external_exports.unknown()).optional(),
  slices: external_exports.record(external_exports.string().min(1), metricMap).optional(),
  data: external_exports.record(external_exports.string(), external_exports.looseObject({ sha256: sha256Hex, rows: external_exports.number().int().nonnegative().optional() })).optional(),
  code: external_exports.looseObject({ sha: external_exports.string().optional(), ref: external_exports.string().optional(), dirty: external_exports.boolean().optional() }).optional(),
  env: external_exports.looseObject({
    runner: external_exports.string().optional(),
    labels: external_exports.array(external_exports.string()).optional(),
    os: external_exports.string().optional(),
    node: external_exports.string().optional(),
    python: external_exports.string().optional(),
    lockfiles: external_exports.record(external_exports.string(), sha256Hex).optional(),
    gpus: external_exports.array(gpu).optional()
  }).optional(),
  telemetry: external_exports.looseObject({
    interval_s: external_exports.number().positive().optional(),
    samples: external_exports.array(
      external_exports.looseObject({
        t: external_exports.number(),
        gpu: external_exports.number().int().optional(),
        util: external_exports.number().optional(),
        memory_mb: external_exports.number().optional()
      })
    )
  }).optional(),
  started_at: isoTime.optional(),
  duration_s: external_exports.number().nonnegative().optional(),
  artifacts: external_exports.array(external_exports.string()).optional(),
  examples: external_exports.string().optional()
});
function runDigest(run) {
  return sha256(canonicalJson(run));
}

// core/data/report.ts
var COLUMN_TYPES = ["numeric", "categorical", "boolean", "datetime", "text"];
var QUANTILES = ["0.01", "0.05", "0.25", "0.5", "0.75", "0.95", "0.99"];
var ANOMALY_KINDS = [
  "missing_column",
  "new_column",
  "type_mismatch",
  "out_of_range",
  "unexpected_category",
  "too_many_missing",
  "nan_or_inf",
  "row_count",
  "parse_error"
];
var columnDriftSchema = external_exports.looseObject({
  method: external_exports.enum(DRIFT_METHODS),
  statistic: external_exports.number(),
  p_value: external_exports.number().nullable(),
  threshold: external_exports.number(),
  drifted: external_exports.boolean()
});
var columnStatsSchema = external_exports.looseObject({
  min: external_exports.number().nullable(),
  max: external_exports.number().nullable(),
  mean: external_exports.number().nullable(),
  std: external_exports.number().nullable(),
  quantiles: external_exports.record(external_exports.enum(QUANTILES), external_exports.number())
});
var reportColumnSchema = external_exports.looseObject({
  name: external_exports.string(),
  type: external_exports.enum(COLUMN_TYPES),
  count: external_exports.number().int().nonnegative(),
  missing: external_exports.number().int().nonnegative(),
  missing_fraction: external_exports.number().min(0).max(1),
  distinct: external_exports.number().nonnegative(),
  stats: columnStatsSchema.nullable().optional(),
  top: external_exports.array(external_exports.looseObject({ value: external_exports.union([external_exports.string(), external_exports.number(), external_exports.boolean()]), count: external_exports.number().int() })).optional(),
  drift: columnDriftSchema.nullable()
});
var anomalySchema = external_exports.looseObject({
  kind: external_exports.enum(ANOMALY_KINDS),
  column: external_exports.string().nullable(),
  message: external_exports.string(),
  count: external_exports.number().int().nonnegative(),
  examples: external_exports.array(external_exports.looseObject({ row: external_exports.number().int().positive(), value: external_exports.unknown() }))
});
var datasetDriftSchema = external_exports.looseObject({
  drifted_columns: external_exports.number().int().nonnegative(),
  share: external_exports.number().min(0).max(1),
  threshold: external_exports.number(),
  dataset_drifted: external_exports.boolean()
});
var validationReportSchema = kilnFile("validation", {
  passed: external_exports.boolean(),
  fail_on: external_exports.array(external_exports.enum(FAIL_ON)),
  rows: external_exports.looseObject({
    reference: external_exports.number().int().nonnegative().nullable(),
    current: external_exports.number().int().nonnegative()
  }),
  columns: external_exports.array(reportColumnSchema),
  anomalies: external_exports.array(anomalySchema),
  drift: datasetDriftSchema.nullable()
});

// core/data/profile-file.ts
var sketchSchema = external_exports.looseObject({ kind: external_exports.string().min(1) });
var profileColumnSchema = external_exports.looseObject({
  name: external_exports.string(),
  type: external_exports.enum(COLUMN_TYPES),
  count: external_exports.number().int().nonnegative(),
  missing: external_exports.number().int().nonnegative(),
  /** Welford moments, exact and mergeable. */
  moments: external_exports.looseObject({ n: external_exports.number(), mean: external_exports.number(), m2: external_exports.number(), min: external_exports.number(), max: external_exports.number() }).nullable().optional(),
  quantiles: sketchSchema.nullable().optional(),
  distinct: sketchSchema.nullable().optional(),
  top: sketchSchema.nullable().optional(),
  histogram: sketchSchema.nullable().optional()
});
var profileSchema = kilnFile("profile", {
  rows: external_exports.number().int().nonnegative(),
  source: external_exports.looseObject({ path: external_exports.string().optional(), sha256: external_exports.string().optional(), shard: external_exports.string().optional() }).optional(),
  columns: external_exports.array(profileColumnSchema)
});

// core/gate/gate-result.ts
var GATE_RULES = [
  "min",
  "max",
  "max-regression",
  "min-improvement",
  "required",
  "slice-gap",
  "slice-min",
  "slice-max",
  "significance"
];
var gateCheckSchema = external_exports.looseObject({
  metric: external_exports.string(),
  rule: external_exports.enum(GATE_RULES),
  candidate: external_exports.number().nullable(),
  baseline: external_exports.number().nullable(),
  delta: external_exports.number().nullable(),
  limit: external_exports.union([external_exports.number(), external_exports.string()]).nullable(),
  passed: external_exports.boolean(),
  /** Set on a check that could not run (no baseline, slice not reported); skipped checks pass. */
  skipped: external_exports.boolean().optional(),
  message: external_exports.string(),
  /** Which way the metric improves; slice gaps always improve downwards. */
  direction: external_exports.enum(["higher", "lower"]).optional(),
  /** Slice checks: the slicing feature and the worst slice (`<by>=<value>`). */
  by: external_exports.string().optional(),
  worst: external_exports.string().optional(),
  /** Significance: the test, its confidence interval of the change, p-value, verdict. */
  method: external_exports.enum(["bootstrap", "mcnemar"]).optional(),
  ci: external_exports.tuple([external_exports.number(), external_exports.number()]).optional(),
  p_value: external_exports.number().optional(),
  significant: external_exports.boolean().optional(),
  examples: external_exports.number().int().nonnegative().optional()
});
var baselineSchema = external_exports.looseObject({
  /** `file` is a baseline named explicitly (`--baseline`, the action's `baseline` input). */
  source: external_exports.enum(["registry", "branch", "file", "none"]),
  model_version: external_exports.string().optional(),
  run_id: external_exports.union([external_exports.string(), external_exports.number()]).optional(),
  sha: external_exports.string().optional(),
  alias: external_exports.string().optional(),
  branch: external_exports.string().optional(),
  path: external_exports.string().optional(),
  run_digest: sha256Hex.optional(),
  /** Why the sources before the one used gave nothing (for `none`: why there is no baseline). */
  notes: external_exports.array(external_exports.string()).optional()
});
var gateResultSchema = kilnFile("gate", {
  model: modelName,
  run_digest: sha256Hex,
  policy_digest: sha256Hex,
  policy_source: external_exports.string().min(1),
  passed: external_exports.boolean(),
  checks: external_exports.array(gateCheckSchema),
  baseline: baselineSchema,
  /** True when the policy did not come from a committed default-branch file: the verdict informs, it does not admit. */
  advisory: external_exports.boolean().optional()
});

// core/monitor/monitor-result.ts
var degradationReasonSchema = external_exports.looseObject({
  kind: external_exports.enum(["drift", "metric", "skew"]),
  value: external_exports.number().nullable(),
  limit: external_exports.union([external_exports.number(), external_exports.string()]).nullable(),
  column: external_exports.string().optional(),
  metric: external_exports.string().optional(),
  message: external_exports.string().optional()
});
var monitorResultSchema = kilnFile("monitor", {
  model: modelName,
  version: external_exports.string().nullable(),
  window: external_exports.looseObject({ from: isoTime.nullable(), to: isoTime.nullable() }),
  degraded: external_exports.boolean(),
  reasons: external_exports.array(degradationReasonSchema),
  drift: datasetDriftSchema.nullable(),
  metrics: external_exports.record(external_exports.string(), finite)
});

// core/retrain/retrain-request.ts
var RETRAIN_SOURCES = ["monitor", "alertmanager", "dispatch", "ct", "manual"];
var retrainRequestSchema = kilnFile("retrain", {
  model: modelName,
  reason: external_exports.string().min(1).max(2e3),
  source: external_exports.enum(RETRAIN_SOURCES),
  evidence: external_exports.array(external_exports.looseObject({ kind: external_exports.string(), message: external_exports.string().optional() })).max(100),
  requested_at: isoTime,
  data_window: external_exports.looseObject({ from: isoTime.nullable(), to: isoTime.nullable() }).nullable()
});

// core/files.ts
var FILE_SCHEMAS = {
  run: runRecordSchema,
  gate: gateResultSchema,
  validation: validationReportSchema,
  profile: profileSchema,
  monitor: monitorResultSchema,
  retrain: retrainRequestSchema
};
var MAX_FILE_BYTES = 32 * 1024 * 1024;
function parseKilnFile(kind, text, file) {
  if (Buffer.byteLength(text) > MAX_FILE_BYTES) {
    throw new UsageError(`${file} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`, {
      hint: `A kiln.${kind}/v1 file is small; check that the right file was given`
    });
  }
  if (text.trim() === "")
    throw new UsageError(`${file} is empty`, { hint: `Expected a kiln.${kind}/v1 JSON file` });
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is not valid JSON: ${err.message}`, {
      hint: `Expected a kiln.${kind}/v1 JSON file`
    });
  }
  const schema = FILE_SCHEMAS[kind];
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const more = parsed.error.issues.length - 1;
  const where = first?.path.length ? first.path.map(String).join(".") : "(top level)";
  const declared = data?.schema;
  const hint = declared !== `kiln.${kind}/v1` ? `The file says schema ${JSON.stringify(declared ?? null)}; expected "kiln.${kind}/v1"` : "Fix the value at that key; docs/architecture.md describes each file";
  throw new UsageError(
    `${file}: ${where}: ${first?.message ?? "invalid"}${more > 0 ? ` (and ${more} more problem${more > 1 ? "s" : ""})` : ""}`,
    { hint }
  );
}
function formatKilnFile(value) {
  return `${JSON.stringify(value, null, 2)}
`;
}

export {
  modelName,
  sha256Hex,
  isoTime,
  COLUMN_TYPES,
  profileSchema,
  sha256,
  canonicalJson,
  metricMap,
  runRecordSchema,
  runDigest,
  retrainRequestSchema,
  parseKilnFile,
  formatKilnFile
};

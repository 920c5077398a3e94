import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  profileSchema
} from "./chunk-5BOIGAPZ.js";
import {
  datasetDriftSchema,
  finite,
  isoTime,
  kilnFile,
  modelName,
  sha256Hex,
  validationReportSchema
} from "./chunk-KP4FZ7NM.js";
import {
  _enum,
  array,
  boolean,
  looseObject,
  number,
  record,
  string,
  tuple,
  union,
  unknown
} from "./chunk-SG4ICILI.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

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

// core/metrics/run-record.ts
var metricMap = record(string().min(1), finite);
var gpu = looseObject({
  name: string(),
  memory_mb: number().nonnegative().optional(),
  driver: string().optional(),
  cuda: string().optional()
});
var runRecordSchema = kilnFile("run", {
  model: modelName,
  metrics: metricMap,
  params: record(string(), unknown()).optional(),
  slices: record(string().min(1), metricMap).optional(),
  data: record(string(), looseObject({ sha256: sha256Hex, rows: number().int().nonnegative().optional() })).optional(),
  code: looseObject({ sha: string().optional(), ref: string().optional(), dirty: boolean().optional() }).optional(),
  env: looseObject({
    runner: string().optional(),
    labels: array(string()).optional(),
    os: string().optional(),
    node: string().optional(),
    python: string().optional(),
    lockfiles: record(string(), sha256Hex).optional(),
    gpus: array(gpu).optional()
  }).optional(),
  telemetry: looseObject({
    interval_s: number().positive().optional(),
    samples: array(
      looseObject({
        t: number(),
        gpu: number().int().optional(),
        util: number().optional(),
        memory_mb: number().optional(),
        power_w: number().optional()
      })
    )
  }).optional(),
  started_at: isoTime.optional(),
  duration_s: number().nonnegative().optional(),
  artifacts: array(string()).optional(),
  examples: string().optional()
});
function runDigest(run) {
  return sha256(canonicalJson(run));
}

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
var gateCheckSchema = looseObject({
  metric: string(),
  rule: _enum(GATE_RULES),
  candidate: number().nullable(),
  baseline: number().nullable(),
  delta: number().nullable(),
  limit: union([number(), string()]).nullable(),
  passed: boolean(),
  /** Set on a check that could not run (no baseline, slice not reported); skipped checks pass. */
  skipped: boolean().optional(),
  message: string(),
  /** Which way the metric improves; slice gaps always improve downwards. */
  direction: _enum(["higher", "lower"]).optional(),
  /** Slice checks: the slicing feature and the worst slice (`<by>=<value>`). */
  by: string().optional(),
  worst: string().optional(),
  /** Significance: the test, its confidence interval of the change, p-value, verdict. */
  method: _enum(["bootstrap", "mcnemar"]).optional(),
  ci: tuple([number(), number()]).optional(),
  p_value: number().optional(),
  significant: boolean().optional(),
  examples: number().int().nonnegative().optional()
});
var baselineSchema = looseObject({
  /** `file` is a baseline named explicitly (`--baseline`, the action's `baseline` input). */
  source: _enum(["registry", "branch", "file", "none"]),
  model_version: string().optional(),
  run_id: union([string(), number()]).optional(),
  sha: string().optional(),
  alias: string().optional(),
  branch: string().optional(),
  path: string().optional(),
  run_digest: sha256Hex.optional(),
  /** Why the sources before the one used gave nothing (for `none`: why there is no baseline). */
  notes: array(string()).optional()
});
var gateNoteSchema = looseObject({
  /** One of GATE_NOTE_KINDS; unknown kinds from newer writers are kept. */
  kind: string().min(1),
  metric: string().optional(),
  message: string()
});
var metricsSchema = record(string(), number());
var evaluationSchema = looseObject({
  data: looseObject({
    path: string(),
    sha256: sha256Hex,
    rows: number().int().nonnegative().optional()
  }),
  candidate: looseObject({ metrics: metricsSchema, examples_sha256: sha256Hex.optional() }),
  baseline: looseObject({
    /** evaluated: scored here on the same data; recorded: its files were out of reach, its run's metrics. */
    source: _enum(["evaluated", "recorded"]),
    metrics: metricsSchema,
    examples_sha256: sha256Hex.optional(),
    model_version: string().optional()
  }).optional()
});
var gateResultSchema = kilnFile("gate", {
  model: modelName,
  run_digest: sha256Hex,
  policy_digest: sha256Hex,
  policy_source: string().min(1),
  passed: boolean(),
  checks: array(gateCheckSchema),
  baseline: baselineSchema,
  /** True when the policy did not come from a committed default-branch file: the verdict informs, it does not admit. */
  advisory: boolean().optional(),
  /** What a reader should know that is not a failure: not like for like, a rule inside the noise. */
  notes: array(gateNoteSchema).optional(),
  /** With `evaluate:`: both models scored on the same data; what each scored, and on what. */
  evaluation: evaluationSchema.optional()
});

// core/monitor/monitor-result.ts
var degradationReasonSchema = looseObject({
  kind: _enum(["drift", "metric", "skew"]),
  value: number().nullable(),
  limit: union([number(), string()]).nullable(),
  column: string().optional(),
  metric: string().optional(),
  message: string().optional()
});
var monitorResultSchema = kilnFile("monitor", {
  model: modelName,
  version: string().nullable(),
  window: looseObject({ from: isoTime.nullable(), to: isoTime.nullable() }),
  degraded: boolean(),
  reasons: array(degradationReasonSchema),
  drift: datasetDriftSchema.nullable(),
  metrics: record(string(), finite)
});

// core/retrain/retrain-request.ts
var RETRAIN_SOURCES = ["monitor", "alertmanager", "dispatch", "ct", "manual"];
var retrainRequestSchema = kilnFile("retrain", {
  model: modelName,
  reason: string().min(1).max(2e3),
  source: _enum(RETRAIN_SOURCES),
  evidence: array(looseObject({ kind: string(), message: string().optional() })).max(100),
  requested_at: isoTime,
  data_window: looseObject({ from: isoTime.nullable(), to: isoTime.nullable() }).nullable()
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

export {
  sha256,
  canonicalJson,
  metricMap,
  runRecordSchema,
  runDigest,
  retrainRequestSchema,
  parseKilnFile
};

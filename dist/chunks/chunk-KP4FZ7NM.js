import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  iso_exports
} from "./chunk-DWBXFSL2.js";
import {
  DRIFT_METHODS,
  FAIL_ON,
  MODEL_NAME
} from "./chunk-CG4E3PCN.js";
import {
  QUANTILES
} from "./chunk-3EHQAXI5.js";
import {
  _enum,
  array,
  boolean,
  literal,
  looseObject,
  number,
  record,
  string,
  union,
  unknown
} from "./chunk-SG4ICILI.js";

// core/contracts.ts
var modelName = string().regex(MODEL_NAME, "not a valid model name");
var sha256Hex = string().regex(/^[0-9a-f]{64}$/, "not a sha256 hex digest");
var isoTime = iso_exports.datetime({ offset: true });
var finite = number({ error: "must be a finite number (not NaN, Infinity or a string)" });
function kilnFile(kind, shape) {
  return looseObject({ schema: literal(`kiln.${kind}/v1`), ...shape });
}

// core/data/report.ts
var COLUMN_TYPES = ["numeric", "categorical", "boolean", "datetime", "text"];
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
var columnDriftSchema = looseObject({
  method: _enum(DRIFT_METHODS),
  statistic: number(),
  p_value: number().nullable(),
  threshold: number(),
  drifted: boolean()
});
var columnStatsSchema = looseObject({
  min: number().nullable(),
  max: number().nullable(),
  mean: number().nullable(),
  std: number().nullable(),
  quantiles: record(_enum(QUANTILES), number())
});
var reportColumnSchema = looseObject({
  name: string(),
  type: _enum(COLUMN_TYPES),
  count: number().int().nonnegative(),
  missing: number().int().nonnegative(),
  missing_fraction: number().min(0).max(1),
  distinct: number().nonnegative(),
  stats: columnStatsSchema.nullable().optional(),
  top: array(looseObject({ value: union([string(), number(), boolean()]), count: number().int() })).optional(),
  drift: columnDriftSchema.nullable()
});
var anomalySchema = looseObject({
  kind: _enum(ANOMALY_KINDS),
  column: string().nullable(),
  message: string(),
  count: number().int().nonnegative(),
  examples: array(looseObject({ row: number().int().positive(), value: unknown() }))
});
var datasetDriftSchema = looseObject({
  drifted_columns: number().int().nonnegative(),
  share: number().min(0).max(1),
  threshold: number(),
  dataset_drifted: boolean()
});
var validationReportSchema = kilnFile("validation", {
  passed: boolean(),
  fail_on: array(_enum(FAIL_ON)),
  rows: looseObject({
    reference: number().int().nonnegative().nullable(),
    current: number().int().nonnegative()
  }),
  columns: array(reportColumnSchema),
  anomalies: array(anomalySchema),
  drift: datasetDriftSchema.nullable()
});

export {
  modelName,
  sha256Hex,
  isoTime,
  finite,
  kilnFile,
  COLUMN_TYPES,
  datasetDriftSchema,
  validationReportSchema
};

/** report.json (`kiln.validation/v1`) and the column statistics it shares with profile.json. */
import * as z from "zod";
import { DRIFT_METHODS, FAIL_ON } from "../config/schema.js";
import { kilnFile } from "../contracts.js";
import { QUANTILES, type Quantile } from "./quantiles.js";

export { QUANTILES, type Quantile };

export const COLUMN_TYPES = ["numeric", "categorical", "boolean", "datetime", "text"] as const;

export const ANOMALY_KINDS = [
  "missing_column",
  "new_column",
  "type_mismatch",
  "out_of_range",
  "unexpected_category",
  "too_many_missing",
  "nan_or_inf",
  "row_count",
  "parse_error",
] as const;

export const columnDriftSchema = z.looseObject({
  method: z.enum(DRIFT_METHODS),
  statistic: z.number(),
  p_value: z.number().nullable(),
  threshold: z.number(),
  drifted: z.boolean(),
});

export const columnStatsSchema = z.looseObject({
  min: z.number().nullable(),
  max: z.number().nullable(),
  mean: z.number().nullable(),
  std: z.number().nullable(),
  quantiles: z.record(z.enum(QUANTILES), z.number()),
});

export const reportColumnSchema = z.looseObject({
  name: z.string(),
  type: z.enum(COLUMN_TYPES),
  count: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
  missing_fraction: z.number().min(0).max(1),
  distinct: z.number().nonnegative(),
  stats: columnStatsSchema.nullable().optional(),
  top: z
    .array(z.looseObject({ value: z.union([z.string(), z.number(), z.boolean()]), count: z.number().int() }))
    .optional(),
  drift: columnDriftSchema.nullable(),
});

export const anomalySchema = z.looseObject({
  kind: z.enum(ANOMALY_KINDS),
  column: z.string().nullable(),
  message: z.string(),
  count: z.number().int().nonnegative(),
  examples: z.array(z.looseObject({ row: z.number().int().positive(), value: z.unknown() })),
});

export const datasetDriftSchema = z.looseObject({
  drifted_columns: z.number().int().nonnegative(),
  share: z.number().min(0).max(1),
  threshold: z.number(),
  dataset_drifted: z.boolean(),
});

export const validationReportSchema = kilnFile("validation", {
  passed: z.boolean(),
  fail_on: z.array(z.enum(FAIL_ON)),
  rows: z.looseObject({
    reference: z.number().int().nonnegative().nullable(),
    current: z.number().int().nonnegative(),
  }),
  columns: z.array(reportColumnSchema),
  anomalies: z.array(anomalySchema),
  drift: datasetDriftSchema.nullable(),
});

export type ReportColumn = z.infer<typeof reportColumnSchema>;
export type Anomaly = z.infer<typeof anomalySchema>;
export type ValidationReport = z.infer<typeof validationReportSchema>;

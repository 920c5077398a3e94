/** monitor.json (`kiln.monitor/v1`): is the production model degraded, and why. */
import * as z from "zod";
import { finite, isoTime, kilnFile, modelName } from "../contracts.js";
import { datasetDriftSchema } from "../data/report.js";

export const degradationReasonSchema = z.looseObject({
  kind: z.enum(["drift", "metric", "skew"]),
  value: z.number().nullable(),
  limit: z.union([z.number(), z.string()]).nullable(),
  column: z.string().optional(),
  metric: z.string().optional(),
  message: z.string().optional(),
});

export const monitorResultSchema = kilnFile("monitor", {
  model: modelName,
  version: z.string().nullable(),
  window: z.looseObject({ from: isoTime.nullable(), to: isoTime.nullable() }),
  degraded: z.boolean(),
  reasons: z.array(degradationReasonSchema),
  drift: datasetDriftSchema.nullable(),
  metrics: z.record(z.string(), finite),
});

export type MonitorResult = z.infer<typeof monitorResultSchema>;
export type DegradationReason = z.infer<typeof degradationReasonSchema>;

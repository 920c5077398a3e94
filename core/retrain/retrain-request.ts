/** .kiln/retrain/<model>.json (`kiln.retrain/v1`): why a retraining PR exists, with its evidence. */
import * as z from "zod";
import { isoTime, kilnFile, modelName } from "../contracts.js";

export const RETRAIN_SOURCES = ["monitor", "alertmanager", "dispatch", "ct", "manual"] as const;

export const retrainRequestSchema = kilnFile("retrain", {
  model: modelName,
  reason: z.string().min(1).max(2000),
  source: z.enum(RETRAIN_SOURCES),
  evidence: z.array(z.looseObject({ kind: z.string(), message: z.string().optional() })).max(100),
  requested_at: isoTime,
  data_window: z.looseObject({ from: isoTime.nullable(), to: isoTime.nullable() }).nullable(),
});

export type RetrainRequest = z.infer<typeof retrainRequestSchema>;

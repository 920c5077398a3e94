/** run.json (`kiln.run/v1`): what one training run produced and everything needed to trace it. */
import * as z from "zod";
import { finite, isoTime, kilnFile, modelName, sha256Hex } from "../contracts.js";
import { canonicalJson, sha256 } from "../digest.js";

export const metricMap = z.record(z.string().min(1), finite);

const gpu = z.looseObject({
  name: z.string(),
  memory_mb: z.number().nonnegative().optional(),
  driver: z.string().optional(),
  cuda: z.string().optional(),
});

export const runRecordSchema = kilnFile("run", {
  model: modelName,
  metrics: metricMap,
  params: z.record(z.string(), z.unknown()).optional(),
  slices: z.record(z.string().min(1), metricMap).optional(),
  data: z
    .record(z.string(), z.looseObject({ sha256: sha256Hex, rows: z.number().int().nonnegative().optional() }))
    .optional(),
  code: z
    .looseObject({ sha: z.string().optional(), ref: z.string().optional(), dirty: z.boolean().optional() })
    .optional(),
  env: z
    .looseObject({
      runner: z.string().optional(),
      labels: z.array(z.string()).optional(),
      os: z.string().optional(),
      node: z.string().optional(),
      python: z.string().optional(),
      lockfiles: z.record(z.string(), sha256Hex).optional(),
      gpus: z.array(gpu).optional(),
    })
    .optional(),
  telemetry: z
    .looseObject({
      interval_s: z.number().positive().optional(),
      samples: z.array(
        z.looseObject({
          t: z.number(),
          gpu: z.number().int().optional(),
          util: z.number().optional(),
          memory_mb: z.number().optional(),
          power_w: z.number().optional(),
        }),
      ),
    })
    .optional(),
  started_at: isoTime.optional(),
  duration_s: z.number().nonnegative().optional(),
  artifacts: z.array(z.string()).optional(),
  examples: z.string().optional(),
});

export type RunRecord = z.infer<typeof runRecordSchema>;

/**
 * The one digest that ties gate.json, the registry and deployments to a run: sha256 of the run's
 * canonical JSON (sorted keys, no whitespace), so re-formatting a run.json never changes it.
 */
export function runDigest(run: RunRecord): string {
  return sha256(canonicalJson(run));
}

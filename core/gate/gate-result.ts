/** gate.json (`kiln.gate/v1`): a verdict bound to one run.json and one policy. */
import { z } from "zod";
import { kilnFile, modelName, sha256Hex } from "../contracts.js";

export const GATE_RULES = [
  "min",
  "max",
  "max-regression",
  "min-improvement",
  "required",
  "slice-gap",
  "slice-min",
  "significance",
] as const;

export const gateCheckSchema = z.looseObject({
  metric: z.string(),
  rule: z.enum(GATE_RULES),
  candidate: z.number().nullable(),
  baseline: z.number().nullable(),
  delta: z.number().nullable(),
  limit: z.union([z.number(), z.string()]).nullable(),
  passed: z.boolean(),
  /** Set on a check that could not run (no baseline, slice not reported); skipped checks pass. */
  skipped: z.boolean().optional(),
  message: z.string(),
});

export const baselineSchema = z.looseObject({
  source: z.enum(["registry", "branch", "none"]),
  model_version: z.string().optional(),
  run_id: z.union([z.string(), z.number()]).optional(),
  sha: z.string().optional(),
});

export const gateResultSchema = kilnFile("gate", {
  model: modelName,
  run_digest: sha256Hex,
  policy_digest: sha256Hex,
  policy_source: z.string().min(1),
  passed: z.boolean(),
  checks: z.array(gateCheckSchema),
  baseline: baselineSchema,
});

export type GateCheck = z.infer<typeof gateCheckSchema>;
export type Baseline = z.infer<typeof baselineSchema>;
export type GateResult = z.infer<typeof gateResultSchema>;

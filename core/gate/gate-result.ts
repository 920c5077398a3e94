/** gate.json (`kiln.gate/v1`): a verdict bound to one run.json and one policy. */
import * as z from "zod";
import { kilnFile, modelName, sha256Hex } from "../contracts.js";

export const GATE_RULES = [
  "min",
  "max",
  "max-regression",
  "min-improvement",
  "required",
  "slice-gap",
  "slice-min",
  "slice-max",
  "significance",
] as const;

export type GateRule = (typeof GATE_RULES)[number];

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
  /** Which way the metric improves; slice gaps always improve downwards. */
  direction: z.enum(["higher", "lower"]).optional(),
  /** Slice checks: the slicing feature and the worst slice (`<by>=<value>`). */
  by: z.string().optional(),
  worst: z.string().optional(),
  /** Significance: the test, its confidence interval of the change, p-value, verdict. */
  method: z.enum(["bootstrap", "mcnemar"]).optional(),
  ci: z.tuple([z.number(), z.number()]).optional(),
  p_value: z.number().optional(),
  significant: z.boolean().optional(),
  examples: z.number().int().nonnegative().optional(),
});

export const baselineSchema = z.looseObject({
  /** `file` is a baseline named explicitly (`--baseline`, the action's `baseline` input). */
  source: z.enum(["registry", "branch", "file", "none"]),
  model_version: z.string().optional(),
  run_id: z.union([z.string(), z.number()]).optional(),
  sha: z.string().optional(),
  alias: z.string().optional(),
  branch: z.string().optional(),
  path: z.string().optional(),
  run_digest: sha256Hex.optional(),
  /** Why the sources before the one used gave nothing (for `none`: why there is no baseline). */
  notes: z.array(z.string()).optional(),
});

/** Kinds of note the gate adds: things a reader should know that are not failures. */
export const GATE_NOTE_KINDS = [
  "different-evaluation-data",
  "noise-floor",
  "baseline-files-missing",
] as const;

export const gateNoteSchema = z.looseObject({
  /** One of GATE_NOTE_KINDS; unknown kinds from newer writers are kept. */
  kind: z.string().min(1),
  metric: z.string().optional(),
  message: z.string(),
});

const metricsSchema = z.record(z.string(), z.number());
export const evaluationSchema = z.looseObject({
  data: z.looseObject({
    path: z.string(),
    sha256: sha256Hex,
    rows: z.number().int().nonnegative().optional(),
  }),
  candidate: z.looseObject({ metrics: metricsSchema, examples_sha256: sha256Hex.optional() }),
  baseline: z
    .looseObject({
      /** evaluated: scored here on the same data; recorded: its files were out of reach, its run's metrics. */
      source: z.enum(["evaluated", "recorded"]),
      metrics: metricsSchema,
      examples_sha256: sha256Hex.optional(),
      model_version: z.string().optional(),
    })
    .optional(),
});

export const gateResultSchema = kilnFile("gate", {
  model: modelName,
  run_digest: sha256Hex,
  policy_digest: sha256Hex,
  policy_source: z.string().min(1),
  passed: z.boolean(),
  checks: z.array(gateCheckSchema),
  baseline: baselineSchema,
  /** True when the policy did not come from a committed default-branch file: the verdict informs, it does not admit. */
  advisory: z.boolean().optional(),
  /** What a reader should know that is not a failure: not like for like, a rule inside the noise. */
  notes: z.array(gateNoteSchema).optional(),
  /** With `evaluate:`: both models scored on the same data; what each scored, and on what. */
  evaluation: evaluationSchema.optional(),
});

export type GateCheck = z.infer<typeof gateCheckSchema>;
export type Baseline = z.infer<typeof baselineSchema>;
export type GateResult = z.infer<typeof gateResultSchema>;
export type GateNote = z.infer<typeof gateNoteSchema>;

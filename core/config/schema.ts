/**
 * `.github/kiln.yml` — the whole policy of a repository. Keys are kebab-case (as action inputs and
 * CLI flags); unknown keys are errors so a typo can never silently switch a rule off.
 * docs/kiln.schema.json is generated from this file (`npm run schema`).
 */
import * as z from "zod";
import { MODEL_NAME, MODEL_NAME_RULE } from "../names.js";
import { DURATION, PERCENT } from "./units.js";

const duration = z
  .union([z.number().nonnegative(), z.string().regex(DURATION, 'a duration such as "90s", "30m", "2h"')])
  .meta({
    description: 'A duration: seconds as a number, or a string with a unit (ms, s, m, h, d), e.g. "2h".',
  });

const threshold = z
  .union([z.number().nonnegative(), z.string().regex(PERCENT, 'a percentage such as "5%"')])
  .meta({
    description: 'A number is absolute (in the metric\'s units); a string "N%" is relative to the baseline.',
  });

const pathList = z.array(z.string().min(1));

export const DRIFT_METHODS = ["ks", "chisquare", "z", "wasserstein", "jensenshannon", "psi"] as const;
export const driftMethod = z.enum(["auto", ...DRIFT_METHODS]);

export const FAIL_ON = ["anomalies", "dataset-drift", "column-drift"] as const;

const trainObject = z.strictObject({
  command: z.string().min(1).meta({ description: "The training command, run in the repository root." }),
  gpus: z
    .number()
    .int()
    .nonnegative()
    .default(0)
    .meta({ description: "GPUs the trainer needs; > 0 runs the GPU preflight and telemetry." }),
  timeout: duration
    .default("6h")
    .meta({ description: "Wall-clock limit; the trainer gets SIGTERM, a grace period, then SIGKILL." }),
  params: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "Params file (YAML or JSON) recorded in run.json." }),
  checkpoints: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "Directory restored from the previous attempt before a re-run." }),
});

export const trainSchema = z.union([z.string().min(1), trainObject]).meta({
  description:
    "How to train: a command string, or an object with command, gpus, timeout, params, checkpoints.",
});

/**
 * How a delimited text file is read (issue 14's `format:`): the delimiter, whether the first line
 * is a header, the column names when it is not. Accepted and kept; no reader uses it yet.
 */
export const dataFormatSchema = z
  .strictObject({
    delimiter: z
      .string()
      .regex(/^(?:[^"\r\n]|tab|space|whitespace)$/u, "a single character, or tab, space or whitespace")
      .optional()
      .meta({
        description: "A single character, or tab, space, whitespace (runs of blanks). Default: by extension.",
      }),
    header: z.boolean().optional().meta({ description: "Whether the first line names the columns." }),
    columns: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .meta({ description: "Column names, in order, for a file without a header line." }),
  })
  .meta({ description: "How the data file is read: delimiter, header line, column names." });

/**
 * `evaluate:` in its object form. `command` and `data` are required, but declared optional and
 * checked by the refinement below: zod reports a key missing inside one branch of a union as a
 * mismatch of the whole union ("expected string, got a mapping"), while a refinement's issue is
 * reported as it is ("models.m.evaluate.data: required key is missing…"). The JSON Schema still
 * says they are required (`required` in the metadata is copied into it).
 */
/** As train's: a big model on a big test set may take hours to score. */
const EVALUATE_TIMEOUT = "6h";

const evaluateObject = z
  .strictObject({
    command: z.string().min(1).optional().meta({
      description:
        "The evaluate command, run in the repository root: reads KILN_MODEL_DIR and KILN_EVAL_DATA, writes KILN_METRICS_FILE and KILN_EXAMPLES_FILE.",
    }),
    data: z.string().min(1).optional().meta({
      description: "The evaluation data: a file, a folder or a glob, relative to the repository root.",
    }),
    format: dataFormatSchema.optional(),
    timeout: duration
      .default(EVALUATE_TIMEOUT)
      .meta({ description: "Wall-clock limit; the command gets SIGTERM, a grace period, then SIGKILL." }),
    gpus: z.number().int().nonnegative().default(0).meta({
      description: "GPUs the command needs; > 0 runs the GPU preflight and sets CUDA_VISIBLE_DEVICES.",
    }),
  })
  .superRefine((e, ctx) => {
    if (e.command === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["command"],
        message: "required key is missing: the command that scores the model (e.g. python3 evaluate.py)",
      });
    if (e.data === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["data"],
        message:
          "required key is missing: the evaluation data, a file, a folder or a glob (or use the short form `evaluate: <command>` and give the data with --data)",
      });
  })
  .meta({ required: ["command", "data"] });

export const evaluateSchema = z.union([z.string().min(1), evaluateObject]).meta({
  description:
    "How to score one model on one dataset: a command string (the data then comes from --data), or an object with command, data, format, timeout, gpus.",
});

const driftColumn = z.strictObject({
  method: driftMethod.optional(),
  threshold: z.number().positive().optional(),
});

export const dataSchema = z.strictObject({
  train: z
    .string()
    .min(1)
    .meta({ description: "Training data: CSV/TSV, JSON Lines or Parquet (gzip by extension)." }),
  reference: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "Reference data for drift; default: the training data." }),
  schema: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "Schema YAML written by `kiln schema infer` and edited by you." }),
  "fail-on": z
    .array(z.enum(FAIL_ON))
    .default(["anomalies", "dataset-drift"])
    .meta({ description: "What fails validation; [] only reports." }),
  drift: z
    .strictObject({
      method: driftMethod
        .default("auto")
        .meta({ description: "auto picks Evidently's rule by reference size and column type." }),
      threshold: z
        .union([z.literal("auto"), z.number().positive()])
        .default("auto")
        .meta({ description: "auto = 0.05 for p-value tests, 0.1 for distances." }),
      share: z
        .number()
        .gt(0)
        .lte(1)
        .default(0.5)
        .meta({ description: "Dataset drift when at least this share of columns drift." }),
      columns: z
        .record(z.string().min(1), driftColumn)
        .default({})
        .meta({ description: "Per-column method and threshold." }),
    })
    .prefault({}),
});

export const metricRule = z
  .strictObject({
    direction: z.enum(["higher", "lower"]).optional().meta({
      description:
        "Which way is better. Default: lower for names containing loss, error, rmse, mae, mse or perplexity, else higher.",
    }),
    min: z.number().optional().meta({ description: "The metric must be at least this." }),
    max: z.number().optional().meta({ description: "The metric must be at most this." }),
    "max-regression": threshold
      .optional()
      .meta({ description: "Allowed worsening against the baseline, in the bad direction." }),
    "min-improvement": threshold
      .optional()
      .meta({ description: "Required betterment against the baseline, in the good direction." }),
    required: z
      .boolean()
      .default(true)
      .meta({ description: "A missing metric fails the gate (set false to skip it)." }),
  })
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
    message: "min is greater than max",
    path: ["min"],
  });

export const sliceRule = z.strictObject({
  by: z
    .string()
    .min(1)
    .meta({ description: "The slicing feature, as the trainer names slices: `<by>=<value>`." }),
  "max-gap": z.record(z.string().min(1), z.number().nonnegative()).optional().meta({
    description: "Largest allowed gap between the best and worst slice, per metric.",
  }),
  metrics: z
    .record(z.string().min(1), z.strictObject({ min: z.number().optional(), max: z.number().optional() }))
    .optional()
    .meta({
      description: "Bounds every slice must meet, per metric.",
    }),
});

export const gateSchema = z.strictObject({
  metrics: z.record(z.string().min(1), metricRule).default({}),
  slices: z.array(sliceRule).default([]),
  significance: z
    .strictObject({
      method: z.enum(["bootstrap", "mcnemar"]).default("bootstrap"),
      level: z.number().gt(0).lt(1).default(0.95),
      resamples: z.number().int().min(100).max(1_000_000).default(2000),
      seed: z.number().int().default(7),
      regressions: z.enum(["any", "significant"]).default("any").meta({
        description:
          "any: a max-regression breach fails the gate; significant: only when the change is also significant.",
      }),
    })
    .optional()
    .meta({ description: "Significance of changes, from per-example results (`examples`)." }),
  "require-baseline": z
    .boolean()
    .default(false)
    .meta({ description: "Fail when there is no baseline instead of skipping change rules." }),
});

const health = z.strictObject({
  url: z.url().meta({ description: "Health endpoint checked after each rollout step." }),
  "expect-status": z.number().int().min(100).max(599).default(200),
  "expect-body": z.string().optional().meta({ description: "A substring the body must contain." }),
  timeout: duration.default("60s"),
  retries: z.number().int().nonnegative().default(3),
});

const environment = z.strictObject({
  health: health.optional(),
  canary: z
    .array(z.number().gt(0).lte(100))
    .min(1)
    .optional()
    .refine(
      (steps) => !steps || steps.every((s, i) => i === 0 || s > (steps[i - 1] ?? 0)),
      "canary steps must increase",
    )
    .refine((steps) => !steps || steps[steps.length - 1] === 100, "the last canary step must be 100")
    .meta({ description: "Traffic percentages, rolled out in order; health is checked after each." }),
});

export const deploySchema = z.strictObject({
  command: z.string().min(1).optional().meta({
    description: "Gets MODEL_NAME, MODEL_VERSION, MODEL_URI, MODEL_PATH, ENVIRONMENT, TRAFFIC_PERCENT.",
  }),
  target: z.enum(["command", "kserve"]).default("command"),
  environments: z.record(z.string().regex(/^[A-Za-z0-9._-]{1,255}$/), environment).default({}),
});

export const monitorSchema = z.strictObject({
  data: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "Recent production inputs: a file, a glob or a profile.json." }),
  metrics: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "Live quality metrics: a JSON file or an https URL." }),
  degrade: z
    .object({ "drift-share": z.number().gt(0).lte(1).optional() })
    .catchall(metricRule)
    .default({})
    .meta({
      description:
        "When production counts as degraded: metric rules against the production run, and drift-share.",
    }),
});

export const modelSchema = z.strictObject({
  paths: pathList
    .default([])
    .meta({ description: "Globs; only changes here retrain this model in CI. Empty = always." }),
  train: trainSchema.optional(),
  evaluate: evaluateSchema.optional(),
  metrics: z
    .string()
    .min(1)
    .default("metrics.json")
    .meta({ description: "JSON or YAML metrics written by the trainer." }),
  examples: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "Per-example results (id,label,prediction) for significance tests." }),
  artifacts: pathList.default([]).meta({ description: "Model files uploaded with the run." }),
  data: dataSchema.optional(),
  gate: gateSchema.prefault({}),
  deploy: deploySchema.optional(),
  monitor: monitorSchema.optional(),
});

export const configSchema = z
  .strictObject({
    models: z
      .record(z.string().regex(MODEL_NAME, `model names use ${MODEL_NAME_RULE}`), modelSchema)
      .refine((m) => Object.keys(m).length > 0, "declare at least one model")
      .meta({ description: "One entry per model; the name appears in artifacts, branches and tags." }),
    retrain: z
      .strictObject({
        cooldown: duration
          .default("24h")
          .meta({ description: "No new retraining PR this soon after one was merged or closed." }),
        "max-per-day": z.number().int().nonnegative().default(2),
        labels: z.array(z.string().min(1)).default(["retrain"]),
        reviewers: z.array(z.string().min(1)).default([]),
      })
      .prefault({}),
    app: z
      .strictObject({
        workflows: z.array(z.string().min(1)).default([]).meta({
          description: "Workflow file names the app reads; empty = every run that uploaded kiln-* artifacts.",
        }),
      })
      .prefault({}),
  })
  .meta({ title: "kiln configuration (.github/kiln.yml)" });

export type KilnConfig = z.output<typeof configSchema>;
export type ModelConfig = z.output<typeof modelSchema>;
export type MetricRule = z.output<typeof metricRule>;
export type TrainConfig = z.output<typeof trainObject>;

export type DataFormat = z.output<typeof dataFormatSchema>;

/** The evaluate entry with the short form expanded; `data` is unset only in the short form. */
export interface EvaluateConfig {
  command: string;
  data?: string;
  format?: DataFormat;
  timeout: number | string;
  gpus: number;
}

/** The evaluate entry with the short form expanded. */
export function evaluateOf(model: ModelConfig): EvaluateConfig | undefined {
  const e = model.evaluate;
  if (e === undefined) return undefined;
  if (typeof e === "string") return { command: e, timeout: EVALUATE_TIMEOUT, gpus: 0 };
  // The refinement guarantees a command in a parsed config; a hand-built one may lack it.
  return {
    command: e.command ?? "",
    ...(e.data === undefined ? {} : { data: e.data }),
    ...(e.format === undefined ? {} : { format: e.format }),
    timeout: e.timeout,
    gpus: e.gpus,
  };
}

/** The train entry with the short form expanded. */
export function trainOf(model: ModelConfig): TrainConfig | undefined {
  if (model.train === undefined) return undefined;
  if (typeof model.train === "string") return trainObject.parse({ command: model.train });
  return model.train;
}

import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  _enum,
  array,
  boolean,
  literal,
  number,
  object,
  record,
  strictObject,
  string,
  union,
  url
} from "./chunk-SG4ICILI.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// core/names.ts
var MODEL_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
var MODEL_NAME_RULE = "lowercase letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64 characters";
function isModelName(name) {
  return MODEL_NAME.test(name);
}
function assertModelName(name, where = "model name") {
  if (!isModelName(name)) {
    throw new UsageError(`${where} ${JSON.stringify(name)} is not a valid model name`, {
      hint: `Use ${MODEL_NAME_RULE}`
    });
  }
  return name;
}
function artifactName(kind, model, variant) {
  assertModelName(model);
  if (variant !== void 0 && !/^[a-z0-9][a-z0-9._-]{0,63}$/.test(variant)) {
    throw new UsageError(`sweep variant ${JSON.stringify(variant)} is not valid`, {
      hint: `Use ${MODEL_NAME_RULE}`
    });
  }
  return variant === void 0 ? `kiln-${kind}-${model}` : `kiln-${kind}-${model}-${variant}`;
}
function retrainBranch(model) {
  return `kiln/retrain/${assertModelName(model)}`;
}
function retrainRequestPath(model) {
  return `.kiln/retrain/${assertModelName(model)}.json`;
}
var CONFIG_PATH = ".github/kiln.yml";

// core/config/units.ts
var DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;
var UNIT_SECONDS = { ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400 };
function parseDuration(value, where = "duration") {
  if (typeof value === "number") return value;
  const m = DURATION.exec(value.trim());
  if (!m?.[1] || !m[2]) {
    throw new UsageError(`${where}: ${JSON.stringify(value)} is not a duration`, {
      hint: 'Write a number and a unit, e.g. "90s", "30m", "2h", "1d"'
    });
  }
  return Number(m[1]) * (UNIT_SECONDS[m[2]] ?? 1);
}
var PERCENT = /^(\d+(?:\.\d+)?)%$/;
function parseThreshold(value, where = "threshold") {
  if (typeof value === "number") return { kind: "absolute", value };
  const m = PERCENT.exec(value.trim());
  if (!m?.[1]) {
    throw new UsageError(`${where}: ${JSON.stringify(value)} is not a threshold`, {
      hint: 'Write a number (absolute) or a percentage string such as "5%" (relative)'
    });
  }
  return { kind: "relative", value: Number(m[1]) / 100 };
}

// core/config/schema.ts
var duration = union([number().nonnegative(), string().regex(DURATION, 'a duration such as "90s", "30m", "2h"')]).meta({
  description: 'A duration: seconds as a number, or a string with a unit (ms, s, m, h, d), e.g. "2h".'
});
var threshold = union([number().nonnegative(), string().regex(PERCENT, 'a percentage such as "5%"')]).meta({
  description: `A number is absolute (in the metric's units); a string "N%" is relative to the baseline.`
});
var pathList = array(string().min(1));
var DRIFT_METHODS = ["ks", "chisquare", "z", "wasserstein", "jensenshannon", "psi"];
var driftMethod = _enum(["auto", ...DRIFT_METHODS]);
var FAIL_ON = ["anomalies", "dataset-drift", "column-drift"];
var trainObject = strictObject({
  command: string().min(1).meta({ description: "The training command, run in the repository root." }),
  gpus: number().int().nonnegative().default(0).meta({ description: "GPUs the trainer needs; > 0 runs the GPU preflight and telemetry." }),
  timeout: duration.default("6h").meta({ description: "Wall-clock limit; the trainer gets SIGTERM, a grace period, then SIGKILL." }),
  params: string().min(1).optional().meta({ description: "Params file (YAML or JSON) recorded in run.json." }),
  checkpoints: string().min(1).optional().meta({ description: "Directory restored from the previous attempt before a re-run." })
});
var trainSchema = union([string().min(1), trainObject]).meta({
  description: "How to train: a command string, or an object with command, gpus, timeout, params, checkpoints."
});
var dataFormatSchema = strictObject({
  delimiter: string().regex(/^(?:[^"\r\n]|tab|space|whitespace)$/u, "a single character, or tab, space or whitespace").optional().meta({
    description: "A single character, or tab, space, whitespace (runs of blanks). Default: by extension."
  }),
  header: boolean().optional().meta({ description: "Whether the first line names the columns." }),
  columns: array(string().min(1)).min(1).optional().meta({ description: "Column names, in order, for a file without a header line." })
}).meta({ description: "How the data file is read: delimiter, header line, column names." });
var EVALUATE_TIMEOUT = "6h";
var evaluateObject = strictObject({
  command: string().min(1).optional().meta({
    description: "The evaluate command, run in the repository root: reads KILN_MODEL_DIR and KILN_EVAL_DATA, writes KILN_METRICS_FILE and KILN_EXAMPLES_FILE."
  }),
  data: string().min(1).optional().meta({
    description: "The evaluation data: a file, a folder or a glob, relative to the repository root."
  }),
  format: dataFormatSchema.optional(),
  timeout: duration.default(EVALUATE_TIMEOUT).meta({ description: "Wall-clock limit; the command gets SIGTERM, a grace period, then SIGKILL." }),
  gpus: number().int().nonnegative().default(0).meta({
    description: "GPUs the command needs; > 0 runs the GPU preflight and sets CUDA_VISIBLE_DEVICES."
  })
}).superRefine((e, ctx) => {
  if (e.command === void 0)
    ctx.addIssue({
      code: "custom",
      path: ["command"],
      message: "required key is missing: the command that scores the model (e.g. python3 evaluate.py)"
    });
  if (e.data === void 0)
    ctx.addIssue({
      code: "custom",
      path: ["data"],
      message: "required key is missing: the evaluation data, a file, a folder or a glob (or use the short form `evaluate: <command>` and give the data with --data)"
    });
}).meta({ required: ["command", "data"] });
var evaluateSchema = union([string().min(1), evaluateObject]).meta({
  description: "How to score one model on one dataset: a command string (the data then comes from --data), or an object with command, data, format, timeout, gpus."
});
var driftColumn = strictObject({
  method: driftMethod.optional(),
  threshold: number().positive().optional()
});
var dataSchema = strictObject({
  train: string().min(1).meta({ description: "Training data: CSV/TSV, JSON Lines or Parquet (gzip by extension)." }),
  reference: string().min(1).optional().meta({ description: "Reference data for drift; default: the training data." }),
  schema: string().min(1).optional().meta({ description: "Schema YAML written by `kiln schema infer` and edited by you." }),
  "fail-on": array(_enum(FAIL_ON)).default(["anomalies", "dataset-drift"]).meta({ description: "What fails validation; [] only reports." }),
  drift: strictObject({
    method: driftMethod.default("auto").meta({ description: "auto picks Evidently's rule by reference size and column type." }),
    threshold: union([literal("auto"), number().positive()]).default("auto").meta({ description: "auto = 0.05 for p-value tests, 0.1 for distances." }),
    share: number().gt(0).lte(1).default(0.5).meta({ description: "Dataset drift when at least this share of columns drift." }),
    columns: record(string().min(1), driftColumn).default({}).meta({ description: "Per-column method and threshold." })
  }).prefault({})
});
var metricRule = strictObject({
  direction: _enum(["higher", "lower"]).optional().meta({
    description: "Which way is better. Default: lower for names containing loss, error, rmse, mae, mse or perplexity, else higher."
  }),
  min: number().optional().meta({ description: "The metric must be at least this." }),
  max: number().optional().meta({ description: "The metric must be at most this." }),
  "max-regression": threshold.optional().meta({ description: "Allowed worsening against the baseline, in the bad direction." }),
  "min-improvement": threshold.optional().meta({ description: "Required betterment against the baseline, in the good direction." }),
  required: boolean().default(true).meta({ description: "A missing metric fails the gate (set false to skip it)." })
}).refine((r) => r.min === void 0 || r.max === void 0 || r.min <= r.max, {
  message: "min is greater than max",
  path: ["min"]
});
var sliceRule = strictObject({
  by: string().min(1).meta({ description: "The slicing feature, as the trainer names slices: `<by>=<value>`." }),
  "max-gap": record(string().min(1), number().nonnegative()).optional().meta({
    description: "Largest allowed gap between the best and worst slice, per metric."
  }),
  metrics: record(string().min(1), strictObject({ min: number().optional(), max: number().optional() })).optional().meta({
    description: "Bounds every slice must meet, per metric."
  })
});
var gateSchema = strictObject({
  metrics: record(string().min(1), metricRule).default({}),
  slices: array(sliceRule).default([]),
  significance: strictObject({
    method: _enum(["bootstrap", "mcnemar"]).default("bootstrap"),
    level: number().gt(0).lt(1).default(0.95),
    resamples: number().int().min(100).max(1e6).default(2e3),
    seed: number().int().default(7),
    regressions: _enum(["any", "significant"]).default("any").meta({
      description: "any: a max-regression breach fails the gate; significant: only when the change is also significant."
    })
  }).optional().meta({ description: "Significance of changes, from per-example results (`examples`)." }),
  "require-baseline": boolean().default(false).meta({ description: "Fail when there is no baseline instead of skipping change rules." })
});
var health = strictObject({
  url: url().meta({ description: "Health endpoint checked after each rollout step." }),
  "expect-status": number().int().min(100).max(599).default(200),
  "expect-body": string().optional().meta({ description: "A substring the body must contain." }),
  timeout: duration.default("60s"),
  retries: number().int().nonnegative().default(3)
});
var environment = strictObject({
  health: health.optional(),
  canary: array(number().gt(0).lte(100)).min(1).optional().refine(
    (steps) => !steps || steps.every((s, i) => i === 0 || s > (steps[i - 1] ?? 0)),
    "canary steps must increase"
  ).refine((steps) => !steps || steps[steps.length - 1] === 100, "the last canary step must be 100").meta({ description: "Traffic percentages, rolled out in order; health is checked after each." })
});
var deploySchema = strictObject({
  command: string().min(1).optional().meta({
    description: "Gets MODEL_NAME, MODEL_VERSION, MODEL_URI, MODEL_PATH, ENVIRONMENT, TRAFFIC_PERCENT."
  }),
  target: _enum(["command", "kserve"]).default("command"),
  environments: record(string().regex(/^[A-Za-z0-9._-]{1,255}$/), environment).default({})
});
var monitorSchema = strictObject({
  data: string().min(1).optional().meta({ description: "Recent production inputs: a file, a glob or a profile.json." }),
  metrics: string().min(1).optional().meta({ description: "Live quality metrics: a JSON file or an https URL." }),
  degrade: object({ "drift-share": number().gt(0).lte(1).optional() }).catchall(metricRule).default({}).meta({
    description: "When production counts as degraded: metric rules against the production run, and drift-share."
  })
});
var modelSchema = strictObject({
  paths: pathList.default([]).meta({ description: "Globs; only changes here retrain this model in CI. Empty = always." }),
  train: trainSchema.optional(),
  evaluate: evaluateSchema.optional(),
  metrics: string().min(1).default("metrics.json").meta({ description: "JSON or YAML metrics written by the trainer." }),
  examples: string().min(1).optional().meta({ description: "Per-example results (id,label,prediction) for significance tests." }),
  artifacts: pathList.default([]).meta({ description: "Model files uploaded with the run." }),
  data: dataSchema.optional(),
  gate: gateSchema.prefault({}),
  deploy: deploySchema.optional(),
  monitor: monitorSchema.optional()
});
var configSchema = strictObject({
  models: record(string().regex(MODEL_NAME, `model names use ${MODEL_NAME_RULE}`), modelSchema).refine((m) => Object.keys(m).length > 0, "declare at least one model").meta({ description: "One entry per model; the name appears in artifacts, branches and tags." }),
  retrain: strictObject({
    cooldown: duration.default("24h").meta({ description: "No new retraining PR this soon after one was merged or closed." }),
    "max-per-day": number().int().nonnegative().default(2),
    labels: array(string().min(1)).default(["retrain"]),
    reviewers: array(string().min(1)).default([])
  }).prefault({}),
  app: strictObject({
    workflows: array(string().min(1)).default([]).meta({
      description: "Workflow file names the app reads; empty = every run that uploaded kiln-* artifacts."
    })
  }).prefault({})
}).meta({ title: "kiln configuration (.github/kiln.yml)" });
function evaluateOf(model) {
  const e = model.evaluate;
  if (e === void 0) return void 0;
  if (typeof e === "string") return { command: e, timeout: EVALUATE_TIMEOUT, gpus: 0 };
  return {
    command: e.command ?? "",
    ...e.data === void 0 ? {} : { data: e.data },
    ...e.format === void 0 ? {} : { format: e.format },
    timeout: e.timeout,
    gpus: e.gpus
  };
}
function trainOf(model) {
  if (model.train === void 0) return void 0;
  if (typeof model.train === "string") return trainObject.parse({ command: model.train });
  return model.train;
}

export {
  MODEL_NAME,
  MODEL_NAME_RULE,
  isModelName,
  assertModelName,
  artifactName,
  retrainBranch,
  retrainRequestPath,
  CONFIG_PATH,
  parseDuration,
  parseThreshold,
  DRIFT_METHODS,
  FAIL_ON,
  configSchema,
  evaluateOf,
  trainOf
};

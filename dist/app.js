import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);

// app/server.ts
import { createPrivateKey } from "node:crypto";
import { existsSync as existsSync2, readFileSync as readFileSync2, realpathSync } from "node:fs";
import {
  createServer
} from "node:http";
import { join as join2, resolve } from "node:path";
import { fileURLToPath as fileURLToPath2 } from "node:url";
import { parseEnv } from "node:util";
import { createNodeMiddleware, createProbot } from "probot";

// core/errors.ts
var KilnError = class extends Error {
  exitCode;
  hint;
  constructor(message, opts = {}) {
    super(message, opts.cause === void 0 ? void 0 : { cause: opts.cause });
    this.name = "KilnError";
    this.exitCode = opts.exitCode ?? 2;
    this.hint = opts.hint;
  }
};
var UsageError = class extends KilnError {
  constructor(message, opts = {}) {
    super(message, { ...opts, exitCode: 2 });
    this.name = "UsageError";
  }
};
function describeError(err) {
  if (err instanceof KilnError) return err.hint ? `${err.message}. ${err.hint}` : err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
function exitCodeOf(err) {
  return err instanceof KilnError ? err.exitCode : 2;
}

// core/local/package-root.ts
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
function packageRoot(from = dirname(fileURLToPath(import.meta.url))) {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file) && JSON.parse(readFileSync(file, "utf8")).name === "kiln")
      return dir;
    if (dirname(dir) === dir) return from;
  }
}
function kilnPackage() {
  if (true) {
    return { version: "0.1.0", repository: "kiln-ml/kiln" };
  }
  const pkg = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8"));
  return { version: pkg.version ?? "0.0.0", repository: repositorySlug(pkg.repository) };
}
function repositorySlug(repository) {
  const url = typeof repository === "string" ? repository : repository?.url ?? "";
  const m = /github(?:\.com[/:]|:)([^/]+\/[^/.]+?)(?:\.git)?\/?$/.exec(url) ?? /^([\w.-]+\/[\w.-]+)$/.exec(url);
  return m?.[1] ?? "";
}

// app/event.ts
function summarize(context) {
  const payload = context.payload;
  const action = field(payload, "action");
  const fullName = field(field(payload, "repository"), "full_name");
  const installation = field(field(payload, "installation"), "id");
  return {
    event: typeof action === "string" && action !== "" ? `${context.name}.${action}` : String(context.name),
    repo: typeof fullName === "string" ? fullName : null,
    installation: typeof installation === "number" ? installation : null,
    delivery: String(context.id)
  };
}
function field(value, key) {
  return typeof value === "object" && value !== null ? value[key] : void 0;
}

// app/handlers/deployment-protection-rule.ts
async function onDeploymentProtectionRule(context) {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
}

// app/handlers/installation.ts
async function onInstallation(context) {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
}

// app/handlers/issue-comment.ts
async function onIssueCommentCreated(context) {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
}

// app/handlers/repository-dispatch.ts
async function onRepositoryDispatch(context) {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
}

// core/config/load.ts
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";

// core/text.ts
function levenshtein(a, b) {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}
function closest(word, candidates) {
  let best;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = levenshtein(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== void 0 && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : void 0;
}

// core/config/schema.ts
import { z } from "zod";

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
function parseArtifactName(name) {
  const m = /^kiln-(validate|run|gate|monitor|ct)-(.+)$/.exec(name);
  if (!m?.[1] || !m[2] || !isModelName(m[2])) return null;
  return { kind: m[1], model: m[2] };
}
var CONFIG_PATH = ".github/kiln.yml";

// core/config/units.ts
var DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;
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
var duration = z.union([z.number().nonnegative(), z.string().regex(DURATION, 'a duration such as "90s", "30m", "2h"')]).meta({
  description: 'A duration: seconds as a number, or a string with a unit (ms, s, m, h, d), e.g. "2h".'
});
var threshold = z.union([z.number().nonnegative(), z.string().regex(PERCENT, 'a percentage such as "5%"')]).meta({
  description: `A number is absolute (in the metric's units); a string "N%" is relative to the baseline.`
});
var pathList = z.array(z.string().min(1));
var DRIFT_METHODS = ["ks", "chisquare", "z", "wasserstein", "jensenshannon", "psi"];
var driftMethod = z.enum(["auto", ...DRIFT_METHODS]);
var FAIL_ON = ["anomalies", "dataset-drift", "column-drift"];
var trainObject = z.strictObject({
  command: z.string().min(1).meta({ description: "The training command, run in the repository root." }),
  gpus: z.number().int().nonnegative().default(0).meta({ description: "GPUs the trainer needs; > 0 runs the GPU preflight and telemetry." }),
  timeout: duration.default("6h").meta({ description: "Wall-clock limit; the trainer gets SIGTERM, a grace period, then SIGKILL." }),
  params: z.string().min(1).optional().meta({ description: "Params file (YAML or JSON) recorded in run.json." }),
  checkpoints: z.string().min(1).optional().meta({ description: "Directory restored from the previous attempt before a re-run." })
});
var trainSchema = z.union([z.string().min(1), trainObject]).meta({
  description: "How to train: a command string, or an object with command, gpus, timeout, params, checkpoints."
});
var driftColumn = z.strictObject({
  method: driftMethod.optional(),
  threshold: z.number().positive().optional()
});
var dataSchema = z.strictObject({
  train: z.string().min(1).meta({ description: "Training data: CSV/TSV, JSON Lines or Parquet (gzip by extension)." }),
  reference: z.string().min(1).optional().meta({ description: "Reference data for drift; default: the training data." }),
  schema: z.string().min(1).optional().meta({ description: "Schema YAML written by `kiln schema infer` and edited by you." }),
  "fail-on": z.array(z.enum(FAIL_ON)).default(["anomalies", "dataset-drift"]).meta({ description: "What fails validation; [] only reports." }),
  drift: z.strictObject({
    method: driftMethod.default("auto").meta({ description: "auto picks Evidently's rule by reference size and column type." }),
    threshold: z.union([z.literal("auto"), z.number().positive()]).default("auto").meta({ description: "auto = 0.05 for p-value tests, 0.1 for distances." }),
    share: z.number().gt(0).lte(1).default(0.5).meta({ description: "Dataset drift when at least this share of columns drift." }),
    columns: z.record(z.string().min(1), driftColumn).default({}).meta({ description: "Per-column method and threshold." })
  }).prefault({})
});
var metricRule = z.strictObject({
  direction: z.enum(["higher", "lower"]).optional().meta({
    description: "Which way is better. Default: lower for names containing loss, error, rmse, mae, mse or perplexity, else higher."
  }),
  min: z.number().optional().meta({ description: "The metric must be at least this." }),
  max: z.number().optional().meta({ description: "The metric must be at most this." }),
  "max-regression": threshold.optional().meta({ description: "Allowed worsening against the baseline, in the bad direction." }),
  "min-improvement": threshold.optional().meta({ description: "Required betterment against the baseline, in the good direction." }),
  required: z.boolean().default(true).meta({ description: "A missing metric fails the gate (set false to skip it)." })
}).refine((r) => r.min === void 0 || r.max === void 0 || r.min <= r.max, {
  message: "min is greater than max",
  path: ["min"]
});
var sliceRule = z.strictObject({
  by: z.string().min(1).meta({ description: "The slicing feature, as the trainer names slices: `<by>=<value>`." }),
  "max-gap": z.record(z.string().min(1), z.number().nonnegative()).optional().meta({
    description: "Largest allowed gap between the best and worst slice, per metric."
  }),
  metrics: z.record(z.string().min(1), z.strictObject({ min: z.number().optional(), max: z.number().optional() })).optional().meta({
    description: "Bounds every slice must meet, per metric."
  })
});
var gateSchema = z.strictObject({
  metrics: z.record(z.string().min(1), metricRule).default({}),
  slices: z.array(sliceRule).default([]),
  significance: z.strictObject({
    method: z.enum(["bootstrap", "mcnemar"]).default("bootstrap"),
    level: z.number().gt(0).lt(1).default(0.95),
    resamples: z.number().int().min(100).max(1e6).default(2e3),
    seed: z.number().int().default(7),
    regressions: z.enum(["any", "significant"]).default("any").meta({
      description: "any: a max-regression breach fails the gate; significant: only when the change is also significant."
    })
  }).optional().meta({ description: "Significance of changes, from per-example results (`examples`)." }),
  "require-baseline": z.boolean().default(false).meta({ description: "Fail when there is no baseline instead of skipping change rules." })
});
var health = z.strictObject({
  url: z.url().meta({ description: "Health endpoint checked after each rollout step." }),
  "expect-status": z.number().int().min(100).max(599).default(200),
  "expect-body": z.string().optional().meta({ description: "A substring the body must contain." }),
  timeout: duration.default("60s"),
  retries: z.number().int().nonnegative().default(3)
});
var environment = z.strictObject({
  health: health.optional(),
  canary: z.array(z.number().gt(0).lte(100)).min(1).optional().refine(
    (steps) => !steps || steps.every((s, i) => i === 0 || s > (steps[i - 1] ?? 0)),
    "canary steps must increase"
  ).refine((steps) => !steps || steps[steps.length - 1] === 100, "the last canary step must be 100").meta({ description: "Traffic percentages, rolled out in order; health is checked after each." })
});
var deploySchema = z.strictObject({
  command: z.string().min(1).optional().meta({
    description: "Gets MODEL_NAME, MODEL_VERSION, MODEL_URI, MODEL_PATH, ENVIRONMENT, TRAFFIC_PERCENT."
  }),
  target: z.enum(["command", "kserve"]).default("command"),
  environments: z.record(z.string().regex(/^[A-Za-z0-9._-]{1,255}$/), environment).default({})
});
var monitorSchema = z.strictObject({
  data: z.string().min(1).optional().meta({ description: "Recent production inputs: a file, a glob or a profile.json." }),
  metrics: z.string().min(1).optional().meta({ description: "Live quality metrics: a JSON file or an https URL." }),
  degrade: z.object({ "drift-share": z.number().gt(0).lte(1).optional() }).catchall(metricRule).default({}).meta({
    description: "When production counts as degraded: metric rules against the production run, and drift-share."
  })
});
var modelSchema = z.strictObject({
  paths: pathList.default([]).meta({ description: "Globs; only changes here retrain this model in CI. Empty = always." }),
  train: trainSchema.optional(),
  metrics: z.string().min(1).default("metrics.json").meta({ description: "JSON or YAML metrics written by the trainer." }),
  examples: z.string().min(1).optional().meta({ description: "Per-example results (id,label,prediction) for significance tests." }),
  artifacts: pathList.default([]).meta({ description: "Model files uploaded with the run." }),
  data: dataSchema.optional(),
  gate: gateSchema.prefault({}),
  deploy: deploySchema.optional(),
  monitor: monitorSchema.optional()
});
var configSchema = z.strictObject({
  models: z.record(z.string().regex(MODEL_NAME, `model names use ${MODEL_NAME_RULE}`), modelSchema).refine((m) => Object.keys(m).length > 0, "declare at least one model").meta({ description: "One entry per model; the name appears in artifacts, branches and tags." }),
  retrain: z.strictObject({
    cooldown: duration.default("24h").meta({ description: "No new retraining PR this soon after one was merged or closed." }),
    "max-per-day": z.number().int().nonnegative().default(2),
    labels: z.array(z.string().min(1)).default(["retrain"]),
    reviewers: z.array(z.string().min(1)).default([])
  }).prefault({}),
  app: z.strictObject({
    workflows: z.array(z.string().min(1)).default([]).meta({
      description: "Workflow file names the app reads; empty = every run that uploaded kiln-* artifacts."
    })
  }).prefault({})
}).meta({ title: "kiln configuration (.github/kiln.yml)" });

// core/config/load.ts
function checkConfig(text) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const at = (offset) => {
    const pos = lines.linePos(offset ?? 0);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({ path: "", ...at(e.pos[0]), message: yamlMessage(e.message) }))
    };
  }
  const data = doc.toJS({ maxAliasCount: 100 });
  if (data === null || data === void 0) {
    return {
      ok: false,
      problems: [{ path: "", line: 1, column: 1, message: "the file is empty; declare `models:`" }]
    };
  }
  const parsed = configSchema.safeParse(data);
  if (parsed.success) return { ok: true, config: parsed.data };
  const problems = parsed.error.issues.flatMap((issue) => describeIssue(issue, data)).map((p) => {
    const node = nodeAt(doc.contents, p.path, p.keyOf !== void 0);
    return { path: p.path.map(String).join("."), ...at(node?.range?.[0]), message: p.message };
  });
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, problems };
}
function formatProblem(file, p) {
  return `${file}:${p.line}:${p.column}${p.path ? ` ${p.path}` : ""}: ${p.message}`;
}
function describeIssue(issue, data) {
  const path = issue.path;
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = knownKeys(path);
      return issue.keys.map((key) => {
        const near = closest(key, known);
        return {
          path: [...path, key],
          keyOf: key,
          message: `unknown key${near ? ` — did you mean "${near}"?` : known.length ? ` (known: ${known.join(", ")})` : ""}`
        };
      });
    }
    case "invalid_key":
      return [{ path, keyOf: String(path.at(-1)), message: issue.issues[0]?.message ?? issue.message }];
    case "invalid_type": {
      const got = valueAt(data, path);
      if (got === void 0)
        return [{ path, message: `required key is missing (expected ${issue.expected})` }];
      return [{ path, message: `expected ${issue.expected}, got ${kindOf(got)} ${preview(got)}` }];
    }
    case "invalid_union": {
      const got = valueAt(data, path);
      const messages = issue.errors.flat().filter((i) => i.code !== "invalid_type");
      const first = messages[0];
      if (first) return describeIssue({ ...first, path: [...path, ...first.path] }, data);
      const expected = issue.errors.flat().map((i) => i.code === "invalid_type" ? i.expected : void 0).filter(Boolean);
      return [
        {
          path,
          message: `expected ${[...new Set(expected)].join(" or ")}, got ${kindOf(got)} ${preview(got)}`
        }
      ];
    }
    case "invalid_value":
      return [
        {
          path,
          message: `${preview(valueAt(data, path))} is not allowed; use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`
        }
      ];
    case "invalid_format":
      return [
        {
          path,
          message: `${preview(valueAt(data, path))} is not ${issue.message.replace(/^Invalid (string: )?/i, "a valid ")}`
        }
      ];
    case "too_small":
    case "too_big":
      return [
        {
          path,
          message: `${preview(valueAt(data, path))}: ${issue.message.replace(/^Too (small|big): /, "")}`
        }
      ];
    default:
      return [{ path, message: issue.message }];
  }
}
function knownKeys(path) {
  let schema = configSchema;
  for (const seg of path) {
    schema = childSchema(schema, String(seg));
    if (!schema) return [];
  }
  const shape = objectShape(schema);
  return shape ? Object.keys(shape) : [];
}
function unwrap(schema) {
  let s = schema;
  for (let i = 0; i < 10 && s?._zod?.def; i++) {
    const def = s._zod.def;
    if (["default", "prefault", "optional", "nullable", "readonly", "catch"].includes(def.type))
      s = def.innerType;
    else if (def.type === "pipe") s = def.in;
    else break;
  }
  return s;
}
function objectShape(schema) {
  const s = unwrap(schema);
  const def = s?._zod?.def;
  if (def?.type === "object") return def.shape;
  if (def?.type === "union") {
    for (const option of def.options) {
      const shape = objectShape(option);
      if (shape) return shape;
    }
  }
  return void 0;
}
function childSchema(schema, key) {
  const s = unwrap(schema);
  const def = s?._zod?.def;
  if (!def) return void 0;
  if (def.type === "object") return def.shape[key] ?? def.catchall;
  if (def.type === "record") return def.valueType;
  if (def.type === "array") return def.element;
  if (def.type === "union") {
    for (const option of def.options) {
      const child = childSchema(option, key);
      if (child) return child;
    }
  }
  return void 0;
}
function nodeAt(root, path, wantKey) {
  let node = root;
  let found = node;
  for (const [i, seg] of path.entries()) {
    if (!node || !("items" in node)) break;
    const items = node.items;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const isLast = i === path.length - 1;
      node = isLast && wantKey ? pair.key : pair.value ?? pair.key;
    } else {
      node = items[Number(seg)];
    }
    if (node) found = node;
  }
  return found;
}
function valueAt(data, path) {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== "object") return void 0;
    v = v[seg];
  }
  return v;
}
function kindOf(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return typeof v;
}
function preview(v) {
  if (v === void 0) return "(missing)";
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}
function yamlMessage(message) {
  return `YAML syntax: ${message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "")}`;
}

// core/markdown.ts
function escapeMarkdown(text, max = 200) {
  let s = text.replace(/[\r\n\t]+/g, " ").replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, "");
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/([\\`*_{}[\]#!|~])/g, "\\$1").replace(/(^|[^\w])@/g, "$1&#64;");
}
function mermaidLabel(text, max = 30) {
  const s = text.replace(/[^\p{L}\p{N} ._()%/-]/gu, "_");
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
function formatCount(n) {
  const [int = "", frac] = String(n).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac === void 0 ? grouped : `${grouped}.${frac}`;
}
function formatNumber(x, digits = 4) {
  if (x === null || x === void 0 || Number.isNaN(x)) return "–";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return formatCount(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e7)) return x.toExponential(2);
  return Number(x.toPrecision(digits)).toString();
}

// core/data/profile-file.ts
import { z as z4 } from "zod";

// core/contracts.ts
import { z as z2 } from "zod";
var modelName = z2.string().regex(MODEL_NAME, "not a valid model name");
var sha256Hex = z2.string().regex(/^[0-9a-f]{64}$/, "not a sha256 hex digest");
var isoTime = z2.iso.datetime({ offset: true });
var finite = z2.number({ error: "must be a finite number (not NaN, Infinity or a string)" });
function kilnFile(kind, shape) {
  return z2.looseObject({ schema: z2.literal(`kiln.${kind}/v1`), ...shape });
}

// core/data/report.ts
import { z as z3 } from "zod";
var COLUMN_TYPES = ["numeric", "categorical", "boolean", "datetime", "text"];
var QUANTILES = ["0.01", "0.05", "0.25", "0.5", "0.75", "0.95", "0.99"];
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
var columnDriftSchema = z3.looseObject({
  method: z3.enum(DRIFT_METHODS),
  statistic: z3.number(),
  p_value: z3.number().nullable(),
  threshold: z3.number(),
  drifted: z3.boolean()
});
var columnStatsSchema = z3.looseObject({
  min: z3.number().nullable(),
  max: z3.number().nullable(),
  mean: z3.number().nullable(),
  std: z3.number().nullable(),
  quantiles: z3.record(z3.enum(QUANTILES), z3.number())
});
var reportColumnSchema = z3.looseObject({
  name: z3.string(),
  type: z3.enum(COLUMN_TYPES),
  count: z3.number().int().nonnegative(),
  missing: z3.number().int().nonnegative(),
  missing_fraction: z3.number().min(0).max(1),
  distinct: z3.number().nonnegative(),
  stats: columnStatsSchema.nullable().optional(),
  top: z3.array(z3.looseObject({ value: z3.union([z3.string(), z3.number(), z3.boolean()]), count: z3.number().int() })).optional(),
  drift: columnDriftSchema.nullable()
});
var anomalySchema = z3.looseObject({
  kind: z3.enum(ANOMALY_KINDS),
  column: z3.string().nullable(),
  message: z3.string(),
  count: z3.number().int().nonnegative(),
  examples: z3.array(z3.looseObject({ row: z3.number().int().positive(), value: z3.unknown() }))
});
var datasetDriftSchema = z3.looseObject({
  drifted_columns: z3.number().int().nonnegative(),
  share: z3.number().min(0).max(1),
  threshold: z3.number(),
  dataset_drifted: z3.boolean()
});
var validationReportSchema = kilnFile("validation", {
  passed: z3.boolean(),
  fail_on: z3.array(z3.enum(FAIL_ON)),
  rows: z3.looseObject({
    reference: z3.number().int().nonnegative().nullable(),
    current: z3.number().int().nonnegative()
  }),
  columns: z3.array(reportColumnSchema),
  anomalies: z3.array(anomalySchema),
  drift: datasetDriftSchema.nullable()
});

// core/data/profile-file.ts
var sketchSchema = z4.looseObject({ kind: z4.string().min(1) });
var profileColumnSchema = z4.looseObject({
  name: z4.string(),
  type: z4.enum(COLUMN_TYPES),
  count: z4.number().int().nonnegative(),
  missing: z4.number().int().nonnegative(),
  /** Welford moments, exact and mergeable. */
  moments: z4.looseObject({ n: z4.number(), mean: z4.number(), m2: z4.number(), min: z4.number(), max: z4.number() }).nullable().optional(),
  quantiles: sketchSchema.nullable().optional(),
  distinct: sketchSchema.nullable().optional(),
  top: sketchSchema.nullable().optional(),
  histogram: sketchSchema.nullable().optional()
});
var profileSchema = kilnFile("profile", {
  rows: z4.number().int().nonnegative(),
  source: z4.looseObject({ path: z4.string().optional(), sha256: z4.string().optional(), shard: z4.string().optional() }).optional(),
  columns: z4.array(profileColumnSchema)
});

// core/gate/gate-result.ts
import { z as z5 } from "zod";
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
var gateCheckSchema = z5.looseObject({
  metric: z5.string(),
  rule: z5.enum(GATE_RULES),
  candidate: z5.number().nullable(),
  baseline: z5.number().nullable(),
  delta: z5.number().nullable(),
  limit: z5.union([z5.number(), z5.string()]).nullable(),
  passed: z5.boolean(),
  /** Set on a check that could not run (no baseline, slice not reported); skipped checks pass. */
  skipped: z5.boolean().optional(),
  message: z5.string(),
  /** Which way the metric improves; slice gaps always improve downwards. */
  direction: z5.enum(["higher", "lower"]).optional(),
  /** Slice checks: the slicing feature and the worst slice (`<by>=<value>`). */
  by: z5.string().optional(),
  worst: z5.string().optional(),
  /** Significance: the test, its confidence interval of the change, p-value, verdict. */
  method: z5.enum(["bootstrap", "mcnemar"]).optional(),
  ci: z5.tuple([z5.number(), z5.number()]).optional(),
  p_value: z5.number().optional(),
  significant: z5.boolean().optional(),
  examples: z5.number().int().nonnegative().optional()
});
var baselineSchema = z5.looseObject({
  /** `file` is a baseline named explicitly (`--baseline`, the action's `baseline` input). */
  source: z5.enum(["registry", "branch", "file", "none"]),
  model_version: z5.string().optional(),
  run_id: z5.union([z5.string(), z5.number()]).optional(),
  sha: z5.string().optional(),
  alias: z5.string().optional(),
  branch: z5.string().optional(),
  path: z5.string().optional(),
  run_digest: sha256Hex.optional(),
  /** Why the sources before the one used gave nothing (for `none`: why there is no baseline). */
  notes: z5.array(z5.string()).optional()
});
var gateResultSchema = kilnFile("gate", {
  model: modelName,
  run_digest: sha256Hex,
  policy_digest: sha256Hex,
  policy_source: z5.string().min(1),
  passed: z5.boolean(),
  checks: z5.array(gateCheckSchema),
  baseline: baselineSchema,
  /** True when the policy did not come from a committed default-branch file: the verdict informs, it does not admit. */
  advisory: z5.boolean().optional()
});

// core/metrics/run-record.ts
import { z as z6 } from "zod";

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
var metricMap = z6.record(z6.string().min(1), finite);
var gpu = z6.looseObject({
  name: z6.string(),
  memory_mb: z6.number().nonnegative().optional(),
  driver: z6.string().optional(),
  cuda: z6.string().optional()
});
var runRecordSchema = kilnFile("run", {
  model: modelName,
  metrics: metricMap,
  params: z6.record(z6.string(), z6.unknown()).optional(),
  slices: z6.record(z6.string().min(1), metricMap).optional(),
  data: z6.record(z6.string(), z6.looseObject({ sha256: sha256Hex, rows: z6.number().int().nonnegative().optional() })).optional(),
  code: z6.looseObject({ sha: z6.string().optional(), ref: z6.string().optional(), dirty: z6.boolean().optional() }).optional(),
  env: z6.looseObject({
    runner: z6.string().optional(),
    labels: z6.array(z6.string()).optional(),
    os: z6.string().optional(),
    node: z6.string().optional(),
    python: z6.string().optional(),
    lockfiles: z6.record(z6.string(), sha256Hex).optional(),
    gpus: z6.array(gpu).optional()
  }).optional(),
  telemetry: z6.looseObject({
    interval_s: z6.number().positive().optional(),
    samples: z6.array(
      z6.looseObject({
        t: z6.number(),
        gpu: z6.number().int().optional(),
        util: z6.number().optional(),
        memory_mb: z6.number().optional()
      })
    )
  }).optional(),
  started_at: isoTime.optional(),
  duration_s: z6.number().nonnegative().optional(),
  artifacts: z6.array(z6.string()).optional(),
  examples: z6.string().optional()
});
function runDigest(run) {
  return sha256(canonicalJson(run));
}

// core/monitor/monitor-result.ts
import { z as z7 } from "zod";
var degradationReasonSchema = z7.looseObject({
  kind: z7.enum(["drift", "metric", "skew"]),
  value: z7.number().nullable(),
  limit: z7.union([z7.number(), z7.string()]).nullable(),
  column: z7.string().optional(),
  metric: z7.string().optional(),
  message: z7.string().optional()
});
var monitorResultSchema = kilnFile("monitor", {
  model: modelName,
  version: z7.string().nullable(),
  window: z7.looseObject({ from: isoTime.nullable(), to: isoTime.nullable() }),
  degraded: z7.boolean(),
  reasons: z7.array(degradationReasonSchema),
  drift: datasetDriftSchema.nullable(),
  metrics: z7.record(z7.string(), finite)
});

// core/retrain/retrain-request.ts
import { z as z8 } from "zod";
var RETRAIN_SOURCES = ["monitor", "alertmanager", "dispatch", "ct", "manual"];
var retrainRequestSchema = kilnFile("retrain", {
  model: modelName,
  reason: z8.string().min(1).max(2e3),
  source: z8.enum(RETRAIN_SOURCES),
  evidence: z8.array(z8.looseObject({ kind: z8.string(), message: z8.string().optional() })).max(100),
  requested_at: isoTime,
  data_window: z8.looseObject({ from: isoTime.nullable(), to: isoTime.nullable() }).nullable()
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

// core/gate/examples.ts
var MAX_EXAMPLES_BYTES = 256 * 1024 * 1024;
function pairExamples(candidate, baseline) {
  const index = new Map(baseline.ids.map((id, i) => [id, i]));
  const baselineRow = new Int32Array(candidate.ids.length);
  let shared = 0;
  for (const [i, id] of candidate.ids.entries()) {
    const j = index.get(id);
    baselineRow[i] = j ?? -1;
    if (j !== void 0) shared++;
  }
  if (shared !== candidate.ids.length || shared !== baseline.ids.length) {
    return `the runs were evaluated on different examples (${shared} ids shared; candidate ${candidate.ids.length}, baseline ${baseline.ids.length})`;
  }
  const cl = candidate.columns.get("label");
  const bl = baseline.columns.get("label");
  if (cl && bl) {
    for (let i = 0; i < cl.length; i++) {
      if ((cl[i] ?? "").trim() !== (bl[baselineRow[i]] ?? "").trim()) {
        return `the runs disagree on the label of example ${candidate.ids[i]} (${candidate.file}:${candidate.lines[i]}), so they were evaluated on different data`;
      }
    }
  }
  return { candidate, baseline, baselineRow };
}

// core/gate/load.ts
function parseRunText(text, file) {
  const special = findNonFinite(text);
  if (special) {
    throw new UsageError(`${file}: ${special.path} is ${special.token}; metrics must be finite numbers`, {
      hint: "The trainer wrote a non-finite value (a division by zero, an empty evaluation set?); fix it at the source"
    });
  }
  return parseKilnFile("run", text, file);
}
function findNonFinite(text) {
  const marker = "\0kiln-non-finite:";
  let out = "";
  let found = false;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      out += ch;
      if (ch === "\\") {
        out += text[i + 1] ?? "";
        i++;
      } else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      continue;
    }
    const m = /^(-?Infinity|NaN)/.exec(text.slice(i, i + 9));
    if (m?.[1]) {
      out += JSON.stringify(`${marker}${m[1]}`);
      i += m[1].length - 1;
      found = true;
      continue;
    }
    out += ch;
  }
  if (!found) return null;
  let data;
  try {
    data = JSON.parse(out);
  } catch {
    return null;
  }
  const walk = (v, path) => {
    if (typeof v === "string" && v.startsWith(marker))
      return { path: path.join(".") || "(top level)", token: v.slice(marker.length) };
    if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        const hit = walk(child, [...path, k]);
        if (hit) return hit;
      }
    }
    return null;
  };
  return walk(data, []);
}

// app/zip.ts
import { inflateRawSync } from "node:zlib";
var ZipError = class extends Error {
};
var EOCD = 101010256;
var CENTRAL = 33639248;
var LOCAL = 67324752;
function unsafeEntryName(name) {
  return name === "" || name.startsWith("/") || name.includes("\\") || /^[A-Za-z]:/.test(name) || name.includes("\0") || name.split("/").includes("..");
}
function readZipEntries(zip, wanted, budget) {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = findEocd(buf);
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 65535 || cdOffset === 4294967295) throw new ZipError("ZIP64 archives are not supported");
  if (cdOffset + cdSize > eocd) throw new ZipError("the central directory lies outside the archive");
  const entries = /* @__PURE__ */ new Map();
  const unsafe = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL)
      throw new ZipError("a broken central directory");
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const skip = nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    p += 46 + skip;
    if (unsafeEntryName(name)) {
      unsafe.push(name);
      continue;
    }
    if (!wanted.has(name) || entries.has(name)) continue;
    if (flags & 1) throw new ZipError(`${name} is encrypted`);
    if (size > budget.left)
      throw new ZipError(`${name} is larger than the ${budget.left} bytes left to read`);
    entries.set(name, entryData(buf, local, name, method, compressed, size, budget));
  }
  return { entries, unsafe };
}
function findEocd(buf) {
  const stop = Math.max(0, buf.length - 22 - 65535);
  for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === EOCD) return i;
  throw new ZipError("not a zip archive (no end of central directory)");
}
function entryData(buf, local, name, method, compressed, size, budget) {
  if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL)
    throw new ZipError(`${name}: a broken local header`);
  const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
  if (start + compressed > buf.length) throw new ZipError(`${name}: the data lies outside the archive`);
  const raw = buf.subarray(start, start + compressed);
  let out;
  if (method === 0) {
    out = Buffer.from(raw);
  } else if (method === 8) {
    try {
      out = inflateRawSync(raw, { maxOutputLength: Math.max(1, budget.left) });
    } catch (err) {
      throw new ZipError(`${name}: ${err.message}`);
    }
  } else {
    throw new ZipError(`${name}: compression method ${method} is not supported`);
  }
  if (out.length !== size) throw new ZipError(`${name}: ${out.length} bytes, but the archive says ${size}`);
  if (out.length > budget.left) throw new ZipError(`${name}: over the uncompressed size limit`);
  budget.left -= out.length;
  return out;
}

// app/artifacts.ts
var MAX_ZIP_BYTES = 10 * 1024 * 1024;
var MAX_UNZIPPED_BYTES = 32 * 1024 * 1024;
async function listRunArtifacts(octokit, repo, runId) {
  const all = await octokit.paginate(octokit.rest.actions.listWorkflowRunArtifacts, {
    ...repo,
    run_id: runId,
    per_page: 100
  });
  const byModel = /* @__PURE__ */ new Map();
  for (const a of all) {
    const parsed = parseArtifactName(a.name);
    if (parsed?.kind !== "run" || a.expired) continue;
    const prev = byModel.get(parsed.model);
    if (!prev || a.id > prev.id)
      byModel.set(parsed.model, { id: a.id, name: a.name, model: parsed.model, size: a.size_in_bytes });
  }
  return [...byModel.values()].sort((a, b) => a.model.localeCompare(b.model));
}
async function readRunArtifact(octokit, repo, artifact, budget) {
  const limit = `${MAX_ZIP_BYTES / 1024 / 1024} MB`;
  if (artifact.size > MAX_ZIP_BYTES) return { ok: false, error: `${artifact.name} is larger than ${limit}` };
  const res = await octokit.rest.actions.downloadArtifact({
    ...repo,
    artifact_id: artifact.id,
    archive_format: "zip"
  });
  const data = res.data;
  const zip = data instanceof ArrayBuffer ? new Uint8Array(data) : data instanceof Uint8Array ? data : typeof data === "string" ? Buffer.from(data, "binary") : null;
  if (!zip) return { ok: false, error: `${artifact.name} did not download as a zip` };
  if (zip.byteLength > MAX_ZIP_BYTES) return { ok: false, error: `${artifact.name} is larger than ${limit}` };
  const shown = `${artifact.name}/run.json`;
  try {
    const { entries } = readZipEntries(zip, /* @__PURE__ */ new Set(["run.json"]), budget);
    const text = entries.get("run.json");
    if (!text) return { ok: false, error: `${artifact.name} holds no run.json` };
    const run = parseRunText(text.toString("utf8"), shown);
    if (run.model !== artifact.model)
      return { ok: false, error: `${shown} is a run of ${JSON.stringify(run.model)}, not ${artifact.model}` };
    return { ok: true, run };
  } catch (err) {
    return { ok: false, error: `${artifact.name}: ${err.message}` };
  }
}

// core/gate/compare.ts
var SLACK = 1e-9;
function slack(a, b) {
  return SLACK * Math.max(1, Math.abs(a), Math.abs(b));
}
function atLeast(value, bound) {
  return value >= bound - slack(value, bound);
}
function atMost(value, bound) {
  return value <= bound + slack(value, bound);
}
function worsening(direction, candidate, baseline) {
  return direction === "higher" ? baseline - candidate : candidate - baseline;
}
function fmt(n) {
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toPrecision(6)));
}
function fmtDelta(n) {
  const s = fmt(Math.abs(n));
  if (Number(s) === 0) return "0";
  return n > 0 ? `+${s}` : `−${s}`;
}
function fmtRelative(delta, baseline) {
  if (baseline === 0) return null;
  const pct = delta / Math.abs(baseline) * 100;
  const s = Math.abs(pct).toFixed(1);
  if (Number(s) === 0) return "0.0%";
  return pct > 0 ? `+${s}%` : `−${s}%`;
}

// core/gate/render.ts
function shortCommit(sha) {
  return /^[0-9a-f]{7,64}$/i.test(sha) ? `\`${sha.slice(0, 7)}\`` : escapeMarkdown(sha, 40);
}
function describeBaseline(b) {
  const sha = b.sha ? `, commit ${shortCommit(b.sha)}` : "";
  switch (b.source) {
    case "registry":
      return `**${escapeMarkdown(b.model_version ?? "?")}** (registry alias ${escapeMarkdown(b.alias ?? "production")}${sha})`;
    case "branch":
      return `latest successful run on **${escapeMarkdown(b.branch ?? "the base branch")}** (run ${escapeMarkdown(String(b.run_id ?? "?"))}${sha})`;
    case "file":
      return `**${escapeMarkdown(b.path ?? "a file")}** (given explicitly${sha})`;
    default:
      return "**none** — change rules are skipped";
  }
}

// core/metrics/history-chart.ts
function historyChart(input) {
  const limit = input.limit ?? 10;
  const past = input.history.filter((e) => typeof e.metrics[input.metric] === "number" && Number.isFinite(e.metrics[input.metric])).slice(-limit);
  const labels = past.map((e) => e.run_id ? `r${e.run_id}` : e.sha.slice(0, 7));
  const values = past.map((e) => e.metrics[input.metric]);
  const head = input.head;
  if (typeof head === "number" && Number.isFinite(head)) {
    labels.push("PR");
    values.push(head);
  }
  if (values.length < 2) return null;
  const [lo, hi] = axisRange(values);
  const lines = [
    "```mermaid",
    "xychart-beta",
    `  x-axis [${labels.map((l) => `"${mermaidLabel(l, 12)}"`).join(", ")}]`,
    `  y-axis "${mermaidLabel(input.metric)}" ${plain(lo)} --> ${plain(hi)}`,
    `  line [${values.map(plain).join(", ")}]`,
    "```"
  ];
  return { points: past.length, mermaid: lines.join("\n") };
}
function axisRange(values) {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || Math.abs(max) * 0.1 || 1;
  const pad = span * 0.25;
  const step = 10 ** Math.floor(Math.log10(span + 2 * pad) - 1);
  return [Math.floor((min - pad) / step) * step, Math.ceil((max + pad) / step) * step];
}
function plain(x) {
  const s = String(Number(x.toPrecision(6)));
  if (!/e/i.test(s)) return s;
  return x.toFixed(12).replace(/0+$/, "").replace(/\.$/, "");
}

// core/metrics/comment.ts
var COMMENT_MARKER = "<!-- kiln:metrics v1 -->";
var COMMENT_LIMIT = 65536;
var COMMENT_MAX = COMMENT_LIMIT - 512;
var sectionStart = (model) => `<!-- kiln:model ${model} -->`;
var sectionEnd = (model) => `<!-- /kiln:model ${model} -->`;
var TRUNCATED = "✂️ Shortened to stay under GitHub's 65,536-character comment limit; the check run has the verdict.";
function renderModelSection(input, opts = {}) {
  const model = assertModelName(input.diff.model, "the diff's model");
  const max = opts.maxChars ?? COMMENT_MAX - COMMENT_MARKER.length - 1;
  const wrap = (body2) => `${sectionStart(model)}
${body2}
${sectionEnd(model)}`;
  const budget = max - wrap("").length;
  const { fixed, rows, optional } = sectionParts(input);
  const omitted = [];
  let keptRows = rows.rows.length;
  const build = () => {
    const out = [fixed.head];
    out.push(rows.render(keptRows));
    if (keptRows < rows.rows.length)
      out.push(`… and ${formatCount(rows.rows.length - keptRows)} more changed rows (left out).`);
    if (fixed.significance) out.push(fixed.significance);
    const details = optional.details.filter((p) => p.text !== null);
    if (details.length) {
      const summary = details.map((p) => p.summary).join(" · ");
      out.push(
        `<details><summary>${summary}</summary>

${details.map((p) => p.text).join("\n\n")}
</details>`
      );
    }
    if (optional.chart.text !== null) out.push(optional.chart.text);
    if (omitted.length) out.push(`> ${TRUNCATED} Left out: ${omitted.join(", ")}.`);
    out.push(fixed.footer);
    return out.filter((s) => s !== "").join("\n\n");
  };
  let body = build();
  while (body.length > budget) {
    const parts = [...optional.details, optional.chart].filter((p) => p.text !== null);
    const longest = parts.sort((a, b) => (b.text?.length ?? 0) - (a.text?.length ?? 0))[0];
    if (!longest) break;
    longest.text = null;
    omitted.push(longest.name);
    body = build();
  }
  if (body.length > budget && keptRows > 0) {
    if (!omitted.includes("changed rows")) omitted.push("changed rows");
    const over = body.length - budget + 80;
    let cut = 0;
    while (keptRows > 0 && cut < over) {
      keptRows--;
      cut += (rows.rows[keptRows] ? rowText(rows.rows[keptRows], rows.gated) : "").length + 1;
    }
    body = build();
    while (body.length > budget && keptRows > 0) {
      keptRows = Math.floor(keptRows / 2);
      body = build();
    }
  }
  if (body.length > budget) body = `${fixed.heading}

> ${TRUNCATED}`.slice(0, Math.max(0, budget));
  return wrap(body);
}
function mergeCommentSection(existing, section, opts = {}) {
  const max = opts.maxChars ?? COMMENT_MAX;
  const own = parseCommentSections(section);
  const [model, text] = [...own][0] ?? [];
  if (model === void 0 || text === void 0) throw new Error("mergeCommentSection: not a model section");
  const sections = existing?.includes(COMMENT_MARKER) ? parseCommentSections(existing) : /* @__PURE__ */ new Map();
  sections.set(model, text);
  const join3 = () => `${COMMENT_MARKER}
${[...sections.values()].join("\n\n")}
`;
  let body = join3();
  const byLength = [...sections.keys()].filter((m) => m !== model).sort((a, b) => (sections.get(b)?.length ?? 0) - (sections.get(a)?.length ?? 0));
  for (const other of [...byLength, model]) {
    if (body.length <= max) break;
    sections.set(other, stub(other, sections.get(other) ?? ""));
    body = join3();
  }
  return body;
}
function parseCommentSections(body) {
  const out = /* @__PURE__ */ new Map();
  const re = /<!-- kiln:model ([a-z0-9][a-z0-9._-]{0,63}) -->[\s\S]*?<!-- \/kiln:model \1 -->/g;
  for (const m of body.matchAll(re)) if (m[1]) out.set(m[1], m[0]);
  return out;
}
function stub(model, section) {
  const heading = section.split("\n").find((l) => l.startsWith("### ")) ?? `### kiln — ${model}`;
  return `${sectionStart(model)}
${heading}

> ${TRUNCATED}
${sectionEnd(model)}`;
}
function sectionParts(input) {
  const { diff, gate } = input;
  const checks = gate?.checks ?? [];
  const byMetric = /* @__PURE__ */ new Map();
  for (const c of checks) {
    if (c.rule === "significance" || c.rule.startsWith("slice-")) continue;
    byMetric.set(c.metric, [...byMetric.get(c.metric) ?? [], c]);
  }
  const gated = Boolean(gate);
  const failing = (m) => (byMetric.get(m) ?? []).some((c) => !c.passed && !c.skipped);
  const baseSha = input.base?.sha ?? diff.base.sha;
  const headSha = input.head?.sha ?? diff.head.sha;
  const header = [
    "metric",
    `${escapeMarkdown(input.base?.label ?? "base", 60)}${baseSha ? ` ${shortCommit(baseSha)}` : ""}`,
    `${escapeMarkdown(input.head?.label ?? "head", 60)}${headSha ? ` ${shortCommit(headSha)}` : ""}`,
    "Δ",
    ...gated ? ["gate"] : []
  ];
  const table = (rows, n = rows.length) => [
    `| ${header.join(" | ")} |`,
    `|---|---:|---:|---:|${gated ? ":--|" : ""}`,
    ...rows.slice(0, n).map((r) => rowText(r, gated))
  ].join("\n");
  const toRow = (m) => ({
    metric: `${escapeMarkdown(m.metric)}${m.direction === "lower" ? " ↓" : ""}`,
    base: formatNumber(m.base),
    head: formatNumber(m.head),
    delta: metricDelta(m),
    gate: (byMetric.get(m.metric) ?? []).map(gateCell).join("; ") || (gated ? "—" : "")
  });
  const shown = diff.metrics.filter((m) => m.status !== "unchanged" || failing(m.metric));
  const quiet = diff.metrics.filter((m) => !shown.includes(m));
  const mainRows = [...shown.map(toRow), ...checks.filter((c) => c.rule.startsWith("slice-")).map(sliceRow)];
  const known = new Set(diff.metrics.map((m) => m.metric));
  for (const [metric2, cs] of byMetric) {
    if (!known.has(metric2))
      mainRows.push({
        metric: escapeMarkdown(metric2),
        base: "–",
        head: "–",
        delta: "–",
        gate: cs.map(gateCell).join("; ")
      });
  }
  const heading = `### 🔥 kiln — ${escapeMarkdown(diff.model)} · ${verdict(gate)}`;
  const head = [heading];
  if (gate?.advisory)
    head.push(
      "> ⚠️ Advisory: the policy is not a committed default-branch file; this verdict does not admit a deploy."
    );
  const sig = checks.filter((c) => c.rule === "significance");
  const significance = sig.map((c) => `Significance${c.skipped ? " (skipped)" : ""}: ${escapeMarkdown(c.message, 400)}`).join("\n\n");
  const footer = [];
  const links = [runLink(input.head, "head"), runLink(input.base, "base")].filter(Boolean);
  if (links.length) footer.push(`Runs: ${links.join(" · ")}`);
  if (gate) {
    footer.push(`baseline ${describeBaseline(gate.baseline)}`);
    footer.push(`policy from ${escapeMarkdown(gate.policy_source, 120)}`);
  }
  if (input.refreshHint) footer.push("`/kiln diff` to refresh");
  const changedSlices = diff.slices.flatMap(
    (s) => s.metrics.filter((m) => m.status !== "unchanged").map((m) => ({ slice: s.slice, m }))
  );
  const details = [
    {
      name: "unchanged metrics",
      summary: `Unchanged metrics (${formatCount(quiet.length)})`,
      text: quiet.length ? table(quiet.map(toRow)) : null
    },
    {
      name: "params",
      summary: `params (${formatCount(diff.params.length)} changed)`,
      text: diff.params.length ? paramsTable(diff.params, input) : null
    },
    {
      name: "slices",
      summary: `slices (${formatCount(changedSlices.length)} changed)`,
      text: changedSlices.length ? [
        `| slice | metric | ${header[1]} | ${header[2]} | Δ |`,
        "|---|---|---:|---:|---:|",
        ...changedSlices.map(
          ({ slice, m }) => `| ${escapeMarkdown(slice)} | ${escapeMarkdown(m.metric)} | ${formatNumber(m.base)} | ${formatNumber(m.head)} | ${metricDelta(m)} |`
        )
      ].join("\n") : null
    },
    {
      name: "data",
      summary: diff.changed.data ? "data changed" : "data",
      text: diff.data.length ? dataLines(diff.data) : null
    }
  ];
  const charted = new Set((input.history ?? []).flatMap((e) => Object.keys(e.metrics)));
  const metric = input.chartMetric ?? [...byMetric.keys()].find((m) => known.has(m)) ?? diff.metrics.find((m) => charted.has(m.metric))?.metric ?? diff.metrics[0]?.metric;
  const chart = metric ? historyChart({
    metric,
    history: input.history ?? [],
    head: diff.metrics.find((m) => m.metric === metric)?.head
  }) : null;
  const chartPart = {
    name: "chart",
    summary: "",
    text: chart ? `<details><summary>${escapeMarkdown(metric ?? "")} on the default branch, last ${chart.points} runs</summary>

${chart.mermaid}
</details>` : null
  };
  return {
    fixed: { heading, head: head.join("\n\n"), significance, footer: footer.join(" · ") },
    rows: {
      rows: mainRows,
      gated,
      render: (n) => mainRows.length ? table(mainRows, n) : "_No metric changed._"
    },
    optional: { details, chart: chartPart }
  };
}
function rowText(r, gated) {
  return `| ${r.metric} | ${r.base} | ${r.head} | ${r.delta} |${gated ? ` ${r.gate} |` : ""}`;
}
function verdict(gate) {
  if (!gate) return "metrics (no gate)";
  const n = gate.checks.length;
  const failed = gate.checks.filter((c) => !c.passed).length;
  const skipped = gate.checks.filter((c) => c.skipped).length;
  const advisory = gate.advisory ? " (advisory)" : "";
  return gate.passed ? `gate ✅ passed (${n} check${n === 1 ? "" : "s"}${skipped ? `, ${skipped} skipped` : ""})${advisory}` : `gate ❌ failed (${failed} of ${n} checks)${advisory}`;
}
function metricDelta(m) {
  if (m.status === "added") return "new";
  if (m.status === "removed") return "removed";
  if (m.delta === null || m.base === null) return "–";
  if (m.trend === "same") return "=";
  const rel = fmtRelative(m.delta, m.base) ?? "–";
  return `${m.trend === "better" ? "🔺" : "🔻"} ${signed(m.delta)} (${rel})`;
}
function signed(delta) {
  const s = fmtDelta(delta);
  return s === "0" ? `${delta > 0 ? "+" : "−"}${Math.abs(delta).toExponential(1)}` : s;
}
function sliceRow(c) {
  const by = escapeMarkdown(c.by ?? "?", 60);
  const label = c.rule === "slice-gap" ? `slice gap ${escapeMarkdown(c.metric)} (${by})` : `worst slice ${escapeMarkdown(c.metric)} (${by})`;
  let delta = "–";
  if (c.delta !== null && c.delta !== 0) {
    const better = (c.direction ?? "higher") === "lower" ? c.delta < 0 : c.delta > 0;
    delta = `${better ? "🔺" : "🔻"} ${signed(c.delta)}`;
  } else if (c.delta === 0) delta = "=";
  return {
    metric: label,
    base: formatNumber(c.baseline),
    head: formatNumber(c.candidate),
    delta,
    gate: gateCell(c)
  };
}
function gateCell(c) {
  const icon = c.skipped ? "⏭️" : c.passed ? "✅" : "❌";
  const limit = typeof c.limit === "number" ? fmt(c.limit) : escapeMarkdown(String(c.limit ?? ""), 40);
  const worst = c.worst ? ` · worst: ${escapeMarkdown(c.worst, 60)}` : "";
  const rule = {
    min: `≥ ${limit}`,
    max: `≤ ${limit}`,
    "max-regression": `worse by ≤ ${limit}`,
    "min-improvement": `better by ≥ ${limit}`,
    required: "missing",
    "slice-gap": `gap ≤ ${limit}${worst}`,
    "slice-min": `every slice ≥ ${limit}${worst}`,
    "slice-max": `every slice ≤ ${limit}${worst}`
  };
  const note = c.skipped ? " (skipped)" : c.significant === false && c.rule === "max-regression" ? " (not significant)" : "";
  return `${icon} ${rule[c.rule] ?? escapeMarkdown(c.rule)}${note}`;
}
function paramsTable(params, input) {
  const value = (v) => v === void 0 ? "–" : escapeMarkdown(typeof v === "string" ? v : JSON.stringify(v) ?? String(v), 100);
  return [
    `| param | ${escapeMarkdown(input.base?.label ?? "base", 60)} | ${escapeMarkdown(input.head?.label ?? "head", 60)} |`,
    "|---|---|---|",
    ...params.map((p) => `| ${escapeMarkdown(p.key)} | ${value(p.base)} | ${value(p.head)} |`)
  ].join("\n");
}
function dataLines(data) {
  const lines = [];
  const same = data.filter((d) => d.status === "unchanged");
  const hash = (s) => `${escapeMarkdown(s.slice(0, 4))}…`;
  const rows = (n) => n === void 0 ? "?" : formatCount(n);
  for (const d of data) {
    const path = `**${escapeMarkdown(d.path, 120)}**`;
    if (d.status === "added" && d.head)
      lines.push(`Data ${path}: new (sha256 ${hash(d.head.sha256)}, ${rows(d.head.rows)} rows).`);
    else if (d.status === "removed") lines.push(`Data ${path}: no longer used.`);
    else if (d.status === "changed" && d.base && d.head) {
      const fp = d.base.sha256 === d.head.sha256 ? "fingerprint unchanged" : `fingerprint changed (sha256 ${hash(d.base.sha256)} → ${hash(d.head.sha256)})`;
      const n = d.base.rows === d.head.rows ? `${rows(d.head.rows)} rows` : `${rows(d.base.rows)} → ${rows(d.head.rows)} rows`;
      lines.push(`Data ${path}: ${fp}, ${n}.`);
    }
  }
  if (same.length)
    lines.push(
      `Data: ${same.length === 1 ? `**${escapeMarkdown(same[0]?.path ?? "", 120)}**` : `${same.length} files`} unchanged (same sha256).`
    );
  return lines.join("\n");
}
function runLink(side2, fallback) {
  if (!side2?.url || !/^https?:\/\/[^\s()<>"'`\\[\]]+$/.test(side2.url)) return null;
  const run = side2.run === void 0 ? "" : ` #${String(side2.run)}`;
  return `[${escapeMarkdown(`${side2.label ?? fallback}${run}`, 80)}](${side2.url})`;
}

// app/comments.ts
async function kilnComments(octokit, repo, issue) {
  const all = await octokit.paginate(octokit.rest.issues.listComments, {
    ...repo,
    issue_number: issue,
    per_page: 100
  });
  return all.filter((c) => c.user?.type === "Bot" && typeof c.body === "string" && c.body.startsWith(COMMENT_MARKER)).map((c) => ({ id: c.id, body: c.body })).sort((a, b) => a.id - b.id);
}
async function upsertComment(octokit, repo, issue, sections) {
  let found = await kilnComments(octokit, repo, issue);
  if (found.length === 0) {
    const created = await octokit.rest.issues.createComment({
      ...repo,
      issue_number: issue,
      body: merge(null, [], sections)
    });
    found = await kilnComments(octokit, repo, issue);
    if (found.length <= 1) return created.data.id;
  }
  const [oldest, ...newer] = found;
  const body = merge(oldest.body, newer, sections);
  if (body !== oldest.body) await octokit.rest.issues.updateComment({ ...repo, comment_id: oldest.id, body });
  for (const extra of newer) {
    try {
      await octokit.rest.issues.deleteComment({ ...repo, comment_id: extra.id });
    } catch (err) {
      if (err.status !== 404) throw err;
    }
  }
  return oldest.id;
}
function merge(oldest, newer, sections) {
  let body = oldest ?? `${COMMENT_MARKER}
`;
  const have = parseCommentSections(body);
  for (const c of newer) {
    for (const [model, section] of parseCommentSections(c.body)) {
      if (!have.has(model)) {
        body = mergeCommentSection(body, section);
        have.set(model, section);
      }
    }
  }
  for (const section of sections) body = mergeCommentSection(body, section);
  return body;
}

// app/policy.ts
async function readDefaultConfig(octokit, repo, branch) {
  let data;
  try {
    data = (await octokit.rest.repos.getContent({ ...repo, path: CONFIG_PATH, ref: branch })).data;
  } catch (err) {
    if (err.status === 404) return { kind: "missing" };
    throw err;
  }
  const file = data;
  if (Array.isArray(data) || file.type !== "file" || typeof file.content !== "string") {
    return {
      kind: "invalid",
      problems: [{ path: "", line: 1, column: 1, message: `${CONFIG_PATH} is not a file` }]
    };
  }
  const text = Buffer.from(file.content, "base64").toString("utf8");
  const checked = checkConfig(text);
  return checked.ok ? { kind: "ok", config: checked.config } : { kind: "invalid", problems: checked.problems };
}
function workflowSelected(config, workflowPath) {
  const names = config.app.workflows;
  if (names.length === 0) return true;
  if (!workflowPath) return false;
  const file = workflowPath.split("/").pop() ?? workflowPath;
  return names.some((n) => n === workflowPath || n === file);
}

// app/pulls.ts
async function findPullRequests(octokit, repo, fromPayload, headSha) {
  if (fromPayload.length) return [...new Set(fromPayload)];
  const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
    ...repo,
    commit_sha: headSha
  });
  const full = `${repo.owner}/${repo.repo}`.toLowerCase();
  return data.filter(
    (pr) => pr.state === "open" && pr.head.sha === headSha && pr.base.repo.full_name.toLowerCase() === full
  ).map((pr) => pr.number);
}

// core/gate/baseline.ts
var NO_BASELINE = {
  baseline: { source: "none" },
  run: null,
  runFile: null,
  label: "none",
  notes: []
};

// core/metrics/direction.ts
var LOWER_IS_BETTER = /(loss|error|rmse|mae|mse|perplexity)/i;
function defaultDirection(metric) {
  return LOWER_IS_BETTER.test(metric) ? "lower" : "higher";
}

// core/gate/policy.ts
function normalisePolicy(model, config) {
  const gate = config.gate;
  const metrics = {};
  for (const [name, rule] of Object.entries(gate.metrics)) {
    metrics[name] = metricPolicy(name, rule, `models.${model}.gate.metrics.${name}`);
  }
  const directionOf = (metric) => metrics[metric]?.direction ?? defaultDirection(metric);
  const slices = gate.slices.map((s) => {
    const gaps = s["max-gap"] ?? {};
    const bounds = Object.fromEntries(
      Object.entries(s.metrics ?? {}).map(([k, b]) => [
        k,
        { ...b.min === void 0 ? {} : { min: b.min }, ...b.max === void 0 ? {} : { max: b.max } }
      ])
    );
    const names = [.../* @__PURE__ */ new Set([...Object.keys(gaps), ...Object.keys(bounds)])];
    return {
      by: s.by,
      "max-gap": gaps,
      metrics: bounds,
      directions: Object.fromEntries(names.map((n) => [n, directionOf(n)]))
    };
  }).sort((a, b) => canonicalJson(a) < canonicalJson(b) ? -1 : canonicalJson(a) > canonicalJson(b) ? 1 : 0);
  return {
    schema: "kiln.policy/v1",
    model,
    metrics,
    slices,
    significance: gate.significance ? { ...gate.significance } : null,
    "require-baseline": gate["require-baseline"]
  };
}
function metricPolicy(name, rule, where) {
  const m = { direction: rule.direction ?? defaultDirection(name), required: rule.required };
  if (rule.min !== void 0) m.min = rule.min;
  if (rule.max !== void 0) m.max = rule.max;
  if (rule["max-regression"] !== void 0)
    m["max-regression"] = parseThreshold(rule["max-regression"], `${where}.max-regression`);
  if (rule["min-improvement"] !== void 0)
    m["min-improvement"] = parseThreshold(rule["min-improvement"], `${where}.min-improvement`);
  return m;
}
function policyDigest(policy) {
  return sha256(canonicalJson(policy));
}
function thresholdLabel(t) {
  return t.kind === "absolute" ? t.value : `${formatPercent(t.value * 100)}%`;
}
function formatPercent(p) {
  return String(Number(p.toPrecision(12)));
}

// core/gate/metric-checks.ts
function metricChecks(policy, inputs) {
  assertPolicyMetricsKnown(policy, inputs);
  const checks = [];
  for (const [metric, rule] of Object.entries(policy.metrics)) {
    const c = inputs.candidate[metric];
    const b = inputs.baseline?.[metric];
    if (c === void 0) {
      checks.push(missingCandidate(metric, rule, b ?? null));
      continue;
    }
    if (rule.min !== void 0) checks.push(valueCheck(metric, "min", c, b, rule.min));
    if (rule.max !== void 0) checks.push(valueCheck(metric, "max", c, b, rule.max));
    for (const kind of ["max-regression", "min-improvement"]) {
      const t = rule[kind];
      if (t === void 0) continue;
      if (b === void 0) {
        checks.push(noBaseline(metric, kind, c, t, inputs.baseline === null, policy["require-baseline"]));
      } else {
        checks.push(changeCheck(metric, kind, rule, c, b, t));
      }
    }
  }
  return checks;
}
function assertPolicyMetricsKnown(policy, inputs) {
  const known = [
    .../* @__PURE__ */ new Set([...Object.keys(inputs.candidate), ...Object.keys(inputs.baseline ?? {})])
  ].sort();
  const problems = [];
  for (const metric of Object.keys(policy.metrics)) {
    if (metric in inputs.candidate || inputs.baseline && metric in inputs.baseline) continue;
    const near = closest(metric, known);
    problems.push(
      `models.${policy.model}.gate.metrics.${metric}: neither the candidate nor ${inputs.baseline ? "the baseline" : "a baseline (there is none)"} reports ${JSON.stringify(metric)}${near ? ` — did you mean ${JSON.stringify(near)}?` : ""}`
    );
  }
  if (problems.length === 0) return;
  throw new UsageError(`the gate policy names unknown metrics:
  ${problems.join("\n  ")}`, {
    hint: `Fix the name in the policy, or make the trainer report it. Reported: ${known.length ? known.join(", ") : "(no metrics)"}`
  });
}
function missingCandidate(metric, rule, baseline) {
  const base = { metric, rule: "required", candidate: null, baseline, delta: null, limit: null };
  if (rule.required) {
    return {
      ...base,
      passed: false,
      message: `${metric}: the candidate does not report it (the baseline does: ${fmt(baseline ?? Number.NaN)}); a required metric that goes missing fails`
    };
  }
  return {
    ...base,
    passed: true,
    skipped: true,
    message: `${metric}: the candidate does not report it; skipped (required: false)`
  };
}
function valueCheck(metric, rule, c, b, limit) {
  const passed = rule === "min" ? atLeast(c, limit) : atMost(c, limit);
  const op = rule === "min" ? "≥" : "≤";
  return {
    metric,
    rule,
    candidate: c,
    baseline: b ?? null,
    delta: b === void 0 ? null : c - b,
    limit,
    passed,
    message: passed ? `${metric} ${fmt(c)} ${op} ${fmt(limit)}` : `${metric} ${fmt(c)} is ${rule === "min" ? "below the minimum" : "above the maximum"} ${fmt(limit)}`
  };
}
function noBaseline(metric, rule, c, t, noBaselineAtAll, requireBaseline) {
  const why = noBaselineAtAll ? "there is no baseline" : `the baseline does not report ${metric}`;
  const base = { metric, rule, candidate: c, baseline: null, delta: null, limit: thresholdLabel(t) };
  if (requireBaseline) {
    return { ...base, passed: false, message: `${metric} ${rule}: ${why}, and require-baseline is set` };
  }
  return { ...base, passed: true, skipped: true, message: `${metric} ${rule}: skipped, ${why}` };
}
function changeCheck(metric, rule, policy, c, b, t) {
  const worse = worsening(policy.direction, c, b);
  const base = { metric, rule, candidate: c, baseline: b, delta: c - b, limit: thresholdLabel(t) };
  const moved = worse > 0 ? "worsened" : worse < 0 ? "improved" : "did not change";
  const by = worse === 0 ? "" : ` by ${fmt(Math.abs(worse))}`;
  const zero = t.kind === "relative" && b === 0;
  if (rule === "max-regression") {
    const allowed = t.kind === "absolute" ? t.value : t.value * Math.abs(b);
    const passed2 = atMost(worse, allowed);
    const limitText2 = zero ? `no worsening (the baseline is 0, so ${thresholdLabel(t)} of it is 0)` : t.kind === "relative" ? `${thresholdLabel(t)} of the baseline = ${fmt(allowed)}` : fmt(allowed);
    return {
      ...base,
      passed: passed2,
      message: `${metric} ${moved}${by} (${fmt(b)} → ${fmt(c)}); allowed worsening ${limitText2}${passed2 ? "" : " — exceeded"}`
    };
  }
  const improvement = -worse;
  let passed;
  let limitText;
  if (zero) {
    passed = t.value > 0 ? improvement > 0 : atLeast(improvement, 0);
    limitText = t.value > 0 ? `a strict improvement (the baseline is 0, so ${thresholdLabel(t)} of it cannot be scaled)` : "no worsening";
  } else {
    const required = t.kind === "absolute" ? t.value : t.value * Math.abs(b);
    passed = atLeast(improvement, required);
    limitText = t.kind === "relative" ? `${thresholdLabel(t)} of the baseline = ${fmt(required)}` : fmt(required);
  }
  return {
    ...base,
    passed,
    message: `${metric} ${moved}${by} (${fmt(b)} → ${fmt(c)}); required improvement ${limitText}${passed ? "" : " — not met"}`
  };
}

// core/gate/bootstrap.ts
function pairedBootstrap(n, candidate, baseline, opts) {
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  const delta = candidate(all) - baseline(all);
  const deltas = new Float64Array(opts.resamples);
  const idx = new Uint32Array(n);
  for (let r = 0; r < opts.resamples; r++) {
    for (let i = 0; i < n; i++) idx[i] = Math.floor(opts.rng() * n);
    deltas[r] = candidate(idx) - baseline(idx);
  }
  deltas.sort();
  const tail = (1 - opts.level) / 2;
  return { delta, ci: [quantile(deltas, tail), quantile(deltas, 1 - tail)], resamples: opts.resamples };
}
function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo];
  return a + (h - lo) * (sorted[hi] - a);
}

// core/gate/example-metrics.ts
var BUILT_IN = {
  accuracy: "accuracy",
  acc: "accuracy",
  error_rate: "error_rate",
  error: "error_rate",
  misclassification_rate: "error_rate",
  zero_one_loss: "error_rate",
  f1_macro: "f1_macro",
  macro_f1: "f1_macro",
  balanced_accuracy: "balanced_accuracy",
  mae: "mae",
  mean_absolute_error: "mae",
  mse: "mse",
  mean_squared_error: "mse",
  rmse: "rmse",
  root_mean_squared_error: "rmse"
};
var BUILT_IN_METRICS = Object.keys(BUILT_IN);
var COMPUTED = [...new Set(Object.values(BUILT_IN))];
function perExampleMetric(metric, direction, paired) {
  const { candidate, baseline, baselineRow } = paired;
  const n = candidate.ids.length;
  const last = metric.split(".").at(-1) ?? metric;
  const column = [metric, last].find((c) => candidate.columns.has(c) && baseline.columns.has(c));
  if (column !== void 0) {
    const c = numbers(candidate, column);
    const b = align(numbers(baseline, column), baselineRow);
    const binary = c.every((v) => v === 0 || v === 1) && b.every((v) => v === 0 || v === 1);
    return {
      source: `column ${column}`,
      n,
      candidate: mean(c),
      baseline: mean(b),
      ...binary ? { correct: { candidate: good(c, direction), baseline: good(b, direction) } } : {}
    };
  }
  const kind = BUILT_IN[last.toLowerCase()];
  if (kind === void 0) {
    return `${metric} cannot be computed from per-example results: add a ${last} column to them (label and prediction give ${COMPUTED.join(", ")})`;
  }
  for (const t of [candidate, baseline]) {
    for (const col of ["label", "prediction"]) {
      if (!t.columns.has(col))
        return `${metric} needs label and prediction columns; ${t.file} has ${[...t.columns.keys()].join(", ")}`;
    }
  }
  const source = `${kind} from label and prediction`;
  if (kind === "mae" || kind === "mse" || kind === "rmse") {
    const errors = (t, rows) => {
      const y2 = numbers(t, "label");
      const p = numbers(t, "prediction");
      const e = y2.map(
        (v, i) => kind === "mae" ? Math.abs(v - p[i]) : (v - p[i]) ** 2
      );
      return rows ? align(e, rows) : e;
    };
    const stat2 = (e) => kind === "rmse" ? (idx) => Math.sqrt(mean(e)(idx)) : mean(e);
    return { source, n, candidate: stat2(errors(candidate)), baseline: stat2(errors(baseline, baselineRow)) };
  }
  const codes = /* @__PURE__ */ new Map();
  const code = (s) => {
    const k2 = s.trim();
    let c = codes.get(k2);
    if (c === void 0) {
      c = codes.size;
      codes.set(k2, c);
    }
    return c;
  };
  const encode = (t, col, rows) => {
    const cells = t.columns.get(col) ?? [];
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = code(cells[rows ? rows[i] : i] ?? "");
    return out;
  };
  const y = encode(candidate, "label");
  const pc = encode(candidate, "prediction");
  const pb = encode(baseline, "prediction", baselineRow);
  const k = codes.size;
  if (kind === "accuracy" || kind === "error_rate") {
    const cc = correctness(y, pc);
    const cb = correctness(y, pb);
    const rate = (v) => {
      const acc = mean(Float64Array.from(v));
      return kind === "accuracy" ? acc : (idx) => 1 - acc(idx);
    };
    return { source, n, candidate: rate(cc), baseline: rate(cb), correct: { candidate: cc, baseline: cb } };
  }
  const stat = kind === "f1_macro" ? f1Macro : balancedAccuracy;
  return { source, n, candidate: (idx) => stat(y, pc, k, idx), baseline: (idx) => stat(y, pb, k, idx) };
}
function numbers(t, column) {
  const cells = t.columns.get(column) ?? [];
  const out = new Float64Array(cells.length);
  for (const [i, cell] of cells.entries()) {
    const v = cell.trim() === "" ? Number.NaN : Number(cell);
    if (!Number.isFinite(v)) {
      throw new UsageError(
        `${t.file}:${t.lines[i]}: ${column} ${JSON.stringify(cell)} is not a finite number`,
        {
          hint: "Per-example values must be numbers (no NaN, Infinity or empty cells)"
        }
      );
    }
    out[i] = v;
  }
  return out;
}
function align(values, rows) {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
  return out;
}
function mean(values) {
  return (idx) => {
    let sum = 0;
    for (let i = 0; i < idx.length; i++) sum += values[idx[i]];
    return sum / idx.length;
  };
}
function good(values, direction) {
  return Uint8Array.from(values, (v) => direction === "higher" ? v : 1 - v);
}
function correctness(labels, predictions) {
  return Uint8Array.from(labels, (y, i) => y === predictions[i] ? 1 : 0);
}
function confusion(labels, predictions, k, idx) {
  const tp = new Float64Array(k);
  const fp = new Float64Array(k);
  const fn = new Float64Array(k);
  const support = new Float64Array(k);
  for (let j = 0; j < idx.length; j++) {
    const i = idx[j];
    const y = labels[i];
    const p = predictions[i];
    support[y] = (support[y] ?? 0) + 1;
    if (y === p) tp[y] = (tp[y] ?? 0) + 1;
    else {
      fp[p] = (fp[p] ?? 0) + 1;
      fn[y] = (fn[y] ?? 0) + 1;
    }
  }
  return { tp, fp, fn, support };
}
function f1Macro(labels, predictions, k, idx) {
  const { tp, fp, fn } = confusion(labels, predictions, k, idx);
  let sum = 0;
  let classes = 0;
  for (let c = 0; c < k; c++) {
    const denominator = 2 * tp[c] + fp[c] + fn[c];
    if (denominator === 0) continue;
    sum += 2 * tp[c] / denominator;
    classes++;
  }
  return classes === 0 ? 0 : sum / classes;
}
function balancedAccuracy(labels, predictions, k, idx) {
  const { tp, support } = confusion(labels, predictions, k, idx);
  let sum = 0;
  let classes = 0;
  for (let c = 0; c < k; c++) {
    if (support[c] === 0) continue;
    sum += tp[c] / support[c];
    classes++;
  }
  return classes === 0 ? 0 : sum / classes;
}

// core/gate/mcnemar.ts
function mcnemarCounts(candidate, baseline) {
  let b = 0;
  let c = 0;
  for (let i = 0; i < candidate.length; i++) {
    if (candidate[i] && !baseline[i]) b++;
    else if (!candidate[i] && baseline[i]) c++;
  }
  return { b, c };
}
function exactMcNemar(b, c) {
  const n = b + c;
  if (n === 0) return { b, c, p_value: 1 };
  const k = Math.min(b, c);
  let logTerm = -n * Math.LN2;
  let logSum = logTerm;
  for (let i = 0; i < k; i++) {
    logTerm += Math.log(n - i) - Math.log(i + 1);
    logSum = logAdd(logSum, logTerm);
  }
  return { b, c, p_value: Math.min(1, 2 * Math.exp(logSum)) };
}
function logAdd(a, b) {
  const hi = Math.max(a, b);
  return hi + Math.log1p(Math.exp(Math.min(a, b) - hi));
}

// core/gate/prng.ts
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = a + 1831565813 >>> 0;
    let t = a;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
function fnv1a(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h >>> 0;
}
function rngFor(seed, metric) {
  return mulberry32((seed ^ fnv1a(metric)) >>> 0);
}

// core/gate/significance.ts
function significanceChecks(policy, sig, metrics, examples) {
  const level = `${fmt(sig.level * 100)}%`;
  const base = (metric) => ({
    metric,
    rule: "significance",
    candidate: null,
    baseline: null,
    delta: null,
    limit: level,
    passed: true
  });
  if (typeof examples === "string") {
    return metrics.map((metric) => ({
      ...base(metric),
      skipped: true,
      message: `${metric} significance: skipped, ${examples}`
    }));
  }
  return metrics.map((metric) => {
    const direction = policy.metrics[metric]?.direction ?? "higher";
    const m = perExampleMetric(metric, direction, examples);
    if (typeof m === "string")
      return { ...base(metric), skipped: true, message: `${metric} significance: skipped, ${m}` };
    const boot = pairedBootstrap(m.n, m.candidate, m.baseline, {
      resamples: sig.resamples,
      level: sig.level,
      rng: rngFor(sig.seed, metric)
    });
    const all = new Uint32Array(m.n).map((_, i) => i);
    const worse = (d) => direction === "higher" ? d < 0 : d > 0;
    const ci = `[${fmtDelta(boot.ci[0])}, ${fmtDelta(boot.ci[1])}]`;
    const bootstrapText = `${fmtDelta(boot.delta)} ${ci} (paired bootstrap, ${boot.resamples} resamples, ${level}, ${m.n} examples, ${m.source})`;
    let significant = boot.ci[0] > 0 || boot.ci[1] < 0;
    let method = "bootstrap";
    let pValue;
    let detail = bootstrapText;
    if (m.correct) {
      const { b, c } = mcnemarCounts(m.correct.candidate, m.correct.baseline);
      const mc = exactMcNemar(b, c);
      pValue = mc.p_value;
      const mcText = `exact McNemar p = ${fmt(mc.p_value)} (candidate alone right on ${b}, baseline alone on ${c})`;
      if (sig.method === "mcnemar") {
        method = "mcnemar";
        significant = mc.p_value < 1 - sig.level;
        detail = `${mcText}; ${bootstrapText}`;
      } else {
        detail = `${bootstrapText}; ${mcText}`;
      }
    } else if (sig.method === "mcnemar") {
      detail = `${bootstrapText}; McNemar needs per-example correctness, so the bootstrap decides`;
    }
    const regression = significant && worse(boot.delta);
    const verdict2 = !significant ? "not significant" : regression ? "a significant regression" : "a significant improvement";
    return {
      ...base(metric),
      candidate: m.candidate(all),
      baseline: m.baseline(all),
      delta: boot.delta,
      method,
      ci: boot.ci,
      ...pValue === void 0 ? {} : { p_value: pValue },
      significant,
      regression,
      examples: m.n,
      message: `${metric}: ${verdict2} — ${detail}`
    };
  });
}

// core/gate/slice-checks.ts
function sliceChecks(policy, candidate, baseline) {
  const checks = [];
  const problems = [];
  for (const [i, entry] of policy.slices.entries()) {
    const where = `models.${policy.model}.gate.slices[${i}]`;
    const names = slicesBy(candidate, entry.by);
    const rules = [
      ...Object.entries(entry["max-gap"]).map(([m, g]) => [
        m,
        "slice-gap",
        g
      ]),
      ...Object.entries(entry.metrics).flatMap(([m, b]) => [
        ...b.min === void 0 ? [] : [[m, "slice-min", b.min]],
        ...b.max === void 0 ? [] : [[m, "slice-max", b.max]]
      ])
    ];
    if (names.length === 0) {
      const features = [...new Set(Object.keys(candidate).map((k) => k.split("=")[0] ?? k))].sort();
      const near = closest(entry.by, features);
      const has = features.length ? `it has slices by ${features.join(", ")}` : "it reports no slices";
      for (const [metric, rule, limit] of rules) {
        checks.push({
          metric,
          rule,
          by: entry.by,
          candidate: null,
          baseline: null,
          delta: null,
          limit,
          passed: true,
          skipped: true,
          message: `${metric} by ${entry.by}: skipped, the candidate reports no slices by ${entry.by} (${has}${near ? `; did you mean ${near}?` : ""})`
        });
      }
      continue;
    }
    for (const [metric, rule, limit] of rules) {
      const values = valuesOf(candidate, names, metric);
      if (values.length === 0) {
        const known = [...new Set(names.flatMap((n) => Object.keys(candidate[n] ?? {})))].sort();
        const near = closest(metric, known);
        problems.push(
          `${where}: no slice by ${entry.by} reports ${JSON.stringify(metric)}${near ? ` — did you mean ${JSON.stringify(near)}?` : ` (they report ${known.join(", ")})`}`
        );
        continue;
      }
      const missing = names.filter((n) => candidate[n]?.[metric] === void 0);
      const direction = entry.directions[metric] ?? "higher";
      const check = rule === "slice-gap" ? gapCheck(entry, metric, limit, values, direction, baseline) : boundCheck(entry, metric, rule, limit, values, baseline);
      if (missing.length)
        check.message += ` (${missing.join(", ")} ${missing.length === 1 ? "does" : "do"} not report ${metric})`;
      checks.push(check);
    }
  }
  if (problems.length) {
    throw new UsageError(`the gate policy names unknown slice metrics:
  ${problems.join("\n  ")}`, {
      hint: "Fix the metric name in the slice rule, or make the trainer report it per slice"
    });
  }
  return checks;
}
function slicesBy(slices, by) {
  return Object.keys(slices).filter((k) => k.startsWith(`${by}=`)).sort();
}
function valuesOf(slices, names, metric) {
  const out = [];
  for (const slice of names) {
    const value = slices[slice]?.[metric];
    if (value !== void 0) out.push({ slice, value });
  }
  return out;
}
function extremes(values, direction) {
  const first = values[0];
  let worst = first;
  let best = first;
  for (const v of values) {
    const worse = direction === "higher" ? v.value < worst.value : v.value > worst.value;
    const better = direction === "higher" ? v.value > best.value : v.value < best.value;
    if (worse) worst = v;
    if (better) best = v;
  }
  return { worst, best };
}
function gapOf(values, direction) {
  const { worst, best } = extremes(values, direction);
  return { worst, best, gap: Math.abs(best.value - worst.value) };
}
function gapCheck(entry, metric, limit, values, direction, baseline) {
  const { worst, best, gap } = gapOf(values, direction);
  const baseValues = baseline ? valuesOf(baseline, slicesBy(baseline, entry.by), metric) : [];
  const baseGap = baseValues.length ? gapOf(baseValues, direction).gap : null;
  const passed = atMost(gap, limit);
  const spread = values.length === 1 ? `only one slice (${worst.slice})` : `worst ${worst.slice} ${fmt(worst.value)}, best ${best.slice} ${fmt(best.value)}`;
  return {
    metric,
    rule: "slice-gap",
    by: entry.by,
    worst: worst.slice,
    candidate: gap,
    baseline: baseGap,
    delta: baseGap === null ? null : gap - baseGap,
    limit,
    passed,
    message: `${metric} gap across ${entry.by} ${fmt(gap)} ${passed ? "≤" : "exceeds"} ${fmt(limit)}: ${spread}`
  };
}
function boundCheck(entry, metric, rule, limit, values, baseline) {
  const isMin = rule === "slice-min";
  const failing = values.filter((v) => !(isMin ? atLeast(v.value, limit) : atMost(v.value, limit)));
  const { worst } = extremes(values, isMin ? "higher" : "lower");
  const base = baseline?.[worst.slice]?.[metric];
  const op = isMin ? "≥" : "≤";
  const passed = failing.length === 0;
  return {
    metric,
    rule,
    by: entry.by,
    worst: worst.slice,
    candidate: worst.value,
    baseline: base ?? null,
    delta: base === void 0 ? null : worst.value - base,
    limit,
    passed,
    message: passed ? `${metric} ${op} ${fmt(limit)} in every slice by ${entry.by} (${values.length}; worst ${worst.slice} ${fmt(worst.value)})` : `${metric} ${isMin ? "below" : "above"} ${fmt(limit)} in ${failing.length} of ${values.length} slices by ${entry.by}: ${failing.map((f) => `${f.slice} ${fmt(f.value)}`).join(", ")}`
  };
}

// core/gate/evaluate.ts
function evaluateGate(inputs) {
  const { policy, candidate, baseline } = inputs;
  if (candidate.model !== policy.model) {
    throw new UsageError(
      `the candidate is a run of ${JSON.stringify(candidate.model)}, not ${policy.model}`,
      {
        hint: "Gate a model's own run: check --model and --candidate"
      }
    );
  }
  const directionOf = (metric) => policy.metrics[metric]?.direction;
  const checks = metricChecks(policy, {
    candidate: candidate.metrics,
    baseline: baseline.run?.metrics ?? null
  }).map((c) => ({ ...c, direction: directionOf(c.metric) ?? "higher" }));
  checks.push(
    ...sliceChecks(policy, candidate.slices ?? {}, baseline.run?.slices ?? null).map((c) => ({
      ...c,
      // A gap is better smaller; a slice bound's worst value follows the metric.
      direction: c.rule === "slice-gap" ? "lower" : policy.slices.find((s) => s.by === c.by)?.directions[c.metric] ?? "higher"
    }))
  );
  const sig = policy.significance;
  if (sig && baseline.run) {
    const tested = [
      ...new Set(
        checks.filter(
          (c) => (c.rule === "max-regression" || c.rule === "min-improvement") && !c.skipped && c.baseline !== null
        ).map((c) => c.metric)
      )
    ];
    if (tested.length) {
      const c = inputs.candidateExamples ?? "the candidate's per-example results were not read";
      const b = inputs.baselineExamples ?? "the baseline's per-example results were not read";
      const paired = typeof c === "string" ? `candidate: ${c}` : typeof b === "string" ? `baseline: ${b}` : pairExamples(c, b);
      const results = significanceChecks(policy, sig, tested, paired);
      if (sig.regressions === "significant") applySignificance(checks, results);
      for (const r of results) {
        const { regression: _, ...check } = r;
        checks.push({ ...check, direction: directionOf(r.metric) ?? "higher" });
      }
    }
  }
  return {
    schema: "kiln.gate/v1",
    model: policy.model,
    run_digest: runDigest(candidate),
    policy_digest: policyDigest(policy),
    policy_source: inputs.policySource,
    passed: checks.every((c) => c.passed),
    checks,
    baseline: {
      ...baseline.baseline,
      ...baseline.notes.length ? { notes: baseline.notes } : {}
    },
    ...inputs.advisory ? { advisory: true } : {}
  };
}
function applySignificance(checks, results) {
  for (const check of checks) {
    if (check.rule !== "max-regression" || check.passed || check.skipped) continue;
    const s = results.find((r) => r.metric === check.metric);
    if (!s || s.skipped) {
      check.message += "; its significance is unknown, so it counts";
    } else if (s.regression) {
      check.significant = true;
      check.message += "; the regression is significant";
    } else {
      check.passed = true;
      check.significant = false;
      check.message += "; not counted: the change is not significant (regressions: significant)";
    }
  }
}

// core/metrics/diff.ts
function diffRuns(base, head, opts = {}) {
  const directionOf = (m) => opts.directions?.[m] ?? defaultDirection(m);
  const metrics = diffMetrics(base.metrics, head.metrics, directionOf);
  const slices = diffSlices(base.slices ?? {}, head.slices ?? {}, directionOf);
  const params = diffParams(base.params ?? {}, head.params ?? {});
  const data = diffData(base.data ?? {}, head.data ?? {});
  return {
    model: head.model,
    base: side(base),
    head: side(head),
    metrics,
    slices,
    params,
    data,
    changed: {
      metrics: metrics.filter((m) => m.status !== "unchanged").length,
      slices: slices.filter((s) => s.status !== "unchanged").length,
      params: params.length,
      data: data.filter((d) => d.status !== "unchanged").length
    }
  };
}
function diffMetric(metric, base, head, direction) {
  const b = base ?? null;
  const h = head ?? null;
  if (b === null || h === null) {
    const status2 = b === null ? "added" : "removed";
    return { metric, base: b, head: h, delta: null, relative: null, direction, status: status2, trend: null };
  }
  const delta = h - b;
  const relative = b === 0 ? null : delta / Math.abs(b);
  const trend = h === b ? "same" : (direction === "higher" ? h > b : h < b) ? "better" : "worse";
  const status = h === b ? "unchanged" : "changed";
  return { metric, base: b, head: h, delta, relative, direction, status, trend };
}
function diffMetrics(base, head, directionOf) {
  return unionKeys(base, head).map((m) => diffMetric(m, base[m], head[m], directionOf(m)));
}
function diffSlices(base, head, directionOf) {
  return unionKeys(base, head).map((slice) => {
    const b = base[slice];
    const h = head[slice];
    const metrics = diffMetrics(b ?? {}, h ?? {}, directionOf);
    const status = !b ? "added" : !h ? "removed" : metrics.some((m) => m.status !== "unchanged") ? "changed" : "unchanged";
    return { slice, status, metrics };
  });
}
function diffParams(base, head) {
  const b = flatten(base);
  const h = flatten(head);
  const out = [];
  for (const key of unionKeys(Object.fromEntries(b), Object.fromEntries(h))) {
    const inBase = b.has(key);
    const inHead = h.has(key);
    const bv = b.get(key);
    const hv = h.get(key);
    if (inBase && inHead && canonicalJson(bv) === canonicalJson(hv)) continue;
    out.push({ key, base: bv, head: hv, status: !inBase ? "added" : !inHead ? "removed" : "changed" });
  }
  return out;
}
function diffData(base, head) {
  return unionKeys(base, head).map((path) => {
    const b = base[path] ? pickFingerprint(base[path]) : null;
    const h = head[path] ? pickFingerprint(head[path]) : null;
    const status = !b ? "added" : !h ? "removed" : b.sha256 === h.sha256 && b.rows === h.rows ? "unchanged" : "changed";
    return { path, base: b, head: h, status };
  });
}
function pickFingerprint(f) {
  return f.rows === void 0 ? { sha256: f.sha256 } : { sha256: f.sha256, rows: f.rows };
}
function flatten(obj, prefix = "", out = /* @__PURE__ */ new Map()) {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0) {
      flatten(v, key, out);
    } else out.set(key, v);
  }
  return out;
}
function unionKeys(a, b) {
  return [.../* @__PURE__ */ new Set([...Object.keys(a), ...Object.keys(b)])];
}
function side(run) {
  const out = { model: run.model };
  if (run.code?.sha) out.sha = run.code.sha;
  if (run.code?.ref) out.ref = run.code.ref;
  return out;
}

// app/regate.ts
var BASELINE_NOTE = "the app does not read the registry or base-branch runs yet, so there is no baseline and change rules are skipped";
function regate(run, config, defaultBranch, links) {
  const model = run.model;
  const entry = config.models[model];
  let gate = null;
  if (entry) {
    gate = evaluateGate({
      policy: normalisePolicy(model, entry),
      candidate: run,
      baseline: { ...NO_BASELINE, notes: [BASELINE_NOTE] },
      policySource: `${CONFIG_PATH} on ${defaultBranch}`,
      advisory: false
    });
  }
  const directions = Object.fromEntries(
    (gate?.checks ?? []).filter((c) => !c.rule.startsWith("slice-")).map((c) => [c.metric, c.direction])
  );
  const base = { schema: "kiln.run/v1", model, metrics: {} };
  const note = entry ? `> ℹ️ Baseline: none — ${escapeMarkdown(BASELINE_NOTE)}.` : `> ⚠️ ${escapeMarkdown(CONFIG_PATH)} on ${escapeMarkdown(defaultBranch)} declares no model ${model}: not gated (a new model is gated once its policy is on the default branch).`;
  const body = renderModelSection(
    {
      diff: diffRuns(base, run, { directions }),
      gate,
      base: { label: "no baseline" },
      head: {
        label: "this PR",
        sha: links.sha,
        ...links.url ? { url: links.url } : {},
        ...links.runNumber ? { run: `#${links.runNumber}` } : {}
      },
      refreshHint: false
    },
    { maxChars: COMMENT_MAX - COMMENT_MARKER.length - note.length - 4 }
  );
  const section = withNote(body, model, note);
  if (!gate)
    return { model, section, conclusion: "neutral", title: "not gated: no policy on the default branch" };
  const failed = gate.checks.filter((c) => !c.passed).length;
  return gate.passed ? { model, section, conclusion: "success", title: `gate passed (${gate.checks.length} checks)` } : {
    model,
    section,
    conclusion: "failure",
    title: `gate failed (${failed} of ${gate.checks.length} checks)`
  };
}
function errorOutcome(model, message) {
  const section = [
    sectionStart(model),
    `### 🔥 kiln — ${model} · ⚠️ run.json unusable`,
    "",
    `> ${escapeMarkdown(message, 600)}`,
    sectionEnd(model)
  ].join("\n");
  return { model, section, conclusion: "failure", title: "run.json unusable" };
}
function withNote(section, model, note) {
  const end = `
${sectionEnd(model)}`;
  return section.endsWith(end) ? `${section.slice(0, -end.length)}

${note}${end}` : section;
}

// app/handlers/workflow-run.ts
var PR_EVENTS = /* @__PURE__ */ new Set(["pull_request", "pull_request_target"]);
async function onWorkflowRunCompleted(context) {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
  const ev = readRunEvent(context.payload);
  if (!ev || summary.installation === null) return;
  await handleRun(context.octokit, context.log, ev);
}
async function handleRun(octokit, log, ev) {
  const config = await readDefaultConfig(octokit, ev.repo, ev.defaultBranch);
  if (config.kind === "missing") {
    log.info({ repo: ev.repo }, `workflow_run: no ${CONFIG_PATH} on ${ev.defaultBranch}; nothing to do`);
    return;
  }
  if (config.kind === "ok" && !workflowSelected(config.config, ev.path)) {
    log.info({ path: ev.path }, "workflow_run: workflow not in app.workflows; skipped");
    return;
  }
  const artifacts = await listRunArtifacts(octokit, ev.repo, ev.runId);
  if (artifacts.length === 0) {
    log.info({ run: ev.runId }, "workflow_run: no kiln-run-* artifacts; skipped");
    return;
  }
  if (config.kind === "invalid") {
    const problems = config.problems.slice(0, 50).map((p) => `- ${escapeMarkdown(formatProblem(CONFIG_PATH, p), 400)}`);
    await createCheck(
      octokit,
      ev,
      "kiln / config",
      "failure",
      `${CONFIG_PATH} on ${ev.defaultBranch} is invalid`,
      [
        `The default branch's ${escapeMarkdown(CONFIG_PATH)} is not a valid kiln config, so no model was gated:`,
        "",
        ...problems
      ].join("\n")
    );
    log.warn({ problems: config.problems }, "workflow_run: invalid config on the default branch");
    return;
  }
  const budget = { left: MAX_UNZIPPED_BYTES };
  const outcomes = [];
  for (const artifact of artifacts) {
    const read = await readRunArtifact(octokit, ev.repo, artifact, budget);
    if (!read.ok) log.warn({ artifact: artifact.name, error: read.error }, "workflow_run: artifact unusable");
    outcomes.push(
      read.ok ? regate(read.run, config.config, ev.defaultBranch, {
        sha: ev.headSha,
        ...ev.url ? { url: ev.url } : {},
        ...ev.runNumber ? { runNumber: ev.runNumber } : {}
      }) : errorOutcome(artifact.model, read.error)
    );
  }
  for (const o of outcomes)
    await createCheck(octokit, ev, `kiln / ${o.model}`, o.conclusion, o.title, o.section);
  const pulls = await findPullRequests(octokit, ev.repo, ev.pulls, ev.headSha);
  if (pulls.length === 0) log.info({ sha: ev.headSha }, "workflow_run: no open pull request for the run");
  for (const pr of pulls) {
    const id = await upsertComment(
      octokit,
      ev.repo,
      pr,
      outcomes.map((o) => o.section)
    );
    log.info({ pr, comment: id, models: outcomes.map((o) => o.model) }, "workflow_run: comment written");
  }
}
async function createCheck(octokit, ev, name, conclusion, title, summary) {
  await octokit.rest.checks.create({
    ...ev.repo,
    name,
    head_sha: ev.headSha,
    status: "completed",
    conclusion,
    output: { title, summary }
  });
}
function readRunEvent(payload) {
  const p = payload;
  const repo = p?.repository;
  const run = p?.workflow_run;
  if (!repo || !run || typeof run !== "object" || Array.isArray(run)) return null;
  const { name, default_branch: branch } = repo;
  const owner = repo.owner?.login;
  if (typeof name !== "string" || typeof owner !== "string" || typeof branch !== "string") return null;
  if (typeof run.id !== "number" || typeof run.head_sha !== "string" || !/^[0-9a-f]{40}$/.test(run.head_sha))
    return null;
  if (typeof run.event !== "string" || !PR_EVENTS.has(run.event)) return null;
  const pulls = Array.isArray(run.pull_requests) ? run.pull_requests.map((pr) => pr?.number).filter((n) => typeof n === "number" && Number.isInteger(n) && n > 0) : [];
  return {
    repo: { owner, repo: name },
    defaultBranch: branch,
    runId: run.id,
    headSha: run.head_sha,
    path: typeof run.path === "string" ? run.path : null,
    ...typeof run.html_url === "string" ? { url: run.html_url } : {},
    ...typeof run.run_number === "number" ? { runNumber: run.run_number } : {},
    pulls
  };
}

// app/index.ts
var app_default = (app, _options) => {
  app.on("workflow_run.completed", onWorkflowRunCompleted);
  app.on("issue_comment.created", onIssueCommentCreated);
  app.on("repository_dispatch", onRepositoryDispatch);
  app.on("deployment_protection_rule", onDeploymentProtectionRule);
  app.on("installation", onInstallation);
};

// app/server.ts
var DOCS_HINT = "See docs/app.md";
var LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"];
function readAppConfig(env) {
  const missing = [
    present(env.APP_ID) ? null : "APP_ID",
    present(env.PRIVATE_KEY) || present(env.PRIVATE_KEY_PATH) ? null : "PRIVATE_KEY (or PRIVATE_KEY_PATH)",
    // Probot would fall back to the secret "development"; a deployed app must never accept that.
    present(env.WEBHOOK_SECRET) ? null : "WEBHOOK_SECRET"
  ].filter((name) => name !== null);
  if (missing.length > 0) {
    const what = missing.length === 1 ? `${missing[0]} is not set` : `${missing.join(", ")} are not set`;
    throw new UsageError(`${what}: the kiln app needs its GitHub App credentials`, { hint: DOCS_HINT });
  }
  const appId = (env.APP_ID ?? "").trim();
  if (!/^\d+$/.test(appId)) {
    throw new UsageError(`APP_ID must be the GitHub App's numeric ID, got "${appId}"`, { hint: DOCS_HINT });
  }
  const logLevel = env.LOG_LEVEL || "info";
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new UsageError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${env.LOG_LEVEL}"`);
  }
  return {
    appId: Number(appId),
    privateKey: readPrivateKey(env),
    secret: env.WEBHOOK_SECRET ?? "",
    port: readPort(env.PORT),
    // Probot's default: only local clients unless HOST says otherwise (e.g. HOST=0.0.0.0 in a container).
    host: env.HOST || "localhost",
    logLevel,
    logFormat: readLogFormat(env)
  };
}
function readLogFormat(env) {
  if (env.LOG_FORMAT) return env.LOG_FORMAT === "pretty" ? "pretty" : "json";
  return env.NODE_ENV === "production" ? "json" : "pretty";
}
async function startServer(env = process.env, options = {}) {
  const config = readAppConfig(env);
  const probot = createProbot({
    // createProbot maps GHE_HOST/GHE_PROTOCOL, WEBHOOK_PATH, LOG_*, SENTRY_DSN, REDIS_URL from env.
    env: { ...env, LOG_LEVEL: config.logLevel, LOG_FORMAT: config.logFormat },
    overrides: {
      appId: config.appId,
      privateKey: config.privateKey,
      secret: config.secret,
      ...options.log ? { log: options.log } : {}
    }
  });
  const probotMiddleware = await createNodeMiddleware(app_default, { probot });
  const log = probot.log;
  const server = createServer((req, res) => {
    void route(req, res).catch((err) => {
      log.error({ err }, "kiln: request failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  async function route(req, res) {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/healthz" && (req.method === "GET" || req.method === "HEAD")) {
      sendJson(
        res,
        200,
        { status: "ok", app: "kiln", version: kilnPackage().version },
        req.method === "HEAD"
      );
      return;
    }
    if (await probotMiddleware(req, res)) return;
    if (!res.headersSent) sendJson(res, 404, { error: `Unknown route: ${req.method} ${path}` });
  }
  await new Promise((done, fail) => {
    const onError = (err) => {
      fail(
        new UsageError(`cannot listen on ${config.host}:${config.port} (${err.code ?? err.message})`, {
          hint: "Set PORT and HOST to a free address",
          cause: err
        })
      );
    };
    server.once("error", onError);
    server.listen(config.port, config.host, () => {
      server.off("error", onError);
      done();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : config.port;
  log.info(
    `kiln ${kilnPackage().version} listening on http://${config.host}:${port} (webhooks at ${probot.webhookPath})`
  );
  return {
    server,
    port,
    host: config.host,
    stop: () => new Promise((done, fail) => {
      if (!server.listening) return done();
      const force = setTimeout(() => server.closeAllConnections(), 1e4).unref();
      server.close((err) => {
        clearTimeout(force);
        if (err) fail(err);
        else done();
      });
      server.closeIdleConnections();
    })
  };
}
function sendJson(res, status, body, headOnly = false) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store"
  });
  res.end(headOnly ? void 0 : text);
}
function present(value) {
  return value !== void 0 && value.trim() !== "";
}
function readPort(raw) {
  if (!present(raw)) return 3e3;
  const text = (raw ?? "").trim();
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new UsageError(`PORT must be a port number (0-65535), got "${raw}"`);
  }
  return port;
}
function readPrivateKey(env) {
  let pem;
  let source;
  if (present(env.PRIVATE_KEY)) {
    source = "PRIVATE_KEY";
    pem = (env.PRIVATE_KEY ?? "").trim();
    if (!pem.includes("-----BEGIN")) pem = Buffer.from(pem, "base64").toString("utf8").trim();
    pem = pem.replace(/\\n/g, "\n");
    const oneLine = /^(-----BEGIN [A-Z ]+-----)\s*(.+?)\s*(-----END [A-Z ]+-----)$/.exec(pem);
    if (!pem.includes("\n") && oneLine)
      pem = `${oneLine[1]}
${oneLine[2]?.replace(/\s+/g, "\n")}
${oneLine[3]}
`;
  } else {
    const path = env.PRIVATE_KEY_PATH ?? "";
    source = `PRIVATE_KEY_PATH (${path})`;
    try {
      pem = readFileSync2(resolve(path), "utf8");
    } catch (err) {
      const code = err.code ?? "unreadable";
      throw new UsageError(`PRIVATE_KEY_PATH: cannot read ${path} (${code})`, { hint: DOCS_HINT });
    }
  }
  try {
    createPrivateKey(pem);
  } catch {
    throw new UsageError(`${source} is not a PEM private key`, {
      hint: `Use the .pem file downloaded from the GitHub App's settings. ${DOCS_HINT}`
    });
  }
  return pem;
}
function loadDotEnv(cwd, env) {
  const file = join2(cwd, ".env");
  if (!existsSync2(file)) return;
  for (const [key, value] of Object.entries(parseEnv(readFileSync2(file, "utf8")))) {
    if (env[key] === void 0) env[key] = value;
  }
}
function isMainModule() {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath2(import.meta.url));
  } catch {
    return false;
  }
}
async function main() {
  try {
    loadDotEnv(process.cwd(), process.env);
    const running = await startServer(process.env);
    for (const signal of ["SIGINT", "SIGTERM"]) {
      process.once(signal, () => {
        running.stop().then(
          () => process.exit(0),
          () => process.exit(1)
        );
      });
    }
  } catch (err) {
    process.stderr.write(
      err instanceof KilnError ? `kiln app: ${describeError(err)}
` : `kiln app: internal error: ${describeError(err)} (KILN_DEBUG=1 shows the stack; please report it)
`
    );
    if (process.env.KILN_DEBUG === "1" && err instanceof Error && err.stack)
      process.stderr.write(`${err.stack}
`);
    process.exitCode = exitCodeOf(err);
  }
}
if (isMainModule()) await main();
export {
  readAppConfig,
  startServer
};

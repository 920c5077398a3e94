import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);

// app/server.ts
import { createPrivateKey } from "node:crypto";
import { existsSync as existsSync2, readFileSync as readFileSync2, realpathSync } from "node:fs";
import {
  createServer
} from "node:http";
import { join as join7, resolve as resolve2 } from "node:path";
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

// runtime/package-root.ts
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
function packageRoot(from = dirname(fileURLToPath(import.meta.url))) {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file) && JSON.parse(readFileSync(file, "utf8")).name === "kiln")
      return dir;
    if (dirname(dir) === dir) break;
  }
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) {
    if (basename(dir) === "dist") return dirname(dir);
  }
  return from;
}
function kilnPackage() {
  if (true) {
    return { version: "0.1.0", repository: "kiln-ml/kiln" };
  }
  const pkg = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8"));
  return { version: pkg.version ?? "0.0.0", repository: repositorySlug(pkg.repository) };
}
function repositorySlug(repository) {
  const url2 = typeof repository === "string" ? repository : repository?.url ?? "";
  const m = /github(?:\.com[/:]|:)([^/]+\/[^/.]+?)(?:\.git)?\/?$/.exec(url2) ?? /^([\w.-]+\/[\w.-]+)$/.exec(url2);
  return m?.[1] ?? "";
}

// app/alerts.ts
import { createHash as createHash2, timingSafeEqual } from "node:crypto";

// core/retrain/signals.ts
import * as z5 from "zod";

// core/markdown.ts
function escapeMarkdown(text2, max = 200) {
  let s = text2.replace(/[\r\n\t]+/g, " ").replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, "");
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/([\\`*_{}[\]#!|~])/g, "\\$1").replace(/(^|[^\w])@/g, "$1&#64;");
}
function mermaidLabel(text2, max = 30) {
  const s = text2.replace(/[^\p{L}\p{N} ._()%/-]/gu, "_");
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

// core/metrics/run-record.ts
import * as z2 from "zod";

// core/contracts.ts
import * as z from "zod";

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
var ARTIFACT_KINDS = ["validate", "run", "gate", "monitor", "ct"];
function artifactName(kind, model, variant) {
  assertModelName(model);
  if (variant !== void 0 && !/^[a-z0-9][a-z0-9._-]{0,63}$/.test(variant)) {
    throw new UsageError(`sweep variant ${JSON.stringify(variant)} is not valid`, {
      hint: `Use ${MODEL_NAME_RULE}`
    });
  }
  return variant === void 0 ? `kiln-${kind}-${model}` : `kiln-${kind}-${model}-${variant}`;
}
function parseArtifactName(name) {
  const m = /^kiln-(validate|run|gate|monitor|ct)-(.+)$/.exec(name);
  if (!m?.[1] || !m[2] || !isModelName(m[2])) return null;
  return { kind: m[1], model: m[2] };
}
var HISTORY_BRANCH = "kiln/history";
function retrainBranch(model) {
  return `kiln/retrain/${assertModelName(model)}`;
}
function retrainRequestPath(model) {
  return `.kiln/retrain/${assertModelName(model)}.json`;
}
var CONFIG_PATH = ".github/kiln.yml";

// core/contracts.ts
var modelName = z.string().regex(MODEL_NAME, "not a valid model name");
var sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "not a sha256 hex digest");
var isoTime = z.iso.datetime({ offset: true });
var finite = z.number({ error: "must be a finite number (not NaN, Infinity or a string)" });
function kilnFile(kind, shape) {
  return z.looseObject({ schema: z.literal(`kiln.${kind}/v1`), ...shape });
}

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
var metricMap = z2.record(z2.string().min(1), finite);
var gpu = z2.looseObject({
  name: z2.string(),
  memory_mb: z2.number().nonnegative().optional(),
  driver: z2.string().optional(),
  cuda: z2.string().optional()
});
var runRecordSchema = kilnFile("run", {
  model: modelName,
  metrics: metricMap,
  params: z2.record(z2.string(), z2.unknown()).optional(),
  slices: z2.record(z2.string().min(1), metricMap).optional(),
  data: z2.record(z2.string(), z2.looseObject({ sha256: sha256Hex, rows: z2.number().int().nonnegative().optional() })).optional(),
  code: z2.looseObject({ sha: z2.string().optional(), ref: z2.string().optional(), dirty: z2.boolean().optional() }).optional(),
  env: z2.looseObject({
    runner: z2.string().optional(),
    labels: z2.array(z2.string()).optional(),
    os: z2.string().optional(),
    node: z2.string().optional(),
    python: z2.string().optional(),
    lockfiles: z2.record(z2.string(), sha256Hex).optional(),
    gpus: z2.array(gpu).optional()
  }).optional(),
  telemetry: z2.looseObject({
    interval_s: z2.number().positive().optional(),
    samples: z2.array(
      z2.looseObject({
        t: z2.number(),
        gpu: z2.number().int().optional(),
        util: z2.number().optional(),
        memory_mb: z2.number().optional(),
        power_w: z2.number().optional()
      })
    )
  }).optional(),
  started_at: isoTime.optional(),
  duration_s: z2.number().nonnegative().optional(),
  artifacts: z2.array(z2.string()).optional(),
  examples: z2.string().optional()
});
function runDigest(run) {
  return sha256(canonicalJson(run));
}

// core/retrain/alertmanager.ts
import * as z3 from "zod";
var MAX_LABEL = 1024;
var MAX_ANNOTATION = 2e3;
var MAX_ALERTS = 1e3;
var label = z3.string().max(MAX_LABEL);
var labels = z3.record(z3.string().max(256), label).refine((r) => Object.keys(r).length <= 64, "more than 64 labels");
var annotations = z3.record(
  z3.string().max(256),
  z3.string().transform((s) => s.slice(0, MAX_ANNOTATION))
).refine((r) => Object.keys(r).length <= 64, "more than 64 annotations");
var status = z3.enum(["firing", "resolved"]);
var time = z3.string().max(64);
var alertSchema = z3.object({
  status,
  labels,
  annotations: annotations.default({}),
  startsAt: time,
  endsAt: time.default("0001-01-01T00:00:00Z"),
  generatorURL: z3.string().max(2048).default(""),
  fingerprint: z3.string().min(1).max(128)
});
var alertmanagerPayloadSchema = z3.object({
  version: z3.literal("4", { error: 'must be "4" (Alertmanager webhook version 4)' }),
  groupKey: z3.string().min(1).max(MAX_LABEL * 4),
  truncatedAlerts: z3.number().int().nonnegative().default(0),
  status,
  receiver: z3.string().max(MAX_LABEL).default(""),
  groupLabels: labels.default({}),
  commonLabels: labels.default({}),
  commonAnnotations: annotations.default({}),
  externalURL: z3.string().max(2048).default(""),
  alerts: z3.array(alertSchema).min(1).max(MAX_ALERTS)
});
var REPOSITORY = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;
function groupAlerts(payload, isModel) {
  const groups = /* @__PURE__ */ new Map();
  const ignored = [];
  payload.alerts.forEach((alert, index) => {
    const repository = alert.labels.repository ?? payload.commonLabels.repository;
    const model = alert.labels.model ?? payload.commonLabels.model;
    const at = `alerts.${index}.labels`;
    const problem = repository === void 0 ? `${at}.repository is missing` : !REPOSITORY.test(repository) ? `${at}.repository ${JSON.stringify(repository)} is not owner/name` : model === void 0 ? `${at}.model is missing` : !isModel(model) ? `${at}.model ${JSON.stringify(model)} is not a model name` : null;
    if (problem !== null || repository === void 0 || model === void 0) {
      ignored.push({ index, fingerprint: alert.fingerprint, reason: problem ?? "unlabelled" });
      return;
    }
    const id = `${repository.toLowerCase()} ${model}`;
    const group = groups.get(id) ?? { repository, model, status: "resolved", alerts: [] };
    group.alerts.push(alert);
    if (alert.status === "firing") group.status = "firing";
    groups.set(id, group);
  });
  return { groups: [...groups.values()], ignored };
}

// core/retrain/dedupe.ts
function dedupeKey(prefix, parts) {
  return `${prefix}:${sha256(canonicalJson(parts)).slice(0, 24)}`;
}
var KEY = /^(monitor|ct|dispatch|alert|resolved):[0-9a-f]{24}$/;
var SIGNALS = /<!-- kiln:signals ([^>]*?) ?-->/;
var MAX_KEYS = 100;
function retrainMarker(model) {
  return `<!-- kiln:retrain ${model} -->`;
}
function signalKeys(body) {
  const m = SIGNALS.exec(body);
  return m?.[1] ? m[1].split(" ").filter((k) => KEY.test(k)) : [];
}
function signalsMarker(keys) {
  const unique = [...new Set(keys.filter((k) => KEY.test(k)))].slice(-MAX_KEYS);
  return `<!-- kiln:signals ${unique.join(" ")} -->`;
}
function commentMarker(key) {
  return `<!-- kiln:retrain-signal ${key} -->`;
}

// core/retrain/retrain-request.ts
import * as z4 from "zod";
var RETRAIN_SOURCES = ["monitor", "alertmanager", "dispatch", "ct", "manual"];
var retrainRequestSchema = kilnFile("retrain", {
  model: modelName,
  reason: z4.string().min(1).max(2e3),
  source: z4.enum(RETRAIN_SOURCES),
  evidence: z4.array(z4.looseObject({ kind: z4.string(), message: z4.string().optional() })).max(100),
  requested_at: isoTime,
  data_window: z4.looseObject({ from: isoTime.nullable(), to: isoTime.nullable() }).nullable()
});

// core/retrain/from-monitor.ts
var MAX_EVIDENCE = 100;
function retrainRequestFromMonitor(m, now) {
  if (!m.degraded) return null;
  const kinds = [...new Set(m.reasons.map((r) => r.kind))];
  const headline = m.reasons.find((r) => r.kind === "metric") ?? m.reasons[0];
  const reason = `${m.model} ${m.version ?? ""} degraded in production (${kinds.join(", ")})${headline?.message ? `: ${headline.message}` : ""}`.replace(/\s+/g, " ").slice(0, 2e3);
  const evidence = m.reasons.slice(0, MAX_EVIDENCE).map((r) => ({
    kind: r.kind,
    ...r.column === void 0 ? {} : { column: r.column },
    ...r.metric === void 0 ? {} : { metric: r.metric },
    value: r.value,
    limit: r.limit,
    ...r.message === void 0 ? {} : { message: r.message }
  }));
  const windowKnown = m.window.from !== null || m.window.to !== null;
  return retrainRequestSchema.parse({
    schema: "kiln.retrain/v1",
    model: m.model,
    reason,
    source: "monitor",
    evidence,
    requested_at: now.toISOString(),
    data_window: windowKnown ? { from: m.window.from, to: m.window.to } : null,
    ...m.version ? { model_version: m.version } : {}
  });
}

// core/retrain/signals.ts
var MAX_HEADLINE = 200;
function oneLine(text2, max = MAX_HEADLINE) {
  const s = text2.replace(/\s+/g, " ").trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
function request(fields) {
  return retrainRequestSchema.parse({ schema: "kiln.retrain/v1", ...fields });
}
function parseUntrusted(schema, data, what, hint) {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const more = parsed.error.issues.length - 1;
  const where = first?.path.length ? first.path.map(String).join(".") : "(top level)";
  throw new UsageError(
    `${what}: ${where}: ${first?.message ?? "invalid"}${more > 0 ? ` (and ${more} more problem${more > 1 ? "s" : ""})` : ""}`,
    { hint }
  );
}
function signalFromMonitor(m, opts) {
  const base = retrainRequestFromMonitor(m, opts.now);
  if (!base) return null;
  const key = dedupeKey(
    "monitor",
    opts.runId === void 0 ? m : { model: m.model, run: String(opts.runId) }
  );
  const evidence = base.evidence.map((e, i) => {
    const r = m.reasons[i];
    const extra = {};
    for (const k of ["rule", "method", "baseline"]) if (r?.[k] !== void 0) extra[k] = r[k];
    if (opts.runId !== void 0) extra.run_id = String(opts.runId);
    return { ...e, ...extra };
  });
  return {
    model: m.model,
    status: "firing",
    key,
    headline: monitorHeadline(m),
    request: request({ ...base, evidence, dedupe_key: key })
  };
}
function monitorHeadline(m) {
  const metric = m.reasons.find((r) => r.kind === "metric");
  if (metric?.metric !== void 0 && typeof metric.value === "number") {
    const rule = metric.rule;
    const limit = typeof metric.limit === "number" ? formatNumber(metric.limit) : String(metric.limit ?? "");
    const bound = rule === "min" ? ` (floor ${limit})` : rule === "max" ? ` (ceiling ${limit})` : rule === "max-regression" ? ` (allowed drop ${limit})` : "";
    return oneLine(`${metric.metric} on production at ${formatNumber(metric.value)}${bound}`);
  }
  const drift = m.reasons.find((r) => r.kind === "drift" && r.column === void 0);
  if (drift?.message) return oneLine(drift.message.split(":")[0] ?? drift.message);
  const skew = m.reasons.filter((r) => r.kind === "skew" && r.column !== void 0);
  if (skew.length > 0) return oneLine(`training–serving skew in ${skew.map((r) => r.column).join(", ")}`);
  const first = m.reasons[0];
  return oneLine(first?.message ?? "degraded in production");
}
function signalFromCt(run, gate, opts) {
  if (gate.model !== run.model) {
    throw new UsageError(`gate.json is for model ${gate.model}, run.json for ${run.model}`, {
      hint: "Pass the run.json and gate.json of one kiln-ct-<model> artifact"
    });
  }
  const digest2 = runDigest(run);
  if (gate.run_digest !== digest2) {
    throw new UsageError(`gate.json: run_digest ${gate.run_digest.slice(0, 12)}… is not this run.json's`, {
      hint: "The gate result belongs to another run; use the pair from one kiln-ct-<model> artifact"
    });
  }
  if (!gate.passed) return null;
  const against = gate.baseline.model_version ?? (gate.baseline.source === "none" ? "no baseline" : gate.baseline.source);
  const checks = gate.checks.filter((c) => !c.skipped).slice(0, 90);
  const evidence = checks.map((c) => ({
    kind: "ct",
    metric: c.metric,
    rule: c.rule,
    value: c.candidate,
    limit: c.limit,
    baseline: c.baseline,
    message: c.message,
    ...opts.runId === void 0 ? {} : { run_id: String(opts.runId) }
  }));
  if (opts.changed?.length) {
    evidence.unshift({
      kind: "data",
      message: `training data changed: ${opts.changed.join(", ")}`.slice(0, 2e3)
    });
  }
  const lead = checks.find((c) => c.baseline !== null && c.candidate !== null) ?? checks[0];
  const headline = lead ? `scheduled retrain ${lead.metric} ${formatNumber(lead.candidate)} vs ${formatNumber(lead.baseline)} in production` : "scheduled retrain passed the gate";
  const key = dedupeKey("ct", { model: run.model, run: digest2 });
  return {
    model: run.model,
    status: "firing",
    key,
    headline: oneLine(headline),
    request: request({
      model: run.model,
      reason: oneLine(
        `${run.model}: a scheduled retrain on changed data passed the gate against ${against}`,
        2e3
      ),
      source: "ct",
      evidence,
      requested_at: opts.now.toISOString(),
      data_window: null,
      dedupe_key: key,
      run_digest: digest2,
      ...gate.baseline.model_version ? { model_version: gate.baseline.model_version } : {}
    })
  };
}
var text = (max) => z5.string().max(max, `longer than ${max} characters`);
var cell = z5.union([z5.number().finite(), text(200)]).nullable();
var dispatchEvidenceItem = z5.object({
  kind: text(64).min(1).default("signal"),
  signal: text(200).optional(),
  metric: text(200).optional(),
  column: text(200).optional(),
  value: cell.optional(),
  threshold: cell.optional(),
  source: text(200).optional(),
  message: text(1e3).optional()
});
var dispatchPayloadSchema = z5.object({
  model: z5.string().regex(MODEL_NAME, `not a model name (${MODEL_NAME_RULE})`),
  reason: text(1e3).min(1, "is empty"),
  /** A list of items, or a map signal → value. */
  evidence: z5.union([
    z5.array(dispatchEvidenceItem).max(50, "more than 50 items"),
    z5.record(text(200), cell).refine((r) => Object.keys(r).length <= 50, "more than 50 entries").transform((r) => Object.entries(r).map(([signal, value]) => ({ kind: "signal", signal, value })))
  ]).default([])
});
var MAX_DISPATCH_BYTES = 64 * 1024;
function signalFromDispatch(clientPayload, opts) {
  const hint = 'Send {"model": "<name>", "reason": "…", "evidence": [{"signal", "value", "threshold", "source"}]}';
  if (JSON.stringify(clientPayload ?? null).length > MAX_DISPATCH_BYTES) {
    throw new UsageError(`repository_dispatch kiln-degradation: client_payload is larger than 64 KB`, {
      hint
    });
  }
  const p = parseUntrusted(
    dispatchPayloadSchema,
    clientPayload,
    "repository_dispatch kiln-degradation: client_payload",
    hint
  );
  const key = dedupeKey("dispatch", { model: p.model, reason: p.reason, evidence: p.evidence });
  return {
    model: p.model,
    status: "firing",
    key,
    headline: oneLine(p.reason),
    request: request({
      model: p.model,
      reason: oneLine(p.reason, 2e3),
      source: "dispatch",
      evidence: p.evidence,
      requested_at: opts.now.toISOString(),
      data_window: null,
      dedupe_key: key
    })
  };
}
function signalsFromAlertmanager(payload, opts) {
  const hint = "Send Alertmanager's webhook (version 4) with labels repository (owner/name) and model";
  const p = parseUntrusted(alertmanagerPayloadSchema, payload, "Alertmanager webhook", hint);
  const { groups, ignored } = groupAlerts(p, isModelName);
  const signals = groups.map((g) => alertSignal(g, p.groupKey, p.externalURL, opts.now));
  return { signals, ignored };
}
function alertSignal(g, groupKey, externalURL, now) {
  const firing = g.alerts.filter((a) => a.status === "firing");
  const counted = g.status === "firing" ? firing : g.alerts;
  const ids = counted.map((a) => `${a.fingerprint}@${a.startsAt}`).sort();
  const key = dedupeKey(g.status === "firing" ? "alert" : "resolved", { groupKey, model: g.model, ids });
  const evidence = counted.slice(0, 100).map((a) => ({
    kind: "alert",
    alertname: a.labels.alertname ?? "alert",
    status: a.status,
    group_key: groupKey,
    fingerprint: a.fingerprint,
    starts_at: a.startsAt,
    ...a.status === "resolved" ? { ends_at: a.endsAt } : {},
    ...a.annotations.signal === void 0 ? {} : { signal: a.annotations.signal },
    ...a.annotations.value === void 0 ? {} : { value: numberOrText(a.annotations.value) },
    ...a.annotations.threshold === void 0 ? {} : { threshold: numberOrText(a.annotations.threshold) },
    message: a.annotations.summary ?? a.annotations.description ?? a.labels.alertname ?? "alert",
    ...a.generatorURL ? { generator_url: a.generatorURL } : {}
  }));
  const lead = counted[0];
  const name = lead?.labels.alertname ?? "alert";
  const summary = lead?.annotations.summary ?? lead?.annotations.description;
  const more = counted.length > 1 ? ` (+${counted.length - 1} more)` : "";
  const headline = oneLine(`${summary ?? name}${more}`);
  return {
    repository: g.repository,
    model: g.model,
    status: g.status,
    key,
    headline,
    request: request({
      model: g.model,
      reason: oneLine(`Alertmanager: ${name} ${g.status}${summary ? `: ${summary}` : ""}${more}`, 2e3),
      source: "alertmanager",
      evidence,
      requested_at: now.toISOString(),
      data_window: null,
      dedupe_key: key,
      ...externalURL ? { alertmanager_url: externalURL.slice(0, 2048) } : {}
    })
  };
}
function numberOrText(s) {
  const n = Number(s);
  return s.trim() !== "" && Number.isFinite(n) ? n : s.slice(0, 200);
}

// app/http.ts
function sendJson(res, status2, body, opts = {}) {
  const text2 = JSON.stringify(body);
  res.writeHead(status2, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text2),
    "cache-control": "no-store",
    ...opts.headers
  });
  res.end(opts.headOnly ? void 0 : text2);
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
import * as z6 from "zod";

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
var duration = z6.union([z6.number().nonnegative(), z6.string().regex(DURATION, 'a duration such as "90s", "30m", "2h"')]).meta({
  description: 'A duration: seconds as a number, or a string with a unit (ms, s, m, h, d), e.g. "2h".'
});
var threshold = z6.union([z6.number().nonnegative(), z6.string().regex(PERCENT, 'a percentage such as "5%"')]).meta({
  description: `A number is absolute (in the metric's units); a string "N%" is relative to the baseline.`
});
var pathList = z6.array(z6.string().min(1));
var DRIFT_METHODS = ["ks", "chisquare", "z", "wasserstein", "jensenshannon", "psi"];
var driftMethod = z6.enum(["auto", ...DRIFT_METHODS]);
var FAIL_ON = ["anomalies", "dataset-drift", "column-drift"];
var trainObject = z6.strictObject({
  command: z6.string().min(1).meta({ description: "The training command, run in the repository root." }),
  gpus: z6.number().int().nonnegative().default(0).meta({ description: "GPUs the trainer needs; > 0 runs the GPU preflight and telemetry." }),
  timeout: duration.default("6h").meta({ description: "Wall-clock limit; the trainer gets SIGTERM, a grace period, then SIGKILL." }),
  params: z6.string().min(1).optional().meta({ description: "Params file (YAML or JSON) recorded in run.json." }),
  checkpoints: z6.string().min(1).optional().meta({ description: "Directory restored from the previous attempt before a re-run." })
});
var trainSchema = z6.union([z6.string().min(1), trainObject]).meta({
  description: "How to train: a command string, or an object with command, gpus, timeout, params, checkpoints."
});
var dataFormatSchema = z6.strictObject({
  delimiter: z6.string().regex(/^(?:[^"\r\n]|tab|space|whitespace)$/u, "a single character, or tab, space or whitespace").optional().meta({
    description: "A single character, or tab, space, whitespace (runs of blanks). Default: by extension."
  }),
  header: z6.boolean().optional().meta({ description: "Whether the first line names the columns." }),
  columns: z6.array(z6.string().min(1)).min(1).optional().meta({ description: "Column names, in order, for a file without a header line." })
}).meta({ description: "How the data file is read: delimiter, header line, column names." });
var EVALUATE_TIMEOUT = "6h";
var evaluateObject = z6.strictObject({
  command: z6.string().min(1).optional().meta({
    description: "The evaluate command, run in the repository root: reads KILN_MODEL_DIR and KILN_EVAL_DATA, writes KILN_METRICS_FILE and KILN_EXAMPLES_FILE."
  }),
  data: z6.string().min(1).optional().meta({
    description: "The evaluation data: a file, a folder or a glob, relative to the repository root."
  }),
  format: dataFormatSchema.optional(),
  timeout: duration.default(EVALUATE_TIMEOUT).meta({ description: "Wall-clock limit; the command gets SIGTERM, a grace period, then SIGKILL." }),
  gpus: z6.number().int().nonnegative().default(0).meta({
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
var evaluateSchema = z6.union([z6.string().min(1), evaluateObject]).meta({
  description: "How to score one model on one dataset: a command string (the data then comes from --data), or an object with command, data, format, timeout, gpus."
});
var driftColumn = z6.strictObject({
  method: driftMethod.optional(),
  threshold: z6.number().positive().optional()
});
var dataSchema = z6.strictObject({
  train: z6.string().min(1).meta({ description: "Training data: CSV/TSV, JSON Lines or Parquet (gzip by extension)." }),
  reference: z6.string().min(1).optional().meta({ description: "Reference data for drift; default: the training data." }),
  schema: z6.string().min(1).optional().meta({ description: "Schema YAML written by `kiln schema infer` and edited by you." }),
  "fail-on": z6.array(z6.enum(FAIL_ON)).default(["anomalies", "dataset-drift"]).meta({ description: "What fails validation; [] only reports." }),
  drift: z6.strictObject({
    method: driftMethod.default("auto").meta({ description: "auto picks Evidently's rule by reference size and column type." }),
    threshold: z6.union([z6.literal("auto"), z6.number().positive()]).default("auto").meta({ description: "auto = 0.05 for p-value tests, 0.1 for distances." }),
    share: z6.number().gt(0).lte(1).default(0.5).meta({ description: "Dataset drift when at least this share of columns drift." }),
    columns: z6.record(z6.string().min(1), driftColumn).default({}).meta({ description: "Per-column method and threshold." })
  }).prefault({})
});
var metricRule = z6.strictObject({
  direction: z6.enum(["higher", "lower"]).optional().meta({
    description: "Which way is better. Default: lower for names containing loss, error, rmse, mae, mse or perplexity, else higher."
  }),
  min: z6.number().optional().meta({ description: "The metric must be at least this." }),
  max: z6.number().optional().meta({ description: "The metric must be at most this." }),
  "max-regression": threshold.optional().meta({ description: "Allowed worsening against the baseline, in the bad direction." }),
  "min-improvement": threshold.optional().meta({ description: "Required betterment against the baseline, in the good direction." }),
  required: z6.boolean().default(true).meta({ description: "A missing metric fails the gate (set false to skip it)." })
}).refine((r) => r.min === void 0 || r.max === void 0 || r.min <= r.max, {
  message: "min is greater than max",
  path: ["min"]
});
var sliceRule = z6.strictObject({
  by: z6.string().min(1).meta({ description: "The slicing feature, as the trainer names slices: `<by>=<value>`." }),
  "max-gap": z6.record(z6.string().min(1), z6.number().nonnegative()).optional().meta({
    description: "Largest allowed gap between the best and worst slice, per metric."
  }),
  metrics: z6.record(z6.string().min(1), z6.strictObject({ min: z6.number().optional(), max: z6.number().optional() })).optional().meta({
    description: "Bounds every slice must meet, per metric."
  })
});
var gateSchema = z6.strictObject({
  metrics: z6.record(z6.string().min(1), metricRule).default({}),
  slices: z6.array(sliceRule).default([]),
  significance: z6.strictObject({
    method: z6.enum(["bootstrap", "mcnemar"]).default("bootstrap"),
    level: z6.number().gt(0).lt(1).default(0.95),
    resamples: z6.number().int().min(100).max(1e6).default(2e3),
    seed: z6.number().int().default(7),
    regressions: z6.enum(["any", "significant"]).default("any").meta({
      description: "any: a max-regression breach fails the gate; significant: only when the change is also significant."
    })
  }).optional().meta({ description: "Significance of changes, from per-example results (`examples`)." }),
  "require-baseline": z6.boolean().default(false).meta({ description: "Fail when there is no baseline instead of skipping change rules." })
});
var health = z6.strictObject({
  url: z6.url().meta({ description: "Health endpoint checked after each rollout step." }),
  "expect-status": z6.number().int().min(100).max(599).default(200),
  "expect-body": z6.string().optional().meta({ description: "A substring the body must contain." }),
  timeout: duration.default("60s"),
  retries: z6.number().int().nonnegative().default(3)
});
var environment = z6.strictObject({
  health: health.optional(),
  canary: z6.array(z6.number().gt(0).lte(100)).min(1).optional().refine(
    (steps) => !steps || steps.every((s, i) => i === 0 || s > (steps[i - 1] ?? 0)),
    "canary steps must increase"
  ).refine((steps) => !steps || steps[steps.length - 1] === 100, "the last canary step must be 100").meta({ description: "Traffic percentages, rolled out in order; health is checked after each." })
});
var deploySchema = z6.strictObject({
  command: z6.string().min(1).optional().meta({
    description: "Gets MODEL_NAME, MODEL_VERSION, MODEL_URI, MODEL_PATH, ENVIRONMENT, TRAFFIC_PERCENT."
  }),
  target: z6.enum(["command", "kserve"]).default("command"),
  environments: z6.record(z6.string().regex(/^[A-Za-z0-9._-]{1,255}$/), environment).default({})
});
var monitorSchema = z6.strictObject({
  data: z6.string().min(1).optional().meta({ description: "Recent production inputs: a file, a glob or a profile.json." }),
  metrics: z6.string().min(1).optional().meta({ description: "Live quality metrics: a JSON file or an https URL." }),
  degrade: z6.object({ "drift-share": z6.number().gt(0).lte(1).optional() }).catchall(metricRule).default({}).meta({
    description: "When production counts as degraded: metric rules against the production run, and drift-share."
  })
});
var modelSchema = z6.strictObject({
  paths: pathList.default([]).meta({ description: "Globs; only changes here retrain this model in CI. Empty = always." }),
  train: trainSchema.optional(),
  evaluate: evaluateSchema.optional(),
  metrics: z6.string().min(1).default("metrics.json").meta({ description: "JSON or YAML metrics written by the trainer." }),
  examples: z6.string().min(1).optional().meta({ description: "Per-example results (id,label,prediction) for significance tests." }),
  artifacts: pathList.default([]).meta({ description: "Model files uploaded with the run." }),
  data: dataSchema.optional(),
  gate: gateSchema.prefault({}),
  deploy: deploySchema.optional(),
  monitor: monitorSchema.optional()
});
var configSchema = z6.strictObject({
  models: z6.record(z6.string().regex(MODEL_NAME, `model names use ${MODEL_NAME_RULE}`), modelSchema).refine((m) => Object.keys(m).length > 0, "declare at least one model").meta({ description: "One entry per model; the name appears in artifacts, branches and tags." }),
  retrain: z6.strictObject({
    cooldown: duration.default("24h").meta({ description: "No new retraining PR this soon after one was merged or closed." }),
    "max-per-day": z6.number().int().nonnegative().default(2),
    labels: z6.array(z6.string().min(1)).default(["retrain"]),
    reviewers: z6.array(z6.string().min(1)).default([])
  }).prefault({}),
  app: z6.strictObject({
    workflows: z6.array(z6.string().min(1)).default([]).meta({
      description: "Workflow file names the app reads; empty = every run that uploaded kiln-* artifacts."
    })
  }).prefault({})
}).meta({ title: "kiln configuration (.github/kiln.yml)" });

// core/config/load.ts
function checkConfig(text2) {
  const lines = new LineCounter();
  const doc = parseDocument(text2, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
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

// core/local/clock.ts
var systemClock = {
  now: () => /* @__PURE__ */ new Date(),
  sleep: (ms) => new Promise((resolve3) => setTimeout(resolve3, Math.max(0, ms)))
};

// core/retrain/pr.ts
var MAX_TITLE = 256;
var MAX_ROWS = 30;
function retrainTitle(signal) {
  const headline = signal.headline.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]+/g, " ");
  const title = `Retrain ${signal.model}: ${headline.replace(/\s+/g, " ").trim()}`;
  return title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title;
}
function retrainBody(signal, opts) {
  const { request: request2 } = signal;
  const model = request2.model;
  const production = opts.production ?? productionFromRequest(request2);
  const version = production ? `**${escapeMarkdown(production.tag)}**` : "(no production version recorded)";
  const deployed = production?.since || production?.run ? ` (${[
    production.since ? `deployed ${production.since.slice(0, 10)}` : "",
    production.run ? `from run ${escapeMarkdown(production.run, 80)}` : ""
  ].filter(Boolean).join(" ")})` : "";
  const against = production ? ` against ${escapeMarkdown(production.tag.replace(/^.*@/, ""))}` : "";
  return [
    retrainMarker(model),
    `kiln opened this because ${BECAUSE[request2.source]} the production model`,
    `${version}${deployed}.`,
    "",
    `> ${escapeMarkdown(request2.reason, 500)}`,
    "",
    evidenceTable(request2),
    "",
    `The request is recorded in \`${retrainRequestPath(model)}\`; this PR's CI retrains on the current data`,
    `window and the kiln comment below will show the result${against}. Merge to deploy through the`,
    "usual gate. Further signals update this PR instead of opening another.",
    "",
    signalsMarker(opts.keys),
    ""
  ].join("\n");
}
var BECAUSE = {
  monitor: "monitoring reported degradation of",
  alertmanager: "an Alertmanager alert reported degradation of",
  dispatch: "a `kiln-degradation` repository dispatch reported degradation of",
  ct: "a scheduled retrain on changed data passed the gate against",
  manual: "a retrain was requested for"
};
function signalComment(signal, commit) {
  const when = signal.request.requested_at.replace("T", " ").slice(0, 16);
  return [
    commentMarker(signal.key),
    `**New signal** (${SOURCE[signal.request.source]}, ${when} UTC): ${escapeMarkdown(signal.request.reason, 500)}`,
    "",
    evidenceTable(signal.request),
    "",
    `\`${retrainRequestPath(signal.model)}\` updated in ${commit.slice(0, 7)}; the title and description follow the latest signal.`,
    ""
  ].join("\n");
}
function resolvedComment(signal) {
  const names = [...new Set(signal.request.evidence.map((e) => String(e.alertname ?? e.kind)))];
  const ended = signal.request.evidence.map((e) => typeof e.ends_at === "string" ? e.ends_at : "").filter((t) => t && !t.startsWith("0001")).sort().at(-1);
  return [
    commentMarker(signal.key),
    `✅ **Recovered**: Alertmanager reports ${names.map((n) => escapeMarkdown(n, 100)).join(", ")} resolved${ended ? ` (${ended.replace("T", " ").slice(0, 16)} UTC)` : ""}.`,
    "The PR stays open: retraining may still be worth it; close it if not.",
    ""
  ].join("\n");
}
var SOURCE = {
  monitor: "kiln-monitor",
  alertmanager: "Alertmanager",
  dispatch: "repository_dispatch kiln-degradation",
  ct: "kiln ct",
  manual: "manual"
};
function evidenceTable(request2) {
  const rows = evidenceRows(request2);
  const lines = ["| signal | value | threshold | source |", "|---|---|---|---|"];
  for (const r of rows.slice(0, MAX_ROWS)) {
    lines.push(
      `| ${escapeMarkdown(r.signal, 120)} | ${escapeMarkdown(r.value, 80)} | ${escapeMarkdown(r.threshold, 80)} | ${escapeMarkdown(r.source, 120)} |`
    );
  }
  if (rows.length === 0) lines.push("| (no evidence given) | – | – | – |");
  if (rows.length > MAX_ROWS) lines.push(`| … ${rows.length - MAX_ROWS} more in the request file | | | |`);
  return lines.join("\n");
}
function evidenceRows(request2) {
  return request2.evidence.map((e) => {
    const item = e;
    return {
      signal: signalName(item),
      value: valueText(item),
      threshold: thresholdText(item),
      source: sourceText(item, request2.source)
    };
  });
}
function str(v) {
  return typeof v === "string" && v !== "" ? v : void 0;
}
function num(v) {
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "string") return v;
  return "–";
}
function signalName(e) {
  const given = str(e.signal);
  if (given) return given;
  const metric = str(e.metric);
  const column = str(e.column);
  switch (e.kind) {
    case "metric":
      return `${metric ?? "metric"} (live)`;
    case "drift":
      return column ?? "drifted columns (share)";
    case "skew":
      return `${column ?? "columns"} (training–serving skew)`;
    case "ct":
      return `${metric ?? "metric"} (retrained candidate)`;
    case "alert":
      return str(e.message) ?? str(e.alertname) ?? "alert";
    case "data":
      return str(e.message) ?? "training data";
    default:
      return metric ?? column ?? str(e.message) ?? String(e.kind);
  }
}
function valueText(e) {
  if (e.kind === "drift" && str(e.column) === void 0 && typeof e.value === "number") return pct(e.value);
  const method = str(e.method);
  return method && (e.kind === "drift" || e.kind === "skew") ? `${method} ${num(e.value)}` : num(e.value);
}
var P_VALUE_METHODS = /* @__PURE__ */ new Set(["ks", "chisquare", "z"]);
function thresholdText(e) {
  const limit = e.threshold ?? e.limit;
  if (limit === void 0 || limit === null) return "–";
  const l = num(limit);
  if (e.kind === "drift" && str(e.column) === void 0 && typeof limit === "number")
    return `< ${pct(limit)}`;
  if (e.kind === "drift" || e.kind === "skew")
    return P_VALUE_METHODS.has(String(e.method)) ? `p ≥ ${l}` : `< ${l}`;
  switch (e.rule) {
    case "min":
      return `≥ ${l}`;
    case "max":
      return `≤ ${l}`;
    case "max-regression":
      return `worsening ≤ ${l}`;
    case "min-improvement":
      return `improvement ≥ ${l}`;
    default:
      return l;
  }
}
function sourceText(e, source) {
  const given = str(e.source);
  if (given) return given;
  const run = str(e.run_id);
  switch (source) {
    case "alertmanager": {
      const since = str(e.starts_at);
      const at = since && /T\d\d:\d\d/.test(since) ? ` (${e.status ?? "firing"} since ${since.slice(11, 16)} UTC)` : "";
      return `Alertmanager: ${str(e.alertname) ?? "alert"}${at}`;
    }
    case "monitor":
      return run ? `kiln-monitor run ${run}` : "kiln-monitor";
    case "ct":
      return run ? `kiln ct run ${run}` : "kiln ct (gate vs production)";
    default:
      return SOURCE[source];
  }
}
function pct(x) {
  return `${Math.round(x * 1e3) / 10}%`;
}
function productionFromRequest(request2) {
  const tag = request2.model_version;
  return typeof tag === "string" && tag !== "" ? { tag } : null;
}

// core/retrain/open-or-update.ts
var DEFAULT_RETRAIN = configSchema.shape.retrain.parse({});
var DAY_MS = 24 * 3600 * 1e3;
async function openOrUpdateRetrainPr(ports, input) {
  return decide(ports, input, true);
}
async function decide(ports, input, retry) {
  const { signal } = input;
  const settings = input.retrain ?? DEFAULT_RETRAIN;
  const branch = retrainBranch(signal.model);
  const now = ports.clock.now();
  const all = await ports.pullRequests.findByBranch(branch, "all");
  const open2 = all.find((p) => p.state === "open");
  const result = (outcome, pr2, message, commit = null) => ({
    outcome,
    model: signal.model,
    branch,
    pr: pr2?.number ?? null,
    url: pr2?.url ?? null,
    title: pr2?.title ?? null,
    commit,
    message: `${signal.model}: ${message}`
  });
  if (open2) {
    if (signal.status === "resolved") {
      const noted = (await ports.pullRequests.comments(open2.number)).some(
        (c) => c.body.includes(commentMarker(signal.key))
      );
      if (noted) return result("unchanged", open2, `recovery already noted on #${open2.number}`);
      await commentOnce(ports.pullRequests, open2.number, signal.key, resolvedComment(signal));
      return result("noted-resolved", open2, `alert resolved: noted on #${open2.number}, nothing else changed`);
    }
    const keys = signalKeys(open2.body);
    if (keys.includes(signal.key)) return result("unchanged", open2, `signal already on #${open2.number}`);
    const { sha: sha2 } = await commitRequest(ports.repo, signal, branch);
    const production2 = await productionInfo(ports.registry, signal.model);
    const updated = await ports.pullRequests.update(open2.number, {
      title: retrainTitle(signal),
      body: retrainBody(signal, { production: production2, keys: [...keys, signal.key] })
    });
    await commentOnce(ports.pullRequests, open2.number, signal.key, signalComment(signal, sha2));
    return result(
      "updated",
      updated,
      `new signal on #${open2.number}: request committed, evidence commented`,
      sha2
    );
  }
  if (signal.status === "resolved")
    return result("unchanged", null, "alert resolved and no retraining PR is open");
  const closedSame = all.find((p) => p.state === "closed" && signalKeys(p.body).includes(signal.key));
  if (closedSame) {
    return result(
      "unchanged",
      closedSame,
      `#${closedSame.number} was closed unmerged for this signal; not reopened until it changes`
    );
  }
  const cooldownMs = parseDuration(settings.cooldown, "retrain.cooldown") * 1e3;
  const recent = all.filter((p) => p.state !== "open" && p.closed_at !== null).sort((a, b) => Date.parse(b.closed_at ?? "") - Date.parse(a.closed_at ?? ""))[0];
  if (recent?.closed_at && now.getTime() - Date.parse(recent.closed_at) < cooldownMs) {
    const until = new Date(Date.parse(recent.closed_at) + cooldownMs).toISOString();
    return result(
      "skipped-cooldown",
      recent,
      `#${recent.number} was ${recent.state} at ${recent.closed_at}; cooling down until ${until}`
    );
  }
  const limit = settings["max-per-day"];
  if (limit > 0) {
    const models = [.../* @__PURE__ */ new Set([signal.model, ...input.models ?? []])];
    let count = 0;
    for (const m of models) {
      const prs = m === signal.model ? all : await ports.pullRequests.findByBranch(retrainBranch(m), "all");
      count += prs.filter((p) => now.getTime() - Date.parse(p.created_at) < DAY_MS).length;
    }
    if (count >= limit) {
      return result(
        "skipped-limit",
        null,
        `${count} retraining PRs opened in the last 24 h (retrain.max-per-day ${limit})`
      );
    }
  }
  const base = await ports.repo.defaultBranch();
  const { sha } = await commitRequest(ports.repo, signal, branch, base);
  const production = await productionInfo(ports.registry, signal.model);
  let pr;
  try {
    pr = await ports.pullRequests.open({
      branch,
      base,
      title: retrainTitle(signal),
      body: retrainBody(signal, { production, keys: [signal.key] }),
      labels: [...settings.labels],
      reviewers: [...settings.reviewers]
    });
  } catch (err) {
    if (!retry || (await ports.pullRequests.findByBranch(branch, "open")).length === 0) throw err;
    return decide(ports, input, false);
  }
  return result("opened", pr, `opened #${pr.number} "${pr.title}" from ${branch}`, sha);
}
async function commitRequest(repo, signal, branch, base) {
  const content = `${JSON.stringify(signal.request, null, 2)}
`;
  const message = `kiln: retrain ${signal.model} (${signal.request.source})`;
  return repo.commit(
    branch,
    [{ path: retrainRequestPath(signal.model), content }],
    message,
    base ? { base } : {}
  );
}
async function commentOnce(prs, number11, key, body) {
  await prs.comment(number11, body);
  const same = (await prs.comments(number11)).filter((c) => c.body.includes(commentMarker(key))).sort((a, b) => a.created_at.localeCompare(b.created_at) || Number(a.id) - Number(b.id));
  for (const extra of same.slice(1)) await prs.deleteComment(number11, extra.id);
}
async function productionInfo(registry, model) {
  if (!registry) return null;
  try {
    const version = await registry.alias(model, "production");
    if (!version) return null;
    const assigned = (await registry.history(model, "production")).filter((a) => a.version === version.version).at(-1);
    return { tag: version.tag, ...assigned ? { since: assigned.assigned_at } : {} };
  } catch {
    return null;
  }
}

// github/pull-requests.ts
var GitHubPullRequests = class {
  constructor(opts) {
    this.opts = opts;
  }
  opts;
  get repo() {
    return { owner: this.opts.owner, repo: this.opts.repo };
  }
  async findByBranch(branch, state) {
    const { octokit } = this.opts;
    const pulls = await octokit.paginate(octokit.rest.pulls.list, {
      ...this.repo,
      head: `${this.opts.owner}:${branch}`,
      state,
      per_page: 100
    });
    const full = `${this.opts.owner}/${this.opts.repo}`.toLowerCase();
    return pulls.filter(
      (p) => p.head.ref === branch && (!p.head.repo?.full_name || p.head.repo.full_name.toLowerCase() === full)
    ).map(toPull).sort((a, b) => b.number - a.number);
  }
  async open(request2) {
    const { octokit } = this.opts;
    const { data } = await octokit.rest.pulls.create({
      ...this.repo,
      head: request2.branch,
      base: request2.base,
      title: request2.title,
      body: request2.body
    });
    const pull = toPull(data);
    const labels2 = [...new Set(request2.labels ?? [])];
    if (labels2.length > 0) {
      try {
        const res = await octokit.rest.issues.addLabels({ ...this.repo, issue_number: pull.number, labels: labels2 });
        pull.labels = res.data.map((l) => l.name);
      } catch (err) {
        this.notOpenBreaking(err, `#${pull.number}: could not add labels ${labels2.join(", ")}`);
      }
    }
    const people = (request2.reviewers ?? []).filter((r) => !r.includes("/"));
    const teams = (request2.reviewers ?? []).filter((r) => r.includes("/")).map((r) => r.split("/").pop() ?? r);
    if (people.length > 0 || teams.length > 0) {
      try {
        await octokit.rest.pulls.requestReviewers({
          ...this.repo,
          pull_number: pull.number,
          reviewers: people,
          team_reviewers: teams
        });
      } catch (err) {
        this.notOpenBreaking(
          err,
          `#${pull.number}: could not request reviewers ${[...people, ...teams].join(", ")}`
        );
      }
    }
    return pull;
  }
  /** A 4xx after the PR exists is reported, not thrown: failing `open` would only make core retry it. */
  notOpenBreaking(err, what) {
    const status2 = err.status;
    if (status2 !== 422 && status2 !== 404 && status2 !== 403) throw err;
    this.opts.warn?.(`${what} (${status2}: ${err.message})`);
  }
  async update(number11, change) {
    const { data } = await this.opts.octokit.rest.pulls.update({
      ...this.repo,
      pull_number: number11,
      ...change.title === void 0 ? {} : { title: change.title },
      ...change.body === void 0 ? {} : { body: change.body }
    });
    return toPull(data);
  }
  async comments(number11) {
    const { octokit } = this.opts;
    const all = await octokit.paginate(octokit.rest.issues.listComments, {
      ...this.repo,
      issue_number: number11,
      per_page: 100
    });
    return all.filter((c) => c.user?.type === "Bot").map(toComment);
  }
  async comment(number11, body) {
    const { data } = await this.opts.octokit.rest.issues.createComment({
      ...this.repo,
      issue_number: number11,
      body
    });
    return toComment(data);
  }
  async editComment(_number, id, body) {
    const { data } = await this.opts.octokit.rest.issues.updateComment({
      ...this.repo,
      comment_id: commentId(id),
      body
    });
    return toComment(data);
  }
  async deleteComment(_number, id) {
    try {
      await this.opts.octokit.rest.issues.deleteComment({ ...this.repo, comment_id: commentId(id) });
    } catch (err) {
      if (err.status !== 404) throw err;
    }
  }
};
function commentId(id) {
  const n = Number(id);
  if (!/^\d+$/.test(id) || !Number.isSafeInteger(n)) throw new TypeError(`not a GitHub comment id: ${id}`);
  return n;
}
function toPull(p) {
  return {
    number: p.number,
    url: p.html_url,
    state: p.state === "open" ? "open" : p.merged_at ? "merged" : "closed",
    branch: p.head.ref,
    base: p.base.ref,
    title: p.title,
    body: p.body ?? "",
    labels: (p.labels ?? []).map((l) => typeof l === "string" ? l : l.name ?? "").filter(Boolean),
    created_at: p.created_at,
    closed_at: p.closed_at ?? null
  };
}
function toComment(c) {
  return { id: String(c.id), body: c.body ?? "", created_at: c.created_at };
}

// core/data/profile-file.ts
import * as z8 from "zod";

// core/data/report.ts
import * as z7 from "zod";

// core/data/quantiles.ts
var QUANTILES = ["0.01", "0.05", "0.25", "0.5", "0.75", "0.95", "0.99"];

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
var columnDriftSchema = z7.looseObject({
  method: z7.enum(DRIFT_METHODS),
  statistic: z7.number(),
  p_value: z7.number().nullable(),
  threshold: z7.number(),
  drifted: z7.boolean()
});
var columnStatsSchema = z7.looseObject({
  min: z7.number().nullable(),
  max: z7.number().nullable(),
  mean: z7.number().nullable(),
  std: z7.number().nullable(),
  quantiles: z7.record(z7.enum(QUANTILES), z7.number())
});
var reportColumnSchema = z7.looseObject({
  name: z7.string(),
  type: z7.enum(COLUMN_TYPES),
  count: z7.number().int().nonnegative(),
  missing: z7.number().int().nonnegative(),
  missing_fraction: z7.number().min(0).max(1),
  distinct: z7.number().nonnegative(),
  stats: columnStatsSchema.nullable().optional(),
  top: z7.array(z7.looseObject({ value: z7.union([z7.string(), z7.number(), z7.boolean()]), count: z7.number().int() })).optional(),
  drift: columnDriftSchema.nullable()
});
var anomalySchema = z7.looseObject({
  kind: z7.enum(ANOMALY_KINDS),
  column: z7.string().nullable(),
  message: z7.string(),
  count: z7.number().int().nonnegative(),
  examples: z7.array(z7.looseObject({ row: z7.number().int().positive(), value: z7.unknown() }))
});
var datasetDriftSchema = z7.looseObject({
  drifted_columns: z7.number().int().nonnegative(),
  share: z7.number().min(0).max(1),
  threshold: z7.number(),
  dataset_drifted: z7.boolean()
});
var validationReportSchema = kilnFile("validation", {
  passed: z7.boolean(),
  fail_on: z7.array(z7.enum(FAIL_ON)),
  rows: z7.looseObject({
    reference: z7.number().int().nonnegative().nullable(),
    current: z7.number().int().nonnegative()
  }),
  columns: z7.array(reportColumnSchema),
  anomalies: z7.array(anomalySchema),
  drift: datasetDriftSchema.nullable()
});

// core/data/profile-file.ts
var sketchSchema = z8.looseObject({ kind: z8.string().min(1) });
var profileColumnSchema = z8.looseObject({
  name: z8.string(),
  type: z8.enum(COLUMN_TYPES),
  count: z8.number().int().nonnegative(),
  missing: z8.number().int().nonnegative(),
  /** Welford moments, exact and mergeable. */
  moments: z8.looseObject({ n: z8.number(), mean: z8.number(), m2: z8.number(), min: z8.number(), max: z8.number() }).nullable().optional(),
  quantiles: sketchSchema.nullable().optional(),
  distinct: sketchSchema.nullable().optional(),
  top: sketchSchema.nullable().optional(),
  histogram: sketchSchema.nullable().optional()
});
var profileSchema = kilnFile("profile", {
  rows: z8.number().int().nonnegative(),
  source: z8.looseObject({ path: z8.string().optional(), sha256: z8.string().optional(), shard: z8.string().optional() }).optional(),
  columns: z8.array(profileColumnSchema)
});

// core/gate/gate-result.ts
import * as z9 from "zod";
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
var gateCheckSchema = z9.looseObject({
  metric: z9.string(),
  rule: z9.enum(GATE_RULES),
  candidate: z9.number().nullable(),
  baseline: z9.number().nullable(),
  delta: z9.number().nullable(),
  limit: z9.union([z9.number(), z9.string()]).nullable(),
  passed: z9.boolean(),
  /** Set on a check that could not run (no baseline, slice not reported); skipped checks pass. */
  skipped: z9.boolean().optional(),
  message: z9.string(),
  /** Which way the metric improves; slice gaps always improve downwards. */
  direction: z9.enum(["higher", "lower"]).optional(),
  /** Slice checks: the slicing feature and the worst slice (`<by>=<value>`). */
  by: z9.string().optional(),
  worst: z9.string().optional(),
  /** Significance: the test, its confidence interval of the change, p-value, verdict. */
  method: z9.enum(["bootstrap", "mcnemar"]).optional(),
  ci: z9.tuple([z9.number(), z9.number()]).optional(),
  p_value: z9.number().optional(),
  significant: z9.boolean().optional(),
  examples: z9.number().int().nonnegative().optional()
});
var baselineSchema = z9.looseObject({
  /** `file` is a baseline named explicitly (`--baseline`, the action's `baseline` input). */
  source: z9.enum(["registry", "branch", "file", "none"]),
  model_version: z9.string().optional(),
  run_id: z9.union([z9.string(), z9.number()]).optional(),
  sha: z9.string().optional(),
  alias: z9.string().optional(),
  branch: z9.string().optional(),
  path: z9.string().optional(),
  run_digest: sha256Hex.optional(),
  /** Why the sources before the one used gave nothing (for `none`: why there is no baseline). */
  notes: z9.array(z9.string()).optional()
});
var gateNoteSchema = z9.looseObject({
  /** One of GATE_NOTE_KINDS; unknown kinds from newer writers are kept. */
  kind: z9.string().min(1),
  metric: z9.string().optional(),
  message: z9.string()
});
var metricsSchema = z9.record(z9.string(), z9.number());
var evaluationSchema = z9.looseObject({
  data: z9.looseObject({
    path: z9.string(),
    sha256: sha256Hex,
    rows: z9.number().int().nonnegative().optional()
  }),
  candidate: z9.looseObject({ metrics: metricsSchema, examples_sha256: sha256Hex.optional() }),
  baseline: z9.looseObject({
    /** evaluated: scored here on the same data; recorded: its files were out of reach, its run's metrics. */
    source: z9.enum(["evaluated", "recorded"]),
    metrics: metricsSchema,
    examples_sha256: sha256Hex.optional(),
    model_version: z9.string().optional()
  }).optional()
});
var gateResultSchema = kilnFile("gate", {
  model: modelName,
  run_digest: sha256Hex,
  policy_digest: sha256Hex,
  policy_source: z9.string().min(1),
  passed: z9.boolean(),
  checks: z9.array(gateCheckSchema),
  baseline: baselineSchema,
  /** True when the policy did not come from a committed default-branch file: the verdict informs, it does not admit. */
  advisory: z9.boolean().optional(),
  /** What a reader should know that is not a failure: not like for like, a rule inside the noise. */
  notes: z9.array(gateNoteSchema).optional(),
  /** With `evaluate:`: both models scored on the same data; what each scored, and on what. */
  evaluation: evaluationSchema.optional()
});

// core/monitor/monitor-result.ts
import * as z10 from "zod";
var degradationReasonSchema = z10.looseObject({
  kind: z10.enum(["drift", "metric", "skew"]),
  value: z10.number().nullable(),
  limit: z10.union([z10.number(), z10.string()]).nullable(),
  column: z10.string().optional(),
  metric: z10.string().optional(),
  message: z10.string().optional()
});
var monitorResultSchema = kilnFile("monitor", {
  model: modelName,
  version: z10.string().nullable(),
  window: z10.looseObject({ from: isoTime.nullable(), to: isoTime.nullable() }),
  degraded: z10.boolean(),
  reasons: z10.array(degradationReasonSchema),
  drift: datasetDriftSchema.nullable(),
  metrics: z10.record(z10.string(), finite)
});

// core/file-format.ts
function formatKilnFile(value) {
  return `${JSON.stringify(value, null, 2)}
`;
}

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
function parseKilnFile(kind, text2, file) {
  if (Buffer.byteLength(text2) > MAX_FILE_BYTES) {
    throw new UsageError(`${file} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`, {
      hint: `A kiln.${kind}/v1 file is small; check that the right file was given`
    });
  }
  if (text2.trim() === "")
    throw new UsageError(`${file} is empty`, { hint: `Expected a kiln.${kind}/v1 JSON file` });
  let data;
  try {
    data = JSON.parse(text2);
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

// core/registry/tag-body.ts
import * as z11 from "zod";

// core/registry/tags.ts
var ALIAS_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
function versionTag(model, version) {
  assertModelName(model);
  if (!Number.isInteger(version) || version < 1)
    throw new UsageError(`version ${version} must be a positive integer`);
  return `${model}@v${version}`;
}
function aliasTag(model, alias, counter2) {
  assertModelName(model);
  assertAlias(alias);
  return `${model}#${alias}#${counter2}`;
}
function assertAlias(alias) {
  if (!ALIAS_NAME.test(alias)) {
    throw new UsageError(`alias ${JSON.stringify(alias)} is not valid`, {
      hint: "Use lowercase letters, digits, '_' or '-', e.g. production or staging"
    });
  }
  return alias;
}
function parseTag(tag) {
  const version = /^(.+)@v([1-9]\d*)$/.exec(tag);
  if (version?.[1] && version[2] && isModelName(version[1])) {
    return { kind: "version", model: version[1], version: Number(version[2]) };
  }
  const alias = /^(.+)#([^#]+)#(\d+)$/.exec(tag);
  if (alias?.[1] && alias[2] && alias[3] && isModelName(alias[1]) && ALIAS_NAME.test(alias[2])) {
    return { kind: "alias", model: alias[1], alias: alias[2], counter: Number(alias[3]) };
  }
  return null;
}
function modelUri(model, version) {
  return `models:/${model}/${version}`;
}

// core/registry/tag-body.ts
var TAG_BODY_SCHEMA = "kiln.tag/v1";
var versionBody = z11.looseObject({
  schema: z11.literal(TAG_BODY_SCHEMA),
  tag: z11.string(),
  model: modelName,
  version: z11.number().int().positive(),
  uri: z11.string(),
  created_at: isoTime,
  run_digest: sha256Hex
});
var aliasBody = z11.looseObject({
  schema: z11.literal(TAG_BODY_SCHEMA),
  tag: z11.string(),
  model: modelName,
  alias: z11.string().regex(ALIAS_NAME),
  version: z11.number().int().positive(),
  counter: z11.number().int().nonnegative(),
  assigned_at: isoTime,
  note: z11.string().optional()
});
function formatVersionTagBody(v) {
  const body = { schema: TAG_BODY_SCHEMA, ...pickVersion(v) };
  return `${JSON.stringify(body, null, 2)}
`;
}
function formatAliasTagBody(a) {
  const body = { schema: TAG_BODY_SCHEMA, ...pickAlias(a) };
  return `${JSON.stringify(body, null, 2)}
`;
}
function parseVersionTagBody(tag, text2, where) {
  const v = pickVersion(parseBody(text2, where, versionBody));
  const holds = versionTag(v.model, v.version);
  if (holds !== tag || v.tag !== tag || v.uri !== modelUri(v.model, v.version)) {
    throw corrupt(where, `is tag ${tag} but holds ${holds}`);
  }
  return v;
}
function parseAliasTagBody(tag, text2, where) {
  const a = pickAlias(parseBody(text2, where, aliasBody));
  const holds = aliasTag(a.model, a.alias, a.counter);
  if (holds !== tag || a.tag !== tag) throw corrupt(where, `is tag ${tag} but holds ${holds}`);
  return a;
}
function pickVersion(v) {
  const { model, version, tag, uri, created_at, run_digest } = v;
  return { model, version, tag, uri, created_at, run_digest };
}
function pickAlias(a) {
  const { model, alias, version, counter: counter2, tag, assigned_at, note } = a;
  return note === void 0 ? { model, alias, version, counter: counter2, tag, assigned_at } : { model, alias, version, counter: counter2, tag, assigned_at, note };
}
function parseBody(text2, where, schema) {
  let data;
  try {
    data = JSON.parse(text2);
  } catch (err) {
    throw corrupt(where, `is not valid JSON: ${err.message}`);
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue?.path.length ? issue.path.map(String).join(".") : "(top level)";
  throw corrupt(where, `${key}: ${issue?.message ?? "invalid"}`);
}
function corrupt(where, what) {
  return new UsageError(`registry tag ${where} ${what}`, {
    hint: "kiln wrote this tag; restore it from a backup (or remove it if its registration never completed)"
  });
}
async function claimAliasTag(opts) {
  for (let counter2 = opts.from; ; counter2++) {
    const a = {
      model: opts.model,
      alias: opts.alias,
      version: opts.version,
      counter: counter2,
      tag: aliasTag(opts.model, opts.alias, counter2),
      assigned_at: opts.now().toISOString(),
      ...opts.note === void 0 ? {} : { note: opts.note }
    };
    if (await opts.create(a.tag, formatAliasTagBody(a))) return a;
  }
}

// github/registry.ts
var CONTENT_TYPES = {
  md: "text/markdown",
  csv: "text/csv",
  json: "application/json"
};
var GitHubRegistry = class {
  constructor(opts) {
    this.opts = opts;
  }
  opts;
  bodies = /* @__PURE__ */ new Map();
  get repo() {
    return { owner: this.opts.owner, repo: this.opts.repo };
  }
  async register(model, bundle) {
    assertModelName(model);
    if (bundle.run.model !== model) {
      throw new UsageError(`run.json is for model ${JSON.stringify(bundle.run.model)}, not ${model}`);
    }
    const digest2 = runDigest(bundle.run);
    const existing = (await this.versions(model)).find((v) => v.run_digest === digest2);
    if (existing) return existing;
    let next = await this.latest(model, "version") + 1;
    for (; ; ) {
      const v = {
        model,
        version: next,
        tag: versionTag(model, next),
        uri: modelUri(model, next),
        created_at: this.opts.clock.now().toISOString(),
        run_digest: digest2
      };
      if (await this.createTag(v.tag, formatVersionTagBody(v))) {
        await this.release(v, bundle);
        return v;
      }
      next++;
    }
  }
  async models() {
    const models = /* @__PURE__ */ new Set();
    for (const t of await this.tagRefs("")) if (t.parsed.kind === "version") models.add(t.parsed.model);
    return [...models].sort();
  }
  async versions(model) {
    assertModelName(model);
    const refs = (await this.tagRefs(model)).filter(
      (t) => t.parsed.kind === "version" && t.parsed.model === model
    );
    const out = [];
    for (const t of refs) out.push(parseVersionTagBody(t.name, await this.body(t), `refs/tags/${t.name}`));
    return out.sort((a, b) => a.version - b.version);
  }
  async version(model, version) {
    const tag = versionTag(model, version);
    const ref = (await this.tagRefs(tag)).find((t) => t.name === tag);
    return ref ? parseVersionTagBody(tag, await this.body(ref), `refs/tags/${tag}`) : null;
  }
  async readFile(model, version, file) {
    const release = await this.getRelease(versionTag(model, version));
    const asset = release?.assets.find((a) => a.name === file);
    if (!asset) return null;
    const { data } = await this.opts.octokit.rest.repos.getReleaseAsset({
      ...this.repo,
      asset_id: asset.id,
      headers: { accept: "application/octet-stream" }
    });
    const raw = data;
    if (typeof raw === "string") return raw;
    if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString("utf8");
    return JSON.stringify(raw);
  }
  async artifactsLocation(model, version) {
    return (await this.getRelease(versionTag(model, version)))?.html_url ?? null;
  }
  async assign(model, alias, version, note) {
    assertModelName(model);
    assertAlias(alias);
    if (!await this.version(model, version)) {
      throw new UsageError(`no version ${version} of ${model}`, {
        hint: "List the versions with `kiln registry list`"
      });
    }
    return claimAliasTag({
      model,
      alias,
      version,
      note,
      from: await this.latest(model, "alias", alias) + 1,
      now: () => this.opts.clock.now(),
      create: (tag, body) => this.createTag(tag, body)
    });
  }
  async alias(model, alias) {
    const history = await this.history(model, alias);
    const current = history.sort((a, b) => a.counter - b.counter).at(-1);
    return current ? this.version(model, current.version) : null;
  }
  async history(model, alias) {
    assertModelName(model);
    if (alias !== void 0) assertAlias(alias);
    const prefix = alias === void 0 ? `${model}#` : `${model}#${alias}#`;
    const out = [];
    for (const t of await this.tagRefs(prefix)) {
      if (t.parsed.kind !== "alias" || t.parsed.model !== model) continue;
      if (alias !== void 0 && t.parsed.alias !== alias) continue;
      out.push(parseAliasTagBody(t.name, await this.body(t), `refs/tags/${t.name}`));
    }
    return out.sort(
      (a, b) => a.alias === b.alias ? a.counter - b.counter : Date.parse(a.assigned_at) - Date.parse(b.assigned_at)
    );
  }
  // ── internals ──────────────────────────────────────────────────────────────────────────────
  /** Registry tags whose name starts with `prefix` (git's matching-refs is a prefix match). */
  async tagRefs(prefix) {
    const refs = await this.opts.octokit.paginate(this.opts.octokit.rest.git.listMatchingRefs, {
      ...this.repo,
      ref: `tags/${prefix}`,
      per_page: 100
    });
    const out = [];
    for (const r of refs) {
      const name = r.ref.replace(/^refs\/tags\//, "");
      const parsed = parseTag(name);
      if (parsed) out.push({ name, parsed, sha: r.object.sha, type: r.object.type });
    }
    return out;
  }
  async latest(model, kind, alias) {
    let max = 0;
    for (const t of await this.tagRefs(kind === "version" ? `${model}@v` : `${model}#${alias}#`)) {
      const p = t.parsed;
      if (p.model !== model) continue;
      if (p.kind === "version" && kind === "version") max = Math.max(max, p.version);
      if (p.kind === "alias" && kind === "alias" && p.alias === alias) max = Math.max(max, p.counter);
    }
    return max;
  }
  /** The annotated tag's message; a lightweight tag carries no body and is not kiln's. */
  async body(t) {
    const cached = this.bodies.get(t.sha);
    if (cached !== void 0) return cached;
    if (t.type !== "tag") {
      throw new UsageError(`registry tag ${t.name} is a lightweight tag without kiln's body`, {
        hint: "kiln writes annotated tags; delete this tag and assign again"
      });
    }
    const { data } = await this.opts.octokit.rest.git.getTag({ ...this.repo, tag_sha: t.sha });
    this.bodies.set(t.sha, data.message);
    return data.message;
  }
  /** False when the ref exists already (another registration took the name). */
  async createTag(tag, body) {
    const { data } = await this.opts.octokit.rest.git.createTag({
      ...this.repo,
      tag,
      message: body,
      object: this.opts.sha,
      type: "commit"
    });
    try {
      await this.opts.octokit.rest.git.createRef({ ...this.repo, ref: `refs/tags/${tag}`, sha: data.sha });
      return true;
    } catch (err) {
      if (err.status === 422) return false;
      throw err;
    }
  }
  async release(v, bundle) {
    const { data: release } = await this.opts.octokit.rest.repos.createRelease({
      ...this.repo,
      tag_name: v.tag,
      name: v.tag,
      body: bundle.card ?? `${v.tag} (${v.uri}), run ${v.run_digest}`,
      make_latest: "false"
    });
    const files = [["run.json", canonicalJson(bundle.run)]];
    if (bundle.gate) files.push(["gate.json", formatKilnFile(bundle.gate)]);
    if (bundle.profile) files.push(["profile.json", formatKilnFile(bundle.profile)]);
    if (bundle.card !== void 0) files.push(["card.md", bundle.card]);
    if (bundle.examples !== void 0) files.push(["examples.csv", bundle.examples]);
    for (const [name, text2] of files) {
      await this.opts.octokit.request({
        method: "POST",
        url: release.upload_url,
        name,
        data: text2,
        headers: { "content-type": CONTENT_TYPES[name.split(".").pop() ?? ""] ?? "application/json" }
      });
    }
  }
  async getRelease(tag) {
    try {
      return (await this.opts.octokit.rest.repos.getReleaseByTag({ ...this.repo, tag })).data;
    } catch (err) {
      if (err.status === 404) return null;
      throw err;
    }
  }
};

// core/fs.ts
import {
  copyFile,
  link,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile
} from "node:fs/promises";
import { basename as basename2, dirname as dirname2, isAbsolute, join as join2, resolve, win32 } from "node:path";
function errorCode(err) {
  return err?.code;
}
async function readTextFile(path, shown, opts = {}) {
  const name = opts.what ? `${opts.what} ${shown}` : shown;
  const hint = opts.hint ? { hint: opts.hint } : {};
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    const code = errorCode(err);
    if (code === "ENOENT")
      throw new UsageError(`${name} does not exist`, opts.hint ? hint : { hint: "Check the path" });
    if (code === "EISDIR") throw new UsageError(`${name} is a directory, not a file`, hint);
    throw new UsageError(`cannot read ${name}: ${err.message}`, hint);
  }
}
function safeRelativePath(path, what) {
  const bad = (why) => new UsageError(`${what} ${JSON.stringify(path)} ${why}`, {
    hint: "Give a path relative to the root directory, without '..'"
  });
  if (path === "" || path.includes("\0")) throw bad("is not a valid path");
  if (isAbsolute(path) || win32.isAbsolute(path)) throw bad("is absolute");
  const parts = path.split(/[\\/]+/).filter((part) => part !== "" && part !== ".");
  if (parts.includes("..")) throw bad("escapes the root directory");
  if (parts.length === 0) throw bad("names no file");
  return parts.join("/");
}

// core/local/repo-writer.ts
import * as z12 from "zod";
var refsSchema = z12.looseObject({
  schema: z12.literal("kiln.local-repo/v1"),
  branches: z12.record(z12.string(), z12.string())
});
var commitSchema = z12.looseObject({
  sha: z12.string(),
  parent: z12.string().nullable(),
  message: z12.string(),
  committed_at: isoTime,
  tree: z12.record(z12.string(), z12.string())
});
function assertBranchName(branch) {
  const bad = branch === "" || branch.startsWith("/") || branch.endsWith("/") || branch.endsWith(".") || branch.endsWith(".lock") || branch.startsWith("-") || branch.includes("..") || branch.includes("//") || branch.includes("@{") || branch.split("/").some((part) => part.startsWith(".")) || // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what git refuses
  /[\x00-\x20\x7f~^:?*[\\]/.test(branch);
  if (bad) {
    throw new UsageError(`branch name ${JSON.stringify(branch)} is not valid`, {
      hint: "Use a git branch name such as kiln/retrain/penguins"
    });
  }
  return branch;
}

// github/repo-writer.ts
var ATTEMPTS = 4;
var GitHubRepoWriter = class {
  /** `defaultBranch`, when the caller knows it (a webhook payload names it), saves a request. */
  constructor(opts) {
    this.opts = opts;
    this.branch = opts.defaultBranch;
  }
  opts;
  branch;
  get repo() {
    return { owner: this.opts.owner, repo: this.opts.repo };
  }
  async defaultBranch() {
    if (this.branch === void 0) {
      const { data } = await this.opts.octokit.rest.repos.get({ ...this.repo });
      this.branch = data.default_branch;
    }
    return this.branch;
  }
  async readFile(ref, path) {
    const { octokit } = this.opts;
    let data;
    try {
      data = (await octokit.rest.repos.getContent({ ...this.repo, path: safeRelativePath(path, "path"), ref })).data;
    } catch (err) {
      if (err.status === 404) return null;
      throw err;
    }
    const file = data;
    if (Array.isArray(data) || file.type !== "file") return null;
    if (file.encoding !== "base64" && typeof file.sha === "string") {
      const blob = await octokit.rest.git.getBlob({ ...this.repo, file_sha: file.sha });
      return Buffer.from(blob.data.content, blob.data.encoding === "base64" ? "base64" : "utf8").toString(
        "utf8"
      );
    }
    return typeof file.content === "string" ? Buffer.from(file.content, "base64").toString("utf8") : null;
  }
  async commit(branch, files, message, opts = {}) {
    assertBranchName(branch);
    if (files.length === 0) throw new UsageError(`a commit on ${branch} needs at least one file`);
    const tree = files.map((f) => ({
      path: safeRelativePath(f.path, "path"),
      mode: "100644",
      type: "blob",
      content: f.content
    }));
    let lastError;
    let fromBase = opts.base !== void 0;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const head = await this.headOf(branch);
      const parent = head && !fromBase ? head : await this.baseSha(opts.base ?? await this.defaultBranch());
      const { octokit } = this.opts;
      const parentCommit = await octokit.rest.git.getCommit({ ...this.repo, commit_sha: parent });
      const created = await octokit.rest.git.createTree({
        ...this.repo,
        base_tree: parentCommit.data.tree.sha,
        tree
      });
      if (head === parent && created.data.sha === parentCommit.data.tree.sha) return { sha: head };
      const commit = await octokit.rest.git.createCommit({
        ...this.repo,
        message,
        tree: created.data.sha,
        parents: [parent]
      });
      const sha = commit.data.sha;
      try {
        if (head) {
          await octokit.rest.git.updateRef({
            ...this.repo,
            ref: `heads/${branch}`,
            sha,
            force: parent !== head
          });
        } else {
          await octokit.rest.git.createRef({ ...this.repo, ref: `refs/heads/${branch}`, sha });
        }
        return { sha };
      } catch (err) {
        if (err.status !== 422) throw err;
        lastError = err;
        fromBase = false;
      }
    }
    throw new UsageError(`could not commit on ${branch}: it kept moving (${ATTEMPTS} attempts)`, {
      cause: lastError
    });
  }
  /** The branch's head commit, or null when the branch does not exist. */
  async headOf(branch) {
    try {
      const { data } = await this.opts.octokit.rest.git.getRef({ ...this.repo, ref: `heads/${branch}` });
      return Array.isArray(data) ? null : data.object.sha;
    } catch (err) {
      if (err.status === 404) return null;
      throw err;
    }
  }
  async baseSha(base) {
    assertBranchName(base);
    const sha = await this.headOf(base);
    if (!sha)
      throw new UsageError(`the base branch ${base} does not exist in ${this.opts.owner}/${this.opts.repo}`);
    return sha;
  }
};

// core/gate/load.ts
import { stat as stat2 } from "node:fs/promises";
import { dirname as dirname3, isAbsolute as isAbsolute2, join as join3, win32 as win322 } from "node:path";

// core/gate/examples-column.ts
var DICTIONARY_CAP = 4096;
function hashBytes(bytes, start, end) {
  let h = 2166136261 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 16777619);
  return h;
}
function sameBytes(a, as, ae, b, bs, be) {
  if (ae - as !== be - bs) return false;
  for (let i = 0; i < ae - as; i++) if (a[as + i] !== b[bs + i]) return false;
  return true;
}
function spaceAt(b, start, end, at, forward) {
  const x = b[forward ? at : at - 1];
  if (x === 32 || x >= 9 && x <= 13) return 1;
  if (x < 128) return 0;
  for (const len of [2, 3]) {
    const s = forward ? at : at - len;
    if (s < start || s + len > end) continue;
    const c0 = b[s];
    const c1 = b[s + 1];
    if (len === 2 && c0 === 194 && c1 === 160) return 2;
    if (len !== 3) continue;
    const c2 = b[s + 2];
    if (c0 === 226 && c1 === 128 && (c2 >= 128 && c2 <= 138 || c2 === 168 || c2 === 169 || c2 === 175))
      return 3;
    if (c0 === 225 && c1 === 154 && c2 === 128 || c0 === 226 && c1 === 129 && c2 === 159) return 3;
    if (c0 === 227 && c1 === 128 && c2 === 128 || c0 === 239 && c1 === 187 && c2 === 191) return 3;
  }
  return 0;
}
function trimStart(b, start, end) {
  let s = start;
  for (; ; ) {
    if (s >= end) return s;
    const k = spaceAt(b, s, end, s, true);
    if (k === 0) return s;
    s += k;
  }
}
function trimEnd(b, start, end) {
  let e = end;
  for (; ; ) {
    if (e <= start) return e;
    const k = spaceAt(b, start, e, e, false);
    if (k === 0) return e;
    e -= k;
  }
}
function decode(bytes, start, end) {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("utf8");
}
var POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);
function parseNumber(b, start, end) {
  let i = start;
  let neg = false;
  if (i < end && (b[i] === 45 || b[i] === 43)) {
    neg = b[i] === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < end; i++) {
    const c = b[i];
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === 46 && fraction < 0) {
      fraction = 0;
    } else break;
  }
  if (i === end && digits > 0 && digits <= 15) {
    const v2 = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
    return neg ? -v2 : v2;
  }
  const text2 = decode(b, start, end);
  if (text2.trim() === "") return Number.NaN;
  const v = Number(text2);
  return Number.isFinite(v) ? v : Number.NaN;
}
var ByteInterner = class {
  size = 0;
  strings = [];
  /** Each code's value as a number (NaN when it is not a finite number). */
  numbers = new Float64Array(16);
  /** True once a value that is not a finite number was interned. */
  nonNumeric = false;
  slots = new Int32Array(64);
  hashes = new Int32Array(16);
  arena = new Uint8Array(256);
  offsets = new Int32Array(17);
  intern(b, start, end) {
    const h = hashBytes(b, start, end);
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = s + 1 & mask) {
      const code = this.slots[s] - 1;
      if (code < 0) return this.add(b, start, end, h, s);
      if (this.hashes[code] === h && sameBytes(b, start, end, this.arena, this.offsets[code], this.offsets[code + 1]))
        return code;
    }
  }
  add(b, start, end, h, slot) {
    const code = this.size++;
    if (code === this.hashes.length) {
      this.hashes = grow(this.hashes, code * 2);
      this.numbers = grow(this.numbers, code * 2);
      this.offsets = grow(this.offsets, code * 2 + 1);
    }
    const at = this.offsets[code];
    if (at + end - start > this.arena.length)
      this.arena = grow(this.arena, Math.max(2 * this.arena.length, at + end - start));
    this.arena.set(b.subarray(start, end), at);
    this.offsets[code + 1] = at + end - start;
    this.hashes[code] = h;
    this.slots[slot] = code + 1;
    this.strings.push(decode(b, start, end));
    const v = parseNumber(b, start, end);
    this.numbers[code] = v;
    if (Number.isNaN(v)) this.nonNumeric = true;
    if (this.size * 2 > this.slots.length) this.rehash();
    return code;
  }
  rehash() {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let code = 0; code < this.size; code++) {
      let s = this.hashes[code] & mask;
      while (slots[s] !== 0) s = s + 1 & mask;
      slots[s] = code + 1;
    }
    this.slots = slots;
  }
};
function grow(a, size) {
  const b = new a.constructor(size);
  b.set(a);
  return b;
}
var ExampleColumn = class {
  constructor(name) {
    this.name = name;
  }
  name;
  rows = 0;
  /** Codes mode: each row's code into `dictionary`. */
  codes = new Uint8Array(1024);
  dictionary = new ByteInterner();
  /** Numbers mode: each row's value (every cell was a finite number). */
  numbers = null;
  add(b, start, end) {
    const row = this.rows++;
    if (this.numbers !== null) {
      if (row === this.numbers.length) this.numbers = grow(this.numbers, row * 2);
      const v = parseNumber(b, start, end);
      if (Number.isNaN(v)) this.toCodes(row);
      else {
        this.numbers[row] = v;
        return;
      }
    }
    const dictionary = this.dictionary;
    let codes = this.codes;
    const code = dictionary.intern(b, start, end);
    if (row === codes.length) codes = this.codes = grow(codes, row * 2);
    if (code === 256 && codes instanceof Uint8Array) codes = this.codes = Uint16Array.from(codes);
    else if (code === 65536 && codes instanceof Uint16Array) codes = this.codes = Int32Array.from(codes);
    codes[row] = code;
    if (dictionary.size > DICTIONARY_CAP && !dictionary.nonNumeric) this.toNumbers();
  }
  /** perf: examples-numbers-mode — a column of many distinct numbers keeps 8 bytes a row and no dictionary. */
  toNumbers() {
    const codes = this.codes;
    const values = this.dictionary.numbers;
    const numbers2 = new Float64Array(codes.length);
    for (let i = 0; i < this.rows; i++) numbers2[i] = values[codes[i]];
    this.numbers = numbers2;
    this.codes = null;
    this.dictionary = null;
  }
  /**
   * A cell that is not a number after the column turned into numbers: back to codes, the earlier
   * rows' text being their numbers' shortest form (only a column of thousands of distinct numbers
   * followed by text gets here).
   */
  toCodes(row) {
    const numbers2 = this.numbers;
    const dictionary = new ByteInterner();
    let codes = new Int32Array(numbers2.length);
    for (let i = 0; i < row; i++) {
      const text2 = Buffer.from(String(numbers2[i]));
      codes[i] = dictionary.intern(text2, 0, text2.length);
    }
    if (dictionary.size <= 65535) codes = Uint16Array.from(codes);
    this.codes = codes;
    this.dictionary = dictionary;
    this.numbers = null;
    this.dictionary.nonNumeric = true;
  }
  /** Drops unused capacity when it is more than a quarter of the column. */
  finish() {
    const cap = (this.numbers ?? this.codes ?? []).length;
    if (cap <= this.rows * 1.25 + 64) return;
    if (this.numbers) this.numbers = this.numbers.slice(0, this.rows);
    else if (this.codes) this.codes = this.codes.slice(0, this.rows);
  }
  /** Row `i`'s cell as text (numbers in their shortest form). For messages. */
  text(i) {
    if (this.numbers) return String(this.numbers[i]);
    return this.dictionary.strings[this.codes[i]];
  }
};

// core/gate/examples-csv.ts
import { closeSync, openSync, readSync } from "node:fs";
var CHUNK = 1 << 18;
var COMMA = 44;
var QUOTE = 34;
var LF = 10;
var CR = 13;
function scanCsvFile(path, file, limit, sink) {
  const fd = openSync(path, "r");
  try {
    let position = 0;
    scanCsv(
      (target, offset, length) => {
        const n = readSync(fd, target, offset, length, position);
        position += n;
        if (position > limit) throw new UsageError(`${file} is larger than ${limit / 1024 / 1024} MiB`);
        return n;
      },
      file,
      sink
    );
  } finally {
    closeSync(fd);
  }
}
function scanCsvBytes(bytes, file, sink, chunk = CHUNK) {
  let at = 0;
  scanCsv(
    (target, offset, length) => {
      const n = Math.min(length, bytes.length - at);
      bytes.copy(target, offset, at, at + n);
      at += n;
      return n;
    },
    file,
    sink,
    chunk
  );
}
function scanCsv(read, file, sink, chunk = CHUNK) {
  new CsvScanner(read, file, sink, chunk).run();
}
var INCOMPLETE = -1;
var CsvScanner = class {
  constructor(read, file, sink, chunk) {
    this.read = read;
    this.file = file;
    this.sink = sink;
    this.chunk = chunk;
    this.buf = Buffer.allocUnsafe(Math.max(4, 2 * chunk));
  }
  read;
  file;
  sink;
  chunk;
  buf;
  /** Valid bytes in buf. */
  len = 0;
  eof = false;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  count = 0;
  /** The unescaped cells of a record with quotes. */
  rec = Buffer.allocUnsafe(1024);
  /** Newlines inside quoted cells of the record just scanned. */
  innerLines = 0;
  line = 1;
  run() {
    this.fill();
    let pos = 0;
    if (this.len >= 3 && this.buf[0] === 239 && this.buf[1] === 187 && this.buf[2] === 191) pos = 3;
    for (; ; ) {
      const end = this.plainRecord(pos);
      const next = end === QUOTED ? this.quotedRecord(pos) : end;
      if (next === INCOMPLETE) {
        if (this.eof) return;
        this.buf.copy(this.buf, 0, pos, this.len);
        this.len -= pos;
        pos = 0;
        this.fill();
        continue;
      }
      const line = this.line;
      this.line += 1 + this.innerLines;
      this.innerLines = 0;
      if (this.count > 0) {
        this.sink.record(end === QUOTED ? this.rec : this.buf, this.starts, this.ends, this.count, line);
      }
      pos = next;
    }
  }
  /** Reads into the free end of buf, doubling it when a record fills more than half of it. */
  fill() {
    if (this.eof) return;
    if (this.len > this.buf.length - this.chunk) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.len);
      this.buf = bigger;
    }
    while (this.len < this.buf.length) {
      const n = this.read(this.buf, this.len, this.buf.length - this.len);
      if (n === 0) {
        this.eof = true;
        return;
      }
      this.len += n;
    }
  }
  field(start, end) {
    if (this.count === this.starts.length) {
      const s = new Int32Array(this.count * 2);
      s.set(this.starts);
      this.starts = s;
      const e = new Int32Array(this.count * 2);
      e.set(this.ends);
      this.ends = e;
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }
  /**
   * perf: examples-plain-records — a record without quotes is split in place, one pass, no copy.
   * Returns the offset after the record's end, INCOMPLETE, or QUOTED (the record has a quote: the
   * general path scans it). count = 0 for nothing at all (the end of the data).
   */
  plainRecord(pos) {
    const buf = this.buf;
    const len = this.len;
    this.count = 0;
    let start = pos;
    for (let i = pos; ; i++) {
      if (i >= len) {
        if (!this.eof) return INCOMPLETE;
        if (i === pos) return INCOMPLETE;
        this.field(start, i);
        return i;
      }
      const b = buf[i];
      if (b === COMMA) {
        this.field(start, i);
        start = i + 1;
      } else if (b === LF || b === CR) {
        if (b === CR && i + 1 >= len && !this.eof) return INCOMPLETE;
        this.field(start, i);
        return b === CR && i + 1 < len && buf[i + 1] === LF ? i + 2 : i + 1;
      } else if (b === QUOTE) {
        return QUOTED;
      }
    }
  }
  /** The general path, cells unescaped into `rec`. */
  quotedRecord(pos) {
    const buf = this.buf;
    const len = this.len;
    this.count = 0;
    this.innerLines = 0;
    let out = 0;
    let cellStart = 0;
    let quoted = false;
    let i = pos;
    if (this.rec.length < len - pos) this.rec = Buffer.allocUnsafe(Math.max(len - pos, 2 * this.rec.length));
    const rec = this.rec;
    for (; ; ) {
      if (i >= len) {
        if (!this.eof) return INCOMPLETE;
        if (quoted) throw new UsageError(`${this.file}:${this.line}: a quoted cell is not closed`);
        if (out === cellStart && this.count === 0) return INCOMPLETE;
        this.field(cellStart, out);
        return i;
      }
      const b = buf[i];
      if (quoted) {
        if (b === QUOTE) {
          if (i + 1 >= len && !this.eof) return INCOMPLETE;
          if (i + 1 < len && buf[i + 1] === QUOTE) {
            rec[out++] = QUOTE;
            i += 2;
          } else {
            quoted = false;
            i++;
          }
        } else {
          if (b === LF) this.innerLines++;
          rec[out++] = b;
          i++;
        }
      } else if (b === QUOTE && out === cellStart) {
        quoted = true;
        i++;
      } else if (b === COMMA) {
        this.field(cellStart, out);
        cellStart = out;
        i++;
      } else if (b === LF || b === CR) {
        if (b === CR && i + 1 >= len && !this.eof) return INCOMPLETE;
        this.field(cellStart, out);
        return b === CR && i + 1 < len && buf[i + 1] === LF ? i + 2 : i + 1;
      } else {
        rec[out++] = b;
        i++;
      }
    }
  }
};
var QUOTED = -2;

// core/gate/examples-ids.ts
var ExampleIds = class {
  rows = 0;
  arena = new Uint8Array(1 << 16);
  offsets = new Int32Array(1025);
  /** id → row + 1 (0: empty slot), open addressing; null while no index was needed. */
  slots = null;
  hashes = null;
  /**
   * Adds the next row's id (trimmed bytes); returns the row of an earlier equal id, or -1.
   * perf: examples-ordered-ids — ids in increasing shortlex order (length, then bytes: 9 < 10, and
   * ex-0009 < ex-0010) are distinct without an index; the first id out of order builds it.
   */
  add(b, start, end) {
    const row = this.rows;
    if (this.slots === null && row > 0 && !this.follows(b, start, end)) this.index();
    if (this.slots !== null) {
      const earlier = this.find(b, start, end);
      if (earlier >= 0) return earlier;
    }
    this.append(b, start, end);
    if (this.slots !== null) this.insert(row, hashBytes(b, start, end));
    return -1;
  }
  /** The row whose id is these bytes, or -1. Builds the index on first use. */
  find(b, start, end) {
    if (this.slots === null) this.index();
    const slots = this.slots;
    const hashes = this.hashes;
    const h = hashBytes(b, start, end);
    const mask = slots.length - 1;
    for (let s = h & mask; ; s = s + 1 & mask) {
      const row = slots[s] - 1;
      if (row < 0) return -1;
      if (hashes[row] === h && sameBytes(b, start, end, this.arena, this.offsets[row], this.offsets[row + 1]))
        return row;
    }
  }
  /** Row i's id in the other store: find(), for pairing. */
  findIn(other, row) {
    return other.find(this.arena, this.offsets[row], this.offsets[row + 1]);
  }
  /** Whether row i has the same id here and in `other`. */
  sameAt(other, i) {
    return sameBytes(
      this.arena,
      this.offsets[i],
      this.offsets[i + 1],
      other.arena,
      other.offsets[i],
      other.offsets[i + 1]
    );
  }
  id(i) {
    return decode(this.arena, this.offsets[i], this.offsets[i + 1]);
  }
  /** Drops unused capacity. */
  finish() {
    const used = this.offsets[this.rows];
    if (this.arena.length > used * 1.25 + 1024) this.arena = this.arena.slice(0, used);
    if (this.offsets.length > this.rows * 1.25 + 1024) this.offsets = this.offsets.slice(0, this.rows + 1);
  }
  /** Whether the id sorts after the last one (shortlex). */
  follows(b, start, end) {
    const ps = this.offsets[this.rows - 1];
    const pe = this.offsets[this.rows];
    const len = end - start;
    if (len !== pe - ps) return len > pe - ps;
    for (let k = 0; k < len; k++) {
      const x = b[start + k];
      const y = this.arena[ps + k];
      if (x !== y) return x > y;
    }
    return false;
  }
  append(b, start, end) {
    const row = this.rows++;
    if (row + 1 === this.offsets.length) this.offsets = grow(this.offsets, this.offsets.length * 2);
    const at = this.offsets[row];
    if (at + end - start > this.arena.length)
      this.arena = grow(this.arena, Math.max(this.arena.length * 2, at + end - start));
    const arena = this.arena;
    for (let k = start; k < end; k++) arena[at + k - start] = b[k];
    this.offsets[row + 1] = at + end - start;
  }
  index() {
    let size = 64;
    while (size < this.rows * 2 + 2) size *= 2;
    this.slots = new Int32Array(size);
    this.hashes = new Int32Array(Math.max(this.rows, 1024));
    for (let row = 0; row < this.rows; row++) {
      this.insert(row, hashBytes(this.arena, this.offsets[row], this.offsets[row + 1]));
    }
  }
  insert(row, h) {
    let hashes = this.hashes;
    if (row >= hashes.length) hashes = this.hashes = grow(hashes, hashes.length * 2);
    hashes[row] = h;
    if ((row + 1) * 2 > this.slots.length) {
      this.rehash();
      return;
    }
    const slots = this.slots;
    const mask = slots.length - 1;
    let s = h & mask;
    while (slots[s] !== 0) s = s + 1 & mask;
    slots[s] = row + 1;
  }
  rehash() {
    const slots = new Int32Array(this.slots.length * 2);
    const hashes = this.hashes;
    const mask = slots.length - 1;
    for (let row = 0; row < this.rows; row++) {
      let s = hashes[row] & mask;
      while (slots[s] !== 0) s = s + 1 & mask;
      slots[s] = row + 1;
    }
    this.slots = slots;
  }
};

// core/gate/examples.ts
var MAX_EXAMPLES_BYTES = 256 * 1024 * 1024;
var ExampleTable = class {
  constructor(file, names, rows, ids, columns, lines) {
    this.file = file;
    this.names = names;
    this.rows = rows;
    this.ids = ids;
    this.columns = columns;
    this.lines = lines;
  }
  file;
  names;
  rows;
  ids;
  columns;
  lines;
  /** Row i's id (trimmed). */
  id(i) {
    return this.ids.id(i);
  }
  /** The line row i starts on (the header is line 1), for errors. */
  line(i) {
    return this.lines[i];
  }
  has(column) {
    return this.columns.has(column);
  }
  /** A column's cells as text, row order (ids trimmed; numbers of a numeric column in shortest form). For tests and messages. */
  cells(column) {
    if (column === "id" && this.names.includes("id"))
      return Array.from({ length: this.rows }, (_, i) => this.id(i));
    const c = this.columns.get(column);
    return c && Array.from({ length: this.rows }, (_, i) => c.text(i));
  }
  /** Every row's line, for tests. */
  allLines() {
    return Array.from(this.lines.subarray(0, this.rows));
  }
};
function parseExamples(text2, file, opts = {}) {
  const bytes = Buffer.from(text2);
  if (bytes.length > MAX_EXAMPLES_BYTES) {
    throw new UsageError(`${file} is larger than ${MAX_EXAMPLES_BYTES / 1024 / 1024} MiB`, {
      hint: "Per-example results hold one short row per evaluation example"
    });
  }
  const builder = new TableBuilder(file);
  scanCsvBytes(bytes, file, builder, opts.chunk);
  return builder.finish();
}
function readExamplesFile(path, file) {
  const builder = new TableBuilder(file);
  scanCsvFile(path, file, MAX_EXAMPLES_BYTES, builder);
  return builder.finish();
}
function plain(byte) {
  return byte > 32 && byte < 127;
}
var TableBuilder = class {
  constructor(file) {
    this.file = file;
  }
  file;
  names = null;
  idAt = -1;
  columns = [];
  ids = new ExampleIds();
  lines = new Int32Array(1024);
  rows = 0;
  record(bytes, starts, ends, count, line) {
    const blank = count === 1 && starts[0] === ends[0];
    if (this.names === null) {
      if (blank) this.empty();
      this.header(bytes, starts, ends, count);
      return;
    }
    if (blank) return;
    const names = this.names;
    if (count !== names.length) {
      throw new UsageError(
        `${this.file}:${line}: ${count} cells, but the header has ${names.length} (${names.join(",")})`
      );
    }
    let s = starts[this.idAt];
    let e = ends[this.idAt];
    if (s < e && (!plain(bytes[s]) || !plain(bytes[e - 1]))) {
      s = trimStart(bytes, s, e);
      e = trimEnd(bytes, s, e);
    }
    if (s === e) throw new UsageError(`${this.file}:${line}: id is empty`);
    const earlier = this.ids.add(bytes, s, e);
    if (earlier >= 0) {
      throw new UsageError(
        `${this.file}:${line}: id ${JSON.stringify(decode(bytes, s, e))} repeats line ${this.lines[earlier]}`
      );
    }
    const row = this.rows++;
    if (row === this.lines.length) this.lines = grow(this.lines, row * 2);
    this.lines[row] = line;
    const columns = this.columns;
    for (let k = 0; k < count; k++) columns[k]?.add(bytes, starts[k], ends[k]);
  }
  header(bytes, starts, ends, count) {
    const names = Array.from(
      { length: count },
      (_, k) => decode(bytes, starts[k], ends[k]).trim()
    );
    this.idAt = names.indexOf("id");
    if (this.idAt < 0) {
      throw new UsageError(`${this.file}:1: the header has no id column (it has ${names.join(", ")})`, {
        hint: "Per-example results need an id per example to pair the candidate with the baseline"
      });
    }
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup !== void 0)
      throw new UsageError(`${this.file}:1: column ${JSON.stringify(dup)} appears twice`);
    this.names = names;
    this.columns = names.map((n, k) => k === this.idAt ? null : new ExampleColumn(n));
  }
  empty() {
    throw new UsageError(`${this.file} is empty`, {
      hint: "Expected a CSV header such as id,label,prediction"
    });
  }
  finish() {
    if (this.names === null) this.empty();
    if (this.rows === 0) {
      throw new UsageError(`${this.file} has a header but no rows`, {
        hint: "The trainer wrote no per-example results; check its evaluation set"
      });
    }
    this.ids.finish();
    const columns = /* @__PURE__ */ new Map();
    for (const c of this.columns) {
      if (!c) continue;
      c.finish();
      columns.set(c.name, c);
    }
    return new ExampleTable(
      this.file,
      this.names,
      this.rows,
      this.ids,
      columns,
      this.lines.slice(0, this.rows)
    );
  }
};
function pairExamples(candidate, baseline) {
  const n = candidate.rows;
  let baselineRow = null;
  let same = n === baseline.rows;
  for (let i = 0; same && i < n; i++) same = candidate.ids.sameAt(baseline.ids, i);
  if (!same) {
    baselineRow = new Int32Array(n);
    const matched = new Uint8Array(baseline.rows);
    let shared2 = 0;
    let firstMissing = -1;
    for (let i = 0; i < n; i++) {
      const j = candidate.ids.findIn(baseline.ids, i);
      baselineRow[i] = j;
      if (j < 0) {
        if (firstMissing < 0) firstMissing = i;
      } else {
        shared2++;
        matched[j] = 1;
      }
    }
    if (shared2 !== n || shared2 !== baseline.rows) {
      const counts = `${shared2} ids shared; candidate ${n}, baseline ${baseline.rows}`;
      const first = firstMissing >= 0 ? unmatched(candidate, firstMissing, baseline) : unmatched(baseline, matched.indexOf(0), candidate);
      return `the runs were evaluated on different examples (${counts}): ${first}`;
    }
  }
  const disagree = firstLabelDisagreement(candidate, baseline, baselineRow);
  if (disagree >= 0) {
    return `the runs disagree on the label of example ${candidate.id(disagree)} (${candidate.file}:${candidate.line(disagree)}), so they were evaluated on different data`;
  }
  return { candidate, baseline, baselineRow };
}
function unmatched(table, row, other) {
  return `id ${JSON.stringify(table.id(row))} (${table.file}:${table.line(row)}) is not in ${other.file}`;
}
function firstLabelDisagreement(c, b, baselineRow) {
  const cl = c.columns.get("label");
  const bl = b.columns.get("label");
  if (!cl || !bl) return -1;
  const n = c.rows;
  if (cl.numbers && bl.numbers) {
    const x2 = cl.numbers;
    const y2 = bl.numbers;
    for (let i = 0; i < n; i++) if (x2[i] !== y2[baselineRow ? baselineRow[i] : i]) return i;
    return -1;
  }
  const classes = new ClassSpace();
  if (cl.codes && bl.codes) {
    const xm = classes.mapOf(cl.dictionary);
    const ym = classes.mapOf(bl.dictionary);
    const xc = cl.codes;
    const yc = bl.codes;
    for (let i = 0; i < n; i++) {
      const j = baselineRow ? baselineRow[i] : i;
      if (xm[xc[i]] !== ym[yc[j]]) return i;
    }
    return -1;
  }
  const x = classes.codesOf(cl);
  const y = classes.codesOf(bl);
  for (let i = 0; i < n; i++) if (x[i] !== y[baselineRow ? baselineRow[i] : i]) return i;
  return -1;
}
var ClassSpace = class {
  ids = /* @__PURE__ */ new Map();
  names = [];
  /** The class of each of the column's rows. */
  codesOf(column) {
    const out = new Int32Array(column.rows);
    if (column.numbers) {
      const v = column.numbers;
      for (let i = 0; i < column.rows; i++) out[i] = this.classOf(String(v[i]));
      return out;
    }
    const map = this.mapOf(column.dictionary);
    const codes = column.codes;
    for (let i = 0; i < column.rows; i++) out[i] = map[codes[i]];
    return out;
  }
  /** A dictionary's codes → class ids. */
  mapOf(dictionary) {
    return Int32Array.from(dictionary.strings, (s) => this.classOf(s.trim()));
  }
  classOf(name) {
    let id = this.ids.get(name);
    if (id === void 0) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }
  get size() {
    return this.names.length;
  }
};

// core/gate/load.ts
async function readRunFile(path, shown = path) {
  return parseRunText(await readTextFile(path, shown, { what: "run" }), shown);
}
function parseRunText(text2, file) {
  const special = findNonFinite(text2);
  if (special) {
    throw new UsageError(`${file}: ${special.path} is ${special.token}; metrics must be finite numbers`, {
      hint: "The trainer wrote a non-finite value (a division by zero, an empty evaluation set?); fix it at the source"
    });
  }
  return parseKilnFile("run", text2, file);
}
function findNonFinite(text2) {
  const marker = "\0kiln-non-finite:";
  let out = "";
  let found = false;
  let inString = false;
  for (let i = 0; i < text2.length; i++) {
    const ch = text2[i];
    if (inString) {
      out += ch;
      if (ch === "\\") {
        out += text2[i + 1] ?? "";
        i++;
      } else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      continue;
    }
    const m = /^(-?Infinity|NaN)/.exec(text2.slice(i, i + 9));
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
function examplesPathOf(run, runFile) {
  const rel = run.examples;
  if (rel === void 0) return null;
  if (isAbsolute2(rel) || win322.isAbsolute(rel) || rel.split(/[\\/]+/).includes("..")) {
    throw new UsageError(
      `${runFile}: examples ${JSON.stringify(rel)} must be a path inside the run's folder`,
      {
        hint: "Write the per-example results next to run.json and name them relative to it"
      }
    );
  }
  return join3(dirname3(runFile), rel);
}
async function readRunExamples(run, runFile) {
  const path = examplesPathOf(run, runFile);
  if (path === null) return `${runFile} names no per-example results (examples)`;
  let size;
  let directory;
  try {
    const st = await stat2(path);
    size = st.size;
    directory = st.isDirectory();
  } catch {
    return `${path} (the examples of ${runFile}) does not exist`;
  }
  if (directory) throw new UsageError(`per-example results ${path} is a directory, not a file`);
  if (size > MAX_EXAMPLES_BYTES) {
    throw new UsageError(`${path} is larger than ${MAX_EXAMPLES_BYTES / 1024 / 1024} MiB`);
  }
  try {
    return readExamplesFile(path, path);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = errorCode(err);
    if (code === void 0) throw err;
    throw new UsageError(`cannot read per-example results ${path}: ${err.message}`);
  }
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
    const skip2 = nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    p += 46 + skip2;
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
function asGitHub(octokit) {
  return octokit;
}
var MAX_ZIP_BYTES = 10 * 1024 * 1024;
var MAX_UNZIPPED_BYTES = 32 * 1024 * 1024;
var EVERY_KIND = new Set(ARTIFACT_KINDS);
async function listRunArtifacts(octokit, repo, runId, kinds = EVERY_KIND) {
  const all = await octokit.paginate(octokit.rest.actions.listWorkflowRunArtifacts, {
    ...repo,
    run_id: runId,
    per_page: 100
  });
  const byName = /* @__PURE__ */ new Map();
  for (const a of all) {
    const parsed = parseArtifactName(a.name);
    if (!parsed || !kinds.has(parsed.kind) || a.expired) continue;
    const prev = byName.get(a.name);
    if (!prev || a.id > prev.id)
      byName.set(a.name, { id: a.id, name: a.name, ...parsed, size: a.size_in_bytes });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}
async function downloadArtifactZip(octokit, repo, artifact) {
  const limit = `${MAX_ZIP_BYTES / 1024 / 1024} MB`;
  if (artifact.size > MAX_ZIP_BYTES) return { ok: false, error: `${artifact.name} is larger than ${limit}` };
  let data;
  try {
    data = (await octokit.rest.actions.downloadArtifact({
      ...repo,
      artifact_id: artifact.id,
      archive_format: "zip"
    })).data;
  } catch (err) {
    const status2 = err.status;
    if (status2 === 404 || status2 === 410)
      return { ok: false, error: `${artifact.name} is no longer available` };
    throw err;
  }
  const zip = data instanceof ArrayBuffer ? new Uint8Array(data) : data instanceof Uint8Array ? data : typeof data === "string" ? Buffer.from(data, "binary") : null;
  if (!zip) return { ok: false, error: `${artifact.name} did not download as a zip` };
  if (zip.byteLength > MAX_ZIP_BYTES) return { ok: false, error: `${artifact.name} is larger than ${limit}` };
  return { ok: true, zip };
}
function readFiles(zip, name, wanted, budget) {
  try {
    const { entries } = readZipEntries(zip, new Set(wanted), budget);
    const files = /* @__PURE__ */ new Map();
    for (const file of wanted) {
      const entry = entries.get(file);
      if (!entry) return { ok: false, error: `${name} holds no ${file}` };
      files.set(file, entry.toString("utf8"));
    }
    return { ok: true, files };
  } catch (err) {
    return { ok: false, error: `${name}: ${err.message}` };
  }
}
async function readArtifactFiles(octokit, repo, artifact, wanted, budget) {
  const got = await downloadArtifactZip(octokit, repo, artifact);
  return got.ok ? readFiles(got.zip, artifact.name, wanted, budget) : got;
}
async function readRunArtifact(octokit, repo, artifact, budget, opts = {}) {
  const got = await downloadArtifactZip(octokit, repo, artifact);
  if (!got.ok) return got;
  const read = readFiles(got.zip, artifact.name, ["run.json"], budget);
  if (!read.ok) return read;
  const shown = `${artifact.name}/run.json`;
  let run;
  try {
    run = parseRunText(read.files.get("run.json") ?? "", shown);
  } catch (err) {
    return { ok: false, error: `${artifact.name}: ${err.message}` };
  }
  if (run.model !== artifact.model) {
    const sweepVariant = run.variant !== void 0 && artifact.model === `${run.model}-${run.variant}`;
    return {
      ok: false,
      error: `${shown} is a run of ${JSON.stringify(run.model)}, not ${artifact.model}`,
      ...sweepVariant ? { sweepVariant } : {}
    };
  }
  if (!opts.examples) return { ok: true, run };
  const rel = run.examples;
  if (rel === void 0)
    return { ok: true, run, examples: { error: `${shown} names no per-example results` } };
  if (unsafeEntryName(rel))
    return {
      ok: true,
      run,
      examples: { error: `${shown}: examples ${JSON.stringify(rel)} is not a path inside the artifact` }
    };
  const ex = readFiles(got.zip, artifact.name, [rel], budget);
  return { ok: true, run, examples: ex.ok ? { text: ex.files.get(rel) ?? "" } : { error: ex.error } };
}

// app/policy.ts
async function readRepoFile(octokit, repo, path, ref) {
  let data;
  try {
    data = (await octokit.rest.repos.getContent({ ...repo, path, ref })).data;
  } catch (err) {
    if (err.status === 404) return { kind: "missing" };
    throw err;
  }
  const file = data;
  if (Array.isArray(data) || file.type !== "file" || typeof file.content !== "string")
    return { kind: "not-a-file" };
  return { kind: "file", text: Buffer.from(file.content, "base64").toString("utf8") };
}
async function readDefaultConfig(octokit, repo, branch) {
  const file = await readRepoFile(octokit, repo, CONFIG_PATH, branch);
  if (file.kind === "missing") return { kind: "missing" };
  if (file.kind === "not-a-file") {
    return {
      kind: "invalid",
      problems: [{ path: "", line: 1, column: 1, message: `${CONFIG_PATH} is not a file` }]
    };
  }
  const text2 = file.text;
  const checked = checkConfig(text2);
  return checked.ok ? { kind: "ok", config: checked.config, text: text2 } : { kind: "invalid", problems: checked.problems };
}
function workflowSelected(config, workflowPath) {
  const names = config.app.workflows;
  if (names.length === 0) return true;
  if (!workflowPath) return false;
  const file = workflowPath.split("/").pop() ?? workflowPath;
  return names.some((n) => n === workflowPath || n === file);
}
async function configDiffers(octokit, repo, defaultText, headSha) {
  try {
    const head = await readRepoFile(octokit, repo, CONFIG_PATH, headSha);
    return head.kind === "file" && head.text !== defaultText;
  } catch {
    return false;
  }
}

// app/retrain.ts
function retrainPorts(octokit, repo, defaultBranch, log) {
  const ok = asGitHub(octokit);
  return {
    pullRequests: new GitHubPullRequests({
      ...repo,
      octokit: ok,
      warn: (message) => log.warn({ repo }, `retrain: ${message}`)
    }),
    repo: new GitHubRepoWriter({ ...repo, octokit: ok, defaultBranch }),
    clock: systemClock,
    // Read only (the PR names the production version); `sha` is what a registration would tag.
    registry: new GitHubRegistry({ ...repo, octokit: ok, clock: systemClock, sha: "" })
  };
}
async function retrainFromSignal(octokit, repo, signal, log, known = {}) {
  const where = `${repo.owner}/${repo.repo}`;
  const branch = known.defaultBranch ?? (await octokit.rest.repos.get({ ...repo })).data.default_branch;
  const report = (outcome2, message) => ({
    outcome: outcome2,
    model: signal.model,
    pr: null,
    url: null,
    message: `${signal.model}: ${message}`
  });
  const config = known.config ?? await readDefaultConfig(octokit, repo, branch);
  if (config.kind === "missing") {
    const r = report("no-config", `${where} has no ${CONFIG_PATH} on ${branch}; nothing written`);
    log.info({ repo: where, model: signal.model, outcome: r.outcome }, `retrain: ${r.message}`);
    return r;
  }
  if (config.kind === "invalid") {
    const first = config.problems[0];
    const r = report(
      "invalid-config",
      `${CONFIG_PATH} on ${branch} is invalid${first ? ` (${formatProblem(CONFIG_PATH, first)})` : ""}; nothing written`
    );
    log.warn({ repo: where, model: signal.model, outcome: r.outcome }, `retrain: ${r.message}`);
    return r;
  }
  const models = Object.keys(config.config.models);
  if (!models.includes(signal.model)) {
    const r = report(
      "unknown-model",
      `${CONFIG_PATH} on ${branch} declares no model ${signal.model}; nothing written`
    );
    log.warn({ repo: where, model: signal.model, outcome: r.outcome }, `retrain: ${r.message}`);
    return r;
  }
  const outcome = await openOrUpdateRetrainPr(retrainPorts(octokit, repo, branch, log), {
    signal,
    retrain: config.config.retrain,
    models
  });
  log.info(
    { repo: where, model: outcome.model, outcome: outcome.outcome, pr: outcome.pr, key: signal.key },
    `retrain: ${outcome.message}`
  );
  return {
    outcome: outcome.outcome,
    model: outcome.model,
    pr: outcome.pr,
    url: outcome.url,
    message: outcome.message
  };
}

// app/alerts.ts
var ALERTS_PATH = "/kiln/alerts";
var MAX_ALERT_BYTES = 1024 * 1024;
function alertsRoute(probot, token) {
  const log = probot.log;
  const secret = token?.trim() ?? "";
  const expected = secret !== "" ? digest(secret) : null;
  if (!expected) {
    log.warn(`kiln: alerts disabled: KILN_ALERT_TOKEN is not set, so POST ${ALERTS_PATH} answers 503`);
  } else if (secret.length < 16) {
    log.warn("kiln: KILN_ALERT_TOKEN is shorter than 16 characters; use a long random token");
  }
  return async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== ALERTS_PATH) return false;
    if (req.method !== "POST") {
      refuse(req, res, 405, { error: `${ALERTS_PATH} takes POST only` }, { allow: "POST" });
      return true;
    }
    if (!expected) {
      refuse(req, res, 503, {
        error: "alerts are disabled on this kiln app: set KILN_ALERT_TOKEN (see docs/retraining.md)"
      });
      return true;
    }
    if (!authorized(req.headers.authorization, expected)) {
      log.warn({ remote: req.socket.remoteAddress }, "alerts: missing or wrong bearer token; refused");
      refuse(
        req,
        res,
        401,
        { error: "missing or wrong bearer token (Authorization: Bearer <KILN_ALERT_TOKEN>)" },
        { "www-authenticate": 'Bearer realm="kiln"' }
      );
      return true;
    }
    const body = await readBody(req, MAX_ALERT_BYTES);
    if (body === "aborted") return true;
    if (body === "too-large") {
      refuse(req, res, 413, { error: `the body is larger than ${MAX_ALERT_BYTES} bytes` });
      return true;
    }
    let payload;
    try {
      payload = JSON.parse(body.toString("utf8"));
    } catch (err) {
      sendJson(res, 400, { error: `the body is not JSON: ${err.message}` });
      return true;
    }
    let parsed;
    try {
      parsed = signalsFromAlertmanager(payload, { now: /* @__PURE__ */ new Date() });
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      log.warn({ error: err.message }, "alerts: payload refused");
      sendJson(res, 400, { error: err.message, hint: err.hint });
      return true;
    }
    const installations = /* @__PURE__ */ new Map();
    const groups = [];
    for (const signal of parsed.signals) groups.push(await handleGroup(probot, signal, installations));
    const failed = groups.some((g) => g.outcome === "error");
    log.info(
      {
        groups: groups.map((g) => `${g.repository} ${g.model} ${g.status}: ${g.outcome}`),
        ignored: parsed.ignored.length
      },
      `alerts: ${groups.length} group(s), ${parsed.ignored.length} alert(s) ignored`
    );
    sendJson(res, failed ? 502 : 200, { groups, ignored: parsed.ignored });
    return true;
  };
}
async function handleGroup(probot, signal, installations) {
  const [owner = "", repo = ""] = signal.repository.split("/");
  const base = { repository: signal.repository, model: signal.model, status: signal.status };
  const log = probot.log.child({ repository: signal.repository, model: signal.model });
  try {
    const key = signal.repository.toLowerCase();
    let installation = installations.get(key);
    if (installation === void 0) {
      installation = await installationOf(probot, owner, repo);
      installations.set(key, installation);
    }
    if (installation === null) {
      const message = `the kiln app is not installed on ${signal.repository}; nothing written`;
      log.warn(`alerts: ${message}`);
      return { ...base, outcome: "not-installed", pr: null, url: null, message };
    }
    const octokit = await probot.auth(installation);
    const report = await retrainFromSignal(octokit, { owner, repo }, signal, log);
    return { ...base, outcome: report.outcome, pr: report.pr, url: report.url, message: report.message };
  } catch (err) {
    log.error({ err }, `alerts: ${signal.repository} ${signal.model}: ${describeError(err)}`);
    return {
      ...base,
      outcome: "error",
      pr: null,
      url: null,
      message: `GitHub request failed: ${describeError(err)}`.slice(0, 500)
    };
  }
}
async function installationOf(probot, owner, repo) {
  const app = await probot.auth();
  try {
    return (await app.rest.apps.getRepoInstallation({ owner, repo })).data.id;
  } catch (err) {
    if (err.status === 404) return null;
    throw err;
  }
}
function digest(text2) {
  return createHash2("sha256").update(text2, "utf8").digest();
}
function authorized(header, expected) {
  const m = /^Bearer[ \t]+(.*?)[ \t]*$/i.exec(header ?? "");
  const given = digest(m?.[1] ?? "");
  return timingSafeEqual(given, expected) && m !== null;
}
function readBody(req, max) {
  if (Number(req.headers["content-length"]) > max) return Promise.resolve("too-large");
  return new Promise((done) => {
    const chunks = [];
    let size = 0;
    let settled = false;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      req.off("data", onData);
      done(result);
    };
    const onData = (chunk) => {
      size += chunk.length;
      if (size > max) finish("too-large");
      else chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => finish(Buffer.concat(chunks)));
    req.once("error", () => finish("aborted"));
    req.once("close", () => finish(req.complete ? Buffer.concat(chunks) : "aborted"));
  });
}
function refuse(req, res, status2, body, headers = {}) {
  req.resume();
  sendJson(res, status2, body, { headers: { ...headers, connection: "close" } });
}

// core/metrics/direction.ts
var LOWER_IS_BETTER = /(loss|error|rmse|mae|mse|perplexity)/i;
function defaultDirection(metric) {
  return LOWER_IS_BETTER.test(metric) ? "lower" : "higher";
}
function gateDirections(checks) {
  const entries = [];
  for (const c of checks)
    if (c.direction && !c.rule.startsWith("slice-")) entries.push([c.metric, c.direction]);
  return Object.fromEntries(entries);
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

// core/deploy/verify-gate.ts
function gateProblems(run, gate, defaultBranch) {
  if (!gate) return ["no gate.json was given"];
  const problems = [];
  if (gate.model !== run.model) problems.push(`gate.json is for ${gate.model}, the run is ${run.model}`);
  if (!gate.passed) {
    const failed = gate.checks.filter((c) => !c.passed);
    problems.push(
      `the gate failed (${failed.length} of ${gate.checks.length} checks: ${failed.map((c) => `${c.metric} ${c.rule}`).join(", ")})`
    );
  }
  const digest2 = runDigest(run);
  if (gate.run_digest !== digest2) {
    problems.push(
      `gate.json's run_digest ${gate.run_digest.slice(0, 12)}… does not match the run (${digest2.slice(0, 12)}…)`
    );
  }
  if (gate.advisory || !gate.policy_source.startsWith(`${defaultBranch}@`)) {
    problems.push(
      `the gate's policy came from ${gate.policy_source}${gate.advisory ? " (advisory)" : ""}, not the default branch ${defaultBranch}`
    );
  }
  return problems;
}
function gateProblemsUnderPolicy(run, gate, entry, defaultBranch) {
  const problems = gateProblems(run, gate, defaultBranch);
  const current = policyDigest(normalisePolicy(run.model, entry));
  if (gate.policy_digest !== current)
    problems.push(
      `the gate's policy (digest ${gate.policy_digest.slice(0, 12)}…) is not ${defaultBranch}'s current policy for ${run.model} (${current.slice(0, 12)}…); re-gate the version`
    );
  return problems;
}

// github/deployer.ts
function payloadOf(payload) {
  if (typeof payload === "string") {
    try {
      const parsed = JSON.parse(payload);
      return parsed && typeof parsed === "object" ? parsed : {};
    } catch {
      return {};
    }
  }
  return payload && typeof payload === "object" ? payload : {};
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
var MAX_COMMENT = 1024;
async function onDeploymentProtectionRule(context) {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
  const p = context.payload;
  const owner = p?.repository?.owner?.login;
  const name = p?.repository?.name;
  const defaultBranch = p?.repository?.default_branch;
  const environment2 = typeof p?.environment === "string" ? p.environment : p?.deployment?.environment;
  const callback = p?.deployment_callback_url;
  if (p?.action !== "requested" || summary.installation === null || typeof owner !== "string" || typeof name !== "string" || typeof defaultBranch !== "string" || typeof environment2 !== "string" || typeof callback !== "string")
    return;
  const repo = { owner, repo: name };
  const octokit = context.octokit;
  const base = String(octokit.request.endpoint.DEFAULTS.baseUrl).replace(/\/$/, "");
  const expected = `${base}/repos/${owner}/${name}/actions/runs/`;
  if (!callback.startsWith(expected) || !/^\d+\/deployment_protection_rule$/.test(callback.slice(expected.length))) {
    context.log.warn(
      { callback },
      "deployment_protection_rule: callback URL is not this repository's; ignored"
    );
    return;
  }
  let verdict2;
  try {
    const runId = Number(callback.slice(expected.length).split("/")[0]);
    verdict2 = await decide2(octokit, repo, defaultBranch, p?.deployment?.payload, runId);
  } catch (err) {
    context.log.error({ err }, "deployment_protection_rule: could not verify the gate; rejecting");
    const why = err instanceof KilnError ? err.message : `GitHub answered ${err.status ?? "with an error"}`;
    verdict2 = {
      approved: false,
      comment: `kiln could not verify the gate (${why}); re-run the job to retry.`
    };
  }
  await octokit.request(`POST ${callback}`, {
    environment_name: environment2,
    state: verdict2.approved ? "approved" : "rejected",
    comment: cut(verdict2.comment)
  });
  context.log.info(
    { environment: environment2, approved: verdict2.approved, comment: verdict2.comment },
    `deployment_protection_rule: ${verdict2.approved ? "approved" : "rejected"}`
  );
}
async function decide2(octokit, repo, defaultBranch, payload, runId) {
  const d = payloadOf(payload);
  const model = d.model;
  const version = d.version;
  const named = typeof model === "string" && isModelName(model) && typeof version === "number" && Number.isInteger(version);
  const config = await readDefaultConfig(octokit, repo, defaultBranch);
  if (config.kind !== "ok")
    return reject(
      `${CONFIG_PATH} on ${defaultBranch} is ${config.kind}: there is no policy to check against`
    );
  if (!named) return decideFromRun(octokit, repo, defaultBranch, config.config, runId);
  const tag = `${model}@v${version}`;
  const entry = config.config.models[model];
  if (!entry) return reject(`${CONFIG_PATH} on ${defaultBranch} declares no model ${model}`);
  const registry = new GitHubRegistry({ ...repo, octokit: asGitHub(octokit), clock: systemClock, sha: "" });
  const registered = await registry.version(model, version);
  if (!registered) return reject(`${tag} is not in the registry`);
  const [runText, gateText] = await Promise.all([
    registry.readFile(model, version, "run.json"),
    registry.readFile(model, version, "gate.json")
  ]);
  if (runText === null) return reject(`${tag} has no run.json in the registry`);
  if (gateText === null) return reject(`${tag} was registered without a gate.json`);
  const run = parseRunText(runText, `${tag}/run.json`);
  const gate = parseKilnFile("gate", gateText, `${tag}/gate.json`);
  const problems = gateProblemsUnderPolicy(run, gate, entry, defaultBranch);
  if (runDigest(run) !== registered.run_digest)
    problems.push(`${tag}'s run.json does not match its tag's run_digest`);
  if (typeof d.run === "string" && d.run !== registered.run_digest)
    problems.push(`the deployment's run ${d.run.slice(0, 12)}… is not ${tag}'s`);
  if (problems.length) return reject(rejection(tag, gate, problems));
  return { approved: true, comment: approval(tag, gate, defaultBranch) };
}
async function decideFromRun(octokit, repo, defaultBranch, config, runId) {
  const artifacts = await listRunArtifacts(octokit, repo, runId, /* @__PURE__ */ new Set(["run", "gate"]));
  const gates = artifacts.filter((a) => a.kind === "gate");
  if (gates.length === 0)
    return reject(
      `the deployment names no kiln model version, and run ${runId} uploaded no kiln-gate-* artifact to verify (deploy through kiln-cd, or with \`kiln deploy\`)`
    );
  const budget = { left: MAX_UNZIPPED_BYTES };
  const rejected = [];
  const approved = [];
  for (const g of gates) {
    const entry = config.models[g.model];
    const runArtifact = artifacts.find((a) => a.kind === "run" && a.model === g.model);
    if (!entry) {
      rejected.push(`${g.model}: ${CONFIG_PATH} on ${defaultBranch} declares no such model`);
      continue;
    }
    if (!runArtifact) {
      rejected.push(`${g.model}: run ${runId} has no kiln-run-${g.model} to check its gate against`);
      continue;
    }
    const [gateFiles, runFiles] = [
      await readArtifactFiles(octokit, repo, g, ["gate.json"], budget),
      await readArtifactFiles(octokit, repo, runArtifact, ["run.json"], budget)
    ];
    if (!gateFiles.ok || !runFiles.ok) {
      rejected.push(
        `${g.model}: ${[gateFiles, runFiles].map((f) => f.ok ? "" : f.error).filter(Boolean).join("; ")}`
      );
      continue;
    }
    const shown = `run ${runId}'s ${g.model}`;
    let run;
    let gate;
    try {
      run = parseRunText(runFiles.files.get("run.json") ?? "", `kiln-run-${g.model}/run.json`);
      gate = parseKilnFile(
        "gate",
        gateFiles.files.get("gate.json") ?? "",
        `${g.name}/gate.json`
      );
    } catch (err) {
      rejected.push(`${g.model}: ${err.message}`);
      continue;
    }
    const problems = gateProblemsUnderPolicy(run, gate, entry, defaultBranch);
    if (problems.length) rejected.push(rejection(shown, gate, problems));
    else approved.push(approval(shown, gate, defaultBranch));
  }
  if (rejected.length) return reject(rejected.join(" "));
  return { approved: true, comment: approved.join(" ") };
}
function rejection(what, gate, problems) {
  const failed = gate.checks.filter((c) => !c.passed).map((c) => `${c.metric} ${c.rule}: ${c.message}`);
  return [
    `${what}: ${problems.join("; ")}`,
    ...failed.length ? [`Failing checks: ${failed.join("; ")}`] : []
  ].join(". ");
}
function approval(what, gate, defaultBranch) {
  const skipped = gate.checks.filter((c) => c.skipped).length;
  return `${what}: gate passed (${gate.checks.length} checks${skipped ? `, ${skipped} skipped` : ""}) under ${defaultBranch}'s policy (${gate.policy_source}, digest ${gate.policy_digest.slice(0, 12)}…).`;
}
function reject(comment) {
  return { approved: false, comment: `kiln: ${comment}` };
}
function cut(text2) {
  return text2.length > MAX_COMMENT ? `${text2.slice(0, MAX_COMMENT - 1)}…` : text2;
}

// app/handlers/installation.ts
async function onInstallation(context) {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
}

// core/local/metric-history.ts
import * as z13 from "zod";
var entrySchema = z13.looseObject({
  model: modelName,
  sha: z13.string().min(1),
  ref: z13.string(),
  run_id: z13.string().optional(),
  recorded_at: isoTime,
  metrics: metricMap
});
function formatHistoryLine(entry) {
  return `${JSON.stringify(pick(entry))}
`;
}
function recordsRun(text2, entry) {
  if (entry.run_id === void 0) return false;
  for (const line of text2.split("\n")) {
    if (!line.includes(entry.run_id)) continue;
    try {
      if (JSON.parse(line).run_id === entry.run_id) return true;
    } catch {
    }
  }
  return false;
}
function parseHistory(text2, file) {
  const lines = text2.split("\n");
  const torn = lines.length > 0 && !text2.endsWith("\n") ? lines.length : -1;
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "") continue;
    const where = `${file}:${i + 1}`;
    let data;
    try {
      data = JSON.parse(line);
    } catch (err) {
      if (i + 1 === torn) break;
      throw corrupt2(where, `is not valid JSON: ${err.message}`);
    }
    const parsed = entrySchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const key = issue?.path.length ? issue.path.map(String).join(".") : "(top level)";
      throw corrupt2(where, `${key}: ${issue?.message ?? "invalid"}`);
    }
    out.push(pick(parsed.data));
  }
  return out;
}
function pick(e) {
  const out = {
    model: e.model,
    sha: e.sha,
    ref: e.ref,
    recorded_at: e.recorded_at,
    metrics: { ...e.metrics }
  };
  if (e.run_id !== void 0) out.run_id = e.run_id;
  return out;
}
function corrupt2(where, what) {
  return new UsageError(`${where} ${what}`, {
    hint: "kiln wrote this history file; fix or remove that line"
  });
}

// github/history.ts
var HISTORY_MAX_ENTRIES = 2e3;
var GitHubMetricHistory = class _GitHubMetricHistory {
  constructor(opts) {
    this.opts = opts;
    this.branch = opts.branch ?? HISTORY_BRANCH;
    this.attempts = opts.attempts ?? 5;
  }
  opts;
  branch;
  attempts;
  get repo() {
    return { owner: this.opts.owner, repo: this.opts.repo };
  }
  static path(model) {
    return `history/${assertModelName(model)}.jsonl`;
  }
  async read(model, limit) {
    const path = _GitHubMetricHistory.path(model);
    const file = await this.get(path);
    if (!file.text || limit <= 0) return [];
    return parseHistory(file.text, `${this.branch}:${path}`).slice(-limit);
  }
  async append(entry) {
    const path = _GitHubMetricHistory.path(entry.model);
    const line = formatHistoryLine(entry);
    parseHistory(line, "the new entry");
    let lastError = null;
    for (let attempt = 0; attempt < this.attempts; attempt++) {
      const file = await this.get(path);
      if (recordsRun(file.text, entry)) return;
      const kept = file.text === "" ? [] : keepLines(file.text, (this.opts.maxEntries ?? HISTORY_MAX_ENTRIES) - 1);
      const text2 = [...kept, line].join("");
      try {
        if (file.sha === null && !await this.branchExists()) await this.createBranch(path, text2);
        else await this.put(path, text2, file.sha, entry);
        return;
      } catch (err) {
        const status2 = err.status;
        if (status2 !== 409 && status2 !== 422) throw err;
        lastError = err;
      }
    }
    throw new UsageError(
      `could not append to ${this.branch}:${path} after ${this.attempts} tries (${lastError?.message ?? "conflict"})`,
      { hint: "Other writers kept changing it; the next run appends again" }
    );
  }
  async get(path) {
    let data;
    try {
      data = (await this.opts.octokit.rest.repos.getContent({ ...this.repo, path, ref: this.branch })).data;
    } catch (err) {
      if (err.status === 404) return { text: "", sha: null };
      throw err;
    }
    const file = data;
    if (Array.isArray(data) || file.type !== "file" || typeof file.sha !== "string")
      throw new UsageError(`${this.branch}:${path} is not a file`);
    if (file.encoding === "base64" && typeof file.content === "string")
      return { text: Buffer.from(file.content, "base64").toString("utf8"), sha: file.sha };
    const { data: blob } = await this.opts.octokit.rest.git.getBlob({ ...this.repo, file_sha: file.sha });
    return { text: Buffer.from(blob.content, "base64").toString("utf8"), sha: file.sha };
  }
  async put(path, text2, sha, entry) {
    await this.opts.octokit.rest.repos.createOrUpdateFileContents({
      ...this.repo,
      path,
      branch: this.branch,
      message: `history: ${entry.model} at ${entry.sha.slice(0, 7)}`,
      content: Buffer.from(text2, "utf8").toString("base64"),
      ...sha ? { sha } : {}
    });
  }
  async branchExists() {
    try {
      await this.opts.octokit.rest.git.getRef({ ...this.repo, ref: `heads/${this.branch}` });
      return true;
    } catch (err) {
      if (err.status === 404) return false;
      throw err;
    }
  }
  /** An orphan commit with the first file; 422 when another writer created the branch first. */
  async createBranch(path, text2) {
    const { data: tree } = await this.opts.octokit.rest.git.createTree({
      ...this.repo,
      tree: [{ path, mode: "100644", type: "blob", content: text2 }]
    });
    const { data: commit } = await this.opts.octokit.rest.git.createCommit({
      ...this.repo,
      message: "kiln metric history",
      tree: tree.sha,
      parents: []
    });
    await this.opts.octokit.rest.git.createRef({
      ...this.repo,
      ref: `refs/heads/${this.branch}`,
      sha: commit.sha
    });
  }
};
function keepLines(text2, n) {
  const lines = text2.slice(0, text2.endsWith("\n") ? text2.length : text2.lastIndexOf("\n") + 1).split(/(?<=\n)/).filter((l) => l.trim() !== "");
  return n <= 0 ? [] : lines.slice(-n);
}

// app/baseline.ts
import { mkdir as mkdir3, mkdtemp, rm as rm2, writeFile as writeFile3 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname as dirname5, join as join6 } from "node:path";

// core/gate/baseline.ts
import { join as join5 } from "node:path";

// core/registry/examples-file.ts
import { mkdir as mkdir2, stat as stat3, writeFile as writeFile2 } from "node:fs/promises";
import { dirname as dirname4, join as join4 } from "node:path";
async function writeRunFolder(dir, run, examples) {
  const runFile = join4(dir, "run.json");
  const path = examplesPathOf(run, runFile);
  if (path === null) throw new UsageError(`${runFile} names no per-example results`);
  await mkdir2(dirname4(path), { recursive: true });
  await writeFile2(runFile, canonicalJson(run));
  await writeFile2(path, examples);
  return runFile;
}

// core/gate/baseline.ts
var NO_BASELINE = {
  baseline: { source: "none" },
  run: null,
  runFile: null,
  label: "none",
  notes: []
};
async function resolveBaseline(model, sources) {
  const notes = [];
  const alias = sources.alias ?? "production";
  if (sources.registry) {
    const version = await sources.registry.alias(model, alias);
    if (version) {
      const text2 = await sources.registry.readFile(model, version.version, "run.json");
      if (text2 === null) {
        throw new UsageError(`the registry's ${version.tag} (${alias}) has no run.json`, {
          hint: "Register the version again with its run"
        });
      }
      const run = checkModel(parseKilnFile("run", text2, `${version.tag}/run.json`), model, version.tag);
      const digest2 = runDigest(run);
      if (digest2 !== version.run_digest) {
        throw new UsageError(`the registry's ${version.tag} run.json does not match its tag's run_digest`, {
          hint: "The registry was modified by hand; restore the version's run.json"
        });
      }
      const examples = run.examples ? await sources.registry.readFile(model, version.version, "examples.csv") : null;
      const runFile = examples === null ? null : await writeRunFolder(join5(sources.workDir, `registry-${version.version}`), run, examples);
      return {
        baseline: {
          source: "registry",
          model_version: version.tag,
          alias,
          run_digest: digest2,
          ...run.code?.sha ? { sha: run.code.sha } : {}
        },
        run,
        runFile,
        label: `${version.tag} (${alias})`,
        notes
      };
    }
    notes.push(`registry: no ${alias} version of ${model}`);
  } else {
    notes.push("registry: not available here");
  }
  if (sources.runs && sources.artifacts && sources.branch) {
    const name = artifactName("run", model);
    const lookback = sources.lookback ?? 20;
    for (const wr of await sources.runs.successful(sources.branch, lookback)) {
      const listed = await sources.artifacts.list({ runId: wr.id });
      if (!listed.some((a) => a.name === name)) continue;
      const dir = join5(sources.workDir, `baseline-${wr.id}`);
      const files = await sources.artifacts.download(name, dir, { runId: wr.id });
      const runFile = join5(dir, "run.json");
      if (!files.includes(runFile)) {
        throw new UsageError(`artifact ${name} of run ${wr.id} on ${sources.branch} has no run.json`, {
          hint: "The train step uploads run.json at the artifact's top level"
        });
      }
      const run = checkModel(await readRunFile(runFile, `${name}/run.json (run ${wr.id})`), model, name);
      const short = wr.sha.slice(0, 7);
      return {
        baseline: {
          source: "branch",
          branch: sources.branch,
          run_id: wr.id,
          sha: wr.sha,
          run_digest: runDigest(run)
        },
        run,
        runFile,
        label: `${sources.branch} run ${wr.id}${short ? ` (${short})` : ""}`,
        notes
      };
    }
    notes.push(`branch ${sources.branch}: no successful run in the last ${lookback} uploaded ${name}`);
  } else {
    notes.push("branch runs: not available here");
  }
  return { ...NO_BASELINE, notes };
}
function checkModel(run, model, where) {
  if (run.model !== model) {
    throw new UsageError(`the baseline ${where} is a run of ${JSON.stringify(run.model)}, not ${model}`, {
      hint: "Compare a model with its own baseline"
    });
  }
  return run;
}

// github/baseline-runs.ts
import { DefaultArtifactClient } from "@actions/artifact";
var GitHubWorkflowRuns = class {
  constructor(opts) {
    this.opts = opts;
  }
  opts;
  async successful(branch, limit) {
    const { data } = await this.opts.octokit.rest.actions.listWorkflowRuns({
      owner: this.opts.owner,
      repo: this.opts.repo,
      workflow_id: this.opts.workflow,
      branch,
      status: "success",
      // Pull requests from forks can name a branch like the base one; only pushes count.
      event: "push",
      per_page: Math.max(1, Math.min(limit, 100))
    });
    return data.workflow_runs.map((r) => ({
      id: String(r.id),
      branch: r.head_branch ?? branch,
      sha: r.head_sha,
      created_at: r.created_at,
      url: r.html_url
    }));
  }
};

// app/examples.ts
function examplesTable(run, text2, from) {
  try {
    return parseExamples(text2, `${from}/${run.examples ?? "examples"}`);
  } catch (err) {
    if (err instanceof KilnError) return err.message;
    throw err;
  }
}
async function readExamplesIn(run, runFile, scratch, from) {
  const shown = (text2) => text2.replaceAll(`${scratch}/`, `${from}/`).replaceAll(scratch, from);
  try {
    const table = await readRunExamples(run, runFile);
    return typeof table === "string" ? shown(table) : table;
  } catch (err) {
    if (err instanceof KilnError) return shown(err.message);
    throw err;
  }
}

// app/baseline.ts
var runJsonCache = /* @__PURE__ */ new Map();
var listingCache = /* @__PURE__ */ new Map();
var LISTING_TTL_MS = 10 * 60 * 1e3;
var CACHE_ENTRIES = 500;
function remember(cache, key, value) {
  cache.delete(key);
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value);
  cache.set(key, value);
}
var MAX_RUN_JSON = 4 * 1024 * 1024;
var MAX_EXAMPLES_TEXT = 32 * 1024 * 1024;
function examplesWanted(runJson) {
  try {
    const rel = JSON.parse(runJson).examples;
    return typeof rel === "string" && !unsafeEntryName(rel) ? rel : null;
  } catch {
    return null;
  }
}
async function appBaseline(octokit, repo, q) {
  const gh = asGitHub(octokit);
  const workDir = await mkdtemp(join6(tmpdir(), "kiln-app-baseline-"));
  try {
    const resolved = await resolveBaseline(q.model, {
      registry: new GitHubRegistry({ ...repo, octokit: gh, clock: systemClock, sha: "" }),
      runs: new GitHubWorkflowRuns({ ...repo, octokit: gh, workflow: q.workflow }),
      artifacts: new OctokitRunArtifacts(octokit, repo, { examples: q.examples === true }),
      branch: q.branch,
      workDir,
      // The newest few runs: each one looked at costs an API call.
      lookback: 5
    });
    if (!q.examples || !resolved.run) return { ...resolved, runFile: null };
    const examples = resolved.runFile ? await readExamplesIn(resolved.run, resolved.runFile, workDir, resolved.label) : `the ${resolved.baseline.source} baseline ${resolved.label} keeps no per-example results`;
    return { ...resolved, runFile: null, examples };
  } catch (err) {
    const status2 = err.status;
    const message = err instanceof KilnError ? err.message : typeof status2 === "number" ? `GitHub answered ${status2} while looking for it` : "an unexpected error while looking for it (logged)";
    return { ...NO_BASELINE, notes: [message], error: message, cause: err };
  } finally {
    await rm2(workDir, { recursive: true, force: true });
  }
}
var OctokitRunArtifacts = class {
  constructor(octokit, repo, opts = {}) {
    this.octokit = octokit;
    this.repo = repo;
    this.opts = opts;
  }
  octokit;
  repo;
  opts;
  async list(opts = {}) {
    const runId = opts.runId;
    if (runId === void 0) throw new Error("OctokitRunArtifacts lists other runs only: give a runId");
    const key = `${this.repo.owner}/${this.repo.repo}#${runId}`;
    const cached = listingCache.get(key);
    if (cached && Date.now() - cached.at < LISTING_TTL_MS) return cached.refs;
    const { data } = await this.octokit.rest.actions.listWorkflowRunArtifacts({
      ...this.repo,
      run_id: Number(runId),
      per_page: 100
    });
    const refs = data.artifacts.filter((a) => !a.expired).map((a) => ({ name: a.name, id: String(a.id), runId, sizeBytes: a.size_in_bytes }));
    remember(listingCache, key, { at: Date.now(), refs });
    return refs;
  }
  async download(name, dir, opts = {}) {
    const artifact = (await this.list(opts)).filter((a) => a.name === name).sort((a, b) => +b.id - +a.id)[0];
    if (!artifact) throw new Error(`artifact ${name} not found in run ${opts.runId}`);
    const key = `${this.repo.owner}/${this.repo.repo}#${artifact.id}`;
    let text2 = runJsonCache.get(key);
    let examples = null;
    if (text2 === void 0 || this.opts.examples && examplesWanted(text2) !== null) {
      if (artifact.sizeBytes > MAX_ZIP_BYTES) throw new Error(`${name} of run ${opts.runId} is too large`);
      const res = await this.octokit.rest.actions.downloadArtifact({
        ...this.repo,
        artifact_id: Number(artifact.id),
        archive_format: "zip"
      });
      const data = res.data;
      const zip = data instanceof ArrayBuffer ? new Uint8Array(data) : data;
      if (!(zip instanceof Uint8Array) || zip.byteLength > MAX_ZIP_BYTES)
        throw new Error(`${name} of run ${opts.runId} did not download as a zip`);
      const entry = readZipEntries(zip, /* @__PURE__ */ new Set(["run.json"]), { left: MAX_RUN_JSON }).entries.get(
        "run.json"
      );
      if (!entry) return [];
      text2 = entry.toString("utf8");
      remember(runJsonCache, key, text2);
      const rel = this.opts.examples ? examplesWanted(text2) : null;
      try {
        const found = rel ? readZipEntries(zip, /* @__PURE__ */ new Set([rel]), { left: MAX_EXAMPLES_TEXT }).entries.get(rel) : null;
        if (rel && found) examples = { rel, text: found.toString("utf8") };
      } catch {
      }
    }
    await mkdir3(dir, { recursive: true });
    await writeFile3(join6(dir, "run.json"), text2);
    const files = [join6(dir, "run.json")];
    if (examples) {
      await mkdir3(dirname5(join6(dir, examples.rel)), { recursive: true });
      await writeFile3(join6(dir, examples.rel), examples.text);
      files.push(join6(dir, examples.rel));
    }
    return files;
  }
};

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
  const pct2 = delta / Math.abs(baseline) * 100;
  const s = Math.abs(pct2).toFixed(1);
  if (Number(s) === 0) return "0.0%";
  return pct2 > 0 ? `+${s}%` : `−${s}%`;
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
function gateCell(c) {
  const icon = c.skipped ? "⏭️" : c.passed ? "✅" : "❌";
  const limit = typeof c.limit === "number" ? fmt(c.limit) : escapeMarkdown(String(c.limit ?? ""), 40);
  const worst = c.worst ? ` · worst ${escapeMarkdown(c.worst, 60)}` : "";
  const rule = {
    min: `≥ ${limit}`,
    max: `≤ ${limit}`,
    "max-regression": `worse by ≤ ${limit}`,
    "min-improvement": `better by ≥ ${limit}`,
    required: c.skipped ? "missing (not required)" : "missing",
    "slice-gap": `gap ≤ ${limit}${worst}`,
    "slice-min": `every slice ≥ ${limit}${worst}`,
    "slice-max": `every slice ≤ ${limit}${worst}`
  };
  const note = c.skipped ? " (skipped)" : c.significant === false && c.rule === "max-regression" ? " (not significant)" : "";
  return `${icon} ${rule[c.rule] ?? escapeMarkdown(c.rule, 40)}${note}`;
}

// core/metrics/history-chart.ts
function historyChart(input) {
  const limit = input.limit ?? 10;
  const past = input.history.filter((e) => typeof e.metrics[input.metric] === "number" && Number.isFinite(e.metrics[input.metric])).slice(-limit);
  const labels2 = past.map((e) => e.run_id ? `r${e.run_id}` : e.sha.slice(0, 7));
  const values = past.map((e) => e.metrics[input.metric]);
  const head = input.head;
  if (typeof head === "number" && Number.isFinite(head)) {
    labels2.push("PR");
    values.push(head);
  }
  if (values.length < 2) return null;
  const [lo, hi] = axisRange(values);
  const lines = [
    "```mermaid",
    "xychart-beta",
    `  x-axis [${labels2.map((l) => `"${mermaidLabel(l, 12)}"`).join(", ")}]`,
    `  y-axis "${mermaidLabel(input.metric)}" ${plain2(lo)} --> ${plain2(hi)}`,
    `  line [${values.map(plain2).join(", ")}]`,
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
function plain2(x) {
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
    let cut2 = 0;
    while (keptRows > 0 && cut2 < over) {
      keptRows--;
      cut2 += (rows.rows[keptRows] ? rowText(rows.rows[keptRows], rows.gated) : "").length + 1;
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
  const [model, text2] = [...own][0] ?? [];
  if (model === void 0 || text2 === void 0) throw new Error("mergeCommentSection: not a model section");
  const sections = existing?.includes(COMMENT_MARKER) ? parseCommentSections(existing) : /* @__PURE__ */ new Map();
  sections.set(model, text2);
  const join8 = () => `${COMMENT_MARKER}
${[...sections.values()].join("\n\n")}
`;
  let body = join8();
  const byLength = [...sections.keys()].filter((m) => m !== model).sort((a, b) => (sections.get(b)?.length ?? 0) - (sections.get(a)?.length ?? 0));
  for (const other of [...byLength, model]) {
    if (body.length <= max) break;
    sections.set(other, stub(other, sections.get(other) ?? ""));
    body = join8();
  }
  return body;
}
function removeCommentSection(existing, key) {
  const sections = parseCommentSections(existing);
  if (!existing.includes(COMMENT_MARKER) || !sections.delete(key)) return existing;
  return `${COMMENT_MARKER}
${[...sections.values()].join("\n\n")}
`;
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
  const significance = [
    ...sig.map((c) => `Significance${c.skipped ? " (skipped)" : ""}: ${escapeMarkdown(c.message, 400)}`),
    ...(gate?.notes ?? []).map((n) => `> ⚠️ ${escapeMarkdown(n.message, 600)}`)
  ].join("\n\n");
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
  const label2 = c.rule === "slice-gap" ? `slice gap ${escapeMarkdown(c.metric)} (${by})` : `worst slice ${escapeMarkdown(c.metric)} (${by})`;
  let delta = "–";
  if (c.delta !== null && c.delta !== 0) {
    const better = (c.direction ?? "higher") === "lower" ? c.delta < 0 : c.delta > 0;
    delta = `${better ? "🔺" : "🔻"} ${signed(c.delta)}`;
  } else if (c.delta === 0) delta = "=";
  return {
    metric: label2,
    base: formatNumber(c.baseline),
    head: formatNumber(c.candidate),
    delta,
    gate: gateCell(c)
  };
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
async function upsertComment(octokit, repo, issue, sections, remove = []) {
  let found = await kilnComments(octokit, repo, issue);
  if (found.length === 0) {
    const created = await octokit.rest.issues.createComment({
      ...repo,
      issue_number: issue,
      body: merge(null, [], sections, remove)
    });
    found = await kilnComments(octokit, repo, issue);
    if (found.length <= 1) return created.data.id;
  }
  const [oldest, ...newer] = found;
  const body = merge(oldest.body, newer, sections, remove);
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
function merge(oldest, newer, sections, remove) {
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
  for (const key of remove) body = removeCommentSection(body, key);
  for (const section of sections) body = mergeCommentSection(body, section);
  return body;
}

// app/evaluation.ts
import { basename as basename3 } from "node:path";
async function artifactEvaluation(opts) {
  const { octokit, repo, gateArtifact: artifact, run, config } = opts;
  const fail = (reason) => ({ ok: false, reason });
  const read = await readArtifactFiles(octokit, repo, artifact, ["gate.json"], opts.budget);
  if (!read.ok) return fail(read.error);
  let gate;
  try {
    gate = parseKilnFile("gate", read.files.get("gate.json") ?? "", `${artifact.name}/gate.json`);
  } catch (err) {
    return fail(err.message);
  }
  if (gate.run_digest !== runDigest(run)) return fail(`${artifact.name}/gate.json is not this run's gate`);
  const record9 = gate.evaluation;
  if (!record9) return fail(`${artifact.name}/gate.json holds no evaluation`);
  const data = typeof config.evaluate === "object" ? config.evaluate.data : void 0;
  if (!data || /[*?[\]{}]/.test(data) || record9.data.path !== data) {
    return fail(
      `the evaluation data ${record9.data.path} cannot be checked against ${data ?? "the config"} here`
    );
  }
  const onDefault = await readRepoFile(octokit, repo, data, opts.defaultBranch);
  if (onDefault.kind !== "file" || sha256(onDefault.text) !== record9.data.sha256) {
    return fail(`the gate scored data that is not ${data} on ${opts.defaultBranch}`);
  }
  const examplesName = config.examples ? basename3(config.examples) : null;
  const side2 = async (which, digest2, owner) => {
    if (!examplesName || !digest2) return void 0;
    const path = `evaluation/${which}/${examplesName}`;
    const got = await readArtifactFiles(octokit, repo, artifact, [path], opts.budget);
    if (!got.ok) return got.error;
    const text2 = got.files.get(path) ?? "";
    if (sha256(text2) !== digest2) return `${artifact.name}/${path} is not the file gate.json names`;
    return examplesTable({ ...owner, examples: examplesName }, text2, `${artifact.name}/evaluation/${which}`);
  };
  const candidateExamples = await side2("candidate", record9.candidate.examples_sha256, run);
  const scoredBaseline = record9.baseline?.source === "evaluated" && opts.baseline?.run && gate.baseline.run_digest !== void 0 && gate.baseline.run_digest === opts.baseline.baseline.run_digest ? record9.baseline : null;
  const baselineExamples = scoredBaseline && opts.baseline?.run ? await side2("baseline", scoredBaseline.examples_sha256, opts.baseline.run) : void 0;
  return {
    ok: true,
    evaluation: {
      record: scoredBaseline ? record9 : { data: record9.data, candidate: record9.candidate },
      candidateMetrics: { ...run.metrics, ...record9.candidate.metrics },
      baselineMetrics: opts.baseline?.run ? { ...opts.baseline.run.metrics, ...scoredBaseline?.metrics ?? {} } : null,
      notes: (gate.notes ?? []).filter((n) => n.kind === "baseline-files-missing")
    },
    ...candidateExamples === void 0 ? {} : { candidateExamples },
    ...baselineExamples === void 0 ? {} : { baselineExamples }
  };
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
function percentileInterval(deltas, level) {
  deltas.sort();
  const tail = (1 - level) / 2;
  return { ci: [quantile(deltas, tail), quantile(deltas, 1 - tail)], resamples: deltas.length };
}
function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo];
  return a + (h - lo) * (sorted[hi] - a);
}

// core/gate/prng.ts
var MULBERRY32_STEP = 1831565813;
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = a + MULBERRY32_STEP >>> 0;
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
function streamSeed(seed, metric) {
  return (seed ^ fnv1a(metric)) >>> 0;
}

// core/gate/sig-binomial.ts
function binomial(rng, n, p) {
  if (n === 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p <= 0.5) return n * p <= 30 ? inversion(rng, n, p) : btpe(rng, n, p);
  const q = 1 - p;
  return n - (n * q <= 30 ? inversion(rng, n, q) : btpe(rng, n, q));
}
function inversion(rng, n, p) {
  const q = 1 - p;
  const qn = Math.exp(n * Math.log1p(-p));
  const np = n * p;
  const bound = Math.floor(Math.min(n, np + 10 * Math.sqrt(np * q + 1)));
  let x = 0;
  let px = qn;
  let u = rng();
  while (u > px) {
    x++;
    if (x > bound) {
      x = 0;
      px = qn;
      u = rng();
    } else {
      u -= px;
      px = (n - x + 1) * p * px / (x * q);
    }
  }
  return x;
}
var stirlingTail = (a, a2) => (13680 - (462 - (132 - (99 - 140 / a2) / a2) / a2) / a2) / a / 166320;
function btpe(rng, n, p) {
  const r = p;
  const q = 1 - r;
  const fm = n * r + r;
  const m = Math.floor(fm);
  const p1 = Math.floor(2.195 * Math.sqrt(n * r * q) - 4.6 * q) + 0.5;
  const xm = m + 0.5;
  const xl = xm - p1;
  const xr = xm + p1;
  const c = 0.134 + 20.5 / (15.3 + m);
  let a = (fm - xl) / (fm - xl * r);
  const laml = a * (1 + a / 2);
  a = (xr - fm) / (xr * q);
  const lamr = a * (1 + a / 2);
  const p2 = p1 * (1 + 2 * c);
  const p3 = p2 + c / laml;
  const p4 = p3 + c / lamr;
  const nrq = n * r * q;
  for (; ; ) {
    const u = rng() * p4;
    let v = rng();
    let y;
    if (u <= p1) return Math.floor(xm - p1 * v + u);
    if (u <= p2) {
      const x = xl + (u - p1) / c;
      v = v * c + 1 - Math.abs(m - x + 0.5) / p1;
      if (v > 1) continue;
      y = Math.floor(x);
    } else if (u <= p3) {
      y = Math.floor(xl + Math.log(v) / laml);
      if (y < 0 || v === 0) continue;
      v = v * (u - p2) * laml;
    } else {
      y = Math.floor(xr - Math.log(v) / lamr);
      if (y > n || v === 0) continue;
      v = v * (u - p3) * lamr;
    }
    const k = Math.abs(y - m);
    if (k <= 20 || k >= nrq / 2 - 1) {
      const s = r / q;
      const aa = s * (n + 1);
      let f = 1;
      if (m < y) for (let i = m + 1; i <= y; i++) f *= aa / i - s;
      else if (m > y) for (let i = y + 1; i <= m; i++) f /= aa / i - s;
      if (v > f) continue;
      return y;
    }
    const rho = k / nrq * ((k * (k / 3 + 0.625) + 0.16666666666666666) / nrq + 0.5);
    const t = -k * k / (2 * nrq);
    const logV = Math.log(v);
    if (logV < t - rho) return y;
    if (logV > t + rho) continue;
    const x1 = y + 1;
    const f1 = m + 1;
    const z14 = n + 1 - m;
    const w = n - y + 1;
    const bound = xm * Math.log(f1 / x1) + (n - m + 0.5) * Math.log(z14 / w) + (y - m) * Math.log(w * r / (x1 * q)) + stirlingTail(f1, f1 * f1) + stirlingTail(z14, z14 * z14) + stirlingTail(x1, x1 * x1) + stirlingTail(w, w * w);
    if (logV > bound) continue;
    return y;
  }
}
function multinomial(rng, n, counts, total, out) {
  let left = n;
  let rest = total;
  for (let j = 0; j < counts.length; j++) {
    const c = counts[j];
    if (left === 0 || c === 0) {
      out[j] = 0;
    } else if (c >= rest) {
      out[j] = left;
      left = 0;
    } else {
      const x = binomial(rng, left, c / rest);
      out[j] = x;
      left -= x;
    }
    rest -= c;
  }
}

// core/gate/sig-cells.ts
function cellDeltas(counts, n, delta, opts) {
  const rng = mulberry32(opts.state);
  const weights = new Float64Array(counts.length);
  const deltas = new Float64Array(opts.resamples);
  for (let r = 0; r < opts.resamples; r++) {
    multinomial(rng, n, counts, n, weights);
    deltas[r] = delta(weights);
  }
  return deltas;
}
var CellCounter = class {
  constructor(cap) {
    this.cap = cap;
  }
  cap;
  counts = /* @__PURE__ */ new Map();
  /** False once the cap is passed. */
  add(key, count = 1) {
    const c = this.counts.get(key);
    if (c === void 0) {
      if (this.counts.size >= this.cap) return false;
      this.counts.set(key, count);
    } else this.counts.set(key, c + count);
    return true;
  }
  get size() {
    return this.counts.size;
  }
  /** The cells, largest count first (ties by key). */
  cells() {
    const entries = [...this.counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return {
      keys: Float64Array.from(entries, (e) => e[0]),
      counts: Float64Array.from(entries, (e) => e[1])
    };
  }
};

// core/gate/sig-rows.ts
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
var BLOCK_BITS = 10;
var BLOCK = 1 << BLOCK_BITS;
var BATCH = 256;
var GROUP = 8;
var THREAD_MIN_DRAWS = 1 << 26;
var KERNEL = `function resampleGroup(d, width, blocks, lastSize, counts, states, first, count, sums, st, acc) {
  const STEP = ${MULBERRY32_STEP};
  const full = lastSize === ${BLOCK} ? blocks : blocks - 1;
  for (let q = 0; q < count; q++) {
    st[q] = states[first + q];
    acc[2 * q] = 0;
    acc[2 * q + 1] = 0;
  }
  for (let b = 0; b < full; b++) {
    const base = (b << ${BLOCK_BITS}) * width;
    for (let q = 0; q < count; q++) {
      let a = st[q];
      let k = counts[(first + q) * blocks + b];
      if (width === 1) {
        let s0 = 0, s1 = 0, s2 = 0;
        for (; k >= 3; k -= 3) {
          a = (a + STEP) | 0;
          let t = Math.imul(a ^ (a >>> 15), a | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          t ^= t >>> 14;
          s0 += d[base + (t & 1023)];
          s1 += d[base + ((t >>> 10) & 1023)];
          s2 += d[base + ((t >>> 20) & 1023)];
        }
        if (k > 0) {
          a = (a + STEP) | 0;
          let t = Math.imul(a ^ (a >>> 15), a | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          t ^= t >>> 14;
          s0 += d[base + (t & 1023)];
          if (k > 1) s1 += d[base + ((t >>> 10) & 1023)];
        }
        acc[2 * q] += s0 + s1 + s2;
      } else {
        let c0 = 0, b0 = 0, c1 = 0, b1 = 0, c2 = 0, b2 = 0;
        for (; k >= 3; k -= 3) {
          a = (a + STEP) | 0;
          let t = Math.imul(a ^ (a >>> 15), a | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          t ^= t >>> 14;
          const i = base + ((t & 1023) << 1);
          const j = base + (((t >>> 10) & 1023) << 1);
          const h = base + (((t >>> 20) & 1023) << 1);
          c0 += d[i]; b0 += d[i + 1];
          c1 += d[j]; b1 += d[j + 1];
          c2 += d[h]; b2 += d[h + 1];
        }
        if (k > 0) {
          a = (a + STEP) | 0;
          let t = Math.imul(a ^ (a >>> 15), a | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          t ^= t >>> 14;
          const i = base + ((t & 1023) << 1);
          c0 += d[i]; b0 += d[i + 1];
          if (k > 1) {
            const j = base + (((t >>> 10) & 1023) << 1);
            c1 += d[j]; b1 += d[j + 1];
          }
        }
        acc[2 * q] += c0 + c1 + c2;
        acc[2 * q + 1] += b0 + b1 + b2;
      }
      st[q] = a;
    }
  }
  if (full < blocks) {
    const base = (full << ${BLOCK_BITS}) * width;
    for (let q = 0; q < count; q++) {
      let a = st[q];
      let c = 0, s = 0;
      for (let k = counts[(first + q) * blocks + full]; k > 0; k--) {
        a = (a + STEP) | 0;
        let t = Math.imul(a ^ (a >>> 15), a | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const i = base + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * lastSize) * width;
        c += d[i];
        if (width === 2) s += d[i + 1];
      }
      acc[2 * q] += c;
      acc[2 * q + 1] += s;
    }
  }
  for (let q = 0; q < count; q++) {
    sums[2 * (first + q)] = acc[2 * q];
    sums[2 * (first + q) + 1] = acc[2 * q + 1];
  }
}`;
var kernel = null;
function kernelHere() {
  kernel ??= new Function(`return (${KERNEL});`)();
  return kernel;
}
var OFFER = 0;
var DONE = 1;
var SIZE = 2;
var CLAIM = `function claim(ctl) {
  for (;;) {
    const offer = Atomics.load(ctl, ${OFFER});
    if (offer < 0 || (offer & 63) >= ((offer >> 6) & 63)) return -1;
    if (Atomics.compareExchange(ctl, ${OFFER}, offer, offer + 1) === offer) return offer & 63;
  }
}`;
var WORKER = `const { workerData } = require("node:worker_threads");
const { ctl, d, width, blocks, lastSize, counts, states, sums, finished } = workerData;
const resampleGroup = (${KERNEL});
const claim = (${CLAIM});
const st = new Int32Array(${GROUP});
const acc = new Float64Array(${2 * GROUP});
for (;;) {
  const offer = Atomics.load(ctl, ${OFFER});
  if (offer < 0) break;
  const group = claim(ctl);
  if (group < 0) {
    Atomics.wait(ctl, ${OFFER}, offer);
    continue;
  }
  const first = group * ${GROUP};
  const count = Math.min(${GROUP}, Atomics.load(ctl, ${SIZE}) - first);
  resampleGroup(d, width, blocks, lastSize, counts, states, first, count, sums, st, acc);
  Atomics.store(finished, group, 1);
  Atomics.add(ctl, ${DONE}, 1);
  Atomics.notify(ctl, ${DONE});
}`;
var claimHere = null;
var STALL_MS = 3e4;
function sharedFloat64(length) {
  return shared(Float64Array, length);
}
function shared(Type, length) {
  return new Type(new SharedArrayBuffer(Math.max(1, length) * Type.BYTES_PER_ELEMENT));
}
function resampleSums(values, width, opts) {
  const n = values.length / width;
  const blocks = Math.ceil(n / BLOCK);
  const lastSize = n - (blocks - 1) * BLOCK;
  const sizes = new Float64Array(blocks).fill(BLOCK);
  sizes[blocks - 1] = lastSize;
  const threads = opts.threads ?? (n * opts.resamples >= THREAD_MIN_DRAWS ? Math.min(2, availableParallelism()) : 1);
  const batch = Math.min(BATCH, opts.resamples);
  let ctl = shared(Int32Array, 3);
  let counts = shared(Int32Array, batch * blocks);
  let states = shared(Int32Array, batch);
  let sums = shared(Float64Array, 2 * batch);
  let finished = shared(Uint8Array, Math.ceil(batch / GROUP));
  let d = values;
  let worker = null;
  if (threads > 1) {
    if (!(values.buffer instanceof SharedArrayBuffer)) {
      d = shared(Float64Array, values.length);
      d.set(values);
    }
    try {
      worker = new Worker(WORKER, {
        eval: true,
        workerData: { ctl, d, width, blocks, lastSize, counts, states, sums, finished }
      });
      worker.unref();
      worker.on("error", () => {
      });
    } catch {
      worker = null;
    }
  }
  const run = kernelHere();
  claimHere ??= new Function(`return (${CLAIM});`)();
  const claim = claimHere;
  const st = new Int32Array(GROUP);
  const acc = new Float64Array(2 * GROUP);
  const stream = sharedStream(opts.state);
  const out = new Float64Array(2 * opts.resamples);
  const row = new Int32Array(blocks);
  try {
    for (let start = 0, gen = 1; start < opts.resamples; start += batch, gen++) {
      const size = Math.min(batch, opts.resamples - start);
      for (let r = 0; r < size; r++) {
        multinomial(stream.rng, n, sizes, n, row);
        counts.set(row, r * blocks);
      }
      let state = stream.state[0];
      for (let r = 0; r < size; r++) {
        states[r] = state;
        let uses = 0;
        for (let b = 0; b < blocks; b++) {
          const k = counts[r * blocks + b];
          uses += lastSize < BLOCK && b === blocks - 1 ? k : Math.ceil(k / 3);
        }
        state = state + Math.imul(MULBERRY32_STEP, uses % 4294967296) | 0;
      }
      stream.state[0] = state;
      const groups = Math.ceil(size / GROUP);
      finished.fill(0);
      Atomics.store(ctl, SIZE, size);
      Atomics.store(ctl, DONE, 0);
      Atomics.store(ctl, OFFER, gen << 12 | groups << 6);
      Atomics.notify(ctl, OFFER);
      for (; ; ) {
        const group = claim(ctl);
        if (group < 0) break;
        const first = group * GROUP;
        run(d, width, blocks, lastSize, counts, states, first, Math.min(GROUP, size - first), sums, st, acc);
        Atomics.store(finished, group, 1);
        Atomics.add(ctl, DONE, 1);
      }
      let seen = Atomics.load(ctl, DONE);
      let since = Date.now();
      while (seen < groups && worker) {
        Atomics.wait(ctl, DONE, seen, 1e3);
        const now = Atomics.load(ctl, DONE);
        if (now !== seen) {
          seen = now;
          since = Date.now();
        } else if (Date.now() - since > STALL_MS) {
          worker.terminate();
          worker = null;
        }
      }
      for (let group = 0; group < groups; group++) {
        if (Atomics.load(finished, group) === 1) continue;
        const first = group * GROUP;
        run(d, width, blocks, lastSize, counts, states, first, Math.min(GROUP, size - first), sums, st, acc);
      }
      out.set(sums.subarray(0, 2 * size), 2 * start);
      if (threads > 1 && worker === null) {
        ctl = shared(Int32Array, 3);
        counts = shared(Int32Array, batch * blocks);
        states = shared(Int32Array, batch);
        sums = shared(Float64Array, 2 * batch);
        finished = shared(Uint8Array, Math.ceil(batch / GROUP));
      }
    }
  } finally {
    Atomics.store(ctl, OFFER, -1);
    Atomics.notify(ctl, OFFER);
  }
  return out;
}
function sharedStream(seed) {
  const state = new Int32Array(1);
  state[0] = seed | 0;
  return {
    state,
    rng: () => {
      const a = state[0] + MULBERRY32_STEP | 0;
      state[0] = a;
      let t = Math.imul(a ^ a >>> 15, a | 1);
      t ^= t + Math.imul(t ^ t >>> 7, t | 61);
      return ((t ^ t >>> 14) >>> 0) / 4294967296;
    }
  };
}
function meanDeltas(d, opts) {
  const n = d.length;
  const sums = resampleSums(d, 1, opts);
  const deltas = new Float64Array(opts.resamples);
  for (let r = 0; r < deltas.length; r++) deltas[r] = sums[2 * r] / n;
  return deltas;
}
function rootMeanDeltas(pairs, opts) {
  const n = pairs.length / 2;
  const sums = resampleSums(pairs, 2, opts);
  const deltas = new Float64Array(opts.resamples);
  for (let r = 0; r < deltas.length; r++) {
    deltas[r] = Math.sqrt(sums[2 * r] / n) - Math.sqrt(sums[2 * r + 1] / n);
  }
  return deltas;
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
var VALUE_CELL_CAP = 4096;
function perExampleMetric(metric, direction, paired) {
  const { candidate, baseline, baselineRow } = paired;
  const last = metric.split(".").at(-1) ?? metric;
  const column = [metric, last].find((c) => candidate.has(c) && baseline.has(c));
  if (column !== void 0) {
    const c = numbers(candidate, column);
    const b = aligned(numbers(baseline, column), baselineRow);
    return valueMetric(`column ${column}`, c, b, "mean", binaryDiscordant(c, b, direction));
  }
  const kind = BUILT_IN[last.toLowerCase()];
  if (kind === void 0) {
    return `${metric} cannot be computed from per-example results: add a ${last} column to them (label and prediction give ${COMPUTED.join(", ")})`;
  }
  for (const t of [candidate, baseline]) {
    for (const col of ["label", "prediction"]) {
      if (!t.has(col))
        return `${metric} needs label and prediction columns; ${t.file} has ${t.names.join(", ")}`;
    }
  }
  const source = `${kind} from label and prediction`;
  if (kind === "mae" || kind === "mse" || kind === "rmse") {
    const errors = (t, rows) => {
      const y = numbers(t, "label");
      const p = numbers(t, "prediction");
      const e = new Float64Array(t.rows);
      for (let i = 0; i < e.length; i++) {
        const diff = y[i] - p[i];
        e[i] = kind === "mae" ? Math.abs(diff) : diff ** 2;
      }
      return aligned(e, rows);
    };
    return valueMetric(
      source,
      errors(candidate, null),
      errors(baseline, baselineRow),
      kind === "rmse" ? "root" : "mean"
    );
  }
  return tableMetric(source, kind, paired);
}
function numbers(t, name) {
  const column = t.columns.get(name);
  if (column.numbers) return column.numbers.subarray(0, t.rows);
  const dictionary = column.dictionary;
  const codes = column.codes;
  const values = dictionary.numbers;
  const out = new Float64Array(t.rows);
  for (let i = 0; i < out.length; i++) {
    const v = values[codes[i]];
    if (Number.isNaN(v)) {
      throw new UsageError(
        `${t.file}:${t.line(i)}: ${name} ${JSON.stringify(dictionary.strings[codes[i]])} is not a finite number`,
        { hint: "Per-example values must be numbers (no NaN, Infinity or empty cells)" }
      );
    }
    out[i] = v;
  }
  return out;
}
function aligned(values, rows) {
  if (rows === null) return values;
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
  return out;
}
function sum(values) {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}
function mean(values) {
  return (idx) => {
    let s = 0;
    for (let i = 0; i < idx.length; i++) s += values[idx[i]];
    return s / idx.length;
  };
}
function binaryDiscordant(c, b, direction) {
  let onlyC = 0;
  let onlyB = 0;
  for (let i = 0; i < c.length; i++) {
    const x = c[i];
    const y = b[i];
    if (x !== 0 && x !== 1 || y !== 0 && y !== 1) return void 0;
    if (x > y) onlyC++;
    else if (x < y) onlyB++;
  }
  return direction === "higher" ? { b: onlyC, c: onlyB } : { b: onlyB, c: onlyC };
}
function valueMetric(source, c, b, form, discordant) {
  const n = c.length;
  const finish = form === "root" ? Math.sqrt : (x) => x;
  const cells = valueCells(c, b);
  const metric = {
    source,
    n,
    candidateValue: finish(sum(c) / n),
    baselineValue: finish(sum(b) / n),
    ...discordant ? { discordant } : {},
    resampling: cells ? "cells" : "rows",
    deltas(opts) {
      if (cells) {
        const { cv, bv, counts } = cells;
        return cellDeltas(
          counts,
          n,
          (w) => {
            let sc = 0;
            let sb = 0;
            for (let j = 0; j < w.length; j++) {
              sc += w[j] * cv[j];
              sb += w[j] * bv[j];
            }
            return finish(sc / n) - finish(sb / n);
          },
          opts
        );
      }
      if (form === "mean") {
        const d = sharedFloat64(n);
        for (let i = 0; i < n; i++) d[i] = c[i] - b[i];
        return meanDeltas(d, opts);
      }
      const pairs = sharedFloat64(2 * n);
      for (let i = 0; i < n; i++) {
        pairs[2 * i] = c[i];
        pairs[2 * i + 1] = b[i];
      }
      return rootMeanDeltas(pairs, opts);
    },
    get candidate() {
      const m = mean(c);
      return (idx) => finish(m(idx));
    },
    get baseline() {
      const m = mean(b);
      return (idx) => finish(m(idx));
    }
  };
  return metric;
}
function valueCells(c, b) {
  const n = c.length;
  const cap = Math.min(VALUE_CELL_CAP, Math.floor(n / 16));
  if (cap < 1) return null;
  const ids = (values) => {
    const seen = /* @__PURE__ */ new Map();
    const of = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      let id = seen.get(v);
      if (id === void 0) {
        if (seen.size >= cap) return null;
        id = seen.size;
        seen.set(v, id);
      }
      of[i] = id;
    }
    return { of, values: [...seen.keys()] };
  };
  const ci = ids(c);
  const bi = ci && ids(b);
  if (!ci || !bi) return null;
  const width = bi.values.length;
  const counter2 = new CellCounter(cap);
  for (let i = 0; i < n; i++) {
    if (!counter2.add(ci.of[i] * width + bi.of[i])) return null;
  }
  const { keys, counts } = counter2.cells();
  return {
    counts,
    cv: Float64Array.from(keys, (k) => ci.values[Math.floor(k / width)]),
    bv: Float64Array.from(keys, (k) => bi.values[k % width])
  };
}
function rowClasses(classes, column, order) {
  const n = column.rows;
  if (column.numbers) {
    const v = column.numbers;
    const codes2 = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const i = order ? order[k] : k;
      codes2[i] = classes.classOf(String(v[i]));
    }
    return { codes: codes2, map: new Int32Array(0) };
  }
  const dictionary = column.dictionary;
  const codes = column.codes;
  if (order === null) return { codes, map: classes.mapOf(dictionary) };
  const map = new Int32Array(dictionary.size).fill(-1);
  let left = dictionary.size;
  for (let k = 0; k < n && left > 0; k++) {
    const code = codes[order[k]];
    if (map[code] === -1) {
      map[code] = classes.classOf(dictionary.strings[code].trim());
      left--;
    }
  }
  return { codes, map };
}
function tableMetric(source, kind, paired) {
  const { candidate, baseline, baselineRow } = paired;
  const n = candidate.rows;
  const classes = new ClassSpace();
  const col = (t, name) => t.columns.get(name);
  const y = rowClasses(classes, col(candidate, "label"), null);
  const pc = rowClasses(classes, col(candidate, "prediction"), null);
  const pb = rowClasses(classes, col(baseline, "prediction"), baselineRow);
  const k = classes.size;
  for (const r of [y, pc, pb]) if (r.map.length === 0) r.map = Int32Array.from({ length: k }, (_, i) => i);
  const cells = tableCells(y, pc, pb, k, n, baselineRow);
  const m = cells.counts.length;
  const cy = new Int32Array(m);
  const cc = new Int32Array(m);
  const cb = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    const key = cells.keys[j];
    cy[j] = Math.floor(key / (k * k));
    cc[j] = Math.floor(key / k) % k;
    cb[j] = key % k;
  }
  const tp = new Float64Array(k);
  const fp = new Float64Array(k);
  const fn = new Float64Array(k);
  const support = new Float64Array(k);
  const statistic = (w, pred) => {
    if (kind === "accuracy" || kind === "error_rate") {
      let right = 0;
      for (let j = 0; j < m; j++) if (cy[j] === pred[j]) right += w[j];
      return kind === "accuracy" ? right / n : 1 - right / n;
    }
    tp.fill(0);
    fp.fill(0);
    fn.fill(0);
    support.fill(0);
    for (let j = 0; j < m; j++) {
      const x = w[j];
      const label2 = cy[j];
      const p = pred[j];
      support[label2] = support[label2] + x;
      if (label2 === p) tp[label2] = tp[label2] + x;
      else {
        fp[p] = fp[p] + x;
        fn[label2] = fn[label2] + x;
      }
    }
    return kind === "f1_macro" ? f1FromCounts(tp, fp, fn, k) : balancedFromCounts(tp, support, k);
  };
  const delta = (w) => statistic(w, cc) - statistic(w, cb);
  let onlyC = 0;
  let onlyB = 0;
  for (let j = 0; j < m; j++) {
    const rightC = cy[j] === cc[j];
    const rightB = cy[j] === cb[j];
    if (rightC && !rightB) onlyC += cells.counts[j];
    else if (!rightC && rightB) onlyB += cells.counts[j];
  }
  let rows = null;
  const perRow = () => {
    if (rows) return rows;
    const expand = (r, order) => Int32Array.from(
      { length: n },
      (_, i) => r.map[r.codes[order ? order[i] : i]]
    );
    rows = { y: expand(y, null), pc: expand(pc, null), pb: expand(pb, baselineRow) };
    return rows;
  };
  const rowStatistic = (which) => {
    const { y: labels2, [which]: predictions } = perRow();
    if (kind === "accuracy" || kind === "error_rate") {
      return (idx) => {
        let right = 0;
        for (let i = 0; i < idx.length; i++)
          if (labels2[idx[i]] === predictions[idx[i]]) right++;
        return kind === "accuracy" ? right / idx.length : 1 - right / idx.length;
      };
    }
    const stat4 = kind === "f1_macro" ? f1Macro : balancedAccuracy;
    return (idx) => stat4(labels2, predictions, k, idx);
  };
  return {
    source,
    n,
    candidateValue: statistic(cells.counts, cc),
    baselineValue: statistic(cells.counts, cb),
    ...kind === "accuracy" || kind === "error_rate" ? { discordant: { b: onlyC, c: onlyB } } : {},
    resampling: "cells",
    deltas: (opts) => cellDeltas(cells.counts, n, delta, opts),
    get candidate() {
      return rowStatistic("pc");
    },
    get baseline() {
      return rowStatistic("pb");
    }
  };
}
function tableCells(y, pc, pb, k, n, baselineRow) {
  const { codes: yc, map: ym } = y;
  const { codes: cc, map: cm } = pc;
  const { codes: bc, map: bm } = pb;
  const key = (i) => {
    const j = baselineRow ? baselineRow[i] : i;
    return (ym[yc[i]] * k + cm[cc[i]]) * k + bm[bc[j]];
  };
  if (k * k * k <= 1 << 20) {
    const dense = new Float64Array(k * k * k);
    for (let i = 0; i < n; i++) {
      const x = key(i);
      dense[x] = dense[x] + 1;
    }
    const counter3 = new CellCounter(Number.POSITIVE_INFINITY);
    for (let x = 0; x < dense.length; x++) if (dense[x] > 0) counter3.add(x, dense[x]);
    return counter3.cells();
  }
  const counter2 = new CellCounter(Number.POSITIVE_INFINITY);
  for (let i = 0; i < n; i++) counter2.add(key(i));
  return counter2.cells();
}
function confusion(labels2, predictions, k, idx) {
  const tp = new Float64Array(k);
  const fp = new Float64Array(k);
  const fn = new Float64Array(k);
  const support = new Float64Array(k);
  for (let j = 0; j < idx.length; j++) {
    const i = idx[j];
    const y = labels2[i];
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
function f1FromCounts(tp, fp, fn, k) {
  let total = 0;
  let classes = 0;
  for (let c = 0; c < k; c++) {
    const denominator = 2 * tp[c] + fp[c] + fn[c];
    if (denominator === 0) continue;
    total += 2 * tp[c] / denominator;
    classes++;
  }
  return classes === 0 ? 0 : total / classes;
}
function balancedFromCounts(tp, support, k) {
  let total = 0;
  let classes = 0;
  for (let c = 0; c < k; c++) {
    if (support[c] === 0) continue;
    total += tp[c] / support[c];
    classes++;
  }
  return classes === 0 ? 0 : total / classes;
}
function f1Macro(labels2, predictions, k, idx) {
  const { tp, fp, fn } = confusion(labels2, predictions, k, idx);
  return f1FromCounts(tp, fp, fn, k);
}
function balancedAccuracy(labels2, predictions, k, idx) {
  const { tp, support } = confusion(labels2, predictions, k, idx);
  return balancedFromCounts(tp, support, k);
}

// core/gate/mcnemar.ts
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
    const deltas = m.deltas({ resamples: sig.resamples, state: streamSeed(sig.seed, metric) });
    const boot = { delta: m.candidateValue - m.baselineValue, ...percentileInterval(deltas, sig.level) };
    const worse = (d) => direction === "higher" ? d < 0 : d > 0;
    const ci = `[${fmtDelta(boot.ci[0])}, ${fmtDelta(boot.ci[1])}]`;
    const bootstrapText = `${fmtDelta(boot.delta)} ${ci} (paired bootstrap, ${boot.resamples} resamples, ${level}, ${m.n} examples, ${m.source})`;
    let significant = boot.ci[0] > 0 || boot.ci[1] < 0;
    let method = "bootstrap";
    let pValue;
    let detail = bootstrapText;
    if (m.discordant) {
      const { b, c } = m.discordant;
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
      candidate: m.candidateValue,
      baseline: m.baselineValue,
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
  const evaluated = inputs.evaluation;
  const checks = metricChecks(policy, {
    candidate: evaluated?.candidateMetrics ?? candidate.metrics,
    baseline: baseline.run ? evaluated?.baselineMetrics ?? baseline.run.metrics : null
  }).map((c) => ({ ...c, direction: directionOf(c.metric) ?? "higher" }));
  checks.push(
    ...sliceChecks(policy, candidate.slices ?? {}, baseline.run?.slices ?? null).map((c) => ({
      ...c,
      // A gap is better smaller; a slice bound's worst value follows the metric.
      direction: c.rule === "slice-gap" ? "lower" : policy.slices.find((s) => s.by === c.by)?.directions[c.metric] ?? "higher"
    }))
  );
  const notes = [...evaluated?.notes ?? []];
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
      if (typeof c !== "string" && typeof b !== "string" && typeof paired === "string") {
        notes.push({
          kind: "different-evaluation-data",
          message: `the candidate and the baseline were scored on different evaluation data, so their metrics are not compared like for like; declare \`evaluate:\` in the model's config so kiln scores both models on the same data (${paired})${changedData(candidate, baseline.run)}`
        });
      }
      notes.push(...noiseFloorNotes(policy, checks, results, sig.level));
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
    ...inputs.advisory ? { advisory: true } : {},
    ...notes.length ? { notes } : {},
    ...evaluated ? { evaluation: evaluated.record } : {}
  };
}
function noiseFloorNotes(policy, checks, results, level) {
  const notes = [];
  for (const r of results) {
    if (r.skipped || !r.ci) continue;
    const half = (r.ci[1] - r.ci[0]) / 2;
    for (const rule of ["max-regression", "min-improvement"]) {
      const t = policy.metrics[r.metric]?.[rule];
      const check = checks.find((c) => c.metric === r.metric && c.rule === rule && !c.skipped);
      if (!t || !check || check.baseline === null) continue;
      const allowed = t.kind === "absolute" ? t.value : t.value * Math.abs(check.baseline);
      if (allowed >= half) continue;
      notes.push({
        kind: "noise-floor",
        metric: r.metric,
        message: `${r.metric} ${rule} ${thresholdLabel(t)} is tighter than the metric's sampling noise at ${r.examples ?? "these"} examples (±${fmt(half)} at ${fmt(level * 100)}%): unchanged code can flip it. Loosen the rule or evaluate on more examples.`
      });
    }
  }
  return notes;
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
function changedData(candidate, baseline) {
  const before = baseline?.data ?? {};
  const changed = Object.entries(candidate.data ?? {}).filter(([path, f]) => before[path] !== void 0 && before[path]?.sha256 !== f.sha256).map(([path]) => path);
  return changed.length ? `; ${changed.join(", ")} ${changed.length === 1 ? "differs" : "differ"} between the two runs` : "";
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
    const status3 = b === null ? "added" : "removed";
    return { metric, base: b, head: h, delta: null, relative: null, direction, status: status3, trend: null };
  }
  const delta = h - b;
  const relative = b === 0 ? null : delta / Math.abs(b);
  const trend = h === b ? "same" : (direction === "higher" ? h > b : h < b) ? "better" : "worse";
  const status2 = h === b ? "unchanged" : "changed";
  return { metric, base: b, head: h, delta, relative, direction, status: status2, trend };
}
function diffMetrics(base, head, directionOf) {
  return unionKeys(base, head).map((m) => diffMetric(m, base[m], head[m], directionOf(m)));
}
function diffSlices(base, head, directionOf) {
  return unionKeys(base, head).map((slice) => {
    const b = base[slice];
    const h = head[slice];
    const metrics = diffMetrics(b ?? {}, h ?? {}, directionOf);
    const status2 = !b ? "added" : !h ? "removed" : metrics.some((m) => m.status !== "unchanged") ? "changed" : "unchanged";
    return { slice, status: status2, metrics };
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
    const status2 = !b ? "added" : !h ? "removed" : b.sha256 === h.sha256 && b.rows === h.rows ? "unchanged" : "changed";
    return { path, base: b, head: h, status: status2 };
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
function regate(input) {
  const { run, config, defaultBranch, links } = input;
  const model = run.model;
  const entry = config.models[model];
  const baseline = input.baseline ?? NO_BASELINE;
  let gate = null;
  if (entry) {
    gate = evaluateGate({
      policy: normalisePolicy(model, entry),
      candidate: run,
      baseline,
      policySource: `${CONFIG_PATH} on ${defaultBranch}`,
      advisory: false,
      ...input.candidateExamples === void 0 ? {} : { candidateExamples: input.candidateExamples },
      ...input.baseline?.examples === void 0 ? {} : { baselineExamples: input.baseline.examples },
      ...input.baselineExamples === void 0 ? {} : { baselineExamples: input.baselineExamples },
      ...input.evaluation ? { evaluation: input.evaluation } : {}
    });
  }
  const directions = gateDirections(gate?.checks ?? []);
  const base = baseline.run ?? { schema: "kiln.run/v1", model, metrics: {} };
  const notes = [
    !entry ? `> ⚠️ ${escapeMarkdown(CONFIG_PATH)} on ${escapeMarkdown(defaultBranch)} declares no model ${model}: not gated (a new model is gated once its policy is on the default branch).` : baseline.run ? "" : baselineNote(baseline, model, defaultBranch),
    input.policyChanged ? `> ℹ️ This pull request changes ${escapeMarkdown(CONFIG_PATH)}: its own gate job used that policy and is advisory; this verdict uses ${escapeMarkdown(CONFIG_PATH)} on ${escapeMarkdown(defaultBranch)}, and it is the one that counts.` : ""
  ];
  const note = notes.filter(Boolean).join("\n\n");
  const body = renderModelSection(
    {
      diff: diffRuns(base, run, { directions }),
      gate,
      ...input.history ? { history: input.history } : {},
      base: baseSide(baseline, links),
      head: {
        label: "this PR",
        sha: links.sha,
        ...links.url ? { url: links.url } : {},
        ...links.runNumber ? { run: links.runNumber } : {}
      },
      refreshHint: true
    },
    { maxChars: COMMENT_MAX - COMMENT_MARKER.length - note.length - 4 }
  );
  const section = note ? withNote(body, model, note) : body;
  if (!gate)
    return { model, section, conclusion: "neutral", title: "not gated: no policy on the default branch" };
  const failed = gate.checks.filter((c) => !c.passed).length;
  const against = baseline.run ? ` vs ${baseline.label}` : ", no baseline";
  return gate.passed ? {
    model,
    section,
    conclusion: "success",
    title: `gate passed (${gate.checks.length} checks${against})`
  } : {
    model,
    section,
    conclusion: "failure",
    title: `gate failed (${failed} of ${gate.checks.length} checks${against})`
  };
}
function baselineNote(b, model, defaultBranch) {
  if (b.error !== void 0)
    return `> ⚠️ No baseline: ${escapeMarkdown(b.error, 400)}. Change rules are skipped; \`/kiln diff\` tries again.`;
  const why = b.notes.length ? ` (${escapeMarkdown(b.notes.join("; "), 600)})` : "";
  return `> ℹ️ No baseline yet${why}: change rules are skipped. They apply once the model has a production version in the registry or a successful run of this workflow on ${escapeMarkdown(defaultBranch)} uploaded \`kiln-run-${model}\`.`;
}
function baseSide(b, links) {
  const bl = b.baseline;
  if (!b.run) return { label: "no baseline" };
  if (bl.source === "registry")
    return { label: String(bl.model_version ?? b.label), ...bl.sha ? { sha: String(bl.sha) } : {} };
  const runId = bl.run_id === void 0 ? void 0 : String(bl.run_id);
  const url2 = runId && links.url && /\/actions\/runs\/\d+/.test(links.url) ? links.url.replace(/\/actions\/runs\/\d+.*$/, `/actions/runs/${runId}`) : void 0;
  return {
    label: String(bl.branch ?? "base"),
    ...bl.sha ? { sha: String(bl.sha) } : {},
    ...url2 ? { url: url2 } : {}
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
function noticeKey(workflowPath) {
  const file = (workflowPath ?? "workflow").split("/").pop() ?? "workflow";
  return `workflow.${file.toLowerCase().replace(/[^a-z0-9._-]/g, "-")}`.slice(0, 64);
}
function noArtifactSection(workflowPath, run, otherKilnArtifacts) {
  const key = noticeKey(workflowPath);
  const file = escapeMarkdown((workflowPath ?? "the workflow").split("/").pop() ?? "", 100);
  const runText = `run${run.runNumber ? ` #${run.runNumber}` : ""}`;
  const link2 = run.url && /^https?:\/\/[^\s()<>"'`\\[\]]+$/.test(run.url) ? `[${runText}](${run.url})` : runText;
  const concluded = run.conclusion ? ` (it concluded **${escapeMarkdown(run.conclusion, 40)}**)` : "";
  const others = otherKilnArtifacts.length ? ` It did upload ${otherKilnArtifacts.slice(0, 10).map((n) => `\`${escapeMarkdown(n, 80).replace(/`/g, "")}\``).join(", ")}.` : "";
  return [
    sectionStart(key),
    `### 🔥 kiln — ${file} · ⚠️ no model to compare`,
    "",
    `> The ${link2} of ${file}${concluded} uploaded no \`kiln-run-*\` artifact, so no model was compared or gated.${others}`,
    "> If this pull request changes a model, check the train step's log: it uploads `kiln-run-<model>` with run.json when training succeeds. `/kiln diff` refreshes this comment.",
    sectionEnd(key)
  ].join("\n");
}

// app/refresh.ts
var PR_EVENTS = /* @__PURE__ */ new Set(["pull_request", "pull_request_target"]);
var CHART_POINTS = 10;
function readRun(repository, run) {
  const repo = repository;
  const r = run;
  if (!repo || !r || typeof r !== "object" || Array.isArray(r)) return null;
  const { name, default_branch: branch } = repo;
  const owner = repo.owner?.login;
  if (typeof name !== "string" || typeof owner !== "string" || typeof branch !== "string") return null;
  if (typeof r.id !== "number" || typeof r.head_sha !== "string" || !/^[0-9a-f]{40}$/.test(r.head_sha))
    return null;
  if (typeof r.event !== "string") return null;
  const prs = Array.isArray(r.pull_requests) ? r.pull_requests : [];
  const pulls = prs.map((pr) => pr?.number).filter((n) => typeof n === "number" && Number.isInteger(n) && n > 0);
  const base = prs.map((pr) => pr?.base?.ref).find((b) => typeof b === "string");
  return {
    repo: { owner, repo: name },
    defaultBranch: branch,
    runId: r.id,
    headSha: r.head_sha,
    headBranch: typeof r.head_branch === "string" ? r.head_branch : null,
    event: r.event,
    conclusion: typeof r.conclusion === "string" ? r.conclusion : null,
    workflowId: typeof r.workflow_id === "number" ? r.workflow_id : null,
    path: typeof r.path === "string" ? r.path : null,
    ...typeof r.html_url === "string" ? { url: r.html_url } : {},
    ...typeof r.run_number === "number" ? { runNumber: r.run_number } : {},
    pulls,
    baseBranch: base ?? null
  };
}
async function refreshRun(octokit, log, ev, opts = {}) {
  const isPr = PR_EVENTS.has(ev.event);
  const isMainPush = ev.event === "push" && ev.headBranch === ev.defaultBranch;
  if (!isPr && !isMainPush)
    return skip(log, ev, `a ${ev.event} run is neither a PR's nor the default branch's`);
  const config = await readDefaultConfig(octokit, ev.repo, ev.defaultBranch);
  if (config.kind === "missing") return skip(log, ev, `no ${CONFIG_PATH} on ${ev.defaultBranch}`);
  const explicit = config.kind === "ok" && config.config.app.workflows.length > 0;
  if (config.kind === "ok" && !workflowSelected(config.config, ev.path))
    return skip(log, ev, "workflow not in app.workflows");
  const listed = await listRunArtifacts(octokit, ev.repo, ev.runId);
  const artifacts = listed.filter((a) => a.kind === "run");
  const otherKiln = listed.filter((a) => a.kind !== "run").map((a) => a.name);
  if (isMainPush) {
    if (config.kind !== "ok" || ev.conclusion !== "success" || artifacts.length === 0)
      return skip(log, ev, "a default-branch run without a successful kiln-run-* artifact: no history");
    return recordHistory(octokit, log, ev, config.config, artifacts);
  }
  if (config.kind === "invalid") {
    if (artifacts.length === 0) return skip(log, ev, "no kiln-run-* artifacts (and the config is invalid)");
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
    return { kind: "config-invalid" };
  }
  const pulls = opts.pulls ?? await findPullRequests(octokit, ev.repo, ev.pulls, ev.headSha);
  const notice = noticeKey(ev.path);
  if (artifacts.length === 0) {
    const file = (ev.path ?? "").split("/").pop() ?? "";
    if (!explicit && otherKiln.length === 0 && !file.startsWith("kiln"))
      return skip(log, ev, "no kiln-* artifacts: not a kiln workflow");
    const section = noArtifactSection(
      ev.path,
      {
        ...ev.url ? { url: ev.url } : {},
        ...ev.runNumber ? { runNumber: ev.runNumber } : {},
        conclusion: ev.conclusion
      },
      otherKiln
    );
    for (const pr of pulls) await upsertComment(octokit, ev.repo, pr, [section]);
    log.info({ pulls, run: ev.runId }, "workflow_run: no kiln-run-* artifacts; said so on the PR");
    return { kind: "commented", pulls, models: [] };
  }
  const outcomes = await regateArtifacts(
    octokit,
    log,
    ev,
    config.config,
    artifacts,
    listed.filter((a) => a.kind === "gate"),
    config.text
  );
  for (const o of outcomes)
    await createCheck(octokit, ev, `kiln / ${o.model}`, o.conclusion, o.title, o.section);
  if (pulls.length === 0) log.info({ sha: ev.headSha }, "workflow_run: no open pull request for the run");
  for (const pr of pulls) {
    const id = await upsertComment(
      octokit,
      ev.repo,
      pr,
      outcomes.map((o) => o.section),
      [notice]
    );
    log.info({ pr, comment: id, models: outcomes.map((o) => o.model) }, "workflow_run: comment written");
  }
  return { kind: "commented", pulls, models: outcomes.map((o) => o.model) };
}
async function regateArtifacts(octokit, log, ev, config, artifacts, gates, defaultText) {
  const budget = { left: MAX_UNZIPPED_BYTES };
  const history = new GitHubMetricHistory({ ...ev.repo, octokit: asGitHub(octokit) });
  const policyChanged = await configDiffers(octokit, ev.repo, defaultText, ev.headSha);
  const outcomes = [];
  for (const artifact of artifacts) {
    const significance = Boolean(config.models[artifact.model]?.gate.significance);
    const read = await readRunArtifact(octokit, ev.repo, artifact, budget, { examples: significance });
    if (!read.ok && read.sweepVariant) {
      log.debug({ artifact: artifact.name }, "workflow_run: a sweep variant; its winner is gated");
      continue;
    }
    if (!read.ok) {
      log.warn({ artifact: artifact.name, error: read.error }, "workflow_run: artifact unusable");
      outcomes.push(errorOutcome(artifact.model, read.error));
      continue;
    }
    const declared = Boolean(config.models[read.run.model]);
    const [baseline, past] = declared ? await Promise.all([
      appBaseline(octokit, ev.repo, {
        model: read.run.model,
        branch: ev.baseBranch ?? ev.defaultBranch,
        workflow: ev.workflowId ?? (ev.path ?? "").split("/").pop() ?? "",
        examples: significance
      }),
      readHistory(history, log, read.run.model)
    ]) : [null, void 0];
    const entry = config.models[read.run.model];
    const gateArtifact = gates.find((g) => g.model === read.run.model);
    const evaluated = entry?.evaluate && gateArtifact ? await artifactEvaluation({
      octokit,
      repo: ev.repo,
      defaultBranch: ev.defaultBranch,
      gateArtifact,
      run: read.run,
      config: entry,
      baseline,
      budget
    }) : null;
    if (evaluated && !evaluated.ok)
      log.warn({ model: read.run.model, reason: evaluated.reason }, "workflow_run: evaluation not used");
    const fromEvaluation = evaluated?.ok ? evaluated : null;
    if (baseline?.error)
      log.warn(
        { model: read.run.model, err: baseline.cause },
        `workflow_run: no baseline: ${baseline.error}`
      );
    outcomes.push(
      regate({
        run: read.run,
        config,
        defaultBranch: ev.defaultBranch,
        links: {
          sha: ev.headSha,
          ...ev.url ? { url: ev.url } : {},
          ...ev.runNumber ? { runNumber: ev.runNumber } : {}
        },
        baseline,
        ...past ? { history: past } : {},
        ...policyChanged ? { policyChanged } : {},
        ...fromEvaluation ? {
          evaluation: fromEvaluation.evaluation,
          ...fromEvaluation.candidateExamples === void 0 ? {} : { candidateExamples: fromEvaluation.candidateExamples },
          ...fromEvaluation.baselineExamples === void 0 ? {} : { baselineExamples: fromEvaluation.baselineExamples }
        } : {},
        ...read.examples && !fromEvaluation?.candidateExamples ? {
          candidateExamples: "text" in read.examples ? examplesTable(read.run, read.examples.text, artifact.name) : read.examples.error
        } : {}
      })
    );
  }
  return outcomes;
}
async function readHistory(history, log, model) {
  try {
    return await history.read(model, CHART_POINTS);
  } catch (err) {
    log.warn({ model, error: err.message }, "workflow_run: history unreadable; no chart");
    return void 0;
  }
}
async function recordHistory(octokit, log, ev, config, artifacts) {
  const history = new GitHubMetricHistory({ ...ev.repo, octokit: asGitHub(octokit) });
  const budget = { left: MAX_UNZIPPED_BYTES };
  const models = [];
  for (const artifact of artifacts) {
    if (!config.models[artifact.model]) continue;
    const read = await readRunArtifact(octokit, ev.repo, artifact, budget);
    if (!read.ok) {
      log.warn(
        { artifact: artifact.name, error: read.error },
        "workflow_run: artifact unusable; not recorded"
      );
      continue;
    }
    await history.append({
      model: read.run.model,
      sha: ev.headSha,
      ref: ev.defaultBranch,
      run_id: String(ev.runId),
      recorded_at: (/* @__PURE__ */ new Date()).toISOString(),
      metrics: read.run.metrics
    });
    models.push(read.run.model);
  }
  log.info({ models, run: ev.runId }, "workflow_run: default-branch metrics recorded in the history");
  return { kind: "history", models };
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
function skip(log, ev, reason) {
  log.info({ run: ev.runId, repo: `${ev.repo.owner}/${ev.repo.repo}` }, `workflow_run: skipped: ${reason}`);
  return { kind: "skipped", reason };
}

// app/handlers/issue-comment.ts
var COMMAND = /^\s*\/kiln\s+diff\s*$/m;
var ALLOWED = /* @__PURE__ */ new Set(["admin", "maintain", "write"]);
var MAX_CANDIDATES = 5;
async function onIssueCommentCreated(context) {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
  const p = context.payload;
  const body = p?.comment?.body;
  const login = p?.comment?.user?.login;
  const issue = p?.issue?.number;
  const owner = p?.repository?.owner?.login;
  const name = p?.repository?.name;
  if (typeof body !== "string" || !COMMAND.test(body)) return;
  if (summary.installation === null || typeof login !== "string" || typeof issue !== "number" || typeof owner !== "string" || typeof name !== "string" || typeof p?.comment?.id !== "number")
    return;
  if (!p?.issue?.pull_request) {
    context.log.info({ issue }, "/kiln diff: not a pull request; ignored");
    return;
  }
  if (p.comment?.user?.type === "Bot" || login.endsWith("[bot]")) {
    context.log.info({ login }, "/kiln diff: from a bot; ignored");
    return;
  }
  const repo = { owner, repo: name };
  const octokit = context.octokit;
  const { data: perm } = await octokit.rest.repos.getCollaboratorPermissionLevel({
    ...repo,
    username: login
  });
  if (!ALLOWED.has(perm.permission)) {
    context.log.info({ login, permission: perm.permission }, "/kiln diff: needs write access; ignored");
    return;
  }
  const commentId2 = p.comment.id;
  const react = (content) => octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: commentId2, content }).catch((err) => {
    context.log.warn({ err }, "/kiln diff: could not react");
  });
  await react("eyes");
  const { data: pr } = await octokit.rest.pulls.get({ ...repo, pull_number: issue });
  const { data: runs } = await octokit.rest.actions.listWorkflowRunsForRepo({
    ...repo,
    head_sha: pr.head.sha,
    status: "completed",
    per_page: 30
  });
  const candidates = runs.workflow_runs.filter((r) => PR_EVENTS.has(r.event)).sort((a, b) => b.id - a.id).slice(0, MAX_CANDIDATES);
  for (const run of candidates) {
    const ev = readRun(context.payload.repository, {
      ...run,
      pull_requests: [{ number: issue, base: { ref: pr.base.ref } }]
    });
    if (!ev) continue;
    const result = await refreshRun(octokit, context.log, ev, { pulls: [issue] });
    if (result.kind === "skipped") continue;
    context.log.info({ pr: issue, run: run.id, result: result.kind }, "/kiln diff: refreshed");
    await react("+1");
    return;
  }
  context.log.info({ pr: issue, sha: pr.head.sha }, "/kiln diff: no completed kiln run for the head");
  await react("confused");
}

// app/handlers/repository-dispatch.ts
var DEGRADATION_EVENT = "kiln-degradation";
async function onRepositoryDispatch(context) {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
  const payload = context.payload;
  if (payload.action !== DEGRADATION_EVENT || summary.installation === null) return;
  const repository = payload.repository;
  const owner = repository?.owner?.login;
  const name = repository?.name;
  if (typeof owner !== "string" || typeof name !== "string") {
    context.log.warn(
      { delivery: summary.delivery },
      "retrain: repository_dispatch without a repository; ignored"
    );
    return;
  }
  let signal;
  try {
    signal = signalFromDispatch(payload.client_payload, { now: /* @__PURE__ */ new Date() });
  } catch (err) {
    context.log.warn(
      { delivery: summary.delivery, repo: summary.repo, error: describeError(err) },
      `retrain: ${DEGRADATION_EVENT} ignored: ${describeError(err)}`
    );
    return;
  }
  const branch = typeof repository?.default_branch === "string" ? repository.default_branch : void 0;
  await retrainFromSignal(context.octokit, { owner, repo: name }, signal, context.log, {
    ...branch ? { defaultBranch: branch } : {}
  });
}

// app/handlers/retrain-evidence.ts
var TRUSTED_EVENTS = /* @__PURE__ */ new Set(["push", "schedule", "workflow_dispatch"]);
var CONCLUSIONS = /* @__PURE__ */ new Set(["success", "failure"]);
var KINDS = /* @__PURE__ */ new Set(["monitor", "ct"]);
async function onRetrainEvidence(context) {
  const summary = summarize(context);
  const run = readEvidenceRun(context.payload);
  if (!run || summary.installation === null) return;
  await handleEvidence(context.octokit, context.log, run);
}
async function handleEvidence(octokit, log, run) {
  const artifacts = await listRunArtifacts(octokit, run.repo, run.runId, KINDS);
  if (artifacts.length === 0) return;
  const config = await readDefaultConfig(octokit, run.repo, run.defaultBranch);
  if (config.kind !== "ok") {
    const why = config.kind === "missing" ? "there is none" : "it is invalid";
    log.warn(
      { run: run.runId },
      `retrain: evidence not read: ${CONFIG_PATH} on ${run.defaultBranch}: ${why}`
    );
    return;
  }
  if (!workflowSelected(config.config, run.path)) {
    log.info({ path: run.path }, "retrain: workflow not in app.workflows; its evidence is not read");
    return;
  }
  const budget = { left: MAX_UNZIPPED_BYTES };
  const signals = [];
  for (const artifact of artifacts) {
    const signal = await readSignal(octokit, run, artifact, budget, log);
    if (signal) signals.push(signal);
  }
  let failed = null;
  for (const signal of signals) {
    try {
      await retrainFromSignal(octokit, run.repo, signal, log, { defaultBranch: run.defaultBranch, config });
    } catch (err) {
      log.error({ err, model: signal.model }, `retrain: ${signal.model}: ${describeError(err)}`);
      failed ??= err;
    }
  }
  if (failed) throw failed;
}
async function readSignal(octokit, run, artifact, budget, log) {
  const wanted = artifact.kind === "monitor" ? ["monitor.json"] : ["run.json", "gate.json"];
  const read = await readArtifactFiles(octokit, run.repo, artifact, wanted, budget);
  if (!read.ok) {
    log.warn({ artifact: artifact.name, error: read.error }, "retrain: artifact unusable");
    return null;
  }
  const file = (name) => read.files.get(name) ?? "";
  const now = /* @__PURE__ */ new Date();
  try {
    if (artifact.kind === "monitor") {
      const monitor = parseKilnFile("monitor", file("monitor.json"), `${artifact.name}/monitor.json`);
      if (monitor.model !== artifact.model)
        throw new Error(`monitor.json is for ${monitor.model}, not ${artifact.model}`);
      const signal2 = signalFromMonitor(monitor, { now, runId: run.runId });
      if (!signal2) log.info({ artifact: artifact.name }, "retrain: production is healthy; no retraining PR");
      return signal2;
    }
    const runRecord = parseRunText(file("run.json"), `${artifact.name}/run.json`);
    const gate = parseKilnFile("gate", file("gate.json"), `${artifact.name}/gate.json`);
    if (runRecord.model !== artifact.model)
      throw new Error(`run.json is for ${runRecord.model}, not ${artifact.model}`);
    const signal = signalFromCt(runRecord, gate, { now, runId: run.runId });
    if (!signal)
      log.info({ artifact: artifact.name }, "retrain: the scheduled retrain failed its gate; no PR");
    return signal;
  } catch (err) {
    log.warn({ artifact: artifact.name, error: describeError(err) }, "retrain: artifact unusable");
    return null;
  }
}
function readEvidenceRun(payload) {
  const p = payload;
  const repo = p?.repository;
  const run = p?.workflow_run;
  if (!repo || !run || typeof run !== "object" || Array.isArray(run)) return null;
  const { name, full_name: full, default_branch: branch } = repo;
  const owner = repo.owner?.login;
  if (typeof name !== "string" || typeof owner !== "string" || typeof full !== "string") return null;
  if (typeof branch !== "string" || typeof run.id !== "number") return null;
  if (typeof run.event !== "string" || !TRUSTED_EVENTS.has(run.event)) return null;
  if (run.head_branch !== branch) return null;
  const head = run.head_repository?.full_name;
  if (typeof head !== "string" || head.toLowerCase() !== full.toLowerCase()) return null;
  if (typeof run.conclusion !== "string" || !CONCLUSIONS.has(run.conclusion)) return null;
  return {
    repo: { owner, repo: name },
    defaultBranch: branch,
    runId: run.id,
    path: typeof run.path === "string" ? run.path : null
  };
}

// app/handlers/workflow-run.ts
async function onWorkflowRunCompleted(context) {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
  const payload = context.payload;
  const ev = readRun(payload?.repository, payload?.workflow_run);
  if (!ev || summary.installation === null) return;
  await refreshRun(context.octokit, context.log, ev);
}

// app/index.ts
var app_default = (app, _options) => {
  app.on("workflow_run.completed", onWorkflowRunCompleted);
  app.on("workflow_run.completed", onRetrainEvidence);
  app.on("issue_comment.created", onIssueCommentCreated);
  app.on("repository_dispatch", onRepositoryDispatch);
  app.on("deployment_protection_rule", onDeploymentProtectionRule);
  app.on("installation", onInstallation);
};

// app/metrics.ts
var EVENTS = /* @__PURE__ */ new Set([
  "workflow_run",
  "issue_comment",
  "repository_dispatch",
  "deployment_protection_rule",
  "installation",
  "installation_repositories",
  "ping"
]);
var DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
var AppMetrics = class {
  deliveries = /* @__PURE__ */ new Map();
  failures = /* @__PURE__ */ new Map();
  apiCalls = /* @__PURE__ */ new Map();
  buckets = DURATION_BUCKETS.map(() => 0);
  durationCount = 0;
  durationSum = 0;
  /** One webhook delivery answered: its event, how long it took, whether it failed (status ≥ 400). */
  delivery(event, seconds, failed) {
    const name = event && EVENTS.has(event) ? event : "other";
    bump(this.deliveries, name);
    if (failed) bump(this.failures, name);
    this.durationCount++;
    this.durationSum += seconds;
    DURATION_BUCKETS.forEach((le, i) => {
      if (seconds <= le) this.buckets[i] = (this.buckets[i] ?? 0) + 1;
    });
  }
  /** One GitHub API request as the app saw it (after retries): its HTTP status, or "error" for no response. */
  apiCall(status2) {
    bump(
      this.apiCalls,
      typeof status2 === "number" && status2 >= 100 && status2 < 600 ? String(status2) : "error"
    );
  }
  /** Total API calls so far (the benchmark and tests read it). */
  apiCallCount() {
    let n = 0;
    for (const v of this.apiCalls.values()) n += v;
    return n;
  }
  render() {
    const out = [];
    counter(
      out,
      "kiln_webhook_deliveries_total",
      "Webhook deliveries received, by event.",
      "event",
      this.deliveries
    );
    counter(
      out,
      "kiln_webhook_failures_total",
      "Webhook deliveries answered with a 4xx or 5xx status, by event.",
      "event",
      this.failures
    );
    counter(
      out,
      "kiln_github_api_calls_total",
      "GitHub API requests made by the handlers, by final HTTP status (after retries).",
      "status",
      this.apiCalls
    );
    out.push(
      "# HELP kiln_webhook_duration_seconds Time from receiving a webhook delivery to answering it.",
      "# TYPE kiln_webhook_duration_seconds histogram"
    );
    DURATION_BUCKETS.forEach((le, i) => {
      out.push(`kiln_webhook_duration_seconds_bucket{le="${le}"} ${this.buckets[i] ?? 0}`);
    });
    out.push(
      `kiln_webhook_duration_seconds_bucket{le="+Inf"} ${this.durationCount}`,
      `kiln_webhook_duration_seconds_sum ${this.durationSum}`,
      `kiln_webhook_duration_seconds_count ${this.durationCount}`
    );
    const mem = process.memoryUsage();
    const cpu = process.cpuUsage();
    out.push(
      "# HELP process_resident_memory_bytes Resident memory size in bytes.",
      "# TYPE process_resident_memory_bytes gauge",
      `process_resident_memory_bytes ${mem.rss}`,
      "# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.",
      "# TYPE process_cpu_seconds_total counter",
      `process_cpu_seconds_total ${(cpu.user + cpu.system) / 1e6}`,
      "# HELP process_start_time_seconds Start time of the process since the Unix epoch in seconds.",
      "# TYPE process_start_time_seconds gauge",
      `process_start_time_seconds ${Math.round(Date.now() / 1e3 - process.uptime())}`,
      "# HELP nodejs_heap_used_bytes V8 heap in use, in bytes.",
      "# TYPE nodejs_heap_used_bytes gauge",
      `nodejs_heap_used_bytes ${mem.heapUsed}`
    );
    return `${out.join("\n")}
`;
  }
};
var METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
function bump(map, key) {
  map.set(key, (map.get(key) ?? 0) + 1);
}
function counter(out, name, help, label2, values) {
  out.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
  for (const [value, n] of [...values].sort(([a], [b]) => a.localeCompare(b)))
    out.push(`${name}{${label2}="${labelValue(value)}"} ${n}`);
}
function labelValue(v) {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

// app/octokit.ts
import { ProbotOctokit } from "probot";
function kilnOctokit(opts = {}) {
  const retries = opts.retries ?? 3;
  const rateLimitRetries = opts.rateLimitRetries ?? 2;
  const maxWaitS = opts.maxWaitS ?? 60;
  const baseMs = opts.baseMs ?? 1e3;
  const metrics = opts.metrics;
  const onLimit = (kind) => (retryAfter, options, octokit, retryCount) => {
    const retry = retryCount < rateLimitRetries && retryAfter <= maxWaitS;
    octokit.log.warn(
      { method: options.method, url: options.url, retryAfter, retryCount, retry },
      retry ? `GitHub ${kind} on ${options.method} ${options.url}: retrying in ${retryAfter} s` : `GitHub ${kind} on ${options.method} ${options.url}: giving up (retry ${retryCount}, wait ${retryAfter} s)`
    );
    return retry;
  };
  const counting = (octokit) => {
    if (!metrics) return {};
    octokit.hook.wrap("request", async (request2, options) => {
      try {
        const res = await request2(options);
        metrics.apiCall(res.status);
        return res;
      } catch (err) {
        metrics.apiCall(err.status);
        throw err;
      }
    });
    return {};
  };
  return ProbotOctokit.plugin(counting).defaults((instance) => {
    const installation = instance.auth?.installationId;
    return {
      ...instance,
      retry: { ...instance.retry, enabled: true, retries, retryAfterBaseValue: baseMs },
      throttle: {
        // plugin-throttling paces writes per `id` (one a second, comments one per three). Probot's
        // event clients leave it unset, so every installation would share one queue: a burst of
        // webhooks from many repositories would wait on each other. GitHub's limits are per installation.
        ...installation === void 0 ? {} : { id: String(installation) },
        ...instance.throttle,
        ...opts.throttle === false ? { enabled: false } : {},
        retryAfterBaseValue: baseMs,
        onRateLimit: onLimit("rate limit"),
        onSecondaryRateLimit: onLimit("secondary rate limit")
      }
    };
  });
}

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
  const metrics = new AppMetrics();
  const probot = createProbot({
    // createProbot maps GHE_HOST/GHE_PROTOCOL, WEBHOOK_PATH, LOG_*, SENTRY_DSN, REDIS_URL from env.
    env: { ...env, LOG_LEVEL: config.logLevel, LOG_FORMAT: config.logFormat },
    overrides: {
      appId: config.appId,
      privateKey: config.privateKey,
      secret: config.secret,
      // Retry and throttling with bounded rate-limit handlers; counts API calls for /metrics.
      Octokit: kilnOctokit({ ...options.github, metrics }),
      ...options.log ? { log: options.log } : {}
    }
  });
  const probotMiddleware = await createNodeMiddleware(app_default, { probot });
  const alerts = alertsRoute(probot, env.KILN_ALERT_TOKEN);
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
        { headOnly: req.method === "HEAD" }
      );
      return;
    }
    if (path === "/metrics" && req.method === "GET") {
      const text2 = metrics.render();
      res.writeHead(200, { "content-type": METRICS_CONTENT_TYPE, "content-length": Buffer.byteLength(text2) });
      res.end(text2);
      return;
    }
    if (await alerts(req, res)) return;
    if (path === probot.webhookPath && req.method === "POST") {
      const started = process.hrtime.bigint();
      const event = req.headers["x-github-event"];
      res.once(
        "finish",
        () => metrics.delivery(
          typeof event === "string" ? event : void 0,
          Number(process.hrtime.bigint() - started) / 1e9,
          res.statusCode >= 400
        )
      );
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
    metrics,
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
function present(value) {
  return value !== void 0 && value.trim() !== "";
}
function readPort(raw) {
  if (!present(raw)) return 3e3;
  const text2 = (raw ?? "").trim();
  const port = Number(text2);
  if (!/^\d+$/.test(text2) || port > 65535) {
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
    const oneLine2 = /^(-----BEGIN [A-Z ]+-----)\s*(.+?)\s*(-----END [A-Z ]+-----)$/.exec(pem);
    if (!pem.includes("\n") && oneLine2)
      pem = `${oneLine2[1]}
${oneLine2[2]?.replace(/\s+/g, "\n")}
${oneLine2[3]}
`;
  } else {
    const path = env.PRIVATE_KEY_PATH ?? "";
    source = `PRIVATE_KEY_PATH (${path})`;
    try {
      pem = readFileSync2(resolve2(path), "utf8");
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
  const file = join7(cwd, ".env");
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

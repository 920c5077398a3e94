/**
 * Every source of a retraining signal, turned into one shape: a `kiln.retrain/v1` request plus the
 * key that identifies the signal (core/retrain/dedupe.ts) and a one-line headline for the PR title.
 * Sources: a degraded monitor.json, a passing scheduled retrain (run.json + gate.json), a
 * `repository_dispatch` `kiln-degradation` payload and an Alertmanager v4 webhook. The last two are
 * untrusted: schema-checked, size-capped, and every error names the bad key.
 */
import * as z from "zod";
import { UsageError } from "../errors.js";
import type { GateResult } from "../gate/gate-result.js";
import { formatNumber } from "../markdown.js";
import { type RunRecord, runDigest } from "../metrics/run-record.js";
import type { MonitorResult } from "../monitor/monitor-result.js";
import { isModelName, MODEL_NAME, MODEL_NAME_RULE } from "../names.js";
import {
  type AlertGroup,
  alertmanagerPayloadSchema,
  groupAlerts,
  type IgnoredAlert,
} from "./alertmanager.js";
import { dedupeKey } from "./dedupe.js";
import { retrainRequestFromMonitor } from "./from-monitor.js";
import { type RetrainRequest, retrainRequestSchema } from "./retrain-request.js";

export interface RetrainSignal {
  model: string;
  /** `resolved`: an alert cleared — noted on the open PR, never a reason to open one. */
  status: "firing" | "resolved";
  /** Identifies the signal: a redelivery or a repeated notification has the same key. */
  key: string;
  /** One line for the PR title. Plain text from the signal: escape it before rendering as markdown. */
  headline: string;
  /** The request committed as `.kiln/retrain/<model>.json`; carries `dedupe_key`. */
  request: RetrainRequest;
}

const MAX_HEADLINE = 200;

/** Whitespace collapsed, trimmed, capped. */
function oneLine(text: string, max = MAX_HEADLINE): string {
  const s = text.replace(/\s+/g, " ").trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function request(fields: Omit<RetrainRequest, "schema">): RetrainRequest {
  return retrainRequestSchema.parse({ schema: "kiln.retrain/v1", ...fields });
}

/** Parses untrusted input; the error names the key path of the first problem. */
function parseUntrusted<S extends z.ZodType>(
  schema: S,
  data: unknown,
  what: string,
  hint: string,
): z.output<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const more = parsed.error.issues.length - 1;
  const where = first?.path.length ? first.path.map(String).join(".") : "(top level)";
  throw new UsageError(
    `${what}: ${where}: ${first?.message ?? "invalid"}${more > 0 ? ` (and ${more} more problem${more > 1 ? "s" : ""})` : ""}`,
    { hint },
  );
}

// ── monitor.json ─────────────────────────────────────────────────────────────────────────────

/**
 * A degraded monitor.json; null when production is healthy. `runId` (the kiln-monitor workflow run)
 * identifies the signal when given, else the digest of monitor.json does.
 */
export function signalFromMonitor(
  m: MonitorResult,
  opts: { now: Date; runId?: string | number },
): RetrainSignal | null {
  const base = retrainRequestFromMonitor(m, opts.now);
  if (!base) return null;
  const key = dedupeKey(
    "monitor",
    opts.runId === undefined ? m : { model: m.model, run: String(opts.runId) },
  );
  // from-monitor keeps the common fields; the rule, method and baseline make the thresholds readable.
  const evidence = base.evidence.map((e, i) => {
    const r = m.reasons[i] as Record<string, unknown> | undefined;
    const extra: Record<string, unknown> = {};
    for (const k of ["rule", "method", "baseline"] as const) if (r?.[k] !== undefined) extra[k] = r[k];
    if (opts.runId !== undefined) extra.run_id = String(opts.runId);
    return { ...e, ...extra };
  });
  return {
    model: m.model,
    status: "firing",
    key,
    headline: monitorHeadline(m),
    request: request({ ...base, evidence, dedupe_key: key }),
  };
}

function monitorHeadline(m: MonitorResult): string {
  const metric = m.reasons.find((r) => r.kind === "metric");
  if (metric?.metric !== undefined && typeof metric.value === "number") {
    const rule = (metric as { rule?: unknown }).rule;
    const limit = typeof metric.limit === "number" ? formatNumber(metric.limit) : String(metric.limit ?? "");
    const bound =
      rule === "min"
        ? ` (floor ${limit})`
        : rule === "max"
          ? ` (ceiling ${limit})`
          : rule === "max-regression"
            ? ` (allowed drop ${limit})`
            : "";
    return oneLine(`${metric.metric} on production at ${formatNumber(metric.value)}${bound}`);
  }
  const drift = m.reasons.find((r) => r.kind === "drift" && r.column === undefined);
  if (drift?.message) return oneLine(drift.message.split(":")[0] ?? drift.message);
  const skew = m.reasons.filter((r) => r.kind === "skew" && r.column !== undefined);
  if (skew.length > 0) return oneLine(`training–serving skew in ${skew.map((r) => r.column).join(", ")}`);
  const first = m.reasons[0];
  return oneLine(first?.message ?? "degraded in production");
}

// ── scheduled continuous training (kiln-ct-<model>: run.json + gate.json) ────────────────────

/**
 * A scheduled retrain whose candidate passed the gate against production; null when it failed.
 * gate.json must be bound to this run.json (run_digest), as deploy requires.
 */
export function signalFromCt(
  run: RunRecord,
  gate: GateResult,
  opts: { now: Date; changed?: readonly string[]; runId?: string | number },
): RetrainSignal | null {
  if (gate.model !== run.model) {
    throw new UsageError(`gate.json is for model ${gate.model}, run.json for ${run.model}`, {
      hint: "Pass the run.json and gate.json of one kiln-ct-<model> artifact",
    });
  }
  const digest = runDigest(run);
  if (gate.run_digest !== digest) {
    throw new UsageError(`gate.json: run_digest ${gate.run_digest.slice(0, 12)}… is not this run.json's`, {
      hint: "The gate result belongs to another run; use the pair from one kiln-ct-<model> artifact",
    });
  }
  if (!gate.passed) return null;
  const against =
    gate.baseline.model_version ?? (gate.baseline.source === "none" ? "no baseline" : gate.baseline.source);
  const checks = gate.checks.filter((c) => !c.skipped).slice(0, 90);
  const evidence: Record<string, unknown>[] = checks.map((c) => ({
    kind: "ct",
    metric: c.metric,
    rule: c.rule,
    value: c.candidate,
    limit: c.limit,
    baseline: c.baseline,
    message: c.message,
    ...(opts.runId === undefined ? {} : { run_id: String(opts.runId) }),
  }));
  if (opts.changed?.length) {
    evidence.unshift({
      kind: "data",
      message: `training data changed: ${opts.changed.join(", ")}`.slice(0, 2000),
    });
  }
  const lead = checks.find((c) => c.baseline !== null && c.candidate !== null) ?? checks[0];
  const headline = lead
    ? `scheduled retrain ${lead.metric} ${formatNumber(lead.candidate)} vs ${formatNumber(lead.baseline)} in production`
    : "scheduled retrain passed the gate";
  const key = dedupeKey("ct", { model: run.model, run: digest });
  return {
    model: run.model,
    status: "firing",
    key,
    headline: oneLine(headline),
    request: request({
      model: run.model,
      reason: oneLine(
        `${run.model}: a scheduled retrain on changed data passed the gate against ${against}`,
        2000,
      ),
      source: "ct",
      evidence,
      requested_at: opts.now.toISOString(),
      data_window: null,
      dedupe_key: key,
      run_digest: digest,
      ...(gate.baseline.model_version ? { model_version: gate.baseline.model_version } : {}),
    }),
  };
}

// ── repository_dispatch kiln-degradation ─────────────────────────────────────────────────────

const text = (max: number) => z.string().max(max, `longer than ${max} characters`);
const cell = z.union([z.number().finite(), text(200)]).nullable();

const dispatchEvidenceItem = z.object({
  kind: text(64).min(1).default("signal"),
  signal: text(200).optional(),
  metric: text(200).optional(),
  column: text(200).optional(),
  value: cell.optional(),
  threshold: cell.optional(),
  source: text(200).optional(),
  message: text(1000).optional(),
});

/** `client_payload` of `repository_dispatch` type `kiln-degradation`. Unknown keys are dropped. */
export const dispatchPayloadSchema = z.object({
  model: z.string().regex(MODEL_NAME, `not a model name (${MODEL_NAME_RULE})`),
  reason: text(1000).min(1, "is empty"),
  /** A list of items, or a map signal → value. */
  evidence: z
    .union([
      z.array(dispatchEvidenceItem).max(50, "more than 50 items"),
      z
        .record(text(200), cell)
        .refine((r) => Object.keys(r).length <= 50, "more than 50 entries")
        .transform((r) => Object.entries(r).map(([signal, value]) => ({ kind: "signal", signal, value }))),
    ])
    .default([]),
});

export type DispatchPayload = z.output<typeof dispatchPayloadSchema>;

/** GitHub caps client_payload at 64 KB; anything larger did not come from GitHub. */
const MAX_DISPATCH_BYTES = 64 * 1024;

export function signalFromDispatch(clientPayload: unknown, opts: { now: Date }): RetrainSignal {
  const hint =
    'Send {"model": "<name>", "reason": "…", "evidence": [{"signal", "value", "threshold", "source"}]}';
  if (JSON.stringify(clientPayload ?? null).length > MAX_DISPATCH_BYTES) {
    throw new UsageError(`repository_dispatch kiln-degradation: client_payload is larger than 64 KB`, {
      hint,
    });
  }
  const p = parseUntrusted(
    dispatchPayloadSchema,
    clientPayload,
    "repository_dispatch kiln-degradation: client_payload",
    hint,
  );
  const key = dedupeKey("dispatch", { model: p.model, reason: p.reason, evidence: p.evidence });
  return {
    model: p.model,
    status: "firing",
    key,
    headline: oneLine(p.reason),
    request: request({
      model: p.model,
      reason: oneLine(p.reason, 2000),
      source: "dispatch",
      evidence: p.evidence,
      requested_at: opts.now.toISOString(),
      data_window: null,
      dedupe_key: key,
    }),
  };
}

// ── Alertmanager webhook v4 ──────────────────────────────────────────────────────────────────

export interface AlertSignal extends RetrainSignal {
  /** The `repository` label (owner/name): which installation the app acts in. */
  repository: string;
}

/**
 * One signal per (repository, model) in the payload. The key of a firing signal is the group key
 * and the firing alerts' fingerprints with their start times: Alertmanager re-sends the same group
 * every repeat_interval with the same key, while an alert that fires again starts a new episode.
 */
export function signalsFromAlertmanager(
  payload: unknown,
  opts: { now: Date },
): { signals: AlertSignal[]; ignored: IgnoredAlert[] } {
  const hint = "Send Alertmanager's webhook (version 4) with labels repository (owner/name) and model";
  const p = parseUntrusted(alertmanagerPayloadSchema, payload, "Alertmanager webhook", hint);
  const { groups, ignored } = groupAlerts(p, isModelName);
  const signals = groups.map((g) => alertSignal(g, p.groupKey, p.externalURL, opts.now));
  return { signals, ignored };
}

function alertSignal(g: AlertGroup, groupKey: string, externalURL: string, now: Date): AlertSignal {
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
    ...(a.status === "resolved" ? { ends_at: a.endsAt } : {}),
    ...(a.annotations.signal === undefined ? {} : { signal: a.annotations.signal }),
    ...(a.annotations.value === undefined ? {} : { value: numberOrText(a.annotations.value) }),
    ...(a.annotations.threshold === undefined ? {} : { threshold: numberOrText(a.annotations.threshold) }),
    message: a.annotations.summary ?? a.annotations.description ?? a.labels.alertname ?? "alert",
    ...(a.generatorURL ? { generator_url: a.generatorURL } : {}),
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
      reason: oneLine(`Alertmanager: ${name} ${g.status}${summary ? `: ${summary}` : ""}${more}`, 2000),
      source: "alertmanager",
      evidence,
      requested_at: now.toISOString(),
      data_window: null,
      dedupe_key: key,
      ...(externalURL ? { alertmanager_url: externalURL.slice(0, 2048) } : {}),
    }),
  };
}

function numberOrText(s: string): number | string {
  const n = Number(s);
  return s.trim() !== "" && Number.isFinite(n) ? n : s.slice(0, 200);
}

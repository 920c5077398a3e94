/**
 * The retraining PR (docs/mockups §2): title, body with the evidence table, and the comments that
 * record later signals. Everything that came from a signal is escaped with core/markdown.ts.
 */
import { escapeMarkdown, formatNumber } from "../markdown.js";
import { retrainRequestPath } from "../names.js";
import { commentMarker, retrainMarker, signalsMarker } from "./dedupe.js";
import type { RetrainRequest } from "./retrain-request.js";
import type { RetrainSignal } from "./signals.js";

/** GitHub's limit on a PR title. */
export const MAX_TITLE = 256;
/** Evidence rows shown in the body; the request file keeps them all. */
const MAX_ROWS = 30;

/** The production version the PR argues against, when the registry knows it. */
export interface ProductionInfo {
  /** `<model>@v<N>` */
  tag: string;
  /** When it became production (the alias assignment). */
  since?: string;
  /** The run it was trained in, when recorded. */
  run?: string;
}

export interface EvidenceRow {
  signal: string;
  value: string;
  threshold: string;
  source: string;
}

/**
 * `Retrain <model>: <headline>`, at most 256 characters. A title is plain text on GitHub (no
 * markdown, no mentions), so it is only made one line without control or bidi characters.
 */
export function retrainTitle(signal: Pick<RetrainSignal, "model" | "headline">): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const headline = signal.headline.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]+/g, " ");
  const title = `Retrain ${signal.model}: ${headline.replace(/\s+/g, " ").trim()}`;
  return title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title;
}

export function retrainBody(
  signal: RetrainSignal,
  opts: { production: ProductionInfo | null; keys: readonly string[] },
): string {
  const { request } = signal;
  const model = request.model;
  const production = opts.production ?? productionFromRequest(request);
  const version = production ? `**${escapeMarkdown(production.tag)}**` : "(no production version recorded)";
  const deployed =
    production?.since || production?.run
      ? ` (${[
          production.since ? `deployed ${production.since.slice(0, 10)}` : "",
          production.run ? `from run ${escapeMarkdown(production.run, 80)}` : "",
        ]
          .filter(Boolean)
          .join(" ")})`
      : "";
  const against = production ? ` against ${escapeMarkdown(production.tag.replace(/^.*@/, ""))}` : "";
  return [
    retrainMarker(model),
    `kiln opened this because ${BECAUSE[request.source]} the production model`,
    `${version}${deployed}.`,
    "",
    `> ${escapeMarkdown(request.reason, 500)}`,
    "",
    evidenceTable(request),
    "",
    `The request is recorded in \`${retrainRequestPath(model)}\`; this PR's CI retrains on the current data`,
    `window and the kiln comment below will show the result${against}. Merge to deploy through the`,
    "usual gate. Further signals update this PR instead of opening another.",
    "",
    signalsMarker(opts.keys),
    "",
  ].join("\n");
}

const BECAUSE: Record<RetrainRequest["source"], string> = {
  monitor: "monitoring reported degradation of",
  alertmanager: "an Alertmanager alert reported degradation of",
  dispatch: "a `kiln-degradation` repository dispatch reported degradation of",
  ct: "a scheduled retrain on changed data passed the gate against",
  manual: "a retrain was requested for",
};

/** The comment recording a new signal on an open retraining PR. */
export function signalComment(signal: RetrainSignal, commit: string): string {
  const when = signal.request.requested_at.replace("T", " ").slice(0, 16);
  return [
    commentMarker(signal.key),
    `**New signal** (${SOURCE[signal.request.source]}, ${when} UTC): ${escapeMarkdown(signal.request.reason, 500)}`,
    "",
    evidenceTable(signal.request),
    "",
    `\`${retrainRequestPath(signal.model)}\` updated in ${commit.slice(0, 7)}; the title and description follow the latest signal.`,
    "",
  ].join("\n");
}

/** The comment noting that an alert behind the PR has resolved. */
export function resolvedComment(signal: RetrainSignal): string {
  const names = [...new Set(signal.request.evidence.map((e) => String(e.alertname ?? e.kind)))];
  const ended = signal.request.evidence
    .map((e) => (typeof e.ends_at === "string" ? e.ends_at : ""))
    .filter((t) => t && !t.startsWith("0001"))
    .sort()
    .at(-1);
  return [
    commentMarker(signal.key),
    `✅ **Recovered**: Alertmanager reports ${names.map((n) => escapeMarkdown(n, 100)).join(", ")} resolved${ended ? ` (${ended.replace("T", " ").slice(0, 16)} UTC)` : ""}.`,
    "The PR stays open: retraining may still be worth it; close it if not.",
    "",
  ].join("\n");
}

const SOURCE: Record<RetrainRequest["source"], string> = {
  monitor: "kiln-monitor",
  alertmanager: "Alertmanager",
  dispatch: "repository_dispatch kiln-degradation",
  ct: "kiln ct",
  manual: "manual",
};

export function evidenceTable(request: RetrainRequest): string {
  const rows = evidenceRows(request);
  const lines = ["| signal | value | threshold | source |", "|---|---|---|---|"];
  for (const r of rows.slice(0, MAX_ROWS)) {
    lines.push(
      `| ${escapeMarkdown(r.signal, 120)} | ${escapeMarkdown(r.value, 80)} | ${escapeMarkdown(r.threshold, 80)} | ${escapeMarkdown(r.source, 120)} |`,
    );
  }
  if (rows.length === 0) lines.push("| (no evidence given) | – | – | – |");
  if (rows.length > MAX_ROWS) lines.push(`| … ${rows.length - MAX_ROWS} more in the request file | | | |`);
  return lines.join("\n");
}

/** Plain-text rows (not yet escaped) for the evidence of any source. */
export function evidenceRows(request: RetrainRequest): EvidenceRow[] {
  return request.evidence.map((e) => {
    const item = e as Record<string, unknown>;
    return {
      signal: signalName(item),
      value: valueText(item),
      threshold: thresholdText(item),
      source: sourceText(item, request.source),
    };
  });
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

function num(v: unknown): string {
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "string") return v;
  return "–";
}

function signalName(e: Record<string, unknown>): string {
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

function valueText(e: Record<string, unknown>): string {
  if (e.kind === "drift" && str(e.column) === undefined && typeof e.value === "number") return pct(e.value);
  const method = str(e.method);
  return method && (e.kind === "drift" || e.kind === "skew") ? `${method} ${num(e.value)}` : num(e.value);
}

const P_VALUE_METHODS = new Set(["ks", "chisquare", "z"]);

function thresholdText(e: Record<string, unknown>): string {
  const limit = e.threshold ?? e.limit;
  if (limit === undefined || limit === null) return "–";
  const l = num(limit);
  if (e.kind === "drift" && str(e.column) === undefined && typeof limit === "number")
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

function sourceText(e: Record<string, unknown>, source: RetrainRequest["source"]): string {
  const given = str(e.source);
  if (given) return given;
  const run = str(e.run_id);
  switch (source) {
    case "alertmanager": {
      const since = str(e.starts_at);
      const at =
        since && /T\d\d:\d\d/.test(since)
          ? ` (${e.status ?? "firing"} since ${since.slice(11, 16)} UTC)`
          : "";
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

function pct(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

function productionFromRequest(request: RetrainRequest): ProductionInfo | null {
  const tag = (request as { model_version?: unknown }).model_version;
  return typeof tag === "string" && tag !== "" ? { tag } : null;
}

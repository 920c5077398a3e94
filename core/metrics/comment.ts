/**
 * The PR comment (docs/pr-comment.md): one comment per PR, a hidden marker at the top and one
 * marked section per model, so runs of different workflows each update their own section.
 * Everything that came from a run or an artifact is escaped with escapeMarkdown; the body stays
 * under GitHub's 65,536-character limit by leaving out the longest optional parts first.
 */

import { fmtDelta, fmtRelative } from "../gate/compare.js";
import type { GateCheck, GateResult } from "../gate/gate-result.js";
import { describeBaseline, gateCell, shortCommit } from "../gate/render.js";
import { escapeMarkdown, formatCount, formatNumber } from "../markdown.js";
import { assertModelName } from "../names.js";
import type { HistoryEntry } from "../ports.js";
import type { DataDiff, MetricDiff, ParamDiff, RunDiff } from "./diff.js";
import { historyChart } from "./history-chart.js";

export const COMMENT_MARKER = "<!-- kiln:metrics v1 -->";
/** GitHub rejects comment bodies (and check run summaries) longer than this. */
export const COMMENT_LIMIT = 65_536;
/** What kiln aims for: the limit with room for a footer a caller may add. */
export const COMMENT_MAX = COMMENT_LIMIT - 512;

export const sectionStart = (model: string) => `<!-- kiln:model ${model} -->`;
export const sectionEnd = (model: string) => `<!-- /kiln:model ${model} -->`;

const TRUNCATED =
  "✂️ Shortened to stay under GitHub's 65,536-character comment limit; the check run has the verdict.";

/** One side of the comparison as the comment names it. */
export interface SideInfo {
  /** "main", "this PR", "penguins@v1"; escaped. Default: base / head. */
  label?: string;
  /** Commit; default: the run's code.sha. */
  sha?: string;
  /** Link to the workflow run (http(s) only; anything else is not linked). */
  url?: string;
  /** Shown after the label in the link: "#482". */
  run?: string | number;
}

export interface ModelSectionInput {
  diff: RunDiff;
  /** The verdict: heading, gate column, slice rows, significance line, baseline. */
  gate?: GateResult | null;
  /** The default branch's history of this model, oldest first (MetricHistory.read). */
  history?: HistoryEntry[];
  /** The charted metric; default: the first gated metric, else the first metric. */
  chartMetric?: string;
  base?: SideInfo;
  head?: SideInfo;
  /** Adds "`/kiln diff` to refresh" to the footer (the app, where the command exists). */
  refreshHint?: boolean;
}

interface Row {
  metric: string;
  base: string;
  head: string;
  delta: string;
  gate: string;
}

/** One model's section, markers included, at most `maxChars` long. */
export function renderModelSection(input: ModelSectionInput, opts: { maxChars?: number } = {}): string {
  const model = assertModelName(input.diff.model, "the diff's model");
  const max = opts.maxChars ?? COMMENT_MAX - COMMENT_MARKER.length - 1;
  const wrap = (body: string) => `${sectionStart(model)}\n${body}\n${sectionEnd(model)}`;
  const budget = max - wrap("").length;
  const { fixed, rows, optional } = sectionParts(input);

  const omitted: string[] = [];
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
        `<details><summary>${summary}</summary>\n\n${details.map((p) => p.text).join("\n\n")}\n</details>`,
      );
    }
    if (optional.chart.text !== null) out.push(optional.chart.text);
    if (omitted.length) out.push(`> ${TRUNCATED} Left out: ${omitted.join(", ")}.`);
    out.push(fixed.footer);
    return out.filter((s) => s !== "").join("\n\n");
  };

  let body = build();
  // Leave out the longest optional part until it fits, then changed rows, then everything optional.
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
      cut += (rows.rows[keptRows] ? rowText(rows.rows[keptRows] as Row, rows.gated) : "").length + 1;
    }
    body = build();
    while (body.length > budget && keptRows > 0) {
      keptRows = Math.floor(keptRows / 2);
      body = build();
    }
  }
  if (body.length > budget) body = `${fixed.heading}\n\n> ${TRUNCATED}`.slice(0, Math.max(0, budget));
  return wrap(body);
}

/**
 * `existing` with `section` in place of that model's section (or added at the end); the other
 * models' sections are kept as they are. Anything in `existing` that is not a kiln comment is
 * replaced. When the body would pass the limit, the longest other sections shrink to their heading.
 */
export function mergeCommentSection(
  existing: string | null | undefined,
  section: string,
  opts: { maxChars?: number } = {},
): string {
  const max = opts.maxChars ?? COMMENT_MAX;
  const own = parseCommentSections(section);
  const [model, text] = [...own][0] ?? [];
  if (model === undefined || text === undefined) throw new Error("mergeCommentSection: not a model section");
  const sections = existing?.includes(COMMENT_MARKER) ? parseCommentSections(existing) : new Map();
  sections.set(model, text);
  const join = () => `${COMMENT_MARKER}\n${[...sections.values()].join("\n\n")}\n`;
  let body = join();
  const byLength = [...sections.keys()]
    .filter((m) => m !== model)
    .sort((a, b) => (sections.get(b)?.length ?? 0) - (sections.get(a)?.length ?? 0));
  for (const other of [...byLength, model]) {
    if (body.length <= max) break;
    sections.set(other, stub(other, sections.get(other) ?? ""));
    body = join();
  }
  return body;
}

/** `existing` without that key's section (a notice that no longer holds); unchanged when it has none. */
export function removeCommentSection(existing: string, key: string): string {
  const sections = parseCommentSections(existing);
  if (!existing.includes(COMMENT_MARKER) || !sections.delete(key)) return existing;
  return `${COMMENT_MARKER}\n${[...sections.values()].join("\n\n")}\n`;
}

/** A whole comment for one or more models. */
export function renderComment(inputs: ModelSectionInput[], opts: { maxChars?: number } = {}): string {
  const max = opts.maxChars ?? COMMENT_MAX;
  let body: string | null = null;
  inputs.forEach((input, i) => {
    // Each model gets an equal share of what is left, so the first cannot crowd out the rest.
    const used = body?.length ?? COMMENT_MARKER.length + 1;
    const share = Math.floor((max - used) / (inputs.length - i)) - 2;
    body = mergeCommentSection(body, renderModelSection(input, { maxChars: Math.max(share, 0) }), {
      maxChars: max,
    });
  });
  return body ?? `${COMMENT_MARKER}\n`;
}

/** The model sections of a comment body, in order (model → section, markers included). */
export function parseCommentSections(body: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /<!-- kiln:model ([a-z0-9][a-z0-9._-]{0,63}) -->[\s\S]*?<!-- \/kiln:model \1 -->/g;
  for (const m of body.matchAll(re)) if (m[1]) out.set(m[1], m[0]);
  return out;
}

/** A section cut down to its heading (the first `###` line, kiln's own) and a note. */
function stub(model: string, section: string): string {
  const heading = section.split("\n").find((l) => l.startsWith("### ")) ?? `### kiln — ${model}`;
  return `${sectionStart(model)}\n${heading}\n\n> ${TRUNCATED}\n${sectionEnd(model)}`;
}

// ── The parts of a section ───────────────────────────────────────────────────────────────────

interface Optional {
  name: string;
  summary: string;
  text: string | null;
}

function sectionParts(input: ModelSectionInput) {
  const { diff, gate } = input;
  const checks = gate?.checks ?? [];
  const byMetric = new Map<string, GateCheck[]>();
  for (const c of checks) {
    if (c.rule === "significance" || c.rule.startsWith("slice-")) continue;
    byMetric.set(c.metric, [...(byMetric.get(c.metric) ?? []), c]);
  }
  const gated = Boolean(gate);
  const failing = (m: string) => (byMetric.get(m) ?? []).some((c) => !c.passed && !c.skipped);

  const baseSha = input.base?.sha ?? diff.base.sha;
  const headSha = input.head?.sha ?? diff.head.sha;
  const header = [
    "metric",
    `${escapeMarkdown(input.base?.label ?? "base", 60)}${baseSha ? ` ${shortCommit(baseSha)}` : ""}`,
    `${escapeMarkdown(input.head?.label ?? "head", 60)}${headSha ? ` ${shortCommit(headSha)}` : ""}`,
    "Δ",
    ...(gated ? ["gate"] : []),
  ];
  const table = (rows: Row[], n = rows.length) =>
    [
      `| ${header.join(" | ")} |`,
      `|---|---:|---:|---:|${gated ? ":--|" : ""}`,
      ...rows.slice(0, n).map((r) => rowText(r, gated)),
    ].join("\n");

  const toRow = (m: MetricDiff): Row => ({
    metric: `${escapeMarkdown(m.metric)}${m.direction === "lower" ? " ↓" : ""}`,
    base: formatNumber(m.base),
    head: formatNumber(m.head),
    delta: metricDelta(m),
    gate: (byMetric.get(m.metric) ?? []).map(gateCell).join("; ") || (gated ? "—" : ""),
  });
  const shown = diff.metrics.filter((m) => m.status !== "unchanged" || failing(m.metric));
  const quiet = diff.metrics.filter((m) => !shown.includes(m));
  const mainRows = [...shown.map(toRow), ...checks.filter((c) => c.rule.startsWith("slice-")).map(sliceRow)];
  // Gate checks of metrics neither run reports (a required metric that is missing).
  const known = new Set(diff.metrics.map((m) => m.metric));
  for (const [metric, cs] of byMetric) {
    if (!known.has(metric))
      mainRows.push({
        metric: escapeMarkdown(metric),
        base: "–",
        head: "–",
        delta: "–",
        gate: cs.map(gateCell).join("; "),
      });
  }

  const heading = `### 🔥 kiln — ${escapeMarkdown(diff.model)} · ${verdict(gate)}`;
  const head = [heading];
  if (gate?.advisory)
    head.push(
      "> ⚠️ Advisory: the policy is not a committed default-branch file; this verdict does not admit a deploy.",
    );

  const sig = checks.filter((c) => c.rule === "significance");
  const significance = [
    ...sig.map((c) => `Significance${c.skipped ? " (skipped)" : ""}: ${escapeMarkdown(c.message, 400)}`),
    ...(gate?.notes ?? []).map((n) => `> ⚠️ ${escapeMarkdown(n.message, 600)}`),
  ].join("\n\n");

  const footer: string[] = [];
  const links = [runLink(input.head, "head"), runLink(input.base, "base")].filter(Boolean);
  if (links.length) footer.push(`Runs: ${links.join(" · ")}`);
  if (gate) {
    footer.push(`baseline ${describeBaseline(gate.baseline)}`);
    footer.push(`policy from ${escapeMarkdown(gate.policy_source, 120)}`);
  }
  if (input.refreshHint) footer.push("`/kiln diff` to refresh");

  const changedSlices = diff.slices.flatMap((s) =>
    s.metrics.filter((m) => m.status !== "unchanged").map((m) => ({ slice: s.slice, m })),
  );
  const details: Optional[] = [
    {
      name: "unchanged metrics",
      summary: `Unchanged metrics (${formatCount(quiet.length)})`,
      text: quiet.length ? table(quiet.map(toRow)) : null,
    },
    {
      name: "params",
      summary: `params (${formatCount(diff.params.length)} changed)`,
      text: diff.params.length ? paramsTable(diff.params, input) : null,
    },
    {
      name: "slices",
      summary: `slices (${formatCount(changedSlices.length)} changed)`,
      text: changedSlices.length
        ? [
            `| slice | metric | ${header[1]} | ${header[2]} | Δ |`,
            "|---|---|---:|---:|---:|",
            ...changedSlices.map(
              ({ slice, m }) =>
                `| ${escapeMarkdown(slice)} | ${escapeMarkdown(m.metric)} | ${formatNumber(m.base)} | ${formatNumber(m.head)} | ${metricDelta(m)} |`,
            ),
          ].join("\n")
        : null,
    },
    {
      name: "data",
      summary: diff.changed.data ? "data changed" : "data",
      text: diff.data.length ? dataLines(diff.data) : null,
    },
  ];

  // The first gated metric, else the first the history has, else the first.
  const charted = new Set((input.history ?? []).flatMap((e) => Object.keys(e.metrics)));
  const metric =
    input.chartMetric ??
    [...byMetric.keys()].find((m) => known.has(m)) ??
    diff.metrics.find((m) => charted.has(m.metric))?.metric ??
    diff.metrics[0]?.metric;
  const chart = metric
    ? historyChart({
        metric,
        history: input.history ?? [],
        head: diff.metrics.find((m) => m.metric === metric)?.head,
      })
    : null;
  const chartPart: Optional = {
    name: "chart",
    summary: "",
    text: chart
      ? `<details><summary>${escapeMarkdown(metric ?? "")} on the default branch, last ${chart.points} runs</summary>\n\n${chart.mermaid}\n</details>`
      : null,
  };

  return {
    fixed: { heading, head: head.join("\n\n"), significance, footer: footer.join(" · ") },
    rows: {
      rows: mainRows,
      gated,
      render: (n: number) => (mainRows.length ? table(mainRows, n) : "_No metric changed._"),
    },
    optional: { details, chart: chartPart },
  };
}

function rowText(r: Row, gated: boolean): string {
  return `| ${r.metric} | ${r.base} | ${r.head} | ${r.delta} |${gated ? ` ${r.gate} |` : ""}`;
}

function verdict(gate: GateResult | null | undefined): string {
  if (!gate) return "metrics (no gate)";
  const n = gate.checks.length;
  const failed = gate.checks.filter((c) => !c.passed).length;
  const skipped = gate.checks.filter((c) => c.skipped).length;
  const advisory = gate.advisory ? " (advisory)" : "";
  return gate.passed
    ? `gate ✅ passed (${n} check${n === 1 ? "" : "s"}${skipped ? `, ${skipped} skipped` : ""})${advisory}`
    : `gate ❌ failed (${failed} of ${n} checks)${advisory}`;
}

/** 🔺 better, 🔻 worse in the metric's direction; Δ% relative to |base| ("–" when base is 0). */
function metricDelta(m: MetricDiff): string {
  if (m.status === "added") return "new";
  if (m.status === "removed") return "removed";
  if (m.delta === null || m.base === null) return "–";
  if (m.trend === "same") return "=";
  const rel = fmtRelative(m.delta, m.base) ?? "–";
  return `${m.trend === "better" ? "🔺" : "🔻"} ${signed(m.delta)} (${rel})`;
}

/** fmtDelta, except that a real change never shows as "0". */
function signed(delta: number): string {
  const s = fmtDelta(delta);
  return s === "0" ? `${delta > 0 ? "+" : "−"}${Math.abs(delta).toExponential(1)}` : s;
}

function sliceRow(c: GateCheck): Row {
  const by = escapeMarkdown(c.by ?? "?", 60);
  const label =
    c.rule === "slice-gap"
      ? `slice gap ${escapeMarkdown(c.metric)} (${by})`
      : `worst slice ${escapeMarkdown(c.metric)} (${by})`;
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
    gate: gateCell(c),
  };
}

function paramsTable(params: ParamDiff[], input: ModelSectionInput): string {
  const value = (v: unknown) =>
    v === undefined ? "–" : escapeMarkdown(typeof v === "string" ? v : (JSON.stringify(v) ?? String(v)), 100);
  return [
    `| param | ${escapeMarkdown(input.base?.label ?? "base", 60)} | ${escapeMarkdown(input.head?.label ?? "head", 60)} |`,
    "|---|---|---|",
    ...params.map((p) => `| ${escapeMarkdown(p.key)} | ${value(p.base)} | ${value(p.head)} |`),
  ].join("\n");
}

function dataLines(data: DataDiff[]): string {
  const lines: string[] = [];
  const same = data.filter((d) => d.status === "unchanged");
  const hash = (s: string) => `${escapeMarkdown(s.slice(0, 4))}…`;
  const rows = (n: number | undefined) => (n === undefined ? "?" : formatCount(n));
  for (const d of data) {
    const path = `**${escapeMarkdown(d.path, 120)}**`;
    if (d.status === "added" && d.head)
      lines.push(`Data ${path}: new (sha256 ${hash(d.head.sha256)}, ${rows(d.head.rows)} rows).`);
    else if (d.status === "removed") lines.push(`Data ${path}: no longer used.`);
    else if (d.status === "changed" && d.base && d.head) {
      const fp =
        d.base.sha256 === d.head.sha256
          ? "fingerprint unchanged"
          : `fingerprint changed (sha256 ${hash(d.base.sha256)} → ${hash(d.head.sha256)})`;
      const n =
        d.base.rows === d.head.rows
          ? `${rows(d.head.rows)} rows`
          : `${rows(d.base.rows)} → ${rows(d.head.rows)} rows`;
      lines.push(`Data ${path}: ${fp}, ${n}.`);
    }
  }
  if (same.length)
    lines.push(
      `Data: ${same.length === 1 ? `**${escapeMarkdown(same[0]?.path ?? "", 120)}**` : `${same.length} files`} unchanged (same sha256).`,
    );
  return lines.join("\n");
}

/** `[this PR #482](url)`, only for plain http(s) URLs. */
function runLink(side: SideInfo | undefined, fallback: string): string | null {
  if (!side?.url || !/^https?:\/\/[^\s()<>"'`\\[\]]+$/.test(side.url)) return null;
  const run = side.run === undefined ? "" : ` #${String(side.run)}`;
  return `[${escapeMarkdown(`${side.label ?? fallback}${run}`, 80)}](${side.url})`;
}

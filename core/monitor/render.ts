/** monitor.json as people read it: one verdict line, and a job summary with the reasons and charts. */
import type { ColumnDrift } from "../data/drift.js";
import { fmt, fmtDelta } from "../gate/compare.js";
import { escapeMarkdown, formatCount, formatNumber, mermaidLabel } from "../markdown.js";
import type { MonitorResult } from "./monitor-result.js";

interface ColumnEntry {
  name: string;
  drift: ColumnDrift | null;
}

export function monitorVerdict(m: MonitorResult): string {
  const parts = [`${m.model} ${m.version ?? "(no version)"}`];
  if (typeof m.rows === "number") parts.push(`${formatCount(m.rows)} rows`);
  if (m.drift) {
    parts.push(
      `${m.drift.drifted_columns} column${m.drift.drifted_columns === 1 ? "" : "s"} drifted (${pct(m.drift.share)}; degraded at ${pct(m.drift.threshold)})`,
    );
  }
  const live = Object.keys(m.metrics).length;
  if (live > 0) parts.push(`${live} live metric${live === 1 ? "" : "s"}`);
  const verdict = m.degraded
    ? `degraded (${[...new Set(m.reasons.map((r) => r.kind))].join(", ")})`
    : "healthy";
  return `${m.degraded ? "🔻" : "✅"} ${verdict} · ${parts.join(" · ")}`;
}

export function renderMonitorText(m: MonitorResult): string {
  const lines = [monitorVerdict(m)];
  for (const r of m.reasons) lines.push(`  ${r.kind}: ${r.message ?? ""}`);
  for (const n of notesOf(m)) lines.push(`  note: ${n}`);
  if (m.window.from) lines.push(`  window: ${m.window.from} → ${m.window.to}`);
  return `${lines.join("\n")}\n`;
}

export function renderMonitorMarkdown(m: MonitorResult): string {
  const out = [
    `### 🔥 kiln — monitor: ${escapeMarkdown(m.model)} ${m.degraded ? "degraded" : "healthy"}`,
    "",
    monitorVerdict(m),
    "",
    `Production version **${escapeMarkdown(m.version ?? "none")}**; data ${code(m.data)}` +
      (m.window.from ? ` from ${m.window.from} to ${m.window.to}` : "") +
      ".",
    "",
  ];
  if (m.reasons.length > 0) {
    out.push("| kind | column / metric | value | limit | why |", "|---|---|---:|---:|---|");
    for (const r of m.reasons) {
      out.push(
        `| ${r.kind} | ${escapeMarkdown(r.column ?? r.metric ?? "(dataset)")} | ${r.value === null ? "–" : fmt(r.value)} | ${r.limit ?? "–"} | ${escapeMarkdown(r.message ?? "")} |`,
      );
    }
    out.push("");
  }
  const columns = (Array.isArray(m.columns) ? (m.columns as ColumnEntry[]) : []).filter(
    (c): c is ColumnEntry & { drift: ColumnDrift } => c.drift !== null,
  );
  if (columns.length > 0) {
    columns.sort((a, b) => severity(b.drift) - severity(a.drift));
    const top = columns.slice(0, 10);
    const ceiling = Math.max(1.5, Math.ceil(Math.max(...top.map((c) => severity(c.drift))) * 10) / 10);
    out.push(
      "Drift per input column against its threshold (1.0 = drifted):",
      "",
      "```mermaid",
      "xychart-beta",
      `  x-axis [${top.map((c) => `"${mermaidLabel(c.name)}"`).join(", ")}]`,
      `  y-axis "statistic / threshold" 0 --> ${ceiling}`,
      `  bar [${top.map((c) => formatNumber(severity(c.drift), 3)).join(", ")}]`,
      `  line [${top.map(() => 1).join(", ")}]`,
      "```",
      "",
      "<details><summary>Drift tests</summary>",
      "",
      "| column | method | statistic | threshold | drifted |",
      "|---|---|---:|---:|:--:|",
      ...columns.map(
        (c) =>
          `| ${escapeMarkdown(c.name)} | ${c.drift.method} | ${formatNumber(c.drift.statistic)}${c.drift.p_value === null ? "" : ` (p ${formatNumber(c.drift.p_value, 2)})`} | ${c.drift.p_value === null ? "≥" : "p <"} ${formatNumber(c.drift.threshold)} | ${c.drift.drifted ? "🔺 yes" : "no"} |`,
      ),
      "</details>",
      "",
    );
  }
  const production = (m.production_metrics ?? {}) as Record<string, number>;
  const live = Object.entries(m.metrics);
  if (live.length > 0) {
    out.push("| metric | live | production run | change |", "|---|---:|---:|---:|");
    for (const [k, v] of live) {
      const p = production[k];
      out.push(
        `| ${escapeMarkdown(k)} | ${fmt(v)} | ${p === undefined ? "–" : fmt(p)} | ${p === undefined ? "–" : fmtDelta(v - p)} |`,
      );
    }
    out.push("");
    const shared = live.filter(([k]) => production[k] !== undefined).slice(0, 8);
    if (shared.length > 0) {
      out.push(
        "```mermaid",
        "xychart-beta",
        `  title "live (bars) vs production run (line)"`,
        `  x-axis [${shared.map(([k]) => `"${mermaidLabel(k)}"`).join(", ")}]`,
        `  bar [${shared.map(([, v]) => formatNumber(v, 4)).join(", ")}]`,
        `  line [${shared.map(([k]) => formatNumber(production[k], 4)).join(", ")}]`,
        "```",
        "",
      );
    }
  }
  for (const n of notesOf(m)) out.push(`> ${escapeMarkdown(n)}`, "");
  return `${out.join("\n").trimEnd()}\n`;
}

function notesOf(m: MonitorResult): string[] {
  return Array.isArray(m.notes) ? (m.notes as unknown[]).map(String) : [];
}

function severity(d: ColumnDrift): number {
  if (d.p_value !== null) return d.p_value <= 0 ? 10 : Math.min(10, d.threshold / d.p_value);
  return d.threshold > 0 ? d.statistic / d.threshold : 0;
}

function pct(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

function code(v: unknown): string {
  return typeof v === "string" ? `\`${escapeMarkdown(v, 120).replace(/`/g, "")}\`` : "–";
}

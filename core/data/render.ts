/** The validation report as people read it: a job summary in markdown, and annotations on file lines. */
import { escapeMarkdown, formatCount, formatNumber, mermaidLabel } from "../markdown.js";
import type { ReportColumn } from "./report.js";
import type { ValidatedColumn, ValidationResult } from "./validate.js";

export interface RenderOptions {
  /** Link to a line of a data file (CSV lines only); none when the file is not in the repository. */
  lineLink?: (file: string, line: number) => string | undefined;
  /** Wall time and rows for the timing line. */
  timing?: { seconds: number; rows: number };
}

export function verdictLine(r: ValidationResult): string {
  const icon = r.passed ? "✅" : "❌";
  const parts = [
    `${formatCount(r.rows.current)} rows`,
    `${r.columns.length} column${r.columns.length === 1 ? "" : "s"}`,
    `${r.anomalies.length} anomal${r.anomalies.length === 1 ? "y" : "ies"}`,
  ];
  if (r.drift) {
    const tested = r.columns.filter((c) => c.drift).length;
    const share = `${Math.round(r.drift.threshold * 100)}%`;
    parts.push(
      `${r.drift.drifted_columns} of ${tested} columns drifted (${r.drift.dataset_drifted ? `dataset drift: at or above the ${share} threshold` : `below the ${share} dataset threshold`})`,
    );
  }
  return `${icon} ${parts.join(" · ")}`;
}

export function renderValidationMarkdown(r: ValidationResult, opts: RenderOptions = {}): string {
  const out: string[] = [
    `### 🔥 kiln — data validation ${r.passed ? "passed" : "failed"}`,
    "",
    verdictLine(r),
    "",
  ];
  if (!r.passed) {
    const why = [
      r.fail_on.includes("anomalies") && r.anomalies.length > 0 ? "anomalies" : "",
      r.fail_on.includes("dataset-drift") && r.drift?.dataset_drifted ? "dataset drift" : "",
      r.fail_on.includes("column-drift") && (r.drift?.drifted_columns ?? 0) > 0 ? "drifted columns" : "",
    ].filter(Boolean);
    out.push(`Failed on ${why.join(" and ")} (\`fail-on: [${r.fail_on.join(", ")}]\`).`, "");
  }

  if (r.anomalies.length > 0) {
    out.push("| anomaly | column | count | first rows |", "|---|---|---:|---|");
    for (const a of r.anomalies) {
      const rows = a.examples
        .map((e) => {
          const link = opts.lineLink?.(r.source.current, e.row);
          const value =
            e.value === undefined ? "" : ` \`${escapeMarkdown(stringify(e.value), 40).replace(/`/g, "")}\``;
          return link ? `[${e.row}](${link})${value}` : `${e.row}${value}`;
        })
        .join(", ");
      out.push(
        `| ${a.kind} | ${a.column === null ? "–" : escapeMarkdown(a.column)} | ${formatCount(a.count)} | ${rows || escapeMarkdown(a.message)} |`,
      );
    }
    out.push("");
  }

  const drifting = r.columns.filter(
    (c): c is ValidatedColumn & { drift: NonNullable<ReportColumn["drift"]> } => c.drift !== null,
  );
  if (drifting.length > 0) {
    drifting.sort((a, b) => severity(b) - severity(a));
    out.push("| column | type | method | statistic | threshold | drifted |", "|---|---|---|---:|---:|:--:|");
    for (const c of drifting) {
      const d = c.drift;
      const stat =
        d.p_value === null
          ? formatNumber(d.statistic)
          : `${formatNumber(d.statistic)} (p ${formatNumber(d.p_value, 2)})`;
      out.push(
        `| ${escapeMarkdown(c.name)} | ${c.type} | ${d.method} | ${stat} | ${d.p_value === null ? "≥" : "p <"} ${formatNumber(d.threshold)} | ${d.drifted ? "🔺 yes" : "no"} |`,
      );
    }
    out.push("");
    const top = drifting.slice(0, 8);
    out.push(
      "<details><summary>Drift against its threshold (1.0 = drifted)</summary>",
      "",
      "```mermaid",
      "xychart-beta",
      `  x-axis [${top.map((c) => `"${mermaidLabel(c.name)}"`).join(", ")}]`,
      `  y-axis "statistic / threshold" 0 --> ${Math.max(1.5, Math.ceil(Math.max(...top.map(severity)) * 10) / 10)}`,
      `  bar [${top.map((c) => formatNumber(severity(c), 3)).join(", ")}]`,
      `  line [${top.map(() => 1).join(", ")}]`,
      "```",
      "</details>",
      "",
    );
  }

  out.push(
    `<details><summary>Column statistics (${r.columns.length})</summary>`,
    "",
    "| column | type | missing | distinct | min | median | max | mean | std | top |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
  );
  for (const c of r.columns) {
    const s = c.stats;
    const fmt = (x: number | null | undefined) =>
      c.type === "datetime" && typeof x === "number"
        ? new Date(x).toISOString().slice(0, 19)
        : formatNumber(x);
    const top = c.top
      .slice(0, 3)
      .map((t) => `${escapeMarkdown(stringify(t.value), 20)} (${formatCount(t.count)})`)
      .join(", ");
    out.push(
      `| ${escapeMarkdown(c.name)} | ${c.type} | ${formatCount(c.missing)} (${formatNumber(c.missing_fraction * 100, 2)}%) | ${formatCount(c.distinct)} | ${fmt(s?.min)} | ${fmt(s?.quantiles["0.5"])} | ${fmt(s?.max)} | ${c.type === "datetime" ? "–" : formatNumber(s?.mean)} | ${c.type === "datetime" ? "–" : formatNumber(s?.std)} | ${top || "–"} |`,
    );
  }
  out.push("</details>", "");
  if (opts.timing) {
    const { seconds, rows } = opts.timing;
    out.push(
      `${formatCount(rows)} rows in ${seconds.toFixed(1)} s (${formatNumber(rows / Math.max(seconds, 1e-3) / 1e6, 2)} M rows/s)`,
    );
  }
  return `${out.join("\n").trimEnd()}\n`;
}

function severity(c: ReportColumn): number {
  const d = c.drift;
  if (!d) return 0;
  if (d.p_value !== null) return d.p_value <= 0 ? 10 : Math.min(10, d.threshold / d.p_value);
  return d.threshold > 0 ? d.statistic / d.threshold : 0;
}

function stringify(v: unknown): string {
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && "text" in v) return String((v as { text: unknown }).text);
  return JSON.stringify(v) ?? String(v);
}

export interface Annotation {
  file: string;
  line: number;
  title: string;
  message: string;
}

/** One annotation per anomaly, at its first example row (CSV rows are file lines). */
export function annotations(r: ValidationResult, csv: boolean): Annotation[] {
  if (!csv) return [];
  return r.anomalies
    .filter((a) => a.examples.length > 0)
    .map((a) => ({
      file: r.source.current,
      line: a.examples[0]?.row ?? 1,
      title: `kiln: ${a.kind}${a.column ? ` in ${a.column}` : ""}`,
      message: `${a.message}; rows ${a.examples.map((e) => e.row).join(", ")}${a.count > a.examples.length ? ", …" : ""}`,
    }));
}

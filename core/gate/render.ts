/**
 * gate.json as markdown: the job summary, the check run and the PR comment show the same table.
 * Everything that came from a run or a config (metric and slice names, paths) is escaped: a fork's
 * run.json must not be able to inject markdown or HTML.
 */

import { escapeMarkdown, formatCount } from "../markdown.js";
import { fmt, fmtDelta, fmtRelative } from "./compare.js";
import type { Baseline, GateCheck, GateResult } from "./gate-result.js";

export { escapeMarkdown };

/** A short commit for display; anything that is not a plain sha is escaped as text. */
export function shortCommit(sha: string): string {
  return /^[0-9a-f]{7,64}$/i.test(sha) ? `\`${sha.slice(0, 7)}\`` : escapeMarkdown(sha, 40);
}

export function describeBaseline(b: Baseline): string {
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

/** `main@<sha>` with the sha shortened. */
function policySource(source: string): string {
  const m = /^(.*)@([0-9a-f]{40,64})$/.exec(source);
  return m?.[1] && m[2] ? `${escapeMarkdown(m[1])}@${shortCommit(m[2])}` : escapeMarkdown(source);
}

export function renderGateMarkdown(result: GateResult, opts: { heading?: string } = {}): string {
  const failed = result.checks.filter((c) => !c.passed);
  const skipped = result.checks.filter((c) => c.skipped);
  const table = result.checks.filter((c) => c.rule !== "significance");
  const sig = result.checks.filter((c) => c.rule === "significance");
  const verdict = result.passed
    ? `✅ passed (${result.checks.length} check${result.checks.length === 1 ? "" : "s"}${skipped.length ? `, ${skipped.length} skipped` : ""})`
    : `❌ failed (${failed.length} of ${result.checks.length} checks)`;
  const lines: string[] = [];
  lines.push(`### ${opts.heading ?? "🔥 kiln gate"} — ${escapeMarkdown(result.model)} · ${verdict}`, "");
  lines.push(`Baseline: ${describeBaseline(result.baseline)}`);
  for (const note of result.baseline.notes ?? []) lines.push(`- ${escapeMarkdown(note)}`);
  lines.push("");
  lines.push(
    `Policy: ${policySource(result.policy_source)} · digest \`${result.policy_digest.slice(0, 12)}\``,
  );
  const ev = result.evaluation;
  if (ev) {
    const rows = ev.data.rows === undefined ? "" : ` (${formatCount(ev.data.rows)} rows)`;
    const who = ev.baseline?.source === "evaluated" ? "the candidate and the baseline" : "the candidate";
    lines.push(
      `Evaluated: ${who} scored by \`evaluate:\` on ${escapeMarkdown(ev.data.path)}${rows} · sha256 \`${ev.data.sha256.slice(0, 12)}\``,
    );
  }
  if (result.advisory) {
    lines.push(
      "",
      "> ⚠️ **Advisory**: this policy is not a committed default-branch file, so this verdict informs but does not admit a deploy.",
    );
  }
  lines.push("");
  if (table.length) {
    lines.push("| metric | baseline | candidate | Δ | gate |", "|---|---:|---:|---:|:--|");
    for (const c of table) {
      lines.push(
        `| ${metricCell(c)} | ${num(c.baseline)} | ${num(c.candidate)} | ${deltaCell(c)} | ${gateCell(c)} |`,
      );
    }
    lines.push("");
  } else {
    lines.push("_The policy has no metric or slice rules._", "");
  }
  if (sig.length) {
    lines.push("**Significance**", "");
    for (const c of sig)
      lines.push(`- ${c.skipped ? "⏭️" : c.significant ? "❗" : "·"} ${escapeMarkdown(c.message)}`);
    lines.push("");
  }
  if (result.notes?.length) {
    lines.push("**Notes**", "");
    for (const n of result.notes) lines.push(`- ⚠️ ${escapeMarkdown(n.message, 600)}`);
    lines.push("");
  }
  if (failed.length) {
    lines.push("**Failed**", "");
    for (const c of failed) lines.push(`- ❌ ${escapeMarkdown(c.message)}`);
    lines.push("");
  }
  const skippedRows = skipped.filter((c) => c.rule !== "significance");
  if (skippedRows.length) {
    lines.push(`<details><summary>Skipped (${skippedRows.length})</summary>`, "");
    for (const c of skippedRows) lines.push(`- ${escapeMarkdown(c.message)}`);
    lines.push("", "</details>", "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function num(n: number | null): string {
  return n === null ? "—" : fmt(n);
}

function metricCell(c: GateCheck): string {
  const name = escapeMarkdown(c.metric);
  const arrow = c.direction === "lower" && !c.rule.startsWith("slice-gap") ? " ↓" : "";
  if (c.rule === "slice-gap") return `${name} gap by ${escapeMarkdown(c.by ?? "?")}`;
  if (c.rule === "slice-min" || c.rule === "slice-max")
    return `${name}${arrow} worst slice by ${escapeMarkdown(c.by ?? "?")}`;
  return `${name}${arrow}`;
}

/** 🔻 when the change is for the worse in the metric's direction, 🔼 when for the better. */
function deltaCell(c: GateCheck): string {
  if (c.delta === null) return "—";
  const rel = c.baseline !== null && !c.rule.startsWith("slice") ? fmtRelative(c.delta, c.baseline) : null;
  const text = `${fmtDelta(c.delta)}${rel ? ` (${rel})` : ""}`;
  if (fmtDelta(c.delta) === "0") return `= ${text}`;
  const better = c.direction === "lower" ? c.delta < 0 : c.delta > 0;
  return `${better ? "🔼" : "🔻"} ${text}`;
}

/** The gate column's cell for one check: icon, the rule in words, and why it was skipped. */
export function gateCell(c: GateCheck): string {
  const icon = c.skipped ? "⏭️" : c.passed ? "✅" : "❌";
  // Caps: limits and slice names come from config and artifacts (a fork's), and share a table cell.
  const limit = typeof c.limit === "number" ? fmt(c.limit) : escapeMarkdown(String(c.limit ?? ""), 40);
  const worst = c.worst ? ` · worst ${escapeMarkdown(c.worst, 60)}` : "";
  const rule: Record<string, string> = {
    min: `≥ ${limit}`,
    max: `≤ ${limit}`,
    "max-regression": `worse by ≤ ${limit}`,
    "min-improvement": `better by ≥ ${limit}`,
    required: c.skipped ? "missing (not required)" : "missing",
    "slice-gap": `gap ≤ ${limit}${worst}`,
    "slice-min": `every slice ≥ ${limit}${worst}`,
    "slice-max": `every slice ≤ ${limit}${worst}`,
  };
  const note = c.skipped
    ? " (skipped)"
    : c.significant === false && c.rule === "max-regression"
      ? " (not significant)"
      : "";
  return `${icon} ${rule[c.rule] ?? escapeMarkdown(c.rule, 40)}${note}`;
}

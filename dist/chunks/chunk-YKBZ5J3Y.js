import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  fmt,
  fmtDelta,
  fmtRelative
} from "./chunk-L3JG2L2V.js";
import {
  escapeMarkdown,
  formatCount
} from "./chunk-IB4XY3DN.js";

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
function policySource(source) {
  const m = /^(.*)@([0-9a-f]{40,64})$/.exec(source);
  return m?.[1] && m[2] ? `${escapeMarkdown(m[1])}@${shortCommit(m[2])}` : escapeMarkdown(source);
}
function renderGateMarkdown(result, opts = {}) {
  const failed = result.checks.filter((c) => !c.passed);
  const skipped = result.checks.filter((c) => c.skipped);
  const table = result.checks.filter((c) => c.rule !== "significance");
  const sig = result.checks.filter((c) => c.rule === "significance");
  const verdict = result.passed ? `✅ passed (${result.checks.length} check${result.checks.length === 1 ? "" : "s"}${skipped.length ? `, ${skipped.length} skipped` : ""})` : `❌ failed (${failed.length} of ${result.checks.length} checks)`;
  const lines = [];
  lines.push(`### ${opts.heading ?? "🔥 kiln gate"} — ${escapeMarkdown(result.model)} · ${verdict}`, "");
  lines.push(`Baseline: ${describeBaseline(result.baseline)}`);
  for (const note of result.baseline.notes ?? []) lines.push(`- ${escapeMarkdown(note)}`);
  lines.push("");
  lines.push(
    `Policy: ${policySource(result.policy_source)} · digest \`${result.policy_digest.slice(0, 12)}\``
  );
  const ev = result.evaluation;
  if (ev) {
    const rows = ev.data.rows === void 0 ? "" : ` (${formatCount(ev.data.rows)} rows)`;
    const who = ev.baseline?.source === "evaluated" ? "the candidate and the baseline" : "the candidate";
    lines.push(
      `Evaluated: ${who} scored by \`evaluate:\` on ${escapeMarkdown(ev.data.path)}${rows} · sha256 \`${ev.data.sha256.slice(0, 12)}\``
    );
  }
  if (result.advisory) {
    lines.push(
      "",
      "> ⚠️ **Advisory**: this policy is not a committed default-branch file, so this verdict informs but does not admit a deploy."
    );
  }
  lines.push("");
  if (table.length) {
    lines.push("| metric | baseline | candidate | Δ | gate |", "|---|---:|---:|---:|:--|");
    for (const c of table) {
      lines.push(
        `| ${metricCell(c)} | ${num(c.baseline)} | ${num(c.candidate)} | ${deltaCell(c)} | ${gateCell(c)} |`
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
  return `${lines.join("\n").trimEnd()}
`;
}
function num(n) {
  return n === null ? "—" : fmt(n);
}
function metricCell(c) {
  const name = escapeMarkdown(c.metric);
  const arrow = c.direction === "lower" && !c.rule.startsWith("slice-gap") ? " ↓" : "";
  if (c.rule === "slice-gap") return `${name} gap by ${escapeMarkdown(c.by ?? "?")}`;
  if (c.rule === "slice-min" || c.rule === "slice-max")
    return `${name}${arrow} worst slice by ${escapeMarkdown(c.by ?? "?")}`;
  return `${name}${arrow}`;
}
function deltaCell(c) {
  if (c.delta === null) return "—";
  const rel = c.baseline !== null && !c.rule.startsWith("slice") ? fmtRelative(c.delta, c.baseline) : null;
  const text = `${fmtDelta(c.delta)}${rel ? ` (${rel})` : ""}`;
  if (fmtDelta(c.delta) === "0") return `= ${text}`;
  const better = c.direction === "lower" ? c.delta < 0 : c.delta > 0;
  return `${better ? "🔼" : "🔻"} ${text}`;
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

export {
  shortCommit,
  describeBaseline,
  renderGateMarkdown,
  gateCell
};

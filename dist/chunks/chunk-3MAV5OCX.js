import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  describeGpu,
  telemetryChart
} from "./chunk-PVDS5QTY.js";

// core/process/cancellation.ts
var Cancellation = class {
  listeners = /* @__PURE__ */ new Set();
  count = 0;
  why;
  get requested() {
    return this.count > 0;
  }
  get reason() {
    return this.why;
  }
  /** Asks for a stop; a repeated request forces it. */
  cancel(reason = "cancelled") {
    this.count++;
    this.why ??= reason;
    const stop = { force: this.count > 1, reason };
    for (const listener of [...this.listeners]) listener(stop);
  }
  /** Calls `listener` on every request from now on; returns the unsubscribe function. */
  onStop(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
};

// core/train/summary.ts
var OUTCOME_ICON = {
  succeeded: "✅",
  failed: "❌",
  "timed-out": "⏱️",
  cancelled: "🛑"
};
function trainSummary(r) {
  const { run } = r;
  const lines = [
    `### ${OUTCOME_ICON[r.outcome]} kiln train · ${run.model}${run.variant ? ` (${String(run.variant)})` : ""}: ${r.outcome} in ${run.duration_s ?? 0} s`,
    ""
  ];
  if (r.failure) lines.push(`> ${escapeMd(r.failure)}`, "");
  const metrics = Object.entries(run.metrics);
  if (metrics.length) {
    lines.push(
      "| metric | value |",
      "|---|---:|",
      ...metrics.map(([k, v]) => `| ${escapeMd(k)} | ${v} |`),
      ""
    );
  }
  const slices = Object.entries(run.slices ?? {});
  if (slices.length) {
    const names = [...new Set(slices.flatMap(([, m]) => Object.keys(m)))];
    lines.push(
      "<details><summary>Slices</summary>",
      "",
      `| slice | ${names.map(escapeMd).join(" | ")} |`,
      `|---|${names.map(() => "---:").join("|")}|`,
      ...slices.map(([s, m]) => `| ${escapeMd(s)} | ${names.map((n) => m[n] ?? "—").join(" | ")} |`),
      "",
      "</details>",
      ""
    );
  }
  if (r.gpus.length) lines.push(`GPUs: ${r.gpus.map(describeGpu).map(escapeMd).join("; ")}`, "");
  const chart = telemetryChart(r.telemetry);
  if (chart) lines.push(chart);
  const code = run.code;
  if (code?.sha)
    lines.push(
      `Code: \`${code.sha.slice(0, 12)}\`${code.ref ? ` (${escapeMd(code.ref)})` : ""}${code.dirty ? ", with uncommitted changes" : ""}`,
      ""
    );
  lines.push(`Artifact: \`${r.artifact}\``, "");
  for (const n of r.notes) lines.push(`- ⚠️ ${escapeMd(n)}`);
  return `${lines.join("\n").trimEnd()}
`;
}
function escapeMd(text) {
  return text.replace(/[\\`*_<>|[\]]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
}

export {
  Cancellation,
  OUTCOME_ICON,
  trainSummary
};

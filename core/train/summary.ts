/** What a training run looks like to a person: the job summary in Actions, the last lines in a terminal. */
import type { RunRecord } from "../metrics/run-record.js";
import type { Outcome } from "../process/runner.js";
import { describeGpu, type GpuInfo } from "./gpu.js";
import { type Telemetry, telemetryChart } from "./telemetry.js";

export const OUTCOME_ICON: Record<Outcome, string> = {
  succeeded: "✅",
  failed: "❌",
  "timed-out": "⏱️",
  cancelled: "🛑",
};

/** The job summary: outcome, metrics, slices, GPUs with telemetry charts, notes. */
export function trainSummary(r: {
  run: RunRecord;
  outcome: Outcome;
  artifact: string;
  failure?: string;
  gpus: readonly GpuInfo[];
  telemetry?: Telemetry;
  notes: readonly string[];
}): string {
  const { run } = r;
  const lines = [
    `### ${OUTCOME_ICON[r.outcome]} kiln train · ${run.model}${run.variant ? ` (${String(run.variant)})` : ""}: ${r.outcome} in ${run.duration_s ?? 0} s`,
    "",
  ];
  if (r.failure) lines.push(`> ${escapeMd(r.failure)}`, "");
  const metrics = Object.entries(run.metrics);
  if (metrics.length) {
    lines.push(
      "| metric | value |",
      "|---|---:|",
      ...metrics.map(([k, v]) => `| ${escapeMd(k)} | ${v} |`),
      "",
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
      "",
    );
  }
  if (r.gpus.length) lines.push(`GPUs: ${r.gpus.map(describeGpu).map(escapeMd).join("; ")}`, "");
  const chart = telemetryChart(r.telemetry);
  if (chart) lines.push(chart);
  const code = run.code;
  if (code?.sha)
    lines.push(
      `Code: \`${code.sha.slice(0, 12)}\`${code.ref ? ` (${escapeMd(code.ref)})` : ""}${code.dirty ? ", with uncommitted changes" : ""}`,
      "",
    );
  lines.push(`Artifact: \`${r.artifact}\``, "");
  for (const n of r.notes) lines.push(`- ⚠️ ${escapeMd(n)}`);
  return `${lines.join("\n").trimEnd()}\n`;
}

/** Trainer-chosen names reach markdown: keep them from opening tags or breaking tables. */
function escapeMd(text: string): string {
  return text.replace(/[\\`*_<>|[\]]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
}

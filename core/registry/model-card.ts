/**
 * The model card kept with each registered version: the Model Card Toolkit's sections
 * (model_details, model_parameters, quantitative_analysis, considerations) as markdown, filled
 * from what kiln knows — the run, its gate and the model's config. Considerations kiln cannot
 * know are left as prompts for the owners rather than invented.
 */
import type { ModelConfig } from "../config/schema.js";
import type { GateResult } from "../gate/gate-result.js";
import type { RunRecord } from "../metrics/run-record.js";
import { modelUri, versionTag } from "./tags.js";

export interface ModelCardInput {
  run: RunRecord;
  version?: number;
  gate?: GateResult;
  config?: ModelConfig;
  /** `owner/name` of the repository, when known. */
  repository?: string;
}

export function renderModelCard(input: ModelCardInput): string {
  const { run, gate, config } = input;
  const lines: string[] = [];
  const title = input.version === undefined ? run.model : versionTag(run.model, input.version);
  lines.push(`# Model card: ${title}`, "");

  lines.push("## Model details", "");
  lines.push(`- **Name:** ${run.model}`);
  if (input.version !== undefined) {
    lines.push(`- **Version:** ${input.version} (\`${modelUri(run.model, input.version)}\`)`);
  }
  if (input.repository) lines.push(`- **Owners:** ${input.repository}`);
  if (run.code?.sha) lines.push(`- **Code:** ${run.code.ref ? `${run.code.ref}@` : ""}${run.code.sha}`);
  if (run.started_at) lines.push(`- **Trained:** ${run.started_at}`);
  lines.push("");

  lines.push("## Model parameters", "");
  const train = config?.train;
  const command = typeof train === "string" ? train : train?.command;
  if (command) lines.push(`- **Training command:** \`${command}\``);
  const data = Object.entries(run.data ?? {});
  for (const [path, d] of data) {
    lines.push(
      `- **Data:** \`${path}\` (sha256 ${d.sha256.slice(0, 12)}${d.rows === undefined ? "" : `, ${d.rows} rows`})`,
    );
  }
  const params = Object.entries(run.params ?? {});
  if (params.length > 0) {
    lines.push("", "| parameter | value |", "|---|---|");
    for (const [k, v] of params) lines.push(`| ${cell(k)} | ${cell(JSON.stringify(v))} |`);
  }
  if (!command && data.length === 0 && params.length === 0) lines.push("_Not recorded in run.json._");
  lines.push("");

  lines.push("## Quantitative analysis", "", "| metric | slice | value |", "|---|---|---|");
  for (const [k, v] of Object.entries(run.metrics)) lines.push(`| ${cell(k)} | (all) | ${v} |`);
  for (const [slice, metrics] of Object.entries(run.slices ?? {})) {
    for (const [k, v] of Object.entries(metrics)) lines.push(`| ${cell(k)} | ${cell(slice)} | ${v} |`);
  }
  if (gate) {
    const failed = gate.checks.filter((c) => !c.passed).length;
    lines.push(
      "",
      `Gate: ${gate.passed ? "passed" : `failed (${failed} of ${gate.checks.length} checks)`} under policy ` +
        `\`${gate.policy_source}\`${gate.advisory ? " (advisory)" : ""}; baseline ${gate.baseline.source}` +
        `${gate.baseline.model_version ? ` ${gate.baseline.model_version}` : ""}.`,
    );
  }
  lines.push("");

  lines.push("## Considerations", "");
  lines.push("- **Intended users and use cases:** _to be written by the model's owners._");
  lines.push("- **Limitations:** _to be written by the model's owners._");
  lines.push("- **Ethical considerations:** _to be written by the model's owners._");
  lines.push("");
  return lines.join("\n");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

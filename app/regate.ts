/**
 * Re-gating a run.json with the default branch's policy, and the model's comment section. The app
 * does not reach the registry or base-branch runs yet, so the baseline is none (said in the section).
 */
import type { KilnConfig } from "../core/config/schema.js";
import { NO_BASELINE } from "../core/gate/baseline.js";
import { evaluateGate } from "../core/gate/evaluate.js";
import type { GateResult } from "../core/gate/gate-result.js";
import { normalisePolicy } from "../core/gate/policy.js";
import { escapeMarkdown } from "../core/markdown.js";
import {
  COMMENT_MARKER,
  COMMENT_MAX,
  renderModelSection,
  sectionEnd,
  sectionStart,
} from "../core/metrics/comment.js";
import { diffRuns } from "../core/metrics/diff.js";
import type { RunRecord } from "../core/metrics/run-record.js";
import { CONFIG_PATH } from "../core/names.js";

export const BASELINE_NOTE =
  "the app does not read the registry or base-branch runs yet, so there is no baseline and change rules are skipped";

export interface ModelOutcome {
  model: string;
  /** The comment section, markers included; also the check run's summary. */
  section: string;
  conclusion: "success" | "failure" | "neutral";
  title: string;
}

export interface RunLinks {
  sha: string;
  url?: string;
  runNumber?: number;
}

export function regate(
  run: RunRecord,
  config: KilnConfig,
  defaultBranch: string,
  links: RunLinks,
): ModelOutcome {
  const model = run.model;
  const entry = config.models[model];
  let gate: GateResult | null = null;
  if (entry) {
    gate = evaluateGate({
      policy: normalisePolicy(model, entry),
      candidate: run,
      baseline: { ...NO_BASELINE, notes: [BASELINE_NOTE] },
      policySource: `${CONFIG_PATH} on ${defaultBranch}`,
      advisory: false,
    });
  }
  const directions = Object.fromEntries(
    (gate?.checks ?? []).filter((c) => !c.rule.startsWith("slice-")).map((c) => [c.metric, c.direction]),
  );
  const base: RunRecord = { schema: "kiln.run/v1", model, metrics: {} };
  const note = entry
    ? `> ℹ️ Baseline: none — ${escapeMarkdown(BASELINE_NOTE)}.`
    : `> ⚠️ ${escapeMarkdown(CONFIG_PATH)} on ${escapeMarkdown(defaultBranch)} declares no model ${model}: ` +
      "not gated (a new model is gated once its policy is on the default branch).";
  const body = renderModelSection(
    {
      diff: diffRuns(base, run, { directions }),
      gate,
      base: { label: "no baseline" },
      head: {
        label: "this PR",
        sha: links.sha,
        ...(links.url ? { url: links.url } : {}),
        ...(links.runNumber ? { run: `#${links.runNumber}` } : {}),
      },
      refreshHint: false,
    },
    { maxChars: COMMENT_MAX - COMMENT_MARKER.length - note.length - 4 },
  );
  const section = withNote(body, model, note);
  if (!gate)
    return { model, section, conclusion: "neutral", title: "not gated: no policy on the default branch" };
  const failed = gate.checks.filter((c) => !c.passed).length;
  return gate.passed
    ? { model, section, conclusion: "success", title: `gate passed (${gate.checks.length} checks)` }
    : {
        model,
        section,
        conclusion: "failure",
        title: `gate failed (${failed} of ${gate.checks.length} checks)`,
      };
}

/** A section for a model whose artifact could not be used (the message is escaped). */
export function errorOutcome(model: string, message: string): ModelOutcome {
  const section = [
    sectionStart(model),
    `### 🔥 kiln — ${model} · ⚠️ run.json unusable`,
    "",
    `> ${escapeMarkdown(message, 600)}`,
    sectionEnd(model),
  ].join("\n");
  return { model, section, conclusion: "failure", title: "run.json unusable" };
}

function withNote(section: string, model: string, note: string): string {
  const end = `\n${sectionEnd(model)}`;
  return section.endsWith(end) ? `${section.slice(0, -end.length)}\n\n${note}${end}` : section;
}

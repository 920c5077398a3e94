/**
 * Re-gating a run.json with the default branch's policy against its baseline, and the model's comment
 * section. The policy is always the default branch's: a PR cannot loosen its own gate.
 */
import type { KilnConfig } from "../core/config/schema.js";
import { NO_BASELINE, type ResolvedBaseline } from "../core/gate/baseline.js";
import { evaluateGate, type GateInputs } from "../core/gate/evaluate.js";
import type { ExampleTable } from "../core/gate/examples.js";
import type { GateResult } from "../core/gate/gate-result.js";
import { normalisePolicy } from "../core/gate/policy.js";
import { escapeMarkdown } from "../core/markdown.js";
import {
  COMMENT_MARKER,
  COMMENT_MAX,
  renderModelSection,
  type SideInfo,
  sectionEnd,
  sectionStart,
} from "../core/metrics/comment.js";
import { diffRuns } from "../core/metrics/diff.js";
import { gateDirections } from "../core/metrics/direction.js";
import type { RunRecord } from "../core/metrics/run-record.js";
import { CONFIG_PATH } from "../core/names.js";
import type { HistoryEntry } from "../core/ports.js";

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

export interface RegateInput {
  run: RunRecord;
  config: KilnConfig;
  defaultBranch: string;
  links: RunLinks;
  /** From app/baseline.ts; none when absent. */
  baseline?: (ResolvedBaseline & { error?: string; examples?: ExampleTable | string }) | null;
  /** The default branch's history of the model, oldest first: the chart. */
  history?: HistoryEntry[];
  /** The run's per-example results, or why there are none (read when the policy has significance). */
  candidateExamples?: ExampleTable | string;
  /** With evaluate:, the gate artifact's evaluation (app/evaluation.ts) and its per-example results. */
  evaluation?: GateInputs["evaluation"];
  baselineExamples?: ExampleTable | string;
  /** The pull request edits the config: its own gate job was advisory; this verdict is the one that counts. */
  policyChanged?: boolean;
}

export function regate(input: RegateInput): ModelOutcome {
  const { run, config, defaultBranch, links } = input;
  const model = run.model;
  const entry = config.models[model];
  const baseline = input.baseline ?? NO_BASELINE;
  let gate: GateResult | null = null;
  if (entry) {
    gate = evaluateGate({
      policy: normalisePolicy(model, entry),
      candidate: run,
      baseline,
      policySource: `${CONFIG_PATH} on ${defaultBranch}`,
      advisory: false,
      ...(input.candidateExamples === undefined ? {} : { candidateExamples: input.candidateExamples }),
      ...(input.baseline?.examples === undefined ? {} : { baselineExamples: input.baseline.examples }),
      ...(input.baselineExamples === undefined ? {} : { baselineExamples: input.baselineExamples }),
      ...(input.evaluation ? { evaluation: input.evaluation } : {}),
    });
  }
  const directions = gateDirections(gate?.checks ?? []);
  const base: RunRecord = baseline.run ?? { schema: "kiln.run/v1", model, metrics: {} };
  const notes = [
    !entry
      ? `> ⚠️ ${escapeMarkdown(CONFIG_PATH)} on ${escapeMarkdown(defaultBranch)} declares no model ${model}: ` +
        "not gated (a new model is gated once its policy is on the default branch)."
      : baseline.run
        ? ""
        : baselineNote(baseline, model, defaultBranch),
    input.policyChanged
      ? `> ℹ️ This pull request changes ${escapeMarkdown(CONFIG_PATH)}: its own gate job used that policy and is advisory; ` +
        `this verdict uses ${escapeMarkdown(CONFIG_PATH)} on ${escapeMarkdown(defaultBranch)}, and it is the one that counts.`
      : "",
  ];
  const note = notes.filter(Boolean).join("\n\n");
  const body = renderModelSection(
    {
      diff: diffRuns(base, run, { directions }),
      gate,
      ...(input.history ? { history: input.history } : {}),
      base: baseSide(baseline, links),
      head: {
        label: "this PR",
        sha: links.sha,
        ...(links.url ? { url: links.url } : {}),
        ...(links.runNumber ? { run: links.runNumber } : {}),
      },
      refreshHint: true,
    },
    { maxChars: COMMENT_MAX - COMMENT_MARKER.length - note.length - 4 },
  );
  const section = note ? withNote(body, model, note) : body;
  if (!gate)
    return { model, section, conclusion: "neutral", title: "not gated: no policy on the default branch" };
  const failed = gate.checks.filter((c) => !c.passed).length;
  const against = baseline.run ? ` vs ${baseline.label}` : ", no baseline";
  return gate.passed
    ? {
        model,
        section,
        conclusion: "success",
        title: `gate passed (${gate.checks.length} checks${against})`,
      }
    : {
        model,
        section,
        conclusion: "failure",
        title: `gate failed (${failed} of ${gate.checks.length} checks${against})`,
      };
}

/** Why there is no baseline, and what makes one appear. */
function baselineNote(
  b: ResolvedBaseline & { error?: string },
  model: string,
  defaultBranch: string,
): string {
  if (b.error !== undefined)
    return `> ⚠️ No baseline: ${escapeMarkdown(b.error, 400)}. Change rules are skipped; \`/kiln diff\` tries again.`;
  const why = b.notes.length ? ` (${escapeMarkdown(b.notes.join("; "), 600)})` : "";
  return (
    `> ℹ️ No baseline yet${why}: change rules are skipped. They apply once the model has a production ` +
    `version in the registry or a successful run of this workflow on ${escapeMarkdown(defaultBranch)} uploaded \`kiln-run-${model}\`.`
  );
}

/** The comment's base column: the registry version or the branch run, linked when it can be. */
function baseSide(b: ResolvedBaseline, links: RunLinks): SideInfo {
  const bl = b.baseline;
  if (!b.run) return { label: "no baseline" };
  if (bl.source === "registry")
    return { label: String(bl.model_version ?? b.label), ...(bl.sha ? { sha: String(bl.sha) } : {}) };
  const runId = bl.run_id === undefined ? undefined : String(bl.run_id);
  // The base run's page sits next to the PR run's: same host and repository, another id.
  const url =
    runId && links.url && /\/actions\/runs\/\d+/.test(links.url)
      ? links.url.replace(/\/actions\/runs\/\d+.*$/, `/actions/runs/${runId}`)
      : undefined;
  return {
    label: String(bl.branch ?? "base"),
    ...(bl.sha ? { sha: String(bl.sha) } : {}),
    ...(url ? { url } : {}),
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

/** The comment section key of a workflow's notices (model names cannot clash: they do not start so). */
export function noticeKey(workflowPath: string | null): string {
  const file = (workflowPath ?? "workflow").split("/").pop() ?? "workflow";
  return `workflow.${file.toLowerCase().replace(/[^a-z0-9._-]/g, "-")}`.slice(0, 64);
}

/** A section saying that a kiln run uploaded no kiln-run-* artifact, and what to check. */
export function noArtifactSection(
  workflowPath: string | null,
  run: { url?: string; runNumber?: number; conclusion?: string | null },
  otherKilnArtifacts: string[],
): string {
  const key = noticeKey(workflowPath);
  const file = escapeMarkdown((workflowPath ?? "the workflow").split("/").pop() ?? "", 100);
  const runText = `run${run.runNumber ? ` #${run.runNumber}` : ""}`;
  const link =
    run.url && /^https?:\/\/[^\s()<>"'`\\[\]]+$/.test(run.url) ? `[${runText}](${run.url})` : runText;
  const concluded = run.conclusion ? ` (it concluded **${escapeMarkdown(run.conclusion, 40)}**)` : "";
  const others = otherKilnArtifacts.length
    ? ` It did upload ${otherKilnArtifacts
        .slice(0, 10)
        .map((n) => `\`${escapeMarkdown(n, 80).replace(/`/g, "")}\``)
        .join(", ")}.`
    : "";
  return [
    sectionStart(key),
    `### 🔥 kiln — ${file} · ⚠️ no model to compare`,
    "",
    `> The ${link} of ${file}${concluded} uploaded no \`kiln-run-*\` artifact, so no model was compared or gated.${others}`,
    "> If this pull request changes a model, check the train step's log: it uploads `kiln-run-<model>` with run.json when training succeeds. `/kiln diff` refreshes this comment.",
    sectionEnd(key),
  ].join("\n");
}

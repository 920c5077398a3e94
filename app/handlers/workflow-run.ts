/**
 * A finished CI run of a pull request: re-gate its kiln-run-* artifacts with the default branch's
 * policy, then write the PR comment and one check run per model.
 */
import type { Context } from "probot";
import { formatProblem } from "../../core/config/load.js";
import { escapeMarkdown } from "../../core/markdown.js";
import { CONFIG_PATH } from "../../core/names.js";
import {
  listRunArtifacts,
  MAX_UNZIPPED_BYTES,
  type Octokit,
  type Repo,
  readRunArtifact,
} from "../artifacts.js";
import { upsertComment } from "../comments.js";
import { summarize } from "../event.js";
import { readDefaultConfig, workflowSelected } from "../policy.js";
import { findPullRequests } from "../pulls.js";
import { errorOutcome, type ModelOutcome, regate } from "../regate.js";

/** Runs of these events belong to pull requests; others (push, schedule, dispatch) get no comment. */
const PR_EVENTS = new Set(["pull_request", "pull_request_target"]);

interface RunEvent {
  repo: Repo;
  defaultBranch: string;
  runId: number;
  headSha: string;
  path: string | null;
  url?: string;
  runNumber?: number;
  pulls: number[];
}

export async function onWorkflowRunCompleted(context: Context<"workflow_run.completed">): Promise<void> {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
  const ev = readRunEvent(context.payload);
  if (!ev || summary.installation === null) return;
  await handleRun(context.octokit, context.log, ev);
}

async function handleRun(octokit: Octokit, log: Context["log"], ev: RunEvent): Promise<void> {
  const config = await readDefaultConfig(octokit, ev.repo, ev.defaultBranch);
  if (config.kind === "missing") {
    log.info({ repo: ev.repo }, `workflow_run: no ${CONFIG_PATH} on ${ev.defaultBranch}; nothing to do`);
    return;
  }
  if (config.kind === "ok" && !workflowSelected(config.config, ev.path)) {
    log.info({ path: ev.path }, "workflow_run: workflow not in app.workflows; skipped");
    return;
  }
  const artifacts = await listRunArtifacts(octokit, ev.repo, ev.runId);
  if (artifacts.length === 0) {
    log.info({ run: ev.runId }, "workflow_run: no kiln-run-* artifacts; skipped");
    return;
  }
  if (config.kind === "invalid") {
    const problems = config.problems
      .slice(0, 50)
      .map((p) => `- ${escapeMarkdown(formatProblem(CONFIG_PATH, p), 400)}`);
    await createCheck(
      octokit,
      ev,
      "kiln / config",
      "failure",
      `${CONFIG_PATH} on ${ev.defaultBranch} is invalid`,
      [
        `The default branch's ${escapeMarkdown(CONFIG_PATH)} is not a valid kiln config, so no model was gated:`,
        "",
        ...problems,
      ].join("\n"),
    );
    log.warn({ problems: config.problems }, "workflow_run: invalid config on the default branch");
    return;
  }

  const budget = { left: MAX_UNZIPPED_BYTES };
  const outcomes: ModelOutcome[] = [];
  for (const artifact of artifacts) {
    const read = await readRunArtifact(octokit, ev.repo, artifact, budget);
    if (!read.ok) log.warn({ artifact: artifact.name, error: read.error }, "workflow_run: artifact unusable");
    outcomes.push(
      read.ok
        ? regate(read.run, config.config, ev.defaultBranch, {
            sha: ev.headSha,
            ...(ev.url ? { url: ev.url } : {}),
            ...(ev.runNumber ? { runNumber: ev.runNumber } : {}),
          })
        : errorOutcome(artifact.model, read.error),
    );
  }

  for (const o of outcomes)
    await createCheck(octokit, ev, `kiln / ${o.model}`, o.conclusion, o.title, o.section);
  const pulls = await findPullRequests(octokit, ev.repo, ev.pulls, ev.headSha);
  if (pulls.length === 0) log.info({ sha: ev.headSha }, "workflow_run: no open pull request for the run");
  for (const pr of pulls) {
    const id = await upsertComment(
      octokit,
      ev.repo,
      pr,
      outcomes.map((o) => o.section),
    );
    log.info({ pr, comment: id, models: outcomes.map((o) => o.model) }, "workflow_run: comment written");
  }
}

async function createCheck(
  octokit: Octokit,
  ev: RunEvent,
  name: string,
  conclusion: ModelOutcome["conclusion"],
  title: string,
  summary: string,
): Promise<void> {
  await octokit.rest.checks.create({
    ...ev.repo,
    name,
    head_sha: ev.headSha,
    status: "completed",
    conclusion,
    output: { title, summary },
  });
}

/** The fields kiln needs, or null when the payload lacks them (it is logged, not acted on). */
function readRunEvent(payload: unknown): RunEvent | null {
  const p = payload as {
    repository?: { name?: unknown; owner?: { login?: unknown }; default_branch?: unknown };
    workflow_run?: {
      id?: unknown;
      head_sha?: unknown;
      event?: unknown;
      path?: unknown;
      html_url?: unknown;
      run_number?: unknown;
      pull_requests?: unknown;
    };
  } | null;
  const repo = p?.repository;
  const run = p?.workflow_run;
  if (!repo || !run || typeof run !== "object" || Array.isArray(run)) return null;
  const { name, default_branch: branch } = repo;
  const owner = repo.owner?.login;
  if (typeof name !== "string" || typeof owner !== "string" || typeof branch !== "string") return null;
  if (typeof run.id !== "number" || typeof run.head_sha !== "string" || !/^[0-9a-f]{40}$/.test(run.head_sha))
    return null;
  if (typeof run.event !== "string" || !PR_EVENTS.has(run.event)) return null;
  const pulls = Array.isArray(run.pull_requests)
    ? run.pull_requests
        .map((pr: unknown) => (pr as { number?: unknown } | null)?.number)
        .filter((n): n is number => typeof n === "number" && Number.isInteger(n) && n > 0)
    : [];
  return {
    repo: { owner, repo: name },
    defaultBranch: branch,
    runId: run.id,
    headSha: run.head_sha,
    path: typeof run.path === "string" ? run.path : null,
    ...(typeof run.html_url === "string" ? { url: run.html_url } : {}),
    ...(typeof run.run_number === "number" ? { runNumber: run.run_number } : {}),
    pulls,
  };
}

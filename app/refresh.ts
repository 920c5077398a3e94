import type { Context } from "probot";
import { formatProblem } from "../core/config/load.js";
import type { KilnConfig } from "../core/config/schema.js";
import { escapeMarkdown } from "../core/markdown.js";
import { CONFIG_PATH } from "../core/names.js";
import type { HistoryEntry } from "../core/ports.js";
import { GitHubMetricHistory } from "../github/history.js";
import {
  asGitHub,
  listRunArtifacts,
  MAX_UNZIPPED_BYTES,
  type Octokit,
  type Repo,
  type RunArtifact,
  readRunArtifact,
} from "./artifacts.js";
import { appBaseline } from "./baseline.js";
import { upsertComment } from "./comments.js";
import { artifactEvaluation } from "./evaluation.js";
import { examplesTable } from "./examples.js";
import { configDiffers, readDefaultConfig, workflowSelected } from "./policy.js";
import { findPullRequests } from "./pulls.js";
import { errorOutcome, type ModelOutcome, noArtifactSection, noticeKey, regate } from "./regate.js";

/** Runs of these events belong to pull requests. */
export const PR_EVENTS = new Set(["pull_request", "pull_request_target"]);
/** How many default-branch results the chart shows. */
const CHART_POINTS = 10;

export type Log = Context["log"];

export interface RunEvent {
  repo: Repo;
  defaultBranch: string;
  runId: number;
  headSha: string;
  headBranch: string | null;
  event: string;
  conclusion: string | null;
  /** The workflow's numeric id (what its base-branch runs are listed by), else its file. */
  workflowId: number | null;
  path: string | null;
  url?: string;
  runNumber?: number;
  /** PR numbers the payload names (empty for fork PRs) and their base branches. */
  pulls: number[];
  baseBranch: string | null;
}

/**
 * A workflow run object (the webhook's `workflow_run`, or one from the REST API: same shape) as a
 * RunEvent; null when it lacks what kiln needs (the payload is untrusted, so it is read defensively).
 */
export function readRun(repository: unknown, run: unknown): RunEvent | null {
  const repo = repository as {
    name?: unknown;
    owner?: { login?: unknown };
    default_branch?: unknown;
  } | null;
  const r = run as {
    id?: unknown;
    head_sha?: unknown;
    head_branch?: unknown;
    event?: unknown;
    conclusion?: unknown;
    workflow_id?: unknown;
    path?: unknown;
    html_url?: unknown;
    run_number?: unknown;
    pull_requests?: unknown;
  } | null;
  if (!repo || !r || typeof r !== "object" || Array.isArray(r)) return null;
  const { name, default_branch: branch } = repo;
  const owner = repo.owner?.login;
  if (typeof name !== "string" || typeof owner !== "string" || typeof branch !== "string") return null;
  if (typeof r.id !== "number" || typeof r.head_sha !== "string" || !/^[0-9a-f]{40}$/.test(r.head_sha))
    return null;
  if (typeof r.event !== "string") return null;
  const prs = Array.isArray(r.pull_requests)
    ? (r.pull_requests as Array<{ number?: unknown; base?: { ref?: unknown } } | null>)
    : [];
  const pulls = prs
    .map((pr) => pr?.number)
    .filter((n): n is number => typeof n === "number" && Number.isInteger(n) && n > 0);
  const base = prs.map((pr) => pr?.base?.ref).find((b): b is string => typeof b === "string");
  return {
    repo: { owner, repo: name },
    defaultBranch: branch,
    runId: r.id,
    headSha: r.head_sha,
    headBranch: typeof r.head_branch === "string" ? r.head_branch : null,
    event: r.event,
    conclusion: typeof r.conclusion === "string" ? r.conclusion : null,
    workflowId: typeof r.workflow_id === "number" ? r.workflow_id : null,
    path: typeof r.path === "string" ? r.path : null,
    ...(typeof r.html_url === "string" ? { url: r.html_url } : {}),
    ...(typeof r.run_number === "number" ? { runNumber: r.run_number } : {}),
    pulls,
    baseBranch: base ?? null,
  };
}

export type RefreshResult =
  | { kind: "skipped"; reason: string }
  | { kind: "config-invalid" }
  | { kind: "commented"; pulls: number[]; models: string[] }
  | { kind: "history"; models: string[] };

/**
 * Does what the run calls for. `opts.pulls` names the PRs to comment on (`/kiln diff` knows its PR);
 * otherwise they come from the run.
 */
export async function refreshRun(
  octokit: Octokit,
  log: Log,
  ev: RunEvent,
  opts: { pulls?: number[] } = {},
): Promise<RefreshResult> {
  const isPr = PR_EVENTS.has(ev.event);
  const isMainPush = ev.event === "push" && ev.headBranch === ev.defaultBranch;
  if (!isPr && !isMainPush)
    return skip(log, ev, `a ${ev.event} run is neither a PR's nor the default branch's`);

  const config = await readDefaultConfig(octokit, ev.repo, ev.defaultBranch);
  if (config.kind === "missing") return skip(log, ev, `no ${CONFIG_PATH} on ${ev.defaultBranch}`);
  const explicit = config.kind === "ok" && config.config.app.workflows.length > 0;
  if (config.kind === "ok" && !workflowSelected(config.config, ev.path))
    return skip(log, ev, "workflow not in app.workflows");

  const listed = await listRunArtifacts(octokit, ev.repo, ev.runId);
  const artifacts = listed.filter((a) => a.kind === "run");
  const otherKiln = listed.filter((a) => a.kind !== "run").map((a) => a.name);

  if (isMainPush) {
    if (config.kind !== "ok" || ev.conclusion !== "success" || artifacts.length === 0)
      return skip(log, ev, "a default-branch run without a successful kiln-run-* artifact: no history");
    return recordHistory(octokit, log, ev, config.config, artifacts);
  }

  if (config.kind === "invalid") {
    if (artifacts.length === 0) return skip(log, ev, "no kiln-run-* artifacts (and the config is invalid)");
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
    return { kind: "config-invalid" };
  }

  const pulls = opts.pulls ?? (await findPullRequests(octokit, ev.repo, ev.pulls, ev.headSha));
  const notice = noticeKey(ev.path);
  if (artifacts.length === 0) {
    // Kiln's workflow (named in app.workflows, uploading other kiln-* artifacts, or kiln init's
    // kiln-*.yml) that trained nothing is worth a word; any other workflow of the PR stays quiet.
    const file = (ev.path ?? "").split("/").pop() ?? "";
    if (!explicit && otherKiln.length === 0 && !file.startsWith("kiln"))
      return skip(log, ev, "no kiln-* artifacts: not a kiln workflow");
    const section = noArtifactSection(
      ev.path,
      {
        ...(ev.url ? { url: ev.url } : {}),
        ...(ev.runNumber ? { runNumber: ev.runNumber } : {}),
        conclusion: ev.conclusion,
      },
      otherKiln,
    );
    for (const pr of pulls) await upsertComment(octokit, ev.repo, pr, [section]);
    log.info({ pulls, run: ev.runId }, "workflow_run: no kiln-run-* artifacts; said so on the PR");
    return { kind: "commented", pulls, models: [] };
  }

  const outcomes = await regateArtifacts(
    octokit,
    log,
    ev,
    config.config,
    artifacts,
    listed.filter((a) => a.kind === "gate"),
    config.text,
  );
  for (const o of outcomes)
    await createCheck(octokit, ev, `kiln / ${o.model}`, o.conclusion, o.title, o.section);
  if (pulls.length === 0) log.info({ sha: ev.headSha }, "workflow_run: no open pull request for the run");
  for (const pr of pulls) {
    const id = await upsertComment(
      octokit,
      ev.repo,
      pr,
      outcomes.map((o) => o.section),
      [notice],
    );
    log.info({ pr, comment: id, models: outcomes.map((o) => o.model) }, "workflow_run: comment written");
  }
  return { kind: "commented", pulls, models: outcomes.map((o) => o.model) };
}

async function regateArtifacts(
  octokit: Octokit,
  log: Log,
  ev: RunEvent,
  config: KilnConfig,
  artifacts: RunArtifact[],
  gates: RunArtifact[],
  defaultText: string,
): Promise<ModelOutcome[]> {
  const budget = { left: MAX_UNZIPPED_BYTES };
  const history = new GitHubMetricHistory({ ...ev.repo, octokit: asGitHub(octokit) });
  const policyChanged = await configDiffers(octokit, ev.repo, defaultText, ev.headSha);
  const outcomes: ModelOutcome[] = [];
  for (const artifact of artifacts) {
    // Significance needs both runs' per-example results: the same verdict as the gate job's.
    const significance = Boolean(config.models[artifact.model]?.gate.significance);
    const read = await readRunArtifact(octokit, ev.repo, artifact, budget, { examples: significance });
    if (!read.ok && read.sweepVariant) {
      log.debug({ artifact: artifact.name }, "workflow_run: a sweep variant; its winner is gated");
      continue;
    }
    if (!read.ok) {
      log.warn({ artifact: artifact.name, error: read.error }, "workflow_run: artifact unusable");
      outcomes.push(errorOutcome(artifact.model, read.error));
      continue;
    }
    const declared = Boolean(config.models[read.run.model]);
    // An undeclared model is shown, not gated: no baseline or chart is fetched for it.
    const [baseline, past] = declared
      ? await Promise.all([
          appBaseline(octokit, ev.repo, {
            model: read.run.model,
            branch: ev.baseBranch ?? ev.defaultBranch,
            workflow: ev.workflowId ?? (ev.path ?? "").split("/").pop() ?? "",
            examples: significance,
          }),
          readHistory(history, log, read.run.model),
        ])
      : [null, undefined];
    // With evaluate:, the gate job's scores on the default branch's data, when they check out.
    const entry = config.models[read.run.model];
    const gateArtifact = gates.find((g) => g.model === read.run.model);
    const evaluated =
      entry?.evaluate && gateArtifact
        ? await artifactEvaluation({
            octokit,
            repo: ev.repo,
            defaultBranch: ev.defaultBranch,
            gateArtifact,
            run: read.run,
            config: entry,
            baseline,
            budget,
          })
        : null;
    if (evaluated && !evaluated.ok)
      log.warn({ model: read.run.model, reason: evaluated.reason }, "workflow_run: evaluation not used");
    const fromEvaluation = evaluated?.ok ? evaluated : null;
    if (baseline?.error)
      log.warn(
        { model: read.run.model, err: baseline.cause },
        `workflow_run: no baseline: ${baseline.error}`,
      );
    outcomes.push(
      regate({
        run: read.run,
        config,
        defaultBranch: ev.defaultBranch,
        links: {
          sha: ev.headSha,
          ...(ev.url ? { url: ev.url } : {}),
          ...(ev.runNumber ? { runNumber: ev.runNumber } : {}),
        },
        baseline,
        ...(past ? { history: past } : {}),
        ...(policyChanged ? { policyChanged } : {}),
        ...(fromEvaluation
          ? {
              evaluation: fromEvaluation.evaluation,
              ...(fromEvaluation.candidateExamples === undefined
                ? {}
                : { candidateExamples: fromEvaluation.candidateExamples }),
              ...(fromEvaluation.baselineExamples === undefined
                ? {}
                : { baselineExamples: fromEvaluation.baselineExamples }),
            }
          : {}),
        ...(read.examples && !fromEvaluation?.candidateExamples
          ? {
              candidateExamples:
                "text" in read.examples
                  ? examplesTable(read.run, read.examples.text, artifact.name)
                  : read.examples.error,
            }
          : {}),
      }),
    );
  }
  return outcomes;
}

/** The chart's data; a broken or unreadable history costs the chart, not the comment. */
async function readHistory(
  history: GitHubMetricHistory,
  log: Log,
  model: string,
): Promise<HistoryEntry[] | undefined> {
  try {
    return await history.read(model, CHART_POINTS);
  } catch (err) {
    log.warn({ model, error: (err as Error).message }, "workflow_run: history unreadable; no chart");
    return undefined;
  }
}

async function recordHistory(
  octokit: Octokit,
  log: Log,
  ev: RunEvent,
  config: KilnConfig,
  artifacts: RunArtifact[],
): Promise<RefreshResult> {
  const history = new GitHubMetricHistory({ ...ev.repo, octokit: asGitHub(octokit) });
  const budget = { left: MAX_UNZIPPED_BYTES };
  const models: string[] = [];
  for (const artifact of artifacts) {
    if (!config.models[artifact.model]) continue;
    const read = await readRunArtifact(octokit, ev.repo, artifact, budget);
    if (!read.ok) {
      log.warn(
        { artifact: artifact.name, error: read.error },
        "workflow_run: artifact unusable; not recorded",
      );
      continue;
    }
    // The history skips a run_id it already records: redeliveries and re-runs chart once.
    await history.append({
      model: read.run.model,
      sha: ev.headSha,
      ref: ev.defaultBranch,
      run_id: String(ev.runId),
      recorded_at: new Date().toISOString(),
      metrics: read.run.metrics,
    });
    models.push(read.run.model);
  }
  log.info({ models, run: ev.runId }, "workflow_run: default-branch metrics recorded in the history");
  return { kind: "history", models };
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

function skip(log: Log, ev: RunEvent, reason: string): RefreshResult {
  log.info({ run: ev.runId, repo: `${ev.repo.owner}/${ev.repo.repo}` }, `workflow_run: skipped: ${reason}`);
  return { kind: "skipped", reason };
}

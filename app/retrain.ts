/**
 * The app's side of retraining PRs: the ports over an installation's octokit, the default branch's
 * `.github/kiln.yml` for the `retrain` settings and the model list, then core's stateless decision
 * (core/retrain/open-or-update.ts). Every entry point (dispatch, workflow runs, Alertmanager) ends here.
 */
import type { Logger } from "probot";
import { formatProblem } from "../core/config/load.js";
import { systemClock } from "../core/local/clock.js";
import { CONFIG_PATH } from "../core/names.js";
import {
  openOrUpdateRetrainPr,
  type RetrainOutcomeKind,
  type RetrainPorts,
} from "../core/retrain/open-or-update.js";
import type { RetrainSignal } from "../core/retrain/signals.js";
import { GitHubPullRequests } from "../github/pull-requests.js";
import { GitHubRegistry } from "../github/registry.js";
import { GitHubRepoWriter } from "../github/repo-writer.js";
import { asGitHub, type Octokit, type Repo } from "./artifacts.js";
import { type DefaultConfig, readDefaultConfig } from "./policy.js";

/** What the app did with one signal: core's outcome, or why it never got that far. */
export interface RetrainReport {
  outcome: RetrainOutcomeKind | "unknown-model" | "no-config" | "invalid-config";
  model: string;
  pr: number | null;
  url: string | null;
  message: string;
}

/** The ports for one repository, acting with the installation's token (so the PR's CI runs). */
export function retrainPorts(
  octokit: Octokit,
  repo: Repo,
  defaultBranch: string,
  log: Pick<Logger, "warn">,
): RetrainPorts {
  const ok = asGitHub(octokit);
  return {
    pullRequests: new GitHubPullRequests({
      ...repo,
      octokit: ok,
      warn: (message) => log.warn({ repo }, `retrain: ${message}`),
    }),
    repo: new GitHubRepoWriter({ ...repo, octokit: ok, defaultBranch }),
    clock: systemClock,
    // Read only (the PR names the production version); `sha` is what a registration would tag.
    registry: new GitHubRegistry({ ...repo, octokit: ok, clock: systemClock, sha: "" }),
  };
}

/**
 * Opens or updates the model's retraining PR in `repo` for `signal`. `defaultBranch` comes from the
 * webhook payload when there is one, else it is asked for; `config`, when the caller already read
 * the default branch's. GitHub errors are thrown.
 */
export async function retrainFromSignal(
  octokit: Octokit,
  repo: Repo,
  signal: RetrainSignal,
  log: Logger,
  known: { defaultBranch?: string; config?: DefaultConfig } = {},
): Promise<RetrainReport> {
  const where = `${repo.owner}/${repo.repo}`;
  const branch = known.defaultBranch ?? (await octokit.rest.repos.get({ ...repo })).data.default_branch;
  const report = (outcome: RetrainReport["outcome"], message: string): RetrainReport => ({
    outcome,
    model: signal.model,
    pr: null,
    url: null,
    message: `${signal.model}: ${message}`,
  });

  const config = known.config ?? (await readDefaultConfig(octokit, repo, branch));
  if (config.kind === "missing") {
    const r = report("no-config", `${where} has no ${CONFIG_PATH} on ${branch}; nothing written`);
    log.info({ repo: where, model: signal.model, outcome: r.outcome }, `retrain: ${r.message}`);
    return r;
  }
  if (config.kind === "invalid") {
    const first = config.problems[0];
    const r = report(
      "invalid-config",
      `${CONFIG_PATH} on ${branch} is invalid${first ? ` (${formatProblem(CONFIG_PATH, first)})` : ""}; nothing written`,
    );
    log.warn({ repo: where, model: signal.model, outcome: r.outcome }, `retrain: ${r.message}`);
    return r;
  }
  const models = Object.keys(config.config.models);
  if (!models.includes(signal.model)) {
    // Only models the default branch declares get PRs: a signal cannot invent branches.
    const r = report(
      "unknown-model",
      `${CONFIG_PATH} on ${branch} declares no model ${signal.model}; nothing written`,
    );
    log.warn({ repo: where, model: signal.model, outcome: r.outcome }, `retrain: ${r.message}`);
    return r;
  }

  const outcome = await openOrUpdateRetrainPr(retrainPorts(octokit, repo, branch, log), {
    signal,
    retrain: config.config.retrain,
    models,
  });
  log.info(
    { repo: where, model: outcome.model, outcome: outcome.outcome, pr: outcome.pr, key: signal.key },
    `retrain: ${outcome.message}`,
  );
  return {
    outcome: outcome.outcome,
    model: outcome.model,
    pr: outcome.pr,
    url: outcome.url,
    message: outcome.message,
  };
}

/**
 * `/kiln diff` in a pull request comment: refresh the PR's kiln comment from the newest kiln run of
 * its head, exactly as workflow_run.completed does (app/refresh.ts). Only people who can push (write,
 * maintain, admin) may ask: a refresh costs API calls and re-posts check runs. Bots are ignored, so
 * kiln never answers itself or another bot.
 */
import type { Context } from "probot";
import { summarize } from "../event.js";
import { PR_EVENTS, readRun, refreshRun } from "../refresh.js";

const COMMAND = /^\s*\/kiln\s+diff\s*$/m;
const ALLOWED = new Set(["admin", "maintain", "write"]);
const MAX_CANDIDATES = 5;

export async function onIssueCommentCreated(context: Context<"issue_comment.created">): Promise<void> {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
  const p = context.payload as unknown as {
    comment?: { id?: unknown; body?: unknown; user?: { login?: unknown; type?: unknown } };
    issue?: { number?: unknown; pull_request?: unknown; state?: unknown };
    repository?: { name?: unknown; owner?: { login?: unknown }; default_branch?: unknown };
  } | null;
  const body = p?.comment?.body;
  const login = p?.comment?.user?.login;
  const issue = p?.issue?.number;
  const owner = p?.repository?.owner?.login;
  const name = p?.repository?.name;
  if (typeof body !== "string" || !COMMAND.test(body)) return;
  if (
    summary.installation === null ||
    typeof login !== "string" ||
    typeof issue !== "number" ||
    typeof owner !== "string" ||
    typeof name !== "string" ||
    typeof p?.comment?.id !== "number"
  )
    return;
  if (!p?.issue?.pull_request) {
    context.log.info({ issue }, "/kiln diff: not a pull request; ignored");
    return;
  }
  if (p.comment?.user?.type === "Bot" || login.endsWith("[bot]")) {
    context.log.info({ login }, "/kiln diff: from a bot; ignored");
    return;
  }
  const repo = { owner, repo: name };
  const octokit = context.octokit;
  const { data: perm } = await octokit.rest.repos.getCollaboratorPermissionLevel({
    ...repo,
    username: login,
  });
  if (!ALLOWED.has(perm.permission)) {
    // No reply: a comment to every drive-by user would be spam kiln itself creates.
    context.log.info({ login, permission: perm.permission }, "/kiln diff: needs write access; ignored");
    return;
  }
  const commentId = p.comment.id;
  const react = (content: "eyes" | "+1" | "confused") =>
    octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: commentId, content }).catch((err) => {
      context.log.warn({ err }, "/kiln diff: could not react");
    });
  await react("eyes");

  const { data: pr } = await octokit.rest.pulls.get({ ...repo, pull_number: issue });
  const { data: runs } = await octokit.rest.actions.listWorkflowRunsForRepo({
    ...repo,
    head_sha: pr.head.sha,
    status: "completed",
    per_page: 30,
  });
  // The newest completed PR runs of the head (a few: each costs calls); refreshRun skips runs of
  // workflows that are not kiln's.
  const candidates = runs.workflow_runs
    .filter((r) => PR_EVENTS.has(r.event))
    .sort((a, b) => b.id - a.id)
    .slice(0, MAX_CANDIDATES);
  for (const run of candidates) {
    const ev = readRun(context.payload.repository, {
      ...run,
      pull_requests: [{ number: issue, base: { ref: pr.base.ref } }],
    });
    if (!ev) continue;
    const result = await refreshRun(octokit, context.log, ev, { pulls: [issue] });
    if (result.kind === "skipped") continue;
    context.log.info({ pr: issue, run: run.id, result: result.kind }, "/kiln diff: refreshed");
    await react("+1");
    return;
  }
  context.log.info({ pr: issue, sha: pr.head.sha }, "/kiln diff: no completed kiln run for the head");
  await react("confused");
}

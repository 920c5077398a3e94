/**
 * A finished workflow run: a PR's run gets the comment and check runs, a default-branch push run
 * feeds the metric history (app/refresh.ts, shared with `/kiln diff`).
 */
import type { Context } from "probot";
import { summarize } from "../event.js";
import { readRun, refreshRun } from "../refresh.js";

export async function onWorkflowRunCompleted(context: Context<"workflow_run.completed">): Promise<void> {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
  const payload = context.payload as unknown as { repository?: unknown; workflow_run?: unknown } | null;
  const ev = readRun(payload?.repository, payload?.workflow_run);
  if (!ev || summary.installation === null) return;
  await refreshRun(context.octokit, context.log, ev);
}

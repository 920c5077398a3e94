/**
 * A finished CI run: will re-gate its kiln-run-* artifacts with the default branch's policy, then write
 * the PR comment and one check run per model.
 */
import type { Context } from "probot";
import { summarize } from "../event.js";

export async function onWorkflowRunCompleted(context: Context<"workflow_run.completed">): Promise<void> {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
}

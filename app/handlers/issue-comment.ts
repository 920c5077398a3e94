/**
 * A new PR or issue comment: will answer kiln commands addressed to the app.
 */
import type { Context } from "probot";
import { summarize } from "../event.js";

export async function onIssueCommentCreated(context: Context<"issue_comment.created">): Promise<void> {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
}

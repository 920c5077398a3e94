/**
 * A repository_dispatch: `kiln-degradation` will open or update the model's retraining PR.
 */
import type { Context } from "probot";
import { summarize } from "../event.js";

export async function onRepositoryDispatch(context: Context<"repository_dispatch">): Promise<void> {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
}

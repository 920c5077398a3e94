/**
 * The app was installed, removed or its permissions changed: will note which repositories have a kiln
 * config.
 */
import type { Context } from "probot";
import { summarize } from "../event.js";

export async function onInstallation(context: Context<"installation">): Promise<void> {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
}

/**
 * A deployment waiting on kiln as a custom protection rule: will approve only a gate.json that counts.
 */
import type { Context } from "probot";
import { summarize } from "../event.js";

export async function onDeploymentProtectionRule(
  context: Context<"deployment_protection_rule">,
): Promise<void> {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
}

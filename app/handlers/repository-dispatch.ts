/**
 * A repository_dispatch: `kiln-degradation` {model, reason, evidence} opens or updates the model's
 * retraining PR. Only someone with write access to the repository can send one; the payload is
 * still schema-checked, and a malformed one is logged and nothing is written.
 */
import type { Context } from "probot";
import { describeError } from "../../core/errors.js";
import { signalFromDispatch } from "../../core/retrain/signals.js";
import { summarize } from "../event.js";
import { retrainFromSignal } from "../retrain.js";

export const DEGRADATION_EVENT = "kiln-degradation";

export async function onRepositoryDispatch(context: Context<"repository_dispatch">): Promise<void> {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
  const payload = context.payload as unknown as {
    action?: unknown;
    client_payload?: unknown;
    repository?: { name?: unknown; owner?: { login?: unknown } | null; default_branch?: unknown } | null;
  };
  // Probot passes the dispatch's event_type as the action.
  if (payload.action !== DEGRADATION_EVENT || summary.installation === null) return;
  const repository = payload.repository;
  const owner = repository?.owner?.login;
  const name = repository?.name;
  if (typeof owner !== "string" || typeof name !== "string") {
    context.log.warn(
      { delivery: summary.delivery },
      "retrain: repository_dispatch without a repository; ignored",
    );
    return;
  }
  let signal: ReturnType<typeof signalFromDispatch>;
  try {
    signal = signalFromDispatch(payload.client_payload, { now: new Date() });
  } catch (err) {
    context.log.warn(
      { delivery: summary.delivery, repo: summary.repo, error: describeError(err) },
      `retrain: ${DEGRADATION_EVENT} ignored: ${describeError(err)}`,
    );
    return;
  }
  const branch = typeof repository?.default_branch === "string" ? repository.default_branch : undefined;
  await retrainFromSignal(context.octokit, { owner, repo: name }, signal, context.log, {
    ...(branch ? { defaultBranch: branch } : {}),
  });
}

/**
 * The retraining bot's decision, stateless like Renovate: kiln finds its PR by the branch
 * `kiln/retrain/<model>` and the signals it has seen by the keys listed in the PR body, so any
 * replica, at any time, reaches the same decision from what the repository shows.
 *
 *   open PR, resolved alert     → comment noting recovery (once per resolution)
 *   open PR, a key it lists     → unchanged
 *   open PR, a new signal       → commit the request, retitle, comment the evidence
 *   no open PR, resolved alert  → unchanged
 *   closed unmerged, same key   → unchanged (a closed PR is not reopened until the signal changes)
 *   merged/closed within cooldown → skipped-cooldown
 *   max-per-day PRs on kiln/retrain/* in 24 h → skipped-limit
 *   otherwise                   → commit the request on a new branch from the default branch, open
 */
import { configSchema, type KilnConfig } from "../config/schema.js";
import { parseDuration } from "../config/units.js";
import { retrainBranch, retrainRequestPath } from "../names.js";
import type { Clock, ModelRegistry, PullRequest, PullRequests, RepoWriter } from "../ports.js";
import { commentMarker, signalKeys } from "./dedupe.js";
import { type ProductionInfo, resolvedComment, retrainBody, retrainTitle, signalComment } from "./pr.js";
import type { RetrainSignal } from "./signals.js";

export type RetrainOutcomeKind =
  | "opened"
  | "updated"
  | "unchanged"
  | "skipped-cooldown"
  | "skipped-limit"
  | "noted-resolved";

export interface RetrainOutcome {
  outcome: RetrainOutcomeKind;
  model: string;
  branch: string;
  /** The PR acted on or that decided the outcome (the recent one for a cooldown); null when none. */
  pr: number | null;
  url: string | null;
  title: string | null;
  /** The commit of the request file, when one was made. */
  commit: string | null;
  /** One line for logs and the demo. */
  message: string;
}

export interface RetrainPorts {
  pullRequests: PullRequests;
  repo: RepoWriter;
  clock: Clock;
  /** Optional: names the production version (and since when) in the PR body. */
  registry?: ModelRegistry;
}

export type RetrainSettings = KilnConfig["retrain"];

/** The retrain settings with their defaults (cooldown 24h, max-per-day 2, labels [retrain]). */
export const DEFAULT_RETRAIN: RetrainSettings = configSchema.shape.retrain.parse({});

export interface RetrainInput {
  signal: RetrainSignal;
  /** The `retrain` section of the default branch's config; defaults when omitted. */
  retrain?: RetrainSettings;
  /**
   * Every model of the config: `max-per-day` counts PRs on `kiln/retrain/*` and the port finds PRs by
   * branch, so the repository's models name the branches to look at. Always includes the signal's.
   */
  models?: readonly string[];
}

const DAY_MS = 24 * 3600 * 1000;

export async function openOrUpdateRetrainPr(
  ports: RetrainPorts,
  input: RetrainInput,
): Promise<RetrainOutcome> {
  return decide(ports, input, true);
}

async function decide(ports: RetrainPorts, input: RetrainInput, retry: boolean): Promise<RetrainOutcome> {
  const { signal } = input;
  const settings = input.retrain ?? DEFAULT_RETRAIN;
  const branch = retrainBranch(signal.model);
  const now = ports.clock.now();
  const all = await ports.pullRequests.findByBranch(branch, "all");
  const open = all.find((p) => p.state === "open");
  const result = (
    outcome: RetrainOutcomeKind,
    pr: PullRequest | null,
    message: string,
    commit: string | null = null,
  ) => ({
    outcome,
    model: signal.model,
    branch,
    pr: pr?.number ?? null,
    url: pr?.url ?? null,
    title: pr?.title ?? null,
    commit,
    message: `${signal.model}: ${message}`,
  });

  if (open) {
    if (signal.status === "resolved") {
      const noted = (await ports.pullRequests.comments(open.number)).some((c) =>
        c.body.includes(commentMarker(signal.key)),
      );
      if (noted) return result("unchanged", open, `recovery already noted on #${open.number}`);
      await commentOnce(ports.pullRequests, open.number, signal.key, resolvedComment(signal));
      return result("noted-resolved", open, `alert resolved: noted on #${open.number}, nothing else changed`);
    }
    const keys = signalKeys(open.body);
    if (keys.includes(signal.key)) return result("unchanged", open, `signal already on #${open.number}`);
    const { sha } = await commitRequest(ports.repo, signal, branch);
    const production = await productionInfo(ports.registry, signal.model);
    const updated = await ports.pullRequests.update(open.number, {
      title: retrainTitle(signal),
      body: retrainBody(signal, { production, keys: [...keys, signal.key] }),
    });
    await commentOnce(ports.pullRequests, open.number, signal.key, signalComment(signal, sha));
    return result(
      "updated",
      updated,
      `new signal on #${open.number}: request committed, evidence commented`,
      sha,
    );
  }

  if (signal.status === "resolved")
    return result("unchanged", null, "alert resolved and no retraining PR is open");

  const closedSame = all.find((p) => p.state === "closed" && signalKeys(p.body).includes(signal.key));
  if (closedSame) {
    return result(
      "unchanged",
      closedSame,
      `#${closedSame.number} was closed unmerged for this signal; not reopened until it changes`,
    );
  }

  const cooldownMs = parseDuration(settings.cooldown, "retrain.cooldown") * 1000;
  const recent = all
    .filter((p) => p.state !== "open" && p.closed_at !== null)
    .sort((a, b) => Date.parse(b.closed_at ?? "") - Date.parse(a.closed_at ?? ""))[0];
  if (recent?.closed_at && now.getTime() - Date.parse(recent.closed_at) < cooldownMs) {
    const until = new Date(Date.parse(recent.closed_at) + cooldownMs).toISOString();
    return result(
      "skipped-cooldown",
      recent,
      `#${recent.number} was ${recent.state} at ${recent.closed_at}; cooling down until ${until}`,
    );
  }

  const limit = settings["max-per-day"];
  if (limit > 0) {
    const models = [...new Set([signal.model, ...(input.models ?? [])])];
    let count = 0;
    for (const m of models) {
      const prs = m === signal.model ? all : await ports.pullRequests.findByBranch(retrainBranch(m), "all");
      count += prs.filter((p) => now.getTime() - Date.parse(p.created_at) < DAY_MS).length;
    }
    if (count >= limit) {
      return result(
        "skipped-limit",
        null,
        `${count} retraining PRs opened in the last 24 h (retrain.max-per-day ${limit})`,
      );
    }
  }

  const base = await ports.repo.defaultBranch();
  const { sha } = await commitRequest(ports.repo, signal, branch, base);
  const production = await productionInfo(ports.registry, signal.model);
  let pr: PullRequest;
  try {
    pr = await ports.pullRequests.open({
      branch,
      base,
      title: retrainTitle(signal),
      body: retrainBody(signal, { production, keys: [signal.key] }),
      labels: [...settings.labels],
      reviewers: [...settings.reviewers],
    });
  } catch (err) {
    // Another replica opened it between our look and our open (GitHub answers 422): update theirs.
    if (!retry || (await ports.pullRequests.findByBranch(branch, "open")).length === 0) throw err;
    return decide(ports, input, false);
  }
  return result("opened", pr, `opened #${pr.number} "${pr.title}" from ${branch}`, sha);
}

async function commitRequest(repo: RepoWriter, signal: RetrainSignal, branch: string, base?: string) {
  const content = `${JSON.stringify(signal.request, null, 2)}\n`;
  const message = `kiln: retrain ${signal.model} (${signal.request.source})`;
  return repo.commit(
    branch,
    [{ path: retrainRequestPath(signal.model), content }],
    message,
    base ? { base } : {},
  );
}

/** Comments, then converges with replicas that commented the same signal: the oldest one stays. */
async function commentOnce(prs: PullRequests, number: number, key: string, body: string): Promise<void> {
  await prs.comment(number, body);
  const same = (await prs.comments(number))
    .filter((c) => c.body.includes(commentMarker(key)))
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || Number(a.id) - Number(b.id));
  for (const extra of same.slice(1)) await prs.deleteComment(number, extra.id);
}

async function productionInfo(
  registry: ModelRegistry | undefined,
  model: string,
): Promise<ProductionInfo | null> {
  if (!registry) return null;
  try {
    const version = await registry.alias(model, "production");
    if (!version) return null;
    const assigned = (await registry.history(model, "production"))
      .filter((a) => a.version === version.version)
      .at(-1);
    return { tag: version.tag, ...(assigned ? { since: assigned.assigned_at } : {}) };
  } catch {
    return null; // the body can do without it; the decision must not fail on it
  }
}

/**
 * One deploy per environment at a time. The reusable workflows add a concurrency group; this guard
 * also covers a manual dispatch or a local run: a deployment to the environment that is still
 * queued or in progress (and recent: a crashed runner leaves one behind) blocks a new one.
 */
import { KilnError } from "../errors.js";
import type { Clock, Deployer } from "../ports.js";

export const STALE_DEPLOYMENT_MS = 60 * 60 * 1000;

export async function assertEnvironmentFree(
  deployer: Deployer,
  environment: string,
  clock: Clock,
  staleMs: number = STALE_DEPLOYMENT_MS,
): Promise<void> {
  const now = clock.now().getTime();
  const busy = (await deployer.list({ environment })).find(
    (d) => (d.state === "queued" || d.state === "in_progress") && now - Date.parse(d.updated_at) < staleMs,
  );
  if (busy) {
    throw new KilnError(
      `another deployment to ${environment} is in progress (deployment ${busy.id}: ${busy.model} v${busy.version}, since ${busy.updated_at})`,
      { hint: "Wait for it to finish, then run this deploy again" },
    );
  }
}

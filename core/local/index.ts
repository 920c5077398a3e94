/**
 * The filesystem implementations of every port, rooted in one directory (a repo's `.kiln/`):
 * artifacts/, registry/, deployments/, repo/ (pull requests and branches), history/.
 */
import { join } from "node:path";
import type { Clock } from "../ports.js";
import { LocalArtifactStore } from "./artifact-store.js";
import { systemClock } from "./clock.js";
import { LocalDeployer } from "./deployer.js";
import { LocalMetricHistory } from "./metric-history.js";
import { LocalPullRequests } from "./pull-requests.js";
import { LocalRegistry } from "./registry.js";
import { LocalRepoWriter } from "./repo-writer.js";

export { LocalArtifactStore } from "./artifact-store.js";
export { ManualClock, systemClock } from "./clock.js";
export { LocalDeployer } from "./deployer.js";
export { LocalMetricHistory } from "./metric-history.js";
export { LocalPullRequests } from "./pull-requests.js";
export { LocalRegistry } from "./registry.js";
export { LocalRepoWriter } from "./repo-writer.js";

export interface LocalPorts {
  clock: Clock;
  artifacts: LocalArtifactStore;
  registry: LocalRegistry;
  deployer: LocalDeployer;
  pullRequests: LocalPullRequests;
  repo: LocalRepoWriter;
  history: LocalMetricHistory;
}

/**
 * `runId` names the current "workflow run" for artifacts; it defaults to "local" so the steps of one
 * local pipeline (train, then gate, in separate CLI calls) see each other's artifacts.
 */
export function localPorts(opts: {
  root: string;
  runId?: string;
  clock?: Clock;
  defaultBranch?: string;
}): LocalPorts {
  const clock = opts.clock ?? systemClock;
  const repoRoot = join(opts.root, "repo");
  return {
    clock,
    artifacts: new LocalArtifactStore({ root: join(opts.root, "artifacts"), runId: opts.runId ?? "local" }),
    registry: new LocalRegistry({ root: join(opts.root, "registry"), clock }),
    deployer: new LocalDeployer({ root: join(opts.root, "deployments"), clock }),
    pullRequests: new LocalPullRequests({ root: repoRoot, clock }),
    repo: new LocalRepoWriter({
      root: repoRoot,
      clock,
      ...(opts.defaultBranch === undefined ? {} : { defaultBranch: opts.defaultBranch }),
    }),
    history: new LocalMetricHistory({ root: join(opts.root, "history") }),
  };
}

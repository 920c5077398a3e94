/**
 * The Deployer port on GitHub Deployments: a deployment per rollout (payload: model, version,
 * run), its statuses queued → in_progress → success | failure with environment_url and log_url.
 * The state of a deployment is its newest status. Previous deployments are not auto-inactivated:
 * several models may share an environment, and GitHub's auto_inactive would retire them all.
 */
import type { getOctokit } from "@actions/github";
import { UsageError } from "../core/errors.js";
import type { Deployer, Deployment, DeploymentRequest, DeploymentState } from "../core/ports.js";
import type { Repo } from "./baseline-runs.js";

type Octokit = ReturnType<typeof getOctokit>;

interface RestDeployment {
  id: number;
  ref: string;
  environment: string;
  payload: unknown;
  created_at: string;
  updated_at: string;
  description?: string | null;
}

interface RestStatus {
  state: string;
  created_at: string;
  environment_url?: string;
  log_url?: string;
  description?: string | null;
}

export class GitHubDeployer implements Deployer {
  constructor(private readonly opts: Repo & { octokit: Octokit; task?: string }) {}

  private get repo(): Repo {
    return { owner: this.opts.owner, repo: this.opts.repo };
  }

  async create(request: DeploymentRequest): Promise<Deployment> {
    const res = await this.opts.octokit.rest.repos.createDeployment({
      ...this.repo,
      ref: request.ref,
      environment: request.environment,
      task: this.opts.task ?? "deploy",
      payload: { ...request.payload, model: request.model, version: request.version },
      description: `${request.model} v${request.version}`,
      // kiln checked the gate itself; the ref's commit statuses are not what admits a model.
      required_contexts: [],
      auto_merge: false,
      production_environment: /^prod/i.test(request.environment),
    });
    if (res.status !== 201 || !("id" in res.data)) {
      throw new UsageError(
        `GitHub did not create a deployment of ${request.ref}: ${JSON.stringify(res.data)}`,
        {
          hint: "Deploy a commit (sha), not a branch that needs merging",
        },
      );
    }
    const d = res.data as RestDeployment;
    const status = await this.postStatus(d.id, "queued", {});
    return toDeployment(d, status);
  }

  async setState(
    id: string,
    state: DeploymentState,
    details: { environment_url?: string; log_url?: string; description?: string } = {},
  ): Promise<Deployment> {
    const status = await this.postStatus(Number(id), state, details);
    const { data } = await this.opts.octokit.rest.repos.getDeployment({
      ...this.repo,
      deployment_id: Number(id),
    });
    return toDeployment(data as RestDeployment, status);
  }

  async list(filter: { environment?: string; model?: string } = {}): Promise<Deployment[]> {
    const { data } = await this.opts.octokit.rest.repos.listDeployments({
      ...this.repo,
      ...(filter.environment === undefined ? {} : { environment: filter.environment }),
      per_page: 30,
    });
    const out: Deployment[] = [];
    for (const d of data as RestDeployment[]) {
      const payload = payloadOf(d.payload);
      if (typeof payload.model !== "string" || typeof payload.version !== "number") continue; // not kiln's
      if (filter.model !== undefined && payload.model !== filter.model) continue;
      const { data: statuses } = await this.opts.octokit.rest.repos.listDeploymentStatuses({
        ...this.repo,
        deployment_id: d.id,
        per_page: 1,
      });
      out.push(toDeployment(d, (statuses as RestStatus[])[0] ?? null));
    }
    return out.sort((a, b) => Number(b.id) - Number(a.id));
  }

  private async postStatus(
    id: number,
    state: DeploymentState,
    details: { environment_url?: string; log_url?: string; description?: string },
  ): Promise<RestStatus> {
    const { data } = await this.opts.octokit.rest.repos.createDeploymentStatus({
      ...this.repo,
      deployment_id: id,
      state,
      ...details,
      auto_inactive: false,
    });
    return data as RestStatus;
  }
}

/** A deployment's payload: an object, or JSON text (the REST API accepts both); {} otherwise. */
export function payloadOf(payload: unknown): Record<string, unknown> {
  if (typeof payload === "string") {
    try {
      const parsed = JSON.parse(payload) as unknown;
      return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return payload && typeof payload === "object" ? (payload as Record<string, unknown>) : {};
}

const STATES = new Set(["queued", "in_progress", "success", "failure", "error", "inactive"]);

function toDeployment(d: RestDeployment, status: RestStatus | null): Deployment {
  const payload = payloadOf(d.payload);
  // A deployment with no status yet is GitHub's "pending": kiln calls it queued.
  const state = (status && STATES.has(status.state) ? status.state : "queued") as DeploymentState;
  return {
    id: String(d.id),
    model: String(payload.model),
    version: Number(payload.version),
    environment: d.environment,
    ref: d.ref,
    payload,
    state,
    created_at: d.created_at,
    updated_at: status?.created_at ?? d.updated_at,
    ...(status?.environment_url ? { environment_url: status.environment_url } : {}),
    ...(status?.log_url ? { log_url: status.log_url } : {}),
    ...(status?.description ? { description: status.description } : {}),
  };
}

/**
 * The GitHub side of the baseline's fallback: the newest successful runs of the current workflow
 * on the base branch (REST), and their artifacts (@actions/artifact with `findBy`, which reads
 * other runs' artifacts with a token that has actions: read).
 */
import { join } from "node:path";
import { type ArtifactClient, DefaultArtifactClient } from "@actions/artifact";
import type { getOctokit } from "@actions/github";
import { walkFiles } from "../core/fs.js";
import type { ArtifactRef, ArtifactStore, WorkflowRun, WorkflowRuns } from "../core/ports.js";

type Octokit = ReturnType<typeof getOctokit>;

export interface Repo {
  owner: string;
  repo: string;
}

/** The workflow file of `GITHUB_WORKFLOW_REF` (`owner/repo/.github/workflows/ci.yml@refs/…`): `ci.yml`. */
export function workflowFileOf(workflowRef: string | undefined): string | null {
  const m = /\/\.github\/workflows\/([^@/]+)@/.exec(workflowRef ?? "");
  return m?.[1] ?? null;
}

export class GitHubWorkflowRuns implements WorkflowRuns {
  constructor(private readonly opts: Repo & { octokit: Octokit; workflow: string | number }) {}

  async successful(branch: string, limit: number): Promise<WorkflowRun[]> {
    const { data } = await this.opts.octokit.rest.actions.listWorkflowRuns({
      owner: this.opts.owner,
      repo: this.opts.repo,
      workflow_id: this.opts.workflow,
      branch,
      status: "success",
      // Pull requests from forks can name a branch like the base one; only pushes count.
      event: "push",
      per_page: Math.max(1, Math.min(limit, 100)),
    });
    return data.workflow_runs.map((r) => ({
      id: String(r.id),
      branch: r.head_branch ?? branch,
      sha: r.head_sha,
      created_at: r.created_at,
      url: r.html_url,
    }));
  }
}

/** Read-only access to other runs' artifacts: what the baseline resolver needs. */
export class GitHubRunArtifacts implements Pick<ArtifactStore, "list" | "download"> {
  private readonly client: ArtifactClient;

  constructor(private readonly opts: Repo & { token: string; client?: ArtifactClient }) {
    this.client = opts.client ?? new DefaultArtifactClient();
  }

  private findBy(runId: string) {
    return {
      findBy: {
        token: this.opts.token,
        workflowRunId: Number(runId),
        repositoryOwner: this.opts.owner,
        repositoryName: this.opts.repo,
      },
    };
  }

  async list(opts: { runId?: string } = {}): Promise<ArtifactRef[]> {
    if (opts.runId === undefined) throw new Error("GitHubRunArtifacts lists other runs only: give a runId");
    const runId = opts.runId;
    const { artifacts } = await this.client.listArtifacts({ latest: true, ...this.findBy(runId) });
    return artifacts.map((a) => ({ name: a.name, id: String(a.id), runId, sizeBytes: a.size }));
  }

  async download(name: string, dir: string, opts: { runId?: string } = {}): Promise<string[]> {
    const artifact = (await this.list(opts)).find((a) => a.name === name);
    if (!artifact) throw new Error(`artifact ${name} not found in run ${opts.runId}`);
    await this.client.downloadArtifact(Number(artifact.id), { path: dir, ...this.findBy(artifact.runId) });
    return (await walkFiles(dir)).map((rel) => join(dir, rel));
  }
}

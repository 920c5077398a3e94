/**
 * The ArtifactStore port on @actions/artifact 6: artifacts of the current workflow run through the
 * runner's artifact service (no token needed), other runs through the REST API (`findBy`, a token
 * with actions:read). Names are immutable per run, except that a re-run attempt replaces its own
 * artifact: the earlier attempt's upload is deleted, then the new one uploaded.
 */
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
// Only DefaultArtifactClient is imported as a value: @github/local-action's stub exports nothing else.
import { type ArtifactClient, DefaultArtifactClient } from "@actions/artifact";
import { UsageError } from "../core/errors.js";
import { walkFiles } from "../core/fs.js";
import type { ArtifactRef, ArtifactStore } from "../core/ports.js";

export interface GitHubArtifactStoreOptions {
  /** GITHUB_RUN_ID */
  runId: string;
  /** GITHUB_RUN_ATTEMPT: above 1, an upload replaces the same name from an earlier attempt. */
  attempt: number;
  /** For other runs' artifacts: a token with actions:read and the repository. */
  findBy?: { token: string; owner: string; repo: string };
  client?: ArtifactClient;
  /** Retries of an upload that conflicts right after the delete (the service takes a moment). */
  conflictRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  retentionDays?: number;
}

export class GitHubArtifactStore implements ArtifactStore {
  private readonly client: ArtifactClient;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: GitHubArtifactStoreOptions) {
    this.client = opts.client ?? new DefaultArtifactClient();
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** From the Actions environment (GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT, GITHUB_REPOSITORY). */
  static fromEnv(
    env: Readonly<Record<string, string | undefined>>,
    extra: { token?: string; client?: ArtifactClient } = {},
  ): GitHubArtifactStore {
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? "").split("/");
    const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? "1");
    return new GitHubArtifactStore({
      runId: env.GITHUB_RUN_ID ?? "0",
      attempt: Number.isInteger(attempt) && attempt > 0 ? attempt : 1,
      ...(extra.token && owner && repo ? { findBy: { token: extra.token, owner, repo } } : {}),
      ...(extra.client ? { client: extra.client } : {}),
    });
  }

  async upload(name: string, files: readonly string[], rootDir: string): Promise<ArtifactRef> {
    if (files.length === 0)
      throw new UsageError(`artifact ${name} lists no files`, { hint: "Upload at least one file" });
    const root = resolve(rootDir);
    const existing = (await this.client.listArtifacts({ latest: true })).artifacts.find(
      (a) => a.name === name,
    );
    if (existing) {
      if (this.opts.attempt <= 1) {
        throw new UsageError(`artifact ${name} already exists in this workflow run`, {
          hint: "Artifact names are immutable per run: give each matrix job its own variant",
        });
      }
      await this.client.deleteArtifact(name).catch((err: unknown) => {
        if (!isNotFound(err)) throw err;
      });
    }
    const absolute = files.map((f) => resolve(root, f));
    const retries = this.opts.conflictRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      try {
        const uploaded = await this.client.uploadArtifact(name, absolute, root, {
          ...(this.opts.retentionDays ? { retentionDays: this.opts.retentionDays } : {}),
        });
        return { name, id: String(uploaded.id ?? ""), runId: this.opts.runId, sizeBytes: uploaded.size ?? 0 };
      } catch (err) {
        // Right after a delete the service may still answer 409 for the name for a moment.
        if (!existing || attempt >= retries || !/\b409\b|already exists/i.test((err as Error).message))
          throw err;
        await this.sleep(2000 * (attempt + 1));
      }
    }
  }

  async list(opts: { runId?: string } = {}): Promise<ArtifactRef[]> {
    const runId = opts.runId ?? this.opts.runId;
    const { artifacts } = await this.client.listArtifacts({ latest: true, ...this.findOptions(runId) });
    return artifacts
      .map((a) => ({ name: a.name, id: String(a.id), runId, sizeBytes: a.size }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async download(name: string, dir: string, opts: { runId?: string } = {}): Promise<string[]> {
    const runId = opts.runId ?? this.opts.runId;
    const find = this.findOptions(runId);
    let id: number;
    try {
      id = (await this.client.getArtifact(name, find)).artifact.id;
    } catch (err) {
      if (!isNotFound(err)) throw err;
      throw new UsageError(`artifact ${name} not found in run ${runId}`, {
        hint: "Check the name and that the step uploading it ran before this one",
      });
    }
    const to = resolve(dir);
    await mkdir(dirname(to), { recursive: true });
    // Extract into a fresh folder first, so the returned paths are exactly this artifact's files.
    const scratch = await mkdtemp(join(dirname(to), ".kiln-download-"));
    try {
      await this.client.downloadArtifact(id, { path: scratch, ...find });
      const files = await walkFiles(scratch);
      for (const rel of files) {
        await mkdir(dirname(join(to, rel)), { recursive: true });
        await rename(join(scratch, rel), join(to, rel));
      }
      return files.map((rel) => join(to, rel));
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  private findOptions(runId: string) {
    if (runId === this.opts.runId) return {};
    const findBy = this.opts.findBy;
    if (!findBy) {
      throw new UsageError(`reading artifacts of run ${runId} needs a token`, {
        hint: "Give the step a github-token with actions:read",
      });
    }
    return {
      findBy: {
        token: findBy.token,
        workflowRunId: Number(runId),
        repositoryOwner: findBy.owner,
        repositoryName: findBy.repo,
      },
    };
  }
}

function isNotFound(err: unknown): boolean {
  return (
    (err as Error | null)?.name === "ArtifactNotFoundError" ||
    /not found/i.test((err as Error | null)?.message ?? "")
  );
}

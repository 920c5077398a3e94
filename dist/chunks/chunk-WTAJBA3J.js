import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  DefaultArtifactClient
} from "./chunk-KR6QXSIO.js";
import {
  walkFiles
} from "./chunk-GG6ZXDCZ.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// github/artifact-store.ts
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
var GitHubArtifactStore = class _GitHubArtifactStore {
  constructor(opts) {
    this.opts = opts;
    this.client = opts.client ?? new DefaultArtifactClient();
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }
  opts;
  client;
  sleep;
  /** From the Actions environment (GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT, GITHUB_REPOSITORY). */
  static fromEnv(env, extra = {}) {
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? "").split("/");
    const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? "1");
    return new _GitHubArtifactStore({
      runId: env.GITHUB_RUN_ID ?? "0",
      attempt: Number.isInteger(attempt) && attempt > 0 ? attempt : 1,
      ...extra.token && owner && repo ? { findBy: { token: extra.token, owner, repo } } : {},
      ...extra.client ? { client: extra.client } : {}
    });
  }
  async upload(name, files, rootDir) {
    if (files.length === 0)
      throw new UsageError(`artifact ${name} lists no files`, { hint: "Upload at least one file" });
    const root = resolve(rootDir);
    const existing = (await this.client.listArtifacts({ latest: true })).artifacts.find(
      (a) => a.name === name
    );
    if (existing) {
      if (this.opts.attempt <= 1) {
        throw new UsageError(`artifact ${name} already exists in this workflow run`, {
          hint: "Artifact names are immutable per run: give each matrix job its own variant"
        });
      }
      await this.client.deleteArtifact(name).catch((err) => {
        if (!isNotFound(err)) throw err;
      });
    }
    const absolute = files.map((f) => resolve(root, f));
    const retries = this.opts.conflictRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      try {
        const uploaded = await this.client.uploadArtifact(name, absolute, root, {
          ...this.opts.retentionDays ? { retentionDays: this.opts.retentionDays } : {}
        });
        return { name, id: String(uploaded.id ?? ""), runId: this.opts.runId, sizeBytes: uploaded.size ?? 0 };
      } catch (err) {
        if (!existing || attempt >= retries || !/\b409\b|already exists/i.test(err.message))
          throw err;
        await this.sleep(2e3 * (attempt + 1));
      }
    }
  }
  async list(opts = {}) {
    const runId = opts.runId ?? this.opts.runId;
    const { artifacts } = await this.client.listArtifacts({ latest: true, ...this.findOptions(runId) });
    return artifacts.map((a) => ({ name: a.name, id: String(a.id), runId, sizeBytes: a.size })).sort((a, b) => a.name.localeCompare(b.name));
  }
  async download(name, dir, opts = {}) {
    const runId = opts.runId ?? this.opts.runId;
    const find = this.findOptions(runId);
    let id;
    try {
      id = (await this.client.getArtifact(name, find)).artifact.id;
    } catch (err) {
      if (!isNotFound(err)) throw err;
      throw new UsageError(`artifact ${name} not found in run ${runId}`, {
        hint: "Check the name and that the step uploading it ran before this one"
      });
    }
    const to = resolve(dir);
    await mkdir(dirname(to), { recursive: true });
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
  findOptions(runId) {
    if (runId === this.opts.runId) return {};
    const findBy = this.opts.findBy;
    if (!findBy) {
      throw new UsageError(`reading artifacts of run ${runId} needs a token`, {
        hint: "Give the step a github-token with actions:read"
      });
    }
    return {
      findBy: {
        token: findBy.token,
        workflowRunId: Number(runId),
        repositoryOwner: findBy.owner,
        repositoryName: findBy.repo
      }
    };
  }
};
function isNotFound(err) {
  return err?.name === "ArtifactNotFoundError" || /not found/i.test(err?.message ?? "");
}

export {
  GitHubArtifactStore
};

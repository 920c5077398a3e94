/**
 * A tiny content-addressed repository, enough for what kiln writes through RepoWriter (retraining
 * requests, the metric history branch):
 *
 *   <root>/refs.json           branch → head commit
 *   <root>/commits/<sha>.json  parent, message, time and the full tree (path → blob)
 *   <root>/blobs/<sha256>      file contents
 *
 * Whole trees per commit keep reads at any branch or commit a single lookup.
 */
import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import * as z from "zod";
import { isoTime } from "../contracts.js";
import { canonicalJson, sha256 } from "../digest.js";
import { UsageError } from "../errors.js";
import {
  createExclusive,
  parseJsonFile,
  readTextOrNull,
  safeRelativePath,
  withLock,
  writeFileAtomic,
} from "../fs.js";
import type { Clock, RepoWriter } from "../ports.js";

const refsSchema = z.looseObject({
  schema: z.literal("kiln.local-repo/v1"),
  branches: z.record(z.string(), z.string()),
});
type Refs = z.infer<typeof refsSchema>;

const commitSchema = z.looseObject({
  sha: z.string(),
  parent: z.string().nullable(),
  message: z.string(),
  committed_at: isoTime,
  tree: z.record(z.string(), z.string()),
});
type Commit = z.infer<typeof commitSchema>;

/** Git's ref-name rules, the parts a branch name can break. */
export function assertBranchName(branch: string): string {
  const bad =
    branch === "" ||
    branch.startsWith("/") ||
    branch.endsWith("/") ||
    branch.endsWith(".") ||
    branch.endsWith(".lock") ||
    branch.startsWith("-") ||
    branch.includes("..") ||
    branch.includes("//") ||
    branch.includes("@{") ||
    branch.split("/").some((part) => part.startsWith(".")) ||
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what git refuses
    /[\x00-\x20\x7f~^:?*[\\]/.test(branch);
  if (bad) {
    throw new UsageError(`branch name ${JSON.stringify(branch)} is not valid`, {
      hint: "Use a git branch name such as kiln/retrain/penguins",
    });
  }
  return branch;
}

export class LocalRepoWriter implements RepoWriter {
  readonly root: string;
  private readonly clock: Clock;
  private readonly branch: string;

  constructor(opts: { root: string; clock: Clock; defaultBranch?: string }) {
    this.root = resolve(opts.root);
    this.clock = opts.clock;
    this.branch = assertBranchName(opts.defaultBranch ?? "main");
  }

  async defaultBranch(): Promise<string> {
    return this.branch;
  }

  async readFile(ref: string, path: string): Promise<string | null> {
    const rel = safeRelativePath(path, "repository path");
    const commit = await this.resolveRef(await this.readRefs(), ref);
    const blob = commit?.tree[rel];
    return blob === undefined ? null : readTextOrNull(this.blobPath(blob));
  }

  async commit(
    branch: string,
    files: ReadonlyArray<{ path: string; content: string }>,
    message: string,
    opts: { base?: string } = {},
  ): Promise<{ sha: string }> {
    assertBranchName(branch);
    const changes = files.map((f) => ({
      path: safeRelativePath(f.path, "repository path"),
      content: f.content,
    }));
    return withLock(this.refsPath(), async () => {
      const refs = await this.readRefs();
      const parent = await this.parentFor(refs, branch, opts.base);
      const tree: Record<string, string> = { ...(parent?.tree ?? {}) };
      for (const change of changes) {
        const blob = sha256(change.content);
        await createExclusive(this.blobPath(blob), change.content);
        tree[change.path] = blob;
      }
      const body = {
        parent: parent?.sha ?? null,
        message,
        committed_at: this.clock.now().toISOString(),
        tree,
      };
      // Like git, the sha names the content and its parent; sha1 keeps it the length of a git sha.
      const sha = createHash("sha1").update(canonicalJson(body)).digest("hex");
      const commit: Commit = { sha, ...body };
      await createExclusive(this.commitPath(sha), `${JSON.stringify(commit, null, 2)}\n`);
      refs.branches[branch] = sha;
      await writeFileAtomic(this.refsPath(), `${JSON.stringify(refs, null, 2)}\n`);
      return { sha };
    });
  }

  /** Branch names and their head commits. */
  async branches(): Promise<Record<string, string>> {
    return { ...(await this.readRefs()).branches };
  }

  /** The branch's head, unless a base is given (RepoWriter.commit): then the base's. */
  private async parentFor(refs: Refs, branch: string, base: string | undefined): Promise<Commit | null> {
    const head = refs.branches[branch];
    if (head !== undefined && base === undefined) return this.readCommit(head);
    const from = await this.resolveRef(refs, base ?? this.branch);
    if (from) return from;
    // A fresh repository has nothing to branch from: the first commit is a root commit.
    if (Object.keys(refs.branches).length === 0) return null;
    throw new UsageError(`base ${JSON.stringify(base ?? this.branch)} of branch ${branch} does not exist`, {
      hint: `Branch from one of ${Object.keys(refs.branches).join(", ")}`,
    });
  }

  private async resolveRef(refs: Refs, ref: string): Promise<Commit | null> {
    const head = refs.branches[ref];
    if (head !== undefined) return this.readCommit(head);
    return /^[0-9a-f]{40}$/.test(ref) ? this.readCommit(ref, true) : null;
  }

  private async readCommit(sha: string, optional = false): Promise<Commit | null> {
    const path = this.commitPath(sha);
    const text = await readTextOrNull(path);
    if (text === null) {
      if (optional) return null;
      throw new UsageError(`commit ${sha} is missing from ${this.root}`, {
        hint: "The local repository is damaged",
      });
    }
    return parseJsonFile(text, path, commitSchema);
  }

  private async readRefs(): Promise<Refs> {
    const text = await readTextOrNull(this.refsPath());
    return text === null
      ? { schema: "kiln.local-repo/v1", branches: {} }
      : parseJsonFile(text, this.refsPath(), refsSchema);
  }

  private refsPath(): string {
    return join(this.root, "refs.json");
  }

  private commitPath(sha: string): string {
    return join(this.root, "commits", `${sha}.json`);
  }

  private blobPath(blob: string): string {
    return join(this.root, "blobs", blob);
  }
}

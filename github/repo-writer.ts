/**
 * The RepoWriter port on GitHub's git data API: one commit of several files, without a checkout.
 * get ref → get commit → create tree on the parent's tree → create commit → move (or create) the
 * ref. Two writers may race: a branch created by another replica (422 "Reference already exists")
 * or moved under us (422, not a fast-forward) is read again and the commit made on top of it.
 *
 * `base` is given only when a new PR is about to be opened from the branch (core/retrain/
 * open-or-update.ts), so a branch that exists then is left over from a merged or closed PR: it is
 * moved to the base's head. Committing on top of it would carry the old PR's commits, and a
 * squash-merged request file on the base would conflict with the new one.
 */
import type { getOctokit } from "@actions/github";
import { UsageError } from "../core/errors.js";
import { safeRelativePath } from "../core/fs.js";
import { assertBranchName } from "../core/local/repo-writer.js";
import type { RepoWriter } from "../core/ports.js";
import type { Repo } from "./baseline-runs.js";

type Octokit = ReturnType<typeof getOctokit>;

/** Attempts at a commit when other writers keep moving the branch. */
const ATTEMPTS = 4;

export class GitHubRepoWriter implements RepoWriter {
  private branch: string | undefined;

  /** `defaultBranch`, when the caller knows it (a webhook payload names it), saves a request. */
  constructor(private readonly opts: Repo & { octokit: Octokit; defaultBranch?: string }) {
    this.branch = opts.defaultBranch;
  }

  private get repo(): Repo {
    return { owner: this.opts.owner, repo: this.opts.repo };
  }

  async defaultBranch(): Promise<string> {
    if (this.branch === undefined) {
      const { data } = await this.opts.octokit.rest.repos.get({ ...this.repo });
      this.branch = data.default_branch;
    }
    return this.branch;
  }

  async readFile(ref: string, path: string): Promise<string | null> {
    const { octokit } = this.opts;
    let data: unknown;
    try {
      data = (
        await octokit.rest.repos.getContent({ ...this.repo, path: safeRelativePath(path, "path"), ref })
      ).data;
    } catch (err) {
      if ((err as { status?: number }).status === 404) return null;
      throw err;
    }
    const file = data as { type?: unknown; content?: unknown; encoding?: unknown; sha?: unknown };
    if (Array.isArray(data) || file.type !== "file") return null;
    // Files over 1 MB come back without content (encoding "none"): read the blob instead.
    if (file.encoding !== "base64" && typeof file.sha === "string") {
      const blob = await octokit.rest.git.getBlob({ ...this.repo, file_sha: file.sha });
      return Buffer.from(blob.data.content, blob.data.encoding === "base64" ? "base64" : "utf8").toString(
        "utf8",
      );
    }
    return typeof file.content === "string" ? Buffer.from(file.content, "base64").toString("utf8") : null;
  }

  async commit(
    branch: string,
    files: ReadonlyArray<{ path: string; content: string }>,
    message: string,
    opts: { base?: string } = {},
  ): Promise<{ sha: string }> {
    assertBranchName(branch);
    if (files.length === 0) throw new UsageError(`a commit on ${branch} needs at least one file`);
    const tree = files.map((f) => ({
      path: safeRelativePath(f.path, "path"),
      mode: "100644" as const,
      type: "blob" as const,
      content: f.content,
    }));
    let lastError: unknown;
    let fromBase = opts.base !== undefined;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const head = await this.headOf(branch);
      const parent = head && !fromBase ? head : await this.baseSha(opts.base ?? (await this.defaultBranch()));
      const { octokit } = this.opts;
      const parentCommit = await octokit.rest.git.getCommit({ ...this.repo, commit_sha: parent });
      const created = await octokit.rest.git.createTree({
        ...this.repo,
        base_tree: parentCommit.data.tree.sha,
        tree,
      });
      // Nothing changed on an existing branch: no empty commit.
      if (head === parent && created.data.sha === parentCommit.data.tree.sha) return { sha: head };
      const commit = await octokit.rest.git.createCommit({
        ...this.repo,
        message,
        tree: created.data.sha,
        parents: [parent],
      });
      const sha = commit.data.sha;
      try {
        if (head) {
          // Forced only to leave an old PR's branch behind; otherwise a fast-forward or a retry.
          await octokit.rest.git.updateRef({
            ...this.repo,
            ref: `heads/${branch}`,
            sha,
            force: parent !== head,
          });
        } else {
          await octokit.rest.git.createRef({ ...this.repo, ref: `refs/heads/${branch}`, sha });
        }
        return { sha };
      } catch (err) {
        // Another writer created or moved the branch since we read it: read it again, commit on top.
        if ((err as { status?: number }).status !== 422) throw err;
        lastError = err;
        fromBase = false;
      }
    }
    throw new UsageError(`could not commit on ${branch}: it kept moving (${ATTEMPTS} attempts)`, {
      cause: lastError,
    });
  }

  /** The branch's head commit, or null when the branch does not exist. */
  private async headOf(branch: string): Promise<string | null> {
    try {
      const { data } = await this.opts.octokit.rest.git.getRef({ ...this.repo, ref: `heads/${branch}` });
      // getRef with a prefix of several refs answers a list: not the branch asked for.
      return Array.isArray(data) ? null : data.object.sha;
    } catch (err) {
      if ((err as { status?: number }).status === 404) return null;
      throw err;
    }
  }

  private async baseSha(base: string): Promise<string> {
    assertBranchName(base);
    const sha = await this.headOf(base);
    if (!sha)
      throw new UsageError(`the base branch ${base} does not exist in ${this.opts.owner}/${this.opts.repo}`);
    return sha;
  }
}

/**
 * The MetricHistory port on GitHub: one JSON Lines file per model (`history/<model>.jsonl`) on the
 * `kiln/history` data branch, the same lines core/local/metric-history.ts keeps on disk. A read is
 * one contents call. An append is read-modify-write with the file's blob sha (the contents API's
 * optimistic concurrency): a writer that lost a race gets 409/422 and tries again on the new file,
 * where it also sees a replica's line for the same run (then there is nothing left to write).
 * The branch starts as an orphan commit holding only history, so it never shares code history.
 */
import type { getOctokit } from "@actions/github";
import { UsageError } from "../core/errors.js";
import { formatHistoryLine, parseHistory, recordsRun } from "../core/local/metric-history.js";
import { assertModelName, HISTORY_BRANCH } from "../core/names.js";
import type { HistoryEntry, MetricHistory } from "../core/ports.js";
import type { Repo } from "./baseline-runs.js";

type Octokit = ReturnType<typeof getOctokit>;

/** Lines kept per model; older ones drop off so a file stays far below the contents API's 1 MB. */
export const HISTORY_MAX_ENTRIES = 2000;

interface FileState {
  text: string;
  /** The blob sha, or null when the file (or the branch) does not exist yet. */
  sha: string | null;
}

export class GitHubMetricHistory implements MetricHistory {
  private readonly branch: string;
  private readonly attempts: number;

  constructor(
    private readonly opts: Repo & {
      octokit: Octokit;
      branch?: string;
      /** Tries of a racing append before it gives up; default 5. */
      attempts?: number;
      maxEntries?: number;
    },
  ) {
    this.branch = opts.branch ?? HISTORY_BRANCH;
    this.attempts = opts.attempts ?? 5;
  }

  private get repo(): Repo {
    return { owner: this.opts.owner, repo: this.opts.repo };
  }

  static path(model: string): string {
    return `history/${assertModelName(model)}.jsonl`;
  }

  async read(model: string, limit: number): Promise<HistoryEntry[]> {
    const path = GitHubMetricHistory.path(model);
    const file = await this.get(path);
    if (!file.text || limit <= 0) return [];
    return parseHistory(file.text, `${this.branch}:${path}`).slice(-limit);
  }

  async append(entry: HistoryEntry): Promise<void> {
    const path = GitHubMetricHistory.path(entry.model);
    const line = formatHistoryLine(entry);
    // Checked like the local store: a line the parser would refuse is never written.
    parseHistory(line, "the new entry");
    let lastError: unknown = null;
    for (let attempt = 0; attempt < this.attempts; attempt++) {
      const file = await this.get(path);
      if (recordsRun(file.text, entry)) return;
      const kept =
        file.text === "" ? [] : keepLines(file.text, (this.opts.maxEntries ?? HISTORY_MAX_ENTRIES) - 1);
      const text = [...kept, line].join("");
      try {
        if (file.sha === null && !(await this.branchExists())) await this.createBranch(path, text);
        else await this.put(path, text, file.sha, entry);
        return;
      } catch (err) {
        const status = (err as { status?: number }).status;
        // 409: the file changed under us; 422: it (or the branch) was created meanwhile.
        if (status !== 409 && status !== 422) throw err;
        lastError = err;
      }
    }
    throw new UsageError(
      `could not append to ${this.branch}:${path} after ${this.attempts} tries (${(lastError as Error)?.message ?? "conflict"})`,
      { hint: "Other writers kept changing it; the next run appends again" },
    );
  }

  private async get(path: string): Promise<FileState> {
    let data: unknown;
    try {
      data = (await this.opts.octokit.rest.repos.getContent({ ...this.repo, path, ref: this.branch })).data;
    } catch (err) {
      // No file, or no branch yet.
      if ((err as { status?: number }).status === 404) return { text: "", sha: null };
      throw err;
    }
    const file = data as { type?: string; content?: string; encoding?: string; sha?: string };
    if (Array.isArray(data) || file.type !== "file" || typeof file.sha !== "string")
      throw new UsageError(`${this.branch}:${path} is not a file`);
    if (file.encoding === "base64" && typeof file.content === "string")
      return { text: Buffer.from(file.content, "base64").toString("utf8"), sha: file.sha };
    // Over 1 MB the contents API leaves the content out ("encoding": "none"): read the blob.
    const { data: blob } = await this.opts.octokit.rest.git.getBlob({ ...this.repo, file_sha: file.sha });
    return { text: Buffer.from(blob.content, "base64").toString("utf8"), sha: file.sha };
  }

  private async put(path: string, text: string, sha: string | null, entry: HistoryEntry): Promise<void> {
    await this.opts.octokit.rest.repos.createOrUpdateFileContents({
      ...this.repo,
      path,
      branch: this.branch,
      message: `history: ${entry.model} at ${entry.sha.slice(0, 7)}`,
      content: Buffer.from(text, "utf8").toString("base64"),
      ...(sha ? { sha } : {}),
    });
  }

  private async branchExists(): Promise<boolean> {
    try {
      await this.opts.octokit.rest.git.getRef({ ...this.repo, ref: `heads/${this.branch}` });
      return true;
    } catch (err) {
      if ((err as { status?: number }).status === 404) return false;
      throw err;
    }
  }

  /** An orphan commit with the first file; 422 when another writer created the branch first. */
  private async createBranch(path: string, text: string): Promise<void> {
    const { data: tree } = await this.opts.octokit.rest.git.createTree({
      ...this.repo,
      tree: [{ path, mode: "100644", type: "blob", content: text }],
    });
    const { data: commit } = await this.opts.octokit.rest.git.createCommit({
      ...this.repo,
      message: "kiln metric history",
      tree: tree.sha,
      parents: [],
    });
    await this.opts.octokit.rest.git.createRef({
      ...this.repo,
      ref: `refs/heads/${this.branch}`,
      sha: commit.sha,
    });
  }
}

/** The last `n` complete lines (a torn last line is dropped, as the local store does). */
function keepLines(text: string, n: number): string[] {
  const lines = text
    .slice(0, text.endsWith("\n") ? text.length : text.lastIndexOf("\n") + 1)
    .split(/(?<=\n)/)
    .filter((l) => l.trim() !== "");
  return n <= 0 ? [] : lines.slice(-n);
}

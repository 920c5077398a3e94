/**
 * The PullRequests port on GitHub's REST API. PRs are found by head branch (`owner:branch`), so
 * kiln keeps no state; a merged PR (closed with merged_at) is reported as `merged`. Comments go
 * through the issues API and only bots' comments are returned: kiln reads and deletes its own
 * comments by marker, and a person quoting a marker must neither suppress a note nor lose a comment.
 */
import type { getOctokit } from "@actions/github";
import type { Comment, PullRequest, PullRequestRequest, PullRequests } from "../core/ports.js";
import type { Repo } from "./baseline-runs.js";

type Octokit = ReturnType<typeof getOctokit>;

interface RestPull {
  number: number;
  html_url: string;
  state: string;
  merged_at?: string | null;
  head: { ref: string; repo?: { full_name?: string } | null };
  base: { ref: string };
  title: string;
  body?: string | null;
  labels?: Array<{ name?: string } | string>;
  created_at: string;
  closed_at: string | null;
}

interface RestComment {
  id: number;
  body?: string | null;
  created_at: string;
  user?: { type?: string } | null;
}

export interface GitHubPullRequestsOptions extends Repo {
  octokit: Octokit;
  /**
   * Told about what failed but did not stop a PR from opening (a reviewer who cannot be requested);
   * the PR exists, so failing `open` would only make the caller retry it.
   */
  warn?: (message: string) => void;
}

export class GitHubPullRequests implements PullRequests {
  constructor(private readonly opts: GitHubPullRequestsOptions) {}

  private get repo(): Repo {
    return { owner: this.opts.owner, repo: this.opts.repo };
  }

  async findByBranch(branch: string, state: "open" | "all"): Promise<PullRequest[]> {
    const { octokit } = this.opts;
    const pulls = (await octokit.paginate(octokit.rest.pulls.list, {
      ...this.repo,
      head: `${this.opts.owner}:${branch}`,
      state,
      per_page: 100,
    })) as RestPull[];
    const full = `${this.opts.owner}/${this.opts.repo}`.toLowerCase();
    // GitHub ignores a `head` filter it cannot parse and lists every PR: check the branch again.
    return pulls
      .filter(
        (p) =>
          p.head.ref === branch && (!p.head.repo?.full_name || p.head.repo.full_name.toLowerCase() === full),
      )
      .map(toPull)
      .sort((a, b) => b.number - a.number);
  }

  async open(request: PullRequestRequest): Promise<PullRequest> {
    const { octokit } = this.opts;
    const { data } = await octokit.rest.pulls.create({
      ...this.repo,
      head: request.branch,
      base: request.base,
      title: request.title,
      body: request.body,
    });
    const pull = toPull(data as RestPull);
    const labels = [...new Set(request.labels ?? [])];
    if (labels.length > 0) {
      try {
        const res = await octokit.rest.issues.addLabels({ ...this.repo, issue_number: pull.number, labels });
        pull.labels = res.data.map((l) => l.name);
      } catch (err) {
        this.notOpenBreaking(err, `#${pull.number}: could not add labels ${labels.join(", ")}`);
      }
    }
    const people = (request.reviewers ?? []).filter((r) => !r.includes("/"));
    // `org/team` in retrain.reviewers names a team; the API wants the team's slug.
    const teams = (request.reviewers ?? [])
      .filter((r) => r.includes("/"))
      .map((r) => r.split("/").pop() ?? r);
    if (people.length > 0 || teams.length > 0) {
      try {
        await octokit.rest.pulls.requestReviewers({
          ...this.repo,
          pull_number: pull.number,
          reviewers: people,
          team_reviewers: teams,
        });
      } catch (err) {
        // 422: a reviewer is not a collaborator, or is the PR's author. The PR stands without them.
        this.notOpenBreaking(
          err,
          `#${pull.number}: could not request reviewers ${[...people, ...teams].join(", ")}`,
        );
      }
    }
    return pull;
  }

  /** A 4xx after the PR exists is reported, not thrown: failing `open` would only make core retry it. */
  private notOpenBreaking(err: unknown, what: string): void {
    const status = (err as { status?: number }).status;
    if (status !== 422 && status !== 404 && status !== 403) throw err;
    this.opts.warn?.(`${what} (${status}: ${(err as Error).message})`);
  }

  async update(number: number, change: { title?: string; body?: string }): Promise<PullRequest> {
    const { data } = await this.opts.octokit.rest.pulls.update({
      ...this.repo,
      pull_number: number,
      ...(change.title === undefined ? {} : { title: change.title }),
      ...(change.body === undefined ? {} : { body: change.body }),
    });
    return toPull(data as RestPull);
  }

  async comments(number: number): Promise<Comment[]> {
    const { octokit } = this.opts;
    const all = (await octokit.paginate(octokit.rest.issues.listComments, {
      ...this.repo,
      issue_number: number,
      per_page: 100,
    })) as RestComment[];
    return all.filter((c) => c.user?.type === "Bot").map(toComment);
  }

  async comment(number: number, body: string): Promise<Comment> {
    const { data } = await this.opts.octokit.rest.issues.createComment({
      ...this.repo,
      issue_number: number,
      body,
    });
    return toComment(data as RestComment);
  }

  async editComment(_number: number, id: string, body: string): Promise<Comment> {
    const { data } = await this.opts.octokit.rest.issues.updateComment({
      ...this.repo,
      comment_id: commentId(id),
      body,
    });
    return toComment(data as RestComment);
  }

  async deleteComment(_number: number, id: string): Promise<void> {
    try {
      await this.opts.octokit.rest.issues.deleteComment({ ...this.repo, comment_id: commentId(id) });
    } catch (err) {
      // Another replica converging on the same PR deleted it first.
      if ((err as { status?: number }).status !== 404) throw err;
    }
  }
}

function commentId(id: string): number {
  const n = Number(id);
  if (!/^\d+$/.test(id) || !Number.isSafeInteger(n)) throw new TypeError(`not a GitHub comment id: ${id}`);
  return n;
}

function toPull(p: RestPull): PullRequest {
  return {
    number: p.number,
    url: p.html_url,
    state: p.state === "open" ? "open" : p.merged_at ? "merged" : "closed",
    branch: p.head.ref,
    base: p.base.ref,
    title: p.title,
    body: p.body ?? "",
    labels: (p.labels ?? []).map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter(Boolean),
    created_at: p.created_at,
    closed_at: p.closed_at ?? null,
  };
}

function toComment(c: RestComment): Comment {
  return { id: String(c.id), body: c.body ?? "", created_at: c.created_at };
}

/**
 * Pull requests as a local log, `<root>/pulls.json`, behaving like GitHub where kiln relies on it:
 * one open PR per head branch (GitHub answers 422), numbers and comment ids that only grow.
 */
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import * as z from "zod";
import { isoTime } from "../contracts.js";
import { UsageError } from "../errors.js";
import { JsonStateFile } from "../fs.js";
import type { Clock, Comment, PullRequest, PullRequestRequest, PullRequests } from "../ports.js";
import { assertBranchName } from "./repo-writer.js";

export { LocalRepoWriter } from "./repo-writer.js";

const commentSchema = z.looseObject({
  id: z.string(),
  body: z.string(),
  created_at: isoTime,
  updated_at: isoTime,
});

const pullSchema = z.looseObject({
  number: z.number().int().positive(),
  url: z.string(),
  state: z.enum(["open", "closed", "merged"]),
  branch: z.string(),
  base: z.string(),
  title: z.string(),
  body: z.string(),
  labels: z.array(z.string()),
  reviewers: z.array(z.string()),
  created_at: isoTime,
  closed_at: isoTime.nullable(),
  comments: z.array(commentSchema),
});
type StoredPull = z.infer<typeof pullSchema>;

const fileSchema = z.looseObject({
  schema: z.literal("kiln.pulls/v1"),
  next_number: z.number().int().positive(),
  next_comment_id: z.number().int().positive(),
  pulls: z.array(pullSchema),
});
type PullsFile = z.infer<typeof fileSchema>;

export class LocalPullRequests implements PullRequests {
  private readonly file: JsonStateFile<PullsFile>;
  private readonly clock: Clock;

  constructor(opts: { root: string; clock: Clock }) {
    this.clock = opts.clock;
    this.file = new JsonStateFile(join(resolve(opts.root), "pulls.json"), fileSchema, () => ({
      schema: "kiln.pulls/v1",
      next_number: 1,
      next_comment_id: 1,
      pulls: [],
    }));
  }

  async findByBranch(branch: string, state: "open" | "all"): Promise<PullRequest[]> {
    const { pulls } = await this.file.read();
    return pulls
      .filter((p) => p.branch === branch && (state === "all" || p.state === "open"))
      .sort((a, b) => b.number - a.number)
      .map(toPull);
  }

  async open(request: PullRequestRequest): Promise<PullRequest> {
    assertBranchName(request.branch);
    assertBranchName(request.base);
    if (request.branch === request.base) {
      throw new UsageError(`a pull request needs a head branch other than its base ${request.base}`);
    }
    if (request.title.trim() === "") throw new UsageError("a pull request needs a title");
    return this.file.update((file) => {
      const already = file.pulls.find((p) => p.branch === request.branch && p.state === "open");
      if (already) {
        throw new UsageError(
          `a pull request for branch ${request.branch} is already open (#${already.number})`,
          {
            hint: "Update the open pull request instead of opening another",
          },
        );
      }
      const number = file.next_number++;
      const pull: StoredPull = {
        number,
        url: `${pathToFileURL(this.file.file).href}#${number}`,
        state: "open",
        branch: request.branch,
        base: request.base,
        title: request.title,
        body: request.body,
        labels: [...(request.labels ?? [])],
        reviewers: [...(request.reviewers ?? [])],
        created_at: this.clock.now().toISOString(),
        closed_at: null,
        comments: [],
      };
      file.pulls.push(pull);
      return toPull(pull);
    });
  }

  async update(number: number, change: { title?: string; body?: string }): Promise<PullRequest> {
    if (change.title !== undefined && change.title.trim() === "")
      throw new UsageError("a pull request needs a title");
    return this.file.update((file) => {
      const pull = find(file, number);
      if (change.title !== undefined) pull.title = change.title;
      if (change.body !== undefined) pull.body = change.body;
      return toPull(pull);
    });
  }

  async comments(number: number): Promise<Comment[]> {
    return find(await this.file.read(), number).comments.map(toComment);
  }

  async comment(number: number, body: string): Promise<Comment> {
    return this.file.update((file) => {
      const pull = find(file, number);
      const now = this.clock.now().toISOString();
      const comment = { id: String(file.next_comment_id++), body, created_at: now, updated_at: now };
      pull.comments.push(comment);
      return toComment(comment);
    });
  }

  async editComment(number: number, id: string, body: string): Promise<Comment> {
    return this.file.update((file) => {
      const comment = findComment(find(file, number), id);
      comment.body = body;
      comment.updated_at = this.clock.now().toISOString();
      return toComment(comment);
    });
  }

  async deleteComment(number: number, id: string): Promise<void> {
    await this.file.update((file) => {
      const pull = find(file, number);
      findComment(pull, id);
      pull.comments = pull.comments.filter((c) => c.id !== id);
    });
  }

  // Not in the port: what a person does on GitHub, needed by the demo and tests.

  async close(number: number): Promise<PullRequest> {
    return this.finish(number, "closed");
  }

  async merge(number: number): Promise<PullRequest> {
    return this.finish(number, "merged");
  }

  private async finish(number: number, state: "closed" | "merged"): Promise<PullRequest> {
    return this.file.update((file) => {
      const pull = find(file, number);
      if (pull.state !== "open") throw new UsageError(`pull request #${number} is already ${pull.state}`);
      pull.state = state;
      pull.closed_at = this.clock.now().toISOString();
      return toPull(pull);
    });
  }
}

function find(file: PullsFile, number: number): StoredPull {
  const pull = file.pulls.find((p) => p.number === number);
  if (!pull) throw new UsageError(`pull request #${number} does not exist`);
  return pull;
}

function findComment(pull: StoredPull, id: string): StoredPull["comments"][number] {
  const comment = pull.comments.find((c) => c.id === id);
  if (!comment) throw new UsageError(`comment ${id} does not exist on pull request #${pull.number}`);
  return comment;
}

function toPull(p: StoredPull): PullRequest {
  return {
    number: p.number,
    url: p.url,
    state: p.state,
    branch: p.branch,
    base: p.base,
    title: p.title,
    body: p.body,
    labels: [...p.labels],
    created_at: p.created_at,
    closed_at: p.closed_at,
  };
}

function toComment(c: { id: string; body: string; created_at: string }): Comment {
  return { id: c.id, body: c.body, created_at: c.created_at };
}

/**
 * One kiln comment per PR, edited in place. Replicas and redeliveries may race; every writer ends
 * by converging: the oldest kiln comment keeps every model's section, newer ones are deleted.
 */
import {
  COMMENT_MARKER,
  mergeCommentSection,
  parseCommentSections,
  removeCommentSection,
} from "../core/metrics/comment.js";
import type { Octokit, Repo } from "./artifacts.js";

interface KilnComment {
  id: number;
  body: string;
}

/** Kiln's own comments on an issue or PR, oldest first (a user quoting the marker is not one). */
export async function kilnComments(octokit: Octokit, repo: Repo, issue: number): Promise<KilnComment[]> {
  const all = await octokit.paginate(octokit.rest.issues.listComments, {
    ...repo,
    issue_number: issue,
    per_page: 100,
  });
  return all
    .filter((c) => c.user?.type === "Bot" && typeof c.body === "string" && c.body.startsWith(COMMENT_MARKER))
    .map((c) => ({ id: c.id, body: c.body as string }))
    .sort((a, b) => a.id - b.id);
}

/** Writes `sections` (one per model) into the PR's kiln comment; returns the id of the comment kept. */
export async function upsertComment(
  octokit: Octokit,
  repo: Repo,
  issue: number,
  sections: string[],
  /** Section keys to drop (a notice that a newer run made stale). */
  remove: string[] = [],
): Promise<number> {
  let found = await kilnComments(octokit, repo, issue);
  if (found.length === 0) {
    const created = await octokit.rest.issues.createComment({
      ...repo,
      issue_number: issue,
      body: merge(null, [], sections, remove),
    });
    // Another replica may have created one at the same time: look again, converge if so.
    found = await kilnComments(octokit, repo, issue);
    if (found.length <= 1) return created.data.id;
  }
  const [oldest, ...newer] = found as [KilnComment, ...KilnComment[]];
  const body = merge(oldest.body, newer, sections, remove);
  if (body !== oldest.body) await octokit.rest.issues.updateComment({ ...repo, comment_id: oldest.id, body });
  for (const extra of newer) {
    try {
      await octokit.rest.issues.deleteComment({ ...repo, comment_id: extra.id });
    } catch (err) {
      // Another replica deleted it first.
      if ((err as { status?: number }).status !== 404) throw err;
    }
  }
  return oldest.id;
}

/** `oldest`, plus the sections only newer kiln comments hold, plus ours (which win). */
function merge(oldest: string | null, newer: KilnComment[], sections: string[], remove: string[]): string {
  let body = oldest ?? `${COMMENT_MARKER}\n`;
  const have = parseCommentSections(body);
  for (const c of newer) {
    for (const [model, section] of parseCommentSections(c.body)) {
      if (!have.has(model)) {
        body = mergeCommentSection(body, section);
        have.set(model, section);
      }
    }
  }
  for (const key of remove) body = removeCommentSection(body, key);
  for (const section of sections) body = mergeCommentSection(body, section);
  return body;
}

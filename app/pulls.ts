/**
 * The pull requests a workflow run belongs to: the payload names them for same-repository PRs;
 * fork PRs arrive with an empty list, so they are found by the run's head SHA.
 */
import type { Octokit, Repo } from "./artifacts.js";

export async function findPullRequests(
  octokit: Octokit,
  repo: Repo,
  fromPayload: number[],
  headSha: string,
): Promise<number[]> {
  if (fromPayload.length) return [...new Set(fromPayload)];
  const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
    ...repo,
    commit_sha: headSha,
  });
  const full = `${repo.owner}/${repo.repo}`.toLowerCase();
  return data
    .filter(
      (pr) => pr.state === "open" && pr.head.sha === headSha && pr.base.repo.full_name.toLowerCase() === full,
    )
    .map((pr) => pr.number);
}

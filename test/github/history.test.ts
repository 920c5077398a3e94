/** GitHubMetricHistory on the fake GitHub: one read per chart, orphan branch, racing appends converge. */

import { getOctokit } from "@actions/github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GitHubMetricHistory } from "../../github/history.js";
import { FakeGitHub } from "../support/fake-github.js";

describe("GitHubMetricHistory", () => {
  let gh: FakeGitHub;
  let history: GitHubMetricHistory;
  beforeAll(async () => {
    gh = await FakeGitHub.start();
    gh.addRepo({ owner: "o", name: "r", installationId: 7, files: { "README.md": "x" } });
    const token = await fetch(`${gh.apiUrl}/app/installations/7/access_tokens`, {
      method: "POST",
      headers: { authorization: "Bearer a.b.c" },
    }).then((r) => r.json() as Promise<{ token: string }>);
    const octokit = getOctokit(token.token, { baseUrl: gh.apiUrl });
    history = new GitHubMetricHistory({ owner: "o", repo: "r", octokit, attempts: 20 });
  });
  afterAll(() => gh.stop());

  const entry = (i: number) => ({
    model: "penguins",
    sha: String(i % 10).repeat(40),
    ref: "main",
    run_id: String(i),
    recorded_at: "2024-01-01T00:00:00.000Z",
    metrics: { accuracy: i / 100 },
  });

  it("reads nothing before the branch exists, with one call", async () => {
    const from = gh.calls.length;
    expect(await history.read("penguins", 10)).toEqual([]);
    expect(gh.calls.length - from).toBe(1);
  });

  it("racing appends all land (409/422 retried) on an orphan kiln/history branch", async () => {
    await Promise.all(Array.from({ length: 6 }, (_, i) => history.append(entry(i))));
    const got = await history.read("penguins", 100);
    expect(got.map((e) => e.run_id).sort()).toEqual(["0", "1", "2", "3", "4", "5"]);
    const repo = gh.repo("o/r");
    expect(repo.readFile("kiln/history", "README.md")).toBeNull();
    expect(gh.calls.some((c) => c.status === 409 || c.status === 422)).toBe(true);
    expect((await history.read("penguins", 2)).length).toBe(2);
  });

  it("does not append a run_id the file already records, also when replicas race", async () => {
    await Promise.all([history.append(entry(3)), history.append(entry(3)), history.append(entry(7))]);
    const ids = (await history.read("penguins", 100)).map((e) => e.run_id);
    expect(ids.filter((id) => id === "3")).toHaveLength(1);
    expect(ids.filter((id) => id === "7")).toHaveLength(1);
  });
});

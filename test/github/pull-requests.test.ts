/** The GitHub PullRequests port under nock: find by head branch, open with labels and reviewers, comments. */
import { getOctokit } from "@actions/github";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GitHubPullRequests } from "../../github/pull-requests.js";

const API = "https://api.github.com";
const octokit = () => getOctokit("t", { request: { fetch, retries: 0 }, retry: { enabled: false } });

function rest(
  number: number,
  over: Partial<{
    state: string;
    merged_at: string | null;
    ref: string;
    repo: string;
    closed_at: string | null;
    body: string | null;
  }> = {},
) {
  return {
    number,
    html_url: `https://github.com/o/r/pull/${number}`,
    state: over.state ?? "open",
    merged_at: over.merged_at ?? null,
    head: { ref: over.ref ?? "kiln/retrain/penguins", repo: { full_name: over.repo ?? "o/r" } },
    base: { ref: "main" },
    title: `Retrain penguins #${number}`,
    body: over.body === undefined ? "body" : over.body,
    labels: [{ name: "retrain" }],
    created_at: "2026-01-01T00:00:00Z",
    closed_at: over.closed_at ?? null,
  };
}

const prs = (warn?: (m: string) => void) =>
  new GitHubPullRequests({ owner: "o", repo: "r", octokit: octokit(), ...(warn ? { warn } : {}) });

beforeEach(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("GitHubPullRequests", () => {
  it("finds PRs by owner:branch, maps merged ones to merged, newest first, and drops other heads", async () => {
    const scope = nock(API)
      .get("/repos/o/r/pulls")
      .query({ head: "o:kiln/retrain/penguins", state: "all", per_page: "100" })
      .reply(200, [
        rest(3, { state: "closed", merged_at: "2026-01-02T00:00:00Z", closed_at: "2026-01-02T00:00:00Z" }),
        rest(9),
        rest(5, { state: "closed", closed_at: "2026-01-03T00:00:00Z", body: null }),
        // A head the filter should not have let through (GitHub ignores a filter it cannot parse).
        rest(7, { ref: "feature" }),
        rest(8, { repo: "fork/r" }),
      ]);
    const found = await prs().findByBranch("kiln/retrain/penguins", "all");
    expect(found.map((p) => [p.number, p.state])).toEqual([
      [9, "open"],
      [5, "closed"],
      [3, "merged"],
    ]);
    expect(found[0]).toEqual({
      number: 9,
      url: "https://github.com/o/r/pull/9",
      state: "open",
      branch: "kiln/retrain/penguins",
      base: "main",
      title: "Retrain penguins #9",
      body: "body",
      labels: ["retrain"],
      created_at: "2026-01-01T00:00:00Z",
      closed_at: null,
    });
    expect(found[1]?.body).toBe("");
    scope.done();
  });

  it("asks for open PRs only when told to", async () => {
    const scope = nock(API)
      .get("/repos/o/r/pulls")
      .query({ head: "o:kiln/retrain/penguins", state: "open", per_page: "100" })
      .reply(200, []);
    expect(await prs().findByBranch("kiln/retrain/penguins", "open")).toEqual([]);
    scope.done();
  });

  it("opens a PR, then adds labels and requests people and teams as reviewers", async () => {
    const bodies: unknown[] = [];
    const scope = nock(API)
      .post("/repos/o/r/pulls", (b) => bodies.push(b) > 0)
      .reply(201, { ...rest(12), labels: [] })
      .post("/repos/o/r/issues/12/labels", (b) => bodies.push(b) > 0)
      .reply(200, [{ name: "retrain" }, { name: "ml" }])
      .post("/repos/o/r/pulls/12/requested_reviewers", (b) => bodies.push(b) > 0)
      .reply(201, {});
    const pr = await prs().open({
      branch: "kiln/retrain/penguins",
      base: "main",
      title: "Retrain penguins: x",
      body: "why",
      labels: ["retrain", "ml", "retrain"],
      reviewers: ["alice", "org/ml-team"],
    });
    expect(bodies).toEqual([
      { head: "kiln/retrain/penguins", base: "main", title: "Retrain penguins: x", body: "why" },
      { labels: ["retrain", "ml"] },
      { reviewers: ["alice"], team_reviewers: ["ml-team"] },
    ]);
    expect(pr).toMatchObject({ number: 12, state: "open", labels: ["retrain", "ml"] });
    scope.done();
  });

  it("a label or reviewer GitHub refuses is a warning: the PR stays opened", async () => {
    const warnings: string[] = [];
    const scope = nock(API)
      .post("/repos/o/r/pulls")
      .reply(201, rest(4))
      .post("/repos/o/r/issues/4/labels")
      .reply(422, { message: "Validation Failed" })
      .post("/repos/o/r/pulls/4/requested_reviewers")
      .reply(422, { message: "Reviews may only be requested from collaborators." });
    const pr = await prs((m) => warnings.push(m)).open({
      branch: "kiln/retrain/penguins",
      base: "main",
      title: "t",
      body: "b",
      labels: ["x".repeat(60)],
      reviewers: ["stranger"],
    });
    expect(pr.number).toBe(4);
    expect(warnings).toEqual([
      expect.stringMatching(/^#4: could not add labels x+ \(422/),
      expect.stringMatching(/^#4: could not request reviewers stranger \(422/),
    ]);
    scope.done();
  });

  it("a server error after the PR exists is still thrown", async () => {
    nock(API).post("/repos/o/r/pulls").reply(201, rest(5)).post("/repos/o/r/issues/5/labels").reply(500, {});
    await expect(
      prs().open({
        branch: "kiln/retrain/penguins",
        base: "main",
        title: "t",
        body: "b",
        labels: ["retrain"],
      }),
    ).rejects.toMatchObject({ status: 500 });
  });

  it("a 422 from create (a PR for the branch is already open) is thrown for the caller to converge", async () => {
    nock(API)
      .post("/repos/o/r/pulls")
      .reply(422, { message: "A pull request already exists for o:kiln/retrain/penguins." });
    await expect(
      prs().open({ branch: "kiln/retrain/penguins", base: "main", title: "t", body: "b" }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it("updates the title and body only with what changed", async () => {
    const scope = nock(API)
      .patch("/repos/o/r/pulls/9", { body: "new body" })
      .reply(200, { ...rest(9), body: "new body" });
    expect((await prs().update(9, { body: "new body" })).body).toBe("new body");
    scope.done();
  });

  it("lists only bots' comments, across pages, with string ids", async () => {
    const page2 = `${API}/repositories/1/issues/9/comments?per_page=100&page=2`;
    const scope = nock(API)
      .get("/repos/o/r/issues/9/comments")
      .query({ per_page: "100" })
      .reply(
        200,
        [
          {
            id: 1,
            body: "<!-- kiln:retrain-signal x -->",
            created_at: "2026-01-01T00:00:00Z",
            user: { type: "User" },
          },
          { id: 2, body: "mine", created_at: "2026-01-01T00:00:01Z", user: { type: "Bot" } },
        ],
        { link: `<${page2}>; rel="next"` },
      )
      .get("/repositories/1/issues/9/comments")
      .query({ per_page: "100", page: "2" })
      .reply(200, [{ id: 3, body: null, created_at: "2026-01-01T00:00:02Z", user: { type: "Bot" } }]);
    expect(await prs().comments(9)).toEqual([
      { id: "2", body: "mine", created_at: "2026-01-01T00:00:01Z" },
      { id: "3", body: "", created_at: "2026-01-01T00:00:02Z" },
    ]);
    scope.done();
  });

  it("comments, edits and deletes; a comment already deleted is not an error", async () => {
    const scope = nock(API)
      .post("/repos/o/r/issues/9/comments", { body: "hello" })
      .reply(201, { id: 41, body: "hello", created_at: "2026-01-01T00:00:00Z" })
      .patch("/repos/o/r/issues/comments/41", { body: "edited" })
      .reply(200, { id: 41, body: "edited", created_at: "2026-01-01T00:00:00Z" })
      .delete("/repos/o/r/issues/comments/41")
      .reply(204)
      .delete("/repos/o/r/issues/comments/42")
      .reply(404, { message: "Not Found" })
      .delete("/repos/o/r/issues/comments/43")
      .reply(403, { message: "Forbidden" });
    const p = prs();
    expect(await p.comment(9, "hello")).toEqual({
      id: "41",
      body: "hello",
      created_at: "2026-01-01T00:00:00Z",
    });
    expect((await p.editComment(9, "41", "edited")).body).toBe("edited");
    await p.deleteComment(9, "41");
    await p.deleteComment(9, "42");
    await expect(p.deleteComment(9, "43")).rejects.toMatchObject({ status: 403 });
    await expect(p.deleteComment(9, "../1")).rejects.toThrow(/not a GitHub comment id/);
    scope.done();
  });
});

/**
 * The fake GitHub behaves as GitHub does where kiln depends on it, through Probot's real client:
 * installation tokens, scoping, pagination, redirects, refs, duplicate PRs, injected failures.
 */
import { Probot } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { throwawayKey } from "../app/support.js";
import { FakeGitHub, zip } from "./fake-github.js";

describe("fake GitHub", () => {
  let gh: FakeGitHub;
  let probot: Probot;

  beforeAll(async () => {
    gh = await FakeGitHub.start();
    probot = new Probot({ appId: 1, privateKey: throwawayKey(), baseUrl: gh.apiUrl });
  });
  afterAll(() => gh.stop());

  it("issues installation tokens that reach only that installation's repositories", async () => {
    const mine = gh.addRepo({ owner: "acme", name: "mine", installationId: 7, files: { "a.txt": "hello" } });
    gh.addRepo({ owner: "acme", name: "theirs", installationId: 8 });
    const app = await probot.auth();
    const { data: installation } = await app.rest.apps.getRepoInstallation({ owner: "acme", repo: "mine" });
    expect(installation.id).toBe(7);
    const octokit = await probot.auth(7);
    const { data } = await octokit.rest.repos.getContent({ owner: "acme", repo: "mine", path: "a.txt" });
    expect(Buffer.from((data as { content: string }).content, "base64").toString()).toBe("hello");
    await expect(octokit.rest.repos.get({ owner: "acme", repo: "theirs" })).rejects.toMatchObject({
      status: 404,
    });
    expect(mine.readFile("main", "a.txt")).toBe("hello");
  });

  it("paginates comments with Link headers and marks the app's comments as a Bot's", async () => {
    const repo = gh.addRepo({ owner: "acme", name: "pages", installationId: 9 });
    const pr = repo.addPull({ head: { ref: "feature", sha: "f".repeat(40) } });
    const octokit = await probot.auth(9);
    // One through the API (Probot spaces comment writes 3 s apart), the rest seeded as a user's.
    await octokit.rest.issues.createComment({
      owner: "acme",
      repo: "pages",
      issue_number: pr.number,
      body: "c0",
    });
    for (let i = 1; i < 5; i++) {
      const at = new Date().toISOString();
      const user = { login: "octocat", type: "User" as const };
      repo.comments.push({
        id: gh.nextId(),
        issue_number: pr.number,
        body: `c${i}`,
        user,
        created_at: at,
        updated_at: at,
        reactions: [],
      });
    }
    const all = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: "acme",
      repo: "pages",
      issue_number: pr.number,
      per_page: 2,
    });
    expect(all.map((c) => c.body)).toEqual(["c0", "c1", "c2", "c3", "c4"]);
    expect(all.map((c) => c.user?.type)).toEqual(["Bot", "User", "User", "User", "User"]);
    expect(gh.calls.filter((c) => c.path.endsWith("/comments") && c.method === "GET")).toHaveLength(3);
  });

  it("commits through the git data API, refuses non-fast-forward updates and duplicate PRs", async () => {
    const repo = gh.addRepo({ owner: "acme", name: "git", installationId: 10, files: { "x.txt": "1" } });
    const octokit = await probot.auth(10);
    const r = { owner: "acme", repo: "git" };
    const { data: ref } = await octokit.rest.git.getRef({ ...r, ref: "heads/main" });
    const { data: base } = await octokit.rest.git.getCommit({ ...r, commit_sha: ref.object.sha });
    const { data: tree } = await octokit.rest.git.createTree({
      ...r,
      base_tree: base.tree.sha,
      tree: [{ path: "y.txt", mode: "100644", type: "blob", content: "2" }],
    });
    const { data: commit } = await octokit.rest.git.createCommit({
      ...r,
      message: "add y",
      tree: tree.sha,
      parents: [ref.object.sha],
    });
    await octokit.rest.git.createRef({ ...r, ref: "refs/heads/topic", sha: commit.sha });
    expect(repo.readFile("topic", "x.txt")).toBe("1");
    expect(repo.readFile("topic", "y.txt")).toBe("2");
    await expect(
      octokit.rest.git.createRef({ ...r, ref: "refs/heads/topic", sha: commit.sha }),
    ).rejects.toMatchObject({ status: 422 });
    // main's head is not a descendant of topic's: refused without force.
    await expect(
      octokit.rest.git.updateRef({ ...r, ref: "heads/topic", sha: ref.object.sha }),
    ).rejects.toMatchObject({ status: 422 });

    const { data: pr } = await octokit.rest.pulls.create({ ...r, head: "topic", base: "main", title: "t" });
    expect(pr.head.sha).toBe(commit.sha);
    await expect(
      octokit.rest.pulls.create({ ...r, head: "topic", base: "main", title: "t" }),
    ).rejects.toMatchObject({ status: 422 });
    const found = await octokit.rest.pulls.list({ ...r, head: "acme:topic", state: "all" });
    expect(found.data.map((p) => p.number)).toEqual([pr.number]);
  });

  it("downloads artifacts through the blob-store redirect", async () => {
    const repo = gh.addRepo({ owner: "acme", name: "arts", installationId: 11 });
    const artifact = repo.addArtifact(55, "kiln-run-m", zip({ "run.json": "{}" }));
    const octokit = await probot.auth(11);
    const { data: list } = await octokit.rest.actions.listWorkflowRunArtifacts({
      owner: "acme",
      repo: "arts",
      run_id: 55,
    });
    expect(list.artifacts.map((a) => a.name)).toEqual(["kiln-run-m"]);
    const { data } = await octokit.rest.actions.downloadArtifact({
      owner: "acme",
      repo: "arts",
      artifact_id: artifact.id,
      archive_format: "zip",
    });
    expect(Buffer.from(data as ArrayBuffer).equals(artifact.zip)).toBe(true);
  });

  it("injects failures that the client sees (and Probot's retry survives a 500)", async () => {
    gh.addRepo({ owner: "acme", name: "flaky", installationId: 12 });
    const octokit = await probot.auth(12);
    gh.failNext("GET", /^\/repos\/acme\/flaky$/, 404, 1);
    await expect(octokit.rest.repos.get({ owner: "acme", repo: "flaky" })).rejects.toMatchObject({
      status: 404,
    });
    gh.failNext("GET", /^\/repos\/acme\/flaky$/, 500, 1);
    const before = gh.calls.length;
    const { data } = await octokit.rest.repos.get({ owner: "acme", repo: "flaky" });
    expect(data.default_branch).toBe("main");
    expect(gh.calls.slice(before).map((c) => c.status)).toEqual([500, 200]);
  });
});

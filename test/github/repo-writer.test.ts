/** The GitHub RepoWriter under nock: default branch, file reads, and commits through the git data API. */
import { getOctokit } from "@actions/github";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GitHubRepoWriter } from "../../github/repo-writer.js";

const API = "https://api.github.com";
const octokit = () => getOctokit("t", { request: { fetch, retries: 0 }, retry: { enabled: false } });
const writer = (defaultBranch?: string) =>
  new GitHubRepoWriter({
    owner: "o",
    repo: "r",
    octokit: octokit(),
    ...(defaultBranch ? { defaultBranch } : {}),
  });

const BASE = "b".repeat(40);
const HEAD = "h".repeat(40);
const FILES = [{ path: ".kiln/retrain/penguins.json", content: '{"a":1}\n' }];
const REF = "/repos/o/r/git/ref/heads%2Fkiln%2Fretrain%2Fpenguins";
/** updateRef is on the plural path. */
const REFS = "/repos/o/r/git/refs/heads%2Fkiln%2Fretrain%2Fpenguins";

beforeEach(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("GitHubRepoWriter", () => {
  it("asks GitHub for the default branch once, unless it was given", async () => {
    const scope = nock(API).get("/repos/o/r").once().reply(200, { default_branch: "trunk" });
    const w = writer();
    expect(await w.defaultBranch()).toBe("trunk");
    expect(await w.defaultBranch()).toBe("trunk");
    expect(await writer("main").defaultBranch()).toBe("main");
    scope.done();
  });

  it("reads a file at a ref; a missing file or a directory is null; a large file comes from its blob", async () => {
    const scope = nock(API)
      .get("/repos/o/r/contents/.github%2Fkiln.yml")
      .query({ ref: "main" })
      .reply(200, {
        type: "file",
        encoding: "base64",
        content: Buffer.from("models: {}\n").toString("base64"),
      })
      .get("/repos/o/r/contents/nope")
      .query({ ref: "main" })
      .reply(404, { message: "Not Found" })
      .get("/repos/o/r/contents/dir")
      .query({ ref: "main" })
      .reply(200, [{ type: "file", name: "a" }])
      .get("/repos/o/r/contents/big.csv")
      .query({ ref: "main" })
      .reply(200, { type: "file", encoding: "none", content: "", sha: "s1" })
      .get("/repos/o/r/git/blobs/s1")
      .reply(200, { encoding: "base64", content: Buffer.from("a,b\n1,2\n").toString("base64") });
    const w = writer("main");
    expect(await w.readFile("main", ".github/kiln.yml")).toBe("models: {}\n");
    expect(await w.readFile("main", "nope")).toBeNull();
    expect(await w.readFile("main", "dir")).toBeNull();
    expect(await w.readFile("main", "big.csv")).toBe("a,b\n1,2\n");
    await expect(w.readFile("main", "../etc/passwd")).rejects.toThrow(/escapes the root directory/);
    scope.done();
  });

  it("creates a missing branch from the base: tree on the base's tree, commit, then the ref", async () => {
    const posted: Record<string, unknown>[] = [];
    const scope = nock(API)
      .get(REF)
      .reply(404, { message: "Not Found" })
      .get("/repos/o/r/git/ref/heads%2Fmain")
      .reply(200, { ref: "refs/heads/main", object: { sha: BASE, type: "commit" } })
      .get(`/repos/o/r/git/commits/${BASE}`)
      .reply(200, { sha: BASE, tree: { sha: "tree-base" } })
      .post("/repos/o/r/git/trees", (b) => posted.push(b) > 0)
      .reply(201, { sha: "tree-new" })
      .post("/repos/o/r/git/commits", (b) => posted.push(b) > 0)
      .reply(201, { sha: "c1" })
      .post("/repos/o/r/git/refs", (b) => posted.push(b) > 0)
      .reply(201, { ref: "refs/heads/kiln/retrain/penguins", object: { sha: "c1" } });
    const out = await writer("main").commit("kiln/retrain/penguins", FILES, "kiln: retrain penguins");
    expect(out).toEqual({ sha: "c1" });
    expect(posted).toEqual([
      {
        base_tree: "tree-base",
        tree: [{ path: ".kiln/retrain/penguins.json", mode: "100644", type: "blob", content: '{"a":1}\n' }],
      },
      { message: "kiln: retrain penguins", tree: "tree-new", parents: [BASE] },
      { ref: "refs/heads/kiln/retrain/penguins", sha: "c1" },
    ]);
    scope.done();
  });

  it("commits on top of an existing branch and moves it without force", async () => {
    const scope = nock(API)
      .get(REF)
      .reply(200, { ref: "refs/heads/kiln/retrain/penguins", object: { sha: HEAD } })
      .get(`/repos/o/r/git/commits/${HEAD}`)
      .reply(200, { sha: HEAD, tree: { sha: "tree-head" } })
      .post("/repos/o/r/git/trees", (b) => b.base_tree === "tree-head")
      .reply(201, { sha: "tree-2" })
      .post("/repos/o/r/git/commits", (b) => JSON.stringify(b.parents) === JSON.stringify([HEAD]))
      .reply(201, { sha: "c2" })
      .patch(REFS, { sha: "c2", force: false })
      .reply(200, {});
    expect(await writer("main").commit("kiln/retrain/penguins", FILES, "m")).toEqual({ sha: "c2" });
    scope.done();
  });

  it("with a base (a new PR is about to open), an old PR's leftover branch is moved to the base's head", async () => {
    const scope = nock(API)
      .get(REF)
      .reply(200, { object: { sha: HEAD } })
      .get("/repos/o/r/git/ref/heads%2Fmain")
      .reply(200, { object: { sha: BASE } })
      .get(`/repos/o/r/git/commits/${BASE}`)
      .reply(200, { tree: { sha: "tree-base" } })
      .post("/repos/o/r/git/trees", (b) => b.base_tree === "tree-base")
      .reply(201, { sha: "tree-new" })
      .post("/repos/o/r/git/commits", (b) => JSON.stringify(b.parents) === JSON.stringify([BASE]))
      .reply(201, { sha: "c4" })
      .patch(REFS, { sha: "c4", force: true })
      .reply(200, {});
    expect(await writer("main").commit("kiln/retrain/penguins", FILES, "m", { base: "main" })).toEqual({
      sha: "c4",
    });
    scope.done();
  });

  it("makes no empty commit when the files are already there", async () => {
    const scope = nock(API)
      .get(REF)
      .reply(200, { object: { sha: HEAD } })
      .get(`/repos/o/r/git/commits/${HEAD}`)
      .reply(200, { sha: HEAD, tree: { sha: "tree-head" } })
      .post("/repos/o/r/git/trees")
      .reply(201, { sha: "tree-head" });
    expect(await writer("main").commit("kiln/retrain/penguins", FILES, "m")).toEqual({ sha: HEAD });
    scope.done();
  });

  it("another replica created the branch first (422): reads it again and commits on top of theirs", async () => {
    const parents: unknown[] = [];
    const scope = nock(API)
      .get(REF)
      .reply(404, { message: "Not Found" })
      .get("/repos/o/r/git/ref/heads%2Fmain")
      .reply(200, { object: { sha: BASE } })
      .get(`/repos/o/r/git/commits/${BASE}`)
      .reply(200, { tree: { sha: "tree-base" } })
      .post("/repos/o/r/git/trees")
      .reply(201, { sha: "tree-a" })
      .post("/repos/o/r/git/commits", (b) => parents.push(b.parents) > 0)
      .reply(201, { sha: "lost" })
      .post("/repos/o/r/git/refs")
      .reply(422, { message: "Reference already exists" })
      .get(REF)
      .reply(200, { object: { sha: HEAD } })
      .get(`/repos/o/r/git/commits/${HEAD}`)
      .reply(200, { tree: { sha: "tree-theirs" } })
      .post("/repos/o/r/git/trees", (b) => b.base_tree === "tree-theirs")
      .reply(201, { sha: "tree-b" })
      .post("/repos/o/r/git/commits", (b) => parents.push(b.parents) > 0)
      .reply(201, { sha: "c3" })
      .patch(REFS, { sha: "c3", force: false })
      .reply(200, {});
    expect(await writer("main").commit("kiln/retrain/penguins", FILES, "m")).toEqual({ sha: "c3" });
    expect(parents).toEqual([[BASE], [HEAD]]);
    scope.done();
  });

  it("gives up with a clear error when the branch keeps moving; other errors pass through", async () => {
    nock(API)
      .get(REF)
      .times(4)
      .reply(200, { object: { sha: HEAD } })
      .get(`/repos/o/r/git/commits/${HEAD}`)
      .times(4)
      .reply(200, { tree: { sha: "t" } })
      .post("/repos/o/r/git/trees")
      .times(4)
      .reply(201, { sha: "t2" })
      .post("/repos/o/r/git/commits")
      .times(4)
      .reply(201, { sha: "c" })
      .patch(REFS)
      .times(4)
      .reply(422, { message: "Update is not a fast forward" });
    await expect(writer("main").commit("kiln/retrain/penguins", FILES, "m")).rejects.toThrow(
      /could not commit on kiln\/retrain\/penguins: it kept moving \(4 attempts\)/,
    );
    nock(API).get(REF).reply(403, { message: "Resource not accessible by integration" });
    await expect(writer("main").commit("kiln/retrain/penguins", FILES, "m")).rejects.toMatchObject({
      status: 403,
    });
  });

  it("refuses a bad branch, an escaping path, no files, and a base that does not exist", async () => {
    const w = writer("main");
    await expect(w.commit("bad..branch", FILES, "m")).rejects.toThrow(
      /branch name "bad..branch" is not valid/,
    );
    await expect(w.commit("kiln/x", [{ path: "../x", content: "" }], "m")).rejects.toThrow(/escapes/);
    await expect(w.commit("kiln/x", [], "m")).rejects.toThrow(/at least one file/);
    nock(API)
      .get("/repos/o/r/git/ref/heads%2Fkiln%2Fx")
      .reply(404, {})
      .get("/repos/o/r/git/ref/heads%2Fgone")
      .reply(404, {});
    await expect(w.commit("kiln/x", FILES, "m", { base: "gone" })).rejects.toThrow(
      /the base branch gone does not exist in o\/r/,
    );
  });
});

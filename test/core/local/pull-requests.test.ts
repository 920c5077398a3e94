import { describe, expect, it } from "vitest";
import { UsageError } from "../../../core/errors.js";
import { ManualClock } from "../../../core/local/clock.js";
import { LocalPullRequests, LocalRepoWriter } from "../../../core/local/pull-requests.js";
import { freshDir } from "./tmp.js";

function setup() {
  const root = freshDir();
  const clock = new ManualClock("2025-02-01T00:00:00.000Z");
  return {
    root,
    clock,
    prs: new LocalPullRequests({ root, clock }),
    repo: new LocalRepoWriter({ root, clock }),
  };
}

const retrain = { branch: "kiln/retrain/penguins", base: "main", title: "Retrain penguins", body: "drift" };

describe("LocalPullRequests", () => {
  it("opens one PR per branch and finds it by branch", async () => {
    const { prs, clock } = setup();
    const pr = await prs.open({ ...retrain, labels: ["retrain"], reviewers: ["alice"] });
    expect(pr).toMatchObject({
      number: 1,
      state: "open",
      branch: "kiln/retrain/penguins",
      base: "main",
      labels: ["retrain"],
      created_at: "2025-02-01T00:00:00.000Z",
      closed_at: null,
    });
    const err = await prs.open(retrain).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe(
      "a pull request for branch kiln/retrain/penguins is already open (#1)",
    );
    expect(await prs.findByBranch("kiln/retrain/penguins", "open")).toEqual([pr]);
    expect(await prs.findByBranch("kiln/retrain/iris", "all")).toEqual([]);

    clock.advance(5000);
    const closed = await prs.close(1);
    expect(closed).toMatchObject({ state: "closed", closed_at: "2025-02-01T00:00:05.000Z" });
    expect(await prs.findByBranch(retrain.branch, "open")).toEqual([]);
    const again = await prs.open(retrain);
    expect(again.number).toBe(2);
    expect((await prs.findByBranch(retrain.branch, "all")).map((p) => [p.number, p.state])).toEqual([
      [2, "open"],
      [1, "closed"],
    ]);
  });

  it("allows only one of several concurrent opens for a branch", async () => {
    const { prs } = setup();
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => prs.open(retrain)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await prs.findByBranch(retrain.branch, "all")).toHaveLength(1);
  });

  it("updates title and body", async () => {
    const { prs } = setup();
    await prs.open(retrain);
    const updated = await prs.update(1, { body: "more drift" });
    expect(updated).toMatchObject({ title: "Retrain penguins", body: "more drift" });
    expect((await prs.update(1, { title: "Retrain penguins (2)" })).title).toBe("Retrain penguins (2)");
    await expect(prs.update(1, { title: " " })).rejects.toBeInstanceOf(UsageError);
    await expect(prs.update(42, { body: "x" })).rejects.toThrow("pull request #42 does not exist");
  });

  it("adds, edits and deletes comments", async () => {
    const { prs, clock } = setup();
    await prs.open(retrain);
    await prs.open({ ...retrain, branch: "feature" });
    const c1 = await prs.comment(1, "first");
    clock.advance(1000);
    const c2 = await prs.comment(1, "second");
    const other = await prs.comment(2, "elsewhere");
    expect(new Set([c1.id, c2.id, other.id]).size).toBe(3);

    clock.advance(1000);
    const edited = await prs.editComment(1, c1.id, "first, edited");
    expect(edited).toEqual({ id: c1.id, body: "first, edited", created_at: "2025-02-01T00:00:00.000Z" });
    await prs.deleteComment(1, c2.id);
    expect(await prs.comments(1)).toEqual([edited]);
    expect((await prs.comments(2)).map((c) => c.body)).toEqual(["elsewhere"]);

    await expect(prs.editComment(1, other.id, "x")).rejects.toThrow(
      `comment ${other.id} does not exist on pull request #1`,
    );
    await expect(prs.deleteComment(1, c2.id)).rejects.toBeInstanceOf(UsageError);
    await expect(prs.comment(9, "x")).rejects.toBeInstanceOf(UsageError);
  });

  it("refuses bad branches", async () => {
    const { prs } = setup();
    await expect(prs.open({ ...retrain, branch: "main" })).rejects.toThrow(/other than its base/);
    for (const branch of ["", "a..b", "bad name", "/x", "x.lock", "a//b"]) {
      await expect(prs.open({ ...retrain, branch })).rejects.toBeInstanceOf(UsageError);
    }
  });
});

describe("LocalRepoWriter", () => {
  it("commits onto branches created from a base and reads files at branches and commits", async () => {
    const { repo, clock } = setup();
    expect(await repo.defaultBranch()).toBe("main");
    const c1 = await repo.commit("main", [{ path: ".github/kiln.yml", content: "models: {}\n" }], "init");
    clock.advance(1000);
    const c2 = await repo.commit(
      "kiln/retrain/penguins",
      [{ path: ".kiln/retrain/penguins.json", content: "{}\n" }],
      "request retraining",
    );
    expect(c1.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(c2.sha).not.toBe(c1.sha);

    expect(await repo.readFile("kiln/retrain/penguins", ".github/kiln.yml")).toBe("models: {}\n");
    expect(await repo.readFile("kiln/retrain/penguins", ".kiln/retrain/penguins.json")).toBe("{}\n");
    expect(await repo.readFile("main", ".kiln/retrain/penguins.json")).toBeNull();

    clock.advance(1000);
    const c3 = await repo.commit(
      "main",
      [{ path: ".github/kiln.yml", content: "models: { penguins: {} }\n" }],
      "edit",
    );
    expect(await repo.readFile("main", ".github/kiln.yml")).toBe("models: { penguins: {} }\n");
    expect(await repo.readFile(c1.sha, ".github/kiln.yml")).toBe("models: {}\n");
    expect(await repo.readFile(c3.sha, ".github/kiln.yml")).toBe("models: { penguins: {} }\n");
    expect(await repo.readFile("nope", ".github/kiln.yml")).toBeNull();
    expect(await repo.branches()).toEqual({ main: c3.sha, "kiln/retrain/penguins": c2.sha });
  });

  it("restarts a branch from the base given (an old PR's branch is left behind), as GitHub's writer does", async () => {
    const { repo, clock } = setup();
    await repo.commit("main", [{ path: "a.txt", content: "a" }], "init");
    const branch = "kiln/retrain/penguins";
    await repo.commit(branch, [{ path: "old.txt", content: "from the old PR" }], "old request");
    clock.advance(1000);
    // Without a base, the branch goes on from its head.
    await repo.commit(branch, [{ path: "b.txt", content: "b" }], "update");
    expect(await repo.readFile(branch, "old.txt")).toBe("from the old PR");
    // main moves on (the old PR was squash-merged); a new PR's request starts from main.
    const main = await repo.commit("main", [{ path: "merged.txt", content: "squashed" }], "squash");
    clock.advance(1000);
    const fresh = await repo.commit(branch, [{ path: "new.txt", content: "new" }], "new request", {
      base: "main",
    });
    expect(await repo.readFile(branch, "old.txt")).toBeNull();
    expect(await repo.readFile(branch, "b.txt")).toBeNull();
    expect(await repo.readFile(branch, "merged.txt")).toBe("squashed");
    expect(await repo.readFile(branch, "new.txt")).toBe("new");
    expect((await repo.branches())[branch]).toBe(fresh.sha);
    expect(fresh.sha).not.toBe(main.sha);
  });

  it("gives identical content on different parents different shas", async () => {
    const { repo } = setup();
    const a = await repo.commit("main", [{ path: "a.txt", content: "x" }], "same");
    const b = await repo.commit("main", [{ path: "a.txt", content: "x" }], "same");
    expect(b.sha).not.toBe(a.sha);
  });

  it("honours a configured default branch and refuses a missing base", async () => {
    const root = freshDir();
    const clock = new ManualClock();
    const repo = new LocalRepoWriter({ root, clock, defaultBranch: "trunk" });
    expect(await repo.defaultBranch()).toBe("trunk");
    await repo.commit("trunk", [{ path: "a.txt", content: "a" }], "init");
    await expect(
      repo.commit("topic", [{ path: "b.txt", content: "b" }], "m", { base: "develop" }),
    ).rejects.toThrow(/base "develop" of branch topic does not exist/);
  });

  it("keeps concurrent commits to one branch", async () => {
    const { repo } = setup();
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        repo.commit("kiln/history", [{ path: `m${i}.jsonl`, content: `${i}` }], `m${i}`),
      ),
    );
    for (let i = 0; i < 5; i++) expect(await repo.readFile("kiln/history", `m${i}.jsonl`)).toBe(`${i}`);
  });

  it("rejects paths outside the repository", async () => {
    const { repo } = setup();
    for (const path of ["../x", "/etc/passwd", "a/../../x", ""]) {
      await expect(repo.commit("main", [{ path, content: "x" }], "m")).rejects.toBeInstanceOf(UsageError);
      await expect(repo.readFile("main", path)).rejects.toBeInstanceOf(UsageError);
    }
    expect(await repo.branches()).toEqual({});
  });
});

/** The GitHub registry under nock: annotated tags for versions and aliases, a Release per version. */
import { getOctokit } from "@actions/github";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { canonicalJson } from "../../core/digest.js";
import { ManualClock } from "../../core/local/clock.js";
import { runDigest } from "../../core/metrics/run-record.js";
import { formatAliasTagBody, formatVersionTagBody } from "../../core/registry/tag-body.js";
import { GitHubRegistry } from "../../github/registry.js";
import { gateFor, run } from "../core/deploy/helpers.js";

const octokit = () => getOctokit("t", { request: { fetch } });
const API = "https://api.github.com";
const SHA = "5".repeat(40);

afterEach(() => {
  nock.cleanAll();
});

function registry() {
  return new GitHubRegistry({
    owner: "o",
    repo: "r",
    octokit: octokit(),
    clock: new ManualClock("2026-02-01T00:00:00Z"),
    sha: SHA,
  });
}

const ref = (tag: string, sha: string) => ({ ref: `refs/tags/${tag}`, object: { sha, type: "tag" } });

describe("GitHubRegistry", () => {
  it("registers the next version: an annotated tag, then a release with run.json, gate.json and the card", async () => {
    const r = run(0.95);
    const v1 = {
      model: "penguins",
      version: 1,
      tag: "penguins@v1",
      uri: "models:/penguins/1",
      created_at: "2026-01-01T00:00:00.000Z",
      run_digest: runDigest(run(0.9)),
    };
    const created: Record<string, unknown>[] = [];
    const uploads: Array<[string, string]> = [];
    const scope = nock(API)
      .get(/\/repos\/o\/r\/git\/matching-refs\/tags%2Fpenguins$/)
      .query(true)
      .reply(200, [ref("penguins@v1", "t1"), ref("penguins#production#1", "t2"), ref("penguins2@v1", "t3")])
      .get("/repos/o/r/git/tags/t1")
      .reply(200, { message: formatVersionTagBody(v1) })
      .get(/\/repos\/o\/r\/git\/matching-refs\/tags%2Fpenguins%40v$/)
      .query(true)
      .reply(200, [ref("penguins@v1", "t1")])
      .post("/repos/o/r/git/tags", (b) => {
        created.push(b);
        return true;
      })
      .reply(201, { sha: "t9" })
      .post("/repos/o/r/git/refs", { ref: "refs/tags/penguins@v2", sha: "t9" })
      .reply(201, {})
      .post("/repos/o/r/releases", (b) => {
        created.push(b);
        return true;
      })
      .reply(201, {
        id: 77,
        html_url: "https://github.com/o/r/releases/tag/penguins@v2",
        upload_url: "https://uploads.github.com/repos/o/r/releases/77/assets{?name,label}",
      });
    nock("https://uploads.github.com")
      .post("/repos/o/r/releases/77/assets")
      .query((q) => {
        uploads.push([String(q.name), ""]);
        return true;
      })
      .times(3)
      .reply(201, (_uri, body) => {
        const last = uploads.at(-1);
        if (last) last[1] = typeof body === "string" ? body : JSON.stringify(body);
        return { id: 1 };
      });
    const v = await registry().register("penguins", { run: r, gate: gateFor(r), card: "# card\n" });
    expect(v).toEqual({
      model: "penguins",
      version: 2,
      tag: "penguins@v2",
      uri: "models:/penguins/2",
      created_at: "2026-02-01T00:00:00.000Z",
      run_digest: runDigest(r),
    });
    expect(created[0]).toEqual({
      tag: "penguins@v2",
      message: formatVersionTagBody(v),
      object: SHA,
      type: "commit",
    });
    expect(created[1]).toMatchObject({ tag_name: "penguins@v2", name: "penguins@v2", body: "# card\n" });
    expect(uploads.map(([name]) => name)).toEqual(["run.json", "gate.json", "card.md"]);
    expect(uploads[0]?.[1]).toBe(canonicalJson(r));
    scope.done();
  });

  it("a version already registered for the run is returned as it is", async () => {
    const r = run(0.9);
    const v1 = {
      model: "penguins",
      version: 1,
      tag: "penguins@v1",
      uri: "models:/penguins/1",
      created_at: "2026-01-01T00:00:00.000Z",
      run_digest: runDigest(r),
    };
    const scope = nock(API)
      .get(/matching-refs\/tags%2Fpenguins$/)
      .query(true)
      .reply(200, [ref("penguins@v1", "t1")])
      .get("/repos/o/r/git/tags/t1")
      .reply(200, { message: formatVersionTagBody(v1) });
    expect(await registry().register("penguins", { run: r })).toEqual(v1);
    scope.done();
  });

  it("resolves an alias from its highest counter, and a taken counter moves on (exclusive refs)", async () => {
    const v = (n: number) => ({
      model: "penguins",
      version: n,
      tag: `penguins@v${n}`,
      uri: `models:/penguins/${n}`,
      created_at: "2026-01-01T00:00:00.000Z",
      run_digest: String(n).repeat(64),
    });
    const a = (counter: number, version: number) => ({
      model: "penguins",
      alias: "production",
      version,
      counter,
      tag: `penguins#production#${counter}`,
      assigned_at: `2026-01-0${counter}T00:00:00.000Z`,
    });
    const scope = nock(API)
      .get(/matching-refs\/tags%2Fpenguins%23production%23$/)
      .query(true)
      .reply(200, [ref("penguins#production#2", "a2"), ref("penguins#production#1", "a1")])
      .get("/repos/o/r/git/tags/a1")
      .reply(200, { message: formatAliasTagBody(a(1, 1)) })
      .get("/repos/o/r/git/tags/a2")
      .reply(200, { message: formatAliasTagBody(a(2, 2)) })
      .get(/matching-refs\/tags%2Fpenguins%40v2$/)
      .query(true)
      .reply(200, [ref("penguins@v2", "v2")])
      .get("/repos/o/r/git/tags/v2")
      .reply(200, { message: formatVersionTagBody(v(2)) });
    const reg = registry();
    expect((await reg.alias("penguins", "production"))?.tag).toBe("penguins@v2");
    scope.done();

    const scope2 = nock(API)
      .get(/matching-refs\/tags%2Fpenguins%40v1$/)
      .query(true)
      .reply(200, [ref("penguins@v1", "v1")])
      .get("/repos/o/r/git/tags/v1")
      .reply(200, { message: formatVersionTagBody(v(1)) })
      .get(/matching-refs\/tags%2Fpenguins%23production%23$/)
      .query(true)
      .reply(200, [ref("penguins#production#2", "a2"), ref("penguins#production#1", "a1")])
      .post("/repos/o/r/git/tags")
      .times(2)
      .reply(201, { sha: "new" })
      .post("/repos/o/r/git/refs", { ref: "refs/tags/penguins#production#3", sha: "new" })
      .reply(422, { message: "Reference already exists" })
      .post("/repos/o/r/git/refs", { ref: "refs/tags/penguins#production#4", sha: "new" })
      .reply(201, {});
    const assigned = await reg.assign("penguins", "production", 1, "rollback from v2");
    expect(assigned).toMatchObject({ tag: "penguins#production#4", version: 1, counter: 4 });
    scope2.done();
  });

  it("reads a version's file from its release asset; none when the release has no such asset", async () => {
    const scope = nock(API)
      .get("/repos/o/r/releases/tags/penguins%40v1")
      .times(2)
      .reply(200, {
        id: 5,
        html_url: "https://github.com/o/r/releases/tag/penguins@v1",
        assets: [{ id: 31, name: "gate.json" }],
      })
      .get("/repos/o/r/releases/assets/31")
      .matchHeader("accept", "application/octet-stream")
      .reply(200, '{"schema":"kiln.gate/v1"}', { "content-type": "application/octet-stream" });
    const reg = registry();
    expect(await reg.readFile("penguins", 1, "gate.json")).toBe('{"schema":"kiln.gate/v1"}');
    expect(await reg.readFile("penguins", 1, "profile.json")).toBeNull();
    scope.done();
  });
});

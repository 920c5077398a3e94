import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import kilnApp from "../../app/index.js";
import { readZipEntries, ZipError } from "../../app/zip.js";
import { COMMENT_MARKER } from "../../core/metrics/comment.js";
import { zip as makeZip } from "../support/fake-github.js";
import { capturingLogger, example, retarget, throwawayKey } from "./support.js";

const API = "https://api.github.com";
const BLOB = "https://blob.example.test";
const SHA = "ec26c3e".padEnd(40, "0");
const KEY = throwawayKey();
const CONFIG = `models:
  penguins:
    train: { command: python train.py }
    gate:
      metrics:
        accuracy: { min: 0.9 }
`;

/** A stored zip unless `deflate`; `declared` overrides the uncompressed size it claims. */
const zip = (files: Array<[string, Buffer | string]>, deflate = false, declared?: number) =>
  makeZip(files, { deflate, ...(declared === undefined ? {} : { declared }) });

function runJson(model: string, metrics: Record<string, number>): string {
  return JSON.stringify({ schema: "kiln.run/v1", model, metrics, code: { sha: SHA } });
}

function payload(pullRequests: Array<{ number: number }> = [{ number: 7 }]): Record<string, unknown> {
  const p = example("workflow_run", "completed");
  const run = p.workflow_run as Record<string, unknown>;
  return {
    ...retarget(p, { owner: "o", name: "r" }, 2),
    workflow_run: {
      ...run,
      id: 99,
      run_number: 482,
      event: "pull_request",
      head_sha: SHA,
      path: ".github/workflows/kiln-ci.yml",
      html_url: "https://github.com/o/r/actions/runs/99",
      pull_requests: pullRequests,
    },
  };
}

// Probot sets its own throttle options per instance, so they are switched off here, after it.
const quietOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  throttle: { ...(options.throttle as object), enabled: false },
  retry: { enabled: false },
}));

interface Recorded {
  checks: Array<{ name: string; conclusion: string; output: { title: string; summary: string } }>;
  created: string[];
  updated: Array<{ id: number; body: string }>;
  deleted: number[];
}

describe("workflow_run.completed", () => {
  let probot: Probot;
  let rec: Recorded;

  beforeEach(async () => {
    nock.disableNetConnect();
    rec = { checks: [], created: [], updated: [], deleted: [] };
    probot = new Probot({
      appId: 1,
      privateKey: KEY,
      secret: "x",
      log: capturingLogger().log,
      Octokit: quietOctokit,
    });
    await probot.load(kilnApp);
  });

  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const receive = (p: unknown) =>
    probot.receive({ id: "d1", name: "workflow_run", payload: p } as Parameters<Probot["receive"]>[0]);

  /** No baseline for `model`: no production version, no base-branch run; no history yet. */
  function noBaseline(model: string) {
    return nock(API)
      .get(`/repos/o/r/git/matching-refs/tags%2F${model}%23production%23`)
      .query(true)
      .reply(200, [])
      .get("/repos/o/r/actions/workflows/16340987/runs")
      .query({ branch: "main", status: "success", event: "push", per_page: "5" })
      .reply(200, { total_count: 0, workflow_runs: [] })
      .get(`/repos/o/r/contents/history%2F${model}.jsonl`)
      .query({ ref: "kiln/history" })
      .reply(404, { message: "Not Found" });
  }

  /** The token, the default branch's config and the run's artifacts (name → zip). */
  function github(artifacts: Array<[string, Buffer, number?]>, config = CONFIG, baselines = ["penguins"]) {
    for (const model of baselines) noBaseline(model);
    const api = nock(API)
      .post("/app/installations/2/access_tokens")
      .reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z", permissions: {} })
      .get("/repos/o/r/contents/.github%2Fkiln.yml")
      .query({ ref: "main" })
      .reply(200, { type: "file", encoding: "base64", content: Buffer.from(config).toString("base64") })
      .get("/repos/o/r/actions/runs/99/artifacts")
      .query({ per_page: "100" })
      .reply(200, {
        total_count: artifacts.length,
        artifacts: artifacts.map(([name, z, size], i) => ({
          id: 500 + i,
          name,
          size_in_bytes: size ?? z.length,
          expired: false,
        })),
      });
    artifacts.forEach(([, z, size], i) => {
      if ((size ?? z.length) > 10 * 1024 * 1024) return;
      api
        .get(`/repos/o/r/actions/artifacts/${500 + i}/zip`)
        .reply(302, "", { location: `${BLOB}/a${i}.zip` });
      nock(BLOB).get(`/a${i}.zip`).reply(200, z, { "content-type": "application/zip" });
    });
    return api;
  }

  function checkRuns(n: number) {
    return nock(API)
      .post("/repos/o/r/check-runs", (body) => rec.checks.push(body) > 0)
      .times(n)
      .reply(201, { id: 1 });
  }

  const bot = (id: number, body: string) => ({ id, body, user: { login: "kiln[bot]", type: "Bot" } });

  function comments(pr: number, ...lists: unknown[][]) {
    const scope = nock(API);
    for (const list of lists)
      scope.get(`/repos/o/r/issues/${pr}/comments`).query({ per_page: "100" }).reply(200, list);
    return scope;
  }

  function writes(pr: number) {
    return nock(API)
      .post(`/repos/o/r/issues/${pr}/comments`, (b) => rec.created.push(b.body) > 0)
      .optionally()
      .reply(201, (_uri, b) => bot(900, (b as { body: string }).body))
      .patch(/\/repos\/o\/r\/issues\/comments\/\d+$/, () => true)
      .optionally()
      .reply(200, (uri, b) => {
        rec.updated.push({ id: Number(uri.split("/").pop()), body: (b as { body: string }).body });
        return {};
      })
      .delete(/\/repos\/o\/r\/issues\/comments\/\d+$/)
      .optionally()
      .reply(204, (uri) => {
        rec.deleted.push(Number(uri.split("/").pop()));
        return "";
      });
  }

  it("a PR run with one model: one comment created, one check run", async () => {
    github([["kiln-run-penguins", zip([["run.json", runJson("penguins", { accuracy: 0.95 })]], true)]]);
    checkRuns(1);
    writes(7);
    comments(7, [{ id: 1, body: "LGTM", user: { type: "User" } }]);
    // The listing after creating finds only ours: nothing to converge.
    nock(API)
      .get("/repos/o/r/issues/7/comments")
      .query({ per_page: "100" })
      .reply(200, () => [bot(900, rec.created[0] ?? "")]);

    await receive(payload());

    expect(rec.checks).toHaveLength(1);
    expect(rec.checks[0]).toMatchObject({
      name: "kiln / penguins",
      head_sha: SHA,
      status: "completed",
      conclusion: "success",
    });
    expect(rec.created).toHaveLength(1);
    const body = rec.created[0] ?? "";
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(body).toContain("<!-- kiln:model penguins -->");
    expect(body).toContain(
      "No baseline yet (registry: no production version of penguins; branch main: no successful run in the last 5 uploaded kiln-run-penguins)",
    );
    expect(body).toContain("[this PR \\#482](https://github.com/o/r/actions/runs/99)");
    expect(rec.checks[0]?.output.summary).toContain("<!-- kiln:model penguins -->");
    expect(rec.updated).toEqual([]);
    expect(rec.deleted).toEqual([]);
    expect(nock.isDone()).toBe(true);
  });

  it("a second delivery updates the comment in place", async () => {
    github([["kiln-run-penguins", zip([["run.json", runJson("penguins", { accuracy: 0.85 })]])]]);
    checkRuns(1);
    writes(7);
    const old = `${COMMENT_MARKER}\n<!-- kiln:model penguins -->\nold\n<!-- /kiln:model penguins -->\n`;
    comments(7, [bot(300, old)]);

    await receive(payload());

    expect(rec.created).toEqual([]);
    expect(rec.updated).toHaveLength(1);
    expect(rec.updated[0]?.id).toBe(300);
    expect(rec.updated[0]?.body).not.toContain("\nold\n");
    expect(rec.checks[0]?.conclusion).toBe("failure");
    expect(nock.isDone()).toBe(true);
  });

  it("two kiln comments converge: the oldest keeps every section, the newer is deleted", async () => {
    github([["kiln-run-penguins", zip([["run.json", runJson("penguins", { accuracy: 0.95 })]])]]);
    checkRuns(1);
    writes(7);
    const other = `${COMMENT_MARKER}\n<!-- kiln:model iris -->\niris section\n<!-- /kiln:model iris -->\n`;
    comments(7, [bot(402, other), bot(401, `${COMMENT_MARKER}\n`)]);

    await receive(payload());

    expect(rec.updated.map((u) => u.id)).toEqual([401]);
    expect(rec.updated[0]?.body).toContain("iris section");
    expect(rec.updated[0]?.body).toContain("<!-- kiln:model penguins -->");
    expect(rec.deleted).toEqual([402]);
    expect(nock.isDone()).toBe(true);
  });

  it("a fork PR (no pull_requests in the payload) is found by head SHA", async () => {
    github([["kiln-run-penguins", zip([["run.json", runJson("penguins", { accuracy: 0.95 })]])]]);
    checkRuns(1);
    writes(12);
    nock(API)
      .get(`/repos/o/r/commits/${SHA}/pulls`)
      .reply(200, [
        { number: 12, state: "open", head: { sha: SHA }, base: { repo: { full_name: "o/r" } } },
        { number: 3, state: "closed", head: { sha: SHA }, base: { repo: { full_name: "o/r" } } },
      ]);
    comments(12, [bot(77, `${COMMENT_MARKER}\n`)]);

    await receive(payload([]));

    expect(rec.updated.map((u) => u.id)).toEqual([77]);
    expect(nock.isDone()).toBe(true);
  });

  it("escapes a hostile run.json in the comment and the check run", async () => {
    const hostile = runJson("penguins", { accuracy: 0.95, "<img src=x>@team": 1 });
    github([["kiln-run-penguins", zip([["run.json", hostile]])]]);
    checkRuns(1);
    writes(7);
    comments(7, [bot(5, `${COMMENT_MARKER}\n`)]);

    await receive(payload());

    for (const text of [rec.updated[0]?.body ?? "", rec.checks[0]?.output.summary ?? ""]) {
      expect(text).toContain("img src=x");
      expect(text).not.toContain("<img");
      expect(text).not.toMatch(/(^|\W)@team/);
    }
    expect(nock.isDone()).toBe(true);
  });

  it("ignores ../ entries and refuses a zip bomb and an oversized zip without crashing", async () => {
    const evil = zip([
      ["../evil", "pwned"],
      ["run.json", runJson("aaa", { accuracy: 0.95 })],
    ]);
    const bomb = zip([["run.json", Buffer.alloc(40 * 1024 * 1024, 0x20)]], true);
    const config = `${CONFIG}  aaa:\n    gate: { metrics: { accuracy: { min: 0.9 } } }\n`;
    github(
      [
        ["kiln-run-aaa", evil],
        ["kiln-run-bomb", bomb],
        ["kiln-run-huge", Buffer.alloc(0), 11 * 1024 * 1024],
      ],
      config,
      ["aaa"],
    );
    checkRuns(3);
    writes(7);
    comments(7, [bot(5, `${COMMENT_MARKER}\n`)]);

    await receive(payload());

    const byName = Object.fromEntries(rec.checks.map((c) => [c.name, c]));
    expect(byName["kiln / aaa"]?.conclusion).toBe("success");
    expect(byName["kiln / bomb"]).toMatchObject({
      conclusion: "failure",
      output: { title: "run.json unusable" },
    });
    expect(byName["kiln / huge"]?.output.summary).toMatch(/larger than 10 MB/);
    expect(rec.updated[0]?.body).toMatch(/kiln:model bomb[\s\S]*unusable/);
    expect(nock.isDone()).toBe(true);
  });

  it("an invalid default-branch config fails the kiln / config check run, naming the key", async () => {
    const bad = CONFIG.replace("min: 0.9", "minn: 0.9");
    nock(API)
      .post("/app/installations/2/access_tokens")
      .reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z", permissions: {} })
      .get("/repos/o/r/contents/.github%2Fkiln.yml")
      .query({ ref: "main" })
      .reply(200, { type: "file", encoding: "base64", content: Buffer.from(bad).toString("base64") })
      .get("/repos/o/r/actions/runs/99/artifacts")
      .query({ per_page: "100" })
      .reply(200, { total_count: 1, artifacts: [{ id: 1, name: "kiln-run-penguins", size_in_bytes: 10 }] });
    checkRuns(1);

    await receive(payload());

    expect(rec.checks).toHaveLength(1);
    expect(rec.checks[0]).toMatchObject({ name: "kiln / config", conclusion: "failure" });
    expect(rec.checks[0]?.output.summary).toContain("models.penguins.gate.metrics.accuracy.minn");
    expect(nock.isDone()).toBe(true);
  });

  it("does nothing when the default branch has no kiln.yml", async () => {
    nock(API)
      .post("/app/installations/2/access_tokens")
      .reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z", permissions: {} })
      .get("/repos/o/r/contents/.github%2Fkiln.yml")
      .query({ ref: "main" })
      .reply(404, { message: "Not Found" });

    await receive(payload());
    expect(nock.isDone()).toBe(true);
  });
});

describe("the zip reader", () => {
  it("reads only wanted, safe entries", () => {
    const z = zip([
      ["../run.json", "x"],
      ["/etc/run.json", "x"],
      ["a\\..\\b", "x"],
      ["run.json", "{}"],
    ]);
    const { entries, unsafe } = readZipEntries(z, new Set(["run.json"]), { left: 100 });
    expect(entries.get("run.json")?.toString()).toBe("{}");
    expect(unsafe).toEqual(["../run.json", "/etc/run.json", "a\\..\\b"]);
  });

  it("stops at the byte budget and refuses what is not a zip", () => {
    const z = zip([["run.json", "x".repeat(1000)]], true);
    expect(() => readZipEntries(z, new Set(["run.json"]), { left: 100 })).toThrow(ZipError);
    // A bomb that lies about its size is stopped by the inflater's output cap.
    const liar = zip([["run.json", "x".repeat(1000)]], true, 10);
    expect(() => readZipEntries(liar, new Set(["run.json"]), { left: 100 })).toThrow(ZipError);
    expect(() => readZipEntries(Buffer.from("not a zip"), new Set(["run.json"]), { left: 100 })).toThrow(
      /not a zip/,
    );
  });
});

/**
 * Retraining PRs end to end: the real app server (startServer) against the local fake GitHub, fed
 * by signed webhook deliveries (repository_dispatch, workflow_run) and by `POST /kiln/alerts` —
 * directly, and from the real Prometheus Alertmanager (Debian's prometheus-alertmanager).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GroupResult } from "../../app/alerts.js";
import { type RunningServer, startServer } from "../../app/server.js";
import { formatKilnFile } from "../../core/files.js";
import { retrainRequestSchema } from "../../core/retrain/retrain-request.js";
import { gateFor, run } from "../core/deploy/helpers.js";
import {
  deliver,
  FakeGitHub,
  type FakeGitHub as FakeGitHubType,
  type FakeRepo,
  zip,
} from "../support/fake-github.js";
import { capturingLogger, example, type LogLine, retarget, throwawayKey } from "./support.js";

const SECRET = "kiln-e2e-webhook-secret";
const TOKEN = "kiln-e2e-alert-token-0123456789abcdef";
const KEY = throwawayKey();
const ALERTMANAGER = "/usr/bin/prometheus-alertmanager";

const model = (name: string) => `  ${name}:
    train: { command: python train.py }
    gate:
      metrics:
        accuracy: { min: 0.9 }
`;
const CONFIG = `models:
${["penguins", "weather", "iris", "fish", "trout", "ctm", "salmon", "perch"].map(model).join("")}retrain:
  cooldown: 1s
  max-per-day: 0
  labels: [retrain, ml]
  reviewers: [alice]
`;

/** What POST /kiln/alerts answers. */
interface AlertsAnswer {
  error?: string;
  groups?: GroupResult[];
  ignored?: unknown[];
}
const answer = async (res: Response) => (await res.json()) as AlertsAnswer;

const WRITES = new Set(["POST", "PATCH", "PUT", "DELETE"]);

async function waitFor(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

describe("retraining PRs through the real app server", () => {
  let gh: FakeGitHubType;
  let repo: FakeRepo;
  let app: RunningServer;
  let base: string;
  let lines: LogLine[];

  beforeAll(async () => {
    gh = await FakeGitHub.start();
    repo = gh.addRepo({
      owner: "o",
      name: "r",
      defaultBranch: "main",
      installationId: 42,
      files: { ".github/kiln.yml": CONFIG },
    });
    gh.addRepo({
      owner: "o",
      name: "uninstalled",
      installationId: null,
      files: { ".github/kiln.yml": CONFIG },
    });
    const captured = capturingLogger();
    lines = captured.lines;
    app = await startServer(
      {
        APP_ID: "12345",
        PRIVATE_KEY: KEY,
        WEBHOOK_SECRET: SECRET,
        KILN_ALERT_TOKEN: TOKEN,
        PORT: "0",
        HOST: "127.0.0.1",
        ...gh.env,
      },
      { log: captured.log },
    );
    base = `http://127.0.0.1:${app.port}`;
  });

  afterAll(async () => {
    await app?.stop();
    await gh?.stop();
  });

  const writesSince = (from: number) => gh.calls.slice(from).filter((c) => WRITES.has(c.method));
  const pullsOf = (m: string) => repo.pulls.filter((p) => p.head.ref === `kiln/retrain/${m}`);
  const retrainLines = (m: string) =>
    lines.filter((l) => typeof l.msg === "string" && l.msg.startsWith(`retrain: ${m}:`));
  /**
   * Waits for the delivery's decision about `model` to be logged. Probot answers a delivery still
   * being handled after 9 s with 202 (opening a PR waits on octokit's write throttling: ~6 s).
   */
  async function settle(d: { status: number; delivery: string }, m: string): Promise<void> {
    expect([200, 202]).toContain(d.status);
    await waitFor(
      () => lines.some((l) => l.id === d.delivery && String(l.msg).startsWith(`retrain: ${m}:`)),
      `the decision on ${m}`,
    );
  }

  /** Commits on the branch that its base (main) does not have. */
  function branchCommits(m: string): string[] {
    const main = repo.branches.get("main");
    const out: string[] = [];
    let sha = repo.branches.get(`kiln/retrain/${m}`);
    while (sha && sha !== main) {
      out.push(sha);
      sha = repo.commits.get(sha)?.parents[0];
    }
    return out;
  }

  function dispatchPayload(clientPayload: unknown, action = "kiln-degradation"): Record<string, unknown> {
    return {
      ...example("repository_dispatch"),
      action,
      branch: "main",
      client_payload: clientPayload,
      repository: {
        ...(example("repository_dispatch").repository as object),
        name: "r",
        full_name: "o/r",
        owner: { login: "o" },
        default_branch: "main",
      },
      installation: { id: 42 },
    };
  }

  describe("repository_dispatch kiln-degradation", () => {
    const degradation = {
      model: "penguins",
      reason: "accuracy on production fell to 0.81",
      evidence: [{ signal: "accuracy (7 days)", value: 0.81, threshold: 0.85, source: "grafana" }],
    };

    it("opens one PR from kiln/retrain/penguins with .kiln/retrain/penguins.json committed; a redelivery changes nothing", async () => {
      await settle(
        await deliver(base, SECRET, "repository_dispatch", dispatchPayload(degradation)),
        "penguins",
      );
      const [pr, ...more] = pullsOf("penguins");
      expect(more).toEqual([]);
      expect(pr).toMatchObject({
        state: "open",
        base: { ref: "main" },
        title: "Retrain penguins: accuracy on production fell to 0.81",
        labels: ["retrain", "ml"],
        requested_reviewers: ["alice"],
        user: { type: "Bot" },
      });
      expect(pr?.body).toContain("<!-- kiln:retrain penguins -->");
      expect(pr?.body).toContain("| accuracy (7 days) | 0.81 | 0.85 | grafana |");
      const request = retrainRequestSchema.parse(
        JSON.parse(repo.readFile("kiln/retrain/penguins", ".kiln/retrain/penguins.json") ?? "null"),
      );
      expect(request).toMatchObject({ model: "penguins", source: "dispatch", reason: degradation.reason });
      expect(repo.readFile("main", ".kiln/retrain/penguins.json")).toBeNull();
      expect(branchCommits("penguins")).toHaveLength(1);

      const from = gh.calls.length;
      await settle(
        await deliver(base, SECRET, "repository_dispatch", dispatchPayload(degradation)),
        "penguins",
      );
      expect(pullsOf("penguins")).toHaveLength(1);
      expect(branchCommits("penguins")).toHaveLength(1);
      // (An installation token may be fetched; nothing is written in the repository.)
      expect(writesSince(from).filter((c) => !c.path.endsWith("/access_tokens"))).toEqual([]);
      expect(retrainLines("penguins").at(-1)?.msg).toMatch(/signal already on #\d+/);
    });

    it("a new signal updates the open PR: the request committed again, retitled, the evidence commented", async () => {
      const res = await deliver(
        base,
        SECRET,
        "repository_dispatch",
        dispatchPayload({ ...degradation, reason: "accuracy on production fell to 0.78" }),
      );
      await settle(res, "penguins");
      const [pr, ...more] = pullsOf("penguins");
      expect(more).toEqual([]);
      expect(pr?.title).toBe("Retrain penguins: accuracy on production fell to 0.78");
      expect(branchCommits("penguins")).toHaveLength(2);
      const comments = repo.botComments(pr?.number ?? 0);
      expect(comments).toHaveLength(1);
      expect(comments[0]?.body).toMatch(/\*\*New signal\*\* \(repository_dispatch kiln-degradation/);
    });

    it("after a squash-merged PR and its cooldown, a new signal opens a fresh PR from main, not the old branch", async () => {
      await settle(
        await deliver(
          base,
          SECRET,
          "repository_dispatch",
          dispatchPayload({ ...degradation, model: "perch" }),
        ),
        "perch",
      );
      const [old] = pullsOf("perch");
      expect(old).toBeDefined();
      // A squash merge: main gets the request file in a new commit; the branch is left behind.
      repo.writeFile(
        "main",
        ".kiln/retrain/perch.json",
        repo.readFile("kiln/retrain/perch", ".kiln/retrain/perch.json") ?? "",
      );
      Object.assign(old ?? {}, {
        state: "closed",
        merged_at: new Date().toISOString(),
        closed_at: new Date().toISOString(),
      });
      await new Promise((done) => setTimeout(done, 1100)); // retrain.cooldown: 1s
      const res = await deliver(
        base,
        SECRET,
        "repository_dispatch",
        dispatchPayload({ ...degradation, model: "perch", reason: "accuracy fell again" }),
      );
      await settle(res, "perch");
      const open = pullsOf("perch").filter((p) => p.state === "open");
      expect(open).toHaveLength(1);
      expect(open[0]?.number).not.toBe(old?.number);
      // One commit on top of main: the old PR's commit is not carried (it would conflict).
      expect(branchCommits("perch")).toHaveLength(1);
      expect(
        JSON.parse(repo.readFile("kiln/retrain/perch", ".kiln/retrain/perch.json") ?? "null").reason,
      ).toBe("accuracy fell again");
    });

    it("a malformed client_payload is logged with the bad key and makes no GitHub call", async () => {
      const from = gh.calls.length;
      const res = await deliver(
        base,
        SECRET,
        "repository_dispatch",
        dispatchPayload({ model: "Not A Model", reason: "x" }),
      );
      expect(res.status).toBe(200);
      expect(gh.calls.length).toBe(from);
      expect(lines.at(-1)).toMatchObject({ level: 40 });
      expect(lines.at(-1)?.msg).toMatch(
        /kiln-degradation ignored: .*client_payload: model: not a model name/,
      );
    });

    it("a model the default branch's config does not declare is logged and nothing is written", async () => {
      const from = gh.calls.length;
      const res = await deliver(
        base,
        SECRET,
        "repository_dispatch",
        dispatchPayload({ ...degradation, model: "nosuch" }),
      );
      expect(res.status).toBe(200);
      expect(writesSince(from).filter((c) => !c.path.endsWith("/access_tokens"))).toEqual([]);
      expect(retrainLines("nosuch").at(-1)?.msg).toMatch(/declares no model nosuch; nothing written/);
      expect(repo.branches.has("kiln/retrain/nosuch")).toBe(false);
    });

    it("other dispatch types are not kiln's: no GitHub call", async () => {
      const from = gh.calls.length;
      const res = await deliver(base, SECRET, "repository_dispatch", dispatchPayload(degradation, "deploy"));
      expect(res.status).toBe(200);
      expect(gh.calls.length).toBe(from);
    });
  });

  describe("workflow_run.completed with kiln-monitor / kiln-ct evidence", () => {
    const monitor = (m: string) => ({
      schema: "kiln.monitor/v1",
      model: m,
      version: `${m}@v3`,
      window: { from: "2026-01-01T00:00:00.000Z", to: "2026-01-08T00:00:00.000Z" },
      degraded: true,
      reasons: [
        {
          kind: "metric",
          metric: "accuracy",
          rule: "min",
          value: 0.81,
          limit: 0.85,
          message: "accuracy below 0.85",
        },
      ],
      drift: null,
      metrics: { accuracy: 0.81 },
    });

    function runPayload(over: Record<string, unknown>): Record<string, unknown> {
      const p = example("workflow_run", "completed");
      return {
        ...retarget(p, { owner: "o", name: "r" }, 42),
        workflow_run: {
          ...(p.workflow_run as object),
          event: "schedule",
          head_branch: "main",
          head_sha: "f".repeat(40),
          conclusion: "failure",
          path: ".github/workflows/kiln-monitor.yml",
          head_repository: { full_name: "o/r" },
          pull_requests: [],
          ...over,
        },
      };
    }

    it("a scheduled monitor run on main with a degraded kiln-monitor-fish opens the retraining PR", async () => {
      repo.addArtifact(7001, "kiln-monitor-fish", zip({ "monitor.json": formatKilnFile(monitor("fish")) }));
      await settle(await deliver(base, SECRET, "workflow_run", runPayload({ id: 7001 })), "fish");
      const [pr, ...more] = pullsOf("fish");
      expect(more).toEqual([]);
      expect(pr?.title).toBe("Retrain fish: accuracy on production at 0.81 (floor 0.85)");
      expect(pr?.body).toContain("kiln-monitor run 7001");
      const request = JSON.parse(repo.readFile("kiln/retrain/fish", ".kiln/retrain/fish.json") ?? "null");
      expect(request).toMatchObject({ model: "fish", source: "monitor", model_version: "fish@v3" });
    });

    it("a pull request's run with the same artifact never opens a retraining PR (a fork controls its artifacts)", async () => {
      repo.addArtifact(7002, "kiln-monitor-trout", zip({ "monitor.json": formatKilnFile(monitor("trout")) }));
      for (const over of [
        { id: 7002, event: "pull_request", head_branch: "main", head_repository: { full_name: "fork/r" } },
        { id: 7002, event: "pull_request_target", head_branch: "feature" },
        // A push run in this repository but of another branch: not the default branch's code.
        { id: 7002, event: "push", head_branch: "feature" },
      ]) {
        const from = gh.calls.length;
        await deliver(base, SECRET, "workflow_run", runPayload(over));
        // (workflow-run.ts, the PR comment handler, may read the run; nothing may be downloaded or written.)
        const calls = gh.calls.slice(from).map((c) => `${c.method} ${c.path}`);
        expect(calls.filter((c) => /artifacts\/\d+\/zip/.test(c))).toEqual([]);
        expect(writesSince(from).filter((c) => !c.path.endsWith("/access_tokens"))).toEqual([]);
      }
      expect(pullsOf("trout")).toEqual([]);
      expect(repo.branches.has("kiln/retrain/trout")).toBe(false);
    });

    it("a healthy monitor.json opens nothing; a passing kiln-ct opens a PR whose source is ct", async () => {
      repo.addArtifact(
        7003,
        "kiln-monitor-iris",
        zip({ "monitor.json": formatKilnFile({ ...monitor("iris"), degraded: false, reasons: [] }) }),
      );
      const r = run(0.95, "ctm");
      repo.addArtifact(
        7003,
        "kiln-ct-ctm",
        zip({ "run.json": formatKilnFile(r), "gate.json": formatKilnFile(gateFor(r)) }),
      );
      const res = await deliver(
        base,
        SECRET,
        "workflow_run",
        runPayload({ id: 7003, conclusion: "success" }),
      );
      await settle(res, "ctm");
      expect(pullsOf("iris")).toEqual([]);
      expect(pullsOf("ctm")).toHaveLength(1);
      expect(JSON.parse(repo.readFile("kiln/retrain/ctm", ".kiln/retrain/ctm.json") ?? "null")).toMatchObject(
        {
          source: "ct",
          model: "ctm",
        },
      );
    });
  });

  describe("POST /kiln/alerts", () => {
    function alertPayload(
      over: { status?: "firing" | "resolved"; repository?: string; model?: string } = {},
    ) {
      const status = over.status ?? "firing";
      const labels = {
        alertname: "ModelDegraded",
        repository: over.repository ?? "o/r",
        model: over.model ?? "iris",
      };
      return {
        version: "4",
        groupKey: `{}:{model="${labels.model}", repository="${labels.repository}"}`,
        truncatedAlerts: 0,
        status,
        receiver: "kiln",
        groupLabels: { model: labels.model, repository: labels.repository },
        commonLabels: labels,
        commonAnnotations: {},
        externalURL: "http://alertmanager.example:9093",
        alerts: [
          {
            status,
            labels,
            annotations: { summary: "accuracy on production fell to 0.81", value: "0.81", threshold: "0.85" },
            startsAt: "2026-01-02T10:04:00.123456789Z",
            endsAt: status === "resolved" ? "2026-01-02T12:00:00Z" : "0001-01-01T00:00:00Z",
            generatorURL: "http://prometheus.example/graph",
            fingerprint: `fp-${labels.model}`,
          },
        ],
      };
    }

    const post = (
      body: string | object,
      headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` },
    ) =>
      fetch(`${base}/kiln/alerts`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });

    it("refuses a missing or wrong token with 401 and makes no GitHub call", async () => {
      const from = gh.calls.length;
      for (const headers of [
        {} as Record<string, string>,
        { authorization: "Bearer wrong" },
        { authorization: `Bearer ${TOKEN}x` },
        { authorization: `Basic ${Buffer.from(`kiln:${TOKEN}`).toString("base64")}` },
        { authorization: TOKEN },
      ]) {
        const res = await post(alertPayload(), headers);
        expect(res.status).toBe(401);
        expect(res.headers.get("www-authenticate")).toBe('Bearer realm="kiln"');
        const text = await res.text();
        expect(text).not.toContain(TOKEN);
        expect(JSON.parse(text).error).toMatch(/missing or wrong bearer token/);
      }
      expect(gh.calls.length).toBe(from);
    });

    it("answers 400 for malformed JSON or a payload that is not Alertmanager's, naming the key", async () => {
      const from = gh.calls.length;
      const bad = await post("{not json");
      expect(bad.status).toBe(400);
      expect((await answer(bad)).error).toMatch(/^the body is not JSON/);
      const wrong = alertPayload();
      (wrong.alerts[0] as Record<string, unknown>).fingerprint = 42;
      const invalid = await post(wrong);
      expect(invalid.status).toBe(400);
      expect((await answer(invalid)).error).toMatch(/^Alertmanager webhook: alerts\.0\.fingerprint: /);
      const version = await post({ ...alertPayload(), version: "3" });
      expect((await answer(version)).error).toMatch(/version: must be "4"/);
      expect(gh.calls.length).toBe(from);
    });

    it("answers 413 over 1 MiB (declared or streamed) and 405 for other methods", async () => {
      const from = gh.calls.length;
      const big = await post(" ".repeat(1024 * 1024 + 1));
      expect(big.status).toBe(413);
      // No content-length: a chunked body is counted as it arrives.
      const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 40) controller.enqueue(chunk);
          else controller.close();
        },
      });
      const chunked = await fetch(`${base}/kiln/alerts`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: stream,
        duplex: "half",
      } as RequestInit);
      expect(chunked.status).toBe(413);
      expect(gh.calls.length).toBe(from);
      const get = await fetch(`${base}/kiln/alerts`);
      expect(get.status).toBe(405);
      expect(get.headers.get("allow")).toBe("POST");
    });

    it("a repository without the app installed: 2xx, logged, nothing written", async () => {
      const from = gh.calls.length;
      const res = await post(alertPayload({ repository: "o/uninstalled" }));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        groups: [
          {
            repository: "o/uninstalled",
            model: "iris",
            status: "firing",
            outcome: "not-installed",
            pr: null,
            url: null,
            message: "the kiln app is not installed on o/uninstalled; nothing written",
          },
        ],
        ignored: [],
      });
      expect(gh.calls.slice(from).map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
        "GET /repos/o/uninstalled/installation 404",
      ]);
      expect(
        lines.some(
          (l) => l.msg === "alerts: the kiln app is not installed on o/uninstalled; nothing written",
        ),
      ).toBe(true);
    });

    it("20 identical notifications open one PR with one request commit; the resolved one comments once", async () => {
      const outcomes: string[] = [];
      for (let i = 0; i < 20; i++) {
        const res = await post(alertPayload());
        expect(res.status).toBe(200);
        outcomes.push((await answer(res)).groups?.[0]?.outcome ?? "none");
      }
      expect(outcomes[0]).toBe("opened");
      expect(new Set(outcomes.slice(1))).toEqual(new Set(["unchanged"]));
      const [pr, ...more] = pullsOf("iris");
      expect(more).toEqual([]);
      expect(pr?.title).toBe("Retrain iris: accuracy on production fell to 0.81");
      expect(branchCommits("iris")).toHaveLength(1);
      expect(
        JSON.parse(repo.readFile("kiln/retrain/iris", ".kiln/retrain/iris.json") ?? "null"),
      ).toMatchObject({ source: "alertmanager", alertmanager_url: "http://alertmanager.example:9093" });

      for (let i = 0; i < 3; i++) {
        const res = await post(alertPayload({ status: "resolved" }));
        expect((await answer(res)).groups?.[0]?.outcome).toBe(i === 0 ? "noted-resolved" : "unchanged");
      }
      const comments = repo.botComments(pr?.number ?? 0);
      expect(comments).toHaveLength(1);
      expect(comments[0]?.body).toMatch(/✅ \*\*Recovered\*\*: Alertmanager reports ModelDegraded resolved/);
      expect(branchCommits("iris")).toHaveLength(1);
    });

    it("a model the config does not declare: 200, logged, nothing written", async () => {
      const from = gh.calls.length;
      const res = await post(alertPayload({ model: "unlisted" }));
      expect(res.status).toBe(200);
      expect((await answer(res)).groups?.[0]).toMatchObject({
        outcome: "unknown-model",
        message: "unlisted: .github/kiln.yml on main declares no model unlisted; nothing written",
      });
      expect(writesSince(from).filter((c) => !c.path.endsWith("/access_tokens"))).toEqual([]);
    });

    it("a GitHub failure answers 502, which Alertmanager retries; the retry then opens the PR", async () => {
      // 403 without rate-limit headers: neither retried by octokit nor a rate limit.
      gh.failNext("GET", /^\/repos\/o\/r\/pulls$/, 403);
      const failed = await post(alertPayload({ model: "salmon" }));
      expect(failed.status).toBe(502);
      const body = await answer(failed);
      expect(body.groups?.[0]).toMatchObject({ outcome: "error", model: "salmon" });
      expect(body.groups?.[0]?.message).toMatch(/^GitHub request failed: /);
      expect(pullsOf("salmon")).toEqual([]);
      const retried = await post(alertPayload({ model: "salmon" }));
      expect(retried.status).toBe(200);
      expect((await answer(retried)).groups?.[0]?.outcome).toBe("opened");
      expect(pullsOf("salmon")).toHaveLength(1);
    });

    it("an alert without repository/model labels is ignored with a reason", async () => {
      const p = alertPayload();
      p.alerts[0] = { ...(p.alerts[0] as (typeof p.alerts)[number]), labels: { alertname: "x" } as never };
      p.commonLabels = { alertname: "x" } as never;
      const res = await post(p);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        groups: [],
        ignored: [{ index: 0, fingerprint: "fp-iris", reason: "alerts.0.labels.repository is missing" }],
      });
    });
  });

  // Outside CI a machine without Debian's package skips this one test; in CI (CI set) it must run.
  const noAlertmanager = !existsSync(ALERTMANAGER) && !process.env.CI;
  it.skipIf(noAlertmanager)(
    noAlertmanager
      ? `the real Alertmanager — skipped: ${ALERTMANAGER} is not installed (apt-get install prometheus-alertmanager; CI requires it)`
      : "the real Alertmanager: ≥ 20 repeated notifications → one PR and one request commit; resolving it comments recovery",
    async () => {
      expect(
        existsSync(ALERTMANAGER),
        `${ALERTMANAGER} is missing: .ci/run installs prometheus-alertmanager`,
      ).toBe(true);
      const am = await startAlertmanager(`${base}/kiln/alerts`);
      try {
        const notifications = () =>
          lines.filter(
            (l) =>
              typeof l.msg === "string" &&
              /^alerts: \d+ group/.test(l.msg) &&
              String((l as { groups?: unknown }).groups).includes("o/r weather"),
          );
        const postAlert = async (startsAt: string, endsAt?: string) => {
          const res = await fetch(`${am.url}/api/v2/alerts`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify([
              {
                labels: { alertname: "ModelDegraded", repository: "o/r", model: "weather" },
                annotations: {
                  summary: "accuracy on production fell to 0.79",
                  value: "0.79",
                  threshold: "0.85",
                },
                startsAt,
                ...(endsAt ? { endsAt } : {}),
                generatorURL: "http://prometheus.example/graph",
              },
            ]),
          });
          expect(res.status).toBe(200);
        };

        const firstLine = lines.length;
        const startsAt = new Date(Date.now() - 60_000).toISOString();
        await postAlert(startsAt);
        await waitFor(() => pullsOf("weather").length > 0, `the PR (Alertmanager log:\n${am.log()})`);
        await waitFor(() => notifications().length >= 21, "20 repeated notifications", 30_000);
        const [pr, ...more] = pullsOf("weather");
        expect(more).toEqual([]);
        expect(pr?.title).toBe("Retrain weather: accuracy on production fell to 0.79");
        expect(branchCommits("weather")).toHaveLength(1);
        expect(repo.botComments(pr?.number ?? 0)).toEqual([]);
        const request = JSON.parse(
          repo.readFile("kiln/retrain/weather", ".kiln/retrain/weather.json") ?? "null",
        );
        expect(request).toMatchObject({ model: "weather", source: "alertmanager" });
        expect(request.evidence[0]).toMatchObject({
          alertname: "ModelDegraded",
          status: "firing",
          value: 0.79,
        });
        // Every notification carried the token from http_config.authorization; none was refused.
        expect(
          lines.slice(firstLine).some((l) => l.msg === "alerts: missing or wrong bearer token; refused"),
        ).toBe(false);

        await postAlert(startsAt, new Date(Date.now() - 1000).toISOString());
        await waitFor(() => repo.botComments(pr?.number ?? 0).length > 0, "the recovery comment");
        // Alertmanager may send the resolved group again: still one comment.
        await new Promise((done) => setTimeout(done, 500));
        const comments = repo.botComments(pr?.number ?? 0);
        expect(comments).toHaveLength(1);
        expect(comments[0]?.body).toMatch(/Recovered\*\*: Alertmanager reports ModelDegraded resolved/);
        expect(pullsOf("weather")).toHaveLength(1);
        expect(branchCommits("weather")).toHaveLength(1);
      } finally {
        await am.stop();
      }
    },
    60_000,
  );
});

/** Alertmanager on a free port, clustering off, state in a temp dir, one webhook receiver with the token. */
async function startAlertmanager(receiver: string) {
  const dir = mkdtempSync(join(tmpdir(), "kiln-alertmanager-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  writeFileSync(
    join(dir, "alertmanager.yml"),
    [
      "route:",
      "  receiver: kiln",
      "  group_by: [repository, model]",
      // Short intervals so that 20 repeats take seconds; production uses minutes and hours.
      "  group_wait: 100ms",
      "  group_interval: 100ms",
      "  repeat_interval: 100ms",
      "receivers:",
      "  - name: kiln",
      "    webhook_configs:",
      `      - url: ${receiver}`,
      "        send_resolved: true",
      "        http_config:",
      "          authorization:",
      "            type: Bearer",
      `            credentials: ${TOKEN}`,
      "",
    ].join("\n"),
  );
  const child: ChildProcess = spawn(
    ALERTMANAGER,
    [
      `--config.file=${join(dir, "alertmanager.yml")}`,
      `--storage.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--cluster.listen-address=",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  child.stdout?.on("data", (c: Buffer) => {
    log += c.toString();
  });
  child.stderr?.on("data", (c: Buffer) => {
    log += c.toString();
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const until = Date.now() + 15_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until || child.exitCode !== null) {
      await stop();
      throw new Error(`Alertmanager did not start:\n${log}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return { url, stop, log: () => log };
}

describe("POST /kiln/alerts without KILN_ALERT_TOKEN", () => {
  it("answers 503 saying alerts are disabled, and says so at start", async () => {
    const captured = capturingLogger();
    const gh = await FakeGitHub.start();
    const app = await startServer(
      { APP_ID: "1", PRIVATE_KEY: KEY, WEBHOOK_SECRET: SECRET, PORT: "0", HOST: "127.0.0.1", ...gh.env },
      { log: captured.log },
    );
    try {
      expect(
        captured.lines.some((l) => /alerts disabled: KILN_ALERT_TOKEN is not set/.test(String(l.msg))),
      ).toBe(true);
      const res = await fetch(`http://127.0.0.1:${app.port}/kiln/alerts`, {
        method: "POST",
        headers: { authorization: "Bearer anything" },
        body: "{}",
      });
      expect(res.status).toBe(503);
      expect((await answer(res)).error).toMatch(/alerts are disabled on this kiln app: set KILN_ALERT_TOKEN/);
      expect(gh.calls).toEqual([]);
    } finally {
      await app.stop();
      await gh.stop();
    }
  });
});

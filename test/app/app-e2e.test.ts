/**
 * The real app server against the local fake GitHub (test/support/fake-github.ts): signed deliveries
 * of real payloads from @octokit/webhooks-examples, adapted; everything the app does is read back from
 * the fake's state. Covers the baseline, the history chart and branch, `/kiln diff`, the deployment
 * protection rule, convergence under concurrent deliveries, hostile artifacts, retries and /metrics.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../app/server.js";
import { checkConfig } from "../../core/config/load.js";
import { NO_BASELINE } from "../../core/gate/baseline.js";
import { evaluateGate } from "../../core/gate/evaluate.js";
import { parseExamples } from "../../core/gate/examples.js";
import { normalisePolicy } from "../../core/gate/policy.js";
import { escapeMarkdown } from "../../core/markdown.js";
import { COMMENT_MARKER } from "../../core/metrics/comment.js";
import { runDigest } from "../../core/metrics/run-record.js";
import { formatAliasTagBody, formatVersionTagBody } from "../../core/registry/tag-body.js";
import { deliver, FakeGitHub, type FakeRepo, zip } from "../support/fake-github.js";
import { capturingLogger, example, type LogLine, retarget, throwawayKey } from "./support.js";

const SECRET = "e2e-secret";
const KEY = throwawayKey();
const CONFIG = `models:
  penguins:
    train: { command: python train.py }
    gate:
      metrics:
        accuracy: { min: 0.8, max-regression: 0.01 }
        log_loss: { max-regression: "20%" }
`;
const CI = ".github/workflows/kiln-ci.yml";
const sha = (c: string) => c.repeat(40).slice(0, 40);

function runJson(
  model: string,
  metrics: Record<string, number>,
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({ schema: "kiln.run/v1", model, metrics, ...extra });
}

interface Env {
  gh: FakeGitHub;
  app: RunningServer;
  url: string;
  lines: LogLine[];
}

async function boot(
  github: NonNullable<Parameters<typeof startServer>[1]>["github"] = { throttle: false, baseMs: 5 },
): Promise<Env> {
  const gh = await FakeGitHub.start();
  const { log, lines } = capturingLogger();
  const app = await startServer(
    {
      APP_ID: "1",
      PRIVATE_KEY: KEY,
      WEBHOOK_SECRET: SECRET,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      ...gh.env,
    },
    { log, github },
  );
  return { gh, app, url: `http://127.0.0.1:${app.port}`, lines };
}

function addRepo(gh: FakeGitHub, name = "r", config = CONFIG, installationId = 42): FakeRepo {
  return gh.addRepo({
    owner: "o",
    name,
    defaultBranch: "main",
    installationId,
    files: { ".github/kiln.yml": config },
  });
}

/** A PR with a finished CI run that uploaded `artifacts`; returns the workflow_run payload. */
function prRun(
  repo: FakeRepo,
  artifacts: Record<string, Buffer>,
  opts: { pr?: number; path?: string; conclusion?: string; headSha?: string } = {},
) {
  const headSha = opts.headSha ?? sha("e");
  const pr = opts.pr ?? repo.addPull({ head: { ref: "feature", sha: headSha } }).number;
  const run = repo.addRun({
    head_sha: headSha,
    head_branch: "feature",
    event: "pull_request",
    path: opts.path ?? CI,
    conclusion: opts.conclusion ?? "success",
    run_number: 482,
  });
  for (const [name, z] of Object.entries(artifacts)) repo.addArtifact(run.id, name, z);
  return { pr, run, payload: workflowRunPayload(repo, run, [pr]) };
}

function workflowRunPayload(
  repo: FakeRepo,
  run: {
    id: number;
    head_sha: string;
    head_branch: string;
    event: string;
    path: string;
    conclusion: string | null;
    run_number?: number;
  },
  pulls: number[],
) {
  const p = example("workflow_run", "completed");
  return {
    ...p,
    installation: { id: repo.installationId },
    repository: {
      ...(p.repository as object),
      name: repo.name,
      full_name: repo.fullName,
      owner: { login: repo.owner },
      default_branch: repo.defaultBranch,
    },
    workflow_run: {
      ...(p.workflow_run as object),
      id: run.id,
      workflow_id: undefined,
      run_number: run.run_number ?? 1,
      event: run.event,
      head_sha: run.head_sha,
      head_branch: run.head_branch,
      path: run.path,
      conclusion: run.conclusion,
      html_url: `https://github.example/${repo.fullName}/actions/runs/${run.id}`,
      pull_requests: pulls.map((number) => ({ number, base: { ref: repo.defaultBranch } })),
    },
  };
}

/** A successful push run on main that trained `metrics`: the branch baseline. */
function mainRun(repo: FakeRepo, metrics: Record<string, number>, params: Record<string, unknown> = {}) {
  const run = repo.addRun({
    head_sha: sha("a"),
    head_branch: "main",
    event: "push",
    path: CI,
    run_number: 479,
  });
  repo.addArtifact(
    run.id,
    "kiln-run-penguins",
    zip({ "run.json": runJson("penguins", metrics, { params }) }),
  );
  return run;
}

function comment(repo: FakeRepo, pr: number): string {
  const bot = repo.botComments(pr);
  expect(bot).toHaveLength(1);
  return bot[0]?.body ?? "";
}

describe("the app end to end (real server, fake GitHub)", () => {
  let env: Env;
  beforeEach(async () => {
    env = await boot();
  });
  afterEach(async () => {
    await env.app.stop();
    await env.gh.stop();
  });

  it("compares with the base branch's latest successful run: base, head and Δ in the comment and the check", async () => {
    const repo = addRepo(env.gh);
    const base = mainRun(repo, { accuracy: 0.935, log_loss: 0.25 }, { lr: 0.1 });
    const { pr, payload } = prRun(repo, {
      "kiln-run-penguins": zip({
        "run.json": runJson("penguins", { accuracy: 0.912, log_loss: 0.26 }, { params: { lr: 0.3 } }),
      }),
    });
    const res = await deliver(env.url, SECRET, "workflow_run", payload);
    expect(res.status).toBe(200);

    const body = comment(repo, pr);
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(body).toContain("gate ❌ failed");
    expect(body).toMatch(/\| metric \| main `aaaaaaa` \| this PR `eeeeeee` \|/);
    expect(body).toMatch(
      /\| accuracy \| 0\.935 \| 0\.912 \| 🔻 −0\.023 \(−2\.5%\) \| ✅ ≥ 0\.8; ❌ worse by ≤ 0\.01 \|/,
    );
    expect(body).toContain(`[main](https://github.example/o/r/actions/runs/${base.id})`);
    expect(body).toContain("| lr | 0.1 | 0.3 |");
    expect(body).not.toContain("No baseline");
    expect(repo.checkRuns).toHaveLength(1);
    expect(repo.checkRuns[0]).toMatchObject({ name: "kiln / penguins", conclusion: "failure" });
    expect(String((repo.checkRuns[0]?.output as { title?: string } | undefined)?.title)).toContain(
      "vs main run",
    );
  });

  it("prefers the registry's production version as the baseline", async () => {
    const repo = addRepo(env.gh);
    mainRun(repo, { accuracy: 0.5, log_loss: 0.9 });
    const prod = runJson("penguins", { accuracy: 0.9, log_loss: 0.3 });
    const digest = runDigest(JSON.parse(prod));
    repo.addTag(
      "penguins@v3",
      formatVersionTagBody({
        model: "penguins",
        version: 3,
        tag: "penguins@v3",
        uri: "models:/penguins/3",
        created_at: "2024-01-01T00:00:00.000Z",
        run_digest: digest,
      }),
    );
    repo.addTag(
      "penguins#production#1",
      formatAliasTagBody({
        model: "penguins",
        alias: "production",
        version: 3,
        counter: 1,
        tag: "penguins#production#1",
        assigned_at: "2024-01-02T00:00:00.000Z",
      }),
    );
    repo.addRelease("penguins@v3", { "run.json": prod });
    const { pr, payload } = prRun(repo, {
      "kiln-run-penguins": zip({ "run.json": runJson("penguins", { accuracy: 0.91, log_loss: 0.3 }) }),
    });
    await deliver(env.url, SECRET, "workflow_run", payload);
    const body = comment(repo, pr);
    expect(body).toContain("| metric | penguins@v3 | this PR `eeeeeee` |");
    expect(body).toContain("gate ✅ passed");
    expect(body).toContain("penguins@v3** (registry alias production");
  });

  it("tests significance against the registry version's kept per-example results: the same verdict as the gate job", async () => {
    const config = `${CONFIG}      significance: { method: bootstrap, level: 0.95, resamples: 500, seed: 7 }\n`;
    const repo = addRepo(env.gh, "sig", config);
    const ids = Array.from({ length: 60 }, (_, i) => i + 1);
    const labels = ids.map((i) => (i % 3 === 0 ? "b" : "a"));
    // Production is wrong on 20 examples; the candidate fixes 15 of them.
    const csv = (wrong: (i: number) => boolean) =>
      `id,label,prediction\n${ids.map((i, k) => `${i},${labels[k]},${wrong(i) ? (labels[k] === "a" ? "b" : "a") : labels[k]}`).join("\n")}\n`;
    const prodExamples = csv((i) => i <= 20);
    const headExamples = csv((i) => i <= 5);
    const prod = runJson("penguins", { accuracy: 40 / 60, log_loss: 0.3 }, { examples: "predictions.csv" });
    repo.addTag(
      "penguins@v1",
      formatVersionTagBody({
        model: "penguins",
        version: 1,
        tag: "penguins@v1",
        uri: "models:/penguins/1",
        created_at: "2024-01-01T00:00:00.000Z",
        run_digest: runDigest(JSON.parse(prod)),
      }),
    );
    repo.addTag(
      "penguins#production#1",
      formatAliasTagBody({
        model: "penguins",
        alias: "production",
        version: 1,
        counter: 1,
        tag: "penguins#production#1",
        assigned_at: "2024-01-02T00:00:00.000Z",
      }),
    );
    repo.addRelease("penguins@v1", { "run.json": prod, "examples.csv": prodExamples });
    const head = runJson("penguins", { accuracy: 55 / 60, log_loss: 0.3 }, { examples: "predictions.csv" });
    const { pr, payload } = prRun(repo, {
      "kiln-run-penguins": zip({ "run.json": head, "predictions.csv": headExamples }),
    });
    await deliver(env.url, SECRET, "workflow_run", payload);

    // What `kiln gate` computes from the same files, through the same core.
    const checked = checkConfig(config);
    if (!checked.ok || !checked.config.models.penguins) throw new Error("bad config");
    const policy = normalisePolicy("penguins", checked.config.models.penguins);
    const expected = evaluateGate({
      policy,
      candidate: JSON.parse(head),
      baseline: {
        ...NO_BASELINE,
        baseline: { source: "registry" },
        run: JSON.parse(prod),
        label: "penguins@v1",
      },
      candidateExamples: parseExamples(headExamples, "predictions.csv"),
      baselineExamples: parseExamples(prodExamples, "examples.csv"),
      policySource: "test",
      advisory: false,
    }).checks.find((c) => c.rule === "significance" && c.metric === "accuracy");
    expect(expected).toMatchObject({ significant: true, examples: 60 });
    const line = `Significance: ${escapeMarkdown(String(expected?.message), 400)}`;
    const body = comment(repo, pr);
    expect(body).toContain(line);
    expect(body).toContain("a significant improvement");
    expect(body).not.toContain("Significance (skipped): accuracy");
    expect((repo.checkRuns[0]?.output as { summary?: string } | undefined)?.summary).toContain(line);
  });

  it("gates a sweep's published winner only: its variants' runs get no section or check of their own", async () => {
    const repo = addRepo(env.gh, "sweep");
    const { pr, payload } = prRun(repo, {
      "kiln-run-penguins": zip({
        "run.json": runJson("penguins", { accuracy: 0.91, log_loss: 0.3 }, { variant: "a" }),
      }),
      "kiln-run-penguins-a": zip({
        "run.json": runJson("penguins", { accuracy: 0.91, log_loss: 0.3 }, { variant: "a" }),
      }),
      "kiln-run-penguins-b": zip({
        "run.json": runJson("penguins", { accuracy: 0.85, log_loss: 0.4 }, { variant: "b" }),
      }),
    });
    await deliver(env.url, SECRET, "workflow_run", payload);
    expect(repo.checkRuns.map((c) => c.name)).toEqual(["kiln / penguins"]);
    const body = comment(repo, pr);
    expect(body).not.toContain("unusable");
    expect(body).not.toContain("penguins-a");
  });

  it("says when the pull request edits the policy: its own gate was advisory, this verdict counts", async () => {
    const repo = addRepo(env.gh, "policy");
    const loosened = repo.writeFile("feature", ".github/kiln.yml", CONFIG.replace("min: 0.8", "min: 0.1"));
    const run = zip({ "run.json": runJson("penguins", { accuracy: 0.5, log_loss: 0.3 }) });
    const { pr, payload } = prRun(repo, { "kiln-run-penguins": run }, { headSha: loosened });
    await deliver(env.url, SECRET, "workflow_run", payload);
    const body = comment(repo, pr);
    expect(body).toContain("gate ❌ failed");
    expect(body).toContain(
      "This pull request changes .github/kiln.yml: its own gate job used that policy and is advisory; this verdict uses .github/kiln.yml on main, and it is the one that counts.",
    );

    // A pull request that leaves the policy alone gets no such line.
    const same = repo.writeFile("other", "README.md", "hi");
    const second = prRun(repo, { "kiln-run-penguins": run }, { headSha: same });
    await deliver(env.url, SECRET, "workflow_run", second.payload);
    expect(comment(repo, second.pr)).not.toContain("This pull request changes");
  });

  it("no baseline yet: says why, and how one appears", async () => {
    const repo = addRepo(env.gh);
    const { pr, payload } = prRun(repo, {
      "kiln-run-penguins": zip({ "run.json": runJson("penguins", { accuracy: 0.9, log_loss: 0.3 }) }),
    });
    await deliver(env.url, SECRET, "workflow_run", payload);
    const body = comment(repo, pr);
    expect(body).toContain("No baseline yet (registry: no production version of penguins; branch main:");
    expect(body).toContain("`kiln-run-penguins`");
  });

  it("main's runs feed the kiln/history branch; the PR comment charts them", async () => {
    const repo = addRepo(env.gh);
    for (const [i, acc] of [0.91, 0.92, 0.93].entries()) {
      const run = repo.addRun({ head_sha: sha(String(i + 1)), head_branch: "main", event: "push", path: CI });
      repo.addArtifact(
        run.id,
        "kiln-run-penguins",
        zip({ "run.json": runJson("penguins", { accuracy: acc, log_loss: 0.3 }) }),
      );
      const p = workflowRunPayload(repo, run, []);
      await deliver(env.url, SECRET, "workflow_run", p);
      // A redelivery does not chart the run twice.
      if (i === 0) await deliver(env.url, SECRET, "workflow_run", p);
    }
    const lines = (repo.readFile("kiln/history", "history/penguins.jsonl") ?? "").trim().split("\n");
    expect(lines.map((l) => JSON.parse(l).metrics.accuracy)).toEqual([0.91, 0.92, 0.93]);
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ model: "penguins", ref: "main", sha: sha("1") });
    // An orphan branch: it shares no history with main.
    expect(repo.commitAt("kiln/history")?.tree.has(".github/kiln.yml")).toBe(false);

    const { pr, payload } = prRun(repo, {
      "kiln-run-penguins": zip({ "run.json": runJson("penguins", { accuracy: 0.925, log_loss: 0.3 }) }),
    });
    const before = env.gh.calls.length;
    await deliver(env.url, SECRET, "workflow_run", payload);
    const body = comment(repo, pr);
    expect(body).toContain("```mermaid\nxychart-beta");
    expect(body).toMatch(/line \[0\.91, 0\.92, 0\.93, 0\.925\]/);
    // One read of the history for the chart.
    expect(
      env.gh
        .apiCalls(before)
        .filter((c) => c.includes("history%2Fpenguins.jsonl") || c.includes("history/penguins.jsonl")),
    ).toHaveLength(1);
  });

  it("a kiln run without kiln-run-* artifacts says so; another workflow stays quiet when app.workflows names kiln's", async () => {
    const repo = addRepo(env.gh, "r", `${CONFIG}app: { workflows: [kiln-ci.yml] }\n`);
    const failed = prRun(repo, {}, { conclusion: "failure" });
    await deliver(env.url, SECRET, "workflow_run", failed.payload);
    const body = comment(repo, failed.pr);
    expect(body).toContain("uploaded no `kiln-run-*` artifact");
    expect(body).toContain("concluded **failure**");

    const lint = prRun(repo, {}, { pr: failed.pr, path: ".github/workflows/lint.yml" });
    const before = env.gh.calls.length;
    await deliver(env.url, SECRET, "workflow_run", lint.payload);
    expect(env.gh.apiCalls(before).filter((c) => !c.startsWith("GET"))).toEqual([]);

    // The next successful run replaces the notice with the model's section.
    const ok = prRun(
      repo,
      { "kiln-run-penguins": zip({ "run.json": runJson("penguins", { accuracy: 0.9, log_loss: 0.3 }) }) },
      { pr: failed.pr },
    );
    await deliver(env.url, SECRET, "workflow_run", ok.payload);
    const after = comment(repo, failed.pr);
    expect(after).toContain("<!-- kiln:model penguins -->");
    expect(after).not.toContain("uploaded no `kiln-run-*` artifact");
  });

  it("hostile artifacts: names, metrics and params escaped; traversal ignored; a bomb refused with a section", async () => {
    const config = `${CONFIG}  evil:\n    gate: { metrics: { accuracy: { min: 0.5 } } }\n`;
    const repo = addRepo(env.gh, "r", config);
    const hostile = runJson(
      "penguins",
      {
        accuracy: 0.9,
        log_loss: 0.3,
        "<img src=x onerror=alert(1)>": 1,
        "@octo-org/admins ping": 2,
        "a|b\n### pwned": 3,
        "<!-- /kiln:model penguins -->": 4,
      },
      { params: { "</details><script>x</script>": "[click](https://evil.example)", "`` ```": "@everyone" } },
    );
    const bomb = zip({ "run.json": Buffer.alloc(40 * 1024 * 1024, 0x20) });
    const { pr, payload } = prRun(repo, {
      "kiln-run-penguins": zip({ "run.json": hostile, "../../etc/passwd": "x", "/abs/run.json": "y" }),
      "kiln-run-evil": bomb,
      "kiln-run-<b>x</b>": zip({ "run.json": runJson("penguins", { accuracy: 1 }) }),
    });
    await deliver(env.url, SECRET, "workflow_run", payload);
    const body = comment(repo, pr);
    for (const text of [
      body,
      ...repo.checkRuns.map((c) => String((c.output as { summary: string }).summary)),
    ]) {
      expect(text).not.toMatch(/<img|<script|<\/details><script|<b>/);
      expect(text).not.toMatch(/(^|[^\w&#])@(octo-org|everyone)/);
      expect(text).not.toMatch(/^### pwned/m);
      expect(text).not.toMatch(/[^\\]\]\(https:\/\/evil/);
    }
    // The forged end marker did not split the section: exactly one penguins section, then evil's.
    expect(body.match(/<!-- \/kiln:model penguins -->/g)).toHaveLength(1);
    expect(body).toMatch(/kiln:model evil[\s\S]*run\.json unusable/);
    expect(repo.checkRuns.map((c) => c.name).sort()).toEqual(["kiln / evil", "kiln / penguins"]);
  });

  it("a forged or missing signature gets 400 and makes no GitHub call", async () => {
    const repo = addRepo(env.gh);
    const { payload } = prRun(repo, {
      "kiln-run-penguins": zip({ "run.json": runJson("penguins", { accuracy: 0.9 }) }),
    });
    for (const signature of ["forged", "none"] as const) {
      const res = await deliver(env.url, SECRET, "workflow_run", payload, { signature });
      expect(res.status).toBe(400);
      expect(res.text).not.toMatch(/at .*\.js:\d+/);
    }
    expect(env.gh.calls).toEqual([]);
    const metrics = await (await fetch(`${env.url}/metrics`)).text();
    expect(metrics).toContain('kiln_webhook_failures_total{event="workflow_run"} 2');
  });

  it("/kiln diff from a writer refreshes the comment and reacts; readers and bots get nothing", async () => {
    const repo = addRepo(env.gh);
    repo.permissions.set("maintainer", "write");
    repo.permissions.set("drive-by", "read");
    const { pr, run } = prRun(repo, {
      "kiln-run-penguins": zip({ "run.json": runJson("penguins", { accuracy: 0.9, log_loss: 0.3 }) }),
    });
    const ask = (login: string, type = "User", body = "/kiln diff") => {
      const at = new Date().toISOString();
      const user = { login, type: type as "User" | "Bot" };
      if (type === "User")
        repo.comments.push({
          id: 777,
          issue_number: pr,
          body,
          user,
          created_at: at,
          updated_at: at,
          reactions: [],
        });
      const p = example("issue_comment", "created");
      return deliver(env.url, SECRET, "issue_comment", {
        ...retarget(p, { owner: "o", name: "r" }, 42),
        issue: { ...(p.issue as object), number: pr, pull_request: { url: "x" } },
        comment: { ...(p.comment as object), id: 777, body, user: { login, type } },
      });
    };
    const before = env.gh.calls.length;
    await ask("drive-by");
    await ask("renovate[bot]", "Bot");
    await ask("maintainer", "User", "looks good");
    expect(repo.botComments(pr)).toEqual([]);
    expect(
      env.gh.apiCalls(before).filter((c) => !c.startsWith("GET") && !c.includes("access_tokens")),
    ).toEqual([]);

    await ask("maintainer");
    const body = comment(repo, pr);
    expect(body).toContain("<!-- kiln:model penguins -->");
    expect(body).toContain(`actions/runs/${run.id}`);
    expect(repo.reactions.map((r) => r.content)).toEqual(["eyes", "+1"]);
  });

  it("10 simultaneous deliveries of one workflow_run end with exactly one comment", async () => {
    const repo = addRepo(env.gh);
    const { pr, payload } = prRun(repo, {
      "kiln-run-penguins": zip({ "run.json": runJson("penguins", { accuracy: 0.9, log_loss: 0.3 }) }),
    });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => deliver(env.url, SECRET, "workflow_run", payload)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const body = comment(repo, pr);
    expect(body.match(/<!-- kiln:model penguins -->/g)).toHaveLength(1);
  });
});

describe("the deployment protection rule", () => {
  let env: Env;
  let repo: FakeRepo;
  beforeAll(async () => {
    env = await boot();
  });
  afterAll(async () => {
    await env.app.stop();
    await env.gh.stop();
  });

  /** A penguins run and its gate, decided by `config`'s policy on main. */
  function gated(accuracy: number, config = CONFIG, policySource = `main@${sha("a")}`) {
    const runText = runJson("penguins", { accuracy, log_loss: 0.3 });
    const run = JSON.parse(runText);
    const checked = checkConfig(config);
    if (!checked.ok) throw new Error("bad config");
    const entry = checked.config.models.penguins;
    if (!entry) throw new Error("no penguins");
    const gate = evaluateGate({
      policy: normalisePolicy("penguins", entry),
      candidate: run,
      baseline: NO_BASELINE,
      policySource,
      advisory: false,
    });
    return { run, runText, gate };
  }

  /** Registers penguins@v<version> with a gate decided by `config`'s policy on main. */
  function register(
    r: FakeRepo,
    version: number,
    accuracy: number,
    config = CONFIG,
    policySource = `main@${sha("a")}`,
  ) {
    const { run, runText, gate } = gated(accuracy, config, policySource);
    const tag = `penguins@v${version}`;
    r.addTag(
      tag,
      formatVersionTagBody({
        model: "penguins",
        version,
        tag,
        uri: `models:/penguins/${version}`,
        created_at: "2024-01-01T00:00:00.000Z",
        run_digest: runDigest(run),
      }),
    );
    r.addRelease(tag, { "run.json": runText, "gate.json": JSON.stringify(gate) });
    return runDigest(run);
  }

  function protection(r: FakeRepo, deploymentPayload: unknown, runId = 4242) {
    const d = example("deployment", "created");
    return {
      action: "requested",
      environment: "production",
      event: "push",
      deployment_callback_url: `${env.gh.apiUrl}/repos/${r.fullName}/actions/runs/${runId}/deployment_protection_rule`,
      deployment: { ...(d.deployment as object), environment: "production", payload: deploymentPayload },
      repository: {
        ...(d.repository as object),
        name: r.name,
        full_name: r.fullName,
        owner: { login: r.owner },
        default_branch: "main",
      },
      installation: { id: r.installationId },
      sender: d.sender,
    };
  }

  it("approves a version whose gate passed under main's current policy", async () => {
    repo = addRepo(env.gh, "p1");
    const digest = register(repo, 1, 0.95);
    await deliver(
      env.url,
      SECRET,
      "deployment_protection_rule",
      protection(repo, { model: "penguins", version: 1, run: digest }),
    );
    expect(repo.protectionReviews).toEqual([
      expect.objectContaining({ runId: 4242, environment_name: "production", state: "approved" }),
    ]);
    expect(repo.protectionReviews[0]?.comment).toContain("penguins@v1: gate passed");
  });

  it("rejects a failing gate, naming the failing check", async () => {
    repo = addRepo(env.gh, "p2");
    register(repo, 1, 0.5);
    await deliver(
      env.url,
      SECRET,
      "deployment_protection_rule",
      protection(repo, JSON.stringify({ model: "penguins", version: 1 })),
    );
    expect(repo.protectionReviews[0]?.state).toBe("rejected");
    expect(repo.protectionReviews[0]?.comment).toMatch(/the gate failed[\s\S]*accuracy min/);
  });

  it("rejects a gate decided by a policy main no longer has, or off the default branch", async () => {
    repo = addRepo(env.gh, "p3");
    register(repo, 1, 0.95, CONFIG.replace("min: 0.8", "min: 0.7"));
    register(repo, 2, 0.95, CONFIG, `feature@${sha("b")}`);
    await deliver(
      env.url,
      SECRET,
      "deployment_protection_rule",
      protection(repo, { model: "penguins", version: 1 }),
    );
    await deliver(
      env.url,
      SECRET,
      "deployment_protection_rule",
      protection(repo, { model: "penguins", version: 2 }),
    );
    expect(repo.protectionReviews.map((r) => r.state)).toEqual(["rejected", "rejected"]);
    expect(repo.protectionReviews[0]?.comment).toContain("is not main's current policy");
    expect(repo.protectionReviews[1]?.comment).toContain("not the default branch main");
  });

  it("rejects what it cannot verify: no kiln payload, an unknown version, GitHub failing", async () => {
    repo = addRepo(env.gh, "p4");
    register(repo, 1, 0.95);
    await deliver(env.url, SECRET, "deployment_protection_rule", protection(repo, {}));
    await deliver(
      env.url,
      SECRET,
      "deployment_protection_rule",
      protection(repo, { model: "penguins", version: 9 }),
    );
    env.gh.failNext("GET", /\/releases\/tags\//, 500, 10);
    await deliver(
      env.url,
      SECRET,
      "deployment_protection_rule",
      protection(repo, { model: "penguins", version: 1 }),
    );
    expect(repo.protectionReviews.map((r) => r.state)).toEqual(["rejected", "rejected", "rejected"]);
    expect(repo.protectionReviews[0]?.comment).toContain("names no kiln model version");
    expect(repo.protectionReviews[1]?.comment).toContain("penguins@v9 is not in the registry");
    expect(repo.protectionReviews[2]?.comment).toContain("could not verify the gate (GitHub answered 500)");
  });

  it("judges a job's own deployment (no kiln payload) by the run's kiln-gate-* and kiln-run-* artifacts", async () => {
    repo = addRepo(env.gh, "p6");
    const pass = gated(0.95);
    repo.addArtifact(5001, "kiln-run-penguins", zip({ "run.json": pass.runText }));
    repo.addArtifact(5001, "kiln-gate-penguins", zip({ "gate.json": JSON.stringify(pass.gate) }));
    const fail = gated(0.5);
    repo.addArtifact(5002, "kiln-run-penguins", zip({ "run.json": fail.runText }));
    repo.addArtifact(5002, "kiln-gate-penguins", zip({ "gate.json": JSON.stringify(fail.gate) }));
    // A gate.json copied from another run: its run_digest does not match this run's run.json.
    repo.addArtifact(5003, "kiln-run-penguins", zip({ "run.json": fail.runText }));
    repo.addArtifact(5003, "kiln-gate-penguins", zip({ "gate.json": JSON.stringify(pass.gate) }));
    for (const runId of [5001, 5002, 5003])
      await deliver(env.url, SECRET, "deployment_protection_rule", protection(repo, {}, runId));
    expect(repo.protectionReviews.map((r) => [r.runId, r.state])).toEqual([
      [5001, "approved"],
      [5002, "rejected"],
      [5003, "rejected"],
    ]);
    expect(repo.protectionReviews[0]?.comment).toContain("run 5001's penguins: gate passed");
    expect(repo.protectionReviews[1]?.comment).toMatch(/the gate failed[\s\S]*accuracy min/);
    expect(repo.protectionReviews[2]?.comment).toContain("does not match the run");
  });

  it("never posts its token to a callback URL outside this repository", async () => {
    repo = addRepo(env.gh, "p5");
    register(repo, 1, 0.95);
    const p = protection(repo, { model: "penguins", version: 1 });
    p.deployment_callback_url = "http://127.0.0.1:9/steal";
    const before = env.gh.calls.length;
    await deliver(env.url, SECRET, "deployment_protection_rule", p);
    expect(env.gh.calls.length).toBe(before);
  });
});

describe("resilience (throttling and retries on)", () => {
  let env: Env;
  beforeAll(async () => {
    env = await boot({ baseMs: 5 });
  });
  afterAll(async () => {
    await env.app.stop();
    await env.gh.stop();
  });

  it("survives 500/502, a 429 with retry-after and a 403 secondary rate limit", {
    timeout: 30_000,
  }, async () => {
    const repo = addRepo(env.gh);
    const { pr, payload } = prRun(repo, {
      "kiln-run-penguins": zip({ "run.json": runJson("penguins", { accuracy: 0.9, log_loss: 0.3 }) }),
    });
    env.gh.failNext("GET", /\/contents\/\.github/, 502);
    env.gh.failNext("GET", /\/actions\/runs\/\d+\/artifacts$/, 500, 2);
    env.gh.failNext("GET", /\/issues\/\d+\/comments$/, 429, 1, { "retry-after": "1" });
    env.gh.failNext(
      "POST",
      /\/check-runs$/,
      403,
      1,
      { "retry-after": "1" },
      "You have exceeded a secondary rate limit",
    );
    const res = await deliver(env.url, SECRET, "workflow_run", payload);
    expect(res.status).toBe(200);
    expect(comment(repo, pr)).toContain("<!-- kiln:model penguins -->");
    expect(repo.checkRuns).toHaveLength(1);
    const statuses = env.gh.calls.map((c) => c.status);
    for (const s of [502, 500, 429, 403]) expect(statuses).toContain(s);

    const metrics = await (await fetch(`${env.url}/metrics`)).text();
    expect(metrics).toContain('kiln_webhook_deliveries_total{event="workflow_run"} 1');
    expect(metrics).toMatch(/kiln_github_api_calls_total\{status="200"\} \d+/);
    expect(metrics).not.toMatch(/kiln_github_api_calls_total\{status="5\d\d"\}/);
    expect(metrics).toContain('kiln_webhook_duration_seconds_bucket{le="+Inf"} 1');
  });

  it("gives up on a rate limit that asks for too long a wait, without hanging", {
    timeout: 30_000,
  }, async () => {
    const repo = addRepo(env.gh, "r2");
    const { payload } = prRun(repo, {
      "kiln-run-penguins": zip({ "run.json": runJson("penguins", { accuracy: 0.9, log_loss: 0.3 }) }),
    });
    env.gh.failNext(
      "GET",
      /\/contents\/\.github/,
      403,
      5,
      { "retry-after": "3600" },
      "You have exceeded a secondary rate limit",
    );
    const started = Date.now();
    const res = await deliver(env.url, SECRET, "workflow_run", payload);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.text).not.toMatch(/at .*\.js:\d+/);
    expect(env.lines.some((l) => String(l.msg).includes("giving up"))).toBe(true);
  });
});

/**
 * kiln's reusable workflows run end to end by nektos/act on this host, called by the starter
 * workflows exactly as `kiln init` writes them into a copy of examples/penguins. GitHub is the fake
 * (REST + the artifact service); the real app server reads the runs' artifacts from it and writes
 * the PR comment, the check run and the retraining PR. Scenarios run in order and build on each
 * other's state, as a repository's history does: the PR, its merge and deploy, then the schedules.
 */

import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../../app/server.js";
import { readZipEntries } from "../../../app/zip.js";
import { escapeMarkdown } from "../../../core/markdown.js";
import { COMMENT_MARKER } from "../../../core/metrics/comment.js";
import { capturingLogger, example, throwawayKey } from "../../app/support.js";
import { deliver, FakeGitHub, type FakeRepo, type FakeRun } from "../../support/fake-github.js";
import { serveArtifactResults } from "../../support/fake-results-service.js";
import { Act, type ActRun, type CallingRepo, penguinsRepo } from "./harness.js";

const SECRET = "act-e2e-secret";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const INSTALLATION = 42;

let gh: FakeGitHub;
let app: RunningServer;
let appUrl: string;
let appLog: Array<Record<string, unknown>>;
let act: Act;
let repo: CallingRepo;
let fake: FakeRepo;
let token: string;
let health: { server: Server; url: string; hits: number };
const parent = mkdtempSync(join(tmpdir(), "kiln-act-repo-"));

beforeAll(async () => {
  gh = await FakeGitHub.start();
  serveArtifactResults(gh);
  health = await startHealth();
  const { log, lines } = capturingLogger();
  appLog = lines;
  app = await startServer(
    {
      APP_ID: "1",
      PRIVATE_KEY: throwawayKey(),
      WEBHOOK_SECRET: SECRET,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      ...gh.env,
    },
    { log, github: { throttle: false, baseMs: 5 } },
  );
  appUrl = `http://127.0.0.1:${app.port}`;
  act = new Act();
  repo = penguinsRepo(parent, "o/penguins", (config) =>
    config.replaceAll("http://127.0.0.1:8787/health", health.url),
  );
  fake = gh.addRepo({ owner: "o", name: "penguins", installationId: INSTALLATION, files: repo.files() });
  token = gh.issueToken(INSTALLATION);
}, 300_000);

afterAll(async () => {
  act?.close();
  await app?.stop();
  await gh?.stop();
  await new Promise((done) => health?.server.close(done));
  rmSync(parent, { recursive: true, force: true });
});

async function startHealth(): Promise<{ server: Server; url: string; hits: number }> {
  const state = { hits: 0 } as { server: Server; url: string; hits: number };
  state.server = createServer((_req, res) => {
    state.hits += 1;
    res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
  });
  await new Promise<void>((done) => state.server.listen(0, "127.0.0.1", done));
  state.url = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}/health`;
  return state;
}

const repository = () => ({
  ...(example("push").repository as object),
  name: "penguins",
  full_name: "o/penguins",
  owner: { login: "o", name: "o" },
  default_branch: "main",
});

interface Workflow {
  run: FakeRun;
  act: ActRun;
}

/** Runs `.github/workflows/<file>` for `event` as workflow run `run` (seeded first, finished after). */
async function runWorkflow(
  file: string,
  event: "pull_request" | "push" | "schedule",
  payload: Record<string, unknown>,
  opts: { branch?: string; run?: FakeRun; attempt?: number } = {},
): Promise<Workflow> {
  // The push that started the run: the fake knows the commit, as GitHub would.
  fake.adoptCommit(repo.head(), opts.branch ?? "main", repo.files());
  const run =
    opts.run ??
    fake.addRun({
      head_sha: repo.head(),
      head_branch: opts.branch ?? "main",
      event,
      path: `.github/workflows/${file}`,
      status: "in_progress",
      conclusion: null,
    });
  run.status = "in_progress";
  run.conclusion = null;
  const result = await act.run({
    repo,
    gh,
    event,
    payload,
    workflow: file,
    runId: run.id,
    attempt: opts.attempt ?? 1,
    token,
  });
  run.status = "completed";
  run.conclusion = result.code === 0 ? "success" : "failure";
  return { run, act: result };
}

/** Names of the artifacts run `runId` holds, sorted. */
function artifactNames(runId: number): string[] {
  return fake.artifacts
    .filter((a) => a.runId === runId)
    .map((a) => a.name)
    .sort();
}

/** One file from artifact `name` of run `runId`. */
function artifactFile(runId: number, name: string, file: string): string {
  const found = fake.artifacts.filter((a) => a.runId === runId && a.name === name);
  expect(found, `${name} in run ${runId}`).toHaveLength(1);
  const read = readZipEntries(found[0]?.zip ?? Buffer.alloc(0), new Set([file]), { left: 50_000_000 });
  const entry = read.entries.get(file);
  if (!entry) throw new Error(`${name} has no ${file}`);
  return entry.toString("utf8");
}

/** The step lines of job `job` (act prefixes each with `[workflow/job]`). */
function jobLines(result: ActRun, job: string): string[] {
  return result.lines.filter((l) => l.includes(`/${job}`));
}

function workflowRunPayload(run: FakeRun, pulls: number[]) {
  const p = example("workflow_run", "completed");
  return {
    ...p,
    installation: { id: INSTALLATION },
    repository: repository(),
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
      html_url: `https://github.example/o/penguins/actions/runs/${run.id}`,
      pull_requests: pulls.map((number) => ({ number, base: { ref: "main" } })),
      head_repository: {
        ...(p.workflow_run as { head_repository: object }).head_repository,
        full_name: "o/penguins",
      },
    },
  };
}

function pullRequestPayload(number: number, base: string, head: string, branch: string, from = "o/penguins") {
  return {
    action: "synchronize",
    number,
    pull_request: {
      number,
      title: "tune the model",
      base: { ref: "main", sha: base, repo: { full_name: "o/penguins" } },
      head: { ref: branch, sha: head, repo: { full_name: from } },
    },
    repository: repository(),
  };
}

const pushPayload = (before: string, after: string) => ({
  ref: "refs/heads/main",
  before,
  after,
  repository: repository(),
  pusher: { name: "o" },
});

const schedulePayload = (cron: string) => ({ schedule: cron, repository: repository() });

/** A branch off main with `edit` applied and committed; returns base and head commits. */
function branch(name: string, edit: () => void): { base: string; head: string } {
  repo.git("checkout", "--quiet", "main");
  const base = repo.head();
  repo.git("checkout", "--quiet", "-b", name);
  edit();
  return { base, head: repo.commit(name) };
}

describe("kiln's workflows under act", () => {
  let prNumber: number;
  let merged: { base: string; head: string };

  it("pull_request → kiln-ci: changed model validated, trained and gated; the app comments and checks", async () => {
    merged = branch("tune", () => {
      repo.write("params.json", repo.read("params.json").replace("1e-9", "1e-8"));
    });
    prNumber = fake.addPull({ head: { ref: "tune", sha: merged.head } }).number;
    const { run, act: result } = await runWorkflow(
      "kiln-ci.yml",
      "pull_request",
      pullRequestPayload(prNumber, merged.base, merged.head, "tune"),
      { branch: "tune" },
    );
    expect(result.code, result.log).toBe(0);
    expect(result.log).toContain('kiln: models to run: [{"model":"penguins"');
    // The actions ran on the runtime their action.yml declares (node24).
    expect(result.log).toMatch(/kiln \S+ is on PATH \(.*, Node v24\./);
    expect(artifactNames(run.id)).toEqual([
      "kiln-gate-penguins",
      "kiln-run-penguins",
      "kiln-validate-penguins",
    ]);
    const gate = JSON.parse(artifactFile(run.id, "kiln-gate-penguins", "gate.json"));
    expect(gate).toMatchObject({ schema: "kiln.gate/v1", model: "penguins", passed: true });
    const trained = JSON.parse(artifactFile(run.id, "kiln-run-penguins", "run.json"));
    expect(trained.metrics.accuracy).toBeGreaterThan(0.9);
    expect(trained.params).toMatchObject({ var_smoothing: 1e-8 });
    expect(JSON.parse(artifactFile(run.id, "kiln-validate-penguins", "report.json")).passed).toBe(true);

    const res = await deliver(appUrl, SECRET, "workflow_run", workflowRunPayload(run, [prNumber]));
    expect(res.status).toBe(200);
    const comments = fake.botComments(prNumber);
    expect(comments).toHaveLength(1);
    const body = comments[0]?.body ?? "";
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(body).toContain("penguins");
    expect(body).toMatch(/gate ✅ passed/);
    expect(body).toMatch(/^\| metric \|/m);
    expect(body).toMatch(/^\| accuracy \| /m);
    expect(body).toMatch(/^\| log\\_loss\b/m);
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.checkRuns[0]).toMatchObject({
      name: "kiln / penguins",
      head_sha: merged.head,
      conclusion: "success",
    });
  });

  it("push to main → kiln-cd: gated against production, deployed through staging and production", async () => {
    repo.git("checkout", "--quiet", "main");
    repo.git("merge", "--quiet", "--ff-only", "tune");
    const hitsBefore = health.hits;
    const { run, act: result } = await runWorkflow(
      "kiln-cd.yml",
      "push",
      pushPayload(merged.base, merged.head),
    );
    expect(result.code, result.log).toBe(0);
    expect(artifactNames(run.id)).toEqual(["kiln-gate-penguins", "kiln-run-penguins"]);
    const gate = JSON.parse(artifactFile(run.id, "kiln-gate-penguins", "gate.json"));
    expect(gate.passed).toBe(true);
    expect(gate.policy_source).toMatch(/^main@[0-9a-f]{40}$/);
    // Both deploy jobs ran, production in canary steps against the health server.
    expect(jobLines(result, "staging").join("\n")).toMatch(/Job succeeded/);
    expect(jobLines(result, "production").join("\n")).toMatch(/Job succeeded/);
    expect(health.hits - hitsBefore).toBeGreaterThanOrEqual(4);
    // A GitHub Deployment per environment, each ending in success.
    const deployments = fake.deployments.map((d) => [d.environment, d.sha, d.statuses.at(-1)?.state]);
    expect(deployments).toEqual([
      ["staging", merged.head, "success"],
      ["production", merged.head, "success"],
    ]);
    // The registry lives in the fake's tags: v1, and the aliases pointing at it.
    const tags = [...fake.tags.values()].map((t) => t.tag).sort();
    expect(tags).toEqual(expect.arrayContaining(["penguins@v1"]));
    expect(tags.some((t) => t.includes("production"))).toBe(true);
    expect(tags.some((t) => t.includes("staging"))).toBe(true);
    // The version's files as release assets, uploaded through the release's upload_url.
    const release = fake.releases.find((r) => r.tag === "penguins@v1");
    expect(release?.assets.map((a) => a.name)).toEqual(expect.arrayContaining(["run.json", "gate.json"]));
    expect(JSON.parse(release?.assets.find((a) => a.name === "run.json")?.data ?? "{}")).toMatchObject({
      model: "penguins",
      params: { var_smoothing: 1e-8 },
    });
  });

  it("schedule → kiln-ct: skipped while the training data matches production", async () => {
    const { run, act: result } = await runWorkflow("kiln-ct.yml", "schedule", schedulePayload("17 3 * * 1"));
    expect(result.code, result.log).toBe(0);
    expect(result.log).toMatch(/skip/i);
    expect(artifactNames(run.id)).toEqual([]);
  });

  it("schedule → kiln-ct: retrains and gates when the training data changed", async () => {
    const [header, ...rows] = repo.read("data/train.csv").trimEnd().split("\n");
    // The same rows in another order: new data to kiln's fingerprints, the same model to the gate.
    repo.write("data/train.csv", `${[header, ...rows.reverse()].join("\n")}\n`);
    repo.commit("more training data");
    const { run, act: result } = await runWorkflow("kiln-ct.yml", "schedule", schedulePayload("17 3 * * 1"));
    expect(result.code, result.log).toBe(0);
    expect(artifactNames(run.id)).toEqual(["kiln-ct-penguins"]);
    const trained = JSON.parse(artifactFile(run.id, "kiln-ct-penguins", "run.json"));
    expect(trained).toMatchObject({ schema: "kiln.run/v1", model: "penguins" });
    const gate = JSON.parse(artifactFile(run.id, "kiln-ct-penguins", "gate.json"));
    expect(gate).toMatchObject({ schema: "kiln.gate/v1", model: "penguins" });
    expect(gate).toMatchObject({ passed: true });
    expect(gate.baseline).toMatchObject({
      source: "registry",
      model_version: "penguins@v1",
      alias: "production",
    });
    // The retrained model was scored by evaluate:; v1's model files are not in its GitHub release,
    // so its recorded metrics stand in, and the gate says so.
    expect(gate.evaluation.baseline).toMatchObject({ source: "recorded", model_version: "penguins@v1" });
    expect(gate.notes.map((n: { kind: string }) => n.kind)).toContain("baseline-files-missing");
    // Significance against production, from the per-example results the registry keeps with v1.
    const sig = gate.checks.filter((c: { rule: string }) => c.rule === "significance");
    expect(sig.find((c: { metric: string }) => c.metric === "accuracy")).toMatchObject({
      passed: true,
      examples: 69,
    });
    expect(sig.find((c: { metric: string }) => c.metric === "accuracy")?.skipped).toBeUndefined();
  });

  it("schedule → kiln-monitor: healthy on normal serving data", async () => {
    const { run, act: result } = await runWorkflow(
      "kiln-monitor.yml",
      "schedule",
      schedulePayload("41 5 * * *"),
    );
    expect(result.code, result.log).toBe(0);
    const report = JSON.parse(artifactFile(run.id, "kiln-monitor-penguins", "monitor.json"));
    expect(report).toMatchObject({
      schema: "kiln.monitor/v1",
      model: "penguins",
      version: "penguins@v1",
      degraded: false,
    });
  });

  it("schedule → kiln-monitor: degraded on shifted data, and the app opens one retraining PR", async () => {
    const drifted = readdirSync(join(repo.dir, "data", "serving-drifted"));
    for (const file of drifted) {
      repo.write(
        `data/serving/${file}`,
        readFileSync(join(repo.dir, "data", "serving-drifted", file), "utf8"),
      );
    }
    repo.commit("serving data shifted");
    const pullsBefore = fake.pulls.length;
    const { run, act: result } = await runWorkflow(
      "kiln-monitor.yml",
      "schedule",
      schedulePayload("41 5 * * *"),
    );
    expect(result.code).not.toBe(0);
    const report = JSON.parse(artifactFile(run.id, "kiln-monitor-penguins", "monitor.json"));
    expect(report).toMatchObject({ model: "penguins", version: "penguins@v1", degraded: true });
    expect(report.reasons.map((r: { kind: string }) => r.kind)).toContain("drift");

    const res = await deliver(appUrl, SECRET, "workflow_run", workflowRunPayload(run, []));
    expect(res.status).toBe(200);
    const opened = fake.pulls.slice(pullsBefore);
    expect(opened, JSON.stringify(appLog.filter((l) => String(l.msg).startsWith("kiln")))).toHaveLength(1);
    expect(opened[0]).toMatchObject({ state: "open", labels: expect.arrayContaining(["retrain"]) });
    expect(opened[0]?.body).toContain("penguins");
    // The same evidence delivered again updates that PR rather than opening another.
    await deliver(appUrl, SECRET, "workflow_run", workflowRunPayload(run, []));
    expect(fake.pulls.slice(pullsBefore)).toHaveLength(1);
  });

  it("a sweep of two variants trains both and gates the better one", async () => {
    const { base, head } = branch("sweep", () => {
      repo.write("params-a.json", repo.read("params.json"));
      repo.write(
        "params-b.json",
        repo.read("params.json").replace(/"var_smoothing": [^,]+/, '"var_smoothing": 5'),
      );
      repo.write(
        ".github/kiln.yml",
        repo
          .read(".github/kiln.yml")
          .replace(
            "command: python3 train.py --out model/",
            'command: python3 train.py --out model/ --params "params-$KILN_VARIANT.json"',
          )
          .replace("paths: [train.py,", "paths: [params-a.json, params-b.json, train.py,"),
      );
      repo.write(
        ".github/workflows/kiln-ci.yml",
        repo
          .read(".github/workflows/kiln-ci.yml")
          .replace('# sweep-variants: \'["lr-0.01", "lr-0.1"]\'', 'sweep-variants: \'["a", "b"]\'')
          .replace("# sweep-metric: accuracy", "sweep-metric: accuracy"),
      );
    });
    expect(repo.read(".github/workflows/kiln-ci.yml")).toContain('sweep-variants: \'["a", "b"]\'');
    const number = fake.addPull({ head: { ref: "sweep", sha: head } }).number;
    const { run, act: result } = await runWorkflow(
      "kiln-ci.yml",
      "pull_request",
      pullRequestPayload(number, base, head, "sweep"),
      { branch: "sweep" },
    );
    expect(result.code, result.log).toBe(0);
    expect(artifactNames(run.id)).toEqual([
      "kiln-gate-penguins",
      "kiln-run-penguins",
      "kiln-run-penguins-a",
      "kiln-run-penguins-b",
      "kiln-validate-penguins",
    ]);
    const a = JSON.parse(artifactFile(run.id, "kiln-run-penguins-a", "run.json"));
    const b = JSON.parse(artifactFile(run.id, "kiln-run-penguins-b", "run.json"));
    expect(a.metrics.accuracy).toBeGreaterThan(b.metrics.accuracy);
    const winner = JSON.parse(artifactFile(run.id, "kiln-run-penguins", "run.json"));
    expect(winner.variant).toBe("a");
    expect(winner.metrics.accuracy).toBe(a.metrics.accuracy);

    // One verdict everywhere: the gate job's significance against production (penguins@v1, whose
    // per-example results the registry keeps) is the app's, in the comment and the check run.
    const gate = JSON.parse(artifactFile(run.id, "kiln-gate-penguins", "gate.json"));
    expect(gate.baseline).toMatchObject({ source: "registry", model_version: "penguins@v1" });
    const sig = gate.checks.find(
      (c: { rule: string; metric: string }) => c.rule === "significance" && c.metric === "accuracy",
    );
    expect(sig).toMatchObject({ examples: 69, method: "bootstrap" });
    expect(sig.skipped).toBeUndefined();
    expect(typeof sig.p_value).toBe("number");
    const shown = escapeMarkdown(sig.message, 400);
    expect(result.log).toContain(`· ${escapeMarkdown(sig.message)}`); // the gate job's summary
    const res = await deliver(appUrl, SECRET, "workflow_run", workflowRunPayload(run, [number]));
    expect(res.status).toBe(200);
    const comment = fake.botComments(number)[0]?.body ?? "";
    expect(comment).toContain(`Significance: ${shown}`);
    // Only the winner is gated and checked; the variants' own runs are not models.
    const checks = fake.checkRuns.filter((c) => c.head_sha === head);
    expect(checks.map((c) => c.name)).toEqual(["kiln / penguins"]);
    const check = checks[0] as { output?: { summary?: string } };
    expect(check.output?.summary).toContain(`Significance: ${shown}`);
  });

  it("a pull request that edits the test split is gated on the default branch's evaluation data", async () => {
    const mainTest = repo.read("data/test.csv");
    const { base, head } = branch("split", () => {
      // Drop every other test row: an easier split the PR could hope to pass on.
      const [header, ...rows] = mainTest.trimEnd().split("\n");
      repo.write("data/test.csv", `${[header, ...rows.filter((_, i) => i % 2 === 0)].join("\n")}\n`);
      repo.write("params.json", repo.read("params.json").replace(/"alpha": [^,\n}]+/, '"alpha": 0.5'));
    });
    const number = fake.addPull({ head: { ref: "split", sha: head } }).number;
    const { run, act: result } = await runWorkflow(
      "kiln-ci.yml",
      "pull_request",
      pullRequestPayload(number, base, head, "split"),
      { branch: "split" },
    );
    expect(result.code, result.log).toBe(0);
    const gate = JSON.parse(artifactFile(run.id, "kiln-gate-penguins", "gate.json"));
    // Scored on main's data/test.csv (69 rows), not the PR's (35).
    expect(gate.evaluation.data).toEqual({ path: "data/test.csv", sha256: sha256(mainTest), rows: 69 });
    expect(gate.evaluation.data.sha256).not.toBe(sha256(repo.read("data/test.csv")));
    // The candidate's evaluation files travel with gate.json.
    const metrics = JSON.parse(
      artifactFile(run.id, "kiln-gate-penguins", "evaluation/candidate/metrics.json"),
    );
    expect(metrics).toMatchObject(gate.evaluation.candidate.metrics);

    // The app re-gates from the artifact: its significance is the gate job's, on main's 69 rows, not
    // on the 35 rows the PR's own trainer scored.
    const sig = gate.checks.find(
      (c: { rule: string; metric: string }) => c.rule === "significance" && c.metric === "accuracy",
    );
    expect(sig).toMatchObject({ examples: 69 });
    const res = await deliver(appUrl, SECRET, "workflow_run", workflowRunPayload(run, [number]));
    expect(res.status).toBe(200);
    const comment = fake.botComments(number)[0]?.body ?? "";
    expect(comment).toContain(`Significance: ${escapeMarkdown(sig.message, 400)}`);
    expect(comment).toContain(gate.passed ? "gate ✅ passed" : "gate ❌ failed");
    repo.git("checkout", "--quiet", "main");
  });

  it("a fork's pull request with a self-hosted training runner trains nothing", async () => {
    const { base, head } = branch("fork", () => {
      repo.write("params.json", repo.read("params.json").replace("1e-9", "1e-7"));
      repo.write(
        ".github/workflows/kiln-ci.yml",
        repo
          .read(".github/workflows/kiln-ci.yml")
          .replace(`runs-on: '["ubuntu-latest"]'`, `runs-on: '["self-hosted", "linux", "gpu"]'`),
      );
    });
    const number = fake.addPull({
      head: { ref: "fork", sha: head, repo: { full_name: "evil/penguins" } },
    }).number;
    const { run, act: result } = await runWorkflow(
      "kiln-ci.yml",
      "pull_request",
      pullRequestPayload(number, base, head, "fork", "evil/penguins"),
      { branch: "fork" },
    );
    expect(result.code, result.log).toBe(0);
    expect(result.log).toContain("Training is skipped for this pull request from a fork");
    expect(artifactNames(run.id)).toEqual([]);
  });

  it("a pull request touching no model's paths runs nothing", async () => {
    const { base, head } = branch("docs", () =>
      repo.write("README.md", `${repo.read("README.md")}\nMore words.\n`),
    );
    const number = fake.addPull({ head: { ref: "docs", sha: head } }).number;
    const { run, act: result } = await runWorkflow(
      "kiln-ci.yml",
      "pull_request",
      pullRequestPayload(number, base, head, "docs"),
      { branch: "docs" },
    );
    expect(result.code, result.log).toBe(0);
    expect(result.log).toContain("kiln: models to run: []");
    expect(artifactNames(run.id)).toEqual([]);
  });

  it("a re-run attempt replaces its own artifacts and resumes from the failed attempt's checkpoints", async () => {
    const { base, head } = branch("resume", () => {
      // Fails the first time after saving a checkpoint; trains once a checkpoint is there.
      repo.write(
        "resume.sh",
        [
          "#!/bin/sh",
          'if [ ! -f "$KILN_CHECKPOINTS/step.txt" ]; then',
          '  mkdir -p "$KILN_CHECKPOINTS" && echo 1 > "$KILN_CHECKPOINTS/step.txt"',
          '  echo "no checkpoint yet: saved one, stopping"; exit 1',
          "fi",
          'echo "resuming from step $(cat "$KILN_CHECKPOINTS/step.txt")"',
          "exec python3 train.py --out model/",
          "",
        ].join("\n"),
      );
      repo.write(
        ".github/kiln.yml",
        repo
          .read(".github/kiln.yml")
          .replace(
            "command: python3 train.py --out model/",
            "command: sh resume.sh\n      checkpoints: checkpoints/",
          )
          .replace("paths: [train.py,", "paths: [resume.sh, train.py,"),
      );
    });
    const number = fake.addPull({ head: { ref: "resume", sha: head } }).number;
    const payload = pullRequestPayload(number, base, head, "resume");
    const first = await runWorkflow("kiln-ci.yml", "pull_request", payload, { branch: "resume" });
    expect(first.act.code).not.toBe(0);
    expect(first.act.log).toContain("no checkpoint yet");
    const failed = fake.artifacts.find((a) => a.runId === first.run.id && a.name === "kiln-run-penguins");
    expect(failed).toBeDefined();

    const second = await runWorkflow("kiln-ci.yml", "pull_request", payload, { run: first.run, attempt: 2 });
    expect(second.act.code, second.act.log).toBe(0);
    expect(second.act.log).toMatch(/resume: restored 1 checkpoint file/);
    expect(second.act.log).toContain("resuming from step 1");
    const runs = fake.artifacts.filter((a) => a.runId === first.run.id && a.name === "kiln-run-penguins");
    expect(runs).toHaveLength(1);
    expect(runs[0]?.id).not.toBe(failed?.id);
    const trained = JSON.parse(artifactFile(first.run.id, "kiln-run-penguins", "run.json"));
    expect(trained.outcome).toBe("succeeded");
    expect(artifactNames(first.run.id)).toEqual([
      "kiln-gate-penguins",
      "kiln-run-penguins",
      "kiln-validate-penguins",
    ]);
  });
});

/**
 * The app's benchmark: `npx tsx bench/app.ts`. The real server (app/server.ts) against the local fake
 * GitHub (test/support/fake-github.ts), with production settings (retry and throttling on).
 *
 * 1. API calls from one workflow_run delivery to the updated PR comment, steady state (installation
 *    token cached, the PR's comment exists, a base-branch baseline, history for the chart).
 * 2. Handling latency (delivery POST → response, which Probot sends after the handlers finish) of
 *    50 concurrent deliveries, one per repository and installation, at 0 and 50 ms of fake API latency;
 *    with plugin-throttling's write pacing (production) and without it (kiln's own overhead).
 *    BENCH_N changes the 50.
 */
import { generateKeyPairSync } from "node:crypto";
import pino from "pino";
import { startServer } from "../app/server.js";
import { deliver, FakeGitHub, type FakeRepo, zip } from "../test/support/fake-github.js";

const SECRET = "bench-secret";
const CONFIG = `models:
  penguins:
    train: { command: python train.py }
    gate:
      metrics:
        accuracy: { min: 0.8, max-regression: 0.01 }
        log_loss: { max-regression: "20%" }
`;
const CI = ".github/workflows/kiln-ci.yml";
const KEY = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
}).privateKey;

const runJson = (metrics: Record<string, number>) =>
  JSON.stringify({ schema: "kiln.run/v1", model: "penguins", metrics });

function seed(gh: FakeGitHub, name: string, installationId: number) {
  const repo = gh.addRepo({
    owner: "bench",
    name,
    defaultBranch: "main",
    installationId,
    files: { ".github/kiln.yml": CONFIG },
  });
  const base = repo.addRun({ head_sha: "a".repeat(40), head_branch: "main", event: "push", path: CI });
  repo.addArtifact(
    base.id,
    "kiln-run-penguins",
    zip({ "run.json": runJson({ accuracy: 0.93, log_loss: 0.25 }) }),
  );
  const history = [0.91, 0.92, 0.93]
    .map((a, i) =>
      JSON.stringify({
        model: "penguins",
        sha: String(i).repeat(40),
        ref: "main",
        run_id: String(100 + i),
        recorded_at: "2024-01-01T00:00:00.000Z",
        metrics: { accuracy: a },
      }),
    )
    .join("\n");
  repo.writeFile("kiln/history", "history/penguins.jsonl", `${history}\n`);
  const pr = repo.addPull({ head: { ref: "feature", sha: "e".repeat(40) } }).number;
  return { repo, pr };
}

function prDelivery(repo: FakeRepo, pr: number, accuracy: number) {
  const run = repo.addRun({
    head_sha: "e".repeat(40),
    head_branch: "feature",
    event: "pull_request",
    path: CI,
    run_number: 7,
  });
  repo.addArtifact(run.id, "kiln-run-penguins", zip({ "run.json": runJson({ accuracy, log_loss: 0.26 }) }));
  return {
    action: "completed",
    installation: { id: repo.installationId },
    repository: {
      name: repo.name,
      full_name: repo.fullName,
      owner: { login: repo.owner },
      default_branch: "main",
    },
    workflow_run: {
      id: run.id,
      run_number: 7,
      event: "pull_request",
      status: "completed",
      conclusion: "success",
      head_sha: run.head_sha,
      head_branch: "feature",
      path: CI,
      html_url: `https://github.example/${repo.fullName}/actions/runs/${run.id}`,
      pull_requests: [{ number: pr, base: { ref: "main" } }],
    },
  };
}

async function boot(throttle = true) {
  const gh = await FakeGitHub.start();
  const app = await startServer(
    {
      APP_ID: "1",
      PRIVATE_KEY: KEY,
      WEBHOOK_SECRET: SECRET,
      PORT: "0",
      HOST: "127.0.0.1",
      ...gh.env,
    },
    { log: pino({ level: "silent" }), github: { throttle } },
  );
  return { gh, app, url: `http://127.0.0.1:${app.port}` };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

async function apiCalls(): Promise<void> {
  const { gh, app, url } = await boot();
  try {
    const { repo, pr } = seed(gh, "calls", 1);
    // Warm-up: fetches the installation token and creates the comment.
    await deliver(url, SECRET, "workflow_run", prDelivery(repo, pr, 0.92));
    const from = gh.calls.length;
    const t0 = performance.now();
    const res = await deliver(url, SECRET, "workflow_run", prDelivery(repo, pr, 0.925));
    if (res.status !== 200) throw new Error(`delivery answered ${res.status}`);
    console.log(`single delivery: ${(performance.now() - t0).toFixed(0)} ms`);
    const calls = gh.apiCalls(from).filter((c) => !c.startsWith("GET /_blob/"));
    const chart = calls.filter((c) => c.includes("history"));
    console.log("## API calls per workflow_run delivery (steady state, one model)\n");
    for (const c of calls) console.log(`- ${c}${c.includes("history") ? "   (chart)" : ""}`);
    console.log(
      `\ntotal ${calls.length}: ${calls.length - chart.length} for the table and verdict + ${chart.length} for the history chart` +
        ` (plus ${gh.apiCalls(from).length - calls.length} blob download, not an API call)`,
    );
    console.log(`comments on the PR: ${repo.botComments(pr).length}\n`);
  } finally {
    await app.stop();
    await gh.stop();
  }
}

async function latency(n: number, latencyMs: number, throttle = true): Promise<void> {
  const { gh, app, url } = await boot(throttle);
  gh.latencyMs = latencyMs;
  try {
    const seeded = Array.from({ length: n }, (_, i) => seed(gh, `r${i}`, 100 + i));
    // Tokens and comments exist first: the burst measures steady-state handling.
    await Promise.all(
      seeded.map(({ repo, pr }) => deliver(url, SECRET, "workflow_run", prDelivery(repo, pr, 0.9))),
    );
    const payloads = seeded.map(({ repo, pr }) => prDelivery(repo, pr, 0.91));
    const started = performance.now();
    const times = await Promise.all(
      payloads.map(async (p) => {
        const t0 = performance.now();
        const res = await deliver(url, SECRET, "workflow_run", p);
        if (res.status !== 200)
          console.error(`delivery answered ${res.status} after ${(performance.now() - t0).toFixed(0)} ms`);
        return performance.now() - t0;
      }),
    );
    const wall = performance.now() - started;
    const sorted = [...times].sort((a, b) => a - b);
    const comments = seeded.reduce((sum, { repo, pr }) => sum + repo.botComments(pr).length, 0);
    console.log(
      `| ${n} concurrent, fake API latency ${latencyMs} ms${throttle ? "" : ", write pacing off"} | ${pct(sorted, 50).toFixed(0)} ms | ${pct(sorted, 95).toFixed(0)} ms | ${(sorted.at(-1) ?? 0).toFixed(0)} ms | ${wall.toFixed(0)} ms | ${comments}/${n} |`,
    );
  } finally {
    await app.stop();
    await gh.stop();
  }
}

await apiCalls();
console.log("## Handling latency (delivery → response after the comment is written)\n");
const n = Number(process.env.BENCH_N ?? 50);
console.log("| deliveries | median | p95 | max | wall | comments |\n|---|---:|---:|---:|---:|---:|");
await latency(n, 0);
await latency(n, 50);
// plugin-throttling's write pacing (GitHub's advice) dominates the figures above; without it, what
// is left is kiln's own handling and the API round trips.
await latency(n, 0, false);
await latency(n, 50, false);

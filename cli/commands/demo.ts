/**
 * `kiln demo`: the whole loop on examples/penguins with the local ports, no GitHub needed. Each
 * step runs the same `kiln` commands a workflow would (in a copy of the example, so the original
 * stays clean) and prints its result and timing; a step whose issue has not landed is listed as such.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import type { Command } from "commander";
import { checkConfig } from "../../core/config/load.js";
import { verdictLine } from "../../core/data/render.js";
import type { ValidationResult } from "../../core/data/validate.js";
import type { DeployResult } from "../../core/deploy/deploy-model.js";
import { CheckFailed, UsageError } from "../../core/errors.js";
import { parseKilnFile } from "../../core/files.js";
import type { GateResult } from "../../core/gate/gate-result.js";
import { parseRunText, readRunFile } from "../../core/gate/load.js";
import { localPorts } from "../../core/local/index.js";
import { packageRoot } from "../../core/local/package-root.js";
import { formatCount } from "../../core/markdown.js";
import { renderComment } from "../../core/metrics/comment.js";
import { diffRuns } from "../../core/metrics/diff.js";
import { CONFIG_PATH } from "../../core/names.js";
import { openOrUpdateRetrainPr } from "../../core/retrain/open-or-update.js";
import { signalFromMonitor } from "../../core/retrain/signals.js";
import { LOCAL_STATE_DIR } from "../context.js";
import type { CliIo } from "../io.js";
import { readText } from "./config.js";

/** The demo's stand-in for the model service: /health answers 200, or 503 for the next n requests. */
export interface DemoHealth {
  url: string;
  failNext(n: number): void;
  close(): Promise<void>;
}

async function startHealth(): Promise<DemoHealth> {
  let failing = 0;
  const server = createServer((req, res) => {
    const ok = failing === 0;
    if (!ok) failing--;
    res.writeHead(ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify({ ok }));
    void req;
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/health`,
    failNext: (n) => {
      failing = n;
    },
    close: () => new Promise((done) => server.close(() => done())),
  };
}

export interface DemoContext {
  /** Working copy of the example repository (the demo never writes into the original). */
  repo: string;
  /** Where artifacts and reports are collected. */
  out: string;
  health: DemoHealth;
  /** Runs a `kiln` command in the working copy; output is captured, not printed. */
  kiln: (args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;
}

export interface DemoStep {
  name: string;
  /** The issue that builds this step, while it is not built. */
  pending?: number;
  summary: string;
  run?: (ctx: DemoContext) => Promise<string>;
}

const run = promisify(execFile);
const MODEL = "penguins";
const RUN = `${LOCAL_STATE_DIR}/runs/${MODEL}/run.json`;

/** Fails the step with the command's own last error line. */
function expectCode(r: { code: number; stderr: string }, allowed: number[], what: string): void {
  if (!allowed.includes(r.code)) {
    const last = r.stderr.trim().split("\n").pop() ?? "";
    throw new CheckFailed(`${what} exited ${r.code}${last ? `: ${last}` : ""}`);
  }
}

export const DEMO_STEPS: DemoStep[] = [
  {
    name: "config",
    summary: "check .github/kiln.yml",
    run: async (ctx) => {
      const result = checkConfig(await readText(join(ctx.repo, CONFIG_PATH), CONFIG_PATH));
      if (!result.ok) {
        throw new CheckFailed(
          `${CONFIG_PATH}: ${result.problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`).join("; ")}`,
        );
      }
      return `${CONFIG_PATH} valid: ${Object.keys(result.config.models).join(", ")}`;
    },
  },
  {
    name: "production",
    summary: "seed the registry: last quarter's model (without beak length) as penguins@v1, production",
    run: async (ctx) => {
      // An older, weaker model: the same trainer without one feature.
      const params = JSON.parse(await readFile(join(ctx.repo, "params.json"), "utf8")) as {
        numeric_features: string[];
      };
      params.numeric_features = params.numeric_features.filter((f) => f !== "Beak Length (mm)");
      await writeFile(join(ctx.repo, "params-v1.json"), `${JSON.stringify(params, null, 2)}\n`);
      const r = await ctx.kiln([
        "train",
        "--model",
        MODEL,
        "--",
        "python3",
        "train.py",
        "--out",
        "model/",
        "--params",
        "params-v1.json",
      ]);
      expectCode(r, [0], "kiln train (v1)");
      const run = parseKilnFile("run", await readFile(join(ctx.repo, RUN), "utf8"), RUN);
      const profile = await readFile(
        join(ctx.repo, LOCAL_STATE_DIR, "runs", MODEL, "profile.json"),
        "utf8",
      ).catch(() => null);
      const { registry } = localPorts({ root: join(ctx.repo, LOCAL_STATE_DIR) });
      const version = await registry.register(MODEL, {
        run,
        ...(profile ? { profile: JSON.parse(profile) } : {}),
        artifactsDir: join(ctx.repo, "model"),
      });
      await registry.assign(MODEL, "production", version.version, "demo: last quarter's model");
      return `${version.tag} is production (accuracy ${run.metrics.accuracy})`;
    },
  },
  {
    name: "validate",
    summary: "schema, anomalies and drift of the training data against production's",
    run: async (ctx) => {
      const r = await ctx.kiln([
        "validate",
        "--model",
        MODEL,
        "--format",
        "json",
        "--out",
        join(ctx.out, "validate"),
      ]);
      expectCode(r, [0, 1], "kiln validate");
      const report = JSON.parse(r.stdout) as ValidationResult;
      // The step ran either way; the verdict is part of its result.
      const verdict = verdictLine(report).replace(/^(✅|❌) /, "");
      return `${report.passed ? "passed" : "failed"}: ${verdict} — reference: ${report.source.reference ?? "none"}`;
    },
  },
  {
    name: "train",
    summary: "run train.py, capture metrics and lineage → run.json, kiln-run-penguins",
    run: async (ctx) => {
      const r = await ctx.kiln(["train", "--model", MODEL]);
      expectCode(r, [0], "kiln train");
      const run = parseKilnFile("run", await readFile(join(ctx.repo, RUN), "utf8"), RUN);
      const m = run.metrics;
      const files = Object.keys(run.data ?? {}).length;
      return `accuracy ${m.accuracy}, f1_macro ${m.f1_macro}, log_loss ${m.log_loss}; ${Object.keys(run.slices ?? {}).length} slices; ${files} data file${files === 1 ? "" : "s"} fingerprinted`;
    },
  },
  {
    name: "gate",
    summary: "gate the run against the registry's production model",
    run: async (ctx) => {
      const r = await ctx.kiln([
        "gate",
        "--model",
        MODEL,
        "--candidate",
        RUN,
        "--format",
        "json",
        "--out",
        join(ctx.out, "gate"),
      ]);
      expectCode(r, [0, 1], "kiln gate");
      const gate = JSON.parse(r.stdout) as GateResult;
      const failed = gate.checks.filter((c) => !c.passed && !c.skipped);
      const ran = gate.checks.filter((c) => !c.skipped).length;
      const verdict = gate.passed
        ? "passed"
        : `failed (${failed.map((c) => `${c.metric} ${c.rule}`).join(", ")})`;
      return `${verdict}: ${ran} checks against ${gate.baseline.model_version ?? gate.baseline.source}`;
    },
  },
  {
    name: "comment",
    summary: "the PR comment the app would post: the candidate against production, with the gate",
    run: async (ctx) => {
      const ports = localPorts({ root: join(ctx.repo, LOCAL_STATE_DIR) });
      const production = await ports.registry.alias(MODEL, "production");
      const baseText = production && (await ports.registry.readFile(MODEL, production.version, "run.json"));
      if (!production || !baseText) throw new CheckFailed("no production run.json in the registry");
      const base = parseRunText(baseText, `${production.tag} run.json`);
      const head = await readRunFile(join(ctx.repo, RUN), RUN);
      const gatePath = join(ctx.out, "gate", "gate.json");
      const gate = parseKilnFile("gate", await readFile(gatePath, "utf8"), gatePath);
      const directions = Object.fromEntries(
        gate.checks
          .filter((c) => c.direction && !c.rule.startsWith("slice-"))
          .map((c) => [c.metric, c.direction]),
      );
      const diff = diffRuns(base, head, { directions });
      const body = renderComment([
        {
          diff,
          gate,
          history: await ports.history.read(MODEL, 10),
          base: { label: production.tag },
          head: { label: "this PR" },
        },
      ]);
      await writeFile(join(ctx.out, "comment.md"), body);
      return `comment.md: ${diff.changed.metrics} metrics changed against ${production.tag}, gate ${gate.passed ? "passed" : "failed"}, ${formatCount(body.length)} characters`;
    },
  },
  {
    name: "deploy",
    summary:
      "register and deploy through staging and production (canary), then a release whose health check fails",
    run: async (ctx) => {
      const deploy = async (run: string, gate: string, environment: string) => {
        const r = await ctx.kiln([
          "deploy",
          "--model",
          MODEL,
          "--run",
          run,
          "--gate",
          gate,
          "--environment",
          environment,
          "--format",
          "json",
        ]);
        return {
          code: r.code,
          stderr: r.stderr,
          result: r.stdout ? (JSON.parse(r.stdout) as DeployResult) : null,
        };
      };
      const gate = join(ctx.out, "gate", "gate.json");
      for (const environment of ["staging", "production"]) {
        const r = await deploy(RUN, gate, environment);
        expectCode(r, [0], `kiln deploy to ${environment}`);
      }
      const live = await localPorts({ root: join(ctx.repo, LOCAL_STATE_DIR) }).registry.alias(
        MODEL,
        "production",
      );
      // A third model whose service will not come up: the rollout stops and production rolls back.
      const params = JSON.parse(await readFile(join(ctx.repo, "params.json"), "utf8")) as { alpha: number };
      params.alpha = 5;
      await writeFile(join(ctx.repo, "params-v3.json"), `${JSON.stringify(params, null, 2)}\n`);
      const out3 = `${LOCAL_STATE_DIR}/runs/${MODEL}-v3`;
      const train = await ctx.kiln([
        "train",
        "--model",
        MODEL,
        "--out",
        out3,
        "--",
        "python3",
        "train.py",
        "--out",
        "model/",
        "--params",
        "params-v3.json",
      ]);
      expectCode(train, [0], "kiln train (v3)");
      const gated = await ctx.kiln([
        "gate",
        "--model",
        MODEL,
        "--candidate",
        `${out3}/run.json`,
        "--out",
        join(ctx.out, "gate-v3"),
      ]);
      expectCode(gated, [0], "kiln gate (v3)");
      ctx.health.failNext(2); // the first canary step's check and its one retry
      const bad = await deploy(`${out3}/run.json`, join(ctx.out, "gate-v3", "gate.json"), "production");
      expectCode(bad, [1], "kiln deploy (v3, failing health)");
      const failedAt = bad.result?.steps.find((s) => !s.ok)?.traffic_percent;
      return `${live?.tag} live in staging and production (canary 10→50→100); ${bad.result?.version.tag} failed its health check at ${failedAt}% → rolled back to ${bad.result?.previous?.tag}`;
    },
  },
  {
    name: "monitor",
    summary: "production batches against the production model's training profile",
    run: async (ctx) => {
      const healthy = await ctx.kiln([
        "monitor",
        "--model",
        MODEL,
        "--format",
        "json",
        "--out",
        join(ctx.out, "monitor"),
      ]);
      expectCode(healthy, [0], "kiln monitor (normal batch)");
      const drifted = await ctx.kiln([
        "monitor",
        "--model",
        MODEL,
        "--data",
        "data/serving-drifted/batch-0001.jsonl",
        "--format",
        "json",
        "--out",
        join(ctx.out, "monitor-drifted"),
      ]);
      expectCode(drifted, [1], "kiln monitor (shifted batch)");
      const m = parseKilnFile("monitor", drifted.stdout, "monitor.json");
      const columns = m.reasons.filter((r) => r.kind === "drift" && r.column).map((r) => r.column);
      return `the normal batch is healthy; the shifted batch is degraded against ${m.version}: ${columns.join(", ")} drifted`;
    },
  },
  {
    name: "retrain",
    summary: "the retraining PR the app would open for the degraded model",
    run: async (ctx) => {
      const file = join(ctx.out, "monitor-drifted", "monitor.json");
      const monitor = parseKilnFile("monitor", await readFile(file, "utf8"), file);
      const ports = localPorts({ root: join(ctx.repo, LOCAL_STATE_DIR) });
      const signal = signalFromMonitor(monitor, { now: ports.clock.now() });
      if (!signal) throw new CheckFailed(`${file}: production is not degraded; nothing to retrain`);
      const r = await openOrUpdateRetrainPr(ports, { signal });
      // The same signal again (a redelivered webhook) changes nothing.
      const again = await openOrUpdateRetrainPr(ports, { signal });
      return `${r.outcome} #${r.pr} "${r.title}" on ${r.branch} with .kiln/retrain/${r.model}.json; the same signal again: ${again.outcome}`;
    },
  },
];

export function registerDemo(
  program: Command,
  io: CliIo,
  exit: (code: number) => void,
  run: (argv: string[], io: CliIo) => Promise<number>,
): void {
  program
    .command("demo")
    .description("run the whole loop on the bundled example, locally, step by step")
    .option("--out <dir>", "folder for the demo's working copy, reports and local registry", "demo-out")
    .option("--example <dir>", "example repository", join(packageRoot(), "examples", "penguins"))
    .action(async (opts: { out: string; example: string }) => {
      const out = resolve(io.cwd, opts.out);
      const example = resolve(io.cwd, opts.example);
      if (!existsSync(join(example, CONFIG_PATH))) {
        throw new UsageError(`${opts.example} has no ${CONFIG_PATH}`, {
          hint: "Point --example at a repository that uses kiln",
        });
      }
      if (`${out}/`.startsWith(`${example}/`)) {
        throw new UsageError(`--out ${opts.out} is inside the example ${opts.example}`, {
          hint: "Choose a folder outside it",
        });
      }
      const repo = join(out, "repo");
      await rm(out, { recursive: true, force: true });
      await mkdir(out, { recursive: true });
      // The working copy leaves out what a previous local run left in the example.
      await cp(example, repo, {
        recursive: true,
        filter: (src) =>
          !/[/\\](\.kiln|model|__pycache__)$/.test(src) &&
          !/[/\\](metrics\.json|predictions\.csv)$/.test(src),
      });
      // The demo's service answers on a free port; the working copy becomes a git repository with the
      // config committed on main, so its gate policy counts (as the default branch's would).
      const health = await startHealth();
      const configFile = join(repo, CONFIG_PATH);
      const config = await readFile(configFile, "utf8");
      await writeFile(configFile, config.replaceAll("http://127.0.0.1:8787/health", health.url));
      await commitAll(repo, io.env);
      const ctx: DemoContext = {
        repo,
        out,
        health,
        kiln: async (args) => {
          let stdout = "";
          let stderr = "";
          const code = await run(args, {
            stdout: (t) => {
              stdout += t;
            },
            stderr: (t) => {
              stderr += t;
            },
            env: io.env,
            cwd: repo,
          });
          return { code, stdout, stderr };
        },
      };
      const shown = relative(io.cwd, out) || ".";
      io.stdout(`kiln demo — the loop on ${relative(io.cwd, example) || "."}, artifacts in ${shown}/\n`);

      let ran = 0;
      let failed = 0;
      const started = performance.now();
      const width = Math.max(...DEMO_STEPS.map((s) => s.name.length));
      for (const [i, step] of DEMO_STEPS.entries()) {
        const label = `${String(i + 1).padStart(2)}. ${step.name.padEnd(width)}`;
        if (!step.run) {
          io.stdout(`${label}  ⏳ not built yet (issue #${step.pending}): ${step.summary}\n`);
          continue;
        }
        const stepStart = performance.now();
        try {
          const result = await step.run(ctx);
          ran++;
          io.stdout(`${label}  ✅ ${result}  (${formatMs(performance.now() - stepStart)})\n`);
        } catch (err) {
          failed++;
          io.stdout(`${label}  ❌ ${(err as Error).message}  (${formatMs(performance.now() - stepStart)})\n`);
          break;
        }
      }
      await health.close();
      const pending = DEMO_STEPS.filter((s) => !s.run).length;
      io.stdout(
        `${failed ? "❌ failed" : "✅ done"}: ${ran} step${ran === 1 ? "" : "s"} ran in ${formatMs(performance.now() - started)}, ${pending} not built yet; artifacts in ${shown}/\n`,
      );
      exit(failed ? 1 : 0);
    });
}

async function commitAll(repo: string, env: CliIo["env"]): Promise<void> {
  const git = (...args: string[]) =>
    run("git", ["-c", "user.name=kiln demo", "-c", "user.email=demo@kiln.invalid", ...args], {
      cwd: repo,
      env: { ...env, LC_ALL: "C" },
    });
  try {
    await git("init", "-q", "-b", "main");
    await git("add", "-A");
    await git("commit", "-q", "-m", "penguins: the example repository");
  } catch (err) {
    throw new UsageError(
      `the demo needs git to make its working copy a repository (${(err as Error).message.split("\n")[0]})`,
    );
  }
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The demo's steps: each runs the same `kiln` commands a workflow would, in the working copy, and
 * returns one line of result; a thrown error fails the step with its message.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { checkConfig } from "../../core/config/load.js";
import { verdictLine } from "../../core/data/render.js";
import type { ValidationResult } from "../../core/data/validate.js";
import type { DeployResult } from "../../core/deploy/deploy-model.js";
import { CheckFailed } from "../../core/errors.js";
import { parseKilnFile } from "../../core/files.js";
import type { GateResult } from "../../core/gate/gate-result.js";
import { parseRunText, readRunFile } from "../../core/gate/load.js";
import { localPorts } from "../../core/local/index.js";
import { formatCount } from "../../core/markdown.js";
import { renderComment } from "../../core/metrics/comment.js";
import { diffRuns } from "../../core/metrics/diff.js";
import { gateDirections } from "../../core/metrics/direction.js";
import { CONFIG_PATH } from "../../core/names.js";
import { readExamplesBeside } from "../../core/registry/examples-file.js";
import { openOrUpdateRetrainPr } from "../../core/retrain/open-or-update.js";
import { signalFromMonitor } from "../../core/retrain/signals.js";
import { readText } from "../commands/config.js";
import { LOCAL_STATE_DIR } from "../context.js";

import type { DemoHealth } from "./health.js";

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
  summary: string;
  run: (ctx: DemoContext) => Promise<string>;
}

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
      const examples = await readExamplesBeside(run, join(ctx.repo, RUN));
      const version = await registry.register(MODEL, {
        run,
        ...(examples === null ? {} : { examples }),
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
      const diff = diffRuns(base, head, { directions: gateDirections(gate.checks) });
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

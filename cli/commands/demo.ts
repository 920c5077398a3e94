/**
 * `kiln demo`: the whole loop on examples/penguins with the local ports, no GitHub needed. Each
 * step prints its result and timing; a step whose issue has not landed is listed as such.
 */
import { existsSync } from "node:fs";
import { cp, mkdir, rm } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { checkConfig } from "../../core/config/load.js";
import { CheckFailed, UsageError } from "../../core/errors.js";
import { packageRoot } from "../../core/local/package-root.js";
import { CONFIG_PATH } from "../../core/names.js";
import type { CliIo } from "../io.js";
import { readText } from "./config.js";

export interface DemoContext {
  /** Working copy of the example repository (the demo never writes into the original). */
  repo: string;
  /** Where artifacts and local ports live. */
  out: string;
}

export interface DemoStep {
  name: string;
  /** The issue that builds this step, while it is not built. */
  pending?: number;
  summary: string;
  run?: (ctx: DemoContext) => Promise<string>;
}

export const DEMO_STEPS: DemoStep[] = [
  {
    name: "config",
    summary: "check .github/kiln.yml",
    run: async (ctx) => {
      const result = checkConfig(await readText(join(ctx.repo, CONFIG_PATH), CONFIG_PATH));
      if (!result.ok)
        throw new CheckFailed(
          `${CONFIG_PATH}: ${result.problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`).join("; ")}`,
        );
      const models = Object.keys(result.config.models);
      return `${CONFIG_PATH} valid: ${models.join(", ")}`;
    },
  },
  { name: "validate", pending: 3, summary: "schema, anomalies and drift of the training data" },
  { name: "train", pending: 4, summary: "run train.py, capture metrics, lineage → run.json" },
  { name: "gate", pending: 5, summary: "gate the run against the registry's production model" },
  { name: "comment", pending: 7, summary: "the PR comment the app would post" },
  { name: "deploy", pending: 6, summary: "register, deploy with a health check, forced rollback" },
  { name: "monitor", pending: 8, summary: "a drifted production batch against the production profile" },
  { name: "retrain", pending: 8, summary: "the retraining PR the app would open" },
];

export function registerDemo(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command("demo")
    .description("run the whole loop on the bundled example, locally, step by step")
    .option("--out <dir>", "folder for the demo's artifacts and local registry", "demo-out")
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
      const ctx: DemoContext = { out, repo: join(out, "repo") };
      await rm(out, { recursive: true, force: true });
      await mkdir(out, { recursive: true });
      await cp(example, ctx.repo, { recursive: true });
      const shown = relative(io.cwd, out) || ".";
      io.stdout(`kiln demo — the loop on ${relative(io.cwd, example) || "."}, artifacts in ${shown}/\n`);

      let ran = 0;
      let failed = 0;
      const width = Math.max(...DEMO_STEPS.map((s) => s.name.length));
      for (const [i, step] of DEMO_STEPS.entries()) {
        const label = `${String(i + 1).padStart(2)}. ${step.name.padEnd(width)}`;
        if (!step.run) {
          io.stdout(`${label}  ⏳ not built yet (issue #${step.pending}): ${step.summary}\n`);
          continue;
        }
        const started = performance.now();
        try {
          const result = await step.run(ctx);
          ran++;
          io.stdout(`${label}  ✅ ${result}  (${formatMs(performance.now() - started)})\n`);
        } catch (err) {
          failed++;
          io.stdout(`${label}  ❌ ${(err as Error).message}  (${formatMs(performance.now() - started)})\n`);
          break;
        }
      }
      const pending = DEMO_STEPS.filter((s) => !s.run).length;
      io.stdout(
        `${failed ? "❌ failed" : "✅ done"}: ${ran} step${ran === 1 ? "" : "s"} ran, ${pending} not built yet; artifacts in ${shown}/\n`,
      );
      exit(failed ? 1 : 0);
    });
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

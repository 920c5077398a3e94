/**
 * `kiln ct --model NAME`: one scheduled continuous-training pass. Skips (exit 0) when the training
 * data's fingerprints match the production version's run; else trains and gates against production
 * into `.kiln/ct/<model>/` (run.json, gate.json). Exit 0 skipped or gate passed, 1 training or the
 * gate failed, 2 unusable input.
 */
import { relative, resolve } from "node:path";
import type { Command } from "commander";
import { CONFIG_PATH } from "../../core/names.js";
import { continuousTraining } from "../../core/retrain/ct.js";
import { ciFromEnv, runnerFromEnv } from "../../core/train/environment.js";
import { policyOrigin } from "../../runtime/git.js";
import { cliPorts, loadConfig } from "../context.js";
import type { CliIo } from "../io.js";
import { REGISTRY_OPTION, registryOf } from "../registry-choice.js";

interface CtFlags {
  model: string;
  config: string;
  registry?: string;
  out?: string;
}

export function registerCt(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command("ct")
    .description("scheduled continuous training: retrain and gate when the training data changed")
    .requiredOption("--model <name>", "model name from the config")
    .option("--config <file>", "kiln config", CONFIG_PATH)
    .option(...REGISTRY_OPTION)
    .option("--out <dir>", "folder for run.json and gate.json (default: .kiln/ct/<model>)")
    .addHelpText(
      "after",
      "\nExit codes: 0 skipped (data unchanged) or the gate passed · 1 training or the gate failed · 2 unusable input.",
    )
    .action(async (flags: CtFlags) => {
      const config = await loadConfig(io, flags.config);
      const origin = await policyOrigin(resolve(io.cwd, flags.config), io.env);
      const ci = ciFromEnv(io.env);
      const result = await continuousTraining(
        {
          model: flags.model,
          config,
          configFile: flags.config,
          cwd: io.cwd,
          ...(flags.out ? { outDir: flags.out } : {}),
          registry: await registryOf(io, flags.registry),
          policySource: origin.source,
          advisory: !origin.committed,
          train: { env: io.env, runner: runnerFromEnv(io.env), ...(ci ? { ci } : {}) },
        },
        {
          // Its own local run, so a scheduled pass never replaces the artifacts of `kiln train`.
          store: cliPorts(io, "ct").artifacts,
          onLine: (_stream, line) => io.stderr(`${line}\n`),
          onNote: (message, level) =>
            io.stderr(`kiln: ${level === "warning" ? "warning: " : ""}${message}\n`),
        },
      );
      io.stdout(`${result.status === "skipped" ? "⏭️ skipped" : "🔁 retrained"}: ${result.message}\n`);
      if (result.status === "skipped") return exit(0);
      if (result.gatePath) io.stdout(`   gate.json: ${relative(io.cwd, result.gatePath)}\n`);
      exit(result.train.outcome === "succeeded" && result.gate?.passed ? 0 : 1);
    });
}

/**
 * `kiln train --model NAME [--config FILE] [--out DIR] [--gpus N] [--variant V] [-- COMMAND…]`: the
 * train action's twin. The trainer's output streams through; SIGINT/SIGTERM to kiln stop it (once:
 * SIGTERM and the grace period; twice: SIGKILL). Exit 0 when the run succeeded, 1 otherwise.
 */
import { join, relative } from "node:path";
import type { Command } from "commander";
import { parseDuration } from "../../core/config/units.js";
import { UsageError } from "../../core/errors.js";
import { CONFIG_PATH } from "../../core/names.js";
import { Cancellation } from "../../core/process/cancellation.js";
import { ciFromEnv, runnerFromEnv } from "../../core/train/environment.js";
import { OUTCOME_ICON } from "../../core/train/summary.js";
import { DEFAULT_TELEMETRY_INTERVAL_MS, train } from "../../core/train/train.js";
import { cliPorts, LOCAL_STATE_DIR, loadModel } from "../context.js";
import type { CliIo } from "../io.js";

interface TrainFlags {
  model: string;
  config: string;
  out?: string;
  gpus?: string;
  variant?: string;
  gracePeriod: string;
}

export function registerTrain(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command("train")
    .description("run the trainer with logs, timeout, GPU preflight and telemetry → run.json")
    .argument(
      "[command...]",
      "training command after `--`, run as given without a shell (default: train.command)",
    )
    .requiredOption("--model <name>", "model name from the config")
    .option("--config <file>", "kiln config", CONFIG_PATH)
    .option("--out <dir>", "output folder (default: .kiln/runs/<model>[-<variant>])")
    .option("--gpus <n>", "GPUs to require (default: train.gpus)")
    .option("--variant <name>", "sweep variant: uploads kiln-run-<model>-<variant>")
    .option("--grace-period <duration>", "time between SIGTERM and SIGKILL when stopping the trainer", "10s")
    .addHelpText(
      "after",
      "\nExamples:\n  kiln train --model penguins\n  kiln train --model penguins --variant small -- python3 train.py --out model/\n" +
        "\nEnvironment: KILN_TELEMETRY_INTERVAL (GPU sampling, default 5s), KILN_RUNNER_LABELS (recorded labels).",
    )
    .action(async (words: string[], flags: TrainFlags, cmd: Command) => {
      // Without `--`, the trainer's own flags (--out) would be taken as kiln's.
      const raw = (cmd.parent as (Command & { rawArgs?: string[] }) | null)?.rawArgs ?? [];
      if (words.length > 0 && !raw.includes("--")) {
        throw new UsageError(`unexpected argument ${JSON.stringify(words[0])}`, {
          hint: `Put the training command after \`--\`: kiln train --model ${flags.model} -- ${words.join(" ")}`,
        });
      }
      const gpus = flags.gpus === undefined ? undefined : parseCount(flags.gpus);
      const graceMs = parseDuration(flags.gracePeriod, "--grace-period") * 1000;
      const interval = io.env.KILN_TELEMETRY_INTERVAL;
      const telemetryIntervalMs = interval
        ? parseDuration(interval, "KILN_TELEMETRY_INTERVAL") * 1000
        : DEFAULT_TELEMETRY_INTERVAL_MS;
      const model = await loadModel(io, flags.model, flags.config);
      const out =
        flags.out ?? `${LOCAL_STATE_DIR}/runs/${flags.model}${flags.variant ? `-${flags.variant}` : ""}`;

      const cancellation = new Cancellation();
      const onSignal = (signal: NodeJS.Signals) => {
        io.stderr(
          cancellation.requested
            ? `kiln: ${signal} again: killing the trainer now\n`
            : `kiln: ${signal}: stopping the trainer (${signal} again kills it at once)\n`,
        );
        cancellation.cancel(`${signal} to kiln`);
      };
      const store = cliPorts(io).artifacts;
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
      try {
        const result = await train(
          {
            model: flags.model,
            config: model,
            configFile: flags.config,
            cwd: io.cwd,
            outDir: out,
            ...(words.length ? { command: words } : {}),
            ...(gpus === undefined ? {} : { gpus }),
            ...(flags.variant ? { variant: flags.variant } : {}),
            graceMs,
            telemetryIntervalMs,
            env: io.env,
            runner: runnerFromEnv(io.env),
            ...ciOf(io),
            resume: true,
          },
          {
            store,
            cancellation,
            onLine: (stream, line) => (stream === "stdout" ? io.stdout : io.stderr)(`${line}\n`),
            onNote: (message, level) =>
              io.stderr(`kiln: ${level === "warning" ? "warning: " : ""}${message}\n`),
          },
        );
        const shown = relative(io.cwd, result.runPath) || result.runPath;
        const metrics = Object.entries(result.run.metrics)
          .slice(0, 6)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ");
        io.stdout(
          `${OUTCOME_ICON[result.outcome]} ${flags.model}${flags.variant ? ` (${flags.variant})` : ""}: ${result.outcome} in ${result.run.duration_s} s` +
            `${result.failure ? ` — ${result.failure}` : metrics ? ` — ${metrics}` : ""}\n` +
            `   run.json: ${shown}; summary: ${relative(io.cwd, result.summaryPath) || result.summaryPath}; artifact: ${relative(io.cwd, join(store.root, store.runId, result.artifact.name))}/\n`,
        );
        exit(result.outcome === "succeeded" ? 0 : 1);
      } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
    });
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) {
    throw new UsageError(`--gpus ${JSON.stringify(value)} is not a whole number`, {
      hint: "Use e.g. --gpus 1",
    });
  }
  return Number(value);
}

/** When the CLI runs inside Actions (setup-kiln), the run and the commit it built are recorded too. */
function ciOf(io: CliIo) {
  const ci = ciFromEnv(io.env);
  const fallback = {
    ...(io.env.GITHUB_SHA ? { sha: io.env.GITHUB_SHA } : {}),
    ...(io.env.GITHUB_REF ? { ref: io.env.GITHUB_REF } : {}),
  };
  return { ...(ci ? { ci } : {}), ...(Object.keys(fallback).length ? { codeFallback: fallback } : {}) };
}

/**
 * `kiln evaluate --model M --model-dir DIR [--data PATH] [--out DIR] [--config FILE] [--format
 * text|json]`: scores one model's files on one dataset with the config's `evaluate:` command. The
 * command's output streams through (to stderr with `--format json`, so stdout is the JSON alone);
 * SIGINT/SIGTERM to kiln stop it (once: SIGTERM and the grace period; twice: SIGKILL). Exit 0 when
 * it wrote its metrics, 1 when the command failed, 2 on unusable input.
 */
import { relative, resolve } from "node:path";
import type { Command } from "commander";
import { UsageError } from "../../core/errors.js";
import { runEvaluation } from "../../core/evaluate/run-evaluation.js";
import { CONFIG_PATH } from "../../core/names.js";
import { Cancellation } from "../../core/process/cancellation.js";
import { LOCAL_STATE_DIR, loadModel } from "../context.js";
import type { CliIo } from "../io.js";

interface EvaluateFlags {
  model: string;
  modelDir: string;
  data?: string;
  out?: string;
  config: string;
  format: string;
}

export function registerEvaluate(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command("evaluate")
    .description("score one model's files on one dataset with the config's evaluate: command")
    .requiredOption("--model <name>", "model name from the config")
    .requiredOption("--model-dir <dir>", "the model's files, as the trainer saved them (KILN_MODEL_DIR)")
    .option("--data <path>", "evaluation data: a file, a folder or a glob (default: evaluate.data)")
    .option("--out <dir>", "output folder, emptied first (default: .kiln/evaluate/<model>)")
    .option("--config <file>", "kiln config", CONFIG_PATH)
    .option("--format <format>", "text or json", "text")
    .addHelpText(
      "after",
      "\nExamples:\n  kiln evaluate --model penguins --model-dir model/\n  kiln evaluate --model penguins --model-dir model/ --data 'data/batches/*.csv' --format json\n" +
        "\nThe command gets KILN_MODEL, KILN_MODEL_DIR, KILN_EVAL_DATA, KILN_OUTPUT_DIR, KILN_METRICS_FILE and\nKILN_EXAMPLES_FILE (docs/configuration.md).\n" +
        "\nExit codes: 0 scored · 1 the command failed or wrote no usable metrics · 2 unusable input.",
    )
    .action(async (flags: EvaluateFlags) => {
      if (flags.format !== "text" && flags.format !== "json") {
        throw new UsageError(`--format ${JSON.stringify(flags.format)} is not supported`, {
          hint: "Use text or json",
        });
      }
      const json = flags.format === "json";
      const model = await loadModel(io, flags.model, flags.config);
      const out = flags.out ?? `${LOCAL_STATE_DIR}/evaluate/${flags.model}`;
      const shown = (abs: string) => relative(io.cwd, abs) || abs;

      const cancellation = new Cancellation();
      const onSignal = (signal: NodeJS.Signals) => {
        io.stderr(
          cancellation.requested
            ? `kiln: ${signal} again: killing the evaluate command now\n`
            : `kiln: ${signal}: stopping the evaluate command (${signal} again kills it at once)\n`,
        );
        cancellation.cancel(`${signal} to kiln`);
      };
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
      try {
        const evaluation = await runEvaluation(
          {
            model: flags.model,
            config: model,
            configFile: flags.config,
            cwd: io.cwd,
            modelDir: resolve(io.cwd, flags.modelDir),
            ...(flags.data === undefined ? {} : { data: flags.data }),
            outDir: resolve(io.cwd, out),
            env: io.env,
          },
          {
            cancellation,
            onLine: (stream, line) => (stream === "stdout" && !json ? io.stdout : io.stderr)(`${line}\n`),
            onNote: (message) => io.stderr(`kiln: ${message}\n`),
          },
        );
        if (json) {
          io.stdout(
            `${JSON.stringify(
              {
                model: flags.model,
                outcome: evaluation.outcome,
                metrics: evaluation.metrics,
                ...(evaluation.slices ? { slices: evaluation.slices } : {}),
                metrics_file: shown(evaluation.metricsFile),
                examples_file: evaluation.examplesFile === null ? null : shown(evaluation.examplesFile),
                examples_sha256: evaluation.examplesSha256,
                data: evaluation.data,
                code_digest: evaluation.codeDigest,
              },
              null,
              2,
            )}\n`,
          );
        } else {
          const metrics = Object.entries(evaluation.metrics)
            .slice(0, 6)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ");
          io.stdout(
            `✅ ${flags.model} on ${evaluation.data.path}: ${metrics || "no metrics"} — metrics: ${shown(evaluation.metricsFile)}` +
              `${evaluation.examplesFile ? `; examples: ${shown(evaluation.examplesFile)}` : ""}\n`,
          );
        }
        exit(0);
      } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
    });
}

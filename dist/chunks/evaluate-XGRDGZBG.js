import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  LOCAL_STATE_DIR,
  loadModel
} from "./chunk-NZAG6UXI.js";
import "./chunk-ZT7VK6M5.js";
import {
  Cancellation
} from "./chunk-JX3PIHCD.js";
import {
  runEvaluation
} from "./chunk-MXYUKDIR.js";
import "./chunk-53VAPMD5.js";
import "./chunk-O7IIMTF5.js";
import "./chunk-B3UVWUUN.js";
import "./chunk-43UFDDWR.js";
import "./chunk-XGQSOL3A.js";
import "./chunk-SZ5YRKPB.js";
import "./chunk-XNJST4A5.js";
import "./chunk-AMMCM42C.js";
import "./chunk-6CJMZFBY.js";
import "./chunk-VSCAHCCS.js";
import "./chunk-TEGK7FMR.js";
import "./chunk-5BOIGAPZ.js";
import "./chunk-KP4FZ7NM.js";
import "./chunk-R7O7G7J3.js";
import "./chunk-PGCZXT7T.js";
import "./chunk-DWBXFSL2.js";
import {
  CONFIG_PATH
} from "./chunk-CG4E3PCN.js";
import "./chunk-EQVTLXOE.js";
import "./chunk-3EHQAXI5.js";
import "./chunk-GG6ZXDCZ.js";
import "./chunk-SG4ICILI.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";
import "./chunk-UBBLWZDB.js";

// cli/commands/evaluate.ts
import { relative, resolve } from "node:path";
function registerEvaluate(program, io, exit) {
  program.command("evaluate").description("score one model's files on one dataset with the config's evaluate: command").requiredOption("--model <name>", "model name from the config").requiredOption("--model-dir <dir>", "the model's files, as the trainer saved them (KILN_MODEL_DIR)").option("--data <path>", "evaluation data: a file, a folder or a glob (default: evaluate.data)").option("--out <dir>", "output folder, emptied first (default: .kiln/evaluate/<model>)").option("--config <file>", "kiln config", CONFIG_PATH).option("--format <format>", "text or json", "text").addHelpText(
    "after",
    "\nExamples:\n  kiln evaluate --model penguins --model-dir model/\n  kiln evaluate --model penguins --model-dir model/ --data 'data/batches/*.csv' --format json\n\nThe command gets KILN_MODEL, KILN_MODEL_DIR, KILN_EVAL_DATA, KILN_OUTPUT_DIR, KILN_METRICS_FILE and\nKILN_EXAMPLES_FILE (docs/configuration.md).\n\nExit codes: 0 scored · 1 the command failed or wrote no usable metrics · 2 unusable input."
  ).action(async (flags) => {
    if (flags.format !== "text" && flags.format !== "json") {
      throw new UsageError(`--format ${JSON.stringify(flags.format)} is not supported`, {
        hint: "Use text or json"
      });
    }
    const json = flags.format === "json";
    const model = await loadModel(io, flags.model, flags.config);
    const out = flags.out ?? `${LOCAL_STATE_DIR}/evaluate/${flags.model}`;
    const shown = (abs) => relative(io.cwd, abs) || abs;
    const cancellation = new Cancellation();
    const onSignal = (signal) => {
      io.stderr(
        cancellation.requested ? `kiln: ${signal} again: killing the evaluate command now
` : `kiln: ${signal}: stopping the evaluate command (${signal} again kills it at once)
`
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
          ...flags.data === void 0 ? {} : { data: flags.data },
          outDir: resolve(io.cwd, out),
          env: io.env
        },
        {
          cancellation,
          onLine: (stream, line) => (stream === "stdout" && !json ? io.stdout : io.stderr)(`${line}
`),
          onNote: (message) => io.stderr(`kiln: ${message}
`)
        }
      );
      if (json) {
        io.stdout(
          `${JSON.stringify(
            {
              model: flags.model,
              outcome: evaluation.outcome,
              metrics: evaluation.metrics,
              ...evaluation.slices ? { slices: evaluation.slices } : {},
              metrics_file: shown(evaluation.metricsFile),
              examples_file: evaluation.examplesFile === null ? null : shown(evaluation.examplesFile),
              examples_sha256: evaluation.examplesSha256,
              data: evaluation.data,
              code_digest: evaluation.codeDigest
            },
            null,
            2
          )}
`
        );
      } else {
        const metrics = Object.entries(evaluation.metrics).slice(0, 6).map(([k, v]) => `${k} ${v}`).join(", ");
        io.stdout(
          `✅ ${flags.model} on ${evaluation.data.path}: ${metrics || "no metrics"} — metrics: ${shown(evaluation.metricsFile)}${evaluation.examplesFile ? `; examples: ${shown(evaluation.examplesFile)}` : ""}
`
        );
      }
      exit(0);
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  });
}
export {
  registerEvaluate
};

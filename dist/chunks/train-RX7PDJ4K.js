import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  LOCAL_STATE_DIR,
  cliPorts,
  loadModel
} from "./chunk-NZAG6UXI.js";
import "./chunk-ZT7VK6M5.js";
import {
  OUTCOME_ICON,
  ciFromEnv,
  runnerFromEnv,
  train
} from "./chunk-S6MJQG6T.js";
import {
  Cancellation
} from "./chunk-JX3PIHCD.js";
import {
  DEFAULT_TELEMETRY_INTERVAL_MS
} from "./chunk-53VAPMD5.js";
import "./chunk-O7IIMTF5.js";
import "./chunk-B3UVWUUN.js";
import "./chunk-43UFDDWR.js";
import "./chunk-B3ONUL3O.js";
import "./chunk-XNPVYGHD.js";
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
  CONFIG_PATH,
  parseDuration
} from "./chunk-CG4E3PCN.js";
import "./chunk-EQVTLXOE.js";
import "./chunk-3EHQAXI5.js";
import "./chunk-GG6ZXDCZ.js";
import "./chunk-SG4ICILI.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";
import "./chunk-UBBLWZDB.js";

// cli/commands/train.ts
import { join, relative } from "node:path";
function registerTrain(program, io, exit) {
  program.command("train").description("run the trainer with logs, timeout, GPU preflight and telemetry → run.json").argument(
    "[command...]",
    "training command after `--`, run as given without a shell (default: train.command)"
  ).requiredOption("--model <name>", "model name from the config").option("--config <file>", "kiln config", CONFIG_PATH).option("--out <dir>", "output folder (default: .kiln/runs/<model>[-<variant>])").option("--gpus <n>", "GPUs to require (default: train.gpus)").option("--variant <name>", "sweep variant: uploads kiln-run-<model>-<variant>").option("--grace-period <duration>", "time between SIGTERM and SIGKILL when stopping the trainer", "10s").addHelpText(
    "after",
    "\nExamples:\n  kiln train --model penguins\n  kiln train --model penguins --variant small -- python3 train.py --out model/\n\nEnvironment: KILN_TELEMETRY_INTERVAL (GPU sampling, default 5s), KILN_RUNNER_LABELS (recorded labels)."
  ).action(async (words, flags, cmd) => {
    const raw = cmd.parent?.rawArgs ?? [];
    if (words.length > 0 && !raw.includes("--")) {
      throw new UsageError(`unexpected argument ${JSON.stringify(words[0])}`, {
        hint: `Put the training command after \`--\`: kiln train --model ${flags.model} -- ${words.join(" ")}`
      });
    }
    const gpus = flags.gpus === void 0 ? void 0 : parseCount(flags.gpus);
    const graceMs = parseDuration(flags.gracePeriod, "--grace-period") * 1e3;
    const interval = io.env.KILN_TELEMETRY_INTERVAL;
    const telemetryIntervalMs = interval ? parseDuration(interval, "KILN_TELEMETRY_INTERVAL") * 1e3 : DEFAULT_TELEMETRY_INTERVAL_MS;
    const model = await loadModel(io, flags.model, flags.config);
    const out = flags.out ?? `${LOCAL_STATE_DIR}/runs/${flags.model}${flags.variant ? `-${flags.variant}` : ""}`;
    const cancellation = new Cancellation();
    const onSignal = (signal) => {
      io.stderr(
        cancellation.requested ? `kiln: ${signal} again: killing the trainer now
` : `kiln: ${signal}: stopping the trainer (${signal} again kills it at once)
`
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
          ...words.length ? { command: words } : {},
          ...gpus === void 0 ? {} : { gpus },
          ...flags.variant ? { variant: flags.variant } : {},
          graceMs,
          telemetryIntervalMs,
          env: io.env,
          runner: runnerFromEnv(io.env),
          ...ciOf(io),
          resume: true
        },
        {
          store,
          cancellation,
          onLine: (stream, line) => (stream === "stdout" ? io.stdout : io.stderr)(`${line}
`),
          onNote: (message, level) => io.stderr(`kiln: ${level === "warning" ? "warning: " : ""}${message}
`)
        }
      );
      const shown = relative(io.cwd, result.runPath) || result.runPath;
      const metrics = Object.entries(result.run.metrics).slice(0, 6).map(([k, v]) => `${k} ${v}`).join(", ");
      io.stdout(
        `${OUTCOME_ICON[result.outcome]} ${flags.model}${flags.variant ? ` (${flags.variant})` : ""}: ${result.outcome} in ${result.run.duration_s} s${result.failure ? ` — ${result.failure}` : metrics ? ` — ${metrics}` : ""}
   run.json: ${shown}; summary: ${relative(io.cwd, result.summaryPath) || result.summaryPath}; artifact: ${relative(io.cwd, join(store.root, store.runId, result.artifact.name))}/
`
      );
      exit(result.outcome === "succeeded" ? 0 : 1);
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  });
}
function parseCount(value) {
  if (!/^\d+$/.test(value)) {
    throw new UsageError(`--gpus ${JSON.stringify(value)} is not a whole number`, {
      hint: "Use e.g. --gpus 1"
    });
  }
  return Number(value);
}
function ciOf(io) {
  const ci = ciFromEnv(io.env);
  const fallback = {
    ...io.env.GITHUB_SHA ? { sha: io.env.GITHUB_SHA } : {},
    ...io.env.GITHUB_REF ? { ref: io.env.GITHUB_REF } : {}
  };
  return { ...ci ? { ci } : {}, ...Object.keys(fallback).length ? { codeFallback: fallback } : {} };
}
export {
  registerTrain
};

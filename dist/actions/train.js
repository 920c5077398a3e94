import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  pickSweep,
  sweepTable
} from "../chunks/chunk-W6I3UW7Q.js";
import {
  ciFromEnv,
  runnerFromEnv,
  train
} from "../chunks/chunk-S6MJQG6T.js";
import {
  Cancellation
} from "../chunks/chunk-JX3PIHCD.js";
import {
  DEFAULT_TELEMETRY_INTERVAL_MS
} from "../chunks/chunk-53VAPMD5.js";
import "../chunks/chunk-O7IIMTF5.js";
import "../chunks/chunk-B3UVWUUN.js";
import "../chunks/chunk-43UFDDWR.js";
import {
  GitHubArtifactStore
} from "../chunks/chunk-WTAJBA3J.js";
import "../chunks/chunk-B3ONUL3O.js";
import "../chunks/chunk-XNPVYGHD.js";
import "../chunks/chunk-SZ5YRKPB.js";
import "../chunks/chunk-KR6QXSIO.js";
import {
  defaultDirection
} from "../chunks/chunk-3TKKAAS2.js";
import "../chunks/chunk-WY7HVP6Q.js";
import {
  loadModelConfig
} from "../chunks/chunk-VSCAHCCS.js";
import "../chunks/chunk-TEGK7FMR.js";
import "../chunks/chunk-5BOIGAPZ.js";
import "../chunks/chunk-KP4FZ7NM.js";
import "../chunks/chunk-R7O7G7J3.js";
import "../chunks/chunk-PGCZXT7T.js";
import {
  coerce_exports
} from "../chunks/chunk-DWBXFSL2.js";
import {
  assertModelName,
  parseDuration
} from "../chunks/chunk-CG4E3PCN.js";
import "../chunks/chunk-EQVTLXOE.js";
import "../chunks/chunk-3EHQAXI5.js";
import "../chunks/chunk-GG6ZXDCZ.js";
import {
  configInput,
  debug,
  endGroup,
  info,
  modelInput,
  readInputs,
  runAction,
  setOutput,
  startGroup,
  summary,
  warning,
  workspaceDir
} from "../chunks/chunk-LNLCKQUE.js";
import "../chunks/chunk-OF2ZJRBD.js";
import "../chunks/chunk-GZVZSOMD.js";
import {
  NEVER,
  string
} from "../chunks/chunk-SG4ICILI.js";
import {
  CheckFailed,
  UsageError
} from "../chunks/chunk-ZILLKLUF.js";
import "../chunks/chunk-UBBLWZDB.js";

// actions/train/main.ts
import { join, resolve } from "node:path";
var duration = (what) => string().transform((v, ctx) => {
  try {
    return parseDuration(v, what) * 1e3;
  } catch {
    ctx.addIssue({ code: "custom", message: `"${v}" is not a duration such as "10s" or "2m"` });
    return NEVER;
  }
});
async function run() {
  await runAction(async () => {
    const inputs = readInputs({
      model: modelInput,
      config: configInput,
      command: string().optional(),
      gpus: coerce_exports.number().int().nonnegative().optional(),
      out: string().optional(),
      variant: string().optional(),
      "grace-period": duration("grace-period").default(1e4),
      "sweep-pick": string().optional()
    });
    const env = process.env;
    const cwd = workspaceDir();
    const model = assertModelName(inputs.model, "input 'model'");
    const configFile = inputs.config;
    const { model: modelConfig } = await loadModelConfig({
      cwd,
      file: configFile,
      model,
      unreadable: (file, err) => new UsageError(
        `${file} cannot be read: ${err.code ?? err.message}`,
        {
          hint: "Check out the repository (actions/checkout) before this step, or set the `config` input"
        }
      ),
      modelInput: "input 'model'",
      suggest: false
    });
    const store = GitHubArtifactStore.fromEnv(env);
    const out = resolve(
      cwd,
      inputs.out ?? `.kiln/runs/${model}${inputs.variant ? `-${inputs.variant}` : ""}`
    );
    if (inputs["sweep-pick"]) {
      const metric = inputs["sweep-pick"];
      const direction = modelConfig.gate.metrics[metric]?.direction ?? defaultDirection(metric);
      const pick = await pickSweep({
        store,
        model,
        metric,
        direction,
        scratch: join(env.RUNNER_TEMP || join(cwd, ".kiln", "tmp"), `kiln-sweep-${model}`),
        outDir: out
      });
      info(
        `picked ${pick.winner.variant} (${metric} ${pick.winner.value}); published ${pick.published.name}`
      );
      setOutput("run", join(out, "run.json"));
      setOutput("outcome", "succeeded");
      setOutput("artifact", pick.published.name);
      await writeSummary(`### 🏆 kiln sweep · ${model}: ${pick.winner.variant}

${sweepTable(pick)}
`);
      return;
    }
    const cancellation = new Cancellation();
    const onSignal = (signal) => {
      info(`kiln: ${signal}: stopping the trainer`);
      cancellation.cancel(`${signal} to the step`);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    const interval = env.KILN_TELEMETRY_INTERVAL;
    const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? "1");
    const ci = ciFromEnv(env);
    startGroup(`kiln train ${model}${inputs.variant ? ` (${inputs.variant})` : ""}`);
    let result;
    try {
      result = await train(
        {
          model,
          config: modelConfig,
          configFile,
          cwd,
          outDir: out,
          ...inputs.command ? { commandLine: inputs.command } : {},
          ...inputs.gpus === void 0 ? {} : { gpus: inputs.gpus },
          ...inputs.variant ? { variant: inputs.variant } : {},
          graceMs: inputs["grace-period"],
          telemetryIntervalMs: interval ? parseDuration(interval, "KILN_TELEMETRY_INTERVAL") * 1e3 : DEFAULT_TELEMETRY_INTERVAL_MS,
          env,
          runner: runnerFromEnv(env),
          ...ci ? { ci } : {},
          codeFallback: {
            ...env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {},
            ...env.GITHUB_REF ? { ref: env.GITHUB_REF } : {}
          },
          // Only a re-run attempt has an earlier attempt's checkpoints to restore.
          resume: Number.isInteger(attempt) && attempt > 1
        },
        {
          store,
          cancellation,
          onLine: (_stream, line) => info(line),
          onNote: (message, level) => level === "warning" ? warning(`kiln: ${message}`) : info(`kiln: ${message}`)
        }
      );
    } finally {
      endGroup();
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
    setOutput("run", result.runPath);
    setOutput("outcome", result.outcome);
    setOutput("artifact", result.artifact.name);
    await writeSummary(result.summary);
    if (result.outcome !== "succeeded") {
      throw new CheckFailed(`${model}: ${result.outcome}: ${result.failure ?? "the run did not succeed"}`);
    }
  });
}
async function writeSummary(markdown) {
  try {
    await summary.addRaw(markdown).write();
  } catch (err) {
    debug(`job summary not written: ${err.message}`);
  }
}

// actions/train/index.ts
await run();

/** The train action: a thin adapter over core/train; see docs/actions/train.md. */

import { join, resolve } from "node:path";
import * as core from "@actions/core";
import * as z from "zod";
import { loadModelConfig } from "../../core/config/model-config.js";
import { parseDuration } from "../../core/config/units.js";
import { CheckFailed, UsageError } from "../../core/errors.js";
import { defaultDirection } from "../../core/metrics/direction.js";
import { assertModelName } from "../../core/names.js";
import { Cancellation } from "../../core/process/cancellation.js";
import { ciFromEnv, runnerFromEnv } from "../../core/train/environment.js";
import { pickSweep, sweepTable } from "../../core/train/sweep.js";
import { DEFAULT_TELEMETRY_INTERVAL_MS, train } from "../../core/train/train.js";
import { GitHubArtifactStore } from "../../github/artifact-store.js";
import { configInput, modelInput, readInputs, runAction, workspaceDir } from "../shared/run.js";

const duration = (what: string) =>
  z.string().transform((v, ctx) => {
    try {
      return parseDuration(v, what) * 1000;
    } catch {
      ctx.addIssue({ code: "custom", message: `"${v}" is not a duration such as "10s" or "2m"` });
      return z.NEVER;
    }
  });

export async function run(): Promise<void> {
  await runAction(async () => {
    const inputs = readInputs({
      model: modelInput,
      config: configInput,
      command: z.string().optional(),
      gpus: z.coerce.number().int().nonnegative().optional(),
      out: z.string().optional(),
      variant: z.string().optional(),
      "grace-period": duration("grace-period").default(10_000),
      "sweep-pick": z.string().optional(),
    });
    const env = process.env;
    const cwd = workspaceDir();
    const model = assertModelName(inputs.model, "input 'model'");
    const configFile = inputs.config;
    const { model: modelConfig } = await loadModelConfig({
      cwd,
      file: configFile,
      model,
      unreadable: (file, err) =>
        new UsageError(
          `${file} cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
          {
            hint: "Check out the repository (actions/checkout) before this step, or set the `config` input",
          },
        ),
      modelInput: "input 'model'",
      suggest: false,
    });
    const store = GitHubArtifactStore.fromEnv(env);
    const out = resolve(
      cwd,
      inputs.out ?? `.kiln/runs/${model}${inputs.variant ? `-${inputs.variant}` : ""}`,
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
        outDir: out,
      });
      core.info(
        `picked ${pick.winner.variant} (${metric} ${pick.winner.value}); published ${pick.published.name}`,
      );
      core.setOutput("run", join(out, "run.json"));
      core.setOutput("outcome", "succeeded");
      core.setOutput("artifact", pick.published.name);
      await writeSummary(`### 🏆 kiln sweep · ${model}: ${pick.winner.variant}\n\n${sweepTable(pick)}\n`);
      return;
    }

    const cancellation = new Cancellation();
    // The runner cancels a step with SIGINT, then SIGTERM 7.5 s later, then kills it 2.5 s after that:
    // the first signal starts the trainer's grace period, the second kills it so the upload still fits.
    const onSignal = (signal: NodeJS.Signals) => {
      core.info(`kiln: ${signal}: stopping the trainer`);
      cancellation.cancel(`${signal} to the step`);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    const interval = env.KILN_TELEMETRY_INTERVAL;
    const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? "1");
    const ci = ciFromEnv(env);
    core.startGroup(`kiln train ${model}${inputs.variant ? ` (${inputs.variant})` : ""}`);
    let result: Awaited<ReturnType<typeof train>>;
    try {
      result = await train(
        {
          model,
          config: modelConfig,
          configFile,
          cwd,
          outDir: out,
          ...(inputs.command ? { commandLine: inputs.command } : {}),
          ...(inputs.gpus === undefined ? {} : { gpus: inputs.gpus }),
          ...(inputs.variant ? { variant: inputs.variant } : {}),
          graceMs: inputs["grace-period"],
          telemetryIntervalMs: interval
            ? parseDuration(interval, "KILN_TELEMETRY_INTERVAL") * 1000
            : DEFAULT_TELEMETRY_INTERVAL_MS,
          env,
          runner: runnerFromEnv(env),
          ...(ci ? { ci } : {}),
          codeFallback: {
            ...(env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}),
            ...(env.GITHUB_REF ? { ref: env.GITHUB_REF } : {}),
          },
          // Only a re-run attempt has an earlier attempt's checkpoints to restore.
          resume: Number.isInteger(attempt) && attempt > 1,
        },
        {
          store,
          cancellation,
          onLine: (_stream, line) => core.info(line),
          onNote: (message, level) =>
            level === "warning" ? core.warning(`kiln: ${message}`) : core.info(`kiln: ${message}`),
        },
      );
    } finally {
      core.endGroup();
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
    core.setOutput("run", result.runPath);
    core.setOutput("outcome", result.outcome);
    core.setOutput("artifact", result.artifact.name);
    await writeSummary(result.summary);
    if (result.outcome !== "succeeded") {
      throw new CheckFailed(`${model}: ${result.outcome}: ${result.failure ?? "the run did not succeed"}`);
    }
  });
}

/** A summary that cannot be written (no GITHUB_STEP_SUMMARY) must not fail a finished run. */
async function writeSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(markdown).write();
  } catch (err) {
    core.debug(`job summary not written: ${(err as Error).message}`);
  }
}

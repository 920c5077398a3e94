/**
 * `kiln sweep pick --model M --metric X`: after the variants of a sweep trained (`kiln train
 * --variant V`, or a matrix of train actions), publish the best as `kiln-run-<model>`.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import type { KilnConfig } from "../../core/config/schema.js";
import { UsageError } from "../../core/errors.js";
import { type Direction, defaultDirection } from "../../core/metrics/direction.js";
import { assertModelName, CONFIG_PATH } from "../../core/names.js";
import { pickSweep, sweepTable } from "../../core/train/sweep.js";
import { cliPorts, LOCAL_STATE_DIR, loadConfig } from "../context.js";
import type { CliIo } from "../io.js";

export function registerSweep(program: Command, io: CliIo, exit: (code: number) => void): void {
  const sweep = program
    .command("sweep")
    .description("hyper-parameter sweeps: pick the best variant of a model");
  sweep
    .command("pick")
    .description(
      "publish the best variant (kiln-run-<model>-<variant>) under the plain name kiln-run-<model>",
    )
    .requiredOption("--model <name>", "model name")
    .requiredOption("--metric <name>", "metric to rank by")
    .option(
      "--direction <direction>",
      "higher or lower (default: the gate's rule, else by the metric's name)",
    )
    .option("--config <file>", "kiln config, for the metric's direction", CONFIG_PATH)
    .option("--out <dir>", "folder for the winner's run.json (default: .kiln/runs/<model>)")
    .action(
      async (flags: { model: string; metric: string; direction?: string; config: string; out?: string }) => {
        assertModelName(flags.model, "--model");
        const direction = await directionOf(io, flags);
        const store = cliPorts(io).artifacts;
        const pick = await pickSweep({
          store,
          model: flags.model,
          metric: flags.metric,
          direction: direction.value,
          scratch: join(io.cwd, LOCAL_STATE_DIR, "tmp", `sweep-${flags.model}`),
          outDir: resolve(io.cwd, flags.out ?? `${LOCAL_STATE_DIR}/runs/${flags.model}`),
        });
        io.stdout(`${sweepTable(pick)}\n\n`);
        io.stdout(
          `✅ published ${pick.published.name} from variant ${pick.winner.variant} (${flags.metric} ${pick.winner.value}, ${direction.value} is better: ${direction.why})\n`,
        );
        exit(0);
      },
    );
}

async function directionOf(
  io: CliIo,
  flags: { model: string; metric: string; direction?: string; config: string },
): Promise<{ value: Direction; why: string }> {
  if (flags.direction !== undefined) {
    if (flags.direction !== "higher" && flags.direction !== "lower") {
      throw new UsageError(`--direction ${JSON.stringify(flags.direction)} is not supported`, {
        hint: "Use higher or lower",
      });
    }
    return { value: flags.direction, why: "--direction" };
  }
  // The config is optional here: without one, the metric's name decides.
  if (flags.config !== CONFIG_PATH || existsSync(resolve(io.cwd, flags.config))) {
    const config: KilnConfig = await loadConfig(io, flags.config);
    const rule = config.models[flags.model]?.gate.metrics[flags.metric];
    if (rule?.direction) {
      return { value: rule.direction, why: `models.${flags.model}.gate.metrics.${flags.metric}.direction` };
    }
  }
  return { value: defaultDirection(flags.metric), why: "by the metric's name" };
}

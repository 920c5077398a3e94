import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  LOCAL_STATE_DIR,
  cliPorts,
  loadConfig
} from "./chunk-NZAG6UXI.js";
import "./chunk-ZT7VK6M5.js";
import {
  pickSweep,
  sweepTable
} from "./chunk-W6I3UW7Q.js";
import "./chunk-XNJST4A5.js";
import "./chunk-AMMCM42C.js";
import "./chunk-6CJMZFBY.js";
import {
  defaultDirection
} from "./chunk-3TKKAAS2.js";
import "./chunk-VSCAHCCS.js";
import "./chunk-TEGK7FMR.js";
import "./chunk-5BOIGAPZ.js";
import "./chunk-KP4FZ7NM.js";
import "./chunk-R7O7G7J3.js";
import "./chunk-PGCZXT7T.js";
import "./chunk-DWBXFSL2.js";
import {
  CONFIG_PATH,
  assertModelName
} from "./chunk-CG4E3PCN.js";
import "./chunk-EQVTLXOE.js";
import "./chunk-3EHQAXI5.js";
import "./chunk-GG6ZXDCZ.js";
import "./chunk-SG4ICILI.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";
import "./chunk-UBBLWZDB.js";

// cli/commands/sweep.ts
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
function registerSweep(program, io, exit) {
  const sweep = program.command("sweep").description("hyper-parameter sweeps: pick the best variant of a model");
  sweep.command("pick").description(
    "publish the best variant (kiln-run-<model>-<variant>) under the plain name kiln-run-<model>"
  ).requiredOption("--model <name>", "model name").requiredOption("--metric <name>", "metric to rank by").option(
    "--direction <direction>",
    "higher or lower (default: the gate's rule, else by the metric's name)"
  ).option("--config <file>", "kiln config, for the metric's direction", CONFIG_PATH).option("--out <dir>", "folder for the winner's run.json (default: .kiln/runs/<model>)").action(
    async (flags) => {
      assertModelName(flags.model, "--model");
      const direction = await directionOf(io, flags);
      const store = cliPorts(io).artifacts;
      const pick = await pickSweep({
        store,
        model: flags.model,
        metric: flags.metric,
        direction: direction.value,
        scratch: join(io.cwd, LOCAL_STATE_DIR, "tmp", `sweep-${flags.model}`),
        outDir: resolve(io.cwd, flags.out ?? `${LOCAL_STATE_DIR}/runs/${flags.model}`)
      });
      io.stdout(`${sweepTable(pick)}

`);
      io.stdout(
        `✅ published ${pick.published.name} from variant ${pick.winner.variant} (${flags.metric} ${pick.winner.value}, ${direction.value} is better: ${direction.why})
`
      );
      exit(0);
    }
  );
}
async function directionOf(io, flags) {
  if (flags.direction !== void 0) {
    if (flags.direction !== "higher" && flags.direction !== "lower") {
      throw new UsageError(`--direction ${JSON.stringify(flags.direction)} is not supported`, {
        hint: "Use higher or lower"
      });
    }
    return { value: flags.direction, why: "--direction" };
  }
  if (flags.config !== CONFIG_PATH || existsSync(resolve(io.cwd, flags.config))) {
    const config = await loadConfig(io, flags.config);
    const rule = config.models[flags.model]?.gate.metrics[flags.metric];
    if (rule?.direction) {
      return { value: rule.direction, why: `models.${flags.model}.gate.metrics.${flags.metric}.direction` };
    }
  }
  return { value: defaultDirection(flags.metric), why: "by the metric's name" };
}
export {
  registerSweep
};

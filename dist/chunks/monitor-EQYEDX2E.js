import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  REGISTRY_OPTION,
  registryOf
} from "./chunk-WRNO5TTB.js";
import {
  loadModel
} from "./chunk-NZAG6UXI.js";
import "./chunk-ZT7VK6M5.js";
import "./chunk-O7IIMTF5.js";
import {
  monitor,
  renderMonitorMarkdown,
  renderMonitorText
} from "./chunk-WLECUBOJ.js";
import "./chunk-OCB3IWTW.js";
import "./chunk-KQINWCDG.js";
import "./chunk-JBD6N6XJ.js";
import "./chunk-B3ONUL3O.js";
import "./chunk-XNPVYGHD.js";
import "./chunk-RQ33FKMA.js";
import "./chunk-XGQSOL3A.js";
import "./chunk-L3JG2L2V.js";
import "./chunk-IB4XY3DN.js";
import "./chunk-SZ5YRKPB.js";
import "./chunk-XNJST4A5.js";
import "./chunk-QAMAGBBR.js";
import "./chunk-AMMCM42C.js";
import "./chunk-6CJMZFBY.js";
import "./chunk-3TKKAAS2.js";
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
import {
  formatKilnFile
} from "./chunk-EQVTLXOE.js";
import "./chunk-3EHQAXI5.js";
import "./chunk-GG6ZXDCZ.js";
import "./chunk-SG4ICILI.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";
import "./chunk-UBBLWZDB.js";

// cli/commands/monitor.ts
import { mkdir, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
var FORMATS = ["text", "json", "markdown"];
function registerMonitor(program, io, exit) {
  program.command("monitor").description("compare production data and live metrics with the production version → monitor.json").requiredOption("--model <name>", "model name from the config").option("--config <file>", "kiln config", CONFIG_PATH).option("--data <path>", "production inputs: file, glob or profile.json (default: monitor.data)").option("--metrics <file|url>", "live metrics: JSON file or http(s) URL (default: monitor.metrics)").option("--serving <path>", "serving-side features (logs, a feature-store export) to check for skew").option(...REGISTRY_OPTION).option("--format <format>", "text, json (monitor.json on stdout) or markdown", "text").option("--out <dir>", "folder for monitor.json and summary.md (default: .kiln/monitor/<model>)").addHelpText(
    "after",
    "\nExit codes: 0 healthy · 1 degraded · 2 unusable input (e.g. no production version)."
  ).action(async (flags) => {
    if (!FORMATS.includes(flags.format)) {
      throw new UsageError(`--format ${JSON.stringify(flags.format)} is not supported`, {
        hint: `Use ${FORMATS.join(", ")}`
      });
    }
    const model = await loadModel(io, flags.model, flags.config);
    const { result } = await monitor({
      model: flags.model,
      config: model,
      root: io.cwd,
      data: flags.data,
      metrics: flags.metrics,
      serving: flags.serving,
      registry: await registryOf(io, flags.registry),
      fetch: (url, init) => fetch(url, init)
    });
    const markdown = renderMonitorMarkdown(result);
    const out = resolve(io.cwd, flags.out ?? join(".kiln", "monitor", flags.model));
    await mkdir(out, { recursive: true });
    await writeFile(join(out, "monitor.json"), formatKilnFile(result));
    await writeFile(join(out, "summary.md"), markdown);
    if (flags.format === "json") io.stdout(formatKilnFile(result));
    else if (flags.format === "markdown") io.stdout(markdown);
    else io.stdout(renderMonitorText(result));
    io.stderr(`kiln monitor: wrote ${relative(io.cwd, join(out, "monitor.json")) || out}
`);
    exit(result.degraded ? 1 : 0);
  });
}
export {
  registerMonitor
};

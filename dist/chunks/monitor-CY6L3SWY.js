import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  REGISTRY_OPTION,
  registryOf
} from "./chunk-SNDSVUK6.js";
import {
  loadConfig,
  modelOf
} from "./chunk-T74O7SL3.js";
import "./chunk-YYCRB66S.js";
import "./chunk-O7IIMTF5.js";
import {
  monitor,
  renderMonitorMarkdown,
  renderMonitorText
} from "./chunk-53XFGHMB.js";
import "./chunk-SRSZFABI.js";
import "./chunk-I2MXMTSH.js";
import "./chunk-Z2E2JQBT.js";
import "./chunk-LFKZPMN7.js";
import "./chunk-OGD52LZZ.js";
import "./chunk-VWCRNAYZ.js";
import "./chunk-E2GF2QD5.js";
import "./chunk-NOM26DDT.js";
import "./chunk-EP7PE7YM.js";
import "./chunk-CR3URRRQ.js";
import "./chunk-L3JG2L2V.js";
import "./chunk-ARQC7367.js";
import "./chunk-AMMCM42C.js";
import "./chunk-JNPW6ZGK.js";
import "./chunk-IB4XY3DN.js";
import "./chunk-MUEIDXEF.js";
import "./chunk-YL2NVZX5.js";
import "./chunk-B4HGDC6Z.js";
import "./chunk-GZNMPYED.js";
import "./chunk-7EZWGXCG.js";
import "./chunk-PGCZXT7T.js";
import "./chunk-DWBXFSL2.js";
import {
  CONFIG_PATH
} from "./chunk-G7BTACU2.js";
import {
  formatKilnFile
} from "./chunk-EQVTLXOE.js";
import "./chunk-PDXLEUAN.js";
import "./chunk-SG4ICILI.js";
import {
  UsageError
} from "./chunk-MYTDQ55T.js";
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
    const config = await loadConfig(io, flags.config);
    const model = modelOf(config, flags.model, flags.config);
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

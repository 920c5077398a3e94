/**
 * `kiln monitor --model NAME`: the monitor action's twin. Production inputs and live metrics
 * against the local registry's production version → monitor.json. Exit 0 healthy, 1 degraded,
 * 2 unusable input (no production version, unreadable data or metrics).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { UsageError } from "../../core/errors.js";
import { formatKilnFile } from "../../core/files.js";
import { monitor } from "../../core/monitor/monitor.js";
import { renderMonitorMarkdown, renderMonitorText } from "../../core/monitor/render.js";
import { CONFIG_PATH } from "../../core/names.js";
import { loadModel } from "../context.js";
import type { CliIo } from "../io.js";
import { REGISTRY_OPTION, registryOf } from "../registry-choice.js";

const FORMATS = ["text", "json", "markdown"] as const;

interface MonitorFlags {
  model: string;
  config: string;
  data?: string;
  metrics?: string;
  serving?: string;
  registry?: string;
  format: string;
  out?: string;
}

export function registerMonitor(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command("monitor")
    .description("compare production data and live metrics with the production version → monitor.json")
    .requiredOption("--model <name>", "model name from the config")
    .option("--config <file>", "kiln config", CONFIG_PATH)
    .option("--data <path>", "production inputs: file, glob or profile.json (default: monitor.data)")
    .option("--metrics <file|url>", "live metrics: JSON file or http(s) URL (default: monitor.metrics)")
    .option("--serving <path>", "serving-side features (logs, a feature-store export) to check for skew")
    .option(...REGISTRY_OPTION)
    .option("--format <format>", "text, json (monitor.json on stdout) or markdown", "text")
    .option("--out <dir>", "folder for monitor.json and summary.md (default: .kiln/monitor/<model>)")
    .addHelpText(
      "after",
      "\nExit codes: 0 healthy · 1 degraded · 2 unusable input (e.g. no production version).",
    )
    .action(async (flags: MonitorFlags) => {
      if (!(FORMATS as readonly string[]).includes(flags.format)) {
        throw new UsageError(`--format ${JSON.stringify(flags.format)} is not supported`, {
          hint: `Use ${FORMATS.join(", ")}`,
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
        fetch: (url, init) => fetch(url, init),
      });
      const markdown = renderMonitorMarkdown(result);
      const out = resolve(io.cwd, flags.out ?? join(".kiln", "monitor", flags.model));
      await mkdir(out, { recursive: true });
      await writeFile(join(out, "monitor.json"), formatKilnFile(result));
      await writeFile(join(out, "summary.md"), markdown);
      if (flags.format === "json") io.stdout(formatKilnFile(result));
      else if (flags.format === "markdown") io.stdout(markdown);
      else io.stdout(renderMonitorText(result));
      io.stderr(`kiln monitor: wrote ${relative(io.cwd, join(out, "monitor.json")) || out}\n`);
      exit(result.degraded ? 1 : 0);
    });
}

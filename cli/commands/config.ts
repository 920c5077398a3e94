/** `kiln config check [FILE]` and `kiln config schema`: the policy file, checked before it counts. */
import { resolve } from "node:path";
import type { Command } from "commander";
import * as z from "zod";
import { checkConfig, formatProblem } from "../../core/config/load.js";
import { configSchema } from "../../core/config/schema.js";
import { UsageError } from "../../core/errors.js";
import { readTextFile } from "../../core/fs.js";
import { CONFIG_PATH } from "../../core/names.js";
import type { CliIo } from "../io.js";

export function registerConfig(program: Command, io: CliIo, exit: (code: number) => void): void {
  const config = program.command("config").description("check the kiln config and print its JSON Schema");

  config
    .command("check")
    .argument("[file]", "config file", CONFIG_PATH)
    .option("--format <format>", "text or json", "text")
    .description("check a kiln config; each problem with file:line:column, key path and what to do")
    .action(async (file: string, opts: { format: string }) => {
      if (opts.format !== "text" && opts.format !== "json") {
        throw new UsageError(`--format ${JSON.stringify(opts.format)} is not supported`, {
          hint: "Use text or json",
        });
      }
      const text = await readText(resolve(io.cwd, file), file);
      const result = checkConfig(text);
      if (opts.format === "json") {
        io.stdout(
          `${JSON.stringify(result.ok ? { file, ok: true, models: Object.keys(result.config.models) } : { file, ok: false, problems: result.problems }, null, 2)}\n`,
        );
      } else if (result.ok) {
        const models = Object.keys(result.config.models);
        io.stdout(
          `✅ ${file} is valid: ${models.length} model${models.length === 1 ? "" : "s"} (${models.join(", ")})\n`,
        );
      } else {
        for (const p of result.problems) {
          io.stderr(`${formatProblem(file, p)}\n`);
          // On a runner, also as an annotation on the file's line.
          if (io.env.GITHUB_ACTIONS === "true") {
            io.stdout(
              `::error file=${file},line=${p.line},col=${p.column},title=kiln config::${escapeAnnotation(`${p.path}: ${p.message}`)}\n`,
            );
          }
        }
        io.stderr(
          `❌ ${file}: ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}; see docs/configuration.md\n`,
        );
      }
      exit(result.ok ? 0 : 1);
    });

  config
    .command("schema")
    .description("print the JSON Schema of the config (also docs/kiln.schema.json)")
    .action(() => {
      io.stdout(
        `${JSON.stringify(z.toJSONSchema(configSchema, { io: "input", target: "draft-2020-12" }), null, 2)}\n`,
      );
    });
}

/** The hint on a config file that cannot be read: missing means no config yet, which `kiln init` writes. */
export const CONFIG_READ_HINT = "Check the path, or run `kiln init` to create a starter config";

/** The config file's text. */
export function readText(path: string, shown: string): Promise<string> {
  return readTextFile(path, shown, { hint: CONFIG_READ_HINT });
}

function escapeAnnotation(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

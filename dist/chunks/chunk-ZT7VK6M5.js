import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  checkConfig,
  formatProblem
} from "./chunk-R7O7G7J3.js";
import {
  CONFIG_PATH,
  configSchema
} from "./chunk-CG4E3PCN.js";
import {
  readTextFile
} from "./chunk-GG6ZXDCZ.js";
import {
  toJSONSchema
} from "./chunk-SG4ICILI.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// cli/commands/config.ts
import { resolve } from "node:path";
function registerConfig(program, io, exit) {
  const config = program.command("config").description("check the kiln config and print its JSON Schema");
  config.command("check").argument("[file]", "config file", CONFIG_PATH).option("--format <format>", "text or json", "text").description("check a kiln config; each problem with file:line:column, key path and what to do").action(async (file, opts) => {
    if (opts.format !== "text" && opts.format !== "json") {
      throw new UsageError(`--format ${JSON.stringify(opts.format)} is not supported`, {
        hint: "Use text or json"
      });
    }
    const text = await readText(resolve(io.cwd, file), file);
    const result = checkConfig(text);
    if (opts.format === "json") {
      io.stdout(
        `${JSON.stringify(result.ok ? { file, ok: true, models: Object.keys(result.config.models) } : { file, ok: false, problems: result.problems }, null, 2)}
`
      );
    } else if (result.ok) {
      const models = Object.keys(result.config.models);
      io.stdout(
        `✅ ${file} is valid: ${models.length} model${models.length === 1 ? "" : "s"} (${models.join(", ")})
`
      );
    } else {
      for (const p of result.problems) {
        io.stderr(`${formatProblem(file, p)}
`);
        if (io.env.GITHUB_ACTIONS === "true") {
          io.stdout(
            `::error file=${file},line=${p.line},col=${p.column},title=kiln config::${escapeAnnotation(`${p.path}: ${p.message}`)}
`
          );
        }
      }
      io.stderr(
        `❌ ${file}: ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}; see docs/configuration.md
`
      );
    }
    exit(result.ok ? 0 : 1);
  });
  config.command("schema").description("print the JSON Schema of the config (also docs/kiln.schema.json)").action(() => {
    io.stdout(
      `${JSON.stringify(toJSONSchema(configSchema, { io: "input", target: "draft-2020-12" }), null, 2)}
`
    );
  });
}
var CONFIG_READ_HINT = "Check the path, or run `kiln init` to create a starter config";
function readText(path, shown) {
  return readTextFile(path, shown, { hint: CONFIG_READ_HINT });
}
function escapeAnnotation(s) {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export {
  registerConfig,
  CONFIG_READ_HINT,
  readText
};

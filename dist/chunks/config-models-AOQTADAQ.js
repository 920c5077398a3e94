import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  loadConfig
} from "./chunk-NZAG6UXI.js";
import "./chunk-ZT7VK6M5.js";
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
  CONFIG_PATH
} from "./chunk-CG4E3PCN.js";
import "./chunk-EQVTLXOE.js";
import "./chunk-3EHQAXI5.js";
import "./chunk-GG6ZXDCZ.js";
import "./chunk-SG4ICILI.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";
import "./chunk-UBBLWZDB.js";

// cli/commands/config-models.ts
import { execFile } from "node:child_process";
import { promisify } from "node:util";

// core/init/models.ts
var SECTIONS = ["data", "train", "deploy", "monitor"];
function globToRegExp(glob) {
  let re = "";
  let depth = 0;
  const g = glob.replace(/^\.\//, "");
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === "*" && g[i + 1] === "*") {
      if (g[i + 2] === "/") {
        re += "(?:.*/)?";
        i += 2;
      } else {
        re += ".*";
        i += 1;
      }
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "{") {
      depth++;
      re += "(?:";
    } else if (c === "}" && depth > 0) {
      depth--;
      re += ")";
    } else if (c === "," && depth > 0) re += "|";
    else re += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re.replace(/\/$/, "")}(?:/.*)?$`);
}
function pathsMatch(globs, files) {
  if (globs.length === 0) return true;
  const res = globs.map(globToRegExp);
  return files.some((f) => res.some((re) => re.test(f.replace(/^\.\//, ""))));
}
function selectModels(config, opts = {}) {
  const out = [];
  for (const [model, m] of Object.entries(config.models)) {
    const entry = {
      model,
      data: m.data !== void 0,
      train: m.train !== void 0,
      environments: Object.keys(m.deploy?.environments ?? {}),
      monitor: m.monitor !== void 0
    };
    if (opts.has === "deploy" ? m.deploy === void 0 : opts.has && !entry[opts.has]) continue;
    if (opts.environment !== void 0 && !entry.environments.includes(opts.environment)) continue;
    if (opts.only && !opts.only.includes(model)) continue;
    if (opts.changed && !pathsMatch(m.paths, opts.changed)) continue;
    out.push(entry);
  }
  return out;
}

// cli/commands/config-models.ts
var run = promisify(execFile);
function registerConfigModels(program, io) {
  const config = program.commands.find((c) => c.name() === "config");
  if (!config) throw new Error("register `kiln config` before `kiln config models`");
  config.command("models").description(
    "list the config's models as JSON (the workflows' matrix), optionally only those a change touches"
  ).option("--config <file>", "kiln config", CONFIG_PATH).option("--changed-from <ref>", "only models whose paths match files changed since this commit").option("--has <section>", `only models with this section: ${SECTIONS.join(", ")}`).option("--environment <name>", "only models that deploy to this environment").option("--only <names>", "only these models: a JSON list or comma-separated names (empty: no filter)").option("--format <format>", "json (one line) or names (one a line)", "json").action(async (flags) => {
    if (flags.format !== "json" && flags.format !== "names") {
      throw new UsageError(`--format ${JSON.stringify(flags.format)} is not supported`, {
        hint: "Use json or names"
      });
    }
    if (flags.has !== void 0 && !SECTIONS.includes(flags.has)) {
      throw new UsageError(`--has ${JSON.stringify(flags.has)} is not a model section`, {
        hint: `Use one of ${SECTIONS.join(", ")}`
      });
    }
    const cfg = await loadConfig(io, flags.config);
    const changed = await changedFiles(io, flags.changedFrom);
    const only = parseOnly(flags.only);
    for (const name of only ?? []) {
      if (!(name in cfg.models))
        throw new UsageError(`--only: ${flags.config} declares no model ${JSON.stringify(name)}`);
    }
    const models = selectModels(cfg, {
      ...changed ? { changed } : {},
      ...flags.has ? { has: flags.has } : {},
      ...flags.environment !== void 0 ? { environment: flags.environment } : {},
      ...only ? { only } : {}
    });
    io.stdout(
      flags.format === "json" ? `${JSON.stringify(models)}
` : models.map((m) => `${m.model}
`).join("")
    );
  });
}
function parseOnly(text) {
  const t = text?.trim() ?? "";
  if (t === "" || t === "[]") return void 0;
  if (t.startsWith("[")) {
    let list;
    try {
      list = JSON.parse(t);
    } catch {
      list = void 0;
    }
    if (!Array.isArray(list) || !list.every((x) => typeof x === "string")) {
      throw new UsageError(`--only ${JSON.stringify(t)} is not a JSON list of model names`);
    }
    return list.length > 0 ? list : void 0;
  }
  return t.split(",").map((s) => s.trim()).filter((s) => s !== "");
}
async function changedFiles(io, ref) {
  if (ref === void 0) return void 0;
  if (ref === "" || /^0+$/.test(ref)) {
    io.stderr("kiln: no base commit to compare with: every model counts as changed\n");
    return void 0;
  }
  if (ref.startsWith("-")) throw new UsageError(`--changed-from ${JSON.stringify(ref)} is not a commit`);
  try {
    const { stdout } = await run("git", ["diff", "--name-only", "--relative", "-z", ref, "HEAD", "--"], {
      cwd: io.cwd,
      encoding: "utf8",
      env: { ...io.env, LC_ALL: "C" },
      maxBuffer: 64 * 1024 * 1024
    });
    return stdout.split("\0").filter((f) => f !== "");
  } catch {
    io.stderr(
      `kiln: warning: cannot compare with ${ref} (not in this clone? check out with fetch-depth: 0): every model counts as changed
`
    );
    return void 0;
  }
}
export {
  registerConfigModels
};

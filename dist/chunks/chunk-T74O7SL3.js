import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  readText
} from "./chunk-YYCRB66S.js";
import {
  localPorts
} from "./chunk-EP7PE7YM.js";
import {
  closest,
  parseConfig
} from "./chunk-7EZWGXCG.js";
import {
  CONFIG_PATH,
  assertModelName
} from "./chunk-G7BTACU2.js";
import {
  UsageError
} from "./chunk-MYTDQ55T.js";

// cli/context.ts
import { join, resolve } from "node:path";
var LOCAL_STATE_DIR = ".kiln";
function cliPorts(io, runId = "local") {
  return localPorts({ root: join(io.cwd, LOCAL_STATE_DIR), runId });
}
async function loadConfig(io, file = CONFIG_PATH) {
  return parseConfig(await readText(resolve(io.cwd, file), file), file);
}
function modelOf(config, model, file = CONFIG_PATH) {
  assertModelName(model, "--model");
  const entry = config.models[model];
  if (!entry) {
    const known = Object.keys(config.models);
    const near = closest(model, known);
    throw new UsageError(`${file} declares no model ${JSON.stringify(model)}`, {
      hint: near ? `Did you mean ${near}?` : `Declared: ${known.join(", ")}`
    });
  }
  return entry;
}

export {
  LOCAL_STATE_DIR,
  cliPorts,
  loadConfig,
  modelOf
};

import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  CONFIG_READ_HINT
} from "./chunk-ZT7VK6M5.js";
import {
  localPorts
} from "./chunk-XNJST4A5.js";
import {
  loadModelConfig,
  readConfigFile
} from "./chunk-VSCAHCCS.js";
import {
  CONFIG_PATH
} from "./chunk-CG4E3PCN.js";

// cli/context.ts
import { join } from "node:path";
var LOCAL_STATE_DIR = ".kiln";
function cliPorts(io, runId = "local") {
  return localPorts({ root: join(io.cwd, LOCAL_STATE_DIR), runId });
}
function loadConfig(io, file = CONFIG_PATH) {
  return readConfigFile({ cwd: io.cwd, file, hint: CONFIG_READ_HINT });
}
async function loadModel(io, model, file = CONFIG_PATH) {
  const loaded = await loadModelConfig({
    cwd: io.cwd,
    file,
    model,
    hint: CONFIG_READ_HINT,
    modelInput: "--model"
  });
  return loaded.model;
}

export {
  LOCAL_STATE_DIR,
  cliPorts,
  loadConfig,
  loadModel
};

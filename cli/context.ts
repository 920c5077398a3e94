/** What every CLI command needs: the config, and the local ports under `.kiln/` in the working tree. */
import { join } from "node:path";
import { loadModelConfig, readConfigFile } from "../core/config/model-config.js";
import type { KilnConfig, ModelConfig } from "../core/config/schema.js";
import { localPorts } from "../core/local/index.js";
import { CONFIG_PATH } from "../core/names.js";
import { CONFIG_READ_HINT } from "./commands/config.js";
import type { CliIo } from "./io.js";

/** Where the CLI keeps its local registry, artifacts, deployments and history. */
export const LOCAL_STATE_DIR = ".kiln";

export function cliPorts(io: CliIo, runId = "local") {
  return localPorts({ root: join(io.cwd, LOCAL_STATE_DIR), runId });
}

/** The config file (`--config`), relative to the working directory. */
export function loadConfig(io: CliIo, file: string = CONFIG_PATH): Promise<KilnConfig> {
  return readConfigFile({ cwd: io.cwd, file, hint: CONFIG_READ_HINT });
}

/** The `--model`'s entry in the config file, or a UsageError naming the models the config does declare. */
export async function loadModel(io: CliIo, model: string, file: string = CONFIG_PATH): Promise<ModelConfig> {
  const loaded = await loadModelConfig({
    cwd: io.cwd,
    file,
    model,
    hint: CONFIG_READ_HINT,
    modelInput: "--model",
  });
  return loaded.model;
}

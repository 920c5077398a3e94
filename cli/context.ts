/** What every CLI command needs: the config, and the local ports under `.kiln/` in the working tree. */
import { join, resolve } from "node:path";
import { parseConfig } from "../core/config/load.js";
import type { KilnConfig, ModelConfig } from "../core/config/schema.js";
import { UsageError } from "../core/errors.js";
import { localPorts } from "../core/local/index.js";
import { assertModelName, CONFIG_PATH } from "../core/names.js";
import { closest } from "../core/text.js";
import { readText } from "./commands/config.js";
import type { CliIo } from "./io.js";

/** Where the CLI keeps its local registry, artifacts, deployments and history. */
export const LOCAL_STATE_DIR = ".kiln";

export function cliPorts(io: CliIo, runId = "local") {
  return localPorts({ root: join(io.cwd, LOCAL_STATE_DIR), runId });
}

export async function loadConfig(io: CliIo, file: string = CONFIG_PATH): Promise<KilnConfig> {
  return parseConfig(await readText(resolve(io.cwd, file), file), file);
}

/** The model's entry, or a UsageError naming the models the config does declare. */
export function modelOf(config: KilnConfig, model: string, file: string = CONFIG_PATH): ModelConfig {
  assertModelName(model, "--model");
  const entry = config.models[model];
  if (!entry) {
    const known = Object.keys(config.models);
    const near = closest(model, known);
    throw new UsageError(`${file} declares no model ${JSON.stringify(model)}`, {
      hint: near ? `Did you mean ${near}?` : `Declared: ${known.join(", ")}`,
    });
  }
  return entry;
}

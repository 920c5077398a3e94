/**
 * The config edge every adapter shares: a kiln config file, read relative to the adapter's working
 * directory (core reads no environment: the adapter says where that is), parsed, and one model's
 * entry found in it. Each adapter words the mistakes its own way today (a flag or an input, a hint
 * about `kiln init` or about actions/checkout); the wording options keep their words.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { UsageError } from "../errors.js";
import { readTextFile } from "../fs.js";
import { assertModelName } from "../names.js";
import { closest } from "../text.js";
import { parseConfig } from "./load.js";
import type { KilnConfig, ModelConfig } from "./schema.js";

/** How errors about a config file that cannot be read are worded. */
export interface ConfigReadWording {
  /** A noun before the file name: "config" gives "config F does not exist". */
  what?: string;
  /** The hint on a file that cannot be read. */
  hint?: string;
  /** Words the whole error instead (`what` and `hint` are then unused). */
  unreadable?: (file: string, err: unknown) => Error;
}

/** How errors about the model are worded. */
export interface ModelWording {
  /**
   * The flag or input a name that is not a valid model name is blamed on ("--model",
   * "input 'model'"); null: the name is only looked up. Default "model".
   */
  modelInput?: string | null;
  /** An unknown model's hint: the closest declared model (true, the default), else every one. */
  suggest?: boolean;
}

export interface ConfigFileRequest extends ConfigReadWording {
  /** The directory a relative `file` is read from. */
  cwd: string;
  /** The config file as the user gave it; errors show it so. */
  file: string;
}

export interface ModelConfigRequest extends ConfigFileRequest, ModelWording {
  model: string;
}

export interface LoadedModelConfig {
  config: KilnConfig;
  /** The model's entry in it. */
  model: ModelConfig;
}

/** Reads and parses the config file; a UsageError when it cannot be read or is not a valid config. */
export async function readConfigFile(req: ConfigFileRequest): Promise<KilnConfig> {
  const path = resolve(req.cwd, req.file);
  const { unreadable } = req;
  const text = unreadable
    ? await readFile(path, "utf8").catch((err: unknown) => {
        throw unreadable(req.file, err);
      })
    : await readTextFile(path, req.file, { what: req.what, hint: req.hint });
  return parseConfig(text, req.file);
}

/** The config file's entry for one model, or a UsageError naming the models it does declare. */
export async function loadModelConfig(req: ModelConfigRequest): Promise<LoadedModelConfig> {
  const config = await readConfigFile(req);
  return { config, model: modelConfig(config, req.model, req.file, req) };
}

/** The model's entry in a config read from `file`, or a UsageError naming the models it declares. */
export function modelConfig(
  config: KilnConfig,
  model: string,
  file: string,
  wording: ModelWording = {},
): ModelConfig {
  const input = wording.modelInput === undefined ? "model" : wording.modelInput;
  if (input !== null) assertModelName(model, input);
  const entry = config.models[model];
  if (entry) return entry;
  const known = Object.keys(config.models);
  const near = wording.suggest === false ? undefined : closest(model, known);
  throw new UsageError(`${file} declares no model ${JSON.stringify(model)}`, {
    hint: near ? `Did you mean ${near}?` : `Declared: ${known.join(", ")}`,
  });
}

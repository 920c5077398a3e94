import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  closest,
  parseConfig
} from "./chunk-R7O7G7J3.js";
import {
  assertModelName
} from "./chunk-CG4E3PCN.js";
import {
  readTextFile
} from "./chunk-GG6ZXDCZ.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// core/config/model-config.ts
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
async function readConfigFile(req) {
  const path = resolve(req.cwd, req.file);
  const { unreadable } = req;
  const text = unreadable ? await readFile(path, "utf8").catch((err) => {
    throw unreadable(req.file, err);
  }) : await readTextFile(path, req.file, { what: req.what, hint: req.hint });
  return parseConfig(text, req.file);
}
async function loadModelConfig(req) {
  const config = await readConfigFile(req);
  return { config, model: modelConfig(config, req.model, req.file, req) };
}
function modelConfig(config, model, file, wording = {}) {
  const input = wording.modelInput === void 0 ? "model" : wording.modelInput;
  if (input !== null) assertModelName(model, input);
  const entry = config.models[model];
  if (entry) return entry;
  const known = Object.keys(config.models);
  const near = wording.suggest === false ? void 0 : closest(model, known);
  throw new UsageError(`${file} declares no model ${JSON.stringify(model)}`, {
    hint: near ? `Did you mean ${near}?` : `Declared: ${known.join(", ")}`
  });
}

export {
  readConfigFile,
  loadModelConfig,
  modelConfig
};

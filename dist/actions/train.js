import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  configInput,
  modelInput,
  readInputs,
  runAction
} from "../chunks/chunk-FJXJZXWF.js";
import {
  NotBuiltYet,
  external_exports
} from "../chunks/chunk-W2A4ZAJU.js";

// actions/train/main.ts
async function run() {
  await runAction(async () => {
    readInputs({
      model: modelInput,
      config: configInput,
      command: external_exports.string().optional(),
      gpus: external_exports.coerce.number().int().nonnegative().optional(),
      out: external_exports.string().optional(),
      variant: external_exports.string().optional()
    });
    throw new NotBuiltYet("the train action", 4);
  });
}

// actions/train/index.ts
await run();

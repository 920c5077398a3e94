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

// actions/validate/main.ts
async function run() {
  await runAction(async () => {
    readInputs({
      model: modelInput,
      config: configInput,
      current: external_exports.string().optional(),
      reference: external_exports.string().optional(),
      schema: external_exports.string().optional()
    });
    throw new NotBuiltYet("the validate action", 3);
  });
}

// actions/validate/index.ts
await run();

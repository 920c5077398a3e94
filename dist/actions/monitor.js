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

// actions/monitor/main.ts
async function run() {
  await runAction(async () => {
    readInputs({
      model: modelInput,
      config: configInput,
      data: external_exports.string().optional(),
      metrics: external_exports.string().optional(),
      "github-token": external_exports.string().optional()
    });
    throw new NotBuiltYet("the monitor action", 8);
  });
}

// actions/monitor/index.ts
await run();

import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  configInput,
  modelInput,
  readInputs,
  runAction
} from "../chunks/chunk-45LKKMW3.js";
import {
  external_exports
} from "../chunks/chunk-SHX5IHM6.js";
import {
  NotBuiltYet
} from "../chunks/chunk-MYTDQ55T.js";
import "../chunks/chunk-UBBLWZDB.js";

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

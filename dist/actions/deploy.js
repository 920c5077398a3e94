import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  booleanInput,
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

// actions/deploy/main.ts
async function run() {
  await runAction(async () => {
    readInputs({
      model: modelInput,
      config: configInput,
      run: external_exports.string({ error: "is required" }).min(1),
      gate: external_exports.string({ error: "is required" }).min(1),
      environment: external_exports.string({ error: "is required" }).min(1),
      force: booleanInput.default(false),
      "github-token": external_exports.string().optional()
    });
    throw new NotBuiltYet("the deploy action", 6);
  });
}

// actions/deploy/index.ts
await run();

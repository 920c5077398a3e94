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

// actions/gate/main.ts
async function run() {
  await runAction(async () => {
    readInputs({
      model: modelInput,
      config: configInput,
      candidate: external_exports.string({ error: "is required" }).min(1),
      baseline: external_exports.string().optional(),
      out: external_exports.string().default(".kiln/gate"),
      "github-token": external_exports.string().optional()
    });
    throw new NotBuiltYet("the gate action", 5);
  });
}

// actions/gate/index.ts
await run();

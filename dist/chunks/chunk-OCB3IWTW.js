import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  parseKilnFile
} from "./chunk-TEGK7FMR.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// core/monitor/production.ts
async function productionVersion(registry, model) {
  const version = await registry.alias(model, "production");
  if (!version) {
    throw new UsageError(`the registry has no production version of ${model}`, {
      hint: `Register a run and promote it first: kiln registry register --run run.json --profile profile.json, then kiln registry promote models:/${model}/<N> --to production`
    });
  }
  const runText = await registry.readFile(model, version.version, "run.json");
  if (runText === null) {
    throw new UsageError(`the registry's ${version.tag} (production) has no run.json`, {
      hint: "Register the version again with its run"
    });
  }
  const run = parseKilnFile("run", runText, `${version.tag}/run.json`);
  const profile = await registry.readFile(model, version.version, "profile.json");
  return { version, profile, run };
}

export {
  productionVersion
};

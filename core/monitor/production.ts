/** The production version a monitor compares against: its tag, training profile and run metrics. */
import { UsageError } from "../errors.js";
import { parseKilnFile } from "../files.js";
import type { RunRecord } from "../metrics/run-record.js";
import type { ModelRegistry, ModelVersion } from "../ports.js";

export interface ProductionVersion {
  version: ModelVersion;
  /** profile.json text of the training data, or null when the version was registered without one. */
  profile: string | null;
  run: RunRecord;
}

/** The registry's `production` alias; an unusable-input error naming the fix when there is none. */
export async function productionVersion(registry: ModelRegistry, model: string): Promise<ProductionVersion> {
  const version = await registry.alias(model, "production");
  if (!version) {
    throw new UsageError(`the registry has no production version of ${model}`, {
      hint: `Register a run and promote it first: kiln registry register --run run.json --profile profile.json, then kiln registry promote models:/${model}/<N> --to production`,
    });
  }
  const runText = await registry.readFile(model, version.version, "run.json");
  if (runText === null) {
    throw new UsageError(`the registry's ${version.tag} (production) has no run.json`, {
      hint: "Register the version again with its run",
    });
  }
  const run = parseKilnFile("run", runText, `${version.tag}/run.json`);
  const profile = await registry.readFile(model, version.version, "profile.json");
  return { version, profile, run };
}

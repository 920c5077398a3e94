/**
 * What a validation compares, from flags and the model's `data` config — one resolution for the
 * CLI and the action: the current data, the reference (a flag, `data.reference`, else the
 * production model's training profile from the registry, else none) and the schema.
 */
import type { ModelConfig } from "../config/schema.js";
import { UsageError } from "../errors.js";
import type { ModelRegistry } from "../ports.js";
import type { DriftSettings, FailOn } from "./validate.js";

export interface ValidationPlan {
  current: string;
  /** A data file or profile.json path, or a registry version's stored profile. */
  reference: { path: string } | { profile: string; label: string } | null;
  schema: string | null;
  drift: DriftSettings;
  failOn: FailOn[];
}

export interface PlanFlags {
  current?: string | undefined;
  reference?: string | undefined;
  schema?: string | undefined;
}

export async function planValidation(
  flags: PlanFlags,
  model: { name: string; config: ModelConfig } | null,
  registry: ModelRegistry | null,
): Promise<ValidationPlan> {
  const data = model?.config.data;
  const current = flags.current ?? data?.train;
  if (!current) {
    throw new UsageError("no data to validate", {
      hint: model
        ? `Give a file, or set models.${model.name}.data.train in the config`
        : "Give a file, or --config and --model",
    });
  }
  let reference: ValidationPlan["reference"] = null;
  const referencePath = flags.reference ?? data?.reference;
  if (referencePath) reference = { path: referencePath };
  else if (model && registry) {
    const production = await registry.alias(model.name, "production");
    const profile = production
      ? await registry.readFile(model.name, production.version, "profile.json")
      : null;
    if (production && profile) reference = { profile, label: `${production.tag} (production) training data` };
  }
  return {
    current,
    reference,
    schema: flags.schema ?? data?.schema ?? null,
    drift: data?.drift ?? { method: "auto", threshold: "auto", share: 0.5, columns: {} },
    failOn: data?.["fail-on"] ?? ["anomalies", "dataset-drift"],
  };
}

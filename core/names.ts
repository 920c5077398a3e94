/** The names that appear in artifacts, branches and tags — one definition for every adapter. */
import { UsageError } from "./errors.js";

export const MODEL_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const MODEL_NAME_RULE =
  "lowercase letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64 characters";

export function isModelName(name: string): boolean {
  return MODEL_NAME.test(name);
}

export function assertModelName(name: string, where = "model name"): string {
  if (!isModelName(name)) {
    throw new UsageError(`${where} ${JSON.stringify(name)} is not a valid model name`, {
      hint: `Use ${MODEL_NAME_RULE}`,
    });
  }
  return name;
}

export type ArtifactKind = "validate" | "run" | "gate" | "monitor" | "ct";
export const ARTIFACT_KINDS: readonly ArtifactKind[] = ["validate", "run", "gate", "monitor", "ct"];

/** `kiln-<kind>-<model>[-<variant>]`; sweep variants keep their suffix until `kiln sweep pick`. */
export function artifactName(kind: ArtifactKind, model: string, variant?: string): string {
  assertModelName(model);
  if (variant !== undefined && !/^[a-z0-9][a-z0-9._-]{0,63}$/.test(variant)) {
    throw new UsageError(`sweep variant ${JSON.stringify(variant)} is not valid`, {
      hint: `Use ${MODEL_NAME_RULE}`,
    });
  }
  return variant === undefined ? `kiln-${kind}-${model}` : `kiln-${kind}-${model}-${variant}`;
}

/** Parses an artifact name; the model is whatever follows the kind (variants are not split off). */
export function parseArtifactName(name: string): { kind: ArtifactKind; model: string } | null {
  const m = /^kiln-(validate|run|gate|monitor|ct)-(.+)$/.exec(name);
  if (!m?.[1] || !m[2] || !isModelName(m[2])) return null;
  return { kind: m[1] as ArtifactKind, model: m[2] };
}

export const HISTORY_BRANCH = "kiln/history";

export function retrainBranch(model: string): string {
  return `kiln/retrain/${assertModelName(model)}`;
}

export function retrainRequestPath(model: string): string {
  return `.kiln/retrain/${assertModelName(model)}.json`;
}

export const CONFIG_PATH = ".github/kiln.yml";

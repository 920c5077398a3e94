/**
 * Registry tags, GTO style: `<model>@v<N>` names a version, `<model>#<alias>#<counter>` assigns an
 * alias (the highest counter wins; older assignments stay as history). Shared by the local and the
 * GitHub registry, so both read and write the same names.
 */
import { UsageError } from "../errors.js";
import { assertModelName, isModelName } from "../names.js";

export const ALIAS_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export type RegistryTag =
  | { kind: "version"; model: string; version: number }
  | { kind: "alias"; model: string; alias: string; counter: number };

export function versionTag(model: string, version: number): string {
  assertModelName(model);
  if (!Number.isInteger(version) || version < 1)
    throw new UsageError(`version ${version} must be a positive integer`);
  return `${model}@v${version}`;
}

export function aliasTag(model: string, alias: string, counter: number): string {
  assertModelName(model);
  assertAlias(alias);
  return `${model}#${alias}#${counter}`;
}

export function assertAlias(alias: string): string {
  if (!ALIAS_NAME.test(alias)) {
    throw new UsageError(`alias ${JSON.stringify(alias)} is not valid`, {
      hint: "Use lowercase letters, digits, '_' or '-', e.g. production or staging",
    });
  }
  return alias;
}

export function parseTag(tag: string): RegistryTag | null {
  const version = /^(.+)@v([1-9]\d*)$/.exec(tag);
  if (version?.[1] && version[2] && isModelName(version[1])) {
    return { kind: "version", model: version[1], version: Number(version[2]) };
  }
  const alias = /^(.+)#([^#]+)#(\d+)$/.exec(tag);
  if (alias?.[1] && alias[2] && alias[3] && isModelName(alias[1]) && ALIAS_NAME.test(alias[2])) {
    return { kind: "alias", model: alias[1], alias: alias[2], counter: Number(alias[3]) };
  }
  return null;
}

/** `models:/<name>/<version>` or `models:/<name>@<alias>` (MLflow's URI forms). */
export type ModelUri = { model: string; version: number } | { model: string; alias: string };

export function parseModelUri(uri: string): ModelUri {
  const m = /^models:\/([^/@]+)(?:\/(\d+)|@([^/]+))$/.exec(uri);
  if (!m?.[1] || !isModelName(m[1]) || (m[3] !== undefined && !ALIAS_NAME.test(m[3]))) {
    throw new UsageError(`${JSON.stringify(uri)} is not a model URI`, {
      hint: "Write models:/<name>/<version> or models:/<name>@<alias>",
    });
  }
  return m[2] !== undefined ? { model: m[1], version: Number(m[2]) } : { model: m[1], alias: m[3] as string };
}

export function modelUri(model: string, version: number): string {
  return `models:/${model}/${version}`;
}

/**
 * Which models a change touches: `models.<name>.paths` globs against the changed files. Pure; the
 * CLI (`kiln config models`) asks git for the files and the workflows build their matrix from it.
 */
import type { KilnConfig } from "../config/schema.js";

/** One model as the workflows' matrix sees it (`matrix.model`, `matrix.data`, …). */
export interface ModelEntry {
  model: string;
  /** Has a data section: CI validates before training. */
  data: boolean;
  /** Has a train command. */
  train: boolean;
  /** Deploy environments from the config, in order. */
  environments: string[];
  /** Has a monitor section. */
  monitor: boolean;
}

export const SECTIONS = ["data", "train", "deploy", "monitor"] as const;
export type Section = (typeof SECTIONS)[number];

/** A glob as `paths` uses it: `**` crosses folders, `*` and `?` do not, `{a,b}` alternates. */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  let depth = 0;
  const g = glob.replace(/^\.\//, "");
  for (let i = 0; i < g.length; i++) {
    const c = g[i] as string;
    if (c === "*" && g[i + 1] === "*") {
      // `**/` matches zero or more folders; a trailing `**` everything below.
      if (g[i + 2] === "/") {
        re += "(?:.*/)?";
        i += 2;
      } else {
        re += ".*";
        i += 1;
      }
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "{") {
      depth++;
      re += "(?:";
    } else if (c === "}" && depth > 0) {
      depth--;
      re += ")";
    } else if (c === "," && depth > 0) re += "|";
    else re += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  // A folder (`models/penguins/` or `models/penguins`) also covers everything in it.
  return new RegExp(`^${re.replace(/\/$/, "")}(?:/.*)?$`);
}

/** True when any changed file matches one of the globs; no globs means every change counts. */
export function pathsMatch(globs: readonly string[], files: readonly string[]): boolean {
  if (globs.length === 0) return true;
  const res = globs.map(globToRegExp);
  return files.some((f) => res.some((re) => re.test(f.replace(/^\.\//, ""))));
}

/**
 * The config's models, in config order: all of them when `changed` is undefined (no base to compare
 * with), else those whose paths match a changed file. `has` keeps models with that section,
 * `environment` those that deploy there, `only` those named.
 */
export function selectModels(
  config: KilnConfig,
  opts: { changed?: readonly string[]; has?: Section; environment?: string; only?: readonly string[] } = {},
): ModelEntry[] {
  const out: ModelEntry[] = [];
  for (const [model, m] of Object.entries(config.models)) {
    const entry: ModelEntry = {
      model,
      data: m.data !== undefined,
      train: m.train !== undefined,
      environments: Object.keys(m.deploy?.environments ?? {}),
      monitor: m.monitor !== undefined,
    };
    if (opts.has === "deploy" ? m.deploy === undefined : opts.has && !entry[opts.has]) continue;
    if (opts.environment !== undefined && !entry.environments.includes(opts.environment)) continue;
    if (opts.only && !opts.only.includes(model)) continue;
    if (opts.changed && !pathsMatch(m.paths, opts.changed)) continue;
    out.push(entry);
  }
  return out;
}

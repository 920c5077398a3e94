/**
 * Production inputs as the config names them: one file, a profile.json, or a glob such as
 * `logs/serving/*.jsonl` (`*` and `?` within a path segment, `**` across segments). Globs are
 * expanded here because the readers take one file each; the profiles of the files are merged.
 */
import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { UsageError } from "../errors.js";
import { walkFiles } from "../fs.js";

const GLOB_CHARS = /[*?]/;

export function isGlob(path: string): boolean {
  return GLOB_CHARS.test(path);
}

/** The files a path or glob names, as shown paths (relative to root when the pattern was), sorted. */
export async function expandDataPath(pattern: string, root: string, what = "data"): Promise<string[]> {
  if (!isGlob(pattern)) {
    const info = await stat(resolve(root, pattern)).catch(() => null);
    if (!info?.isFile()) throw new UsageError(`${what} ${pattern} does not exist`, { hint: hintFor(what) });
    return [pattern];
  }
  const parts = pattern.split("/");
  const fixed: string[] = [];
  while (parts.length > 1 && !isGlob(parts[0] as string)) fixed.push(parts.shift() as string);
  const base = fixed.join("/") || ".";
  const dir = resolve(root, base);
  const files = await walkFiles(dir).catch(() => [] as string[]);
  const matcher = globRegExp(parts.join("/"));
  const matched = files
    .filter((rel) => matcher.test(rel))
    .map((rel) => (base === "." ? rel : `${base}/${rel}`))
    .sort();
  if (matched.length === 0) {
    throw new UsageError(`${what} ${pattern} matches no files (under ${join(root, base)})`, {
      hint: hintFor(what),
    });
  }
  return matched;
}

function hintFor(what: string): string {
  return `Point ${what} at recent production inputs (a file, a glob or a profile.json)`;
}

export function globRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === "*" && glob[i + 1] === "*") {
      // `**/` matches zero or more whole segments; a trailing `**` anything.
      if (glob[i + 2] === "/") {
        re += "(?:.*/)?";
        i += 2;
      } else {
        re += ".*";
        i += 1;
      }
    } else if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else re += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

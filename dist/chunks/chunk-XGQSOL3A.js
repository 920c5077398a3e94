import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  walkFiles
} from "./chunk-GG6ZXDCZ.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// core/monitor/data-files.ts
import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
var GLOB_CHARS = /[*?]/;
function isGlob(path) {
  return GLOB_CHARS.test(path);
}
async function expandDataPath(pattern, root, what = "data") {
  if (!isGlob(pattern)) {
    const info = await stat(resolve(root, pattern)).catch(() => null);
    if (!info?.isFile()) throw new UsageError(`${what} ${pattern} does not exist`, { hint: hintFor(what) });
    return [pattern];
  }
  const parts = pattern.split("/");
  const fixed = [];
  while (parts.length > 1 && !isGlob(parts[0])) fixed.push(parts.shift());
  const base = fixed.join("/") || ".";
  const dir = resolve(root, base);
  const files = await walkFiles(dir).catch(() => []);
  const matcher = globRegExp(parts.join("/"));
  const matched = files.filter((rel) => matcher.test(rel)).map((rel) => base === "." ? rel : `${base}/${rel}`).sort();
  if (matched.length === 0) {
    throw new UsageError(`${what} ${pattern} matches no files (under ${join(root, base)})`, {
      hint: hintFor(what)
    });
  }
  return matched;
}
function hintFor(what) {
  return `Point ${what} at recent production inputs (a file, a glob or a profile.json)`;
}
function globRegExp(glob) {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === "*" && glob[i + 1] === "*") {
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

export {
  isGlob,
  expandDataPath,
  globRegExp
};

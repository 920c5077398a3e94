import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * kiln's own folder (where package.json says "kiln"), found by walking up from this module: the
 * same answer from cli/ under tsx and from dist/ or dist/chunks/ when bundled.
 */
export function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file) && (JSON.parse(readFileSync(file, "utf8")) as { name?: string }).name === "kiln")
      return dir;
    if (dirname(dir) === dir) return from;
  }
}

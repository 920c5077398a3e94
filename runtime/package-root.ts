import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

interface PackageJson {
  name?: string;
  version?: string;
  repository?: string | { url?: string };
}

/**
 * kiln's own folder (where package.json says "kiln"), found by walking up from this module: the
 * same answer from sources under tsx and from dist/ or dist/chunks/ when bundled. A bundle shipped
 * without package.json (an action folder holding only action.yml files and dist/) answers the
 * folder above its dist/.
 */
export function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file) && (JSON.parse(readFileSync(file, "utf8")) as PackageJson).name === "kiln")
      return dir;
    if (dirname(dir) === dir) break;
  }
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) {
    if (basename(dir) === "dist") return dirname(dir);
  }
  return from;
}

// Set by scripts/build.ts (esbuild `define`), so a bundle knows its version without package.json.
declare const __KILN_VERSION__: string | undefined;
declare const __KILN_REPOSITORY__: string | undefined;

/** kiln's version and GitHub slug (`owner/name`), from package.json. */
export function kilnPackage(): { version: string; repository: string } {
  if (typeof __KILN_VERSION__ === "string" && typeof __KILN_REPOSITORY__ === "string") {
    return { version: __KILN_VERSION__, repository: __KILN_REPOSITORY__ };
  }
  const pkg = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as PackageJson;
  return { version: pkg.version ?? "0.0.0", repository: repositorySlug(pkg.repository) };
}

/** `owner/name` from package.json's repository field (a URL or `github:owner/name`). */
export function repositorySlug(repository: PackageJson["repository"]): string {
  const url = typeof repository === "string" ? repository : (repository?.url ?? "");
  const m =
    /github(?:\.com[/:]|:)([^/]+\/[^/.]+?)(?:\.git)?\/?$/.exec(url) ?? /^([\w.-]+\/[\w.-]+)$/.exec(url);
  return m?.[1] ?? "";
}

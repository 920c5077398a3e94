import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);

// runtime/package-root.ts
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
function packageRoot(from = dirname(fileURLToPath(import.meta.url))) {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file) && JSON.parse(readFileSync(file, "utf8")).name === "kiln")
      return dir;
    if (dirname(dir) === dir) break;
  }
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) {
    if (basename(dir) === "dist") return dirname(dir);
  }
  return from;
}
function kilnPackage() {
  if (true) {
    return { version: "0.1.0", repository: "kiln-ml/kiln" };
  }
  const pkg = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8"));
  return { version: pkg.version ?? "0.0.0", repository: repositorySlug(pkg.repository) };
}
function repositorySlug(repository) {
  const url = typeof repository === "string" ? repository : repository?.url ?? "";
  const m = /github(?:\.com[/:]|:)([^/]+\/[^/.]+?)(?:\.git)?\/?$/.exec(url) ?? /^([\w.-]+\/[\w.-]+)$/.exec(url);
  return m?.[1] ?? "";
}

export {
  packageRoot,
  kilnPackage
};

/**
 * Bundles every entry with esbuild. The CLI and the actions share chunks (one copy of core/ and
 * of zod/yaml in dist/); the app keeps its packages external because it is deployed with `npm ci`.
 * `--check` builds into a temporary folder and fails when dist/ differs from it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { build } from "esbuild";
import { repositorySlug } from "../runtime/package-root.js";

const ACTIONS = ["validate", "train", "gate", "deploy", "monitor"];
const check = process.argv.includes("--check");
const outdir = check ? mkdtempSync(join(tmpdir(), "kiln-dist-")) : "dist";

// Bundled CommonJS dependencies may call require(); ESM output has none unless we make one.
const banner = {
  js: 'import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);',
};

// The bundles learn kiln's version and slug at build time instead of carrying all of package.json.
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
  version: string;
  repository: { url: string };
};
const define = {
  __KILN_VERSION__: JSON.stringify(pkg.version),
  __KILN_REPOSITORY__: JSON.stringify(repositorySlug(pkg.repository)),
};

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outdir,
  banner,
  define,
  legalComments: "none",
  logLevel: "warning",
  charset: "utf8",
} as const;

if (!check) rmSync(outdir, { recursive: true, force: true });

await build({
  ...common,
  entryPoints: {
    cli: "cli/main.ts",
    setup: "actions/setup/index.ts",
    ...Object.fromEntries(ACTIONS.map((a) => [`actions/${a}`, `actions/${a}/index.ts`])),
  },
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
});

// perf: cjs-worker — profiling starts 20–30 ms sooner (core/data/PERFORMANCE.md).
// The profile worker alone, as CommonJS: a worker started from a CommonJS file skips the ESM
// loader's start-up and the module graph's round trips, and is profiling 20–30 ms sooner — on the
// path every `kiln validate` waits on. Self-contained, so it shares no chunk with the rest.
await build({
  ...common,
  banner: {},
  format: "cjs",
  entryPoints: { "profile-worker": "core/data/profile-worker.ts" },
  outExtension: { ".js": ".cjs" },
});

await build({ ...common, entryPoints: { app: "app/server.ts" }, packages: "external" });

if (check) {
  const differences = compare(outdir, "dist");
  rmSync(outdir, { recursive: true, force: true });
  if (differences.length > 0) {
    console.error(`dist/ is stale — run \`npm run build\` and commit dist/:\n  ${differences.join("\n  ")}`);
    process.exit(1);
  }
  console.log("dist/ matches a fresh build");
}

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  try {
    walk(dir);
  } catch {
    return [];
  }
  return out.sort();
}

function compare(fresh: string, committed: string): string[] {
  const a = new Set(files(fresh));
  const b = new Set(files(committed));
  const diffs: string[] = [];
  for (const f of a) {
    if (!b.has(f)) diffs.push(`missing: dist/${f}`);
    else if (!readFileSync(join(fresh, f)).equals(readFileSync(join(committed, f))))
      diffs.push(`differs: dist/${f}`);
  }
  for (const f of b) if (!a.has(f)) diffs.push(`not built any more: dist/${f}`);
  return diffs;
}

/**
 * The layering rules of docs/architecture.md, checked on the source: core knows no GitHub, no
 * process and no adapter; the shared runtime and the port implementations know no adapter; the
 * adapters do not import each other.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...sources(path));
    else if (name.endsWith(".ts")) out.push(path);
  }
  return out;
}

/** Each import of a file: the specifier, and the top-level folder it resolves into (relative ones). */
function imports(file: string): Array<{ spec: string; folder: string | null }> {
  const text = readFileSync(join(ROOT, file), "utf8");
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^;'"]*?from\s*["']([^"']+)["']/g)].map(
    (m) => m[1] as string,
  );
  // Side-effect imports (`import "x"`) and dynamic ones (`import("x")`).
  specs.push(...[...text.matchAll(/\bimport\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1] as string));
  return specs.map((spec) => {
    if (!spec.startsWith(".")) return { spec, folder: null };
    const target = relative(ROOT, resolve(ROOT, dirname(file), spec));
    return { spec, folder: target.split(sep)[0] as string };
  });
}

/** The code of a file without its comments, to look for process access. */
function code(file: string): string {
  return readFileSync(join(ROOT, file), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

function violations(dirs: string[], bad: (i: { spec: string; folder: string | null }) => boolean): string[] {
  return dirs.flatMap((d) =>
    sources(d).flatMap((f) =>
      imports(f)
        .filter(bad)
        .map((i) => `${f} → ${i.spec}`),
    ),
  );
}

const GITHUB_PACKAGES = /^(@actions\/|probot$|@probot\/|@octokit\/|octokit$)/;
const ADAPTERS = ["actions", "app", "cli"];

describe("layering", () => {
  it("core imports no GitHub package, no adapter, no runtime and no port implementation outside it", () => {
    const found = violations(
      ["core"],
      (i) => GITHUB_PACKAGES.test(i.spec) || (i.folder !== null && i.folder !== "core"),
    );
    expect(found).toEqual([]);
  });

  it("core reads no process.env and never calls process.exit", () => {
    const found = sources("core").filter((f) => /process\.(env|exit)\b/.test(code(f)));
    expect(found).toEqual([]);
  });

  it("the shared runtime and the GitHub implementations import no adapter", () => {
    const found = violations(["runtime", "github"], (i) => i.folder !== null && ADAPTERS.includes(i.folder));
    expect(found).toEqual([]);
  });

  it("the adapters do not import each other", () => {
    const found = ADAPTERS.flatMap((a) =>
      violations([a], (i) => i.folder !== null && i.folder !== a && ADAPTERS.includes(i.folder)),
    );
    expect(found).toEqual([]);
  });

  it("core/local holds only implementations of the ports (and their index)", () => {
    const ports = readFileSync(join(ROOT, "core/ports.ts"), "utf8");
    const portNames = [...ports.matchAll(/export interface (\w+)/g)].map((m) => m[1] as string);
    const notPorts = sources("core/local").filter((f) => {
      if (f.endsWith(`${sep}index.ts`)) return false;
      const text = readFileSync(join(ROOT, f), "utf8");
      return !portNames.some((p) => new RegExp(`implements [\\w, ]*\\b${p}\\b|: ${p} = `).test(text));
    });
    expect(notPorts).toEqual([]);
  });
});

describe("the performance wall (core/data/PERFORMANCE.md)", () => {
  it("lists every `perf: <id>` marker of the source, and each id it lists is marked somewhere", () => {
    const marked = new Set(
      ["core", "runtime", "cli", "actions", "scripts"].flatMap((d) =>
        sources(d).flatMap((f) =>
          [...readFileSync(join(ROOT, f), "utf8").matchAll(/perf: ([a-z0-9-]+) —/g)].map(
            (m) => m[1] as string,
          ),
        ),
      ),
    );
    const page = readFileSync(join(ROOT, "core/data/PERFORMANCE.md"), "utf8");
    const listed = new Set(
      [...page.matchAll(/^\| (`[a-z0-9-]+`(?:, `[a-z0-9-]+`)*) \|/gm)].flatMap((m) =>
        (m[1] as string).split(", ").map((id) => id.slice(1, -1)),
      ),
    );
    expect(marked.size).toBeGreaterThan(20);
    expect([...marked].filter((id) => !listed.has(id))).toEqual([]);
    expect([...listed].filter((id) => !marked.has(id))).toEqual([]);
  });
});

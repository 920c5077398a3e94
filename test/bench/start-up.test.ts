/**
 * What `kiln validate` and `kiln profile` load before they read data. Validating data files is
 * meant to load no schema library and no YAML parser (zod and the config schema cost tens of
 * milliseconds and megabytes at start-up, docs/benchmarks.md); an innocent value import of a
 * schema module undoes that without failing anything else. Bundled as scripts/build.ts bundles
 * the CLI, the static import graph of each entry is followed (dynamic imports, loaded on demand,
 * are not) and must not reach zod or yaml.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

const HEAVY = /node_modules\/(zod|yaml)\//;

/** Every input reached from `entry` through static imports (chunks included). */
function staticInputs(meta: Metafile, entry: string): string[] {
  const outputs = Object.entries(meta.outputs);
  const start = outputs.find(([, o]) => o.entryPoint === entry);
  if (!start) throw new Error(`no output for ${entry}`);
  const seen = new Set<string>([start[0]]);
  const queue = [start[0]];
  while (queue.length > 0) {
    const out = meta.outputs[queue.pop() as string];
    for (const i of out?.imports ?? []) {
      if (i.kind === "import-statement" && !i.external && !seen.has(i.path)) {
        seen.add(i.path);
        queue.push(i.path);
      }
    }
  }
  return [...seen].flatMap((o) => Object.keys(meta.outputs[o]?.inputs ?? {}));
}

describe("start-up of validating data files", () => {
  it("the validate and profile commands, the validation run and the profile worker load neither zod nor yaml", async () => {
    const outdir = mkdtempSync(join(tmpdir(), "kiln-start-up-"));
    const entries = [
      "cli/main.ts",
      "cli/commands/validate.ts",
      "runtime/validation-run.ts",
      "core/data/profile-worker.ts",
    ];
    try {
      const { metafile } = await build({
        entryPoints: entries,
        bundle: true,
        splitting: true,
        format: "esm",
        platform: "node",
        target: "node20",
        outdir,
        metafile: true,
        write: false,
        logLevel: "silent",
        define: { __KILN_VERSION__: '"0.0.0"', __KILN_REPOSITORY__: '"kiln-ml/kiln"' },
      });
      for (const entry of entries) {
        const inputs = staticInputs(metafile, entry);
        expect(inputs.length, entry).toBeGreaterThan(0);
        expect(
          inputs.filter((i) => HEAVY.test(i)),
          entry,
        ).toEqual([]);
      }
      // The check can fail: the config loader, reached on demand, does load both.
      const all = Object.keys(metafile.inputs);
      expect(all.some((i) => /node_modules\/zod\//.test(i))).toBe(true);
      expect(all.some((i) => /node_modules\/yaml\//.test(i))).toBe(true);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

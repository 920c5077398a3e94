import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_STEPS } from "../../cli/demo/steps.js";
import { kiln } from "./helpers.js";

describe("kiln demo", () => {
  it("runs every step on a copy of the example", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "kiln-demo-")), "out");
    const r = await kiln(["demo", "--out", out]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^kiln demo — the loop on examples\/penguins/);
    expect(lines).toHaveLength(DEMO_STEPS.length + 2);
    expect(r.stdout).toMatch(/1\. config +✅ \.github\/kiln\.yml valid: penguins {2}\(\d+ ms\)/);
    // The steps that are built ran the real commands on the working copy.
    expect(r.stdout).toMatch(/production +✅ penguins@v1 is production \(accuracy 0\.88\d*\)/);
    expect(r.stdout).toMatch(
      /validate +✅ passed: 275 rows · 7 columns · 0 anomalies · 0 of 7 columns drifted .* reference: penguins@v1 \(production\) training data/,
    );
    expect(r.stdout).toMatch(/train +✅ accuracy 0\.95\d+, f1_macro/);
    expect(r.stdout).toMatch(/gate +✅ passed: \d+ checks against penguins@v1/);
    expect(r.stdout).toMatch(
      /deploy +✅ penguins@v2 live in staging and production \(canary 10→50→100\); penguins@v3 failed its health check at 10% → rolled back to penguins@v2/,
    );
    expect(existsSync(join(out, "repo", ".kiln", "runs", "penguins", "run.json"))).toBe(true);
    expect(existsSync(join(out, "gate", "gate.json"))).toBe(true);
    expect(existsSync(join(out, "validate", "report.json"))).toBe(true);
    expect(r.stdout).toMatch(
      /monitor +✅ the normal batch is healthy; the shifted batch is degraded against penguins@v2: .*Body Mass \(g\).* drifted/,
    );
    expect(r.stdout).toMatch(/comment +✅ comment\.md: 3 metrics changed against penguins@v1, gate passed/);
    const comment = readFileSync(join(out, "comment.md"), "utf8");
    expect(comment).toMatch(
      /^<!-- kiln:metrics v1 -->\n<!-- kiln:model penguins -->\n### 🔥 kiln — penguins · gate ✅ passed/,
    );
    expect(comment).toMatch(/\| accuracy \| 0\.8841 \| 0\.9565 \| 🔺 \+0\.072464 \(\+8\.2%\) \|/);
    // Significance against the production version, from the per-example results kept with it.
    expect(comment).toMatch(
      /Significance: accuracy: .*paired bootstrap, 2000 resamples, 95%, 69 examples.*McNemar p = [0-9.]+/,
    );
    expect(comment).not.toContain("keeps no per-example results");
    expect(r.stdout).toMatch(
      /retrain +✅ opened #1 "Retrain penguins: .*drifted.*" on kiln\/retrain\/penguins with \.kiln\/retrain\/penguins\.json; the same signal again: unchanged/,
    );
    expect(r.stdout).toMatch(/✅ done: 9 steps ran in [^;]*; artifacts in /);
    // The registry says what is live where: v2 in both environments, the failed v3 nowhere.
    const list = await kiln(["registry", "list", "--model", "penguins", "--format", "json"], {
      cwd: join(out, "repo"),
    });
    const versions = JSON.parse(list.stdout).versions as Array<{ version: number; aliases: string[] }>;
    expect(versions.map((v) => [v.version, [...v.aliases].sort()])).toEqual([
      [1, []],
      [2, ["production", "staging"]],
      [3, []],
    ]);
    // The original example stays clean.
    expect(existsSync("examples/penguins/.kiln")).toBe(false);
  });

  it("fails with exit 1 and names the problem when a step fails", async () => {
    const example = mkdtempSync(join(tmpdir(), "kiln-bad-example-"));
    mkdirSync(join(example, ".github"));
    writeFileSync(
      join(example, ".github", "kiln.yml"),
      "models:\n  penguins:\n    trian: python3 train.py\n",
    );
    const out = join(mkdtempSync(join(tmpdir(), "kiln-demo-")), "out");
    const r = await kiln(["demo", "--example", example, "--out", out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /config +❌ .*3:5 models\.penguins\.trian: unknown key — did you mean "train"\?/,
    );
    expect(r.stdout).toMatch(/❌ failed: 0 steps ran/);
  });

  it("refuses an output folder inside the example and an example without a config (exit 2)", async () => {
    const inside = await kiln(["demo", "--out", "examples/penguins/out"]);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toMatch(/--out examples\/penguins\/out is inside the example/);
    const empty = await kiln(["demo", "--example", mkdtempSync(join(tmpdir(), "kiln-empty-"))]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/has no \.github\/kiln\.yml/);
  });
});

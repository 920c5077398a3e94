import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validationReportSchema } from "../../core/data/report.js";
import { WORKER_MIN_BYTES, worthAWorker } from "../../runtime/profile-prestart.js";
import { kiln } from "./helpers.js";

const EXAMPLE = "examples/penguins";

function exampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "kiln-validate-"));
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

describe("kiln validate", () => {
  it("prints report.json on stdout with --format json and exits 0 when it passes", async () => {
    const r = await kiln([
      "validate",
      `${EXAMPLE}/data/test.csv`,
      "--reference",
      `${EXAMPLE}/data/train.csv`,
      "--format",
      "json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const report = validationReportSchema.parse(JSON.parse(r.stdout));
    expect(report.passed).toBe(true);
    expect(report.rows).toEqual({ reference: 275, current: 69 });
    expect(report.columns.map((c) => c.drift?.method)).toEqual([
      "chisquare",
      "chisquare",
      "ks",
      "ks",
      "ks",
      "ks",
      "chisquare",
    ]);
  });

  it("exits 1 with the drifted columns when a check fails, and writes report, profile and summary with --out", async () => {
    const out = mkdtempSync(join(tmpdir(), "kiln-out-"));
    const r = await kiln([
      "validate",
      `${EXAMPLE}/data/serving-drifted/batch-0001.jsonl`,
      "--reference",
      `${EXAMPLE}/data/train.csv`,
      "--out",
      out,
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^❌ 69 rows · 6 columns · 1 anomaly · 2 of 6 columns drifted/);
    expect(r.stdout).toContain('missing_column "Species"');
    expect(r.stdout).toMatch(/drift "Body Mass \(g\)": ks/);
    expect(JSON.parse(readFileSync(join(out, "report.json"), "utf8")).passed).toBe(false);
    expect(JSON.parse(readFileSync(join(out, "profile.json"), "utf8")).schema).toBe("kiln.profile/v1");
    expect(readFileSync(join(out, "summary.md"), "utf8")).toMatch(/```mermaid\nxychart-beta/);
  });

  it("takes files, drift settings and fail-on from the model's config", async () => {
    const repo = exampleCopy();
    const r = await kiln(["validate", "--model", "penguins", "--format", "json"], { cwd: repo });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    // No reference in the example's config and no production model yet: schema-free, drift-free.
    expect(report.drift).toBeNull();
    expect(report.rows.current).toBe(275);
  });

  it("accepts a profile.json in place of data", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kiln-prof-"));
    const p = await kiln(["profile", `${EXAMPLE}/data/train.csv`, "--out", join(dir, "train.json")]);
    expect(p.code, p.stderr).toBe(0);
    const r = await kiln([
      "validate",
      `${EXAMPLE}/data/test.csv`,
      "--reference",
      join(dir, "train.json"),
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).rows.reference).toBe(275);
  });

  it("unusable input exits 2 with one line: missing file, unknown format, bad format flag, unknown model", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["validate", "nope.csv"], /^kiln: nope\.csv does not exist/],
      [["validate", "README.md"], /^kiln: README\.md: unknown data format/],
      [
        ["validate", `${EXAMPLE}/data/test.csv`, "--format", "yaml"],
        /^kiln: --format "yaml" is not supported/,
      ],
      [
        ["validate", "--config", `${EXAMPLE}/.github/kiln.yml`, "--model", "pengiuns"],
        /declares no model "pengiuns"\. Did you mean penguins\?/,
      ],
      [
        ["validate", `${EXAMPLE}/data/test.csv`, "--schema", "missing.yml"],
        /schema missing\.yml does not exist/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await kiln(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe("kiln profile and kiln schema infer", () => {
  it("profiles shards that merge into the single pass", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kiln-shards-"));
    const file = `${EXAMPLE}/data/penguins.csv`;
    await kiln(["profile", file, "--out", join(dir, "all.json")]);
    for (const i of [1, 2, 3])
      expect(
        (await kiln(["profile", file, "--shard", `${i}/3`, "--out", join(dir, `p${i}.json`)])).code,
      ).toBe(0);
    const merged = await kiln([
      "profile",
      "merge",
      join(dir, "p1.json"),
      join(dir, "p2.json"),
      join(dir, "p3.json"),
    ]);
    const all = JSON.parse(readFileSync(join(dir, "all.json"), "utf8"));
    const m = JSON.parse(merged.stdout);
    expect(m.rows).toBe(344);
    expect(
      m.columns.map((c: { name: string; count: number; missing: number }) => [c.name, c.count, c.missing]),
    ).toEqual(
      all.columns.map((c: { name: string; count: number; missing: number }) => [c.name, c.count, c.missing]),
    );
    expect((await kiln(["profile", file, "--shard", "4/3"])).stderr).toMatch(/--shard "4\/3" is not a shard/);
  });

  it("writes a schema that the same data passes, and ranges only with --ranges", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kiln-schema-"));
    const schema = join(dir, "schema.yml");
    expect((await kiln(["schema", "infer", `${EXAMPLE}/data/train.csv`, "--out", schema])).code).toBe(0);
    const text = readFileSync(schema, "utf8");
    expect(text).toMatch(/values:\n\s+- Adelie\n\s+- Chinstrap\n\s+- Gentoo/);
    expect(text).not.toMatch(/\bmin:/);
    expect((await kiln(["validate", `${EXAMPLE}/data/train.csv`, "--schema", schema])).code).toBe(0);
    await kiln(["schema", "infer", `${EXAMPLE}/data/train.csv`, "--out", schema, "--ranges"]);
    expect(readFileSync(schema, "utf8")).toMatch(/Body Mass \(g\):\n(?:.*\n){4}\s+min: \d+\n\s+max: 6300\n/);
    // A category the schema does not know fails with its line.
    const edited = join(dir, "new.csv");
    writeFileSync(
      edited,
      `${readFileSync(`${EXAMPLE}/data/test.csv`, "utf8")}Emperor,Ross,50,20,230,9000,MALE\n`,
    );
    const r = await kiln(["validate", edited, "--schema", schema]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/unexpected_category "Species": .* \(rows 71\)/);
  });
});

describe("the bundled CLI profiles in worker threads", () => {
  const validateArgs = (reference: string) => [
    "validate",
    `${EXAMPLE}/data/test.csv`,
    "--reference",
    reference,
    "--format",
    "json",
  ];
  const runBundled = (args: string[], flags: string[] = []) =>
    spawnSync(process.execPath, [...flags, "dist/cli.js", ...args], { encoding: "utf8" });

  it("gives the same report as in-process, with a reference large enough for a worker", async () => {
    // The example's training rows, repeated past WORKER_MIN_BYTES.
    const [header, ...rows] = readFileSync(`${EXAMPLE}/data/train.csv`, "utf8").trim().split("\n");
    const body = `${rows.join("\n")}\n`;
    const reference = join(mkdtempSync(join(tmpdir(), "kiln-worker-")), "train-large.csv");
    writeFileSync(reference, `${header}\n${body.repeat(Math.ceil((WORKER_MIN_BYTES + 1) / body.length))}`);
    expect(worthAWorker(reference)).toBe(true);
    const args = validateArgs(reference);
    const bundled = runBundled(args);
    expect(bundled.status, bundled.stderr).toBe(0);
    const inProcess = await kiln(args);
    expect(JSON.parse(bundled.stdout)).toEqual(JSON.parse(inProcess.stdout));
  });

  it("profiles a small reference beside the current data, to the same report", async () => {
    const args = validateArgs(`${EXAMPLE}/data/train.csv`);
    expect(worthAWorker(`${EXAMPLE}/data/train.csv`)).toBe(false);
    const bundled = runBundled(args);
    expect(bundled.status, bundled.stderr).toBe(0);
    const inProcess = await kiln(args);
    expect(JSON.parse(bundled.stdout)).toEqual(JSON.parse(inProcess.stdout));
  });

  it("gives the same report where code generation is disallowed (no compiled typed scan)", async () => {
    const args = validateArgs(`${EXAMPLE}/data/train.csv`);
    const hardened = runBundled(args, ["--disallow-code-generation-from-strings"]);
    expect(hardened.status, hardened.stderr).toBe(0);
    expect(JSON.parse(hardened.stdout)).toEqual(JSON.parse(runBundled(args).stdout));
  });
});

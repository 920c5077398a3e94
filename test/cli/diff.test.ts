import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kiln } from "./helpers.js";

const HEX = (c: string) => c.repeat(64);

function run(metrics: Record<string, number>, extra: Record<string, unknown> = {}) {
  return JSON.stringify({ schema: "kiln.run/v1", model: "penguins", metrics, ...extra });
}

/** Two penguins runs (the production version and a candidate) and a policy, in a temp folder. */
function repo() {
  const dir = mkdtempSync(join(tmpdir(), "kiln-cli-diff-"));
  mkdirSync(join(dir, ".github"));
  writeFileSync(
    join(dir, ".github", "kiln.yml"),
    'models:\n  penguins:\n    gate:\n      metrics:\n        accuracy: { min: 0.9, max-regression: 0.01 }\n        log_loss: { max-regression: "25%" }\n',
  );
  const slices = (f: number) => ({ "sex=FEMALE": { accuracy: f }, "sex=MALE": { accuracy: 0.95 } });
  writeFileSync(
    join(dir, "base.json"),
    run(
      { accuracy: 0.935, log_loss: 0.25, f1_macro: 0.9 },
      {
        params: { alpha: 1, max_iter: 200 },
        slices: slices(0.92),
        data: { "data/penguins.csv": { sha256: HEX("a"), rows: 344 } },
        code: { sha: "f95f852".padEnd(40, "0"), ref: "refs/heads/main" },
      },
    ),
  );
  writeFileSync(
    join(dir, "head.json"),
    run(
      { accuracy: 0.912, log_loss: 0.31, f1_macro: 0.9 },
      {
        params: { alpha: 5, max_iter: 200 },
        slices: slices(0.89),
        data: { "data/penguins.csv": { sha256: HEX("b"), rows: 330 } },
        code: { sha: "ec26c3e".padEnd(40, "1"), ref: "kiln/retrain/penguins" },
      },
    ),
  );
  return dir;
}

describe("kiln diff", () => {
  const dir = repo();

  it("markdown: the PR comment section", async () => {
    const r = await kiln(["diff", "base.json", "head.json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^<!-- kiln:metrics v1 -->\n<!-- kiln:model penguins -->\n### 🔥 kiln — penguins/,
    );
    expect(r.stdout).toContain("| metric | main `f95f852` | kiln/retrain/penguins `ec26c3e` | Δ |");
    expect(r.stdout).toContain("| accuracy | 0.935 | 0.912 | 🔻 −0.023 (−2.5%) |");
    expect(r.stdout).toContain(
      "<details><summary>Unchanged metrics (1) · params (1 changed) · slices (1 changed) · data changed</summary>",
    );
  });

  it("markdown with --gate: verdict and gate column; the chart from .kiln/history", async () => {
    const gate = await kiln(
      ["gate", "--candidate", "head.json", "--baseline", "base.json", "--model", "penguins", "--out", "gate"],
      { cwd: dir },
    );
    expect(gate.code).toBe(1);
    mkdirSync(join(dir, ".kiln", "history"), { recursive: true });
    writeFileSync(
      join(dir, ".kiln", "history", "penguins.jsonl"),
      [0.93, 0.935]
        .map((accuracy, i) =>
          JSON.stringify({
            model: "penguins",
            sha: `abc${i}`,
            ref: "main",
            run_id: `${i + 1}`,
            recorded_at: "2025-01-01T00:00:00Z",
            metrics: { accuracy },
          }),
        )
        .join("\n")
        .concat("\n"),
    );
    const r = await kiln(["diff", "base.json", "head.json", "--gate", "gate/gate.json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("· gate ❌ failed (1 of");
    expect(r.stdout).toContain(
      "| accuracy | 0.935 | 0.912 | 🔻 −0.023 (−2.5%) | ✅ ≥ 0.9; ❌ worse by ≤ 0.01 |",
    );
    expect(r.stdout).toContain('  x-axis ["r1", "r2", "PR"]');
  });

  it("--gate of another run is unusable input", async () => {
    await kiln(
      [
        "gate",
        "--candidate",
        "base.json",
        "--baseline",
        "base.json",
        "--model",
        "penguins",
        "--out",
        "gate-base",
      ],
      {
        cwd: dir,
      },
    );
    const r = await kiln(["diff", "base.json", "head.json", "--gate", "gate-base/gate.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kiln: gate-base\/gate\.json was written for another run than head\.json/);
  });

  it("json: the diff", async () => {
    const r = await kiln(["diff", "base.json", "head.json", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(0);
    const diff = JSON.parse(r.stdout);
    expect(diff.model).toBe("penguins");
    expect(diff.metrics[0]).toMatchObject({
      metric: "accuracy",
      base: 0.935,
      head: 0.912,
      status: "changed",
      trend: "worse",
    });
    expect(diff.params).toEqual([{ key: "alpha", base: 1, head: 5, status: "changed" }]);
    expect(diff.changed).toEqual({ metrics: 2, slices: 1, params: 1, data: 1 });
  });

  it("text: dvc-like, only changed rows unless --all", async () => {
    const r = await kiln(["diff", "base.json", "head.json", "--format", "text"], { cwd: dir });
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^Path +Metric +old +new +Change$/);
    expect(lines[1]).toMatch(/^head\.json +accuracy +0\.935 +0\.912 +-0\.023$/);
    expect(r.stdout).toMatch(/head\.json +slices\.sex=FEMALE\.accuracy +0\.92 +0\.89 +-0\.03\n/);
    expect(r.stdout).not.toContain("f1_macro");
    expect(r.stdout).toMatch(/alpha +1 +5/);
    expect(r.stdout).toContain("Data data/penguins.csv: changed");
    const all = await kiln(["diff", "base.json", "head.json", "--format", "text", "--all"], { cwd: dir });
    expect(all.stdout).toMatch(/head\.json +f1_macro +0\.9 +0\.9 +0\n/);
  });

  it("a metric on one side only shows '-'", async () => {
    writeFileSync(join(dir, "more.json"), run({ accuracy: 0.935, log_loss: 0.25, f1_macro: 0.9, auc: 0.97 }));
    const r = await kiln(["diff", "base.json", "more.json", "--format", "text"], { cwd: dir });
    expect(r.stdout).toMatch(/more\.json +auc +- +0\.97 +-\n/);
  });

  it("unusable input exits 2 with one line", async () => {
    writeFileSync(
      join(dir, "nan.json"),
      '{"schema":"kiln.run/v1","model":"penguins","metrics":{"accuracy":NaN}}',
    );
    writeFileSync(join(dir, "other.json"), '{"schema":"kiln.gate/v1"}');
    const cases: Array<[string[], RegExp]> = [
      [["diff", "missing.json", "head.json"], /run missing\.json does not exist/],
      [["diff", "base.json", "nan.json"], /nan\.json: metrics\.accuracy is NaN/],
      [["diff", "base.json", "other.json"], /other\.json/],
      [["diff", "base.json", "head.json", "--format", "html"], /--format "html" is not supported/],
      [["diff", "base.json", "head.json", "--gate", "nope.json"], /gate nope\.json does not exist/],
    ];
    for (const [args, message] of cases) {
      const r = await kiln(args, { cwd: dir });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(message);
      expect(r.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(r.stdout).toBe("");
    }
  });
});

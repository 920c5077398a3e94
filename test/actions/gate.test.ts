/** The gate action under @github/local-action: inputs, outputs, job summary, failing the step. */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const POLICY = `models:
  penguins:
    gate:
      metrics:
        accuracy: { min: 0.9, max-regression: 0.02 }
        log_loss: { max-regression: "10%" }
`;

function run(metrics: Record<string, unknown>) {
  return JSON.stringify({ schema: "kiln.run/v1", model: "penguins", metrics });
}

function setup() {
  const dir = mkdtempSync(join(tmpdir(), "kiln-la-gate-"));
  mkdirSync(join(dir, ".github"));
  writeFileSync(join(dir, ".github", "kiln.yml"), POLICY);
  writeFileSync(join(dir, "good.json"), run({ accuracy: 0.93, log_loss: 0.26 }));
  writeFileSync(join(dir, "bad.json"), run({ accuracy: 0.89, log_loss: 0.3 }));
  writeFileSync(join(dir, "base.json"), run({ accuracy: 0.935, log_loss: 0.25 }));
  writeFileSync(join(dir, "summary.md"), "");
  return dir;
}

function action(dir: string, inputs: Record<string, string>) {
  const env = [
    `INPUT_CONFIG=${join(dir, ".github", "kiln.yml")}`,
    `INPUT_OUT=${join(dir, "out")}`,
    `GITHUB_STEP_SUMMARY=${join(dir, "summary.md")}`,
    ...Object.entries(inputs).map(([k, v]) => `INPUT_${k.toUpperCase()}=${v}`),
  ].join("\n");
  writeFileSync(join(dir, ".env"), `${env}\n`);
  const r = spawnSync(
    join("node_modules", ".bin", "local-action"),
    ["run", "actions/gate", "main.ts", join(dir, ".env")],
    {
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  return `${r.stdout}${r.stderr}`;
}

describe("the gate action", () => {
  it("passes: outputs passed and report, gate.json written, the table in the job summary", () => {
    const dir = setup();
    const out = action(dir, {
      model: "penguins",
      candidate: join(dir, "good.json"),
      baseline: join(dir, "base.json"),
    });
    expect(out).toContain("::set-output name=passed::true");
    expect(out).toContain(`::set-output name=report::${join(dir, "out", "gate.json")}`);
    expect(out).not.toContain("::error::");
    const gate = JSON.parse(readFileSync(join(dir, "out", "gate.json"), "utf8"));
    expect(gate).toMatchObject({ schema: "kiln.gate/v1", passed: true, baseline: { source: "file" } });
    const summary = readFileSync(join(dir, "summary.md"), "utf8");
    expect(summary).toMatch(/### 🔥 kiln gate — penguins · ✅ passed \(3 checks\)/);
    expect(summary).toContain("| log\\_loss ↓ | 0.25 | 0.26 | 🔻 +0.01 (+4.0%) | ✅ worse by ≤ 10% |");
  });

  it("fails the step on a failed gate, naming the failed checks", () => {
    const dir = setup();
    const out = action(dir, {
      model: "penguins",
      candidate: join(dir, "bad.json"),
      baseline: join(dir, "base.json"),
    });
    expect(out).toContain("::set-output name=passed::false");
    expect(out).toMatch(
      /::error::the gate failed for penguins: 3 of 3 checks \(accuracy min, accuracy max-regression, log_loss max-regression\)/,
    );
    expect(JSON.parse(readFileSync(join(dir, "out", "gate.json"), "utf8")).passed).toBe(false);
    expect(readFileSync(join(dir, "summary.md"), "utf8")).toContain("❌ failed (3 of 3 checks)");
  });

  it("unusable input fails with the key path and writes no gate.json", () => {
    const dir = setup();
    writeFileSync(
      join(dir, "nan.json"),
      '{"schema":"kiln.run/v1","model":"penguins","metrics":{"accuracy":NaN}}',
    );
    const out = action(dir, { model: "penguins", candidate: join(dir, "nan.json") });
    expect(out).toContain("metrics.accuracy is NaN; metrics must be finite numbers");
    expect(out).not.toContain("::set-output name=passed");
  });

  it("without a baseline input or GitHub context, there is no baseline and the verdict is advisory", () => {
    const dir = setup();
    const out = action(dir, { model: "penguins", candidate: join(dir, "good.json") });
    expect(out).toContain("::set-output name=passed::true");
    const gate = JSON.parse(readFileSync(join(dir, "out", "gate.json"), "utf8"));
    expect(gate.baseline).toEqual({
      source: "none",
      notes: ["registry: not available here", "branch runs: not available here"],
    });
    expect(gate.advisory).toBe(true);
  });
});

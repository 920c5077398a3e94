import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localPorts } from "../../core/local/index.js";
import { kiln } from "./helpers.js";

const POLICY = `models:
  penguins:
    gate:
      metrics:
        accuracy: { min: 0.9, max-regression: 0.02 }
        log_loss: { max-regression: "10%" }
      slices:
        - { by: sex, max-gap: { accuracy: 0.1 } }
`;

function run(metrics: Record<string, number>, extra: Record<string, unknown> = {}) {
  return JSON.stringify({ schema: "kiln.run/v1", model: "penguins", metrics, ...extra });
}

/** A repository with the policy, a candidate and a baseline; committed in git when asked. */
function repo(opts: { git?: boolean; policy?: string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "kiln-cli-gate-"));
  mkdirSync(join(dir, ".github"));
  writeFileSync(join(dir, ".github", "kiln.yml"), opts.policy ?? POLICY);
  const slices = { "sex=FEMALE": { accuracy: 0.91 }, "sex=MALE": { accuracy: 0.95 } };
  writeFileSync(join(dir, "candidate.json"), run({ accuracy: 0.93, log_loss: 0.26 }, { slices }));
  writeFileSync(join(dir, "baseline.json"), run({ accuracy: 0.935, log_loss: 0.25 }, { slices }));
  writeFileSync(join(dir, "worse.json"), run({ accuracy: 0.9, log_loss: 0.3 }, { slices }));
  if (opts.git) {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
    git("init", "-q", "-b", "main");
    git(
      "-c",
      "user.email=t@example.com",
      "-c",
      "user.name=t",
      "-c",
      "commit.gpgsign=false",
      "commit",
      "-q",
      "--allow-empty",
      "-m",
      "init",
    );
    git("add", ".github/kiln.yml");
    git(
      "-c",
      "user.email=t@example.com",
      "-c",
      "user.name=t",
      "-c",
      "commit.gpgsign=false",
      "commit",
      "-qm",
      "policy",
    );
  }
  return dir;
}

const args = (...extra: string[]) => [
  "gate",
  "--model",
  "penguins",
  "--candidate",
  "candidate.json",
  ...extra,
];

describe("kiln gate", () => {
  it("passes with exit 0; --format json prints exactly gate.json, messages go to stderr", async () => {
    const cwd = repo();
    const r = await kiln(args("--baseline", "baseline.json", "--format", "json", "--out", "out"), { cwd });
    expect(r.code, r.stderr).toBe(0);
    const file = readFileSync(join(cwd, "out", "gate.json"), "utf8");
    expect(r.stdout).toBe(file);
    const gate = JSON.parse(file);
    expect(gate).toMatchObject({
      schema: "kiln.gate/v1",
      model: "penguins",
      passed: true,
      policy_source: "working-tree",
      advisory: true,
      baseline: { source: "file", path: "baseline.json" },
    });
    expect(gate.run_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(gate.checks.map((c: { rule: string }) => c.rule)).toEqual([
      "min",
      "max-regression",
      "max-regression",
      "slice-gap",
    ]);
    expect(r.stderr).toMatch(
      /advisory — \.github\/kiln\.yml is not in a git repository|advisory — \.github\/kiln\.yml is not committed/,
    );
    expect(r.stderr).toMatch(/penguins passed against baseline baseline\.json; wrote out\/gate\.json/);
  });

  it("fails with exit 1 and the markdown table by default; gate.json is still written", async () => {
    const cwd = repo();
    const r = await kiln(
      ["gate", "--model", "penguins", "--candidate", "worse.json", "--baseline", "baseline.json"],
      { cwd },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^### 🔥 kiln gate — penguins · ❌ failed \(2 of 4 checks\)/);
    expect(r.stdout).toContain("| log\\_loss ↓ | 0.25 | 0.3 | 🔻 +0.05 (+20.0%) | ❌ worse by ≤ 10% |");
    expect(JSON.parse(readFileSync(join(cwd, ".kiln", "gate", "gate.json"), "utf8")).passed).toBe(false);
    expect(r.stderr).toMatch(/penguins failed \(2 of 4 checks\)/);
  });

  it("without --baseline resolves the local registry's production version", async () => {
    const cwd = repo();
    const ports = localPorts({ root: join(cwd, ".kiln") });
    const v = await ports.registry.register("penguins", {
      run: JSON.parse(run({ accuracy: 0.99, log_loss: 0.1 })),
    });
    await ports.registry.assign("penguins", "production", v.version);
    const r = await kiln(args("--format", "json"), { cwd });
    expect(r.code).toBe(1);
    const gate = JSON.parse(r.stdout);
    expect(gate.baseline).toMatchObject({
      source: "registry",
      model_version: "penguins@v1",
      alias: "production",
    });
    expect(r.stderr).toMatch(/against baseline penguins@v1/);
  });

  it("with no baseline anywhere, change rules are skipped and the output says why", async () => {
    const cwd = repo();
    const r = await kiln(args("--format", "json"), { cwd });
    expect(r.code).toBe(0);
    const gate = JSON.parse(r.stdout);
    expect(gate.baseline.source).toBe("none");
    expect(gate.baseline.notes[0]).toBe("registry: no production version of penguins");
    expect(gate.checks.filter((c: { skipped?: boolean }) => c.skipped)).toHaveLength(2);
    const strict = repo({
      policy: POLICY.replace("    gate:\n", "    gate:\n      require-baseline: true\n"),
    });
    expect((await kiln(args(), { cwd: strict })).code).toBe(1);
  });

  it("a committed, unmodified policy counts: policy_source is <branch>@<commit>, no advisory", async () => {
    const cwd = repo({ git: true });
    const sha = execFileSync("git", ["rev-parse", "HEAD"], { cwd, encoding: "utf8" }).trim();
    const r = await kiln(args("--baseline", "baseline.json", "--format", "json"), { cwd });
    expect(r.code).toBe(0);
    const gate = JSON.parse(r.stdout);
    expect(gate.policy_source).toBe(`main@${sha}`);
    expect(gate.advisory).toBeUndefined();
    expect(r.stderr).not.toMatch(/advisory/);
    writeFileSync(join(cwd, ".github", "kiln.yml"), POLICY.replace("0.02", "0.5"));
    const loosened = await kiln(args("--baseline", "baseline.json", "--format", "json"), { cwd });
    expect(JSON.parse(loosened.stdout)).toMatchObject({ policy_source: "working-tree", advisory: true });
    expect(loosened.stderr).toMatch(/advisory — \.github\/kiln\.yml has uncommitted changes/);
  });

  it("significance from per-example results next to each run.json", async () => {
    const cwd = repo({
      policy: POLICY.replace("    gate:\n", "    gate:\n      significance: { resamples: 500 }\n"),
    });
    const rows = (wrong: number) =>
      `id,label,prediction\n${Array.from({ length: 50 }, (_, i) => `${i},a,${i < wrong ? "b" : "a"}`).join("\n")}\n`;
    mkdirSync(join(cwd, "c"));
    mkdirSync(join(cwd, "b"));
    writeFileSync(
      join(cwd, "c", "run.json"),
      run({ accuracy: 0.94, log_loss: 0.25 }, { examples: "predictions.csv" }),
    );
    writeFileSync(join(cwd, "c", "predictions.csv"), rows(3));
    writeFileSync(
      join(cwd, "b", "run.json"),
      run({ accuracy: 0.96, log_loss: 0.25 }, { examples: "predictions.csv" }),
    );
    writeFileSync(join(cwd, "b", "predictions.csv"), rows(2));
    const policy = POLICY.replace(
      "    gate:\n",
      "    gate:\n      significance: { resamples: 500 }\n",
    ).replace("      slices:\n        - { by: sex, max-gap: { accuracy: 0.1 } }\n", "");
    writeFileSync(join(cwd, ".github", "kiln.yml"), policy);
    const r = await kiln(
      [
        "gate",
        "--model",
        "penguins",
        "--candidate",
        "c/run.json",
        "--baseline",
        "b/run.json",
        "--format",
        "json",
      ],
      { cwd },
    );
    expect(r.code, r.stderr).toBe(0);
    const sig = JSON.parse(r.stdout).checks.filter((c: { rule: string }) => c.rule === "significance");
    expect(sig[0]).toMatchObject({ metric: "accuracy", significant: false, examples: 50, p_value: 1 });
    expect(sig[1]).toMatchObject({ metric: "log_loss", skipped: true });
    // A candidate that names its examples but lacks them is unusable input.
    writeFileSync(join(cwd, "c", "predictions.csv"), "");
    const empty = await kiln(
      ["gate", "--model", "penguins", "--candidate", "c/run.json", "--baseline", "b/run.json"],
      { cwd },
    );
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/predictions\.csv is empty/);
  });
});

describe("kiln gate: unusable input exits 2 with one clear line", () => {
  const write = (d: string, file: string, text: string) => writeFileSync(join(d, file), text);
  const cases: Array<[name: string, setup: (dir: string) => string[], message: RegExp]> = [
    [
      "a missing candidate",
      () => ["gate", "--model", "penguins", "--candidate", "nope.json"],
      /kiln: run nope\.json does not exist/,
    ],
    [
      "an empty candidate",
      (d) => {
        write(d, "e.json", "");
        return ["gate", "--model", "penguins", "--candidate", "e.json"];
      },
      /e\.json is empty/,
    ],
    [
      "a NaN metric",
      (d) => {
        write(d, "n.json", '{"schema":"kiln.run/v1","model":"penguins","metrics":{"accuracy":NaN}}');
        return ["gate", "--model", "penguins", "--candidate", "n.json"];
      },
      /n\.json: metrics\.accuracy is NaN; metrics must be finite numbers/,
    ],
    [
      "a string metric",
      (d) => {
        write(d, "s.json", run({ accuracy: "high" as unknown as number }));
        return ["gate", "--model", "penguins", "--candidate", "s.json"];
      },
      /s\.json: metrics\.accuracy: must be a finite number/,
    ],
    [
      "a policy typo",
      (d) => {
        write(d, ".github/kiln.yml", POLICY.replace("log_loss:", "logloss:"));
        return args("--baseline", "baseline.json");
      },
      /gate\.metrics\.logloss: neither the candidate nor the baseline reports "logloss" — did you mean "log_loss"\?/,
    ],
    [
      "an unknown model",
      () => ["gate", "--model", "pengiuns", "--candidate", "candidate.json"],
      /declares no model "pengiuns". Did you mean penguins\?/,
    ],
    ["a bad --format", () => args("--format", "yaml"), /--format "yaml" is not supported/],
    [
      "a baseline of another model",
      (d) => {
        write(
          d,
          "iris.json",
          JSON.stringify({ schema: "kiln.run/v1", model: "iris", metrics: { accuracy: 1 } }),
        );
        return args("--baseline", "iris.json");
      },
      /is a run of "iris", not penguins/,
    ],
    [
      "an invalid config",
      (d) => {
        write(
          d,
          ".github/kiln.yml",
          "models:\n  penguins:\n    gate: { metrics: { accuracy: { min: nope } } }\n",
        );
        return args();
      },
      /kiln\.yml is not a valid kiln config/,
    ],
  ];
  for (const [name, setup, message] of cases) {
    it(name, async () => {
      const cwd = repo();
      const r = await kiln(setup(cwd), { cwd });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe("");
    });
  }

  it("a missing required flag is a usage error", async () => {
    const r = await kiln(["gate", "--model", "penguins"], { cwd: repo() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/required option '--candidate <run\.json>' not specified/);
  });

  it("the candidate lacking a metric the baseline has fails (exit 1), not errors", async () => {
    const cwd = repo();
    writeFileSync(join(cwd, "partial.json"), run({ accuracy: 0.95 }));
    const r = await kiln(
      [
        "gate",
        "--model",
        "penguins",
        "--candidate",
        "partial.json",
        "--baseline",
        "baseline.json",
        "--format",
        "json",
      ],
      { cwd },
    );
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).checks).toContainEqual(
      expect.objectContaining({ metric: "log_loss", rule: "required", passed: false }),
    );
  });
});

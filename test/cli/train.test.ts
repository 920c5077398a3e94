import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { parseKilnFile } from "../../core/files.js";
import { gpuEnv, H100, penguins, testPath } from "../core/train/support.js";
import { kiln } from "./helpers.js";

const env = () => ({ PATH: testPath() });
const readRun = (dir: string, out = ".kiln/runs/penguins") =>
  parseKilnFile("run", readFileSync(join(dir, out, "run.json"), "utf8"), "run.json");

describe("kiln train on examples/penguins", () => {
  it("runs the config's command, streams its log and writes run.json with metrics, slices and lineage", async () => {
    const dir = penguins();
    const r = await kiln(["train", "--model", "penguins"], { cwd: dir, env: env() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("[train] accuracy 0.956522  f1_macro 0.954026  log_loss 0.081473\n");
    expect(r.stdout).toMatch(
      /✅ penguins: succeeded in [\d.]+ s — accuracy 0\.956522, f1_macro 0\.954026, log_loss 0\.081473/,
    );
    expect(r.stdout).toContain(
      "run.json: .kiln/runs/penguins/run.json; summary: .kiln/runs/penguins/summary.md; artifact: .kiln/artifacts/local/kiln-run-penguins/",
    );
    // The train action's job summary, written beside run.json and not uploaded with the run.
    const summary = readFileSync(join(dir, ".kiln/runs/penguins/summary.md"), "utf8");
    expect(summary).toMatch(/^### ✅ kiln train · penguins: succeeded in [\d.]+ s\n/);
    expect(summary).toContain("| accuracy | 0.956522 |");
    expect(summary).toContain("Artifact: `kiln-run-penguins`");
    expect(r.stderr).toContain("kiln: running python3 train.py --out model/ (timeout 10m, grace 10s)");
    const run = readRun(dir);
    expect(run.metrics).toEqual({
      accuracy: 0.956522,
      f1_macro: 0.954026,
      log_loss: 0.081473,
      "train.rows": 275,
      "test.rows": 69,
    });
    expect(run.slices?.["sex=FEMALE"]).toEqual({ accuracy: 1, rows: 29 });
    expect(Object.keys(run.slices ?? {})).toHaveLength(8);
    expect(run.params).toMatchObject({ model: "gaussian_nb", alpha: 1 });
    expect(run.data?.["data/train.csv"]?.rows).toBe(275);
    expect(run).toMatchObject({
      outcome: "succeeded",
      examples: "predictions.csv",
      artifacts: ["model/model.json"],
    });
    expect(run.env?.python).toMatch(/^3\./);
    const artifact = join(dir, ".kiln/artifacts/local/kiln-run-penguins");
    for (const file of ["run.json", "model/model.json", "predictions.csv"])
      expect(existsSync(join(artifact, file)), file).toBe(true);
    expect(existsSync(join(artifact, "summary.md"))).toBe(false);
  });

  it("runs the words after -- as given, without a shell", async () => {
    const dir = penguins();
    const r = await kiln(
      [
        "train",
        "--model",
        "penguins",
        "--",
        "python3",
        "train.py",
        "--out",
        "model/",
        "--predictions",
        "pred $HOME;*.csv",
      ],
      { cwd: dir, env: env() },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(dir, "pred $HOME;*.csv"))).toBe(true);
    expect(readRun(dir).command).toEqual([
      "python3",
      "train.py",
      "--out",
      "model/",
      "--predictions",
      "pred $HOME;*.csv",
    ]);
    // The config's examples file was not written this time: a warning, not a failure.
    expect(r.stderr).toMatch(/kiln: warning: examples predictions\.csv does not exist after training/);
  });

  it("refuses a command without -- and an unknown model (exit 2)", async () => {
    const dir = penguins();
    const bare = await kiln(["train", "--model", "penguins", "python3", "train.py"], {
      cwd: dir,
      env: env(),
    });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain(
      'kiln: unexpected argument "python3". Put the training command after `--`: kiln train --model penguins -- python3 train.py',
    );
    const unknown = await kiln(["train", "--model", "pengiuns"], { cwd: dir, env: env() });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('declares no model "pengiuns". Did you mean penguins?');
    const noModel = await kiln(["train"], { cwd: dir, env: env() });
    expect(noModel.code).toBe(2);
  });

  it("exits 1 when the trainer fails, and still writes run.json saying so", async () => {
    const dir = penguins();
    writeFileSync(join(dir, "params.json"), '{"model": "gaussian_nb", "numeric_features": []}');
    const r = await kiln(["train", "--model", "penguins"], { cwd: dir, env: env() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "train.py: error: params.json: name a feature in numeric_features or categorical_features",
    );
    expect(r.stdout).toContain("❌ penguins: failed in");
    expect(readRun(dir)).toMatchObject({
      outcome: "failed",
      exit_code: 2,
      failure: "the trainer exited with 2",
    });
  });

  it("fails the GPU preflight before training when the runner has no GPU (exit 1)", async () => {
    const dir = penguins();
    const r = await kiln(["train", "--model", "penguins", "--gpus", "1"], { cwd: dir, env: env() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "kiln: GPU preflight: models.penguins.train.gpus asks for 1 GPU(s) but nvidia-smi is not on PATH. Run this job on a GPU runner",
    );
    expect(existsSync(join(dir, "model"))).toBe(false);
    expect(existsSync(join(dir, ".kiln/runs/penguins/run.json"))).toBe(false);
    const bad = await kiln(["train", "--model", "penguins", "--gpus", "two"], { cwd: dir, env: env() });
    expect(bad.code).toBe(2);
  });

  it("records the GPUs nvidia-smi reports when --gpus asks for them", async () => {
    const dir = penguins();
    const r = await kiln(["train", "--model", "penguins", "--gpus", "1"], {
      cwd: dir,
      env: gpuEnv([H100], { KILN_TELEMETRY_INTERVAL: "50ms" }),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /GPU preflight: 1 asked, using 0 NVIDIA H100 80GB HBM3 \(81559 MiB\), driver 550\.54\.15, CUDA 12\.4/,
    );
    expect(readRun(dir).env?.gpus?.map((g) => g.name)).toEqual(["NVIDIA H100 80GB HBM3"]);
  });
});

describe("kiln train as a process: signals", () => {
  const tsx = pathToFileURL(resolve("node_modules/tsx/dist/loader.mjs")).href;
  const cli = resolve("cli/main.ts");

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal} to kiln reaches the trainer (its own SIGTERM trap checkpoints), and kiln exits 1`, async () => {
      const dir = penguins();
      // The example's real SIGTERM handler, in a trainer slow enough to be stopped.
      writeFileSync(
        join(dir, "slow.py"),
        "import signal, time, train\ntrain.out_dir = 'model'\ntrain.stage = 'fitting'\n" +
          "signal.signal(signal.SIGTERM, train.on_sigterm)\nprint('ready', flush=True)\ntime.sleep(30)\n",
      );
      const child = spawn(
        process.execPath,
        [
          "--import",
          tsx,
          cli,
          "train",
          "--model",
          "penguins",
          "--grace-period",
          "5s",
          "--",
          "python3",
          "slow.py",
        ],
        { cwd: dir, env: { PATH: testPath() }, stdio: ["ignore", "pipe", "pipe"] },
      );
      let stdout = "";
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => {
        stderr += d;
      });
      const code = await new Promise<number | null>((done) => {
        let sent = false;
        child.stdout.on("data", (d: Buffer) => {
          stdout += d;
          if (!sent && stdout.includes("ready\n")) sent = child.kill(signal);
        });
        child.on("exit", (c) => done(c));
      });
      expect(code, stderr).toBe(1);
      expect(stderr).toContain(`kiln: ${signal}: stopping the trainer`);
      expect(stdout).toContain("[train] interrupted by SIGTERM while fitting; exiting");
      expect(JSON.parse(readFileSync(join(dir, "model/checkpoint.json"), "utf8"))).toEqual({
        interrupted: true,
        signal: "SIGTERM",
        stage: "fitting",
      });
      expect(readRun(dir)).toMatchObject({
        outcome: "cancelled",
        exit_code: 143,
        failure: `the run was cancelled (${signal} to kiln)`,
      });
    });
  }
});

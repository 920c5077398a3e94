import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../core/config/load.js";
import { CheckFailed, UsageError } from "../../../core/errors.js";
import { parseKilnFile } from "../../../core/files.js";
import { LocalArtifactStore } from "../../../core/local/artifact-store.js";
import { Cancellation } from "../../../core/process/cancellation.js";
import { type TrainRequest, train } from "../../../core/train/train.js";
import { gpuEnv, H100, tempDir, testPath } from "./support.js";

const node = process.execPath;

/** A repository with a kiln config for model `m` whose trainer is the Node script `source`. */
function repo(opts: { model?: string; source: string; files?: Record<string, string> }) {
  const dir = tempDir("kiln-repo-");
  const files: Record<string, string> = {
    "train.mjs": opts.source,
    "data/train.csv": "x,y\n1,a\n2,b\n3,a\n",
    "params.yaml": "lr: 0.1\nlayers: [8, 8]\n",
    "requirements.txt": "numpy==2.0.0\n",
    ...opts.files,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const yaml =
    opts.model ??
    `models:
  m:
    train: { command: "${node} train.mjs", params: params.yaml, timeout: 20s }
    metrics: out/metrics.json
    examples: out/preds.csv
    artifacts: [model/]
    data: { train: data/train.csv }
`;
  const config = parseConfig(yaml, "kiln.yml").models.m;
  if (!config) throw new Error("no model m");
  return { dir, config };
}

const GOOD = `import { mkdirSync, writeFileSync } from "node:fs";
mkdirSync("out", { recursive: true });
mkdirSync("model", { recursive: true });
writeFileSync("model/w.bin", "weights");
writeFileSync("out/preds.csv", "id,label,prediction\\n2,a,a\\n");
writeFileSync("out/env.json", JSON.stringify(process.env));
writeFileSync("out/metrics.json", JSON.stringify({ acc: 0.9, loss: { val: 0.25 }, slices: { "g=a": { acc: 1, rows: 2 } } }));
console.log("trained");
`;

function run(
  dir: string,
  config: TrainRequest["config"],
  extra: Partial<TrainRequest> = {},
  store?: LocalArtifactStore,
) {
  const lines: string[] = [];
  const notes: string[] = [];
  const artifacts =
    store ?? new LocalArtifactStore({ root: join(dir, ".kiln", "artifacts"), runId: "local" });
  const profile = async (path: string) => ({
    schema: "kiln.profile/v1",
    rows: 3,
    source: { path },
    columns: [],
  });
  const result = train(
    {
      model: "m",
      config,
      configFile: "kiln.yml",
      cwd: dir,
      outDir: ".kiln/runs/m",
      env: { PATH: testPath() },
      graceMs: 500,
      resume: true,
      ...extra,
    },
    {
      store: artifacts,
      onLine: (_s, l) => lines.push(l),
      onNote: (m, level) => notes.push(`${level ?? "info"}: ${m}`),
      profile,
    },
  );
  return { result, lines, notes, store: artifacts };
}

function artifactFiles(dir: string, name = "kiln-run-m"): string[] {
  const root = join(dir, ".kiln", "artifacts", "local", name);
  return execFileSync("find", [".", "-type", "f"], { cwd: root, encoding: "utf8" })
    .trim()
    .split("\n")
    .map((f) => f.slice(2))
    .sort();
}

describe("train", () => {
  it("runs the trainer and writes a run.json that round-trips through parseKilnFile, with lineage", async () => {
    const { dir, config } = repo({ source: GOOD });
    const { result, lines } = run(dir, config);
    const r = await result;
    expect(r.outcome).toBe("succeeded");
    expect(lines).toEqual(["trained"]);
    const text = readFileSync(join(dir, ".kiln/runs/m/run.json"), "utf8");
    const parsed = parseKilnFile("run", text, "run.json");
    expect(parsed).toEqual(r.run);
    expect(parsed).toMatchObject({
      schema: "kiln.run/v1",
      model: "m",
      outcome: "succeeded",
      metrics: { acc: 0.9, "loss.val": 0.25 },
      slices: { "g=a": { acc: 1, rows: 2 } },
      params: { lr: 0.1, layers: [8, 8] },
      data: { "data/train.csv": { rows: 3, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } },
      artifacts: ["model/w.bin"],
      examples: "out/preds.csv",
      command: `${node} train.mjs`,
      exit_code: 0,
    });
    expect(parsed.env?.lockfiles).toEqual({ "requirements.txt": expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(parsed.env?.python).toMatch(/^3\.\d+/);
    expect(parsed.env?.node).toBe(process.version.slice(1));
    expect(Date.parse(parsed.started_at ?? "")).toBeGreaterThan(Date.now() - 60_000);
    expect(parsed.duration_s).toBeGreaterThan(0);
    expect(artifactFiles(dir)).toEqual(["model/w.bin", "out/preds.csv", "profile.json", "run.json"]);
    expect(readFileSync(join(dir, ".kiln/artifacts/local/kiln-run-m/model/w.bin"), "utf8")).toBe("weights");
    const trainerEnv = JSON.parse(readFileSync(join(dir, "out/env.json"), "utf8"));
    expect(trainerEnv).toMatchObject({
      KILN_MODEL: "m",
      KILN_RUN_DIR: join(dir, ".kiln/runs/m"),
      PYTHONUNBUFFERED: "1",
    });
    expect(trainerEnv.CUDA_VISIBLE_DEVICES).toBeUndefined();
  });

  it("records code from git before training: trainer outputs and kiln's folder never make it dirty", async () => {
    const { dir, config } = repo({ source: GOOD, files: { ".gitignore": "out/\nmodel/\n" } });
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8" }).trim();
    git("init", "-q", "-b", "main");
    git("add", ".");
    git("-c", "user.email=k@example.com", "-c", "user.name=k", "commit", "-qm", "init");
    const first = await run(dir, config).result;
    expect(first.run.code).toEqual({ sha: git("rev-parse", "HEAD"), ref: "refs/heads/main", dirty: false });
    const second = await run(dir, config).result;
    expect(second.run.code?.dirty).toBe(false);
    writeFileSync(join(dir, "train.mjs"), `${GOOD}\n// edited`);
    expect((await run(dir, config).result).run.code?.dirty).toBe(true);
  });

  it("says no profile was made when profiling the data fails, without failing the run", async () => {
    const { dir, config } = repo({ source: GOOD });
    const notes: string[] = [];
    const r = await train(
      {
        model: "m",
        config,
        configFile: "kiln.yml",
        cwd: dir,
        outDir: "out/run",
        env: { PATH: testPath() },
        resume: false,
      },
      {
        store: new LocalArtifactStore({ root: join(dir, "store"), runId: "local" }),
        onLine: () => {},
        onNote: (m) => notes.push(m),
        profile: async () => {
          throw new UsageError("data/train.csv:3: a quote is never closed");
        },
      },
    );
    expect(r.outcome).toBe("succeeded");
    expect(r.run.notes).toEqual([
      "no profile.json of data/train.csv: data/train.csv:3: a quote is never closed",
    ]);
    expect(existsSync(join(dir, "out/run/profile.json"))).toBe(false);
    expect(existsSync(join(dir, "store/local/kiln-run-m/profile.json"))).toBe(false);
  });

  it("a failing trainer: outcome failed with its exit code, no metrics and no model files uploaded", async () => {
    const { dir, config } = repo({ source: `console.error("boom"); process.exit(2);` });
    const { result, lines } = run(dir, config);
    const r = await result;
    expect(lines).toEqual(["boom"]);
    expect(r.run).toMatchObject({
      outcome: "failed",
      exit_code: 2,
      metrics: {},
      failure: "the trainer exited with 2",
    });
    expect(artifactFiles(dir)).toEqual(["profile.json", "run.json"]);
  });

  it("bad metrics fail the run and name the key path; a missing metrics file too", async () => {
    const nan = repo({
      source: `import { mkdirSync, writeFileSync } from "node:fs"; mkdirSync("out"); mkdirSync("model");
writeFileSync("model/w", "x"); writeFileSync("out/metrics.json", '{"acc": 0.9, "loss": {"val": NaN}}');`,
    });
    const r = await run(nan.dir, nan.config).result;
    expect(r.outcome).toBe("failed");
    expect(r.failure).toContain("out/metrics.json: loss.val: NaN is not a finite number");
    expect(r.run.metrics).toEqual({});
    expect(artifactFiles(nan.dir)).toEqual(["profile.json", "run.json"]);

    const none = repo({ source: "console.log('forgot the metrics')" });
    const r2 = await run(none.dir, none.config).result;
    expect(r2.outcome).toBe("failed");
    expect(r2.failure).toMatch(/^the trainer did not write out\/metrics\.json/);
  });

  it("a missing declared artifact fails the run; a missing examples file only warns", async () => {
    const noModel = repo({
      source: `import { mkdirSync, writeFileSync } from "node:fs"; mkdirSync("out"); writeFileSync("out/metrics.json", '{"acc": 1}');`,
    });
    const r = await run(noModel.dir, noModel.config).result;
    expect(r.outcome).toBe("failed");
    expect(r.failure).toMatch(/models\.m\.artifacts: model does not exist after training/);

    const noExamples = repo({
      source: `import { mkdirSync, writeFileSync } from "node:fs"; mkdirSync("out"); mkdirSync("model");
writeFileSync("model/w", "x"); writeFileSync("out/metrics.json", '{"acc": 1}');`,
    });
    const r2 = await run(noExamples.dir, noExamples.config).result;
    expect(r2.outcome).toBe("succeeded");
    expect(r2.run.examples).toBeUndefined();
    expect(r2.notes.join("\n")).toMatch(
      /examples out\/preds\.csv does not exist after training.*significance tests cannot run/,
    );
  });

  it("a timed-out run keeps its checkpoints; the next attempt restores them before the trainer starts", async () => {
    const yaml = `models:
  m:
    train: { command: "${node} train.mjs", timeout: 1s, checkpoints: checkpoints/ }
    metrics: metrics.json
`;
    const source = `import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
const resumed = existsSync("checkpoints/step-1") ? 1 : 0;
if (resumed) { writeFileSync("metrics.json", JSON.stringify({ resumed, from: Number(readFileSync("checkpoints/step-1", "utf8")) })); process.exit(0); }
mkdirSync("checkpoints", { recursive: true });
writeFileSync("checkpoints/step-1", "41");
process.on("SIGTERM", () => { writeFileSync("checkpoints/step-1", "42"); process.exit(143); });
setInterval(() => {}, 1000);
`;
    const first = repo({ source, model: yaml });
    const store = new LocalArtifactStore({ root: join(tempDir(), "artifacts"), runId: "run-7" });
    const r1 = await run(first.dir, first.config, {}, store).result;
    expect(r1.outcome).toBe("timed-out");
    expect(r1.run).toMatchObject({ outcome: "timed-out", exit_code: 143, metrics: {} });
    expect(r1.failure).toBe("the trainer ran past its timeout of 1s");
    const kept = join(store.root, "run-7", "kiln-run-m");
    expect(readFileSync(join(kept, "kiln-checkpoints", "step-1"), "utf8")).toBe("42");

    // A fresh runner: a new checkout without checkpoints/, the same workflow run's artifacts.
    const second = repo({ source, model: yaml });
    const { result, notes } = run(second.dir, second.config, {}, store);
    const r2 = await result;
    expect(notes).toContain("info: resume: restored 1 checkpoint file(s) into checkpoints from kiln-run-m");
    expect(r2.outcome).toBe("succeeded");
    expect(r2.run.metrics).toEqual({ resumed: 1, from: 42 });

    // Checkpoints already on disk (a local re-run, a persistent runner) win over the artifact's.
    const third = run(second.dir, second.config, {}, store);
    expect((await third.result).outcome).toBe("succeeded");
    expect(third.notes).toContain(
      "info: resume: checkpoints already has files; the trainer resumes from them",
    );
  });

  it("is cancelled through the Cancellation the adapter raises on SIGTERM/SIGINT", async () => {
    const { dir, config } = repo({
      source: `process.on("SIGTERM", () => { console.log("saving"); process.exit(143); }); console.log("ready"); setInterval(() => {}, 1000);`,
    });
    const cancellation = new Cancellation();
    const lines: string[] = [];
    const pending = train(
      {
        model: "m",
        config,
        configFile: "kiln.yml",
        cwd: dir,
        outDir: "o",
        env: { PATH: testPath() },
        resume: false,
      },
      {
        store: new LocalArtifactStore({ root: join(dir, "store"), runId: "local" }),
        cancellation,
        onLine: (_s, l) => {
          lines.push(l);
          if (l === "ready") cancellation.cancel("SIGTERM to kiln");
        },
        onNote: () => {},
        profile: async () => ({ schema: "kiln.profile/v1", rows: 0, columns: [] }),
      },
    );
    const r = await pending;
    expect(r.outcome).toBe("cancelled");
    expect(lines).toEqual(["ready", "saving"]);
    expect(r.run).toMatchObject({ outcome: "cancelled", exit_code: 143 });
    expect(r.failure).toBe("the run was cancelled (SIGTERM to kiln)");
  });

  it("on a GPU runner: preflight, CUDA_VISIBLE_DEVICES for the trainer, GPUs and telemetry in run.json", async () => {
    const { dir, config } = repo({
      // Trains until the stand-in nvidia-smi has been sampled twice (it logs each call).
      source: `${GOOD}
import { existsSync, readFileSync } from "node:fs";
const sampled = () => existsSync("smi.log") && readFileSync("smi.log", "utf8").split("utilization.gpu").length > 2;
for (let i = 0; i < 200 && !sampled(); i++) await new Promise((r) => setTimeout(r, 50));
writeFileSync("out/cvd", process.env.CUDA_VISIBLE_DEVICES ?? "unset");`,
      files: { "out/.keep": "" },
    });
    const env = gpuEnv([H100, H100], { FAKE_NVIDIA_SMI_LOG: join(dir, "smi.log") });
    const r = await run(dir, config, { gpus: 1, env, telemetryIntervalMs: 50 }).result;
    expect(r.outcome).toBe("succeeded");
    expect(readFileSync(join(dir, "out/cvd"), "utf8")).toBe("0");
    expect(r.run.env?.gpus).toEqual([
      expect.objectContaining({
        name: "NVIDIA H100 80GB HBM3",
        memory_mb: 81559,
        driver: "550.54.15",
        cuda: "12.4",
      }),
    ]);
    const samples = r.run.telemetry?.samples ?? [];
    expect(samples.length).toBeGreaterThanOrEqual(2);
    expect(
      samples.every((s) => s.gpu === 0 && s.util === 87 && s.memory_mb === 40211 && s.power_w === 312.45),
    ).toBe(true);
  });

  it("fails the preflight before the trainer starts when fewer GPUs are visible than asked", async () => {
    const { dir, config } = repo({
      source: `import { writeFileSync } from "node:fs"; writeFileSync("started", "1");`,
    });
    const err = await run(dir, config, { gpus: 2, env: gpuEnv([H100]) }).result.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CheckFailed);
    expect((err as Error).message).toMatch(/models\.m\.train\.gpus asks for 2 GPU\(s\) but 1 is visible/);
    expect(existsSync(join(dir, "started"))).toBe(false);
    expect(existsSync(join(dir, ".kiln/runs/m/run.json"))).toBe(false);
  });

  it("refuses unusable declarations before anything runs", async () => {
    const cases: Array<[string, RegExp]> = [
      [
        "models:\n  m:\n    metrics: m.json\n",
        /kiln\.yml: models\.m\.train is not set and no command was given/,
      ],
      ["models:\n  m:\n    train: x\n    artifacts: ['model/*.bin']\n", /is a glob/],
      ["models:\n  m:\n    train: x\n    artifacts: [.kiln]\n", /overlaps the output folder \.kiln\/runs\/m/],
      ["models:\n  m:\n    train: x\n    artifacts: ['../elsewhere']\n", /escapes the root directory/],
      ["models:\n  m:\n    train: { command: x, params: nope.yaml }\n", /nope\.yaml does not exist/],
      ["models:\n  m:\n    train: x\n    artifacts: [run.json]\n", /clashes with kiln's own run\.json/],
    ];
    for (const [yaml, message] of cases) {
      const { dir, config } = repo({ source: "", model: yaml });
      const err = await run(dir, config).result.catch((e: unknown) => e);
      expect(err, yaml).toBeInstanceOf(UsageError);
      expect((err as Error).message, yaml).toMatch(message);
    }
  });

  it("a sweep variant uploads kiln-run-<model>-<variant> and records the variant", async () => {
    const { dir, config } = repo({ source: GOOD });
    const r = await run(dir, config, { variant: "lr-0.1" }).result;
    expect(r.artifact.name).toBe("kiln-run-m-lr-0.1");
    expect(r.run.variant).toBe("lr-0.1");
    await expect(run(dir, config, { variant: "Bad Name" }).result).rejects.toThrow(
      /sweep variant "Bad Name" is not valid/,
    );
  });
});

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../core/config/load.js";
import { CheckFailed, UsageError } from "../../../core/errors.js";
import { type EvaluationRequest, runEvaluation } from "../../../core/evaluate/run-evaluation.js";
import { Cancellation } from "../../../core/process/cancellation.js";
import { gpuEnv, H100, tempDir, testPath } from "../train/support.js";

const node = process.execPath;
const sha = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** Writes metrics (and examples when asked for) and dumps what it saw into the output folder. */
const SCORER = `
import { lstatSync, mkdirSync, readdirSync, readlinkSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
const env = process.env;
const data = env.KILN_EVAL_DATA;
const listing = statSync(data).isDirectory()
  ? readdirSync(data).map((name) => ({ name, target: lstatSync(join(data, name)).isSymbolicLink() ? readlinkSync(join(data, name)) : null }))
  : null;
const seen = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith("KILN_") || k === "CUDA_VISIBLE_DEVICES"));
writeFileSync(join(env.KILN_OUTPUT_DIR, "seen.json"), JSON.stringify({ env: seen, cwd: process.cwd(), listing }));
writeFileSync(env.KILN_METRICS_FILE, JSON.stringify({ accuracy: 0.75, nested: { loss: 0.5 }, slices: { "g=a": { accuracy: 1 } } }));
if (env.KILN_EXAMPLES_FILE) writeFileSync(env.KILN_EXAMPLES_FILE, "id,label,prediction\\n1,a,a\\n");
console.log("scored");
`;

interface RepoOptions {
  /** The model's YAML entry under `m:`, indented by four spaces. */
  entry?: string;
  files?: Record<string, string>;
}

/** A repository with a config for model `m`, a scorer script and a model folder. */
function repo(opts: RepoOptions = {}) {
  const dir = tempDir("kiln-eval-");
  const files: Record<string, string> = {
    "score.mjs": SCORER,
    "data/test.csv": "x,y\n1,a\n2,b\n3,a\n",
    "model/weights.bin": "w",
    ...opts.files,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const entry =
    opts.entry ??
    `    evaluate: { command: "${node} score.mjs", data: data/test.csv, timeout: 20s }
    metrics: out/metrics.json
    examples: out/preds.csv
    gate:
      metrics:
        accuracy: { min: 0.5 }
        nested.loss: { max: 1 }
        recall: { min: 0.5, required: false }
`;
  const config = parseConfig(`models:\n  m:\n${entry}`, "kiln.yml").models.m;
  if (!config) throw new Error("no model m");
  const request = (extra: Partial<EvaluationRequest> = {}): EvaluationRequest => ({
    model: "m",
    config,
    configFile: "kiln.yml",
    cwd: dir,
    modelDir: join(dir, "model"),
    outDir: join(dir, ".kiln", "evaluate", "m"),
    env: { PATH: testPath() },
    ...extra,
  });
  return { dir, config, request };
}

const seenIn = (outDir: string) =>
  JSON.parse(readFileSync(join(outDir, "seen.json"), "utf8")) as {
    env: Record<string, string>;
    cwd: string;
    listing: Array<{ name: string; target: string | null }> | null;
  };

async function failure(promise: Promise<unknown>): Promise<Error> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof Error)) throw new Error("expected the evaluation to fail");
  return err;
}

describe("runEvaluation", () => {
  it("gives the command kiln's variables and returns its metrics, examples, data and code digests", async () => {
    const { dir, request } = repo();
    const req = request({
      env: { PATH: testPath(), KILN_MODEL_VERSION: "stale", KILN_RUN_DIR: "/stale", KEEP: "me" },
      label: "the candidate",
    });
    // A stale file from an earlier evaluation must not survive.
    mkdirSync(req.outDir, { recursive: true });
    writeFileSync(join(req.outDir, "old.json"), "{}");
    const lines: string[] = [];
    const evaluation = await runEvaluation(req, { onLine: (_s, l) => lines.push(l) });

    const seen = seenIn(req.outDir);
    expect(seen.cwd).toBe(dir);
    expect(seen.env).toEqual({
      KILN_MODEL: "m",
      KILN_MODEL_DIR: join(dir, "model"),
      KILN_EVAL_DATA: join(dir, "data/test.csv"),
      KILN_OUTPUT_DIR: req.outDir,
      KILN_METRICS_FILE: join(req.outDir, "metrics.json"),
      KILN_EXAMPLES_FILE: join(req.outDir, "preds.csv"),
    });
    expect(readdirSync(req.outDir).sort()).toEqual(["metrics.json", "preds.csv", "seen.json"]);
    expect(lines).toEqual(["scored"]);
    const data = readFileSync(join(dir, "data/test.csv"));
    expect(evaluation).toEqual({
      metrics: { accuracy: 0.75, "nested.loss": 0.5 },
      slices: { "g=a": { accuracy: 1 } },
      metricsFile: join(req.outDir, "metrics.json"),
      examplesFile: join(req.outDir, "preds.csv"),
      examplesSha256: sha("id,label,prediction\n1,a,a\n"),
      data: { path: "data/test.csv", sha256: sha(data), rows: 3 },
      codeDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
      outcome: "succeeded",
    });
  });

  it("sets KILN_MODEL_VERSION when scoring a registry version, and no examples file when none is declared", async () => {
    const { request } = repo({
      entry: `    evaluate: { command: "${node} score.mjs", data: data/test.csv }\n`,
    });
    const req = request({ version: "m@v3", env: { PATH: testPath(), KILN_EXAMPLES_FILE: "/stale.csv" } });
    const evaluation = await runEvaluation(req);
    const { env } = seenIn(req.outDir);
    expect(env.KILN_MODEL_VERSION).toBe("m@v3");
    expect(env.KILN_EXAMPLES_FILE).toBeUndefined();
    expect(evaluation.examplesFile).toBeNull();
    expect(evaluation.examplesSha256).toBeNull();
  });

  it("links a glob's files into a fresh folder beside the output folder, in sorted order", async () => {
    const { dir, request } = repo({
      files: {
        "data/b/x.csv": "v\n1\n",
        "data/a/z.csv": "v\n1\n2\n",
        "data/a/y.csv": "v\n3\n",
        "data/a/skip.txt": "not matched",
      },
    });
    const req = request({ data: "data/**/*.csv" });
    const evaluation = await runEvaluation(req);
    const seen = seenIn(req.outDir);
    const linkDir = seen.env.KILN_EVAL_DATA as string;
    expect(dirname(linkDir)).toBe(dirname(req.outDir));
    expect(linkDir.startsWith(`${req.outDir}/`)).toBe(false);
    expect(seen.listing).toEqual([
      { name: "0001-y.csv", target: join(dir, "data/a/y.csv") },
      { name: "0002-z.csv", target: join(dir, "data/a/z.csv") },
      { name: "0003-x.csv", target: join(dir, "data/b/x.csv") },
      { name: "0004-test.csv", target: join(dir, "data/test.csv") },
    ]);
    // The links are kiln's scaffolding: gone afterwards.
    expect(existsSync(linkDir)).toBe(false);
    const list = ["data/a/y.csv", "data/a/z.csv", "data/b/x.csv", "data/test.csv"]
      .map((p) => `${sha(readFileSync(join(dir, p)))}  ${p}\n`)
      .join("");
    expect(evaluation.data).toEqual({ path: "data/**/*.csv", sha256: sha(list), rows: 1 + 2 + 1 + 3 });
  });

  it("passes a folder as it is, and digests its files as a glob's", async () => {
    const { dir, request } = repo({ files: { "eval/2.csv": "v\n1\n", "eval/1.csv": "v\n2\n" } });
    const req = request({ data: "eval" });
    const evaluation = await runEvaluation(req);
    const seen = seenIn(req.outDir);
    expect(seen.env.KILN_EVAL_DATA).toBe(join(dir, "eval"));
    expect(seen.listing).toEqual([
      { name: "1.csv", target: null },
      { name: "2.csv", target: null },
    ]);
    const list = ["eval/1.csv", "eval/2.csv"]
      .map((p) => `${sha(readFileSync(join(dir, p)))}  ${p}\n`)
      .join("");
    expect(evaluation.data).toEqual({ path: "eval", sha256: sha(list), rows: 2 });
  });

  it("takes the data from the request with the short form, and says where to give it when there is none", async () => {
    const { dir, request } = repo({
      entry: `    evaluate: ${node} score.mjs\n`,
      files: { "other.csv": "a\n1\n" },
    });
    const err = await failure(runEvaluation(request()));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toBe(
      "kiln.yml: models.m.evaluate names no evaluation data (the short form `evaluate: <command>` has none) and none was given",
    );
    expect((err as UsageError).hint).toMatch(/--data PATH/);
    const evaluation = await runEvaluation(request({ data: join(dir, "other.csv") }));
    expect(evaluation.data).toMatchObject({ path: join(dir, "other.csv"), rows: 1 });
  });

  it("refuses a model without evaluate:, naming the config file and the model", async () => {
    const { request } = repo({ entry: "    train: python3 train.py\n" });
    const err = await failure(runEvaluation(request()));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toBe("kiln.yml: models.m.evaluate is not set, so kiln cannot score m");
  });

  it("refuses missing model files and data that matches nothing (exit 2), before running anything", async () => {
    const { dir, request } = repo();
    const noModel = await failure(runEvaluation(request({ modelDir: join(dir, "nope"), label: "m@v2" })));
    expect(noModel).toBeInstanceOf(UsageError);
    expect(noModel.message).toBe(`the model files of m@v2 are missing: ${join(dir, "nope")} does not exist`);

    const noFile = await failure(runEvaluation(request({ data: "data/missing.csv" })));
    expect(noFile).toBeInstanceOf(UsageError);
    expect(noFile.message).toBe(`the evaluation data data/missing.csv does not exist (under ${dir})`);

    const noMatch = await failure(runEvaluation(request({ data: "data/*.parquet" })));
    expect(noMatch).toBeInstanceOf(UsageError);
    expect(noMatch.message).toBe(
      `the evaluation data data/*.parquet matches no files (under ${join(dir, "data")})`,
    );
    expect(existsSync(join(dir, ".kiln"))).toBe(false);
  });

  it("never empties a folder that holds the repository, the model or the data", async () => {
    const { dir, request } = repo();
    for (const [outDir, what] of [
      [dir, "holds the working directory"],
      [join(dir, "model"), "overlaps the model files"],
      [join(dir, "data"), "holds the evaluation data data/test.csv"],
    ] as const) {
      const err = await failure(runEvaluation(request({ outDir })));
      expect(err).toBeInstanceOf(UsageError);
      expect(err.message).toContain(`the output folder ${outDir} ${what}`);
    }
    expect(existsSync(join(dir, "score.mjs"))).toBe(true);
    expect(existsSync(join(dir, "model/weights.bin"))).toBe(true);
  });

  it("fails with the command's last stderr lines when it exits non-zero (exit 1)", async () => {
    const lines = Array.from({ length: 15 }, (_, i) => `console.error("line ${i + 1}");`).join("\n");
    const { request } = repo({ files: { "score.mjs": `${lines}\nprocess.exit(3);\n` } });
    const err = await failure(runEvaluation(request({ label: "the candidate" })));
    expect(err).toBeInstanceOf(CheckFailed);
    expect(err.message).toMatch(/^the evaluate command exited with 3 while scoring the candidate \(run `/);
    expect(err.message).toContain("; its last stderr lines:\n  line 6\n");
    expect(err.message).not.toContain("line 5\n");
    expect(err.message.endsWith("  line 15")).toBe(true);
  });

  it("stops a command that runs past its timeout with SIGTERM", async () => {
    const { dir, request } = repo({
      entry: `    evaluate: { command: "${node} score.mjs", data: data/test.csv, timeout: 500ms }\n`,
      files: {
        "score.mjs": `
import { writeFileSync } from "node:fs";
process.on("SIGTERM", () => { writeFileSync("sigterm.txt", "got it"); process.exit(143); });
console.log("started");
setInterval(() => {}, 1000);
`,
      },
    });
    const started = Date.now();
    const err = await failure(runEvaluation(request({ label: "m@v1" })));
    expect(err).toBeInstanceOf(CheckFailed);
    expect(err.message).toBe(
      "the evaluate command ran past its timeout of 500ms while scoring m@v1 (SIGTERM sent)",
    );
    expect((err as CheckFailed).hint).toBe("Raise models.m.evaluate.timeout, or make the command faster");
    expect(readFileSync(join(dir, "sigterm.txt"), "utf8")).toBe("got it");
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it("stops the command when cancelled", async () => {
    const { request } = repo({
      files: { "score.mjs": `console.log("ready"); setInterval(() => {}, 1000);\n` },
    });
    const cancellation = new Cancellation();
    const err = await failure(
      runEvaluation(request(), {
        cancellation,
        onLine: (_s, line) => {
          if (line === "ready") cancellation.cancel("the job was cancelled");
        },
      }),
    );
    expect(err).toBeInstanceOf(CheckFailed);
    expect(err.message).toBe("the evaluation of m was cancelled (the job was cancelled)");
  });

  it("fails when the command writes no metrics file, naming where it should be", async () => {
    const { request } = repo({ files: { "score.mjs": `console.log("did nothing");\n` } });
    const req = request();
    const err = await failure(runEvaluation(req));
    expect(err).toBeInstanceOf(CheckFailed);
    expect(err.message).toBe(
      "the evaluate command wrote no metrics for m: expected .kiln/evaluate/m/metrics.json (KILN_METRICS_FILE)",
    );
  });

  it("fails when the metrics lack one the gate rules name, naming the expected ones", async () => {
    const { request } = repo({
      files: {
        "score.mjs": `import { writeFileSync } from "node:fs";\nwriteFileSync(process.env.KILN_METRICS_FILE, JSON.stringify({ accuracy: 0.9, f1: 0.8 }));\n`,
      },
    });
    const err = await failure(runEvaluation(request()));
    expect(err).toBeInstanceOf(CheckFailed);
    expect(err.message).toBe(
      "the evaluate command wrote .kiln/evaluate/m/metrics.json for m without nested.loss: the gate rules (models.m.gate.metrics) expect accuracy, nested.loss; it has accuracy, f1",
    );
  });

  it("fails on a metrics file that is not metrics, by key path", async () => {
    const { request } = repo({
      files: {
        "score.mjs": `import { writeFileSync } from "node:fs";\nwriteFileSync(process.env.KILN_METRICS_FILE, '{"accuracy": NaN, "nested": {"loss": "low"}}');\n`,
      },
    });
    const err = await failure(runEvaluation(request()));
    expect(err).toBeInstanceOf(CheckFailed);
    expect(err.message).toContain(".kiln/evaluate/m/metrics.json has 2 values that are not metrics");
    expect(err.message).toContain("accuracy: NaN is not a finite number");
  });

  it("fails when the model declares examples but the command wrote none", async () => {
    const { request } = repo({
      files: {
        "score.mjs": `import { writeFileSync } from "node:fs";\nwriteFileSync(process.env.KILN_METRICS_FILE, JSON.stringify({ accuracy: 0.9, nested: { loss: 1 } }));\n`,
      },
    });
    const err = await failure(runEvaluation(request({ label: "the baseline" })));
    expect(err).toBeInstanceOf(CheckFailed);
    expect(err.message).toBe(
      "the evaluate command wrote no per-example results for the baseline: expected .kiln/evaluate/m/preds.csv (KILN_EXAMPLES_FILE), since models.m.examples is out/preds.csv",
    );
  });

  it("fails when the command cannot run at all", async () => {
    const { request } = repo({
      entry: "    evaluate: { command: no-such-scorer --fast, data: data/test.csv }\n",
    });
    const err = await failure(runEvaluation(request()));
    expect(err).toBeInstanceOf(CheckFailed);
    expect(err.message).toMatch(/^the evaluate command exited with 127 while scoring m .*no-such-scorer/s);
  });

  it("codeDigest follows the command and the files it names, and nothing else", async () => {
    const { dir, request } = repo({
      entry: `    evaluate: { command: "${node} score.mjs --config=conf.json", data: data/test.csv }\n`,
      files: { "conf.json": "{}" },
    });
    const digest = async () => (await runEvaluation(request())).codeDigest;
    const first = await digest();
    expect(await digest()).toBe(first);
    writeFileSync(join(dir, "unrelated.py"), "print(1)\n");
    writeFileSync(join(dir, "data/test.csv"), "x,y\n9,z\n");
    expect(await digest()).toBe(first);
    writeFileSync(join(dir, "score.mjs"), `${SCORER}\n// a change\n`);
    const second = await digest();
    expect(second).not.toBe(first);
    writeFileSync(join(dir, "conf.json"), '{"k": 1}');
    expect(await digest()).not.toBe(second);

    const other = repo({
      entry: `    evaluate: { command: "${node}  score.mjs --config=conf.json --v", data: data/test.csv }\n`,
      files: { "conf.json": '{"k": 1}', "score.mjs": `${SCORER}\n// a change\n` },
    });
    // Another command string is other code, even with the same files.
    expect((await runEvaluation(other.request())).codeDigest).not.toBe(await digest());
  });

  it("data sha256 changes with the data's bytes", async () => {
    const { dir, request } = repo();
    const before = (await runEvaluation(request())).data;
    writeFileSync(join(dir, "data/test.csv"), "x,y\n1,a\n");
    const after = (await runEvaluation(request())).data;
    expect(before.sha256).not.toBe(after.sha256);
    expect(after).toEqual({ path: "data/test.csv", sha256: sha("x,y\n1,a\n"), rows: 1 });
  });

  it("runs the GPU preflight for gpus > 0 and hands the command CUDA_VISIBLE_DEVICES", async () => {
    const { request } = repo({
      entry: `    evaluate: { command: "${node} score.mjs", data: data/test.csv, gpus: 1 }\n`,
    });
    const req = request({ env: gpuEnv([H100, H100]) });
    const notes: string[] = [];
    await runEvaluation(req, { onNote: (m) => notes.push(m) });
    expect(seenIn(req.outDir).env.CUDA_VISIBLE_DEVICES).toBe("0");
    expect(notes.join("\n")).toContain("GPU preflight: 1 asked, using");

    const err = await failure(runEvaluation(request({ env: { PATH: testPath() } })));
    expect(err).toBeInstanceOf(CheckFailed);
    expect(err.message).toContain("GPU preflight: models.m.evaluate.gpus asks for 1 GPU(s)");
  });
});

describe("a registry version's cached score", () => {
  it("is reused for the same evaluate code and data, and scored again when either changes", async () => {
    const { dir, request } = repo();
    const cacheDir = join(dir, ".kiln", "evaluations", "m", "m@v1");
    const notes: string[] = [];
    const first = await runEvaluation(request({ cacheDir }), { onNote: (m) => notes.push(m) });
    writeFileSync(join(first.metricsFile), '{"accuracy": 0.1}'); // the next run must not read outDir's leftovers
    writeFileSync(join(dir, "model", "weights.bin"), "changed"); // a version never changes: the key ignores it
    const second = await runEvaluation(request({ cacheDir }), { onNote: (m) => notes.push(m) });
    expect(second.metrics).toEqual(first.metrics);
    expect(JSON.parse(readFileSync(second.metricsFile, "utf8"))).toMatchObject({ accuracy: 0.75 });
    expect(second.examplesSha256).toBe(first.examplesSha256);
    expect(notes.filter((n) => n.startsWith("reused"))).toHaveLength(1);

    writeFileSync(join(dir, "data", "test.csv"), "x,y\n1,a\n");
    await runEvaluation(request({ cacheDir }), { onNote: (m) => notes.push(m) });
    writeFileSync(join(dir, "score.mjs"), `${SCORER}\n// v2\n`);
    await runEvaluation(request({ cacheDir }), { onNote: (m) => notes.push(m) });
    expect(notes.filter((n) => n.startsWith("reused"))).toHaveLength(1);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith(".partial"))).toEqual([]);
    expect(readdirSync(cacheDir)).toHaveLength(3);
  });
});

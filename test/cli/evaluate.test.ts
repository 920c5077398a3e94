import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { penguins, testPath } from "../core/train/support.js";
import { kiln } from "./helpers.js";

const env = () => ({ PATH: testPath() });
const OUT = ".kiln/evaluate/penguins";

/**
 * A copy of examples/penguins with a trained model/ and `evaluate:` in its config (the example's
 * own config is wired by someone else; this copy's is changed here).
 */
function trainedPenguins(
  evaluate = "    evaluate:\n      command: python3 evaluate.py\n      data: data/test.csv\n",
) {
  const dir = penguins();
  execFileSync("python3", ["train.py", "--out", "model/"], { cwd: dir, stdio: "ignore" });
  const config = join(dir, ".github/kiln.yml");
  // The example's own evaluate: block, replaced by the one this test wants.
  const text = readFileSync(config, "utf8").replace(/ {4}evaluate:\n(?: {6}.*\n)+/, "");
  writeFileSync(
    config,
    text.replace("    metrics: metrics.json\n", `${evaluate}    metrics: metrics.json\n`),
  );
  return dir;
}

const json = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
const csvRows = (path: string) =>
  readFileSync(path, "utf8")
    .trimEnd()
    .split("\n")
    .map((line) => line.split(","));

describe("kiln evaluate on examples/penguins", () => {
  let dir: string;
  beforeAll(() => {
    dir = trainedPenguins();
  });

  it("scores the saved model on data/test.csv with the numbers train.py reported", async () => {
    const r = await kiln(["evaluate", "--model", "penguins", "--model-dir", "model"], {
      cwd: dir,
      env: env(),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("[evaluate] accuracy 0.956522  f1_macro 0.954026  log_loss 0.081473\n");
    expect(r.stdout).toMatch(
      /^✅ penguins on data\/test\.csv: accuracy 0\.956522, f1_macro 0\.954026, log_loss 0\.081473, rows 69 — metrics: \.kiln\/evaluate\/penguins\/metrics\.json; examples: \.kiln\/evaluate\/penguins\/predictions\.csv$/m,
    );
    expect(r.stderr).toContain(
      "kiln: scoring penguins on data/test.csv: running python3 evaluate.py (timeout 6h, grace 10s)",
    );

    const trained = json(join(dir, "metrics.json"));
    const scored = json(join(dir, OUT, "metrics.json"));
    for (const key of ["accuracy", "f1_macro", "log_loss", "slices"])
      expect(scored[key], key).toEqual(trained[key]);
    expect(scored.rows).toBe(69);
    // The same ids, labels, predictions and probabilities as train.py's predictions.csv, plus log_loss.
    const examples = csvRows(join(dir, OUT, "predictions.csv"));
    expect(examples[0]).toEqual(["id", "label", "prediction", "probability", "log_loss"]);
    expect(examples.map((row) => row.slice(0, 4))).toEqual(csvRows(join(dir, "predictions.csv")));
    expect(examples.slice(1).every((row) => Number(row[4]) >= 0)).toBe(true);
    // The output folder holds only what evaluate.py wrote; no bytecode was left in the repository.
    expect(readdirSync(join(dir, OUT)).sort()).toEqual(["metrics.json", "predictions.csv"]);
    expect(readdirSync(dir)).not.toContain("__pycache__");
  });

  it("prints the evaluation as JSON with --format json, keeping stdout for it alone", async () => {
    const r = await kiln(
      ["evaluate", "--model", "penguins", "--model-dir", "model", "--out", "scores", "--format", "json"],
      { cwd: dir, env: env() },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("[evaluate] accuracy 0.956522");
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    const sha = (p: string) =>
      createHash("sha256")
        .update(readFileSync(join(dir, p)))
        .digest("hex");
    expect(out).toMatchObject({
      model: "penguins",
      outcome: "succeeded",
      metrics: { accuracy: 0.956522, f1_macro: 0.954026, log_loss: 0.081473, rows: 69 },
      metrics_file: "scores/metrics.json",
      examples_file: "scores/predictions.csv",
      examples_sha256: sha("scores/predictions.csv"),
      data: { path: "data/test.csv", sha256: sha("data/test.csv"), rows: 69 },
      code_digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((out.slices as Record<string, unknown>)["sex=FEMALE"]).toEqual({ accuracy: 1, rows: 29 });
  });

  it("scores a glob's files as one data set", async () => {
    const lines = readFileSync(join(dir, "data/test.csv"), "utf8").trimEnd().split("\n");
    mkdirSync(join(dir, "data/batches"), { recursive: true });
    writeFileSync(join(dir, "data/batches/1.csv"), `${lines.slice(0, 40).join("\n")}\n`);
    writeFileSync(join(dir, "data/batches/2.csv"), `${[lines[0], ...lines.slice(40)].join("\n")}\n`);
    const r = await kiln(
      [
        "evaluate",
        "--model",
        "penguins",
        "--model-dir",
        "model",
        "--data",
        "data/batches/*.csv",
        "--out",
        "glob",
      ],
      { cwd: dir, env: env() },
    );
    expect(r.code, r.stderr).toBe(0);
    const scored = json(join(dir, "glob/metrics.json"));
    expect(scored).toMatchObject({ accuracy: 0.956522, f1_macro: 0.954026, log_loss: 0.081473, rows: 69 });
    const ids = csvRows(join(dir, "glob/predictions.csv")).map((row) => row[0]);
    expect(ids.slice(1, 3)).toEqual(["0001-1.csv:2", "0001-1.csv:3"]);
    expect(ids.at(-1)).toBe("0002-2.csv:31");
    expect(ids).toHaveLength(1 + 69);
    // The linked folder was beside the output folder and is gone.
    expect(readdirSync(dir).filter((name) => name.startsWith(".glob-data-"))).toEqual([]);
  });

  it("exits 1 when the evaluate command fails, with its last stderr lines", async () => {
    const broken = trainedPenguins();
    writeFileSync(join(broken, "model/model.json"), "{ not json");
    const r = await kiln(["evaluate", "--model", "penguins", "--model-dir", "model"], {
      cwd: broken,
      env: env(),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "kiln: the evaluate command exited with 2 while scoring penguins (run `python3 evaluate.py` with the variables docs/configuration.md lists to reproduce it); its last stderr lines:\n" +
        `  evaluate.py: error: ${join(broken, "model/model.json")}:1: not valid JSON: Expecting property name enclosed in double quotes\n`,
    );
  });

  it("exits 2 on unusable input: flags, the model, its files, the data, a config without evaluate:", async () => {
    const run = (args: string[], cwd = dir) => kiln(["evaluate", ...args], { cwd, env: env() });
    const noDir = await run(["--model", "penguins"]);
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toContain("required option '--model-dir <dir>' not specified");

    const typo = await run(["--model", "pengiuns", "--model-dir", "model"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('declares no model "pengiuns". Did you mean penguins?');

    const missing = await run(["--model", "penguins", "--model-dir", "nothing-here"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      `kiln: the model files of penguins are missing: ${join(dir, "nothing-here")} does not exist. Point the model folder at the files the trainer saved (the model's first \`artifacts\` entry)\n`,
    );

    const noData = await run(["--model", "penguins", "--model-dir", "model", "--data", "data/*.parquet"]);
    expect(noData.code).toBe(2);
    expect(noData.stderr).toContain("kiln: the evaluation data data/*.parquet matches no files");

    const format = await run(["--model", "penguins", "--model-dir", "model", "--format", "yaml"]);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('kiln: --format "yaml" is not supported. Use text or json');

    const plain = trainedPenguins("");
    const notSet = await run(["--model", "penguins", "--model-dir", "model"], plain);
    expect(notSet.code).toBe(2);
    expect(notSet.stderr).toContain(
      "kiln: .github/kiln.yml: models.penguins.evaluate is not set, so kiln cannot score penguins",
    );
  });

  it("takes the data from --data with the short form, and asks for it when missing (exit 2)", async () => {
    const short = trainedPenguins("    evaluate: python3 evaluate.py\n");
    const without = await kiln(["evaluate", "--model", "penguins", "--model-dir", "model"], {
      cwd: short,
      env: env(),
    });
    expect(without.code).toBe(2);
    expect(without.stderr).toContain("names no evaluation data");
    expect(without.stderr).toContain("Give the data with --data PATH");
    const given = await kiln(
      ["evaluate", "--model", "penguins", "--model-dir", "model", "--data", "data/test.csv"],
      { cwd: short, env: env() },
    );
    expect(given.code, given.stderr).toBe(0);
    expect(json(join(short, OUT, "metrics.json")).accuracy).toBe(0.956522);
  });
});

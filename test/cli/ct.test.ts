/** `kiln ct`: skip when the training data matches production's run, retrain and gate when it changed. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseKilnFile } from "../../core/files.js";
import { penguins, testPath } from "../core/train/support.js";
import { kiln } from "./helpers.js";

const env = () => ({ PATH: testPath() });

describe("kiln ct", () => {
  it("skips unchanged data, and retrains and gates against production when a row changes", async () => {
    const dir = penguins();
    expect((await kiln(["train", "--model", "penguins"], { cwd: dir, env: env() })).code).toBe(0);
    await kiln(["registry", "register", "--run", ".kiln/runs/penguins/run.json"], { cwd: dir });
    await kiln(["registry", "promote", "models:/penguins/1", "--to", "production"], { cwd: dir });

    const skip = await kiln(["ct", "--model", "penguins"], { cwd: dir, env: env() });
    expect(skip.code, skip.stderr).toBe(0);
    expect(skip.stdout).toMatch(
      /^⏭️ skipped: penguins: training data unchanged since penguins@v1 \(production\)/,
    );
    expect(existsSync(join(dir, ".kiln", "ct", "penguins", "run.json"))).toBe(false);

    const train = join(dir, "data", "train.csv");
    writeFileSync(
      train,
      readFileSync(train, "utf8").replace(
        "Adelie,Torgersen,39.1,18.7,181,3750,MALE",
        "Adelie,Torgersen,39.2,18.7,181,3750,MALE",
      ),
    );
    const r = await kiln(["ct", "--model", "penguins"], { cwd: dir, env: env() });
    expect(r.stdout).toMatch(
      /🔁 retrained: penguins: training data changed since penguins@v1 \(production\): data\/train\.csv; retrained and gated against penguins@v1 \(production\): passed/,
    );
    expect(r.code, r.stderr).toBe(0);
    const out = join(dir, ".kiln", "ct", "penguins");
    const run = parseKilnFile("run", readFileSync(join(out, "run.json"), "utf8"), "run.json");
    const gate = parseKilnFile("gate", readFileSync(join(out, "gate.json"), "utf8"), "gate.json");
    expect(gate.baseline).toMatchObject({ source: "registry", model_version: "penguins@v1" });
    expect(run.data?.["data/train.csv"]?.sha256).not.toBe(
      parseKilnFile("run", readFileSync(join(dir, ".kiln/runs/penguins/run.json"), "utf8"), "r").data?.[
        "data/train.csv"
      ]?.sha256,
    );
    expect(existsSync(join(dir, ".kiln", "artifacts", "ct", "kiln-ct-penguins", "gate.json"))).toBe(true);
  }, 60_000);

  it("exits 2 when the model declares no training data", async () => {
    const dir = penguins();
    const config = join(dir, ".github", "kiln.yml");
    writeFileSync(config, readFileSync(config, "utf8").replace(/ {4}data:\n( {6,}.*\n)+/, ""));
    const r = await kiln(["ct", "--model", "penguins"], { cwd: dir, env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("models.penguins.data.train is not set");
  });
});

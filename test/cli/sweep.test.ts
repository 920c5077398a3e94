import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseKilnFile } from "../../core/files.js";
import { penguins, testPath } from "../core/train/support.js";
import { kiln } from "./helpers.js";

const env = () => ({ PATH: testPath() });

async function sweep(): Promise<string> {
  const dir = penguins();
  const params = JSON.parse(readFileSync(join(dir, "params.json"), "utf8"));
  writeFileSync(join(dir, "params-no-island.json"), JSON.stringify({ ...params, categorical_features: [] }));
  const base = await kiln(["train", "--model", "penguins", "--variant", "base"], { cwd: dir, env: env() });
  expect(base.code, base.stderr).toBe(0);
  const noIsland = await kiln(
    [
      "train",
      "--model",
      "penguins",
      "--variant",
      "no-island",
      "--",
      "python3",
      "train.py",
      "--out",
      "model/",
      "--params",
      "params-no-island.json",
    ],
    { cwd: dir, env: env() },
  );
  expect(noIsland.code, noIsland.stderr).toBe(0);
  return dir;
}

describe("kiln sweep pick", () => {
  it("publishes the variant with the best metric as kiln-run-<model>, in the gate's direction", async () => {
    const dir = await sweep();
    const accuracy = await kiln(["sweep", "pick", "--model", "penguins", "--metric", "accuracy"], {
      cwd: dir,
      env: env(),
    });
    expect(accuracy.code, accuracy.stderr).toBe(0);
    expect(accuracy.stdout).toContain("| no-island | 0.971014 | 🏆 picked |\n| base | 0.956522 |  |");
    expect(accuracy.stdout).toContain(
      "✅ published kiln-run-penguins from variant no-island (accuracy 0.971014, higher is better: by the metric's name)",
    );
    const published = parseKilnFile(
      "run",
      readFileSync(join(dir, ".kiln/artifacts/local/kiln-run-penguins/run.json"), "utf8"),
      "run.json",
    );
    expect(published).toMatchObject({
      variant: "no-island",
      sweep: { metric: "accuracy", winner: "no-island" },
    });
    expect(readFileSync(join(dir, ".kiln/runs/penguins/run.json"), "utf8")).toBe(
      readFileSync(join(dir, ".kiln/artifacts/local/kiln-run-penguins/run.json"), "utf8"),
    );

    // log_loss: the config says lower is better, and keeping Island lowers it.
    const loss = await kiln(["sweep", "pick", "--model", "penguins", "--metric", "log_loss"], {
      cwd: dir,
      env: env(),
    });
    expect(loss.code, loss.stderr).toBe(0);
    expect(loss.stdout).toContain(
      "from variant base (log_loss 0.081473, lower is better: models.penguins.gate.metrics.log_loss.direction)",
    );
    const forced = await kiln(
      ["sweep", "pick", "--model", "penguins", "--metric", "accuracy", "--direction", "lower"],
      {
        cwd: dir,
        env: env(),
      },
    );
    expect(forced.stdout).toContain("from variant base (accuracy 0.956522, lower is better: --direction)");
  });

  it("exits 1 when there is nothing to pick and 2 on bad flags", async () => {
    const dir = penguins();
    const none = await kiln(["sweep", "pick", "--model", "penguins", "--metric", "accuracy"], {
      cwd: dir,
      env: env(),
    });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("no sweep variants of penguins");
    const bad = await kiln(
      ["sweep", "pick", "--model", "penguins", "--metric", "accuracy", "--direction", "up"],
      {
        cwd: dir,
        env: env(),
      },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--direction "up" is not supported');
    expect((await kiln(["sweep", "pick", "--model", "penguins"], { cwd: dir, env: env() })).code).toBe(2);
  });
});

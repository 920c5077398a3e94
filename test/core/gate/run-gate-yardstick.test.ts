/** runGate's yardstick: a model the default branch does not declare yet is gated on its recorded metrics. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../core/config/load.js";
import { runGate } from "../../../core/gate/run-gate.js";
import { freshDir } from "./helpers.js";

describe("the gate's yardstick", () => {
  it("leaves a model the yardstick's config lacks unscored, instead of failing its pull request", async () => {
    const dir = freshDir();
    mkdirSync(join(dir, "run"), { recursive: true });
    writeFileSync(
      join(dir, "run", "run.json"),
      JSON.stringify({ schema: "kiln.run/v1", model: "fresh", metrics: { accuracy: 0.9 } }),
    );
    const pr = parseConfig(
      'models:\n  fresh:\n    evaluate: { command: "exit 3", data: data/test.csv }\n    gate: { metrics: { accuracy: { min: 0.8 } } }\n',
      "kiln.yml",
    );
    const main = parseConfig(
      "models:\n  other:\n    gate: { metrics: { accuracy: { min: 0.8 } } }\n",
      "kiln.yml",
    );
    const { result } = await runGate({
      model: "fresh",
      config: pr,
      configFile: "kiln.yml",
      candidate: { path: join(dir, "run", "run.json"), shown: "run/run.json" },
      policySource: "working-tree",
      advisory: true,
      evaluation: { cwd: dir, workspace: dir, env: {}, outDir: join(dir, "evaluation"), config: main },
    });
    expect(result.passed).toBe(true);
    expect(result.evaluation).toBeUndefined();
  });
});

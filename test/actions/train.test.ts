import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseKilnFile } from "../../core/files.js";
import { penguins, tempDir } from "../core/train/support.js";

/** Runs the train action under @github/local-action (its @actions/core and @actions/artifact stubs). */
function runAction(workspace: string, env: Record<string, string>) {
  const artifacts = tempDir("kiln-la-artifacts-");
  const summary = join(tempDir("kiln-la-summary-"), "summary.md");
  writeFileSync(summary, "");
  const file = join(tempDir("kiln-la-env-"), ".env");
  const all = {
    INPUT_MODEL: "penguins",
    GITHUB_WORKSPACE: workspace,
    LOCAL_ACTION_WORKSPACE: workspace,
    LOCAL_ACTION_ARTIFACT_PATH: artifacts,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_ACTIONS: "true",
    GITHUB_REPOSITORY: "acme/penguins",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_RUN_ID: "4242",
    GITHUB_RUN_ATTEMPT: "1",
    RUNNER_NAME: "gpu-runner-7",
    RUNNER_OS: "Linux",
    RUNNER_ARCH: "X64",
    KILN_RUNNER_LABELS: "gpu,a100",
    ...env,
  };
  writeFileSync(
    file,
    Object.entries(all)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n"),
  );
  const r = spawnSync(
    join("node_modules", ".bin", "local-action"),
    ["run", "actions/train", "main.ts", file],
    {
      encoding: "utf8",
      timeout: 120_000,
    },
  );
  return { out: `${r.stdout}${r.stderr}`, artifacts, summary: readFileSync(summary, "utf8") };
}

describe("the train action under @github/local-action", () => {
  it("trains examples/penguins, uploads kiln-run-penguins and writes the job summary", () => {
    const dir = penguins();
    const { out, artifacts, summary } = runAction(dir, {});
    expect(out).not.toContain("::error::");
    expect(out).toContain("[train] accuracy 0.956522  f1_macro 0.954026  log_loss 0.081473");
    expect(out).toMatch(/kiln: uploaded kiln-run-penguins \(4 files\)/);
    expect(readdirSync(artifacts)).toEqual(["kiln-run-penguins.zip"]);
    const run = parseKilnFile(
      "run",
      readFileSync(join(dir, ".kiln/runs/penguins/run.json"), "utf8"),
      "run.json",
    );
    expect(run).toMatchObject({
      outcome: "succeeded",
      metrics: { accuracy: 0.956522 },
      env: { runner: "gpu-runner-7", labels: ["self-hosted", "Linux", "X64", "gpu", "a100"] },
      ci: {
        provider: "github-actions",
        repository: "acme/penguins",
        run_id: "4242",
        run_attempt: 1,
        url: "https://github.com/acme/penguins/actions/runs/4242/attempts/1",
      },
    });
    expect(summary).toContain("### ✅ kiln train · penguins: succeeded in");
    expect(summary).toContain("| accuracy | 0.956522 |");
    expect(summary).toContain("Artifact: `kiln-run-penguins`");
    // The same markdown beside run.json, so a run anywhere shows what the job summary shows.
    expect(summary).toContain(readFileSync(join(dir, ".kiln/runs/penguins/summary.md"), "utf8"));
    expect(out).toContain("::set-output name=outcome::succeeded");
    expect(out).toContain("::set-output name=artifact::kiln-run-penguins");
    expect(out).toContain(`::set-output name=run::${join(dir, ".kiln/runs/penguins/run.json")}`);
    // The trainer's log sits in one collapsible group.
    const group = out.slice(out.indexOf("::group::kiln train penguins"), out.indexOf("::endgroup::"));
    expect(group).toContain("[train] wrote model/model.json");
  });

  it("fails the step with the reason when the trainer fails, and names the GPU preflight's problem", () => {
    const dir = penguins();
    writeFileSync(join(dir, "params.json"), '{"model": "gaussian_nb", "numeric_features": []}');
    const failed = runAction(dir, { INPUT_VARIANT: "broken" });
    expect(failed.out).toContain("::error::penguins: failed: the trainer exited with 2");
    expect(readdirSync(failed.artifacts)).toEqual(["kiln-run-penguins-broken.zip"]);
    expect(failed.summary).toContain("### ❌ kiln train · penguins (broken): failed");

    const gpu = runAction(penguins(), { INPUT_GPUS: "2", PATH: process.env.PATH ?? "" });
    expect(gpu.out).toMatch(/::error::GPU preflight: models\.penguins\.train\.gpus asks for 2 GPU\(s\)/);
    expect(readdirSync(gpu.artifacts)).toEqual([]);
  });

  it("rejects a bad input at the edge", () => {
    const { out } = runAction(penguins(), { "INPUT_GRACE-PERIOD": "soon" });
    expect(out).toContain(`::error::input 'grace-period': "soon" is not a duration such as "10s" or "2m"`);
  });
});

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveBaseline } from "../../../core/gate/baseline.js";
import { localPorts } from "../../../core/local/index.js";
import { LocalWorkflowRuns } from "../../../core/local/workflow-runs.js";
import { runDigest } from "../../../core/metrics/run-record.js";
import { freshDir, runOf } from "./helpers.js";

function setup() {
  const root = freshDir();
  const ports = localPorts({ root });
  const runs = new LocalWorkflowRuns({ root: join(root, "workflow-runs") });
  const workDir = join(root, "work");
  return {
    root,
    ports,
    runs,
    workDir,
    sources: { registry: ports.registry, runs, artifacts: ports.artifacts, branch: "main", workDir },
  };
}

/** Uploads run.json (and predictions) as kiln-run-<model> of a local "workflow run". */
async function trainRun(root: string, runId: string, accuracy: number, model = "penguins") {
  const dir = join(root, `src-${runId}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "run.json"),
    JSON.stringify(runOf({ accuracy }, { examples: "predictions.csv" }, model)),
  );
  writeFileSync(join(dir, "predictions.csv"), "id,label,prediction\n1,a,a\n");
  await localPorts({ root, runId }).artifacts.upload(
    `kiln-run-${model}`,
    ["run.json", "predictions.csv"],
    dir,
  );
}

describe("the shared baseline resolver", () => {
  it("prefers the registry's production version", async () => {
    const { ports, sources } = setup();
    const run = runOf({ accuracy: 0.93 }, { code: { sha: "f95f852aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" } });
    const v1 = await ports.registry.register("penguins", { run });
    await ports.registry.register("penguins", { run: runOf({ accuracy: 0.97 }) });
    await ports.registry.assign("penguins", "production", v1.version);
    const r = await resolveBaseline("penguins", sources);
    expect(r.baseline).toEqual({
      source: "registry",
      model_version: "penguins@v1",
      alias: "production",
      run_digest: runDigest(run),
      sha: "f95f852aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    });
    expect(r.run?.metrics).toEqual({ accuracy: 0.93 });
    expect(r.label).toBe("penguins@v1 (production)");
    expect(r.runFile).toBeNull();
  });

  it("lays a registry version's per-example results out beside its run.json, as the run had them", async () => {
    const { ports, sources } = setup();
    const run = runOf({ accuracy: 0.93 }, { examples: "eval/predictions.csv" });
    const examples = "id,label,prediction\n1,a,a\n2,b,a\n";
    const v1 = await ports.registry.register("penguins", { run, examples });
    await ports.registry.assign("penguins", "production", v1.version);
    expect(await ports.registry.readFile("penguins", 1, "examples.csv")).toBe(examples);
    const r = await resolveBaseline("penguins", sources);
    expect(r.runFile).not.toBeNull();
    expect(readFileSync(join(String(r.runFile), "..", "eval", "predictions.csv"), "utf8")).toBe(examples);
    expect(runDigest(JSON.parse(readFileSync(String(r.runFile), "utf8")))).toBe(runDigest(run));
  });

  it("refuses a registry version whose run.json names examples outside its folder", async () => {
    const { ports, sources } = setup();
    const run = runOf({ accuracy: 0.93 }, { examples: "../../escape.csv" });
    const v1 = await ports.registry.register("penguins", { run, examples: "id\n1\n" });
    await ports.registry.assign("penguins", "production", v1.version);
    await expect(resolveBaseline("penguins", sources)).rejects.toThrow(
      /must be a path inside the run's folder/,
    );
  });

  it("falls back to the newest successful base-branch run that trained the model", async () => {
    const { root, runs, sources } = setup();
    await trainRun(root, "101", 0.9);
    await trainRun(root, "102", 0.91);
    await trainRun(root, "104", 0.99);
    await localPorts({ root, runId: "103" }).artifacts.upload(
      "kiln-run-other",
      ["run.json"],
      join(root, "src-101"),
    );
    await runs.record({
      id: "101",
      branch: "main",
      sha: "a".repeat(40),
      created_at: "2026-01-01T00:00:00Z",
      conclusion: "success",
    });
    await runs.record({
      id: "102",
      branch: "main",
      sha: "b".repeat(40),
      created_at: "2026-01-02T00:00:00Z",
      conclusion: "success",
    });
    // Newer, but another model only / failed / another branch.
    await runs.record({
      id: "103",
      branch: "main",
      sha: "c".repeat(40),
      created_at: "2026-01-03T00:00:00Z",
      conclusion: "success",
    });
    await runs.record({
      id: "104",
      branch: "main",
      sha: "d".repeat(40),
      created_at: "2026-01-04T00:00:00Z",
      conclusion: "failure",
    });
    await runs.record({
      id: "105",
      branch: "feature",
      sha: "e".repeat(40),
      created_at: "2026-01-05T00:00:00Z",
      conclusion: "success",
    });
    const r = await resolveBaseline("penguins", sources);
    expect(r.baseline).toMatchObject({
      source: "branch",
      branch: "main",
      run_id: "102",
      sha: "b".repeat(40),
    });
    expect(r.run?.metrics).toEqual({ accuracy: 0.91 });
    expect(r.label).toBe("main run 102 (bbbbbbb)");
    expect(r.notes).toEqual(["registry: no production version of penguins"]);
    // The download keeps the run's per-example results next to its run.json.
    expect(readdirSync(join(sources.workDir, "baseline-102")).sort()).toEqual([
      "predictions.csv",
      "run.json",
    ]);
  });

  it("says why there is none", async () => {
    const { sources } = setup();
    const r = await resolveBaseline("penguins", sources);
    expect(r.baseline).toEqual({ source: "none" });
    expect(r.run).toBeNull();
    expect(r.notes).toEqual([
      "registry: no production version of penguins",
      "branch main: no successful run in the last 20 uploaded kiln-run-penguins",
    ]);
    const bare = await resolveBaseline("penguins", { workDir: sources.workDir });
    expect(bare.notes).toEqual(["registry: not available here", "branch runs: not available here"]);
  });

  it("refuses a registry whose run does not match its digest, and another model's run", async () => {
    const { root, ports, sources } = setup();
    const v = await ports.registry.register("penguins", { run: runOf({ accuracy: 0.9 }) });
    await ports.registry.assign("penguins", "production", v.version);
    writeFileSync(
      join(root, "registry", "penguins", "v1", "run.json"),
      JSON.stringify(runOf({ accuracy: 0.99 })),
    );
    await expect(resolveBaseline("penguins", sources)).rejects.toThrow(/does not match its tag's run_digest/);

    const other = setup();
    await trainRun(other.root, "7", 0.9, "iris");
    await other.runs.record({
      id: "7",
      branch: "main",
      sha: "f".repeat(40),
      created_at: "2026-01-01T00:00:00Z",
      conclusion: "success",
    });
    // The artifact is named for penguins but holds an iris run.
    await localPorts({ root: other.root, runId: "8" }).artifacts.upload(
      "kiln-run-penguins",
      ["run.json"],
      join(other.root, "src-7"),
    );
    await other.runs.record({
      id: "8",
      branch: "main",
      sha: "f".repeat(40),
      created_at: "2026-01-02T00:00:00Z",
      conclusion: "success",
    });
    await expect(resolveBaseline("penguins", other.sources)).rejects.toThrow(
      /is a run of "iris", not penguins/,
    );
  });
});

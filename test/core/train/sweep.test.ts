import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CheckFailed } from "../../../core/errors.js";
import { parseKilnFile } from "../../../core/files.js";
import { LocalArtifactStore } from "../../../core/local/artifact-store.js";
import { pickSweep, sweepTable } from "../../../core/train/sweep.js";
import { tempDir } from "./support.js";

async function variant(store: LocalArtifactStore, name: string, run: Record<string, unknown>) {
  const dir = tempDir("kiln-variant-");
  mkdirSync(join(dir, "model"));
  writeFileSync(join(dir, "model", "w.bin"), name);
  writeFileSync(join(dir, "run.json"), JSON.stringify({ schema: "kiln.run/v1", ...run }));
  await store.upload(name, ["run.json", "model/w.bin"], dir);
}

async function sweep() {
  const root = tempDir("kiln-sweep-");
  const store = new LocalArtifactStore({ root: join(root, "artifacts"), runId: "42" });
  await variant(store, "kiln-run-m-a", {
    model: "m",
    variant: "a",
    outcome: "succeeded",
    metrics: { acc: 0.9, loss: 0.3 },
  });
  await variant(store, "kiln-run-m-b", {
    model: "m",
    variant: "b",
    outcome: "succeeded",
    metrics: { acc: 0.95, loss: 0.4 },
  });
  await variant(store, "kiln-run-m-c", { model: "m", variant: "c", outcome: "failed", metrics: {} });
  await variant(store, "kiln-run-m-d", { model: "m", variant: "d", metrics: { loss: 0.1 } });
  // Model "m-big" (no variant): its artifact looks like variant "big" of m.
  await variant(store, "kiln-run-m-big", { model: "m-big", metrics: { acc: 0.99 } });
  await variant(store, "kiln-run-other-a", { model: "other", variant: "a", metrics: { acc: 1 } });
  return { root, store };
}

describe("pickSweep", () => {
  it("picks the best variant in the metric's direction and publishes its whole artifact as kiln-run-<model>", async () => {
    const { root, store } = await sweep();
    const pick = await pickSweep({
      store,
      model: "m",
      metric: "acc",
      direction: "higher",
      scratch: join(root, "s"),
      outDir: join(root, "out"),
    });
    expect(pick.winner).toEqual({ variant: "b", artifact: "kiln-run-m-b", value: 0.95 });
    expect(pick.candidates).toEqual([
      { variant: "a", artifact: "kiln-run-m-a", value: 0.9 },
      { variant: "b", artifact: "kiln-run-m-b", value: 0.95 },
      { variant: "big", artifact: "kiln-run-m-big", excluded: "belongs to m-big" },
      { variant: "c", artifact: "kiln-run-m-c", excluded: "its run failed" },
      { variant: "d", artifact: "kiln-run-m-d", excluded: "no metric acc" },
    ]);
    expect(pick.published.name).toBe("kiln-run-m");
    const published = join(root, "artifacts", "42", "kiln-run-m");
    expect(readFileSync(join(published, "model", "w.bin"), "utf8")).toBe("kiln-run-m-b");
    const run = parseKilnFile("run", readFileSync(join(published, "run.json"), "utf8"), "run.json");
    expect(run.metrics).toEqual({ acc: 0.95, loss: 0.4 });
    expect(run.sweep).toEqual({
      metric: "acc",
      direction: "higher",
      winner: "b",
      candidates: [
        { variant: "a", value: 0.9 },
        { variant: "b", value: 0.95 },
        { variant: "big", value: null, excluded: "belongs to m-big" },
        { variant: "c", value: null, excluded: "its run failed" },
        { variant: "d", value: null, excluded: "no metric acc" },
      ],
    });
    expect(readFileSync(join(root, "out", "run.json"), "utf8")).toBe(
      readFileSync(join(published, "run.json"), "utf8"),
    );
    // The winner's other files land beside out/run.json too: the gate reads them from there.
    expect(readFileSync(join(root, "out", "model", "w.bin"), "utf8")).toBe("kiln-run-m-b");
    expect(sweepTable(pick).split("\n").slice(2)).toEqual([
      "| b | 0.95 | 🏆 picked |",
      "| a | 0.9 |  |",
      "| big | — | belongs to m-big |",
      "| c | — | its run failed |",
      "| d | — | no metric acc |",
    ]);
  });

  it("a lower-is-better metric picks the smallest value", async () => {
    const { root, store } = await sweep();
    const pick = await pickSweep({
      store,
      model: "m",
      metric: "loss",
      direction: "lower",
      scratch: join(root, "s"),
    });
    expect(pick.winner.variant).toBe("d");
  });

  it("fails clearly when there is nothing to pick", async () => {
    const { root, store } = await sweep();
    const none = await pickSweep({
      store,
      model: "m",
      metric: "f1",
      direction: "higher",
      scratch: join(root, "s"),
    }).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(CheckFailed);
    expect((none as Error).message).toMatch(
      /^no variant of m can be picked by f1: a \(no metric f1\); b \(no metric f1\)/,
    );
    await expect(
      pickSweep({ store, model: "zzz", metric: "acc", direction: "higher", scratch: join(root, "s") }),
    ).rejects.toThrow("no sweep variants of zzz: this run has no kiln-run-zzz-<variant> artifacts");
  });
});

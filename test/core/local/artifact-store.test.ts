import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../core/errors.js";
import { LocalArtifactStore } from "../../../core/local/artifact-store.js";
import { freshDir } from "./tmp.js";

function workspace(): string {
  const dir = freshDir();
  mkdirSync(join(dir, "out", "model"), { recursive: true });
  writeFileSync(join(dir, "out", "run.json"), '{"schema":"kiln.run/v1"}\n');
  writeFileSync(join(dir, "out", "model", "weights.bin"), "0123456789");
  writeFileSync(join(dir, "secret.txt"), "do not upload");
  return dir;
}

describe("LocalArtifactStore", () => {
  it("uploads files with their relative paths, lists and downloads them", async () => {
    const root = freshDir();
    const ws = workspace();
    const store = new LocalArtifactStore({ root, runId: "101" });
    const ref = await store.upload("kiln-run-penguins", ["run.json", "./model/weights.bin"], join(ws, "out"));
    expect(ref).toEqual({
      name: "kiln-run-penguins",
      id: "kiln-run-penguins",
      runId: "101",
      sizeBytes: 25 + 10,
    });
    expect(existsSync(join(root, "101", "kiln-run-penguins", "model", "weights.bin"))).toBe(true);

    await store.upload("kiln-gate-penguins", ["run.json"], join(ws, "out"));
    expect((await store.list()).map((a) => a.name)).toEqual(["kiln-gate-penguins", "kiln-run-penguins"]);

    const into = join(freshDir(), "dl");
    const files = await store.download("kiln-run-penguins", into);
    expect(files).toEqual([join(into, "model", "weights.bin"), join(into, "run.json")]);
    expect(readFileSync(join(into, "model", "weights.bin"), "utf8")).toBe("0123456789");
  });

  it("reads another run's artifacts when given its id", async () => {
    const root = freshDir();
    const ws = workspace();
    await new LocalArtifactStore({ root, runId: "1" }).upload(
      "kiln-run-penguins",
      ["run.json"],
      join(ws, "out"),
    );
    const later = new LocalArtifactStore({ root, runId: "2" });
    expect(await later.list()).toEqual([]);
    expect((await later.list({ runId: "1" })).map((a) => `${a.runId}/${a.name}`)).toEqual([
      "1/kiln-run-penguins",
    ]);
    const files = await later.download("kiln-run-penguins", freshDir(), { runId: "1" });
    expect(files.map((f) => f.split(/[\\/]/).pop())).toEqual(["run.json"]);
  });

  it("replaces an artifact uploaded again in the same run", async () => {
    const root = freshDir();
    const ws = workspace();
    const store = new LocalArtifactStore({ root, runId: "7" });
    await store.upload("kiln-run-penguins", ["run.json", "model/weights.bin"], join(ws, "out"));
    const ref = await store.upload("kiln-run-penguins", ["run.json"], join(ws, "out"));
    expect(ref.sizeBytes).toBe(25);
    const files = await store.download("kiln-run-penguins", join(freshDir(), "x"));
    expect(files.map((f) => f.split(/[\\/]/).pop())).toEqual(["run.json"]);
    expect(readdirSync(join(root, "7"))).toEqual(["kiln-run-penguins"]);
  });

  it("rejects paths that escape the root directory, naming the path", async () => {
    const root = freshDir();
    const ws = workspace();
    const store = new LocalArtifactStore({ root, runId: "1" });
    for (const bad of ["../secret.txt", "model/../../secret.txt", join(ws, "secret.txt"), "C:\\secret.txt"]) {
      const err = await store.upload("kiln-run-penguins", [bad], join(ws, "out")).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UsageError);
      expect((err as Error).message).toContain(JSON.stringify(bad));
    }
    expect(existsSync(join(root, "1"))).toBe(false);
  });

  it("keeps the previous upload when a new one lists a missing file", async () => {
    const root = freshDir();
    const ws = workspace();
    const store = new LocalArtifactStore({ root, runId: "1" });
    await store.upload("kiln-run-penguins", ["run.json"], join(ws, "out"));
    await expect(
      store.upload("kiln-run-penguins", ["run.json", "nope.json"], join(ws, "out")),
    ).rejects.toThrow(/nope\.json is not a file/);
    await expect(store.upload("kiln-run-penguins", ["model"], join(ws, "out"))).rejects.toThrow(
      /model is not a file/,
    );
    expect((await store.list()).map((a) => a.sizeBytes)).toEqual([25]);
  });

  it("validates artifact names and run ids", async () => {
    const root = freshDir();
    const ws = workspace();
    const store = new LocalArtifactStore({ root, runId: "1" });
    for (const bad of ["", "..", "a/b", "kiln run", "~staging"]) {
      await expect(store.upload(bad, ["run.json"], join(ws, "out"))).rejects.toBeInstanceOf(UsageError);
    }
    await expect(store.upload("kiln-run-penguins", [], join(ws, "out"))).rejects.toThrow(/lists no files/);
    expect(() => new LocalArtifactStore({ root, runId: "../x" })).toThrow(UsageError);
    await expect(store.list({ runId: ".." })).rejects.toBeInstanceOf(UsageError);
    const ok = await store.upload("Kiln_Custom.v2", ["run.json"], join(ws, "out"));
    expect(ok.name).toBe("Kiln_Custom.v2");
  });

  it("names the artifact and the run when a download finds nothing", async () => {
    const root = freshDir();
    const ws = workspace();
    const store = new LocalArtifactStore({ root, runId: "5" });
    await expect(store.download("kiln-run-penguins", freshDir())).rejects.toThrow(
      "artifact kiln-run-penguins not found in run 5",
    );
    await store.upload("kiln-gate-penguins", ["run.json"], join(ws, "out"));
    const err = await store.download("kiln-run-iris", freshDir()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).hint).toContain("kiln-gate-penguins");
  });
});

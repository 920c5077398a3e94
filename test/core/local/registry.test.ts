import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sha256 } from "../../../core/digest.js";
import { UsageError } from "../../../core/errors.js";
import type { GateResult } from "../../../core/gate/gate-result.js";
import { ManualClock } from "../../../core/local/clock.js";
import { LocalRegistry, tagFileName, tagFromFileName } from "../../../core/local/registry.js";
import type { RunRecord } from "../../../core/metrics/run-record.js";
import { runDigest } from "../../../core/metrics/run-record.js";
import { resolveModelUri } from "../../../core/registry/resolve.js";
import { aliasTag, parseTag, versionTag } from "../../../core/registry/tags.js";
import { freshDir } from "./tmp.js";

function run(accuracy: number, model = "penguins"): RunRecord {
  return { schema: "kiln.run/v1", model, metrics: { accuracy } };
}

function setup() {
  const root = freshDir();
  const clock = new ManualClock("2025-03-01T12:00:00.000Z");
  return { root, clock, registry: new LocalRegistry({ root, clock }) };
}

describe("LocalRegistry: versions", () => {
  it("registers numbered versions and stores the bundle's files", async () => {
    const { root, registry, clock } = setup();
    const artifacts = join(freshDir(), "model");
    mkdirSync(join(artifacts, "sub"), { recursive: true });
    writeFileSync(join(artifacts, "model.pkl"), "weights");
    writeFileSync(join(artifacts, "sub", "vocab.txt"), "a\nb\n");
    const gate: GateResult = {
      schema: "kiln.gate/v1",
      model: "penguins",
      run_digest: "a".repeat(64),
      policy_digest: "b".repeat(64),
      policy_source: "main@abc",
      passed: true,
      checks: [],
      baseline: { source: "none" },
    };

    const v1 = await registry.register("penguins", {
      run: run(0.91),
      gate,
      card: "# penguins\n",
      artifactsDir: artifacts,
    });
    clock.advance(1000);
    const v2 = await registry.register("penguins", { run: run(0.93) });

    expect(v1).toEqual({
      model: "penguins",
      version: 1,
      tag: "penguins@v1",
      uri: "models:/penguins/1",
      created_at: "2025-03-01T12:00:00.000Z",
      run_digest: runDigest(run(0.91)),
    });
    expect(v2.version).toBe(2);
    expect(v2.created_at).toBe("2025-03-01T12:00:01.000Z");
    expect(JSON.parse((await registry.readFile("penguins", 1, "run.json")) ?? "")).toEqual(run(0.91));
    expect(sha256((await registry.readFile("penguins", 1, "run.json")) ?? "")).toBe(v1.run_digest);
    expect(JSON.parse((await registry.readFile("penguins", 1, "gate.json")) ?? "")).toEqual(gate);
    expect(await registry.readFile("penguins", 1, "card.md")).toBe("# penguins\n");
    expect(await registry.readFile("penguins", 1, "profile.json")).toBeNull();
    expect(await registry.readFile("penguins", 2, "gate.json")).toBeNull();

    const location = await registry.artifactsLocation("penguins", 1);
    expect(location).toBe(join(root, "penguins", "v1", "artifacts"));
    expect(readFileSync(join(location ?? "", "sub", "vocab.txt"), "utf8")).toBe("a\nb\n");
    expect(await registry.artifactsLocation("penguins", 2)).toBeNull();

    expect(await registry.models()).toEqual(["penguins"]);
    expect((await registry.versions("penguins")).map((v) => v.tag)).toEqual(["penguins@v1", "penguins@v2"]);
    expect(await registry.version("penguins", 2)).toEqual(v2);
    expect(await registry.version("penguins", 3)).toBeNull();
    expect(await registry.versions("iris")).toEqual([]);
  });

  it("returns the existing version when the same run is registered again, whatever its key order", async () => {
    const { registry } = setup();
    const first = await registry.register("penguins", { run: run(0.9) });
    await registry.register("penguins", { run: run(0.95) });
    const reordered = { metrics: { accuracy: 0.9 }, model: "penguins", schema: "kiln.run/v1" } as RunRecord;
    expect(await registry.register("penguins", { run: reordered })).toEqual(first);
    expect(await registry.versions("penguins")).toHaveLength(2);
  });

  it("numbers concurrent registrations uniquely, also across registry instances on one root", async () => {
    const { root, clock } = setup();
    const registries = [0, 1, 2].map(() => new LocalRegistry({ root, clock }));
    const made = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        registries[i % 3]?.register("penguins", { run: run(0.5 + i / 100) }),
      ),
    );
    const numbers = made.map((v) => v?.version).sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const versions = await registries[0]?.versions("penguins");
    expect(versions?.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Each number holds the run that claimed it.
    for (const v of made) {
      const stored = JSON.parse(
        (await registries[0]?.readFile("penguins", v?.version ?? 0, "run.json")) ?? "",
      );
      expect(runDigest(stored)).toBe(v?.run_digest);
    }
  });

  it("registers one version when the same run is registered concurrently", async () => {
    const { root, registry } = setup();
    const made = await Promise.all(
      Array.from({ length: 5 }, () => registry.register("penguins", { run: run(0.9) })),
    );
    expect(new Set(made.map((v) => v.version))).toEqual(new Set([1]));
    expect(await registry.versions("penguins")).toHaveLength(1);
    expect(readdirSync(join(root, "penguins"))).toEqual(["v1"]);
  });

  it("leaves no temp files or staging directories behind", async () => {
    const { root, registry } = setup();
    await registry.register("penguins", { run: run(0.9) });
    await registry.assign("penguins", "production", 1);
    expect(readdirSync(join(root, "tags")).sort()).toEqual([
      "penguins#production#1.json",
      "penguins@v1.json",
    ]);
    expect(readdirSync(join(root, "penguins"))).toEqual(["v1"]);
  });

  it("refuses a run of another model, bad names and missing artifact directories", async () => {
    const { registry } = setup();
    await expect(registry.register("iris", { run: run(0.9) })).rejects.toThrow(
      /run.json is for model "penguins", not iris/,
    );
    await expect(registry.register("Bad Name", { run: run(0.9) })).rejects.toBeInstanceOf(UsageError);
    await expect(
      registry.register("penguins", { run: run(0.9), artifactsDir: join(freshDir(), "nope") }),
    ).rejects.toThrow(/model files directory .*nope does not exist/);
    expect(await registry.versions("penguins")).toEqual([]);
  });

  it("errors on files of versions that do not exist", async () => {
    const { registry } = setup();
    await registry.register("penguins", { run: run(0.9) });
    await expect(registry.readFile("penguins", 4, "run.json")).rejects.toThrow(
      "no version 4 of penguins; latest is v1",
    );
    await expect(registry.artifactsLocation("iris", 1)).rejects.toThrow(
      "no version 1 of iris; iris has no versions",
    );
    await expect(registry.readFile("penguins", 1, "../x" as "run.json")).rejects.toBeInstanceOf(UsageError);
  });
});

describe("LocalRegistry: aliases", () => {
  it("promotes, rolls back and keeps the whole history", async () => {
    const { registry, clock } = setup();
    for (const acc of [0.9, 0.92, 0.94]) await registry.register("penguins", { run: run(acc) });
    expect(await registry.alias("penguins", "production")).toBeNull();

    await registry.assign("penguins", "production", 1);
    clock.advance(60_000);
    await registry.assign("penguins", "staging", 2);
    clock.advance(60_000);
    const promote = await registry.assign("penguins", "production", 2, "promoted from staging");
    expect(promote).toEqual({
      model: "penguins",
      alias: "production",
      version: 2,
      counter: 2,
      tag: "penguins#production#2",
      assigned_at: "2025-03-01T12:02:00.000Z",
      note: "promoted from staging",
    });
    expect((await registry.alias("penguins", "production"))?.version).toBe(2);

    clock.advance(60_000);
    const rollback = await registry.assign("penguins", "production", 1, "rollback");
    expect(rollback.counter).toBe(3);
    expect((await registry.alias("penguins", "production"))?.tag).toBe("penguins@v1");
    expect((await registry.alias("penguins", "staging"))?.version).toBe(2);

    const production = await registry.history("penguins", "production");
    expect(production.map((a) => [a.counter, a.version])).toEqual([
      [1, 1],
      [2, 2],
      [3, 1],
    ]);
    expect((await registry.history("penguins")).map((a) => a.tag)).toEqual([
      "penguins#production#1",
      "penguins#staging#1",
      "penguins#production#2",
      "penguins#production#3",
    ]);
    expect(await registry.history("iris")).toEqual([]);
  });

  it("lets the highest counter win, however the clock reads", async () => {
    const { registry, clock } = setup();
    await registry.register("penguins", { run: run(0.9) });
    await registry.register("penguins", { run: run(0.91) });
    await registry.assign("penguins", "production", 2);
    clock.advance(-3_600_000);
    await registry.assign("penguins", "production", 1);
    expect((await registry.alias("penguins", "production"))?.version).toBe(1);
    expect((await registry.history("penguins", "production")).map((a) => a.counter)).toEqual([1, 2]);
  });

  it("gives concurrent assignments distinct counters", async () => {
    const { registry } = setup();
    await registry.register("penguins", { run: run(0.9) });
    const made = await Promise.all(
      Array.from({ length: 6 }, () => registry.assign("penguins", "production", 1)),
    );
    expect(made.map((a) => a.counter).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("refuses to assign a version that does not exist, or a bad alias", async () => {
    const { registry } = setup();
    await registry.register("penguins", { run: run(0.9) });
    await registry.register("penguins", { run: run(0.91) });
    const err = await registry.assign("penguins", "production", 9).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe("no version 9 of penguins; latest is v2");
    await expect(registry.assign("penguins", "Prod uction", 1)).rejects.toThrow(
      /alias "Prod uction" is not valid/,
    );
    expect(await registry.history("penguins")).toEqual([]);
  });
});

describe("LocalRegistry: tag files", () => {
  it("names tag files by the tag, and the names parse back to the same tags", async () => {
    const { root, registry } = setup();
    await registry.register("my.model-2_b", { run: run(0.9, "my.model-2_b") });
    await registry.assign("my.model-2_b", "canary_eu-1", 1);
    const names = readdirSync(join(root, "tags")).sort();
    expect(names).toEqual(["my.model-2_b#canary_eu-1#1.json", "my.model-2_b@v1.json"]);
    expect(names.map((n) => parseTag(tagFromFileName(n) ?? ""))).toEqual([
      { kind: "alias", model: "my.model-2_b", alias: "canary_eu-1", counter: 1 },
      { kind: "version", model: "my.model-2_b", version: 1 },
    ]);
    for (const tag of [versionTag("penguins", 12), aliasTag("penguins", "production", 3)]) {
      expect(tagFromFileName(tagFileName(tag))).toBe(tag);
    }
    expect(tagFromFileName("notes.txt")).toBeNull();
    expect(tagFromFileName("penguins@vx.json")).toBeNull();
    expect(() => tagFileName("../escape")).toThrow(UsageError);
  });

  it("keeps a model named tags apart from the tags directory", async () => {
    const { registry } = setup();
    await registry.register("tags", { run: run(0.9, "tags") });
    await registry.register("tags", { run: run(0.8, "tags") });
    await registry.register("penguins", { run: run(0.9) });
    expect(await registry.models()).toEqual(["penguins", "tags"]);
    expect((await registry.versions("tags")).map((v) => v.tag)).toEqual(["tags@v1", "tags@v2"]);
    expect(JSON.parse((await registry.readFile("tags", 2, "run.json")) ?? "").metrics).toEqual({
      accuracy: 0.8,
    });
  });

  it("ignores stray files in the tags directory", async () => {
    const { root, registry } = setup();
    await registry.register("penguins", { run: run(0.9) });
    writeFileSync(join(root, "tags", "README.md"), "hello");
    writeFileSync(join(root, "tags", ".penguins@v2.json.123.tmp"), "{");
    expect((await registry.versions("penguins")).map((v) => v.version)).toEqual([1]);
    expect((await registry.register("penguins", { run: run(0.95) })).version).toBe(2);
  });

  it("reports a corrupt tag file by name", async () => {
    const { root, registry } = setup();
    await registry.register("penguins", { run: run(0.9) });
    const file = join(root, "tags", "penguins@v1.json");
    writeFileSync(file, '{"schema":"kiln.tag/v1","model":"penguins"');
    const err = await registry.versions("penguins").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toContain("not valid JSON");
  });

  it("refuses a tag file whose body names another version", async () => {
    const { root, registry } = setup();
    await registry.register("penguins", { run: run(0.9) });
    const tags = join(root, "tags");
    writeFileSync(join(tags, "penguins@v7.json"), readFileSync(join(tags, "penguins@v1.json")));
    await expect(registry.version("penguins", 7)).rejects.toThrow(/penguins@v7\.json .*penguins@v1/);
  });

  it("reports an alias pointing at a version that is gone", async () => {
    const { root, registry } = setup();
    await registry.register("penguins", { run: run(0.9) });
    const assignment = await registry.assign("penguins", "production", 1);
    const body = JSON.parse(readFileSync(join(root, "tags", tagFileName(assignment.tag)), "utf8"));
    writeFileSync(
      join(root, "tags", "penguins#production#2.json"),
      JSON.stringify({ ...body, version: 5, counter: 2, tag: "penguins#production#2" }),
    );
    await expect(registry.alias("penguins", "production")).rejects.toThrow(
      /points at penguins@v5, which does not exist/,
    );
  });
});

describe("resolveModelUri", () => {
  it("resolves both URI forms", async () => {
    const { registry } = setup();
    await registry.register("penguins", { run: run(0.9) });
    const v2 = await registry.register("penguins", { run: run(0.93) });
    await registry.assign("penguins", "production", 2);
    expect(await resolveModelUri(registry, "models:/penguins/2")).toEqual(v2);
    expect(await resolveModelUri(registry, "models:/penguins@production")).toEqual(v2);
    expect((await resolveModelUri(registry, "models:/penguins/1")).version).toBe(1);
  });

  it("says what is missing", async () => {
    const { registry } = setup();
    await registry.register("penguins", { run: run(0.9) });
    await registry.register("penguins", { run: run(0.91) });
    await registry.register("penguins", { run: run(0.92) });
    await expect(resolveModelUri(registry, "models:/penguins/9")).rejects.toThrow(
      "no version 9 of penguins; latest is v3",
    );
    await expect(resolveModelUri(registry, "models:/penguins/0")).rejects.toThrow(
      "no version 0 of penguins; latest is v3",
    );
    await expect(resolveModelUri(registry, "models:/penguins@production")).rejects.toThrow(
      "alias production of penguins is not assigned",
    );
    await expect(resolveModelUri(registry, "models:/iris/1")).rejects.toThrow(
      "no version 1 of iris; iris has no versions",
    );
    await expect(resolveModelUri(registry, "penguins@v1")).rejects.toBeInstanceOf(UsageError);
  });
});

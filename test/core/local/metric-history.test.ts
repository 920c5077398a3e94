import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../core/errors.js";
import { LocalMetricHistory } from "../../../core/local/metric-history.js";
import type { HistoryEntry } from "../../../core/ports.js";
import { freshDir } from "./tmp.js";

function entry(i: number, model = "penguins"): HistoryEntry {
  return {
    model,
    sha: `sha${i}`,
    ref: "main",
    run_id: String(100 + i),
    recorded_at: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString(),
    metrics: { accuracy: 0.9 + i / 1000 },
  };
}

describe("LocalMetricHistory", () => {
  it("returns the newest entries, oldest first", async () => {
    const root = freshDir();
    const history = new LocalMetricHistory({ root });
    for (let i = 1; i <= 5; i++) await history.append(entry(i));
    await history.append(entry(9, "iris"));
    expect((await history.read("penguins", 3)).map((e) => e.sha)).toEqual(["sha3", "sha4", "sha5"]);
    expect((await history.read("penguins", 50)).map((e) => e.sha)).toEqual([
      "sha1",
      "sha2",
      "sha3",
      "sha4",
      "sha5",
    ]);
    expect(await history.read("penguins", 0)).toEqual([]);
    expect(await history.read("iris", 10)).toEqual([entry(9, "iris")]);
    expect(await history.read("unknown", 10)).toEqual([]);
    expect(readFileSync(join(root, "penguins.jsonl"), "utf8").split("\n")).toHaveLength(6);
  });

  it("records a run once: an entry whose run_id is already there is not appended again", async () => {
    const root = freshDir();
    const history = new LocalMetricHistory({ root });
    await history.append(entry(1));
    await history.append({ ...entry(1), sha: "other" });
    await history.append({ ...entry(2), run_id: undefined });
    await history.append({ ...entry(2), run_id: undefined });
    expect((await history.read("penguins", 10)).map((e) => e.sha)).toEqual(["sha1", "sha2", "sha2"]);
  });

  it("keeps every concurrent append", async () => {
    const history = new LocalMetricHistory({ root: freshDir() });
    await Promise.all(Array.from({ length: 20 }, (_, i) => history.append(entry(i))));
    expect(await history.read("penguins", 100)).toHaveLength(20);
  });

  it("names the file and line of a corrupt entry", async () => {
    const root = freshDir();
    const history = new LocalMetricHistory({ root });
    await history.append(entry(1));
    appendFileSync(join(root, "penguins.jsonl"), "{not json}\n");
    await history.append(entry(2));
    const err = await history.read("penguins", 10).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toContain(`${join(root, "penguins.jsonl")}:2 is not valid JSON`);

    writeFileSync(
      join(root, "penguins.jsonl"),
      `${JSON.stringify({ ...entry(1), metrics: { accuracy: "high" } })}\n`,
    );
    await expect(history.read("penguins", 10)).rejects.toThrow(/penguins\.jsonl:1 metrics\.accuracy/);
  });

  it("drops a line torn by a crash instead of failing or gluing onto it", async () => {
    const root = freshDir();
    const history = new LocalMetricHistory({ root });
    await history.append(entry(1));
    appendFileSync(join(root, "penguins.jsonl"), '{"model":"penguins","sha":"sh');
    expect((await history.read("penguins", 10)).map((e) => e.sha)).toEqual(["sha1"]);
    await history.append(entry(2));
    expect((await history.read("penguins", 10)).map((e) => e.sha)).toEqual(["sha1", "sha2"]);
  });

  it("refuses entries kiln could not read back, and bad limits", async () => {
    const history = new LocalMetricHistory({ root: freshDir() });
    await expect(history.append({ ...entry(1), metrics: { accuracy: Number.NaN } })).rejects.toThrow(
      /metrics\.accuracy/,
    );
    await expect(history.append(entry(1, "../etc"))).rejects.toBeInstanceOf(UsageError);
    await expect(history.read("../etc", 1)).rejects.toBeInstanceOf(UsageError);
    await expect(history.read("penguins", -1)).rejects.toBeInstanceOf(UsageError);
    await expect(history.read("penguins", 1.5)).rejects.toBeInstanceOf(UsageError);
  });
});

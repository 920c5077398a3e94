import { describe, expect, it } from "vitest";
import { diffRuns } from "../../../core/metrics/diff.js";
import type { RunRecord } from "../../../core/metrics/run-record.js";

const SHA = (c: string) => c.repeat(64);

function run(metrics: Record<string, number>, extra: Partial<RunRecord> = {}): RunRecord {
  return { schema: "kiln.run/v1", model: "penguins", metrics, ...extra } as RunRecord;
}

describe("diffRuns", () => {
  it("Δ and Δ% relative to |base|, trend by the metric's direction", () => {
    const d = diffRuns(
      run({ accuracy: 0.9, log_loss: 0.25, neg: -2 }),
      run({ accuracy: 0.8, log_loss: 0.2, neg: -1 }),
    );
    const [acc, loss, neg] = d.metrics;
    expect(acc).toMatchObject({ status: "changed", direction: "higher", trend: "worse" });
    expect(acc?.delta).toBeCloseTo(-0.1);
    expect(acc?.relative).toBeCloseTo(-0.1 / 0.9);
    expect(loss).toMatchObject({ direction: "lower", trend: "better" });
    expect(loss?.relative).toBeCloseTo(-0.2);
    // Relative to |base|: −2 → −1 is +50%, not −50%.
    expect(neg?.relative).toBeCloseTo(0.5);
    expect(d.changed.metrics).toBe(3);
  });

  it("a config's direction overrides the name's", () => {
    const d = diffRuns(run({ score: 2 }), run({ score: 1 }), { directions: { score: "lower" } });
    expect(d.metrics[0]).toMatchObject({ direction: "lower", trend: "better" });
    expect(diffRuns(run({ score: 2 }), run({ score: 1 })).metrics[0]?.trend).toBe("worse");
  });

  it("base 0 has no Δ%; exact equality is unchanged", () => {
    const d = diffRuns(run({ a: 0, b: 0.3, c: 0.1 + 0.2 }), run({ a: 0.5, b: 0.3, c: 0.3 }));
    expect(d.metrics[0]).toMatchObject({ delta: 0.5, relative: null, status: "changed" });
    expect(d.metrics[1]).toMatchObject({ status: "unchanged", trend: "same", delta: 0 });
    // 0.1 + 0.2 is not 0.3: exact equality, so it is a (tiny) change.
    expect(d.metrics[2]?.status).toBe("changed");
    expect(d.changed.metrics).toBe(2);
  });

  it("metrics only on one side are added or removed, with no Δ", () => {
    const d = diffRuns(run({ old: 1, both: 1 }), run({ both: 1, fresh: 2 }));
    expect(d.metrics.map((m) => [m.metric, m.status])).toEqual([
      ["old", "removed"],
      ["both", "unchanged"],
      ["fresh", "added"],
    ]);
    expect(d.metrics[0]).toMatchObject({ base: 1, head: null, delta: null, relative: null, trend: null });
    expect(d.metrics[2]).toMatchObject({ base: null, head: 2, delta: null });
  });

  it("params: only changed keys, nested ones as dot paths", () => {
    const d = diffRuns(
      run({ a: 1 }, { params: { lr: 0.1, epochs: 20, seed: 7, model: { depth: 3, width: 8 }, drop: true } }),
      run(
        { a: 1 },
        { params: { lr: 0.3, epochs: 20, seed: 7, model: { depth: 4, width: 8 }, extra: [1, 2] } },
      ),
    );
    expect(d.params).toEqual([
      { key: "lr", base: 0.1, head: 0.3, status: "changed" },
      { key: "model.depth", base: 3, head: 4, status: "changed" },
      { key: "drop", base: true, head: undefined, status: "removed" },
      { key: "extra", base: undefined, head: [1, 2], status: "added" },
    ]);
  });

  it("data fingerprints: sha256 and rows per path", () => {
    const d = diffRuns(
      run(
        { a: 1 },
        { data: { "train.csv": { sha256: SHA("a"), rows: 344 }, "ref.csv": { sha256: SHA("b") } } },
      ),
      run(
        { a: 1 },
        {
          data: {
            "train.csv": { sha256: SHA("c"), rows: 330 },
            "ref.csv": { sha256: SHA("b") },
            "new.csv": { sha256: SHA("d") },
          },
        },
      ),
    );
    expect(d.data).toEqual([
      {
        path: "train.csv",
        base: { sha256: SHA("a"), rows: 344 },
        head: { sha256: SHA("c"), rows: 330 },
        status: "changed",
      },
      { path: "ref.csv", base: { sha256: SHA("b") }, head: { sha256: SHA("b") }, status: "unchanged" },
      { path: "new.csv", base: null, head: { sha256: SHA("d") }, status: "added" },
    ]);
    expect(d.changed.data).toBe(2);
  });

  it("slices: per slice metric diffs and a status", () => {
    const d = diffRuns(
      run(
        { a: 1 },
        { slices: { "sex=F": { accuracy: 0.9 }, "sex=M": { accuracy: 0.95 }, gone: { accuracy: 1 } } },
      ),
      run({ a: 1 }, { slices: { "sex=F": { accuracy: 0.85 }, "sex=M": { accuracy: 0.95 } } }),
    );
    expect(d.slices.map((s) => [s.slice, s.status])).toEqual([
      ["sex=F", "changed"],
      ["sex=M", "unchanged"],
      ["gone", "removed"],
    ]);
    expect(d.slices[0]?.metrics[0]).toMatchObject({ metric: "accuracy", trend: "worse" });
    expect(d.changed.slices).toBe(2);
  });

  it("names the commits of both sides", () => {
    const d = diffRuns(run({ a: 1 }, { code: { sha: "f95f852", ref: "main" } }), run({ a: 2 }));
    expect(d.base).toEqual({ model: "penguins", sha: "f95f852", ref: "main" });
    expect(d.head).toEqual({ model: "penguins" });
  });
});

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CheckFailed } from "../../../core/errors.js";
import { parseMetrics, readMetricsFile, replaceBareTokens } from "../../../core/train/metrics-capture.js";
import { tempDir } from "./support.js";

function problem(text: string, file = "metrics.json"): string {
  try {
    parseMetrics(text, file);
  } catch (err) {
    expect(err).toBeInstanceOf(CheckFailed);
    return (err as Error).message;
  }
  throw new Error("expected the metrics to be rejected");
}

describe("metrics capture", () => {
  it("flattens nested keys to dot paths and lifts the top-level slices map (as examples/penguins writes it)", () => {
    const got = parseMetrics(
      JSON.stringify({
        accuracy: 0.956522,
        train: { rows: 275 },
        eval: { loss: { mean: 0.08 } },
        slices: {
          "sex=FEMALE": { accuracy: 1.0, rows: 29 },
          "island=Dream": { accuracy: 0.913043, rows: 23 },
        },
      }),
      "metrics.json",
    );
    expect(got).toEqual({
      metrics: { accuracy: 0.956522, "train.rows": 275, "eval.loss.mean": 0.08 },
      slices: { "sex=FEMALE": { accuracy: 1, rows: 29 }, "island=Dream": { accuracy: 0.913043, rows: 23 } },
    });
  });

  it("reads YAML (DVC-style) by extension", () => {
    expect(parseMetrics("train:\n  loss: 0.5\nacc: 0.9\n", "metrics.yaml")).toEqual({
      metrics: { "train.loss": 0.5, acc: 0.9 },
    });
  });

  it("names the key path of the bare NaN and Infinity tokens Python's json writes", () => {
    const message = problem('{"accuracy": NaN, "loss": {"val": Infinity, "test": -Infinity}, "ok": 1}');
    expect(message).toMatch(/has 3 values that are not metrics/);
    expect(message).toContain(
      "metrics.json: accuracy: NaN is not a finite number (Python's json writes float('nan') as a bare NaN)",
    );
    expect(message).toContain("metrics.json: loss.val: Infinity is not a finite number");
    expect(message).toContain(
      "metrics.json: loss.test: -Infinity is not a finite number (Python's json writes float('-inf')",
    );
  });

  it("names NaN in a slice and YAML's .nan and .inf", () => {
    expect(problem('{"a": 1, "slices": {"sex=MALE": {"accuracy": NaN}}}')).toContain(
      "slices.sex=MALE.accuracy: NaN is not a finite number",
    );
    const yaml = problem("a: .nan\nb: {c: -.inf}\n", "m.yml");
    expect(yaml).toContain("m.yml: a: NaN is not a finite number");
    expect(yaml).toContain("m.yml: b.c: -Infinity is not a finite number");
  });

  it("rejects strings, booleans, nulls and lists with their key paths; a NaN inside a string is just a string", () => {
    const message = problem('{"acc": "0.9", "best": true, "f1": null, "cm": [[1, 2]], "note": "NaN"}');
    expect(message).toContain('acc: expected a number, got a string "0.9"');
    expect(message).toContain("best: expected a number, got a boolean true");
    expect(message).toContain("f1: expected a number, got null");
    expect(message).toContain("cm: expected a number, got a list");
    expect(message).toContain('note: expected a number, got a string "NaN"');
  });

  it("rejects a garbled (half-written) file with the place where it breaks, and an empty one", () => {
    expect(problem('{\n  "accuracy": 0.9,\n  "loss": ')).toMatch(
      /^metrics\.json(:\d+:\d+)? is not valid JSON/,
    );
    expect(problem('{"a": 1,\n "b" 2}')).toMatch(/^metrics\.json:2:\d+ is not valid JSON/);
    expect(problem("{}")).toContain("holds no metrics");
    expect(problem("[1, 2]")).toContain("expected a mapping of metric names to numbers, got a list");
    expect(problem('{"a": 1, "slices": [1]}')).toContain("slices: expected a mapping");
    expect(problem('{"a.b": 1, "a": {"b": 2}}')).toContain("a.b: the key path appears twice");
  });

  it("says when the trainer wrote no metrics file", async () => {
    await expect(readMetricsFile(join(tempDir(), "metrics.json"), "metrics.json")).rejects.toThrow(
      "the trainer did not write metrics.json",
    );
    const dir = tempDir();
    writeFileSync(join(dir, "m.json"), '{"a": 2}');
    expect(await readMetricsFile(join(dir, "m.json"), "m.json")).toEqual({ metrics: { a: 2 } });
  });

  it("replaces bare tokens only outside strings and identifiers", () => {
    expect(replaceBareTokens('{"NaN": "Infinity", "x": NaN, "y": [-Infinity]}')).toBe(
      '{"NaN": "Infinity", "x": "\\u0000kiln-bare:NaN", "y": ["\\u0000kiln-bare:-Infinity"]}',
    );
    expect(replaceBareTokens('{"s": "a \\" NaN"}')).toBe('{"s": "a \\" NaN"}');
  });
});

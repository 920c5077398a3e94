import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkConfig, parseConfig } from "../../../core/config/load.js";
import { trainOf } from "../../../core/config/schema.js";
import { parseDuration, parseThreshold } from "../../../core/config/units.js";
import { KilnError } from "../../../core/errors.js";

function problems(text: string) {
  const r = checkConfig(text);
  if (r.ok) throw new Error("expected problems");
  return r.problems;
}

describe("config schema", () => {
  it("accepts the design's full sketch and fills defaults", () => {
    const text = readFileSync(new URL("../fixtures/design-config.yml", import.meta.url), "utf8");
    const r = checkConfig(text);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const m = r.config.models.penguins;
    expect(m?.gate.metrics.accuracy).toMatchObject({ min: 0.85, "max-regression": 0.01, required: true });
    expect(m?.gate.metrics.log_loss?.["max-regression"]).toBe("5%");
    expect(m?.gate.significance).toEqual({
      method: "bootstrap",
      level: 0.95,
      resamples: 2000,
      seed: 7,
      regressions: "any",
    });
    expect(m?.data?.drift.columns.island).toEqual({ method: "psi", threshold: 0.2 });
    expect(m?.deploy?.environments.production?.canary).toEqual([10, 50, 100]);
    expect(m?.deploy?.environments.staging?.health).toMatchObject({
      timeout: "60s",
      "expect-status": 200,
      retries: 3,
    });
    expect(m?.monitor?.degrade["drift-share"]).toBe(0.5);
    expect(r.config.retrain).toEqual({
      cooldown: "24h",
      "max-per-day": 2,
      labels: ["retrain"],
      reviewers: [],
    });
  });

  it("fills defaults for a minimal config", () => {
    const r = checkConfig("models:\n  m1:\n    train: python train.py\n");
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.config.models.m1).toMatchObject({ paths: [], metrics: "metrics.json", artifacts: [] });
    expect(r.config.models.m1?.gate).toEqual({ metrics: {}, slices: [], "require-baseline": false });
    expect(r.config.app.workflows).toEqual([]);
    const m1 = r.config.models.m1;
    if (!m1) throw new Error("m1 missing");
    expect(trainOf(m1)).toEqual({ command: "python train.py", gpus: 0, timeout: "6h" });
  });

  it("names the key path, line and column of a typo and suggests the key", () => {
    const text =
      "models:\n  penguins:\n    gate:\n      metrics:\n        accuracy: { min: 0.8, max-regresion: 0.01 }\n";
    expect(problems(text)).toEqual([
      {
        path: "models.penguins.gate.metrics.accuracy.max-regresion",
        line: 5,
        column: 31,
        message: 'unknown key — did you mean "max-regression"?',
      },
    ]);
  });

  it("reports every problem, each at its own line, in file order", () => {
    const text = [
      "models:", //                                                1
      "  penguins:", //                                            2
      "    train: { command: x, gpus: -1 }", //                   3
      "    gate:", //                                              4
      "      metrics:", //                                         5
      '        log_loss: { direction: lowr, max-regression: "5 %" }', // 6
      "    deploy:", //                                            7
      "      environments:", //                                    8
      "        production: { canary: [50, 10] }", //               9
      "retrain: { cooldown: 2 hours }", //                        10
      "apps: {}", //                                              11
    ].join("\n");
    const got = problems(text).map((p) => [p.line, p.path]);
    expect(got).toEqual([
      [3, "models.penguins.train.gpus"],
      [6, "models.penguins.gate.metrics.log_loss.direction"],
      [6, "models.penguins.gate.metrics.log_loss.max-regression"],
      [9, "models.penguins.deploy.environments.production.canary"],
      [9, "models.penguins.deploy.environments.production.canary"],
      [10, "retrain.cooldown"],
      [11, "apps"],
    ]);
    const messages = problems(text).map((p) => p.message);
    expect(messages).toContain('"lowr" is not allowed; use one of "higher", "lower"');
    expect(messages).toContain("canary steps must increase");
    expect(messages).toContain("the last canary step must be 100");
    expect(messages).toContain('unknown key — did you mean "app"?');
  });

  it("rejects model names that cannot be artifact names, branches or tags", () => {
    const [p] = problems("models:\n  Bad Name:\n    train: x\n");
    expect(p).toMatchObject({ path: "models.Bad Name", line: 2, column: 3 });
    expect(p?.message).toMatch(/lowercase/);
  });

  it("rejects min above max and an empty models map", () => {
    expect(
      problems("models:\n  a:\n    gate: { metrics: { acc: { min: 0.9, max: 0.1 } } }\n")[0],
    ).toMatchObject({
      path: "models.a.gate.metrics.acc.min",
      message: expect.stringContaining("min is greater than max"),
    });
    expect(problems("models: {}\n")[0]?.message).toMatch(/at least one model/);
  });

  it("explains a wrong type with what it got", () => {
    const [p] = problems("models:\n  a:\n    paths: data/**\n");
    expect(p).toMatchObject({ path: "models.a.paths", line: 3 });
    expect(p?.message).toMatch(/expected array, got string "data\/\*\*"/);
  });

  it("says a missing required key is missing", () => {
    const [p] = problems("models:\n  a:\n    data: { reference: r.csv }\n");
    expect(p).toMatchObject({ path: "models.a.data.train", message: expect.stringMatching(/missing/) });
  });

  it("reports YAML syntax errors at their line", () => {
    const [p] = problems("models:\n  a:\n    train: [unclosed\n");
    expect(p?.message).toMatch(/^YAML syntax/);
    expect(p?.line).toBeGreaterThanOrEqual(3);
  });

  it("rejects an empty file and duplicate keys", () => {
    expect(problems("")[0]?.message).toMatch(/empty/);
    expect(problems("models:\n  a: {}\n  a: {}\n")[0]?.message).toMatch(/YAML syntax.*unique/i);
  });

  it("parseConfig throws one error listing file:line:col for each problem", () => {
    try {
      parseConfig("models:\n  a:\n    metircs: m.json\n", ".github/kiln.yml");
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(KilnError);
      expect((err as KilnError).exitCode).toBe(2);
      expect((err as Error).message).toContain(
        '.github/kiln.yml:3:5 models.a.metircs: unknown key — did you mean "metrics"?',
      );
    }
  });
});

describe("units", () => {
  it("parses durations and thresholds", () => {
    expect(parseDuration("90s")).toBe(90);
    expect(parseDuration("2h")).toBe(7200);
    expect(parseDuration("1.5m")).toBe(90);
    expect(parseDuration("250ms")).toBe(0.25);
    expect(parseDuration(12)).toBe(12);
    expect(parseThreshold(0.01)).toEqual({ kind: "absolute", value: 0.01 });
    expect(parseThreshold("5%")).toEqual({ kind: "relative", value: 0.05 });
  });

  it("refuses what is not a duration or threshold, saying how to write one", () => {
    expect(() => parseDuration("2 hours", "train.timeout")).toThrow(
      /train.timeout: "2 hours" is not a duration/,
    );
    expect(() => parseThreshold("five", "x")).toThrow(/not a threshold/);
  });
});

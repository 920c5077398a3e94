import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { checkConfig, parseConfig } from "../../../core/config/load.js";
import { configSchema, evaluateOf } from "../../../core/config/schema.js";
import { kiln } from "../../cli/helpers.js";

const config = (evaluate: string) => `models:\n  penguins:\n    evaluate:${evaluate}\n`;

function problems(text: string) {
  const r = checkConfig(text);
  if (r.ok) throw new Error("expected problems");
  return r.problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`);
}

describe("models.<model>.evaluate", () => {
  it("accepts a command string and expands it with train's defaults and no data", () => {
    const m = parseConfig(config(" python3 evaluate.py"), "kiln.yml").models.penguins;
    expect(m?.evaluate).toBe("python3 evaluate.py");
    expect(m && evaluateOf(m)).toEqual({ command: "python3 evaluate.py", timeout: "6h", gpus: 0 });
  });

  it("accepts the object form with data, format, timeout and gpus, and keeps the format", () => {
    const m = parseConfig(
      config(`
      command: python3 evaluate.py
      data: data/test.csv
      format: { delimiter: ",", header: true }
      timeout: 30m
      gpus: 1`),
      "kiln.yml",
    ).models.penguins;
    expect(m && evaluateOf(m)).toEqual({
      command: "python3 evaluate.py",
      data: "data/test.csv",
      format: { delimiter: ",", header: true },
      timeout: "30m",
      gpus: 1,
    });
    const defaults = parseConfig(config(" { command: ./score.sh, data: 'data/*.csv' }"), "kiln.yml").models
      .penguins;
    expect(defaults?.evaluate).toEqual({ command: "./score.sh", data: "data/*.csv", timeout: "6h", gpus: 0 });
    const spaced = parseConfig(
      config(
        " { command: x, data: d.txt, format: { delimiter: whitespace, header: false, columns: [a, b] } }",
      ),
      "kiln.yml",
    ).models.penguins;
    expect(spaced && evaluateOf(spaced)?.format).toEqual({
      delimiter: "whitespace",
      header: false,
      columns: ["a", "b"],
    });
    expect(parseConfig("models:\n  p: {}\n", "kiln.yml").models.p?.evaluate).toBeUndefined();
  });

  it("names a missing data or command key by its path, line and column", () => {
    expect(problems(config("\n      command: python3 evaluate.py\n      timeout: 30m"))).toEqual([
      "4:7 models.penguins.evaluate.data: required key is missing: the evaluation data, a file, a folder or a glob (or use the short form `evaluate: <command>` and give the data with --data)",
    ]);
    expect(problems(config("\n      data: data/test.csv"))).toEqual([
      "4:7 models.penguins.evaluate.command: required key is missing: the command that scores the model (e.g. python3 evaluate.py)",
    ]);
  });

  it("reports typos, bad values and wrong types as the other keys do", () => {
    expect(problems(config("\n      command: x\n      data: d.csv\n      timout: 30m"))).toEqual([
      '6:7 models.penguins.evaluate.timout: unknown key — did you mean "timeout"?',
    ]);
    expect(problems(config("\n      command: x\n      data: d.csv\n      timeout: soon"))).toEqual([
      '6:16 models.penguins.evaluate.timeout: "soon" is not a duration such as "90s", "30m", "2h"',
    ]);
    expect(problems(config("\n      command: x\n      data: d.csv\n      gpus: -1"))).toEqual([
      "6:13 models.penguins.evaluate.gpus: -1: expected number to be >=0",
    ]);
    expect(
      problems(config('\n      command: x\n      data: d.csv\n      format: { delimiter: ";;" }')),
    ).toEqual([
      '6:28 models.penguins.evaluate.format.delimiter: ";;" is not a single character, or tab, space or whitespace',
    ]);
    expect(problems(config("\n      command: x\n      data: d.csv\n      format: { headr: true }"))).toEqual([
      '6:17 models.penguins.evaluate.format.headr: unknown key — did you mean "header"?',
    ]);
    expect(problems(config(" 42"))).toEqual([
      "3:15 models.penguins.evaluate: expected string or object, got number 42",
    ]);
    expect(problems(config(' ""'))).toHaveLength(1);
  });

  it("the JSON Schema requires command and data in the object form", () => {
    const schema = z.toJSONSchema(configSchema, { io: "input", target: "draft-2020-12" }) as unknown as {
      properties: { models: { additionalProperties: { properties: { evaluate: { anyOf: unknown[] } } } } };
    };
    const [short, object] = schema.properties.models.additionalProperties.properties.evaluate.anyOf as [
      { type: string },
      { type: string; required: string[]; properties: Record<string, unknown> },
    ];
    expect(short.type).toBe("string");
    expect(object.required).toEqual(["command", "data"]);
    expect(Object.keys(object.properties)).toEqual(["command", "data", "format", "timeout", "gpus"]);
  });

  it("kiln config check reports evaluate problems as file:line:col key.path", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kiln-config-"));
    writeFileSync(join(dir, "kiln.yml"), config("\n      command: python3 evaluate.py\n      gpu: 1"));
    const r = await kiln(["config", "check", "kiln.yml"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'kiln.yml:5:7 models.penguins.evaluate.gpu: unknown key — did you mean "gpus"?\n',
    );
    expect(r.stderr).toContain("kiln.yml:4:7 models.penguins.evaluate.data: required key is missing");
    writeFileSync(join(dir, "ok.yml"), config(" python3 evaluate.py"));
    expect((await kiln(["config", "check", "ok.yml"], { cwd: dir })).code).toBe(0);
  });
});

/** Unhappy inputs: every error names the file, the key path or line, and what is wrong. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseExamples } from "../../../core/gate/examples.js";
import { findNonFinite, parseRunText, readRunExamples, readRunFile } from "../../../core/gate/load.js";
import { freshDir, runOf } from "./helpers.js";

describe("run.json", () => {
  it("NaN and Infinity (as Python's json writes them) are named by key path", () => {
    expect(() =>
      parseRunText('{"schema":"kiln.run/v1","model":"penguins","metrics":{"accuracy":NaN}}', "run.json"),
    ).toThrow("run.json: metrics.accuracy is NaN; metrics must be finite numbers");
    expect(() =>
      parseRunText(
        '{"schema":"kiln.run/v1","model":"p","metrics":{"a":1},"slices":{"sex=F":{"loss":-Infinity}}}',
        "run.json",
      ),
    ).toThrow("run.json: slices.sex=F.loss is -Infinity");
    expect(findNonFinite('{"note":"NaN is fine in a string \\" NaN","x":Infinity}')).toEqual({
      path: "x",
      token: "Infinity",
    });
    expect(findNonFinite('{"note":"NaN"}')).toBeNull();
  });

  it("non-numeric metrics, empty files and bad JSON are usage errors with the key path", () => {
    expect(() =>
      parseRunText('{"schema":"kiln.run/v1","model":"penguins","metrics":{"accuracy":"0.9"}}', "c.json"),
    ).toThrow(/c\.json: metrics\.accuracy: must be a finite number/);
    expect(() => parseRunText("", "c.json")).toThrow(/c\.json is empty/);
    expect(() => parseRunText("{", "c.json")).toThrow(/c\.json is not valid JSON/);
    expect(() => parseRunText('{"schema":"kiln.gate/v1"}', "c.json")).toThrow(/expected "kiln\.run\/v1"/);
  });

  it("a missing file says so", async () => {
    await expect(readRunFile(join(freshDir(), "nope.json"), "nope.json")).rejects.toThrow(
      "run nope.json does not exist",
    );
  });
});

describe("per-example results", () => {
  it("parses RFC 4180 CSV: quotes, commas and newlines in cells, CRLF, BOM", () => {
    const t = parseExamples('\ufeffid,label,note\r\n1,a,"x, ""y"""\r\n2,b,"two\nlines"\r\n3,c,z', "p.csv");
    expect(t.cells("id")).toEqual(["1", "2", "3"]);
    expect(t.cells("note")).toEqual(['x, "y"', "two\nlines", "z"]);
    expect(t.allLines()).toEqual([2, 3, 5]);
  });

  it("refuses what cannot be paired or read, naming file and line", () => {
    expect(() => parseExamples("", "p.csv")).toThrow("p.csv is empty");
    expect(() => parseExamples("id,label\n", "p.csv")).toThrow("p.csv has a header but no rows");
    expect(() => parseExamples("label,prediction\na,a\n", "p.csv")).toThrow(
      /p\.csv:1: the header has no id column/,
    );
    expect(() => parseExamples("id,label\n1,a\n1,b\n", "p.csv")).toThrow('p.csv:3: id "1" repeats line 2');
    expect(() => parseExamples("id,label\n1,a,extra\n", "p.csv")).toThrow(
      /p\.csv:2: 3 cells, but the header has 2/,
    );
    expect(() => parseExamples('id,label\n1,"open\n', "p.csv")).toThrow(/a quoted cell is not closed/);
  });

  it("are read next to run.json, never outside its folder", async () => {
    const dir = freshDir();
    mkdirSync(join(dir, "run"));
    writeFileSync(join(dir, "run", "predictions.csv"), "id,label,prediction\n1,a,a\n");
    const file = join(dir, "run", "run.json");
    const table = await readRunExamples(runOf({ a: 1 }, { examples: "predictions.csv" }), file);
    expect(typeof table === "string" ? table : table.cells("id")).toEqual(["1"]);
    expect(await readRunExamples(runOf({ a: 1 }), file)).toMatch(/names no per-example results/);
    expect(await readRunExamples(runOf({ a: 1 }, { examples: "gone.csv" }), file)).toMatch(
      /gone\.csv.*does not exist/,
    );
    await expect(readRunExamples(runOf({ a: 1 }, { examples: "../secret.csv" }), file)).rejects.toThrow(
      /must be a path inside the run's folder/,
    );
    await expect(readRunExamples(runOf({ a: 1 }, { examples: "/etc/passwd" }), file)).rejects.toThrow(
      /must be a path inside the run's folder/,
    );
  });

  it("a non-numeric per-example value is an error with file:line", async () => {
    const { perExampleMetric } = await import("../../../core/gate/example-metrics.js");
    const { pairExamples } = await import("../../../core/gate/examples.js");
    const c = parseExamples("id,loss\n1,0.5\n2,oops\n", "c.csv");
    const b = parseExamples("id,loss\n1,0.5\n2,0.4\n", "b.csv");
    const p = pairExamples(c, b);
    if (typeof p === "string") throw new Error(p);
    expect(() => perExampleMetric("loss", "lower", p)).toThrow('c.csv:3: loss "oops" is not a finite number');
  });
});

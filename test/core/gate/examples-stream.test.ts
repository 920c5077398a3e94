/**
 * Per-example results streamed into typed arrays: the same tables, lines and errors as the parser
 * they replaced (kept in bench/gate-reference/), whatever the read size; columns as codes or
 * numbers; ids in order or not; pairing and its messages.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseExamples as referenceParse } from "../../../bench/gate-reference/examples.js";
import { perExampleMetric } from "../../../core/gate/example-metrics.js";
import { type ExampleTable, pairExamples, parseExamples } from "../../../core/gate/examples.js";
import { DICTIONARY_CAP, parseNumber } from "../../../core/gate/examples-column.js";
import { readRunExamples } from "../../../core/gate/load.js";
import { freshDir, runOf } from "./helpers.js";

function paired(c: string, b: string) {
  const p = pairExamples(parseExamples(c, "c.csv"), parseExamples(b, "b.csv"));
  if (typeof p === "string") throw new Error(p);
  return p;
}

/** A parse's result as the string parser gave it, the raw id column aside (ids are kept trimmed). */
function outcome(parse: () => { ids: string[]; columns: Map<string, string[]>; lines: number[] }) {
  try {
    const t = parse();
    const columns = Object.fromEntries([...t.columns].filter(([name]) => name !== "id"));
    return { ok: true as const, ids: t.ids, columns, lines: t.lines };
  } catch (err) {
    return { ok: false as const, message: (err as Error).message };
  }
}

function asReference(t: ExampleTable) {
  return {
    ids: t.cells("id") as string[],
    columns: new Map(t.names.filter((n) => n !== "id").map((n) => [n, t.cells(n) as string[]])),
    lines: t.allLines(),
  };
}

describe("streaming CSV scanner", () => {
  // Cells drawn from the characters that matter: separators, quotes, line ends, spaces that
  // String.prototype.trim removes (and two it does not: U+0085, U+180E), multi-byte text.
  const piece = fc.constantFrom(
    "a",
    "b",
    "1",
    "x y",
    ",",
    '"',
    '""',
    "\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "\u00a0",
    "\u2003",
    "\u3000",
    "\ufeff",
    "\u0085",
    "\u180e",
    "é",
    "日本",
    "🔥",
  );
  const text = fc
    .tuple(
      fc.boolean(),
      fc.array(
        fc.array(piece, { maxLength: 6 }).map((p) => p.join("")),
        { maxLength: 12 },
      ),
    )
    .map(([bom, cells]) => {
      // A header with an id, then rows of mostly three cells, sometimes quoted.
      let body = "";
      for (let i = 0; i < cells.length; i++) {
        const cell = cells[i] as string;
        body += i % 3 === 0 ? `${i}${cell}` : i % 4 === 1 ? `"${cell.replaceAll('"', '""')}"` : cell;
        body += i % 3 === 2 ? "\n" : ",";
      }
      return `${bom ? "\ufeff" : ""}id,note,x\n${body}`;
    });

  it("gives what the string parser gave — cells, lines, whether it fails — at any read size", () => {
    fc.assert(
      fc.property(text, fc.constantFrom(1, 2, 3, 5, 8, 64, 1 << 18), (t, chunk) => {
        const want = outcome(() => referenceParse(t, "p.csv"));
        const got = outcome(() => asReference(parseExamples(t, "p.csv", { chunk })));
        if (want.ok && got.ok) expect(got).toEqual(want);
        else expect(got.ok).toBe(want.ok);
      }),
      { numRuns: 1000 },
    );
  });

  it("names the same file:line as the string parser for each kind of bad file", () => {
    const cases = [
      "",
      "\n\nid,label\n1,a\n",
      "id,label\n",
      "label,prediction\na,a\n",
      "id,label,id\n1,a,2\n",
      "id,label\n1,a\n1,b\n",
      "id,label\n1,a\n\n  1 ,b\n",
      'id,label\n1,"a\nb"\n2,a\n1,c\n',
      "id,label\n1,a,extra\n",
      'id,note\n1,"x\n2,y\n',
      "id,label\n ,a\n",
    ];
    for (const t of cases) {
      const want = outcome(() => referenceParse(t, "p.csv"));
      expect(want.ok).toBe(false);
      for (const chunk of [1, 4, 1 << 18]) {
        expect(outcome(() => asReference(parseExamples(t, "p.csv", { chunk })))).toEqual(want);
      }
    }
  });
});

describe("columns in typed arrays", () => {
  it(`a column of more than ${DICTIONARY_CAP} distinct numbers is held as numbers`, () => {
    const n = DICTIONARY_CAP + 500;
    const rows = Array.from({ length: n }, (_, i) => `${i},${(i * 0.001).toFixed(3)},${i % 3}`);
    const t = parseExamples(`id,loss,small\n${rows.join("\n")}\n`, "p.csv");
    expect(t.columns.get("loss")?.numbers).not.toBeNull();
    expect(t.columns.get("loss")?.codes).toBeNull();
    expect(t.columns.get("small")?.codes).not.toBeNull();
    expect(t.cells("loss")?.slice(0, 3)).toEqual(["0", "0.001", "0.002"]);
    const p = pairExamples(t, t);
    if (typeof p === "string") throw new Error(p);
    const m = perExampleMetric("loss", "lower", p);
    if (typeof m === "string") throw new Error(m);
    const exact = rows.reduce((s, r) => s + Number(r.split(",")[1]), 0) / n;
    expect(m.candidateValue).toBe(exact);
  });

  it("a cell that is no number after thousands of numbers is still reported at its line", () => {
    const n = DICTIONARY_CAP + 10;
    const rows = Array.from({ length: n }, (_, i) => `${i},${i}.5`);
    rows.push(`${n},oops`, `${n + 1},7`);
    const text = `id,loss\n${rows.join("\n")}\n`;
    const p = paired(text, text);
    expect(p.candidate.columns.get("loss")?.codes).not.toBeNull();
    expect(p.candidate.cells("loss")?.at(-2)).toBe("oops");
    expect(() => perExampleMetric("loss", "lower", p)).toThrow(
      `c.csv:${n + 2}: loss "oops" is not a finite number`,
    );
  });

  it("codes widen past 256 and 65,536 distinct values without changing a cell", () => {
    const n = 70_000;
    const rows = Array.from({ length: n }, (_, i) => `${i},k${i % 66_000},${i % 300}`);
    const t = parseExamples(`id,key,mid\n${rows.join("\n")}\n`, "p.csv");
    expect(t.columns.get("key")?.codes).toBeInstanceOf(Int32Array);
    expect(t.columns.get("mid")?.codes).toBeInstanceOf(Uint16Array);
    expect(t.cells("key")?.[65_999]).toBe("k65999");
    expect(t.cells("key")?.[66_001]).toBe("k1");
    expect(t.cells("mid")?.[299]).toBe("299");
  });

  it("numbers parse as Number() does, fast path or not; an empty cell or a non-finite one is no number", () => {
    const cells = [
      "0.1",
      "-0",
      "+5",
      ".5",
      "1.",
      "007",
      "1e-3",
      " 2 ",
      "0x10",
      "123456789012345",
      "123456789012345678",
      "0.30000000000000004",
      "9007199254740993",
      "-2.5e-308",
    ];
    for (const c of cells)
      expect(Object.is(parseNumber(Buffer.from(c), 0, Buffer.byteLength(c)), Number(c))).toBe(true);
    for (const c of ["", "  ", "-", ".", "1.2.3", "Infinity", "NaN", "1,5", "--1"]) {
      expect(parseNumber(Buffer.from(c), 0, Buffer.byteLength(c))).toBeNaN();
    }
    // With fast-check: any decimal string of up to 17 digits.
    fc.assert(
      fc.property(fc.stringMatching(/^[-+]?[0-9]{0,9}(\.[0-9]{0,8})?$/), (c) => {
        const want = c.trim() === "" || !Number.isFinite(Number(c)) ? Number.NaN : Number(c);
        expect(Object.is(parseNumber(Buffer.from(c), 0, c.length), want)).toBe(true);
      }),
    );
  });
});

describe("ids and pairing", () => {
  const csv = (rows: string[]) => `id,label,prediction\n${rows.join("\n")}\n`;

  it("ids in increasing order need no index; a repeat is found either way, with both lines", () => {
    expect(() => parseExamples(csv(["1,a,a", "2,a,a", "2,a,a"]), "p.csv")).toThrow(
      'p.csv:4: id "2" repeats line 3',
    );
    expect(() => parseExamples(csv(["9,a,a", "10,a,a", "3,a,a", "10,a,a"]), "p.csv")).toThrow(
      'p.csv:5: id "10" repeats line 3',
    );
    expect(() => parseExamples(csv(["b,a,a", "a,a,a", "c,a,a", "b,a,a"]), "p.csv")).toThrow(
      'p.csv:5: id "b" repeats line 2',
    );
  });

  it("pairs the same ids in the same order without a lookup, and other orders through one", () => {
    const same = paired(csv(["1,a,a", "2,b,a"]), csv(["1,a,b", "2,b,b"]));
    expect(same.baselineRow).toBeNull();
    const shuffled = paired(csv(["1,a,a", "2,b,a", "3,a,a"]), csv(["3,a,b", "\u00a01\u00a0,a,b", "2,b,b"]));
    expect([...(shuffled.baselineRow ?? [])]).toEqual([1, 2, 0]);
  });

  it("names the first unmatched id with file:line, on whichever side it is", () => {
    const c = parseExamples(csv(["1,a,a", "2,a,a", "4,a,a"]), "c.csv");
    const b = parseExamples(csv(["1,a,a", "2,a,a", "3,a,a"]), "b.csv");
    expect(pairExamples(c, b)).toBe(
      'the runs were evaluated on different examples (2 ids shared; candidate 3, baseline 3): id "4" (c.csv:4) is not in b.csv',
    );
    const fewer = parseExamples(csv(["2,a,a", "1,a,a"]), "c.csv");
    expect(pairExamples(fewer, b)).toBe(
      'the runs were evaluated on different examples (2 ids shared; candidate 2, baseline 3): id "3" (b.csv:4) is not in c.csv',
    );
  });

  it("labels must agree: as trimmed text, or as numbers when both columns are numbers", () => {
    const c = parseExamples(csv(["1,a ,a", "2,b,a"]), "c.csv");
    expect(typeof pairExamples(c, parseExamples(csv(["2,b,b", "1, a,b"]), "b.csv"))).toBe("object");
    expect(pairExamples(c, parseExamples(csv(["2,c,b", "1,a,b"]), "b.csv"))).toBe(
      "the runs disagree on the label of example 2 (c.csv:3), so they were evaluated on different data",
    );
    const n = DICTIONARY_CAP + 100;
    const numeric = (shift: number) =>
      csv(Array.from({ length: n }, (_, i) => `${i},${i === 77 ? i + shift : i}.25,${i}`));
    expect(typeof pairExamples(parseExamples(numeric(0), "c.csv"), parseExamples(numeric(0), "b.csv"))).toBe(
      "object",
    );
    expect(pairExamples(parseExamples(numeric(0), "c.csv"), parseExamples(numeric(1), "b.csv"))).toMatch(
      /disagree on the label of example 77 \(c\.csv:79\)/,
    );
  });

  it("classification over thousands of numeric classes counts as text classes would", () => {
    const n = DICTIONARY_CAP + 100;
    const rows = (wrong: number) =>
      csv(Array.from({ length: n }, (_, i) => `${i},${i},${i % wrong === 0 ? i + 1 : i}`));
    const p = paired(rows(5), rows(7));
    const m = perExampleMetric("accuracy", "higher", p);
    if (typeof m === "string") throw new Error(m);
    const right = (w: number) => Array.from({ length: n }, (_, i) => i % w !== 0).filter(Boolean).length / n;
    expect(m.candidateValue).toBe(right(5));
    expect(m.baselineValue).toBe(right(7));
  });
});

describe("readRunExamples streams the file", () => {
  it("a file of many reads gives the table parseExamples gives its text", async () => {
    const dir = freshDir();
    const rows = Array.from({ length: 30_000 }, (_, i) => `ex-${i},"c${i % 7}",c${i % 5},${(i % 997) / 7}`);
    const text = `id,label,prediction,loss\r\n${rows.join("\r\n")}\r\n`;
    writeFileSync(join(dir, "predictions.csv"), text);
    const t = await readRunExamples(runOf({ a: 1 }, { examples: "predictions.csv" }), join(dir, "run.json"));
    if (typeof t === "string") throw new Error(t);
    expect(asReference(t)).toEqual(asReference(parseExamples(text, join(dir, "predictions.csv"))));
    expect(t.rows).toBe(30_000);
    expect(t.line(29_999)).toBe(30_001);
  });

  it("a directory is refused with its path", async () => {
    const dir = freshDir();
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(dir, "predictions.csv"));
    await expect(
      readRunExamples(runOf({ a: 1 }, { examples: "predictions.csv" }), join(dir, "run.json")),
    ).rejects.toThrow(/per-example results .*predictions\.csv is a directory, not a file/);
  });
});

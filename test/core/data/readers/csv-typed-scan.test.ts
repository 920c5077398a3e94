/**
 * The typed CSV scan (readers/csv-typed-scan.ts): once the first batch says a column holds plain
 * numbers, datetimes of one length or short codes, its cells are parsed while their ends are found.
 * Whatever the plan and whatever the cells, the profile must be exactly the per-cell path's.
 * The reader's test hooks (a forced plan, the loop, a count of typed records) go in its options'
 * `testing`, which profileData passes on to readCsv with the rest of its options.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ProfileOptions, profileData, profileToJSON } from "../../../../core/data/profile-data.js";
import type { CsvTesting } from "../../../../core/data/readers/csv.js";
import { typedScan, UNROLLED_COLUMNS } from "../../../../core/data/readers/csv-typed-scan.js";
import { writeTemp } from "../helpers.js";

async function bothWays(path: string, opts: ProfileOptions & { testing?: CsvTesting } = {}) {
  const bulk = profileToJSON(await profileData(path, opts));
  const cells = profileToJSON(await profileData(path, { ...opts, bulk: false }));
  return { bulk, cells };
}

/** Cells that fit a typed plan, and every way of not fitting one. */
const cell = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -999, max: 9999 }).map(String) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map(String) },
  fc.constantFrom(
    "0",
    "-0",
    "+5",
    ".5",
    "5.",
    "1.",
    "1.2.3",
    "1e3",
    "1.5E-7",
    "00012",
    "1234567890123456789",
    "0.12345678901234567890123",
    "-",
    ".",
    "+",
    "12a",
    "1 2",
  ),
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "2001-01-01",
      "2001-01-01 00:01:00",
      "2001-01-02T10:53:00",
      "2001-01-01T23:59:59.5Z",
      "2001-01-02 10:53",
      "2001-13-01 00:00:00",
      "2001-01-32 00:00:00",
      "2001-01-01 0a:00:00",
      "2001-01-01x",
      "2001-01-01 00:01:00+02:00",
      "abcd-ef-ghij",
      "1234-56-7890",
      "2001-01-0",
    ),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "LAS",
      "PHL",
      "a",
      "é",
      "ab",
      "abcdef",
      "abcdefg",
      "x y",
      "-ab",
      "+x",
      ".x",
      "7up",
    ),
  },
  fc.constantFrom("", "NA", "null", "None", "true", "False", "NaN", "inf", "-Infinity"),
  fc.constantFrom('"a,b"', '"x""y"', '"two\nlines"', '""', '"12"'),
);

describe("typed CSV scan", () => {
  it("equals the per-cell path under any forced plan, delimiter, chunk size and ragged line (property)", async () => {
    const counts = { typedRecords: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat({ max: 3 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.constantFrom(5, 10, 16, 19, 22), { minLength: 3, maxLength: 3 }),
        fc.boolean(),
        fc.oneof(fc.integer({ min: 1, max: 64 }), fc.constant(1 << 20)),
        fc.array(fc.nat({ max: 39 }), { maxLength: 2 }),
        fc.boolean(),
        async (rows, kinds, lengths, tsv, chunkSize, ragged, loop) => {
          // The compiled row and the loop over columns: the same scan.
          const testing = { plan: () => ({ kinds, lengths }), loop, counts };
          const d = tsv ? "\t" : ",";
          const lines = rows.map((r, i) => (ragged.includes(i) ? r.slice(0, 2) : r).join(d));
          if (ragged.length > 0) lines.splice(ragged[0] as number, 0, "");
          const path = writeTemp(tsv ? "t.tsv" : "t.csv", `a${d}b${d}c\n${lines.join("\n")}\n`);
          const { bulk, cells } = await bothWays(path, { chunkSize, testing });
          expect(bulk).toEqual(cells);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
    expect(counts.typedRecords).toBeGreaterThan(500);
  });

  it("a one-column file under a forced plan, blank lines included", async () => {
    // (With reads of 1 or 3 bytes a blank line counts as a row on both paths, unlike with 256 KiB.)
    for (const [kind, loop] of [1, 2, 3].flatMap(
      (k) =>
        [
          [k, false],
          [k, true],
        ] as const,
    )) {
      const testing = { plan: () => ({ kinds: [kind], lengths: [19] }), loop };
      const path = writeTemp("one.csv", "v\n1\n\n2001-01-01 00:00:00\nLAS\n\n-3.5\nlong value\n7\n");
      for (const chunkSize of [1, 3, 1 << 20]) {
        const { bulk, cells } = await bothWays(path, { chunkSize, testing });
        expect(bulk).toEqual(cells);
      }
    }
  });

  it("plans itself from the first batch, and falls back where the data changes kind", async () => {
    // flights-like columns; later on, column kinds change (numbers become codes, datetimes change
    // length, codes become long), with odd cells, quotes and a ragged line in between.
    const lines = ["date,delay,distance,origin,destination"];
    for (let i = 0; i < 30_000; i++) {
      const late = i > 20_000;
      const date =
        late && i % 3 === 0
          ? `2001-02-03`
          : `2001-0${1 + ((i >> 12) % 9)}-0${1 + (i % 9)} 1${i % 10}:${String(i % 60).padStart(2, "0")}:00`;
      const delay = i % 997 === 0 ? "NA" : late && i % 2 === 0 ? `d${i % 13}` : String(((i * 37) % 301) - 50);
      const distance = i % 1009 === 0 ? "1e3" : String(100 + ((i * 13) % 5000) / (i % 5 === 0 ? 4 : 1));
      const origin =
        i % 1013 === 0 ? '"Q,X"' : late ? `airport-${i % 50}` : ["LAS", "PHL", "ORD", "é"][i % 4];
      const destination = i % 1019 === 0 ? "" : ["BOS", "SFO", "12", "-x"][i % 4];
      lines.push(i === 25_000 ? `${date},${delay}` : `${date},${delay},${distance},${origin},${destination}`);
    }
    const path = writeTemp("flights.csv", `${lines.join("\n")}\n`);
    for (const [chunkSize, loop] of [
      [1 << 18, false],
      [4099, false],
      [4099, true],
    ] as const) {
      const counts = { typedRecords: 0 };
      const { bulk, cells } = await bothWays(path, { chunkSize, testing: { loop, counts } });
      expect(counts.typedRecords).toBeGreaterThan(20_000);
      expect(bulk).toEqual(cells);
      expect(bulk.parse_errors.count).toBe(1);
    }
  });

  it("merged shards of a typed scan equal one typed pass where exact, and the per-cell path per shard", async () => {
    const lines = ["t,x,s"];
    for (let i = 0; i < 20_000; i++)
      lines.push(`2001-01-0${1 + (i % 9)} 00:0${i % 10}:00,${i % 700},${["AB", "CD", "EF"][i % 3]}`);
    const path = writeTemp("shards.csv", `${lines.join("\n")}\n`);
    for (let index = 0; index < 3; index++) {
      const { bulk, cells } = await bothWays(path, { shard: { index, count: 3 } });
      expect(bulk).toEqual(cells);
    }
  });
});

describe("short codes counted in typed arrays", () => {
  it("equal the per-cell path when their exact counts purge in the middle of a batch", async () => {
    // 9,000 distinct short codes among repeated ones: the frequent items purge while counts of the
    // repeated codes wait in addCells' typed arrays; numbers and NA between them flush those too.
    const lines = ["c,d"];
    for (let i = 0; i < 30_000; i++) {
      const c =
        i % 3 === 0
          ? `c${(i / 3) % 9000}`
          : i % 101 === 0
            ? String(i % 7)
            : i % 103 === 0
              ? "NA"
              : `r${i % 7}`;
      lines.push(`${c},${i % 5 === 0 ? "longer code" : ["AB", "CD", "é"][i % 3]}`);
    }
    const path = writeTemp("codes.csv", `${lines.join("\n")}\n`);
    for (const chunkSize of [1 << 18, 1000]) {
      const { bulk, cells } = await bothWays(path, { chunkSize });
      expect(bulk).toEqual(cells);
      expect(bulk.columns[0]?.top.exact).toBe(false);
    }
  });
});

describe("compiled typed scan", () => {
  it("takes the loop past UNROLLED_COLUMNS columns, with the same profile", async () => {
    const width = UNROLLED_COLUMNS + 3;
    const header = Array.from({ length: width }, (_, i) => `c${i}`).join(",");
    const lines = Array.from({ length: 600 }, (_, r) =>
      Array.from({ length: width }, (_, c) =>
        c % 3 === 0 ? String(r * c) : c % 3 === 1 ? "AB" : "x y",
      ).join(","),
    );
    const path = writeTemp("wide.csv", `${header}\n${lines.join("\n")}\n`);
    const counts = { typedRecords: 0 };
    const { bulk, cells } = await bothWays(path, { testing: { counts } });
    expect(counts.typedRecords).toBeGreaterThan(0);
    expect(bulk).toEqual(cells);
  });

  it("compiles once per plan", () => {
    const scan = typedScan([1, 2], [-1, 10], 44);
    expect(typedScan([1, 2], [-1, 10], 44)).toBe(scan);
    expect(typedScan([1, 2], [-1, 19], 44)).not.toBe(scan);
    expect(typedScan([1, 2], [-1, 10], 9)).not.toBe(scan);
  });
});

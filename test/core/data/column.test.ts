/**
 * One column's profile (core/data/column.ts and the modules around it). The bulk CSV path (the
 * scanner's `records`, ColumnProfile.addCells, the sketches' addMany) must give exactly the profile
 * the per-cell path gives: same counts, same moments bit for bit, same frequent items in the same
 * order, same quantile and distinct sketches. Numbers keep an exact distribution while they fit;
 * merged columns keep the first example rows; profile.json reads back to the same column.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ColumnChecks, ColumnProfile, columnFromJSON, mergeColumn } from "../../../core/data/column.js";
import { ExactDistribution } from "../../../core/data/exact-distribution.js";
import { type ProfileOptions, profileData, profileToJSON } from "../../../core/data/profile-data.js";
import { writeTemp } from "./helpers.js";

const flights = JSON.parse(
  readFileSync("node_modules/vega-datasets/data/flights-200k.json", "utf8"),
) as Array<{
  delay: number;
  distance: number;
}>;

async function bothWays(path: string, opts: ProfileOptions = {}) {
  const bulk = profileToJSON(await profileData(path, opts));
  const cells = profileToJSON(await profileData(path, { ...opts, bulk: false }));
  return { bulk, cells };
}

/** Cells of every kind the profile tells apart, and look-alikes of each. */
const cell = fc.oneof(
  fc.integer({ min: -40, max: 40 }).map(String),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.constantFrom("0", "-0", "+5", ".5", "5.", "1e3", "1.5E-7", "00012", "1234567890123456789", "-", "."),
  fc.constantFrom(
    "2001-01-01",
    "2001-01-01 00:01:00",
    "2001-01-01T23:59:59.5Z",
    "2001-01-02 10:53:00",
    "1999-12-31 23:59",
    "2001-13-01 00:00:00",
    "2001-01-01x",
    "2001-01-01 00:01:00+02:00",
    "abcd-ef-ghij",
    "1234-56-7890",
    "12e-4-5-678",
  ),
  fc.constantFrom("LAS", "PHL", "a", "b", "é", "ab", "abcdef", "abcdefg", "long category value", "x y"),
  fc.constantFrom("", "NA", "null", "None", "true", "False", "NaN", "inf", "-Infinity"),
  fc.constantFrom('"a,b"', '"x""y"', '"two\nlines"', '""', '"12"'),
);

const CHECKS: Array<Record<string, ColumnChecks>> = [
  {},
  { b: { type: "categorical" } },
  { a: { type: "numeric" }, c: { min: 0, max: 10 } },
  { c: { domain: new Set(["a", "b"]) }, b: { type: "datetime" } },
];

describe("bulk CSV profiling", () => {
  it("equals the per-cell path on random tables, line endings, chunk sizes and schema checks (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        fc.oneof(fc.integer({ min: 1, max: 64 }), fc.constant(1 << 20)),
        fc.array(fc.nat({ max: 39 }), { maxLength: 3 }),
        fc.nat({ max: CHECKS.length - 1 }),
        async (rows, crlf, chunkSize, ragged, checks) => {
          const eol = crlf ? "\r\n" : "\n";
          const lines = rows.map((r, i) => (ragged.includes(i) ? r.slice(0, 2) : r).join(","));
          if (ragged.length > 0) lines.splice(ragged[0] as number, 0, ""); // a blank line too
          const path = writeTemp("t.csv", `a,b,c${eol}${lines.join(eol)}${eol}`);
          const { bulk, cells } = await bothWays(path, { chunkSize, checks: CHECKS[checks] as never });
          expect(bulk).toEqual(cells);
        },
      ),
      { numRuns: 150, seed: 3 },
    );
  });

  it("equals the per-cell path when the exact counts purge in the middle of a batch", async () => {
    // 6,000 distinct numbers: the frequent items purge and the quantile sketch takes over mid-batch;
    // in column m, strings between the numbers also count towards the purge.
    const lines = ["n,m,d,s"];
    for (let i = 0; i < 9000; i++) {
      const n = (i * 7919) % 6000;
      const m = i % 3 === 0 ? `w${i % 5000}` : String((i * 31) % 5003);
      const d = `2001-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, "0")} 0${i % 10}:${String(i % 60).padStart(2, "0")}:00`;
      lines.push(`${n},${m},${d},${i % 7 === 0 ? "" : `s${i % 11}`}`);
    }
    const path = writeTemp("purge.csv", `${lines.join("\n")}\n`);
    for (const chunkSize of [1 << 20, 4096, 97]) {
      const { bulk, cells } = await bothWays(path, { chunkSize });
      expect(bulk).toEqual(cells);
      expect(bulk.columns[0]?.top.exact).toBe(false);
      expect(bulk.columns[0]?.quantiles).not.toBeNull();
    }
  });

  it("equals the per-cell path for every shard, and for invalid UTF-8", async () => {
    const lines = ["x,y"];
    for (let i = 0; i < 3000; i++) lines.push(`${i % 50},${i % 4 === 0 ? '"q,""x"""' : `v${i % 9}`}`);
    const path = writeTemp("shards.csv", `${lines.join("\n")}\n`);
    for (const shard of [
      { index: 0, count: 3 },
      { index: 1, count: 3 },
      { index: 2, count: 3 },
    ]) {
      const { bulk, cells } = await bothWays(path, { shard, chunkSize: 512 });
      expect(bulk).toEqual(cells);
    }
    const bytes = Buffer.concat([
      Buffer.from("a,b\n1,ok\n2,"),
      Buffer.from([0xff, 0xfe]),
      Buffer.from("\n3,ok\n"),
    ]);
    const { bulk, cells } = await bothWays(writeTemp("utf8.csv", bytes));
    expect(bulk).toEqual(cells);
    expect(bulk.columns[1]?.findings?.invalid_utf8?.count).toBe(1);
  });
});

describe("exact drift statistics for columns with few distinct numbers", () => {
  it("uses the exact counts while they fit, then hands over to the sketch without losing a value", () => {
    const distances = flights.map((f) => f.distance);
    const c = new ColumnProfile("distance");
    for (const [i, d] of distances.entries()) c.addTyped(d, i + 2);
    expect(c.kllMaterialized).toBe(false);
    const sorted = Float64Array.from(distances).sort();
    expect(c.distribution().quantile(0.5)).toBe(sorted[Math.ceil(0.5 * sorted.length) - 1]);
    // Many distinct values: the first purge replays every number into the sketch.
    const many = new ColumnProfile("x");
    for (let i = 0; i < 10_000; i++) many.addTyped(i, i + 2);
    expect(many.kllMaterialized).toBe(true);
    expect(many.kll.n).toBe(10_000);
    expect(many.distribution().quantile(0.5)).toBeGreaterThan(4900);
    expect(many.distribution().quantile(0.5)).toBeLessThan(5100);
  });
});

describe("merging columns", () => {
  it("a merged column keeps the first example rows", () => {
    const x = new ColumnProfile("c");
    const y = new ColumnProfile("c");
    for (const [i, v] of ["a", "1", "b"].entries()) x.addString(v, 10 + i);
    for (const [i, v] of ["z", "2"].entries()) y.addString(v, 2 + i);
    mergeColumn(x, y);
    expect(x.notNumeric.map((e) => e.row)).toEqual([2, 10, 12]);
    expect(x.count).toBe(5);
  });
});

describe("the exact distribution", () => {
  it("steps at each distinct number by its count, and ignores other items", () => {
    const d = new ExactDistribution(
      new Map<string | number | boolean, number>([
        [3, 1],
        ["a", 5],
        [1, 2],
        [true, 4],
      ]),
    );
    expect(d.n).toBe(3);
    expect(Array.from(d.points())).toEqual([1, 3]);
    expect([d.cdf(0), d.cdf(1), d.cdf(2), d.cdf(3)]).toEqual([0, 2 / 3, 2 / 3, 1]);
    expect([d.quantile(0), d.quantile(0.5), d.quantile(2 / 3), d.quantile(0.7), d.quantile(1)]).toEqual([
      1, 1, 1, 3, 3,
    ]);
  });
});

describe("profile.json round trip", () => {
  it("reads a column back to the same JSON, pinned or inferred, with findings", () => {
    const inferred = new ColumnProfile("c");
    const pinned = new ColumnProfile("p", { type: "categorical", domain: new Set(["a"]) });
    for (const [i, v] of ["a", "1", "", "b", "2.5", "NaN", "true", "a"].entries()) {
      inferred.addString(v, i + 2);
      pinned.addString(v, i + 2);
    }
    for (const c of [inferred, pinned]) {
      const json = JSON.parse(JSON.stringify(c.toJSON()));
      expect(columnFromJSON(json).toJSON()).toEqual(c.toJSON());
    }
    expect(pinned.toJSON().findings?.unexpected_category?.count).toBe(5);
  });
});

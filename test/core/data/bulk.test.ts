/**
 * The bulk CSV path (the scanner's `records`, ColumnProfile.addCells, the sketches' addMany) must
 * give exactly the profile the per-cell path gives: same counts, same moments bit for bit, same
 * frequent items in the same order, same quantile and distinct sketches.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ColumnChecks } from "../../../core/data/column.js";
import { type ProfileOptions, profileData, profileToJSON } from "../../../core/data/profile-data.js";
import { KllSketch, sortRuns } from "../../../core/data/sketches/kll.js";
import { Moments } from "../../../core/data/sketches/moments.js";
import { DatetimeBytesParser, parseDatetimeBytes } from "../../../core/data/values.js";
import { writeTemp } from "./helpers.js";

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

describe("bulk building blocks", () => {
  it("sortRuns sorts exactly as TypedArray#sort, −0 before +0, runs or not (property)", () => {
    const value = fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -0, 1, -1));
    fc.assert(
      fc.property(
        fc.array(fc.array(value, { maxLength: 40 }), { maxLength: 12 }),
        fc.boolean(),
        (runs, sortEach) => {
          const parts = runs.map((r) => (sortEach ? Float64Array.from(r).sort() : Float64Array.from(r)));
          const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
          let at = 0;
          for (const p of parts) {
            all.set(p, at);
            at += p.length;
          }
          const expected = all.slice().sort();
          const got = sortRuns(all.slice());
          expect(Array.from(got, (x) => (Object.is(x, -0) ? "-0" : x))).toEqual(
            Array.from(expected, (x) => (Object.is(x, -0) ? "-0" : x)),
          );
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it("the datetime parser with a remembered day equals parseDatetimeBytes on any sequence (property)", () => {
    const text = fc.oneof(
      fc.constantFrom("2001-01-01", "2001-01-01 00:01:00", "2001-01-01T00:01:00.25Z", "2001-02-30 00:00"),
      fc.constantFrom(
        "2001-01-0x 00:00:00",
        "2001-01-01 24:00:00",
        "0000-01-01 00:00:00",
        "9999-12-31T23:59:59z",
      ),
      // 19 bytes that differ from "2001-01-01 00:01:00" in one place (the whole-value cache).
      fc.constantFrom(
        "2001-01-01T00:01:00",
        "2001-01-02 00:01:00",
        "2002-01-01 00:01:00",
        "2001-01-01 00:01:01",
        "2001-01-01 10:01:00",
        "2001-01-01 00:01:0Z",
        "2001-01-01 00:01.00",
        "2001-01-01x00:01:00",
        "2001-01-01 00:01:00",
      ),
      fc.string({
        unit: fc.constantFrom("2", "0", "1", "-", " ", ":", "T", "Z", "."),
        minLength: 8,
        maxLength: 24,
      }),
    );
    fc.assert(
      fc.property(fc.array(text, { maxLength: 30 }), (cells) => {
        const parser = new DatetimeBytesParser();
        for (const c of cells) {
          const b = Buffer.from(c);
          expect(Object.is(parser.parse(b, 0, b.length), parseDatetimeBytes(b, 0, b.length))).toBe(true);
        }
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it("Moments.addMany and KllSketch.addMany equal adding one value at a time, through sampling", () => {
    const n = 700_000; // past the sketch's sampling start (K²/2)
    const values = new Float64Array(n);
    let x = 12345;
    for (let i = 0; i < n; i++) {
      x = (Math.imul(x, 1103515245) + 12345) | 0;
      values[i] = i % 3 === 0 ? i : x / 1000; // ascending runs and noise
    }
    const one = new KllSketch(7);
    const many = new KllSketch(7);
    const m1 = new Moments();
    const m2 = new Moments();
    for (let i = 0; i < n; i++) {
      one.add(values[i] as number);
      m1.add(values[i] as number);
    }
    for (let from = 0; from < n; from += 4093) {
      const to = Math.min(n, from + 4093);
      many.addMany(values, from, to);
      m2.addMany(values, from, to);
    }
    expect(many.toJSON()).toEqual(one.toJSON());
    expect(m2.toJSON()).toEqual(m1.toJSON());
  });
});

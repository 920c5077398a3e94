/**
 * The building blocks of the bulk paths must give exactly what one value at a time gives: KLL's
 * sortRuns, the datetime parser with a remembered day, and the sketches' addMany. The bulk paths
 * themselves (ColumnProfile.addCells against the per-cell path) are tested in column.test.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KllSketch, sortRuns } from "../../../core/data/sketches/kll.js";
import { Moments } from "../../../core/data/sketches/moments.js";
import { DatetimeBytesParser, parseDatetimeBytes } from "../../../core/data/values.js";

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

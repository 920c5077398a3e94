/**
 * How raw cells become values: numbers, datetimes, booleans, missing markers — from bytes (the
 * CSV hot path, no string is made for a number) and from strings (JSON Lines, Parquet, schemas).
 */
import { mayStartNumber } from "./bytes.js";

/** Cells that mean "no value", as pandas and most exporters write them. */
export const MISSING_TOKENS = new Set(["", "NA", "N/A", "n/a", "null", "NULL", "Null", "None", "none"]);
const TRUE_TOKENS = new Set(["true", "True", "TRUE"]);
const FALSE_TOKENS = new Set(["false", "False", "FALSE"]);
const NON_FINITE: Record<string, number> = {
  NaN: Number.NaN,
  nan: Number.NaN,
  NAN: Number.NaN,
  inf: Number.POSITIVE_INFINITY,
  Inf: Number.POSITIVE_INFINITY,
  Infinity: Number.POSITIVE_INFINITY,
  "+inf": Number.POSITIVE_INFINITY,
  "+Infinity": Number.POSITIVE_INFINITY,
  "-inf": Number.NEGATIVE_INFINITY,
  "-Inf": Number.NEGATIVE_INFINITY,
  "-Infinity": Number.NEGATIVE_INFINITY,
};

export enum Kind {
  String = 0,
  Missing = 1,
  True = 2,
  False = 3,
  NonFinite = 4,
  Datetime = 5,
  Number = 6,
}

export interface Classified {
  kind: Kind;
  /** The number, the non-finite value, or the datetime as epoch milliseconds. */
  value: number;
}

/** Classifies a string cell. */
export function classify(s: string): Classified {
  if (MISSING_TOKENS.has(s)) return { kind: Kind.Missing, value: 0 };
  const c = s.charCodeAt(0);
  if (mayStartNumber(c)) {
    const d = parseDatetimeString(s);
    if (!Number.isNaN(d)) return { kind: Kind.Datetime, value: d };
    const t = s.trim();
    if (t !== "" && NUMBER.test(t)) return { kind: Kind.Number, value: Number(t) };
  }
  if (TRUE_TOKENS.has(s)) return { kind: Kind.True, value: 1 };
  if (FALSE_TOKENS.has(s)) return { kind: Kind.False, value: 0 };
  const nf = NON_FINITE[s];
  if (nf !== undefined) return { kind: Kind.NonFinite, value: nf };
  return { kind: Kind.String, value: 0 };
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * A plain decimal number from bytes, or NaN when the cell is not one. Up to 15 significant digits
 * with no exponent, m / 10^e is exactly the correctly rounded value parseFloat would give; longer
 * forms fall back to Number().
 */
export function parseNumberBytes(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  let c = buf[i] as number;
  if (c === 45 || c === 43) {
    negative = c === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let sawDot = false;
  let sawDigit = false;
  for (; i < end; i++) {
    c = buf[i] as number;
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      sawDigit = true;
      if (mantissa !== 0) digits++;
      if (sawDot) scale++;
    } else if (c === 46 && !sawDot) {
      sawDot = true;
    } else if (c === 101 || c === 69) {
      return sawDigit ? slowNumber(buf, start, end) : Number.NaN;
    } else {
      return Number.NaN;
    }
  }
  if (!sawDigit) return Number.NaN;
  if (digits > 15 || scale > 22) return slowNumber(buf, start, end);
  const x = scale === 0 ? mantissa : mantissa / (POW10[scale] as number);
  return negative ? -x : x;
}

function slowNumber(buf: Uint8Array, start: number, end: number): number {
  const s = latin1(buf, start, end);
  return NUMBER.test(s) ? Number(s) : Number.NaN;
}

export function latin1(buf: Uint8Array, start: number, end: number): string {
  let s = "";
  for (let i = start; i < end; i++) s += String.fromCharCode(buf[i] as number);
  return s;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The common ISO forms straight from bytes — `YYYY-MM-DD`, then optionally `[T ]HH:MM[:SS[.fff]][Z]`
 * — as epoch milliseconds; NaN for anything else (offsets take the string path).
 */
export function parseDatetimeBytes(b: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (n < 10 || b[start + 4] !== 45 || b[start + 7] !== 45) return Number.NaN;
  const day = dayBytes(b, start);
  return Number.isNaN(day) ? day : withTimeBytes(b, start, n, day);
}

/**
 * parseDatetimeBytes with the day of the last call remembered: consecutive cells of a datetime
 * column mostly share their date, which then costs eight byte comparisons instead of a parse.
 * Same results as parseDatetimeBytes.
 */
export class DatetimeBytesParser {
  // perf: double-fields — NaN: nothing cached yet (NaN equals nothing), and double fields from the
  // start for V8.
  private year = Number.NaN;
  private monthDay = Number.NaN;
  private day = Number.NaN;
  // perf: datetime-words — the last `YYYY-MM-DD HH:MM:SS` (19 bytes) as five words and its result: in time-ordered data
  // the same minute repeats, and its bytes decide its result. Read through a DataView, a word is
  // one load instead of four.
  private word0 = Number.NaN;
  private word1 = Number.NaN;
  private word2 = Number.NaN;
  private word3 = Number.NaN;
  private word4 = Number.NaN;
  private value = Number.NaN;
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  private viewOf: Uint8Array | null = null;

  parse(b: Uint8Array, start: number, end: number): number {
    const n = end - start;
    if (n === 19) {
      if (b !== this.viewOf) {
        this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
        this.viewOf = b;
      }
      const view = this.view;
      const word0 = view.getInt32(start, true);
      const word1 = view.getInt32(start + 4, true);
      const word2 = view.getInt32(start + 8, true);
      const word3 = view.getInt32(start + 12, true);
      const word4 = view.getUint16(start + 16, true) | ((b[start + 18] as number) << 16);
      if (
        word3 === this.word3 &&
        word2 === this.word2 &&
        word4 === this.word4 &&
        word1 === this.word1 &&
        word0 === this.word0
      )
        return this.value;
      const value = this.parseFull(b, start, n);
      if (Number.isNaN(value)) return value;
      this.word0 = word0;
      this.word1 = word1;
      this.word2 = word2;
      this.word3 = word3;
      this.word4 = word4;
      this.value = value;
      return value;
    }
    return this.parseFull(b, start, n);
  }

  private parseFull(b: Uint8Array, start: number, n: number): number {
    if (n < 10 || b[start + 4] !== 45 || b[start + 7] !== 45) return Number.NaN;
    const year =
      (b[start] as number) |
      ((b[start + 1] as number) << 8) |
      ((b[start + 2] as number) << 16) |
      ((b[start + 3] as number) << 24);
    const monthDay =
      (b[start + 5] as number) |
      ((b[start + 6] as number) << 8) |
      ((b[start + 8] as number) << 16) |
      ((b[start + 9] as number) << 24);
    return this.parseDay(b, start, n, year, monthDay);
  }

  private parseDay(b: Uint8Array, start: number, n: number, year: number, monthDay: number): number {
    let day: number;
    if (year === this.year && monthDay === this.monthDay) day = this.day;
    else {
      day = dayBytes(b, start);
      if (Number.isNaN(day)) return day;
      this.year = year;
      this.monthDay = monthDay;
      this.day = day;
    }
    return withTimeBytes(b, start, n, day);
  }
}

/** `YYYY-MM-DD` at `start` (dashes already checked) as epoch milliseconds of its midnight, or NaN. */
function dayBytes(b: Uint8Array, start: number): number {
  const y0 = dig(b, start);
  const y1 = dig(b, start + 1);
  const y2 = dig(b, start + 2);
  const y3 = dig(b, start + 3);
  const m0 = dig(b, start + 5);
  const m1 = dig(b, start + 6);
  const d0 = dig(b, start + 8);
  const d1 = dig(b, start + 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return Number.NaN;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1 || day > 31) return Number.NaN;
  return daysFromCivil(y0 * 1000 + y1 * 100 + y2 * 10 + y3, month, day) * 86_400_000;
}

/** The optional time after a date of `n` ≥ 10 bytes at `start`, added to the day's milliseconds. */
function withTimeBytes(b: Uint8Array, start: number, n: number, day: number): number {
  let ms = day;
  if (n === 10) return ms;
  const sep = b[start + 10];
  if ((sep !== 84 && sep !== 32) || n < 16 || b[start + 13] !== 58) return Number.NaN;
  const h0 = dig(b, start + 11);
  const h1 = dig(b, start + 12);
  const i0 = dig(b, start + 14);
  const i1 = dig(b, start + 15);
  if ((h0 | h1 | i0 | i1) < 0) return Number.NaN;
  ms += ((h0 * 10 + h1) * 60 + i0 * 10 + i1) * 60_000;
  let i = 16;
  if (i < n && b[start + i] === 58) {
    if (n < 19) return Number.NaN;
    const s0 = dig(b, start + 17);
    const s1 = dig(b, start + 18);
    if ((s0 | s1) < 0) return Number.NaN;
    ms += (s0 * 10 + s1) * 1000;
    i = 19;
    if (i < n && b[start + i] === 46) {
      let scale = 100;
      for (i++; i < n; i++) {
        const f = dig(b, start + i);
        if (f < 0) break;
        ms += f * scale;
        scale /= 10;
      }
    }
  }
  if (i < n && (b[start + i] === 90 || b[start + i] === 122)) i++;
  return i === n ? Math.round(ms) : Number.NaN;
}

/** The digit at i, or -1. */
function dig(b: Uint8Array, i: number): number {
  const c = (b[i] as number) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);

/**
 * ISO 8601 dates and datetimes (`2001-01-01`, `2001-01-01 00:01:00`, `…T…Z`, `…+02:00`, fractions)
 * as epoch milliseconds (UTC when no offset is given); NaN when the cell is not one.
 */
export function parseDatetimeString(s: string): number {
  const n = s.length;
  if (n < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) {
    const d = digit(s, i);
    if (d < 0 || d > 9) return Number.NaN;
  }
  const year = digit(s, 0) * 1000 + digit(s, 1) * 100 + two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  if (month < 1 || month > 12 || day < 1 || day > 31) return Number.NaN;
  if (n === 10) return Date.UTC(year, month - 1, day);
  const sep = s.charCodeAt(10);
  if ((sep !== 84 && sep !== 32) || n < 16 || s.charCodeAt(13) !== 58) return Number.NaN;
  const m = TIME.exec(s.slice(11));
  if (!m) return Number.NaN;
  const [, hh, mm, ss, frac, zone] = m;
  let ms = Date.UTC(
    year,
    month - 1,
    day,
    Number(hh),
    Number(mm),
    Number(ss ?? 0),
    frac ? Number(`0.${frac}`) * 1000 : 0,
  );
  if (zone && zone !== "Z" && zone !== "z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const [zh = "0", zm = "0"] = zone.slice(1).split(":");
    ms -= sign * (Number(zh) * 60 + Number(zm)) * 60_000;
  }
  return ms;
}

const TIME = /^(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?(Z|z|[-+]\d\d(?::?\d\d)?)?$/;

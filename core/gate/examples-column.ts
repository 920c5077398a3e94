/**
 * One column of per-example results in typed arrays. A column starts as interned codes — each
 * distinct cell text gets a small integer, so a label or prediction column of a million rows is a
 * million bytes plus its few class names. A column whose distinct values outgrow DICTIONARY_CAP and
 * are all numbers (a per-example loss) turns into a Float64Array of its values instead. Cells are
 * bytes of the scanner's buffer; only a new distinct value becomes a JS string.
 */

/** Distinct values a column interns before a column of numbers becomes a Float64Array. */
export const DICTIONARY_CAP = 4096;

export type Codes = Uint8Array | Uint16Array | Int32Array;

/** FNV-1a of a byte range, as a 32-bit integer. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h;
}

export function sameBytes(a: Uint8Array, as: number, ae: number, b: Uint8Array, bs: number, be: number) {
  if (ae - as !== be - bs) return false;
  for (let i = 0; i < ae - as; i++) if (a[as + i] !== b[bs + i]) return false;
  return true;
}

/**
 * The UTF-8 length of a whitespace character String.prototype.trim removes, starting at `at`
 * (forward) or ending at `at` (backward); 0 for none. Tab to CR, space, NBSP, U+1680, U+2000–U+200A,
 * U+2028, U+2029, U+202F, U+205F, U+3000 and the BOM.
 */
function spaceAt(b: Uint8Array, start: number, end: number, at: number, forward: boolean): number {
  const x = b[forward ? at : at - 1] as number;
  if (x === 0x20 || (x >= 0x09 && x <= 0x0d)) return 1;
  if (x < 0x80) return 0;
  for (const len of [2, 3]) {
    const s = forward ? at : at - len;
    if (s < start || s + len > end) continue;
    const c0 = b[s] as number;
    const c1 = b[s + 1] as number;
    if (len === 2 && c0 === 0xc2 && c1 === 0xa0) return 2;
    if (len !== 3) continue;
    const c2 = b[s + 2] as number;
    if (
      c0 === 0xe2 &&
      c1 === 0x80 &&
      ((c2 >= 0x80 && c2 <= 0x8a) || c2 === 0xa8 || c2 === 0xa9 || c2 === 0xaf)
    )
      return 3;
    if ((c0 === 0xe1 && c1 === 0x9a && c2 === 0x80) || (c0 === 0xe2 && c1 === 0x81 && c2 === 0x9f)) return 3;
    if ((c0 === 0xe3 && c1 === 0x80 && c2 === 0x80) || (c0 === 0xef && c1 === 0xbb && c2 === 0xbf)) return 3;
  }
  return 0;
}

/** The start of a byte range without the leading whitespace String.prototype.trim would remove. */
export function trimStart(b: Uint8Array, start: number, end: number): number {
  let s = start;
  for (;;) {
    if (s >= end) return s;
    const k = spaceAt(b, s, end, s, true);
    if (k === 0) return s;
    s += k;
  }
}

/** The end of a byte range without the trailing whitespace String.prototype.trim would remove. */
export function trimEnd(b: Uint8Array, start: number, end: number): number {
  let e = end;
  for (;;) {
    if (e <= start) return e;
    const k = spaceAt(b, start, e, e, false);
    if (k === 0) return e;
    e -= k;
  }
}

export function decode(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("utf8");
}

const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * A cell as a finite number, NaN otherwise — what `Number(cell)` gives after the gate's rule that an
 * empty cell is no number. perf: examples-number-bytes — plain decimals of up to 15 digits are
 * parsed from the bytes (exact: an integer below 2^53 over an exact power of ten rounds once, as
 * Number does); anything else goes through a string and Number.
 */
export function parseNumber(b: Uint8Array, start: number, end: number): number {
  let i = start;
  let neg = false;
  if (i < end && (b[i] === 45 || b[i] === 43)) {
    neg = b[i] === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < end; i++) {
    const c = b[i] as number;
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === 46 && fraction < 0) {
      fraction = 0;
    } else break;
  }
  if (i === end && digits > 0 && digits <= 15) {
    const v = fraction > 0 ? mantissa / (POW10[fraction] as number) : mantissa;
    return neg ? -v : v;
  }
  const text = decode(b, start, end);
  if (text.trim() === "") return Number.NaN;
  const v = Number(text);
  return Number.isFinite(v) ? v : Number.NaN;
}

/**
 * Distinct byte strings → codes 0, 1, 2…, by an open-addressing hash table over a byte arena. Each
 * distinct value is decoded once, and parsed as a number once.
 */
export class ByteInterner {
  size = 0;
  readonly strings: string[] = [];
  /** Each code's value as a number (NaN when it is not a finite number). */
  numbers = new Float64Array(16);
  /** True once a value that is not a finite number was interned. */
  nonNumeric = false;
  private slots = new Int32Array(64);
  private hashes = new Int32Array(16);
  private arena = new Uint8Array(256);
  private offsets = new Int32Array(17);

  intern(b: Uint8Array, start: number, end: number): number {
    const h = hashBytes(b, start, end);
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const code = (this.slots[s] as number) - 1;
      if (code < 0) return this.add(b, start, end, h, s);
      if (
        this.hashes[code] === h &&
        sameBytes(b, start, end, this.arena, this.offsets[code] as number, this.offsets[code + 1] as number)
      )
        return code;
    }
  }

  private add(b: Uint8Array, start: number, end: number, h: number, slot: number): number {
    const code = this.size++;
    if (code === this.hashes.length) {
      this.hashes = grow(this.hashes, code * 2);
      this.numbers = grow(this.numbers, code * 2);
      this.offsets = grow(this.offsets, code * 2 + 1);
    }
    const at = this.offsets[code] as number;
    if (at + end - start > this.arena.length)
      this.arena = grow(this.arena, Math.max(2 * this.arena.length, at + end - start));
    this.arena.set(b.subarray(start, end), at);
    this.offsets[code + 1] = at + end - start;
    this.hashes[code] = h;
    this.slots[slot] = code + 1;
    this.strings.push(decode(b, start, end));
    const v = parseNumber(b, start, end);
    this.numbers[code] = v;
    if (Number.isNaN(v)) this.nonNumeric = true;
    if (this.size * 2 > this.slots.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let code = 0; code < this.size; code++) {
      let s = (this.hashes[code] as number) & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = code + 1;
    }
    this.slots = slots;
  }
}

export function grow<T extends Uint8Array | Uint16Array | Int32Array | Float64Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/**
 * A column being read, or read: codes into a dictionary, or numbers.
 * perf: examples-codes — a column of few distinct values costs one byte a row (two past 256
 * values) and its dictionary; each distinct value is decoded and parsed once, not once a row.
 */
export class ExampleColumn {
  rows = 0;
  /** Codes mode: each row's code into `dictionary`. */
  codes: Codes | null = new Uint8Array(1024);
  dictionary: ByteInterner | null = new ByteInterner();
  /** Numbers mode: each row's value (every cell was a finite number). */
  numbers: Float64Array | null = null;

  constructor(readonly name: string) {}

  add(b: Uint8Array, start: number, end: number): void {
    const row = this.rows++;
    if (this.numbers !== null) {
      if (row === this.numbers.length) this.numbers = grow(this.numbers, row * 2);
      const v = parseNumber(b, start, end);
      if (Number.isNaN(v)) this.toCodes(row);
      else {
        this.numbers[row] = v;
        return;
      }
    }
    const dictionary = this.dictionary as ByteInterner;
    let codes = this.codes as Codes;
    const code = dictionary.intern(b, start, end);
    if (row === codes.length) codes = this.codes = grow(codes, row * 2);
    if (code === 256 && codes instanceof Uint8Array) codes = this.codes = Uint16Array.from(codes);
    else if (code === 65536 && codes instanceof Uint16Array) codes = this.codes = Int32Array.from(codes);
    codes[row] = code;
    if (dictionary.size > DICTIONARY_CAP && !dictionary.nonNumeric) this.toNumbers();
  }

  /** perf: examples-numbers-mode — a column of many distinct numbers keeps 8 bytes a row and no dictionary. */
  private toNumbers(): void {
    const codes = this.codes as Codes;
    const values = (this.dictionary as ByteInterner).numbers;
    const numbers = new Float64Array(codes.length);
    for (let i = 0; i < this.rows; i++) numbers[i] = values[codes[i] as number] as number;
    this.numbers = numbers;
    this.codes = null;
    this.dictionary = null;
  }

  /**
   * A cell that is not a number after the column turned into numbers: back to codes, the earlier
   * rows' text being their numbers' shortest form (only a column of thousands of distinct numbers
   * followed by text gets here).
   */
  private toCodes(row: number): void {
    const numbers = this.numbers as Float64Array;
    const dictionary = new ByteInterner();
    let codes: Codes = new Int32Array(numbers.length);
    for (let i = 0; i < row; i++) {
      const text = Buffer.from(String(numbers[i]));
      codes[i] = dictionary.intern(text, 0, text.length);
    }
    if (dictionary.size <= 65535) codes = Uint16Array.from(codes);
    this.codes = codes;
    this.dictionary = dictionary;
    this.numbers = null;
    this.dictionary.nonNumeric = true;
  }

  /** Drops unused capacity when it is more than a quarter of the column. */
  finish(): void {
    const cap = (this.numbers ?? this.codes ?? []).length;
    if (cap <= this.rows * 1.25 + 64) return;
    if (this.numbers) this.numbers = this.numbers.slice(0, this.rows);
    else if (this.codes) this.codes = this.codes.slice(0, this.rows);
  }

  /** Row `i`'s cell as text (numbers in their shortest form). For messages. */
  text(i: number): string {
    if (this.numbers) return String(this.numbers[i]);
    return (this.dictionary as ByteInterner).strings[(this.codes as Codes)[i] as number] as string;
  }
}

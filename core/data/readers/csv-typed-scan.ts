/**
 * The typed CSV scan: for files whose columns have a planned kind (and no CR), each field is parsed
 * as its column's kind while its end is found — a plain number (parseNumberBytes' result, digits
 * scanned once), a datetime of the column's length (DatetimeBytesParser.parse; its bytes are not
 * scanned for a delimiter: a valid datetime has none) or a short code (addCells' key of its bytes) —
 * into `parsed`; NaN where the cell is not one, to be classified from its bytes as usual. Field
 * ranges, records taken and where it stops are exactly scanPlain's (csv-plain-scan.ts).
 *
 * Each plan gets its own scanner, compiled once: for up to UNROLLED_COLUMNS columns the fields of a
 * row straight-line, each with its kind, delimiter and position as constants. Without the loop over
 * columns and the branch on each one's kind the scan takes about a quarter less time (the flights
 * CSV: 150 → 115 ms for 1.5 M rows). Wider plans get the same field code in a loop over columns.
 */
import { mayStartNumberSource, SHORT_BYTES } from "../bytes.js";
import { DatetimeBytesParser } from "../values.js";
import { byteClasses, LF, ScanResult } from "./csv-plain-scan.js";
import { MAX_RECORD_BYTES } from "./sink.js";

/** Column kinds (0: find the end only). */
export const NUMBER_FIELD = 1;
export const DATETIME_FIELD = 2;
export const SHORT_STRING_FIELD = 3;
const POW256 = Array.from({ length: SHORT_BYTES + 1 }, (_, i) => 256 ** i);
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
// perf: compiled-scan-32 — rows of ≤ 32 columns straight-line: scan 150 → 115 ms, a half cold 440 → 385 ms.
/** Wider plans use the loop: one compiled row would outgrow what V8 optimises. */
export const UNROLLED_COLUMNS = 32;

/**
 * Takes whole records from `pos` into `starts`/`ends`/`parsed` from index `at`, at most `room` of
 * them; returns where it stopped (see scanPlain). `result.added` is how many it took (the caller's
 * ScanResult, written in place: nothing is allocated per call).
 */
export type TypedScan = (
  buf: Uint8Array,
  pos: number,
  limit: number,
  classes: Uint8Array,
  dates: DatetimeBytesParser,
  starts: Int32Array,
  ends: Int32Array,
  parsed: Float64Array,
  at: number,
  room: number,
  stopAt: number,
  result: ScanResult,
) => number;

const compiled = new Map<string, TypedScan | null>();

/**
 * The scanner for a plan, compiled once per plan: the straight-line row, or the loop over columns
 * (wide plans, or `loop`). Null where code generation is disallowed
 * (`node --disallow-code-generation-from-strings`): the reader then scans without typed parsing,
 * to the same profile.
 */
export function typedScan(
  kinds: ArrayLike<number>,
  lengths: ArrayLike<number>,
  delimiter: number,
  loop = false,
): TypedScan | null {
  const unrolled = !loop && kinds.length <= UNROLLED_COLUMNS;
  const key = `${unrolled}|${delimiter}|${Array.from(kinds).join(",")}|${Array.from(lengths).join(",")}`;
  let scan = compiled.get(key);
  if (scan === undefined) {
    // perf: compile-once-per-plan — every file (and shard) with this plan reuses the compiled scan.
    scan = compile(Uint8Array.from(kinds), Int32Array.from(lengths), delimiter, unrolled);
    compiled.set(key, scan);
  }
  return scan;
}

/**
 * The scanner's source. Only integers from the plan are written into it (kinds, lengths, the
 * delimiter's byte, positions): nothing from the data.
 */
function compile(
  kinds: Uint8Array,
  lengths: Int32Array,
  delimiter: number,
  unrolled: boolean,
): TypedScan | null {
  const width = kinds.length;
  const last = width - 1;
  const store = (f: string) => `
      if (k >= limit || buf[k] !== term) break records;
      starts[at + ${f}] = s;
      ends[at + ${f}] = k;
      parsed[at + ${f}] = v;
      k++;`;
  const fields: string[] = [];
  if (unrolled) {
    for (let f = 0; f < width; f++) {
      fields.push(`{
      const term = ${f === last ? LF : delimiter};
      const s = k;
      let v = NaN;
      ${fieldParse(kinds[f] as number, String(lengths[f]))}
      ${store(String(f))}
    }`);
    }
  } else {
    fields.push(`for (let f = 0; f < ${width}; f++) {
      const term = f === ${last} ? ${LF} : ${delimiter};
      const kind = kinds[f];
      const s = k;
      let v = NaN;
      if (kind === ${NUMBER_FIELD}) {${fieldParse(NUMBER_FIELD, "")}
      } else if (kind === ${DATETIME_FIELD}) {
        const n = lengths[f];${fieldParse(DATETIME_FIELD, "n")}
      } else if (kind === ${SHORT_STRING_FIELD}) {${fieldParse(SHORT_STRING_FIELD, "")}
      } else {${fieldParse(0, "")}
      }
      ${store("f")}
    }`);
  }
  const body = `
    let added = 0;
    let recordStart = pos;
    let k = pos;
    if (room > 0 && recordStart < stopAt) {
      records: for (;;) {
        ${fields.join("\n")}
        if (${last === 0 ? "starts[at] === ends[at] || " : ""}k - recordStart > MAX_RECORD_BYTES) break;
        added++;
        at += ${width};
        recordStart = k;
        if (added === room || recordStart >= stopAt) break;
      }
    }
    result.added = added;
    return recordStart;`;
  let make: (...constants: unknown[]) => TypedScan;
  try {
    make = new Function(
      "POW10",
      "POW256",
      "MAX_RECORD_BYTES",
      "kinds",
      "lengths",
      `return function typedScan(buf, pos, limit, classes, dates, starts, ends, parsed, at, room, stopAt, result) {${body}\n};`,
    ) as typeof make;
  } catch (err) {
    if (err instanceof EvalError) return null;
    throw err;
  }
  const scan = make(POW10, POW256, MAX_RECORD_BYTES, kinds, lengths);
  prime(scan, width, delimiter);
  return scan;
}

/**
 * Runs a new scanner over records whose cells fit no kind, the last one cut short, so each field's
 * fallback (to the field's end, or to the end of the bytes) has run before the JIT optimises the
 * scanner. Met first later in the file — at the end of its first read — such a path threw the
 * optimised scanner away (and compiled it again).
 */
function prime(scan: TypedScan, width: number, delimiter: number): void {
  // perf: prime-scan — no path first met mid-file discards the optimised scan (+ others: 0.622 → 0.609 s).
  const record = Array.from({ length: width }, () => "x").join(String.fromCharCode(delimiter));
  const text = Buffer.from(`${`${record}\n`.repeat(64)}${record}`, "latin1");
  const classes = byteClasses(delimiter);
  const size = 65 * width;
  const at = [new Int32Array(size), new Int32Array(size), new Float64Array(size)] as const;
  scan(text, 0, text.length, classes, new DatetimeBytesParser(), ...at, 0, 65, text.length, new ScanResult());
}

/**
 * One field's parse for its kind, from `k`, into `v`; then the rest of the field. `term` is the
 * byte that ends the field, `length` a datetime's length (an expression). A number's sign is applied
 * as `sign * x`, not `-x`: the product runs for every number, so the JIT has seen it, where a
 * negation first met at the file's first negative number threw the optimised scan away.
 */
function fieldParse(kind: number, length: string): string {
  // perf: sign-product — the sign applied by a product every number runs: no deopt at the first "-".
  const rest = "while (k < limit && classes[buf[k]] === 0) k++;";
  if (kind === NUMBER_FIELD)
    return `
      let c = k < limit ? buf[k] : -1;
      let sign = 1;
      if (c === 45 || c === 43) {
        if (c === 45) sign = -1;
        k++;
      }
      let mantissa = 0;
      let digits = 0;
      let scale = 0;
      let sawDot = false;
      let sawDigit = false;
      for (; k < limit; k++) {
        c = buf[k];
        if (c >= 48 && c <= 57) {
          mantissa = mantissa * 10 + (c - 48);
          sawDigit = true;
          if (mantissa !== 0) digits++;
          if (sawDot) scale++;
        } else if (c === 46 && !sawDot) sawDot = true;
        else break;
      }
      if (k < limit && buf[k] === term && sawDigit && digits <= 15 && scale <= 22) {
        const x = scale === 0 ? mantissa : mantissa / POW10[scale];
        v = sign * x;
      }
      ${rest}`;
  if (kind === DATETIME_FIELD)
    return `
      if (k + ${length} < limit && buf[k + ${length}] === term) {
        v = dates.parse(buf, k, k + ${length});
        if (v === v) k += ${length};
      }
      ${rest}`;
  if (kind === SHORT_STRING_FIELD)
    // The key loop stops where the field ends (or at a quote): no rest to find.
    // perf: short-code-key — a code's length and bytes as one number: counted without hashing a string.
    return `
      let key = 0;
      for (; k < limit; k++) {
        const c = buf[k];
        if (classes[c] !== 0) break;
        key = key * 256 + c;
      }
      const n = k - s;
      if (n >= 1 && n <= ${SHORT_BYTES}) {
        const c0 = buf[s];
        if (!${mayStartNumberSource("c0")}) v = n * POW256[n] + key;
      }`;
  return rest;
}

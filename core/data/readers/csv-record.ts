/**
 * One CSV record's syntax (RFC 4180: quotes, doubled quotes, newlines in quotes, CRLF, bare CR): its
 * fields as byte ranges into the buffer, for the scanner's per-record path. The bulk path
 * (csv-plain-scan.ts, csv-typed-scan.ts) takes plain records without coming here.
 */
import { latin1 } from "../values.js";
import { CR, LF, QUOTE } from "./csv-plain-scan.js";

/** Why a record cannot be profiled (RecordFields.error indexes it; 0: it can). */
export const RECORD_ERRORS = [null, "unterminated quoted field", "text after a closing quote"] as const;
const UNTERMINATED = 1;
const TEXT_AFTER_QUOTE = 2;

/**
 * The fields of the record parsed last: field f spans `[starts[f], ends[f])`, with doubled quotes
 * inside when `escaped[f]`. One per scanner, grown as needed; parseRecord also leaves its other
 * results here. The error is a small integer (an index into RECORD_ERRORS), not null then a string,
 * so the field keeps one representation.
 */
export class RecordFields {
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  escaped = new Uint8Array(64);
  /** Fields found by parseRecord. */
  count = 0;
  /** Newlines inside quoted fields (the record spans 1 + this many lines). */
  newlinesInside = 0;
  /** 0, or RECORD_ERRORS' index of what is wrong with the record. */
  error = 0;

  constructor() {
    // perf: fields-change-once — no optimised code folds these in as constants, to drop at a first change.
    // Each changes once here: they were locals before, and a ragged, quoted or bad record deep in a
    // file would otherwise be the first change of a field V8 had treated as a constant.
    this.count = -1;
    this.count = 0;
    this.newlinesInside = -1;
    this.newlinesInside = 0;
    this.error = -1;
    this.error = 0;
  }

  grow(): void {
    const n = this.starts.length * 2;
    const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T) => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.starts = grow(this.starts, (k) => new Int32Array(k));
    this.ends = grow(this.ends, (k) => new Int32Array(k));
    this.escaped = grow(this.escaped, (k) => new Uint8Array(k));
  }
}

/**
 * Splits the plain line `[pos, end)` — no quote, no CR — on the delimiter alone, one comparison per
 * byte. Returns the number of fields.
 */
export function splitPlainLine(
  fields: RecordFields,
  buf: Buffer,
  pos: number,
  end: number,
  delimiter: number,
): number {
  let nf = 0;
  let s = pos;
  for (let k = pos; k < end; k++) {
    if (buf[k] === delimiter) {
      if (nf + 1 >= fields.starts.length) fields.grow();
      fields.starts[nf] = s;
      fields.ends[nf] = k;
      fields.escaped[nf] = 0;
      nf++;
      s = k + 1;
    }
  }
  if (nf >= fields.starts.length) fields.grow();
  fields.starts[nf] = s;
  fields.ends[nf] = end;
  fields.escaped[nf] = 0;
  nf++;
  return nf;
}

/**
 * The general path: quotes, doubled quotes, newlines inside quotes, bare CRs, a final unterminated
 * line. Parses the record at `pos` into `fields` (with its count, newlines inside and error) and
 * returns the position after it, or -1 when it is incomplete. One loop over the record's bytes,
 * kept whole: it gives up (-1) from deep inside, wherever the bytes run out.
 */
export function parseRecord(
  fields: RecordFields,
  buf: Buffer,
  pos: number,
  eof: boolean,
  delimiter: number,
): number {
  const len = buf.length;
  let nf = 0;
  let i = pos;
  let newlinesInside = 0;
  let error = 0;
  for (;;) {
    if (nf === fields.starts.length) fields.grow();
    if (i < len && buf[i] === QUOTE) {
      // Quoted field: find the closing quote, skipping doubled quotes.
      let j = i + 1;
      let escaped = 0;
      for (;;) {
        const q = buf.indexOf(QUOTE, j);
        if (q < 0 || (q + 1 >= len && !eof)) {
          if (!eof) return -1;
          error = UNTERMINATED;
          j = len;
          break;
        }
        if (buf[q + 1] === QUOTE) {
          escaped = 1;
          j = q + 2;
          continue;
        }
        j = q;
        break;
      }
      newlinesInside += countNewlines(buf, i + 1, Math.min(j, len));
      fields.starts[nf] = i + 1;
      fields.ends[nf] = j;
      fields.escaped[nf] = escaped;
      nf++;
      i = j + 1;
      if (error) break;
      if (i < len) {
        const c = buf[i] as number;
        if (c !== delimiter && c !== LF && c !== CR) {
          error = TEXT_AFTER_QUOTE;
          // Resynchronise at the end of the line.
          while (i < len && buf[i] !== LF) i++;
          if (i >= len && !eof) return -1;
        }
      }
    } else {
      const s = i;
      while (i < len) {
        const c = buf[i] as number;
        if (c === delimiter || c === LF || c === CR) break;
        i++;
      }
      fields.starts[nf] = s;
      fields.ends[nf] = i;
      fields.escaped[nf] = 0;
      nf++;
    }
    if (i >= len) {
      if (!eof) return -1;
      break;
    }
    const c = buf[i] as number;
    if (c === delimiter) {
      i++;
      continue;
    }
    if (c === CR) {
      if (i + 1 >= len && !eof) return -1;
      i += buf[i + 1] === LF ? 2 : 1;
    } else if (c === LF) {
      i++;
    }
    break;
  }
  fields.count = nf;
  fields.newlinesInside = newlinesInside;
  fields.error = error;
  return i;
}

function countNewlines(buf: Buffer, from: number, to: number): number {
  let n = 0;
  let i = buf.indexOf(LF, from);
  while (i >= 0 && i < to) {
    n++;
    i = buf.indexOf(LF, i + 1);
  }
  return n;
}

export function unescapeQuotes(buf: Buffer, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start);
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i] as number;
    out[n++] = c;
    if (c === QUOTE && buf[i + 1] === QUOTE) i++;
  }
  return out.subarray(0, n);
}

/** The record's first 80 bytes, for a parse error's message. */
export function preview(buf: Buffer, start: number, end: number): string {
  const stop = Math.min(end, start + 80);
  let s = latin1(buf, start, stop).replace(/\r?\n$/, "");
  if (end > stop) s += "…";
  return s;
}

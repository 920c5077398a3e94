/**
 * The CSV/TSV scanner over bytes (RFC 4180: quotes, doubled quotes, newlines in quotes, CRLF). It
 * never builds a row of strings: field boundaries go straight to the sink, which parses numbers from
 * the bytes. Plain records go to a bulk sink in batches (scanPlain, or the typed scan once the first
 * batch has planned the columns' kinds); anything else takes the general per-record path.
 */
import { DatetimeBytesParser } from "../values.js";
import { byteClasses, CR, LF, QUOTE, ScanResult, scanPlain } from "./csv-plain-scan.js";
import {
  type CsvTesting,
  type ForcedPlan,
  PLAN_EMPTY,
  PLAN_NARROWED,
  planColumns,
  replanColumns,
  TYPED_UNSAFE,
} from "./csv-plan.js";
import {
  parseRecord,
  preview,
  RECORD_ERRORS,
  RecordFields,
  splitPlainLine,
  unescapeQuotes,
} from "./csv-record.js";
import { type TypedScan, typedScan } from "./csv-typed-scan.js";
import { type CellSink, MAX_RECORD_BYTES } from "./sink.js";

/**
 * Records handed to a bulk sink at once (a column's cells are then updated in one loop). The first
 * batches are small (512, doubling): the per-column loops return, and so enter their optimised
 * code, sooner — the loops are not replaced mid-run (`--no-use-osr`), so a first batch of 4,096
 * ran all of its cells in the interpreter (a cold file took about 20–40 ms longer).
 */
// perf: batch-4096 — the sink updates a column's cells of up to 4,096 records in one tight loop.
const BATCH_RECORDS = 4096;
// perf: first-batch-512 — with --no-use-osr the column loops run optimised sooner: cold half 490 → 470 ms.
const FIRST_BATCH = 512;

export class Scanner {
  rows = 0;
  /** The fields of the record the per-record path parsed last. */
  private readonly fields = new RecordFields();
  private skipping = false;
  // Per buffer: where the next quote and CR are (-1: none left), so the fast path can tell in O(1).
  // perf: quote-cr-lookahead — the next quote and CR found natively, not searched for on every line.
  private scanned: Buffer | null = null;
  private nextQuote = -2;
  private nextCr = -2;
  private skipInQuote = false;
  private recordIndex = 0;
  // Complete records waiting for the sink's bulk `records` (when it has one), as field ranges into
  // the current buffer: flushed when full and before `feed` returns, while those ranges are valid.
  private readonly bulk: boolean;
  private batchStarts: Int32Array;
  private batchEnds: Int32Array;
  private batchRows: Float64Array;
  private readonly byteClasses: Uint8Array;
  private batchCount = 0;
  private batchLimit = FIRST_BATCH;
  private batchBuf: Uint8Array | null = null;
  // The typed scan (csv-typed-scan.ts): after the first batch, columns whose cells were nearly all
  // plain numbers, datetimes of one length or short codes are parsed (codes: keyed) while their ends
  // are found, into batchParsed; a column where that fails for over a quarter of a batch drops it.
  // perf: parse-while-scanning — typed columns parsed in the scan's pass: a CSV half cold 764 → 692 ms.
  private planned = false;
  private typed = false;
  private readonly fieldKinds: Uint8Array;
  private readonly fieldLengths: Int32Array;
  private readonly batchParsed: Float64Array;
  private readonly dates = new DatetimeBytesParser();
  /** The typed scan for the current plan (rebuilt when a column drops out of it). */
  private typedScan: TypedScan | null = null;
  /** Where scanPlain and the typed scan leave their other results: one per scanner, reused. */
  private readonly result = new ScanResult();
  // Test hooks (CsvTesting): a forced plan, the loop in place of the compiled row, a record count.
  private readonly forcePlan: ((width: number) => ForcedPlan) | undefined;
  private readonly loop: boolean;
  private readonly counts: { typedRecords: number };

  constructor(
    private readonly sink: CellSink,
    private readonly delimiter: number,
    private readonly width: number,
    private line: number,
    private readonly modulo: { index: number; count: number } | undefined,
    private skipHeader = false,
    testing: CsvTesting | undefined = undefined,
  ) {
    this.forcePlan = testing?.plan;
    this.loop = testing?.loop ?? false;
    this.counts = testing?.counts ?? { typedRecords: 0 };
    this.bulk = typeof sink.records === "function" && width > 0;
    this.byteClasses = byteClasses(delimiter);
    const size = this.bulk ? BATCH_RECORDS : 0;
    this.batchStarts = new Int32Array(size * width);
    this.batchEnds = new Int32Array(size * width);
    this.batchRows = new Float64Array(size);
    this.fieldKinds = new Uint8Array(width);
    this.fieldLengths = new Int32Array(width);
    // A datetime's bytes are never scanned for the delimiter: only safe when no byte of one can be it.
    this.planned = !this.bulk || TYPED_UNSAFE.includes(delimiter);
    this.batchParsed = new Float64Array(this.planned ? 0 : size * width);
  }

  /** Hands the waiting records to the sink. */
  private flushBatch(): void {
    if (this.batchCount === 0) return;
    const count = this.batchCount;
    this.batchCount = 0;
    if (this.batchLimit < BATCH_RECORDS) this.batchLimit *= 2;
    this.sink.records?.(
      this.batchBuf as Uint8Array,
      this.batchStarts,
      this.batchEnds,
      this.batchRows,
      count,
      this.width,
      this.typed ? this.batchParsed : null,
      this.fieldKinds,
    );
    if (this.typed) this.replan(count);
    else if (!this.planned) this.plan(count);
  }

  /** Guesses each column's kind from a sample of the first batch (still in place in its buffer). */
  private plan(count: number): void {
    this.planned = true;
    const forced = this.forcePlan?.(this.width);
    const kinds = this.fieldKinds;
    planColumns(
      this.batchBuf as Uint8Array,
      this.batchStarts,
      this.batchEnds,
      count,
      this.width,
      kinds,
      this.fieldLengths,
      forced,
    );
    if (kinds.some((k) => k !== 0))
      this.typedScan = typedScan(kinds, this.fieldLengths, this.delimiter, this.loop);
    this.typed = this.typedScan !== null;
  }

  /** Drops the typed parse of columns where it failed for more than a quarter of a batch's sample. */
  private replan(count: number): void {
    const kinds = this.fieldKinds;
    const change = replanColumns(this.batchParsed, count, this.width, kinds, this.forcePlan !== undefined);
    if (change === PLAN_NARROWED)
      this.typedScan = typedScan(kinds, this.fieldLengths, this.delimiter, this.loop);
    this.typed = change !== PLAN_EMPTY && this.typedScan !== null;
  }

  /**
   * Parses every complete record in `buf` (whose first byte is at file offset `base`). Returns how many
   * bytes were consumed (the rest is an incomplete record) and whether the shard's end was passed.
   */
  feed(buf: Buffer, base: number, endOffset: number, eof: boolean): { consumed: number; done: boolean } {
    const result = this.feedRecords(buf, base, endOffset, eof);
    this.flushBatch();
    return result;
  }

  private feedRecords(
    buf: Buffer,
    base: number,
    endOffset: number,
    eof: boolean,
  ): { consumed: number; done: boolean } {
    let pos = 0;
    if (this.skipping) {
      pos = this.skip(buf, 0);
      if (pos < 0) return { consumed: buf.length, done: false };
    }
    const len = buf.length;
    const bulk = this.bulk && this.modulo === undefined;
    while (pos < len) {
      if (base + pos >= endOffset) return { consumed: pos, done: true };
      if (bulk && !this.skipHeader) {
        const after = this.plainRecords(buf, pos, base, endOffset);
        if (after > pos) {
          pos = after;
          continue;
        }
      }
      const next = this.record(buf, pos, eof);
      if (next < 0) {
        if (len - pos > MAX_RECORD_BYTES) {
          this.flushBatch();
          this.sink.parseError(
            this.line,
            `record longer than ${MAX_RECORD_BYTES / 1024 / 1024} MB (an unterminated quote?); skipped to its end`,
          );
          this.skipping = true;
          this.skipInQuote = false;
          const after = this.skip(buf, pos);
          if (after < 0) return { consumed: len, done: false };
          pos = after;
          continue;
        }
        return { consumed: pos, done: false };
      }
      pos = next;
    }
    return { consumed: pos, done: false };
  }

  /**
   * The bulk fast path: scans plain records from `pos` — no quote, no CR but a CRLF's, exactly the
   * header's width — straight into the batch, one pass over the bytes with no call per record.
   * Stops at the first record it cannot take whole (a quote, a bare CR, a ragged or blank line, the
   * buffer's incomplete end, the shard's end) and returns where that record starts, for `record`.
   */
  private plainRecords(buf: Buffer, pos: number, base: number, endOffset: number): number {
    if (this.scanned !== buf) {
      this.scanned = buf;
      this.nextQuote = -2;
      this.nextCr = -2;
    }
    if (this.nextQuote !== -1 && this.nextQuote < pos) this.nextQuote = buf.indexOf(QUOTE, pos);
    if (this.nextCr !== -1 && this.nextCr < pos) this.nextCr = buf.indexOf(CR, pos);
    const limit = this.nextQuote === -1 ? buf.length : this.nextQuote;
    if (this.batchBuf !== buf) {
      this.flushBatch();
      this.batchBuf = buf;
    }
    const result = this.result;
    let at = pos;
    for (;;) {
      const count = this.batchCount;
      let next: number;
      if (this.typed && this.nextCr === -1) {
        next = (this.typedScan as TypedScan)(
          buf,
          at,
          limit,
          this.byteClasses,
          this.dates,
          this.batchStarts,
          this.batchEnds,
          this.batchParsed,
          count * this.width,
          this.batchLimit - count,
          endOffset - base,
          result,
        );
        this.counts.typedRecords += result.added;
      } else {
        next = scanPlain(
          buf,
          at,
          limit,
          this.nextCr,
          this.width,
          this.byteClasses,
          this.batchStarts,
          this.batchEnds,
          count * this.width,
          this.batchLimit - count,
          endOffset - base,
          result,
        );
        this.nextCr = result.nextCr;
        if (this.typed)
          this.batchParsed.fill(Number.NaN, count * this.width, (count + result.added) * this.width);
      }
      const added = result.added;
      const rows = this.batchRows;
      let line = this.line;
      for (let r = count; r < count + added; r++) rows[r] = line++;
      this.line = line;
      this.rows += added;
      this.batchCount = count + added;
      if (this.batchCount < this.batchLimit) return next;
      this.flushBatch();
      this.batchBuf = buf;
      at = next;
      if (base + at >= endOffset) return at;
    }
  }

  /** Skips an oversized record: to the first newline outside quotes. Returns -1 when it needs more. */
  private skip(buf: Buffer, from: number): number {
    for (let i = from; i < buf.length; i++) {
      const c = buf[i] as number;
      if (c === QUOTE) this.skipInQuote = !this.skipInQuote;
      else if (c === LF) {
        this.line++;
        if (!this.skipInQuote) {
          this.skipping = false;
          return i + 1;
        }
      }
    }
    return -1;
  }

  /** Parses one record at `pos`; returns the position after it, or -1 when it is incomplete. */
  private record(buf: Buffer, pos: number, eof: boolean): number {
    // Fast path, the common line: no quote and no bare CR before its LF. The LF is found natively and
    // the fields split on the delimiter alone — one comparison per byte instead of three.
    // perf: native-lf — the line's end found by native indexOf; the JS loop then compares one value.
    if (this.scanned !== buf) {
      this.scanned = buf;
      this.nextQuote = -2;
      this.nextCr = -2;
    }
    const lf = buf.indexOf(LF, pos);
    if (lf >= 0) {
      if (this.nextQuote !== -1 && this.nextQuote < pos) this.nextQuote = buf.indexOf(QUOTE, pos);
      if (this.nextCr !== -1 && this.nextCr < pos) this.nextCr = buf.indexOf(CR, pos);
      const quoteFree = this.nextQuote === -1 || this.nextQuote > lf;
      const end = this.nextCr === lf - 1 ? lf - 1 : lf;
      const crFree = this.nextCr === -1 || this.nextCr >= end;
      if (quoteFree && crFree) {
        const nf = splitPlainLine(this.fields, buf, pos, end, this.delimiter);
        return this.finish(buf, pos, lf + 1, nf, 0, null);
      }
    }
    const fields = this.fields;
    const next = parseRecord(fields, buf, pos, eof, this.delimiter);
    if (next < 0) return -1;
    return this.finish(
      buf,
      pos,
      next,
      fields.count,
      fields.newlinesInside,
      RECORD_ERRORS[fields.error] ?? null,
    );
  }

  /** Numbers the record by its first line, then emits it or reports why it cannot be profiled. */
  private finish(
    buf: Buffer,
    pos: number,
    i: number,
    nf: number,
    newlinesInside: number,
    error: string | null,
  ): number {
    const row = this.line;
    this.line += 1 + newlinesInside;
    if (this.skipHeader) {
      this.skipHeader = false;
      return i;
    }
    // A blank line holds no data: skipped, as every CSV reader does.
    const fields = this.fields;
    if (
      nf === 1 &&
      fields.starts[0] === fields.ends[0] &&
      !error &&
      fields.escaped[0] === 0 &&
      buf[pos] !== QUOTE
    ) {
      return i;
    }
    if (this.modulo && this.recordIndex++ % this.modulo.count !== this.modulo.index) return i;
    if (i - pos > MAX_RECORD_BYTES || error || nf !== this.width) this.flushBatch();
    if (i - pos > MAX_RECORD_BYTES) {
      this.sink.parseError(
        row,
        `record longer than ${MAX_RECORD_BYTES / 1024 / 1024} MB`,
        preview(buf, pos, i),
      );
    } else if (error) {
      this.sink.parseError(row, error, preview(buf, pos, i));
    } else if (nf !== this.width) {
      this.sink.parseError(row, `expected ${this.width} fields, found ${nf}`, preview(buf, pos, i));
    } else {
      this.emit(buf, nf, row);
    }
    return i;
  }

  private emit(buf: Buffer, nf: number, row: number): void {
    const { starts, ends, escaped } = this.fields;
    if (this.bulk) {
      let plain = true;
      for (let f = 0; f < nf; f++) if (escaped[f]) plain = false;
      if (plain) {
        if (this.batchBuf !== buf) {
          this.flushBatch();
          this.batchBuf = buf;
        }
        const r = this.batchCount++;
        const at = r * nf;
        for (let f = 0; f < nf; f++) {
          this.batchStarts[at + f] = starts[f] as number;
          this.batchEnds[at + f] = ends[f] as number;
        }
        if (this.typed) this.batchParsed.fill(Number.NaN, at, at + nf);
        this.batchRows[r] = row;
        this.rows++;
        if (this.batchCount === this.batchLimit) this.flushBatch();
        return;
      }
      this.flushBatch();
    }
    const sink = this.sink;
    for (let f = 0; f < nf; f++) {
      const s = starts[f] as number;
      const e = ends[f] as number;
      if (escaped[f]) {
        const unescaped = unescapeQuotes(buf, s, e);
        sink.bytes(f, unescaped, 0, unescaped.length, row);
      } else {
        sink.bytes(f, buf, s, e, row);
      }
    }
    sink.endRow(row);
    this.rows++;
  }
}

/**
 * A streaming CSV/TSV scanner over bytes (RFC 4180: quotes, doubled quotes, newlines in quotes,
 * CRLF, BOM). It never builds a row of strings: field boundaries go straight to the sink, which
 * parses numbers from the bytes. Memory is one chunk plus the record that straddles it.
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync } from "node:fs";
import { UsageError } from "../../errors.js";
import { DatetimeBytesParser, latin1, parseDatetimeBytes, parseNumberBytes } from "../values.js";
import {
  DATETIME_FIELD,
  NUMBER_FIELD,
  SHORT_BYTES,
  SHORT_STRING_FIELD,
  scanned,
  type TypedScan,
  typedScan,
} from "./csv-typed-scan.js";
import { type CellSink, MAX_RECORD_BYTES, type ReadOptions, type ReadResult } from "./sink.js";

const QUOTE = 34;
const LF = 10;
const CR = 13;
/** 256 KiB reads: as fast as 1 MiB ones here, and the work buffer (twice this) costs less RSS. */
const CHUNK = 1 << 18;
/**
 * Records handed to a bulk sink at once (a column's cells are then updated in one loop). The first
 * batches are small (512, doubling): the per-column loops return, and so enter their optimised
 * code, sooner — the loops are not replaced mid-run (`--no-use-osr`), so a first batch of 4,096
 * ran all of its cells in the interpreter (a cold file took about 20–40 ms longer).
 */
const BATCH_RECORDS = 4096;
const FIRST_BATCH = 512;
/** Records of the first batch looked at to guess each column's kind for the typed scan. */
const PLAN_SAMPLE = 512;

export interface CsvOptions extends ReadOptions {
  delimiter: number;
  gzip: boolean;
}

export async function readCsv(path: string, sink: CellSink, opts: CsvOptions): Promise<ReadResult> {
  const header = await readHeader(path, opts);
  sink.header(header.names);
  const width = header.names.length;

  // Plain files shard by byte range (each record belongs to the shard its first byte is in);
  // gzip cannot seek, so its shards take every n-th record instead.
  let start = header.end;
  let end = Number.POSITIVE_INFINITY;
  let line = header.lines + 1;
  const modulo = opts.shard && opts.gzip ? opts.shard : undefined;
  if (opts.shard && !opts.gzip) {
    const fd = openSync(path, "r");
    const total = fstatSync(fd).size;
    closeSync(fd);
    const from = Math.floor((total * opts.shard.index) / opts.shard.count);
    end = Math.floor((total * (opts.shard.index + 1)) / opts.shard.count);
    if (from > start) {
      const boundary = findRecordStart(path, start, from, line);
      start = boundary.offset;
      line = boundary.line;
    }
  }

  const scanner = new Scanner(
    sink,
    opts.delimiter,
    width,
    header.skipFirst ? 1 : line,
    modulo,
    header.skipFirst,
  );
  const chunkSize = opts.chunkSize ?? CHUNK;
  // One work buffer for the whole file: the unparsed tail moves to its front and the next read lands
  // after it, so reading allocates nothing in the steady state (fresh 1 MiB chunks cost ~30 MB RSS).
  let work = Buffer.allocUnsafe(Math.max(chunkSize * 2, 64));
  let have = 0;
  let workOffset = start;
  let bytesRead = 0;
  const source = opts.gzip ? gunzipChunks(path) : fileChunks(path, start, chunkSize);
  try {
    await source.next(); // runs the generator to its first yield, where it waits for a buffer
    for (;;) {
      const next = await source.next((target: number) => {
        if (work.length - have < target) {
          const bigger = Buffer.allocUnsafe(Math.max(work.length * 2, have + target));
          work.copy(bigger, 0, 0, have);
          work = bigger;
        }
        return { buffer: work, offset: have };
      });
      const n = next.done ? 0 : next.value;
      bytesRead += n;
      const eof = n === 0;
      const len = have + n;
      const { consumed, done } = scanner.feed(work.subarray(0, len), workOffset, end, eof);
      if (done || eof) break;
      work.copy(work, 0, consumed, len);
      have = len - consumed;
      workOffset += consumed;
      opts.onProgress?.(bytesRead, scanner.rows);
    }
  } catch (err) {
    throw readError(path, err);
  } finally {
    await source.return(0);
  }
  return { rows: scanner.rows, bytes: bytesRead };
}

type Target = (bytes: number) => { buffer: Buffer; offset: number };

/**
 * Reads a plain file into the caller's buffer; each step yields the bytes read (0 at the end). The
 * reads are synchronous: the scanner waits for each anyway, and a read through the thread pool left
 * this thread idle for its round trip (about 40 ms for 53 MB in 256 KiB reads).
 */
async function* fileChunks(
  path: string,
  start: number,
  chunkSize: number,
): AsyncGenerator<number, number, Target> {
  const fd = openSync(path, "r");
  try {
    let position = start;
    let target: Target = yield 0;
    for (;;) {
      const { buffer, offset } = target(chunkSize);
      const bytesRead = readSync(fd, buffer, offset, chunkSize, position);
      if (bytesRead === 0) return 0;
      position += bytesRead;
      target = yield bytesRead;
    }
  } finally {
    closeSync(fd);
  }
}

/** Gunzips a file, copying each decompressed chunk into the caller's buffer. */
async function* gunzipChunks(path: string): AsyncGenerator<number, number, Target> {
  const stream = await gunzipStream(path);
  try {
    let target: Target = yield 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const { buffer, offset } = target(chunk.length);
      chunk.copy(buffer, offset);
      target = yield chunk.length;
    }
    return 0;
  } finally {
    stream.destroy();
  }
}

/** A gunzipped read stream; zlib is loaded only for .gz files. */
async function gunzipStream(path: string): Promise<NodeJS.ReadableStream & { destroy(): void }> {
  const { createGunzip } = await import("node:zlib");
  const file = createReadStream(path);
  const gunzip = file.pipe(createGunzip());
  // pipe() forwards neither a read error (it would go unhandled) nor an early stop (the header read
  // ends at its first record): both are passed on here.
  file.once("error", (err) => gunzip.destroy(err));
  gunzip.once("close", () => file.destroy());
  return gunzip;
}

/** The file's first bytes, 64 KiB at a time (decompressed for gzip), for readHeader. */
async function* headChunks(path: string, gzip: boolean): AsyncGenerator<Buffer> {
  if (gzip) {
    const stream = await gunzipStream(path);
    try {
      yield* stream as AsyncIterable<Buffer>;
    } finally {
      stream.destroy();
    }
    return;
  }
  // Read as the body is (fileChunks): a stream's reads go through the thread pool, and the
  // scanner waits for the header anyway.
  const fd = openSync(path, "r");
  try {
    for (let position = 0; ; ) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, position);
      if (n === 0) return;
      position += n;
      yield chunk.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

class Scanner {
  rows = 0;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private escaped = new Uint8Array(64);
  private skipping = false;
  // Per buffer: where the next quote and CR are (-1: none left), so the fast path can tell in O(1).
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
  // The typed scan (scanTyped): after the first batch, columns whose cells were nearly all plain
  // numbers, datetimes of one length or short codes are parsed (codes: keyed) while their ends are
  // found, into batchParsed; a column where that fails for over a quarter of a batch drops it.
  private planned = false;
  private typed = false;
  private readonly fieldKinds: Uint8Array;
  private readonly fieldLengths: Int32Array;
  private readonly batchParsed: Float64Array;
  private readonly dates = new DatetimeBytesParser();
  /** The typed scan for the current plan (rebuilt when a column drops out of it). */
  private typedScan: TypedScan | null = null;

  constructor(
    private readonly sink: CellSink,
    private readonly delimiter: number,
    private readonly width: number,
    private line: number,
    private readonly modulo: { index: number; count: number } | undefined,
    private skipHeader = false,
  ) {
    this.bulk = typeof sink.records === "function" && width > 0;
    this.byteClasses = new Uint8Array(256);
    this.byteClasses[delimiter] = DELIMITER;
    this.byteClasses[LF] = NEWLINE;
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
    const buf = this.batchBuf as Uint8Array;
    const width = this.width;
    const n = Math.min(count, PLAN_SAMPLE);
    const forced = csvTesting.plan?.(width);
    for (let f = 0; f < width; f++) {
      let numbers = 0;
      let datetimes = 0;
      let strings = 0;
      let length = -1;
      for (let r = 0; r < n; r++) {
        const s = this.batchStarts[r * width + f] as number;
        const e = this.batchEnds[r * width + f] as number;
        const c = buf[s] as number;
        if (e - s >= 10 && buf[s + 4] === 45 && buf[s + 7] === 45) {
          if (length === -1) length = e - s;
          if (e - s === length && !Number.isNaN(parseDatetimeBytes(buf, s, e))) datetimes++;
        } else if (!Number.isNaN(parseNumberBytes(buf, s, e))) numbers++;
        else if (e > s && e - s <= SHORT_BYTES && !((c >= 48 && c <= 57) || c === 45 || c === 46 || c === 43))
          strings++;
      }
      const kind =
        numbers >= 0.9 * n
          ? NUMBER_FIELD
          : datetimes >= 0.9 * n
            ? DATETIME_FIELD
            : strings >= 0.9 * n
              ? SHORT_STRING_FIELD
              : 0;
      this.fieldKinds[f] = forced ? (forced.kinds[f] as number) : kind;
      this.fieldLengths[f] = forced ? (forced.lengths[f] as number) : length;
    }
    if (this.fieldKinds.some((k) => k !== 0))
      this.typedScan = typedScan(this.fieldKinds, this.fieldLengths, this.delimiter, csvTesting.loop);
    this.typed = this.typedScan !== null;
  }

  /** Drops the typed parse of columns where it failed for more than a quarter of a batch's sample. */
  private replan(count: number): void {
    let any = false;
    let dropped = false;
    const width = this.width;
    const parsed = this.batchParsed;
    const sample = Math.min(count, PLAN_SAMPLE);
    for (let f = 0; f < width; f++) {
      if (this.fieldKinds[f] === 0) continue;
      let misses = 0;
      for (let i = f; i < sample * width; i += width) if (Number.isNaN(parsed[i])) misses++;
      if (misses * 4 > sample && !csvTesting.plan) {
        this.fieldKinds[f] = 0;
        dropped = true;
      } else any = true;
    }
    if (any && dropped)
      this.typedScan = typedScan(this.fieldKinds, this.fieldLengths, this.delimiter, csvTesting.loop);
    this.typed = any && this.typedScan !== null;
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
        );
        csvTesting.typedRecords += scanned[1] as number;
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
        );
        this.nextCr = scanned[2] as number;
        if (this.typed)
          this.batchParsed.fill(
            Number.NaN,
            count * this.width,
            (count + (scanned[1] as number)) * this.width,
          );
      }
      const added = scanned[1] as number;
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
        const delimiter = this.delimiter;
        let nf = 0;
        let s = pos;
        for (let k = pos; k < end; k++) {
          if (buf[k] === delimiter) {
            if (nf + 1 >= this.starts.length) this.grow();
            this.starts[nf] = s;
            this.ends[nf] = k;
            this.escaped[nf] = 0;
            nf++;
            s = k + 1;
          }
        }
        if (nf >= this.starts.length) this.grow();
        this.starts[nf] = s;
        this.ends[nf] = end;
        this.escaped[nf] = 0;
        nf++;
        return this.finish(buf, pos, lf + 1, nf, 0, null);
      }
    }
    return this.recordSlow(buf, pos, eof);
  }

  /** The general path: quotes, doubled quotes, newlines inside quotes, bare CRs, a final unterminated line. */
  private recordSlow(buf: Buffer, pos: number, eof: boolean): number {
    const len = buf.length;
    const delimiter = this.delimiter;
    let nf = 0;
    let i = pos;
    let newlinesInside = 0;
    let error: string | null = null;
    for (;;) {
      if (nf === this.starts.length) this.grow();
      if (i < len && buf[i] === QUOTE) {
        // Quoted field: find the closing quote, skipping doubled quotes.
        let j = i + 1;
        let escaped = 0;
        for (;;) {
          const q = buf.indexOf(QUOTE, j);
          if (q < 0 || (q + 1 >= len && !eof)) {
            if (!eof) return -1;
            error = "unterminated quoted field";
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
        this.starts[nf] = i + 1;
        this.ends[nf] = j;
        this.escaped[nf] = escaped;
        nf++;
        i = j + 1;
        if (error) break;
        if (i < len) {
          const c = buf[i] as number;
          if (c !== delimiter && c !== LF && c !== CR) {
            error = "text after a closing quote";
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
        this.starts[nf] = s;
        this.ends[nf] = i;
        this.escaped[nf] = 0;
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
    return this.finish(buf, pos, i, nf, newlinesInside, error);
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
    if (
      nf === 1 &&
      this.starts[0] === this.ends[0] &&
      !error &&
      this.escaped[0] === 0 &&
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
    if (this.bulk) {
      let plain = true;
      for (let f = 0; f < nf; f++) if (this.escaped[f]) plain = false;
      if (plain) {
        if (this.batchBuf !== buf) {
          this.flushBatch();
          this.batchBuf = buf;
        }
        const r = this.batchCount++;
        const at = r * nf;
        for (let f = 0; f < nf; f++) {
          this.batchStarts[at + f] = this.starts[f] as number;
          this.batchEnds[at + f] = this.ends[f] as number;
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
      const s = this.starts[f] as number;
      const e = this.ends[f] as number;
      if (this.escaped[f]) {
        const unescaped = unescapeQuotes(buf, s, e);
        sink.bytes(f, unescaped, 0, unescaped.length, row);
      } else {
        sink.bytes(f, buf, s, e, row);
      }
    }
    sink.endRow(row);
    this.rows++;
  }

  private grow(): void {
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

/** Byte classes for scanPlain: 0 ordinary, DELIMITER, NEWLINE (LF). */
const DELIMITER = 1;
const NEWLINE = 2;

/** Delimiters that can occur inside a datetime or a number: no typed scan with those. */
const TYPED_UNSAFE = [..."0123456789-+.:TtZzEe "].map((c) => c.charCodeAt(0));

/**
 * Test hooks: `plan` forces the typed scan's plan (and keeps it), so small inputs exercise every
 * path; `loop` takes the typed scan's loop in place of the compiled row; `typedRecords` counts the
 * records the typed scan took.
 */
export const csvTesting: {
  plan: ((width: number) => { kinds: ArrayLike<number>; lengths: ArrayLike<number> }) | undefined;
  loop: boolean;
  typedRecords: number;
} = { plan: undefined, loop: false, typedRecords: 0 };

/**
 * The bulk fast path's loop: from `pos`, takes whole plain records — no quote (the caller stops
 * `limit` at the next one), no CR but a CRLF's, exactly `width` fields — into `starts`/`ends` from
 * index `at`, at most `room` of them. Returns where it stopped: the start of the first record it
 * cannot take (a bare CR, a ragged, blank or oversized line, the buffer's incomplete end, a record
 * at or past `stopAt`), or after the last one taken when `room` ran out. A plain function over
 * typed arrays, so the JIT keeps it optimised.
 */
function scanPlain(
  buf: Uint8Array,
  pos: number,
  limit: number,
  nextCr: number,
  width: number,
  classes: Uint8Array,
  starts: Int32Array,
  ends: Int32Array,
  at: number,
  room: number,
  stopAt: number,
): number {
  const last = width - 1;
  let cr = nextCr;
  let added = 0;
  let recordStart = pos;
  let f = 0;
  let fieldStart = pos;
  if (room > 0 && recordStart < stopAt) {
    for (let k = pos; k < limit; k++) {
      // One table lookup and one well-predicted branch per ordinary byte.
      const kind = classes[buf[k] as number] as number;
      if (kind === 0) continue;
      if (kind === DELIMITER) {
        if (f < last) {
          starts[at + f] = fieldStart;
          ends[at + f] = k;
        }
        f++;
        fieldStart = k + 1;
      } else {
        const crlf = cr !== -1 && cr < k;
        if (crlf && cr !== k - 1) break; // a bare CR ends a record early: the general path
        const end = crlf ? k - 1 : k;
        // Ragged, blank (a one-column file's empty line) or oversized: the general path.
        if (f !== last || (last === 0 && fieldStart === end) || k + 1 - recordStart > MAX_RECORD_BYTES) break;
        if (crlf) cr = buf.indexOf(CR, k + 1);
        starts[at + f] = fieldStart;
        ends[at + f] = end;
        added++;
        at += width;
        recordStart = k + 1;
        f = 0;
        fieldStart = recordStart;
        if (added === room || recordStart >= stopAt) break;
      }
    }
  }
  scanned[1] = added;
  scanned[2] = cr;
  return recordStart;
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

function unescapeQuotes(buf: Buffer, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start);
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i] as number;
    out[n++] = c;
    if (c === QUOTE && buf[i + 1] === QUOTE) i++;
  }
  return out.subarray(0, n);
}

function preview(buf: Buffer, start: number, end: number): string {
  const stop = Math.min(end, start + 80);
  let s = latin1(buf, start, stop).replace(/\r?\n$/, "");
  if (end > stop) s += "…";
  return s;
}

interface Header {
  names: string[];
  /** Byte offset after the header record (0 for gzip, whose scanner skips the header record). */
  end: number;
  /** Lines the header spans. */
  lines: number;
  skipFirst: boolean;
}

/** Reads the header record: the column names. An empty file or a broken header is unusable input. */
async function readHeader(path: string, opts: CsvOptions): Promise<Header> {
  const source = headChunks(path, opts.gzip);
  let head = Buffer.alloc(0);
  let end = -1;
  let newlinesInside = 0;
  try {
    let inQuote = false;
    let scanned = 0;
    outer: for await (const chunk of source) {
      head = Buffer.concat([head, chunk]);
      for (let i = scanned; i < head.length; i++) {
        const c = head[i] as number;
        if (c === QUOTE) inQuote = !inQuote;
        else if (c === LF) {
          if (!inQuote) {
            end = i + 1;
            break outer;
          }
          newlinesInside++;
        }
      }
      scanned = head.length;
      if (head.length > MAX_RECORD_BYTES) break;
    }
  } catch (err) {
    throw readError(path, err);
  } finally {
    await source.return(undefined);
  }
  if (head.length === 0)
    throw new UsageError(`${path} is empty`, { hint: "Expected a header line and data rows" });
  if (end < 0) {
    if (head.length > MAX_RECORD_BYTES) {
      throw new UsageError(`${path}:1: the header is longer than 10 MB (an unterminated quote?)`);
    }
    end = head.length; // a header without data rows or a final newline
  }
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const names = splitRecord(new TextDecoder().decode(head.subarray(bom, end)), opts.delimiter, path);
  validateHeader(path, names);
  // gzip offsets are not file offsets: the scanner starts at 0 and drops the header itself.
  return { names, end: opts.gzip ? 0 : end, lines: 1 + newlinesInside, skipFirst: opts.gzip };
}

/** Splits one decoded record into fields (only for the header: data rows never become strings). */
function splitRecord(text: string, delimiter: number, path: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  for (; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch.charCodeAt(0) === delimiter) {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") break;
    else field += ch;
  }
  if (quoted) throw new UsageError(`${path}:1: the header has an unterminated quote`);
  fields.push(field);
  return fields;
}

function validateHeader(path: string, names: string[]): void {
  const seen = new Map<string, number>();
  for (const [i, name] of names.entries()) {
    if (name.trim() === "") {
      throw new UsageError(`${path}:1: column ${i + 1} of the header has no name`, {
        hint: "Name every column in the first line",
      });
    }
    const before = seen.get(name);
    if (before !== undefined) {
      throw new UsageError(
        `${path}:1: the header names "${name}" twice (columns ${before + 1} and ${i + 1})`,
        {
          hint: "Column names must be unique",
        },
      );
    }
    seen.set(name, i);
  }
}

/** Finds the first record that starts at or after `target`, counting lines and quotes from `from`. */
function findRecordStart(path: string, from: number, target: number, line: number) {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(CHUNK);
    let pos = from;
    let inQuote = false;
    let lines = line;
    let candidate = -1;
    for (;;) {
      const bytesRead = readSync(fd, buf, 0, CHUNK, pos);
      if (bytesRead === 0) return { offset: pos, line: lines };
      for (let i = 0; i < bytesRead; i++) {
        const c = buf[i] as number;
        if (c === QUOTE) inQuote = !inQuote;
        else if (c === LF) {
          lines++;
          if (!inQuote && pos + i + 1 >= target) {
            candidate = pos + i + 1;
            break;
          }
        }
      }
      if (candidate >= 0) return { offset: candidate, line: lines };
      pos += bytesRead;
    }
  } finally {
    closeSync(fd);
  }
}

export function readError(path: string, err: unknown): UsageError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return new UsageError(`${path} does not exist`, { hint: "Check the path" });
  if (code === "EISDIR") return new UsageError(`${path} is a directory, not a data file`);
  if (code === "EACCES") return new UsageError(`${path} cannot be read (permission denied)`);
  if (code === "Z_DATA_ERROR" || code === "Z_BUF_ERROR") {
    return new UsageError(`${path} is not valid gzip data`, {
      hint: "Only name files .gz when they are gzipped",
    });
  }
  if (err instanceof UsageError) return err;
  return new UsageError(`cannot read ${path}: ${(err as Error).message}`);
}

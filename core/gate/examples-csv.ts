/**
 * The per-example results' CSV, scanned as bytes: records are handed to a sink as byte ranges of a
 * buffer, so no cell becomes a JS string unless the sink asks for one. RFC 4180 as the gate always
 * read it: quoted cells may hold commas, quotes ("") and newlines; records end at LF, CRLF or a bare
 * CR; a quote opens a quoted cell only at the start of a cell (elsewhere it is a literal); a leading
 * UTF-8 byte-order mark is skipped. Line numbers are the physical lines a record starts on (the
 * header is line 1), newlines inside quoted cells counted.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { UsageError } from "../errors.js";

/** What the scanner hands over: one record at a time, fields as [start, end) byte ranges of `bytes`. */
export interface RecordSink {
  record(bytes: Buffer, starts: Int32Array, ends: Int32Array, count: number, line: number): void;
}

/** Fills `target` from `offset`, at most `length` bytes; returns how many it wrote, 0 at the end. */
export type ReadInto = (target: Buffer, offset: number, length: number) => number;

// perf: examples-stream — a file is read in 256 KiB pieces into one reused buffer, never held whole.
const CHUNK = 1 << 18;

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Scans a whole file, read synchronously piece by piece (as the data reader does: no thread-pool
 * round trips), refusing more than `limit` bytes (the file may grow after its size was checked).
 */
export function scanCsvFile(path: string, file: string, limit: number, sink: RecordSink): void {
  const fd = openSync(path, "r");
  try {
    let position = 0;
    scanCsv(
      (target, offset, length) => {
        const n = readSync(fd, target, offset, length, position);
        position += n;
        if (position > limit) throw new UsageError(`${file} is larger than ${limit / 1024 / 1024} MiB`);
        return n;
      },
      file,
      sink,
    );
  } finally {
    closeSync(fd);
  }
}

/** Scans bytes already in memory (parseExamples' text); `chunk` as in scanCsv. */
export function scanCsvBytes(bytes: Buffer, file: string, sink: RecordSink, chunk = CHUNK): void {
  let at = 0;
  scanCsv(
    (target, offset, length) => {
      const n = Math.min(length, bytes.length - at);
      bytes.copy(target, offset, at, at + n);
      at += n;
      return n;
    },
    file,
    sink,
    chunk,
  );
}

/** `chunk`: the reads' size (tests make it tiny, so records straddle every boundary). */
export function scanCsv(read: ReadInto, file: string, sink: RecordSink, chunk = CHUNK): void {
  new CsvScanner(read, file, sink, chunk).run();
}

/** Why a record could not be finished from the bytes at hand. */
const INCOMPLETE = -1;

class CsvScanner {
  private buf: Buffer;
  /** Valid bytes in buf. */
  private len = 0;
  private eof = false;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private count = 0;
  /** The unescaped cells of a record with quotes. */
  private rec = Buffer.allocUnsafe(1024);
  /** Newlines inside quoted cells of the record just scanned. */
  private innerLines = 0;
  private line = 1;

  constructor(
    private readonly read: ReadInto,
    private readonly file: string,
    private readonly sink: RecordSink,
    private readonly chunk: number,
  ) {
    // At least 4 bytes, so the first fill sees a whole byte-order mark.
    this.buf = Buffer.allocUnsafe(Math.max(4, 2 * chunk));
  }

  run(): void {
    this.fill();
    let pos = 0;
    if (this.len >= 3 && this.buf[0] === 0xef && this.buf[1] === 0xbb && this.buf[2] === 0xbf) pos = 3;
    for (;;) {
      const end = this.plainRecord(pos);
      const next = end === QUOTED ? this.quotedRecord(pos) : end;
      if (next === INCOMPLETE) {
        if (this.eof) return; // nothing left but an empty final line
        // The record continues past the bytes at hand: move it to the front and read more.
        this.buf.copy(this.buf, 0, pos, this.len);
        this.len -= pos;
        pos = 0;
        this.fill();
        continue;
      }
      const line = this.line;
      this.line += 1 + this.innerLines;
      this.innerLines = 0;
      if (this.count > 0) {
        this.sink.record(end === QUOTED ? this.rec : this.buf, this.starts, this.ends, this.count, line);
      }
      pos = next;
    }
  }

  /** Reads into the free end of buf, doubling it when a record fills more than half of it. */
  private fill(): void {
    if (this.eof) return;
    if (this.len > this.buf.length - this.chunk) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.len);
      this.buf = bigger;
    }
    // Read until the buffer is full or the data ends: a long record then costs O(its length) re-scans.
    while (this.len < this.buf.length) {
      const n = this.read(this.buf, this.len, this.buf.length - this.len);
      if (n === 0) {
        this.eof = true;
        return;
      }
      this.len += n;
    }
  }

  private field(start: number, end: number): void {
    if (this.count === this.starts.length) {
      const s = new Int32Array(this.count * 2);
      s.set(this.starts);
      this.starts = s;
      const e = new Int32Array(this.count * 2);
      e.set(this.ends);
      this.ends = e;
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  /**
   * perf: examples-plain-records — a record without quotes is split in place, one pass, no copy.
   * Returns the offset after the record's end, INCOMPLETE, or QUOTED (the record has a quote: the
   * general path scans it). count = 0 for nothing at all (the end of the data).
   */
  private plainRecord(pos: number): number {
    const buf = this.buf;
    const len = this.len;
    this.count = 0;
    let start = pos;
    for (let i = pos; ; i++) {
      if (i >= len) {
        if (!this.eof) return INCOMPLETE;
        if (i === pos) return INCOMPLETE;
        this.field(start, i);
        return i;
      }
      const b = buf[i] as number;
      if (b === COMMA) {
        this.field(start, i);
        start = i + 1;
      } else if (b === LF || b === CR) {
        if (b === CR && i + 1 >= len && !this.eof) return INCOMPLETE; // a CRLF split by the read?
        this.field(start, i);
        return b === CR && i + 1 < len && buf[i + 1] === LF ? i + 2 : i + 1;
      } else if (b === QUOTE) {
        return QUOTED;
      }
    }
  }

  /** The general path, cells unescaped into `rec`. */
  private quotedRecord(pos: number): number {
    const buf = this.buf;
    const len = this.len;
    this.count = 0;
    this.innerLines = 0;
    let out = 0;
    let cellStart = 0;
    let quoted = false;
    let i = pos;
    if (this.rec.length < len - pos) this.rec = Buffer.allocUnsafe(Math.max(len - pos, 2 * this.rec.length));
    const rec = this.rec;
    for (;;) {
      if (i >= len) {
        if (!this.eof) return INCOMPLETE;
        if (quoted) throw new UsageError(`${this.file}:${this.line}: a quoted cell is not closed`);
        if (out === cellStart && this.count === 0) return INCOMPLETE;
        this.field(cellStart, out);
        return i;
      }
      const b = buf[i] as number;
      if (quoted) {
        if (b === QUOTE) {
          if (i + 1 >= len && !this.eof) return INCOMPLETE;
          if (i + 1 < len && buf[i + 1] === QUOTE) {
            rec[out++] = QUOTE;
            i += 2;
          } else {
            quoted = false;
            i++;
          }
        } else {
          if (b === LF) this.innerLines++;
          rec[out++] = b;
          i++;
        }
      } else if (b === QUOTE && out === cellStart) {
        quoted = true;
        i++;
      } else if (b === COMMA) {
        this.field(cellStart, out);
        cellStart = out;
        i++;
      } else if (b === LF || b === CR) {
        if (b === CR && i + 1 >= len && !this.eof) return INCOMPLETE;
        this.field(cellStart, out);
        return b === CR && i + 1 < len && buf[i + 1] === LF ? i + 2 : i + 1;
      } else {
        rec[out++] = b;
        i++;
      }
    }
  }
}

/** plainRecord's answer for a record with a quote. */
const QUOTED = -2;

import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  parseKilnFile
} from "./chunk-TEGK7FMR.js";
import {
  errorCode,
  readTextFile
} from "./chunk-GG6ZXDCZ.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// core/gate/load.ts
import { stat } from "node:fs/promises";
import { dirname, isAbsolute, join, win32 } from "node:path";

// core/gate/examples-column.ts
var DICTIONARY_CAP = 4096;
function hashBytes(bytes, start, end) {
  let h = 2166136261 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 16777619);
  return h;
}
function sameBytes(a, as, ae, b, bs, be) {
  if (ae - as !== be - bs) return false;
  for (let i = 0; i < ae - as; i++) if (a[as + i] !== b[bs + i]) return false;
  return true;
}
function spaceAt(b, start, end, at, forward) {
  const x = b[forward ? at : at - 1];
  if (x === 32 || x >= 9 && x <= 13) return 1;
  if (x < 128) return 0;
  for (const len of [2, 3]) {
    const s = forward ? at : at - len;
    if (s < start || s + len > end) continue;
    const c0 = b[s];
    const c1 = b[s + 1];
    if (len === 2 && c0 === 194 && c1 === 160) return 2;
    if (len !== 3) continue;
    const c2 = b[s + 2];
    if (c0 === 226 && c1 === 128 && (c2 >= 128 && c2 <= 138 || c2 === 168 || c2 === 169 || c2 === 175))
      return 3;
    if (c0 === 225 && c1 === 154 && c2 === 128 || c0 === 226 && c1 === 129 && c2 === 159) return 3;
    if (c0 === 227 && c1 === 128 && c2 === 128 || c0 === 239 && c1 === 187 && c2 === 191) return 3;
  }
  return 0;
}
function trimStart(b, start, end) {
  let s = start;
  for (; ; ) {
    if (s >= end) return s;
    const k = spaceAt(b, s, end, s, true);
    if (k === 0) return s;
    s += k;
  }
}
function trimEnd(b, start, end) {
  let e = end;
  for (; ; ) {
    if (e <= start) return e;
    const k = spaceAt(b, start, e, e, false);
    if (k === 0) return e;
    e -= k;
  }
}
function decode(bytes, start, end) {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("utf8");
}
var POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);
function parseNumber(b, start, end) {
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
    const c = b[i];
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === 46 && fraction < 0) {
      fraction = 0;
    } else break;
  }
  if (i === end && digits > 0 && digits <= 15) {
    const v2 = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
    return neg ? -v2 : v2;
  }
  const text = decode(b, start, end);
  if (text.trim() === "") return Number.NaN;
  const v = Number(text);
  return Number.isFinite(v) ? v : Number.NaN;
}
var ByteInterner = class {
  size = 0;
  strings = [];
  /** Each code's value as a number (NaN when it is not a finite number). */
  numbers = new Float64Array(16);
  /** True once a value that is not a finite number was interned. */
  nonNumeric = false;
  slots = new Int32Array(64);
  hashes = new Int32Array(16);
  arena = new Uint8Array(256);
  offsets = new Int32Array(17);
  intern(b, start, end) {
    const h = hashBytes(b, start, end);
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = s + 1 & mask) {
      const code = this.slots[s] - 1;
      if (code < 0) return this.add(b, start, end, h, s);
      if (this.hashes[code] === h && sameBytes(b, start, end, this.arena, this.offsets[code], this.offsets[code + 1]))
        return code;
    }
  }
  add(b, start, end, h, slot) {
    const code = this.size++;
    if (code === this.hashes.length) {
      this.hashes = grow(this.hashes, code * 2);
      this.numbers = grow(this.numbers, code * 2);
      this.offsets = grow(this.offsets, code * 2 + 1);
    }
    const at = this.offsets[code];
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
  rehash() {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let code = 0; code < this.size; code++) {
      let s = this.hashes[code] & mask;
      while (slots[s] !== 0) s = s + 1 & mask;
      slots[s] = code + 1;
    }
    this.slots = slots;
  }
};
function grow(a, size) {
  const b = new a.constructor(size);
  b.set(a);
  return b;
}
var ExampleColumn = class {
  constructor(name) {
    this.name = name;
  }
  name;
  rows = 0;
  /** Codes mode: each row's code into `dictionary`. */
  codes = new Uint8Array(1024);
  dictionary = new ByteInterner();
  /** Numbers mode: each row's value (every cell was a finite number). */
  numbers = null;
  add(b, start, end) {
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
    const dictionary = this.dictionary;
    let codes = this.codes;
    const code = dictionary.intern(b, start, end);
    if (row === codes.length) codes = this.codes = grow(codes, row * 2);
    if (code === 256 && codes instanceof Uint8Array) codes = this.codes = Uint16Array.from(codes);
    else if (code === 65536 && codes instanceof Uint16Array) codes = this.codes = Int32Array.from(codes);
    codes[row] = code;
    if (dictionary.size > DICTIONARY_CAP && !dictionary.nonNumeric) this.toNumbers();
  }
  /** perf: examples-numbers-mode — a column of many distinct numbers keeps 8 bytes a row and no dictionary. */
  toNumbers() {
    const codes = this.codes;
    const values = this.dictionary.numbers;
    const numbers = new Float64Array(codes.length);
    for (let i = 0; i < this.rows; i++) numbers[i] = values[codes[i]];
    this.numbers = numbers;
    this.codes = null;
    this.dictionary = null;
  }
  /**
   * A cell that is not a number after the column turned into numbers: back to codes, the earlier
   * rows' text being their numbers' shortest form (only a column of thousands of distinct numbers
   * followed by text gets here).
   */
  toCodes(row) {
    const numbers = this.numbers;
    const dictionary = new ByteInterner();
    let codes = new Int32Array(numbers.length);
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
  finish() {
    const cap = (this.numbers ?? this.codes ?? []).length;
    if (cap <= this.rows * 1.25 + 64) return;
    if (this.numbers) this.numbers = this.numbers.slice(0, this.rows);
    else if (this.codes) this.codes = this.codes.slice(0, this.rows);
  }
  /** Row `i`'s cell as text (numbers in their shortest form). For messages. */
  text(i) {
    if (this.numbers) return String(this.numbers[i]);
    return this.dictionary.strings[this.codes[i]];
  }
};

// core/gate/examples-csv.ts
import { closeSync, openSync, readSync } from "node:fs";
var CHUNK = 1 << 18;
var COMMA = 44;
var QUOTE = 34;
var LF = 10;
var CR = 13;
function scanCsvFile(path, file, limit, sink) {
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
      sink
    );
  } finally {
    closeSync(fd);
  }
}
function scanCsv(read, file, sink, chunk = CHUNK) {
  new CsvScanner(read, file, sink, chunk).run();
}
var INCOMPLETE = -1;
var CsvScanner = class {
  constructor(read, file, sink, chunk) {
    this.read = read;
    this.file = file;
    this.sink = sink;
    this.chunk = chunk;
    this.buf = Buffer.allocUnsafe(Math.max(4, 2 * chunk));
  }
  read;
  file;
  sink;
  chunk;
  buf;
  /** Valid bytes in buf. */
  len = 0;
  eof = false;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  count = 0;
  /** The unescaped cells of a record with quotes. */
  rec = Buffer.allocUnsafe(1024);
  /** Newlines inside quoted cells of the record just scanned. */
  innerLines = 0;
  line = 1;
  run() {
    this.fill();
    let pos = 0;
    if (this.len >= 3 && this.buf[0] === 239 && this.buf[1] === 187 && this.buf[2] === 191) pos = 3;
    for (; ; ) {
      const end = this.plainRecord(pos);
      const next = end === QUOTED ? this.quotedRecord(pos) : end;
      if (next === INCOMPLETE) {
        if (this.eof) return;
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
  fill() {
    if (this.eof) return;
    if (this.len > this.buf.length - this.chunk) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.len);
      this.buf = bigger;
    }
    while (this.len < this.buf.length) {
      const n = this.read(this.buf, this.len, this.buf.length - this.len);
      if (n === 0) {
        this.eof = true;
        return;
      }
      this.len += n;
    }
  }
  field(start, end) {
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
  plainRecord(pos) {
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
      const b = buf[i];
      if (b === COMMA) {
        this.field(start, i);
        start = i + 1;
      } else if (b === LF || b === CR) {
        if (b === CR && i + 1 >= len && !this.eof) return INCOMPLETE;
        this.field(start, i);
        return b === CR && i + 1 < len && buf[i + 1] === LF ? i + 2 : i + 1;
      } else if (b === QUOTE) {
        return QUOTED;
      }
    }
  }
  /** The general path, cells unescaped into `rec`. */
  quotedRecord(pos) {
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
    for (; ; ) {
      if (i >= len) {
        if (!this.eof) return INCOMPLETE;
        if (quoted) throw new UsageError(`${this.file}:${this.line}: a quoted cell is not closed`);
        if (out === cellStart && this.count === 0) return INCOMPLETE;
        this.field(cellStart, out);
        return i;
      }
      const b = buf[i];
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
};
var QUOTED = -2;

// core/gate/examples-ids.ts
var ExampleIds = class {
  rows = 0;
  arena = new Uint8Array(1 << 16);
  offsets = new Int32Array(1025);
  /** id → row + 1 (0: empty slot), open addressing; null while no index was needed. */
  slots = null;
  hashes = null;
  /**
   * Adds the next row's id (trimmed bytes); returns the row of an earlier equal id, or -1.
   * perf: examples-ordered-ids — ids in increasing shortlex order (length, then bytes: 9 < 10, and
   * ex-0009 < ex-0010) are distinct without an index; the first id out of order builds it.
   */
  add(b, start, end) {
    const row = this.rows;
    if (this.slots === null && row > 0 && !this.follows(b, start, end)) this.index();
    if (this.slots !== null) {
      const earlier = this.find(b, start, end);
      if (earlier >= 0) return earlier;
    }
    this.append(b, start, end);
    if (this.slots !== null) this.insert(row, hashBytes(b, start, end));
    return -1;
  }
  /** The row whose id is these bytes, or -1. Builds the index on first use. */
  find(b, start, end) {
    if (this.slots === null) this.index();
    const slots = this.slots;
    const hashes = this.hashes;
    const h = hashBytes(b, start, end);
    const mask = slots.length - 1;
    for (let s = h & mask; ; s = s + 1 & mask) {
      const row = slots[s] - 1;
      if (row < 0) return -1;
      if (hashes[row] === h && sameBytes(b, start, end, this.arena, this.offsets[row], this.offsets[row + 1]))
        return row;
    }
  }
  /** Row i's id in the other store: find(), for pairing. */
  findIn(other, row) {
    return other.find(this.arena, this.offsets[row], this.offsets[row + 1]);
  }
  /** Whether row i has the same id here and in `other`. */
  sameAt(other, i) {
    return sameBytes(
      this.arena,
      this.offsets[i],
      this.offsets[i + 1],
      other.arena,
      other.offsets[i],
      other.offsets[i + 1]
    );
  }
  id(i) {
    return decode(this.arena, this.offsets[i], this.offsets[i + 1]);
  }
  /** Drops unused capacity. */
  finish() {
    const used = this.offsets[this.rows];
    if (this.arena.length > used * 1.25 + 1024) this.arena = this.arena.slice(0, used);
    if (this.offsets.length > this.rows * 1.25 + 1024) this.offsets = this.offsets.slice(0, this.rows + 1);
  }
  /** Whether the id sorts after the last one (shortlex). */
  follows(b, start, end) {
    const ps = this.offsets[this.rows - 1];
    const pe = this.offsets[this.rows];
    const len = end - start;
    if (len !== pe - ps) return len > pe - ps;
    for (let k = 0; k < len; k++) {
      const x = b[start + k];
      const y = this.arena[ps + k];
      if (x !== y) return x > y;
    }
    return false;
  }
  append(b, start, end) {
    const row = this.rows++;
    if (row + 1 === this.offsets.length) this.offsets = grow(this.offsets, this.offsets.length * 2);
    const at = this.offsets[row];
    if (at + end - start > this.arena.length)
      this.arena = grow(this.arena, Math.max(this.arena.length * 2, at + end - start));
    const arena = this.arena;
    for (let k = start; k < end; k++) arena[at + k - start] = b[k];
    this.offsets[row + 1] = at + end - start;
  }
  index() {
    let size = 64;
    while (size < this.rows * 2 + 2) size *= 2;
    this.slots = new Int32Array(size);
    this.hashes = new Int32Array(Math.max(this.rows, 1024));
    for (let row = 0; row < this.rows; row++) {
      this.insert(row, hashBytes(this.arena, this.offsets[row], this.offsets[row + 1]));
    }
  }
  insert(row, h) {
    let hashes = this.hashes;
    if (row >= hashes.length) hashes = this.hashes = grow(hashes, hashes.length * 2);
    hashes[row] = h;
    if ((row + 1) * 2 > this.slots.length) {
      this.rehash();
      return;
    }
    const slots = this.slots;
    const mask = slots.length - 1;
    let s = h & mask;
    while (slots[s] !== 0) s = s + 1 & mask;
    slots[s] = row + 1;
  }
  rehash() {
    const slots = new Int32Array(this.slots.length * 2);
    const hashes = this.hashes;
    const mask = slots.length - 1;
    for (let row = 0; row < this.rows; row++) {
      let s = hashes[row] & mask;
      while (slots[s] !== 0) s = s + 1 & mask;
      slots[s] = row + 1;
    }
    this.slots = slots;
  }
};

// core/gate/examples.ts
var MAX_EXAMPLES_BYTES = 256 * 1024 * 1024;
var ExampleTable = class {
  constructor(file, names, rows, ids, columns, lines) {
    this.file = file;
    this.names = names;
    this.rows = rows;
    this.ids = ids;
    this.columns = columns;
    this.lines = lines;
  }
  file;
  names;
  rows;
  ids;
  columns;
  lines;
  /** Row i's id (trimmed). */
  id(i) {
    return this.ids.id(i);
  }
  /** The line row i starts on (the header is line 1), for errors. */
  line(i) {
    return this.lines[i];
  }
  has(column) {
    return this.columns.has(column);
  }
  /** A column's cells as text, row order (ids trimmed; numbers of a numeric column in shortest form). For tests and messages. */
  cells(column) {
    if (column === "id" && this.names.includes("id"))
      return Array.from({ length: this.rows }, (_, i) => this.id(i));
    const c = this.columns.get(column);
    return c && Array.from({ length: this.rows }, (_, i) => c.text(i));
  }
  /** Every row's line, for tests. */
  allLines() {
    return Array.from(this.lines.subarray(0, this.rows));
  }
};
function readExamplesFile(path, file) {
  const builder = new TableBuilder(file);
  scanCsvFile(path, file, MAX_EXAMPLES_BYTES, builder);
  return builder.finish();
}
function plain(byte) {
  return byte > 32 && byte < 127;
}
var TableBuilder = class {
  constructor(file) {
    this.file = file;
  }
  file;
  names = null;
  idAt = -1;
  columns = [];
  ids = new ExampleIds();
  lines = new Int32Array(1024);
  rows = 0;
  record(bytes, starts, ends, count, line) {
    const blank = count === 1 && starts[0] === ends[0];
    if (this.names === null) {
      if (blank) this.empty();
      this.header(bytes, starts, ends, count);
      return;
    }
    if (blank) return;
    const names = this.names;
    if (count !== names.length) {
      throw new UsageError(
        `${this.file}:${line}: ${count} cells, but the header has ${names.length} (${names.join(",")})`
      );
    }
    let s = starts[this.idAt];
    let e = ends[this.idAt];
    if (s < e && (!plain(bytes[s]) || !plain(bytes[e - 1]))) {
      s = trimStart(bytes, s, e);
      e = trimEnd(bytes, s, e);
    }
    if (s === e) throw new UsageError(`${this.file}:${line}: id is empty`);
    const earlier = this.ids.add(bytes, s, e);
    if (earlier >= 0) {
      throw new UsageError(
        `${this.file}:${line}: id ${JSON.stringify(decode(bytes, s, e))} repeats line ${this.lines[earlier]}`
      );
    }
    const row = this.rows++;
    if (row === this.lines.length) this.lines = grow(this.lines, row * 2);
    this.lines[row] = line;
    const columns = this.columns;
    for (let k = 0; k < count; k++) columns[k]?.add(bytes, starts[k], ends[k]);
  }
  header(bytes, starts, ends, count) {
    const names = Array.from(
      { length: count },
      (_, k) => decode(bytes, starts[k], ends[k]).trim()
    );
    this.idAt = names.indexOf("id");
    if (this.idAt < 0) {
      throw new UsageError(`${this.file}:1: the header has no id column (it has ${names.join(", ")})`, {
        hint: "Per-example results need an id per example to pair the candidate with the baseline"
      });
    }
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup !== void 0)
      throw new UsageError(`${this.file}:1: column ${JSON.stringify(dup)} appears twice`);
    this.names = names;
    this.columns = names.map((n, k) => k === this.idAt ? null : new ExampleColumn(n));
  }
  empty() {
    throw new UsageError(`${this.file} is empty`, {
      hint: "Expected a CSV header such as id,label,prediction"
    });
  }
  finish() {
    if (this.names === null) this.empty();
    if (this.rows === 0) {
      throw new UsageError(`${this.file} has a header but no rows`, {
        hint: "The trainer wrote no per-example results; check its evaluation set"
      });
    }
    this.ids.finish();
    const columns = /* @__PURE__ */ new Map();
    for (const c of this.columns) {
      if (!c) continue;
      c.finish();
      columns.set(c.name, c);
    }
    return new ExampleTable(
      this.file,
      this.names,
      this.rows,
      this.ids,
      columns,
      this.lines.slice(0, this.rows)
    );
  }
};
function pairExamples(candidate, baseline) {
  const n = candidate.rows;
  let baselineRow = null;
  let same = n === baseline.rows;
  for (let i = 0; same && i < n; i++) same = candidate.ids.sameAt(baseline.ids, i);
  if (!same) {
    baselineRow = new Int32Array(n);
    const matched = new Uint8Array(baseline.rows);
    let shared = 0;
    let firstMissing = -1;
    for (let i = 0; i < n; i++) {
      const j = candidate.ids.findIn(baseline.ids, i);
      baselineRow[i] = j;
      if (j < 0) {
        if (firstMissing < 0) firstMissing = i;
      } else {
        shared++;
        matched[j] = 1;
      }
    }
    if (shared !== n || shared !== baseline.rows) {
      const counts = `${shared} ids shared; candidate ${n}, baseline ${baseline.rows}`;
      const first = firstMissing >= 0 ? unmatched(candidate, firstMissing, baseline) : unmatched(baseline, matched.indexOf(0), candidate);
      return `the runs were evaluated on different examples (${counts}): ${first}`;
    }
  }
  const disagree = firstLabelDisagreement(candidate, baseline, baselineRow);
  if (disagree >= 0) {
    return `the runs disagree on the label of example ${candidate.id(disagree)} (${candidate.file}:${candidate.line(disagree)}), so they were evaluated on different data`;
  }
  return { candidate, baseline, baselineRow };
}
function unmatched(table, row, other) {
  return `id ${JSON.stringify(table.id(row))} (${table.file}:${table.line(row)}) is not in ${other.file}`;
}
function firstLabelDisagreement(c, b, baselineRow) {
  const cl = c.columns.get("label");
  const bl = b.columns.get("label");
  if (!cl || !bl) return -1;
  const n = c.rows;
  if (cl.numbers && bl.numbers) {
    const x2 = cl.numbers;
    const y2 = bl.numbers;
    for (let i = 0; i < n; i++) if (x2[i] !== y2[baselineRow ? baselineRow[i] : i]) return i;
    return -1;
  }
  const classes = new ClassSpace();
  if (cl.codes && bl.codes) {
    const xm = classes.mapOf(cl.dictionary);
    const ym = classes.mapOf(bl.dictionary);
    const xc = cl.codes;
    const yc = bl.codes;
    for (let i = 0; i < n; i++) {
      const j = baselineRow ? baselineRow[i] : i;
      if (xm[xc[i]] !== ym[yc[j]]) return i;
    }
    return -1;
  }
  const x = classes.codesOf(cl);
  const y = classes.codesOf(bl);
  for (let i = 0; i < n; i++) if (x[i] !== y[baselineRow ? baselineRow[i] : i]) return i;
  return -1;
}
var ClassSpace = class {
  ids = /* @__PURE__ */ new Map();
  names = [];
  /** The class of each of the column's rows. */
  codesOf(column) {
    const out = new Int32Array(column.rows);
    if (column.numbers) {
      const v = column.numbers;
      for (let i = 0; i < column.rows; i++) out[i] = this.classOf(String(v[i]));
      return out;
    }
    const map = this.mapOf(column.dictionary);
    const codes = column.codes;
    for (let i = 0; i < column.rows; i++) out[i] = map[codes[i]];
    return out;
  }
  /** A dictionary's codes → class ids. */
  mapOf(dictionary) {
    return Int32Array.from(dictionary.strings, (s) => this.classOf(s.trim()));
  }
  classOf(name) {
    let id = this.ids.get(name);
    if (id === void 0) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }
  get size() {
    return this.names.length;
  }
};

// core/gate/load.ts
async function readRunFile(path, shown = path) {
  return parseRunText(await readTextFile(path, shown, { what: "run" }), shown);
}
function parseRunText(text, file) {
  const special = findNonFinite(text);
  if (special) {
    throw new UsageError(`${file}: ${special.path} is ${special.token}; metrics must be finite numbers`, {
      hint: "The trainer wrote a non-finite value (a division by zero, an empty evaluation set?); fix it at the source"
    });
  }
  return parseKilnFile("run", text, file);
}
function findNonFinite(text) {
  const marker = "\0kiln-non-finite:";
  let out = "";
  let found = false;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      out += ch;
      if (ch === "\\") {
        out += text[i + 1] ?? "";
        i++;
      } else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      continue;
    }
    const m = /^(-?Infinity|NaN)/.exec(text.slice(i, i + 9));
    if (m?.[1]) {
      out += JSON.stringify(`${marker}${m[1]}`);
      i += m[1].length - 1;
      found = true;
      continue;
    }
    out += ch;
  }
  if (!found) return null;
  let data;
  try {
    data = JSON.parse(out);
  } catch {
    return null;
  }
  const walk = (v, path) => {
    if (typeof v === "string" && v.startsWith(marker))
      return { path: path.join(".") || "(top level)", token: v.slice(marker.length) };
    if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        const hit = walk(child, [...path, k]);
        if (hit) return hit;
      }
    }
    return null;
  };
  return walk(data, []);
}
function examplesPathOf(run, runFile) {
  const rel = run.examples;
  if (rel === void 0) return null;
  if (isAbsolute(rel) || win32.isAbsolute(rel) || rel.split(/[\\/]+/).includes("..")) {
    throw new UsageError(
      `${runFile}: examples ${JSON.stringify(rel)} must be a path inside the run's folder`,
      {
        hint: "Write the per-example results next to run.json and name them relative to it"
      }
    );
  }
  return join(dirname(runFile), rel);
}
async function readRunExamples(run, runFile) {
  const path = examplesPathOf(run, runFile);
  if (path === null) return `${runFile} names no per-example results (examples)`;
  let size;
  let directory;
  try {
    const st = await stat(path);
    size = st.size;
    directory = st.isDirectory();
  } catch {
    return `${path} (the examples of ${runFile}) does not exist`;
  }
  if (directory) throw new UsageError(`per-example results ${path} is a directory, not a file`);
  if (size > MAX_EXAMPLES_BYTES) {
    throw new UsageError(`${path} is larger than ${MAX_EXAMPLES_BYTES / 1024 / 1024} MiB`);
  }
  try {
    return readExamplesFile(path, path);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = errorCode(err);
    if (code === void 0) throw err;
    throw new UsageError(`cannot read per-example results ${path}: ${err.message}`);
  }
}

export {
  MAX_EXAMPLES_BYTES,
  pairExamples,
  ClassSpace,
  readRunFile,
  parseRunText,
  examplesPathOf,
  readRunExamples
};

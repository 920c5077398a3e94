import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// core/data/readers/sink.ts
var MAX_RECORD_BYTES = 10 * 1024 * 1024;

// core/data/readers/csv-source.ts
import { closeSync, createReadStream, fstatSync, openSync, readSync } from "node:fs";
var CHUNK = 1 << 18;
var FileSource = class {
  constructor(path) {
    this.path = path;
  }
  path;
  seekable = true;
  size() {
    const fd = openSync(this.path, "r");
    try {
      return fstatSync(fd).size;
    } finally {
      closeSync(fd);
    }
  }
  /**
   * Reads into the caller's buffer. The reads are synchronous: the scanner waits for each anyway, and
   * a read through the thread pool left this thread idle for its round trip (about 40 ms for 53 MB in
   * 256 KiB reads).
   */
  async *chunks(start, chunkSize, target) {
    const fd = openSync(this.path, "r");
    try {
      let position = start;
      for (; ; ) {
        const { buffer, offset } = target(chunkSize);
        const bytesRead = readSync(fd, buffer, offset, chunkSize, position);
        if (bytesRead === 0) return;
        position += bytesRead;
        yield bytesRead;
      }
    } finally {
      closeSync(fd);
    }
  }
};
var GzipFileSource = class {
  constructor(path) {
    this.path = path;
  }
  path;
  seekable = false;
  size() {
    throw new Error("a gzip stream's size is unknown until it is read");
  }
  /** Copies each decompressed piece into the caller's buffer; `start` must be 0. */
  async *chunks(start, _chunkSize, target) {
    if (start !== 0) throw new Error("a gzip stream cannot seek");
    const stream = await gunzipStream(this.path);
    try {
      for await (const chunk of stream) {
        const { buffer, offset } = target(chunk.length);
        chunk.copy(buffer, offset);
        yield chunk.length;
      }
    } finally {
      stream.destroy();
    }
  }
};
async function gunzipStream(path) {
  const { createGunzip } = await import("node:zlib");
  const file = createReadStream(path);
  const gunzip = file.pipe(createGunzip());
  file.once("error", (err) => gunzip.destroy(err));
  gunzip.once("close", () => file.destroy());
  return gunzip;
}
function readError(path, err) {
  const code = err.code;
  if (code === "ENOENT") return new UsageError(`${path} does not exist`, { hint: "Check the path" });
  if (code === "EISDIR") return new UsageError(`${path} is a directory, not a data file`);
  if (code === "EACCES") return new UsageError(`${path} cannot be read (permission denied)`);
  if (code === "Z_DATA_ERROR" || code === "Z_BUF_ERROR") {
    return new UsageError(`${path} is not valid gzip data`, {
      hint: "Only name files .gz when they are gzipped"
    });
  }
  if (err instanceof UsageError) return err;
  return new UsageError(`cannot read ${path}: ${err.message}`);
}

// core/data/readers/csv-plain-scan.ts
var QUOTE = 34;
var LF = 10;
var CR = 13;
var DELIMITER = 1;
var NEWLINE = 2;
function byteClasses(delimiter) {
  const classes = new Uint8Array(256);
  classes[delimiter] = DELIMITER;
  classes[LF] = NEWLINE;
  return classes;
}
var ScanResult = class {
  /** Records the scan took. */
  added = 0;
  /** scanPlain only: the offset of the next CR at or after where it stopped, or -1 when none. */
  nextCr = -1;
  constructor() {
    this.added = -1;
    this.added = 0;
    this.nextCr = 0;
    this.nextCr = -1;
  }
};
function scanPlain(buf, pos, limit, nextCr, width, classes, starts, ends, at, room, stopAt, result) {
  const last = width - 1;
  let cr = nextCr;
  let added = 0;
  let recordStart = pos;
  let f = 0;
  let fieldStart = pos;
  if (room > 0 && recordStart < stopAt) {
    for (let k = pos; k < limit; k++) {
      const kind = classes[buf[k]];
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
        if (crlf && cr !== k - 1) break;
        const end = crlf ? k - 1 : k;
        if (f !== last || last === 0 && fieldStart === end || k + 1 - recordStart > MAX_RECORD_BYTES) break;
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
  result.added = added;
  result.nextCr = cr;
  return recordStart;
}

// core/data/readers/csv-header.ts
var HEAD_CHUNK = 64 * 1024;
async function readHeader(source, path, delimiter) {
  let piece = Buffer.alloc(0);
  const pieces = source.chunks(0, HEAD_CHUNK, (bytes) => {
    piece = Buffer.allocUnsafe(bytes);
    return { buffer: piece, offset: 0 };
  });
  let head = Buffer.alloc(0);
  let end = -1;
  let newlinesInside = 0;
  try {
    let inQuote = false;
    let scanned = 0;
    outer: for await (const n of pieces) {
      head = Buffer.concat([head, piece.subarray(0, n)]);
      for (let i = scanned; i < head.length; i++) {
        const c = head[i];
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
    await pieces.return(void 0);
  }
  if (head.length === 0)
    throw new UsageError(`${path} is empty`, { hint: "Expected a header line and data rows" });
  if (end < 0) {
    if (head.length > MAX_RECORD_BYTES) {
      throw new UsageError(`${path}:1: the header is longer than 10 MB (an unterminated quote?)`);
    }
    end = head.length;
  }
  const bom = head[0] === 239 && head[1] === 187 && head[2] === 191 ? 3 : 0;
  const names = splitRecord(new TextDecoder().decode(head.subarray(bom, end)), delimiter, path);
  validateHeader(path, names);
  return {
    names,
    end: source.seekable ? end : 0,
    lines: 1 + newlinesInside,
    skipFirst: !source.seekable
  };
}
function splitRecord(text, delimiter, path) {
  const fields = [];
  let field = "";
  let quoted = false;
  let i = 0;
  for (; i < text.length; i++) {
    const ch = text[i];
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
function validateHeader(path, names) {
  const seen = /* @__PURE__ */ new Map();
  for (const [i, name] of names.entries()) {
    if (name.trim() === "") {
      throw new UsageError(`${path}:1: column ${i + 1} of the header has no name`, {
        hint: "Name every column in the first line"
      });
    }
    const before = seen.get(name);
    if (before !== void 0) {
      throw new UsageError(
        `${path}:1: the header names "${name}" twice (columns ${before + 1} and ${i + 1})`,
        {
          hint: "Column names must be unique"
        }
      );
    }
    seen.set(name, i);
  }
}

// core/data/bytes.ts
var SHORT_BYTES = 6;
function mayStartNumber(c) {
  return c >= 48 && c <= 57 || c === 45 || c === 46 || c === 43;
}
function mayStartNumberSource(v) {
  return `((${v} >= 48 && ${v} <= 57) || ${v} === 45 || ${v} === 46 || ${v} === 43)`;
}

// core/data/values.ts
var MISSING_TOKENS = /* @__PURE__ */ new Set(["", "NA", "N/A", "n/a", "null", "NULL", "Null", "None", "none"]);
var TRUE_TOKENS = /* @__PURE__ */ new Set(["true", "True", "TRUE"]);
var FALSE_TOKENS = /* @__PURE__ */ new Set(["false", "False", "FALSE"]);
var NON_FINITE = {
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
  "-Infinity": Number.NEGATIVE_INFINITY
};
function classify(s) {
  if (MISSING_TOKENS.has(s)) return { kind: 1 /* Missing */, value: 0 };
  const c = s.charCodeAt(0);
  if (mayStartNumber(c)) {
    const d = parseDatetimeString(s);
    if (!Number.isNaN(d)) return { kind: 5 /* Datetime */, value: d };
    const t = s.trim();
    if (t !== "" && NUMBER.test(t)) return { kind: 6 /* Number */, value: Number(t) };
  }
  if (TRUE_TOKENS.has(s)) return { kind: 2 /* True */, value: 1 };
  if (FALSE_TOKENS.has(s)) return { kind: 3 /* False */, value: 0 };
  const nf = NON_FINITE[s];
  if (nf !== void 0) return { kind: 4 /* NonFinite */, value: nf };
  return { kind: 0 /* String */, value: 0 };
}
var NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
var POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
function parseNumberBytes(buf, start, end) {
  let i = start;
  let negative = false;
  let c = buf[i];
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
    c = buf[i];
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
  const x = scale === 0 ? mantissa : mantissa / POW10[scale];
  return negative ? -x : x;
}
function slowNumber(buf, start, end) {
  const s = latin1(buf, start, end);
  return NUMBER.test(s) ? Number(s) : Number.NaN;
}
function latin1(buf, start, end) {
  let s = "";
  for (let i = start; i < end; i++) s += String.fromCharCode(buf[i]);
  return s;
}
function daysFromCivil(year, month, day) {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
function parseDatetimeBytes(b, start, end) {
  const n = end - start;
  if (n < 10 || b[start + 4] !== 45 || b[start + 7] !== 45) return Number.NaN;
  const day = dayBytes(b, start);
  return Number.isNaN(day) ? day : withTimeBytes(b, start, n, day);
}
var DatetimeBytesParser = class {
  // perf: double-fields — NaN: nothing cached yet (NaN equals nothing), and double fields from the
  // start for V8.
  year = Number.NaN;
  monthDay = Number.NaN;
  day = Number.NaN;
  // perf: datetime-words — the last `YYYY-MM-DD HH:MM:SS` (19 bytes) as five words and its result: in time-ordered data
  // the same minute repeats, and its bytes decide its result. Read through a DataView, a word is
  // one load instead of four.
  word0 = Number.NaN;
  word1 = Number.NaN;
  word2 = Number.NaN;
  word3 = Number.NaN;
  word4 = Number.NaN;
  value = Number.NaN;
  view = new DataView(new ArrayBuffer(0));
  viewOf = null;
  parse(b, start, end) {
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
      const word4 = view.getUint16(start + 16, true) | b[start + 18] << 16;
      if (word3 === this.word3 && word2 === this.word2 && word4 === this.word4 && word1 === this.word1 && word0 === this.word0)
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
  parseFull(b, start, n) {
    if (n < 10 || b[start + 4] !== 45 || b[start + 7] !== 45) return Number.NaN;
    const year = b[start] | b[start + 1] << 8 | b[start + 2] << 16 | b[start + 3] << 24;
    const monthDay = b[start + 5] | b[start + 6] << 8 | b[start + 8] << 16 | b[start + 9] << 24;
    return this.parseDay(b, start, n, year, monthDay);
  }
  parseDay(b, start, n, year, monthDay) {
    let day;
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
};
function dayBytes(b, start) {
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
  return daysFromCivil(y0 * 1e3 + y1 * 100 + y2 * 10 + y3, month, day) * 864e5;
}
function withTimeBytes(b, start, n, day) {
  let ms = day;
  if (n === 10) return ms;
  const sep = b[start + 10];
  if (sep !== 84 && sep !== 32 || n < 16 || b[start + 13] !== 58) return Number.NaN;
  const h0 = dig(b, start + 11);
  const h1 = dig(b, start + 12);
  const i0 = dig(b, start + 14);
  const i1 = dig(b, start + 15);
  if ((h0 | h1 | i0 | i1) < 0) return Number.NaN;
  ms += ((h0 * 10 + h1) * 60 + i0 * 10 + i1) * 6e4;
  let i = 16;
  if (i < n && b[start + i] === 58) {
    if (n < 19) return Number.NaN;
    const s0 = dig(b, start + 17);
    const s1 = dig(b, start + 18);
    if ((s0 | s1) < 0) return Number.NaN;
    ms += (s0 * 10 + s1) * 1e3;
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
function dig(b, i) {
  const c = b[i] - 48;
  return c >= 0 && c <= 9 ? c : -1;
}
var digit = (s, i) => s.charCodeAt(i) - 48;
var two = (s, i) => digit(s, i) * 10 + digit(s, i + 1);
function parseDatetimeString(s) {
  const n = s.length;
  if (n < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) {
    const d = digit(s, i);
    if (d < 0 || d > 9) return Number.NaN;
  }
  const year = digit(s, 0) * 1e3 + digit(s, 1) * 100 + two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  if (month < 1 || month > 12 || day < 1 || day > 31) return Number.NaN;
  if (n === 10) return Date.UTC(year, month - 1, day);
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 32 || n < 16 || s.charCodeAt(13) !== 58) return Number.NaN;
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
    frac ? Number(`0.${frac}`) * 1e3 : 0
  );
  if (zone && zone !== "Z" && zone !== "z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const [zh = "0", zm = "0"] = zone.slice(1).split(":");
    ms -= sign * (Number(zh) * 60 + Number(zm)) * 6e4;
  }
  return ms;
}
var TIME = /^(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?(Z|z|[-+]\d\d(?::?\d\d)?)?$/;

// core/data/readers/csv-typed-scan.ts
var NUMBER_FIELD = 1;
var DATETIME_FIELD = 2;
var SHORT_STRING_FIELD = 3;
var POW256 = Array.from({ length: SHORT_BYTES + 1 }, (_, i) => 256 ** i);
var POW102 = Array.from({ length: 23 }, (_, i) => 10 ** i);
var UNROLLED_COLUMNS = 32;
var compiled = /* @__PURE__ */ new Map();
function typedScan(kinds, lengths, delimiter, loop = false) {
  const unrolled = !loop && kinds.length <= UNROLLED_COLUMNS;
  const key = `${unrolled}|${delimiter}|${Array.from(kinds).join(",")}|${Array.from(lengths).join(",")}`;
  let scan = compiled.get(key);
  if (scan === void 0) {
    scan = compile(Uint8Array.from(kinds), Int32Array.from(lengths), delimiter, unrolled);
    compiled.set(key, scan);
  }
  return scan;
}
function compile(kinds, lengths, delimiter, unrolled) {
  const width = kinds.length;
  const last = width - 1;
  const store = (f) => `
      if (k >= limit || buf[k] !== term) break records;
      starts[at + ${f}] = s;
      ends[at + ${f}] = k;
      parsed[at + ${f}] = v;
      k++;`;
  const fields = [];
  if (unrolled) {
    for (let f = 0; f < width; f++) {
      fields.push(`{
      const term = ${f === last ? LF : delimiter};
      const s = k;
      let v = NaN;
      ${fieldParse(kinds[f], String(lengths[f]))}
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
  let make;
  try {
    make = new Function(
      "POW10",
      "POW256",
      "MAX_RECORD_BYTES",
      "kinds",
      "lengths",
      `return function typedScan(buf, pos, limit, classes, dates, starts, ends, parsed, at, room, stopAt, result) {${body}
};`
    );
  } catch (err) {
    if (err instanceof EvalError) return null;
    throw err;
  }
  const scan = make(POW102, POW256, MAX_RECORD_BYTES, kinds, lengths);
  prime(scan, width, delimiter);
  return scan;
}
function prime(scan, width, delimiter) {
  const record = Array.from({ length: width }, () => "x").join(String.fromCharCode(delimiter));
  const text = Buffer.from(`${`${record}
`.repeat(64)}${record}`, "latin1");
  const classes = byteClasses(delimiter);
  const size = 65 * width;
  const at = [new Int32Array(size), new Int32Array(size), new Float64Array(size)];
  scan(text, 0, text.length, classes, new DatetimeBytesParser(), ...at, 0, 65, text.length, new ScanResult());
}
function fieldParse(kind, length) {
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

// core/data/readers/csv-plan.ts
var PLAN_SAMPLE = 512;
var TYPED_UNSAFE = [..."0123456789-+.:TtZzEe "].map((c) => c.charCodeAt(0));
function planColumns(buf, starts, ends, count, width, kinds, lengths, forced) {
  const n = Math.min(count, PLAN_SAMPLE);
  for (let f = 0; f < width; f++) {
    let numbers = 0;
    let datetimes = 0;
    let strings = 0;
    let length = -1;
    for (let r = 0; r < n; r++) {
      const s = starts[r * width + f];
      const e = ends[r * width + f];
      const c = buf[s];
      if (e - s >= 10 && buf[s + 4] === 45 && buf[s + 7] === 45) {
        if (length === -1) length = e - s;
        if (e - s === length && !Number.isNaN(parseDatetimeBytes(buf, s, e))) datetimes++;
      } else if (!Number.isNaN(parseNumberBytes(buf, s, e))) numbers++;
      else if (e > s && e - s <= SHORT_BYTES && !mayStartNumber(c)) strings++;
    }
    const kind = numbers >= 0.9 * n ? NUMBER_FIELD : datetimes >= 0.9 * n ? DATETIME_FIELD : strings >= 0.9 * n ? SHORT_STRING_FIELD : 0;
    kinds[f] = forced ? forced.kinds[f] : kind;
    lengths[f] = forced ? forced.lengths[f] : length;
  }
}
var PLAN_EMPTY = 0;
var PLAN_KEPT = 1;
var PLAN_NARROWED = 2;
function replanColumns(parsed, count, width, kinds, forced) {
  let any = false;
  let dropped = false;
  const sample = Math.min(count, PLAN_SAMPLE);
  for (let f = 0; f < width; f++) {
    if (kinds[f] === 0) continue;
    let misses = 0;
    for (let i = f; i < sample * width; i += width) if (Number.isNaN(parsed[i])) misses++;
    if (misses * 4 > sample && !forced) {
      kinds[f] = 0;
      dropped = true;
    } else any = true;
  }
  return !any ? PLAN_EMPTY : dropped ? PLAN_NARROWED : PLAN_KEPT;
}

// core/data/readers/csv-record.ts
var RECORD_ERRORS = [null, "unterminated quoted field", "text after a closing quote"];
var UNTERMINATED = 1;
var TEXT_AFTER_QUOTE = 2;
var RecordFields = class {
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
    this.count = -1;
    this.count = 0;
    this.newlinesInside = -1;
    this.newlinesInside = 0;
    this.error = -1;
    this.error = 0;
  }
  grow() {
    const n = this.starts.length * 2;
    const grow = (a, make) => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.starts = grow(this.starts, (k) => new Int32Array(k));
    this.ends = grow(this.ends, (k) => new Int32Array(k));
    this.escaped = grow(this.escaped, (k) => new Uint8Array(k));
  }
};
function splitPlainLine(fields, buf, pos, end, delimiter) {
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
function parseRecord(fields, buf, pos, eof, delimiter) {
  const len = buf.length;
  let nf = 0;
  let i = pos;
  let newlinesInside = 0;
  let error = 0;
  for (; ; ) {
    if (nf === fields.starts.length) fields.grow();
    if (i < len && buf[i] === QUOTE) {
      let j = i + 1;
      let escaped = 0;
      for (; ; ) {
        const q = buf.indexOf(QUOTE, j);
        if (q < 0 || q + 1 >= len && !eof) {
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
        const c2 = buf[i];
        if (c2 !== delimiter && c2 !== LF && c2 !== CR) {
          error = TEXT_AFTER_QUOTE;
          while (i < len && buf[i] !== LF) i++;
          if (i >= len && !eof) return -1;
        }
      }
    } else {
      const s = i;
      while (i < len) {
        const c2 = buf[i];
        if (c2 === delimiter || c2 === LF || c2 === CR) break;
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
    const c = buf[i];
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
function countNewlines(buf, from, to) {
  let n = 0;
  let i = buf.indexOf(LF, from);
  while (i >= 0 && i < to) {
    n++;
    i = buf.indexOf(LF, i + 1);
  }
  return n;
}
function unescapeQuotes(buf, start, end) {
  const out = new Uint8Array(end - start);
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i];
    out[n++] = c;
    if (c === QUOTE && buf[i + 1] === QUOTE) i++;
  }
  return out.subarray(0, n);
}
function preview(buf, start, end) {
  const stop = Math.min(end, start + 80);
  let s = latin1(buf, start, stop).replace(/\r?\n$/, "");
  if (end > stop) s += "…";
  return s;
}

// core/data/readers/csv-scanner.ts
var BATCH_RECORDS = 4096;
var FIRST_BATCH = 512;
var Scanner = class {
  constructor(sink, delimiter, width, line, modulo, skipHeader = false, testing = void 0) {
    this.sink = sink;
    this.delimiter = delimiter;
    this.width = width;
    this.line = line;
    this.modulo = modulo;
    this.skipHeader = skipHeader;
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
    this.planned = !this.bulk || TYPED_UNSAFE.includes(delimiter);
    this.batchParsed = new Float64Array(this.planned ? 0 : size * width);
  }
  sink;
  delimiter;
  width;
  line;
  modulo;
  skipHeader;
  rows = 0;
  /** The fields of the record the per-record path parsed last. */
  fields = new RecordFields();
  skipping = false;
  // Per buffer: where the next quote and CR are (-1: none left), so the fast path can tell in O(1).
  // perf: quote-cr-lookahead — the next quote and CR found natively, not searched for on every line.
  scanned = null;
  nextQuote = -2;
  nextCr = -2;
  skipInQuote = false;
  recordIndex = 0;
  // Complete records waiting for the sink's bulk `records` (when it has one), as field ranges into
  // the current buffer: flushed when full and before `feed` returns, while those ranges are valid.
  bulk;
  batchStarts;
  batchEnds;
  batchRows;
  byteClasses;
  batchCount = 0;
  batchLimit = FIRST_BATCH;
  batchBuf = null;
  // The typed scan (csv-typed-scan.ts): after the first batch, columns whose cells were nearly all
  // plain numbers, datetimes of one length or short codes are parsed (codes: keyed) while their ends
  // are found, into batchParsed; a column where that fails for over a quarter of a batch drops it.
  // perf: parse-while-scanning — typed columns parsed in the scan's pass: a CSV half cold 764 → 692 ms.
  planned = false;
  typed = false;
  fieldKinds;
  fieldLengths;
  batchParsed;
  dates = new DatetimeBytesParser();
  /** The typed scan for the current plan (rebuilt when a column drops out of it). */
  typedScan = null;
  /** Where scanPlain and the typed scan leave their other results: one per scanner, reused. */
  result = new ScanResult();
  // Test hooks (CsvTesting): a forced plan, the loop in place of the compiled row, a record count.
  forcePlan;
  loop;
  counts;
  /** Hands the waiting records to the sink. */
  flushBatch() {
    if (this.batchCount === 0) return;
    const count = this.batchCount;
    this.batchCount = 0;
    if (this.batchLimit < BATCH_RECORDS) this.batchLimit *= 2;
    this.sink.records?.(
      this.batchBuf,
      this.batchStarts,
      this.batchEnds,
      this.batchRows,
      count,
      this.width,
      this.typed ? this.batchParsed : null,
      this.fieldKinds
    );
    if (this.typed) this.replan(count);
    else if (!this.planned) this.plan(count);
  }
  /** Guesses each column's kind from a sample of the first batch (still in place in its buffer). */
  plan(count) {
    this.planned = true;
    const forced = this.forcePlan?.(this.width);
    const kinds = this.fieldKinds;
    planColumns(
      this.batchBuf,
      this.batchStarts,
      this.batchEnds,
      count,
      this.width,
      kinds,
      this.fieldLengths,
      forced
    );
    if (kinds.some((k) => k !== 0))
      this.typedScan = typedScan(kinds, this.fieldLengths, this.delimiter, this.loop);
    this.typed = this.typedScan !== null;
  }
  /** Drops the typed parse of columns where it failed for more than a quarter of a batch's sample. */
  replan(count) {
    const kinds = this.fieldKinds;
    const change = replanColumns(this.batchParsed, count, this.width, kinds, this.forcePlan !== void 0);
    if (change === PLAN_NARROWED)
      this.typedScan = typedScan(kinds, this.fieldLengths, this.delimiter, this.loop);
    this.typed = change !== PLAN_EMPTY && this.typedScan !== null;
  }
  /**
   * Parses every complete record in `buf` (whose first byte is at file offset `base`). Returns how many
   * bytes were consumed (the rest is an incomplete record) and whether the shard's end was passed.
   */
  feed(buf, base, endOffset, eof) {
    const result = this.feedRecords(buf, base, endOffset, eof);
    this.flushBatch();
    return result;
  }
  feedRecords(buf, base, endOffset, eof) {
    let pos = 0;
    if (this.skipping) {
      pos = this.skip(buf, 0);
      if (pos < 0) return { consumed: buf.length, done: false };
    }
    const len = buf.length;
    const bulk = this.bulk && this.modulo === void 0;
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
            `record longer than ${MAX_RECORD_BYTES / 1024 / 1024} MB (an unterminated quote?); skipped to its end`
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
  plainRecords(buf, pos, base, endOffset) {
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
    for (; ; ) {
      const count = this.batchCount;
      let next;
      if (this.typed && this.nextCr === -1) {
        next = this.typedScan(
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
          result
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
          result
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
  skip(buf, from) {
    for (let i = from; i < buf.length; i++) {
      const c = buf[i];
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
  record(buf, pos, eof) {
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
      RECORD_ERRORS[fields.error] ?? null
    );
  }
  /** Numbers the record by its first line, then emits it or reports why it cannot be profiled. */
  finish(buf, pos, i, nf, newlinesInside, error) {
    const row = this.line;
    this.line += 1 + newlinesInside;
    if (this.skipHeader) {
      this.skipHeader = false;
      return i;
    }
    const fields = this.fields;
    if (nf === 1 && fields.starts[0] === fields.ends[0] && !error && fields.escaped[0] === 0 && buf[pos] !== QUOTE) {
      return i;
    }
    if (this.modulo && this.recordIndex++ % this.modulo.count !== this.modulo.index) return i;
    if (i - pos > MAX_RECORD_BYTES || error || nf !== this.width) this.flushBatch();
    if (i - pos > MAX_RECORD_BYTES) {
      this.sink.parseError(
        row,
        `record longer than ${MAX_RECORD_BYTES / 1024 / 1024} MB`,
        preview(buf, pos, i)
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
  emit(buf, nf, row) {
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
          this.batchStarts[at + f] = starts[f];
          this.batchEnds[at + f] = ends[f];
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
      const s = starts[f];
      const e = ends[f];
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
};

// core/data/readers/csv-shard.ts
async function shardRange(source, shard, header) {
  let start = header.end;
  let end = Number.POSITIVE_INFINITY;
  let line = header.lines + 1;
  const modulo = shard && !source.seekable ? shard : void 0;
  if (shard && source.seekable) {
    const total = await source.size();
    const from = Math.floor(total * shard.index / shard.count);
    end = Math.floor(total * (shard.index + 1) / shard.count);
    if (from > start) {
      const boundary = await findRecordStart(source, start, from, line);
      start = boundary.offset;
      line = boundary.line;
    }
  }
  return { start, end, line, modulo };
}
async function findRecordStart(source, from, target, line) {
  let buf = Buffer.alloc(CHUNK);
  const pieces = source.chunks(from, CHUNK, (bytes) => {
    if (bytes > buf.length) buf = Buffer.alloc(bytes);
    return { buffer: buf, offset: 0 };
  });
  try {
    let pos = from;
    let inQuote = false;
    let lines = line;
    for await (const bytesRead of pieces) {
      const piece = buf;
      for (let i = 0; i < bytesRead; i++) {
        const c = piece[i];
        if (c === QUOTE) inQuote = !inQuote;
        else if (c === LF) {
          lines++;
          if (!inQuote && pos + i + 1 >= target) return { offset: pos + i + 1, line: lines };
        }
      }
      pos += bytesRead;
    }
    return { offset: pos, line: lines };
  } finally {
    await pieces.return(void 0);
  }
}

// core/data/readers/csv.ts
async function readCsv(path, sink, opts) {
  const source = opts.gzip ? new GzipFileSource(path) : new FileSource(path);
  return readCsvFrom(source, path, sink, opts);
}
async function readCsvFrom(source, name, sink, opts) {
  const header = await readHeader(source, name, opts.delimiter);
  sink.header(header.names);
  const width = header.names.length;
  const { start, end, line, modulo } = await shardRange(source, opts.shard, header);
  const scanner = new Scanner(
    sink,
    opts.delimiter,
    width,
    header.skipFirst ? 1 : line,
    modulo,
    header.skipFirst,
    opts.testing
  );
  const chunkSize = opts.chunkSize ?? CHUNK;
  let work = Buffer.allocUnsafe(Math.max(chunkSize * 2, 64));
  let have = 0;
  let workOffset = start;
  let bytesRead = 0;
  const room = (target) => {
    if (work.length - have < target) {
      const bigger = Buffer.allocUnsafe(Math.max(work.length * 2, have + target));
      work.copy(bigger, 0, 0, have);
      work = bigger;
    }
    return { buffer: work, offset: have };
  };
  const pieces = source.chunks(start, chunkSize, room);
  try {
    for (; ; ) {
      const next = await pieces.next();
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
    throw readError(name, err);
  } finally {
    await pieces.return(void 0);
  }
  return { rows: scanner.rows, bytes: bytesRead };
}

export {
  SHORT_BYTES,
  mayStartNumber,
  classify,
  parseNumberBytes,
  latin1,
  parseDatetimeBytes,
  DatetimeBytesParser,
  MAX_RECORD_BYTES,
  readError,
  readCsv
};

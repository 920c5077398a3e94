/** The CSV header record: the column names, and where the data records begin. */
import { UsageError } from "../../errors.js";
import { LF, QUOTE } from "./csv-plain-scan.js";
import { type ByteSource, readError } from "./csv-source.js";
import { MAX_RECORD_BYTES } from "./sink.js";

/** The header is read this much at a time (decompressed for gzip). */
const HEAD_CHUNK = 64 * 1024;

export interface Header {
  names: string[];
  /** Byte offset after the header record (0 for gzip, whose scanner skips the header record). */
  end: number;
  /** Lines the header spans. */
  lines: number;
  skipFirst: boolean;
}

/** Reads the header record: the column names. An empty file or a broken header is unusable input. */
export async function readHeader(source: ByteSource, path: string, delimiter: number): Promise<Header> {
  // Read through the source like the body (a plain file synchronously): a stream's reads go through
  // the thread pool, and the scanner waits for the header anyway.
  // perf: sync-reads — the header read like the body: no stream, no thread-pool round trip.
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
    await pieces.return(undefined);
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
  const names = splitRecord(new TextDecoder().decode(head.subarray(bom, end)), delimiter, path);
  validateHeader(path, names);
  // A stream's offsets are not the data's (gzip): its scanner starts at 0 and drops the header itself.
  return {
    names,
    end: source.seekable ? end : 0,
    lines: 1 + newlinesInside,
    skipFirst: !source.seekable,
  };
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

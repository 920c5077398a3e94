/**
 * A streaming CSV/TSV reader over bytes (RFC 4180: quotes, doubled quotes, newlines in quotes,
 * CRLF, BOM). It never builds a row of strings: field boundaries go straight to the sink, which
 * parses numbers from the bytes. Memory is one chunk plus the record that straddles it.
 *
 * This file wires the parts: the byte source (csv-source.ts: a plain or gzipped file), the header
 * (csv-header.ts), the shard's share of the file (csv-shard.ts) and the scanner (csv-scanner.ts,
 * with the per-record syntax in csv-record.ts, the bulk byte loop in csv-plain-scan.ts and the typed
 * scan's plan and compiled code in csv-plan.ts and csv-typed-scan.ts).
 */
import { readHeader } from "./csv-header.js";
import type { CsvTesting } from "./csv-plan.js";
import { Scanner } from "./csv-scanner.js";
import { shardRange } from "./csv-shard.js";
import { type ByteSource, CHUNK, FileSource, GzipFileSource, readError, type Target } from "./csv-source.js";
import type { CellSink, ReadOptions, ReadResult } from "./sink.js";

export type { CsvTesting } from "./csv-plan.js";
export { type ByteSource, readError, type Target } from "./csv-source.js";

export interface CsvOptions extends ReadOptions {
  delimiter: number;
  gzip: boolean;
  /** Test hooks (see CsvTesting); never set in use. */
  testing?: CsvTesting;
}

export async function readCsv(path: string, sink: CellSink, opts: CsvOptions): Promise<ReadResult> {
  const source = opts.gzip ? new GzipFileSource(path) : new FileSource(path);
  return readCsvFrom(source, path, sink, opts);
}

/** Reads CSV from any byte source; `name` (a path, say) is what messages call it. */
export async function readCsvFrom(
  source: ByteSource,
  name: string,
  sink: CellSink,
  opts: Omit<CsvOptions, "gzip">,
): Promise<ReadResult> {
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
    opts.testing,
  );
  const chunkSize = opts.chunkSize ?? CHUNK;
  // One work buffer for the whole file: the unparsed tail moves to its front and the next read lands
  // after it, so reading allocates nothing in the steady state (fresh 1 MiB chunks cost ~30 MB RSS).
  // perf: one-work-buffer — no fresh buffer per read: about 30 MB less RSS than fresh 1 MiB chunks.
  let work = Buffer.allocUnsafe(Math.max(chunkSize * 2, 64));
  let have = 0;
  let workOffset = start;
  let bytesRead = 0;
  // Room for the source's next piece after the unparsed tail, the buffer doubled when it does not fit.
  const room: Target = (target: number) => {
    if (work.length - have < target) {
      const bigger = Buffer.allocUnsafe(Math.max(work.length * 2, have + target));
      work.copy(bigger, 0, 0, have);
      work = bigger;
    }
    return { buffer: work, offset: have };
  };
  const pieces = source.chunks(start, chunkSize, room);
  try {
    for (;;) {
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
    await pieces.return(undefined);
  }
  return { rows: scanner.rows, bytes: bytesRead };
}

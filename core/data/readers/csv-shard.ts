/**
 * A shard's share of a CSV file. A seekable source shards by byte range: each record belongs to the
 * shard its first byte is in, so a shard starts at the first record at or after its range's start.
 * A stream (gzip) cannot seek, so its shards take every n-th record instead.
 */
import type { Header } from "./csv-header.js";
import { LF, QUOTE } from "./csv-plain-scan.js";
import { type ByteSource, CHUNK } from "./csv-source.js";
import type { Shard } from "./sink.js";

export interface ShardRange {
  /** Offset of the shard's first record (the header's end when not sharded by range). */
  start: number;
  /** The range's end: a record that starts at or past it belongs to the next shard. */
  end: number;
  /** The line the first record starts on. */
  line: number;
  /** For a stream: take record i when i % count === index. */
  modulo: Shard | undefined;
}

/** Where the shard's records are (the whole file after its header when `shard` is undefined). */
export async function shardRange(
  source: ByteSource,
  shard: Shard | undefined,
  header: Header,
): Promise<ShardRange> {
  let start = header.end;
  let end = Number.POSITIVE_INFINITY;
  let line = header.lines + 1;
  const modulo = shard && !source.seekable ? shard : undefined;
  if (shard && source.seekable) {
    const total = await source.size();
    const from = Math.floor((total * shard.index) / shard.count);
    end = Math.floor((total * (shard.index + 1)) / shard.count);
    if (from > start) {
      const boundary = await findRecordStart(source, start, from, line);
      start = boundary.offset;
      line = boundary.line;
    }
  }
  return { start, end, line, modulo };
}

/** Finds the first record that starts at or after `target`, counting lines and quotes from `from`. */
async function findRecordStart(
  source: ByteSource,
  from: number,
  target: number,
  line: number,
): Promise<{ offset: number; line: number }> {
  let buf = Buffer.alloc(CHUNK);
  // Each piece at the buffer's start (a source may hand over a piece larger than it was asked for).
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
        const c = piece[i] as number;
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
    await pieces.return(undefined);
  }
}

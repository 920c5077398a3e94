/**
 * Lower bounds for kiln's readers, for the time breakdown: what Node itself needs to get the bytes
 * or the decoded columns. Anything kiln spends above these is parsing and statistics.
 *   csv-stream  fs.createReadStream, count newlines: a fresh Buffer per chunk
 *   csv-read    FileHandle.read into one reused 1 MiB buffer, count newlines: no allocation per chunk
 *   parquet     hyparquet, one row group at a time, as kiln reads it (timestamps become Date objects)
 *   parquet-ms  the same with timestamps parsed to epoch-ms numbers
 *   parquet-kiln  kiln's own Parquet reader (page by page, dictionary indices, numbers in blocks)
 *                 feeding a sink that only counts cells: what kiln's profile costs above decoding
 *
 * Usage: node floor.mjs MODE FILE...
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { type AsyncBuffer, parquetMetadataAsync, parquetRead } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { readParquet } from "../core/data/readers/parquet.js";
import type { CellSink } from "../core/data/readers/sink.js";

function countNewlines(chunk: Buffer): number {
  let lines = 0;
  let i = chunk.indexOf(10);
  while (i !== -1) {
    lines++;
    i = chunk.indexOf(10, i + 1);
  }
  return lines;
}

async function csvStream(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    lines += countNewlines(chunk);
  }
  return lines;
}

async function csvRead(path: string): Promise<number> {
  const fh = await open(path);
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    let lines = 0;
    for (let pos = 0; ; ) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) return lines;
      pos += bytesRead;
      lines += countNewlines(buf.subarray(0, bytesRead));
    }
  } finally {
    await fh.close();
  }
}

async function parquetValues(path: string, epochMs: boolean): Promise<number> {
  const fh = await open(path);
  try {
    const { size } = await fh.stat();
    const file: AsyncBuffer = {
      byteLength: size,
      slice: async (start, end) => {
        const buf = Buffer.allocUnsafe((end ?? size) - start);
        await fh.read(buf, 0, buf.length, start);
        return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
      },
    };
    const metadata = await parquetMetadataAsync(file);
    let values = 0;
    let rowStart = 0;
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      await parquetRead({
        file,
        metadata,
        compressors,
        ...(epochMs ? { parsers: { timestampFromMicroseconds: (us: bigint) => Number(us / 1000n) } } : {}),
        rowStart,
        rowEnd,
        onChunk: (chunk) => {
          values += chunk.columnData.length;
        },
      });
      rowStart = rowEnd;
    }
    return values;
  } finally {
    await fh.close();
  }
}

async function parquetKiln(path: string): Promise<number> {
  let values = 0;
  const names: string[] = [];
  const count = () => {
    values++;
  };
  const sink: CellSink = {
    header: () => {},
    column: (name) => {
      const i = names.indexOf(name);
      return i >= 0 ? i : names.push(name) - 1;
    },
    bytes: count,
    string: count,
    typed: count,
    datetime: count,
    missing: count,
    endRow: () => {},
    endRows: () => {},
    parseError: () => {},
    numbers: (_col, _values, from, to) => {
      values += to - from;
    },
    dictionaryStrings: (_col, _dictionary, _indices, from, to) => {
      values += to - from;
    },
  };
  await readParquet(path, sink, {});
  return values;
}

const MODES: Record<string, (path: string) => Promise<number>> = {
  "csv-stream": csvStream,
  "csv-read": csvRead,
  parquet: (p) => parquetValues(p, false),
  "parquet-ms": (p) => parquetValues(p, true),
  "parquet-kiln": parquetKiln,
};

const [mode, ...files] = process.argv.slice(2);
const fn = mode ? MODES[mode] : undefined;
if (!fn || files.length === 0) {
  process.stderr.write(`usage: floor ${Object.keys(MODES).join("|")} FILE...\n`);
  process.exitCode = 2;
} else {
  let n = 0;
  for (const f of files) n += await fn(f);
  process.stdout.write(`${n}\n`);
}

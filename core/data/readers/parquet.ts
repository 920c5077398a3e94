/**
 * Parquet, one row group at a time (bounded memory), column by column, with hyparquet and its
 * compressors (ZSTD, Snappy, gzip, Brotli, LZ4). A record is named by its 1-based row number.
 * Shards take every n-th row group.
 *
 * A sink with bulk entries (`numbers`, `dictionaryStrings`) gets flat columns page by page
 * (parquet-pages.ts): hyparquet decodes each page, dictionary pages stay dictionary indices, and
 * numbers arrive as a Float64Array, so no JS value is made per cell. Nested columns, and sinks
 * without bulk entries (the per-cell reference), go through hyparquet's row reader as before.
 *
 * Columns are the schema's top-level fields. A nested one (LIST, MAP, STRUCT) is one cell per row,
 * its value as JSON text, as JSON Lines gives a nested value: the same data profiles the same way
 * in either format. A null list or struct is missing; an empty list is `[]`.
 */
import { open } from "node:fs/promises";
import {
  type AsyncBuffer,
  asyncBufferFromFile,
  type FileMetaData,
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
} from "hyparquet";
import { isFlatColumn } from "hyparquet/src/schema.js";
import { compressors } from "hyparquet-compressors";
import { UsageError } from "../../errors.js";
import { readError } from "./csv.js";
import { ChunkReader, feed, type PageColumn } from "./parquet-pages.js";
import type { CellSink, ReadOptions, ReadResult } from "./sink.js";

interface Column {
  name: string;
  col: number;
  datetime: boolean;
  /** LIST, MAP, STRUCT or a repeated field: one JSON text per row. */
  nested: boolean;
  /** Read page by page (flat, and the sink takes bulk cells); else through parquetRead. */
  paged: boolean;
}

export async function readParquet(path: string, sink: CellSink, opts: ReadOptions): Promise<ReadResult> {
  const bulk = sink.numbers !== undefined && sink.dictionaryStrings !== undefined;
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  let file: AsyncBuffer;
  let metadata: FileMetaData;
  try {
    if (bulk) {
      handle = await open(path);
      file = await fileBuffer(handle);
    } else file = await asyncBufferFromFile(path);
    metadata = await parquetMetadataAsync(file);
  } catch (err) {
    await handle?.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code) throw readError(path, err);
    throw new UsageError(`${path} is not a readable Parquet file (${(err as Error).message})`);
  }
  try {
    return await readGroups(path, sink, opts, file, metadata, handle);
  } finally {
    await handle?.close();
  }
}

async function readGroups(
  path: string,
  sink: CellSink,
  opts: ReadOptions,
  file: AsyncBuffer,
  metadata: FileMetaData,
  handle: Awaited<ReturnType<typeof open>> | undefined,
): Promise<ReadResult> {
  // Top-level fields: hyparquet reads and assembles a nested field by its top-level name only.
  // Timestamps and dates arrive as epoch milliseconds (numbers, not Dates).
  const schema = parquetSchema(metadata);
  const columns: Column[] = schema.children.map((field) => {
    const e = field.element;
    const flat = isFlatColumn([schema, field]);
    return {
      name: e.name,
      col: sink.column(e.name),
      datetime:
        flat &&
        (e.logical_type?.type === "TIMESTAMP" ||
          e.logical_type?.type === "DATE" ||
          e.converted_type === "TIMESTAMP_MILLIS" ||
          e.converted_type === "TIMESTAMP_MICROS" ||
          e.converted_type === "DATE"),
      nested: !flat,
      paged: handle !== undefined && flat,
    };
  });
  const chunks = handle ? new ChunkReader(handle, sink, EPOCH_MS) : undefined;
  let rowStart = 0;
  let rows = 0;
  for (const [g, group] of metadata.row_groups.entries()) {
    const groupRows = Number(group.num_rows);
    const start = rowStart;
    rowStart += groupRows;
    if (opts.shard && g % opts.shard.count !== opts.shard.index) continue;
    try {
      // One column of one row group at a time: memory holds a single column chunk (one page of
      // it decoded, when paged).
      for (const c of columns) {
        const chunk = c.paged
          ? group.columns.find(
              (x) => x.meta_data?.path_in_schema.length === 1 && x.meta_data.path_in_schema[0] === c.name,
            )
          : undefined;
        if (chunks && chunk?.meta_data && !chunk.file_path) {
          const column: PageColumn = { col: c.col, datetime: c.datetime, metadata: chunk.meta_data };
          await chunks.read(metadata, column, start, groupRows);
        } else await readRows(file, metadata, sink, c, start, groupRows);
      }
    } catch (err) {
      throw new UsageError(`${path}: row group ${g + 1} cannot be decoded (${(err as Error).message})`);
    }
    sink.endRows(groupRows);
    rows += groupRows;
    opts.onProgress?.(0, rows);
  }
  return { rows, bytes: file.byteLength };
}

/** One column of one row group through hyparquet's row reader, one cell at a time. */
async function readRows(
  file: AsyncBuffer,
  metadata: FileMetaData,
  sink: CellSink,
  c: Column,
  start: number,
  groupRows: number,
): Promise<void> {
  await parquetRead({
    file,
    metadata,
    compressors,
    // Inside nested values, Dates: their JSON text is ISO 8601 rather than epoch milliseconds.
    parsers: c.nested ? undefined : EPOCH_MS,
    columns: [c.name],
    rowStart: start,
    rowEnd: start + groupRows,
    onChunk(chunk) {
      if (chunk.columnName !== c.name) return;
      const values = chunk.columnData;
      const first = Math.max(chunk.rowStart, start);
      const last = Math.min(chunk.rowEnd, start + groupRows);
      if (c.datetime) {
        for (let r = first; r < last; r++) {
          const v = values[r - chunk.rowStart];
          if (v === null || v === undefined) sink.missing(c.col, r + 1);
          else sink.datetime(c.col, Number(v), r + 1);
        }
      } else {
        for (let r = first; r < last; r++) feed(sink, c.col, values[r - chunk.rowStart], r + 1);
      }
    },
  });
}

/** Reads through one file handle (hyparquet's asyncBufferFromFile opens a stream per read). */
async function fileBuffer(handle: Awaited<ReturnType<typeof open>>): Promise<AsyncBuffer> {
  const { size } = await handle.stat();
  return {
    byteLength: size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const stop = Math.min(end ?? size, size);
      const buf = new Uint8Array(Math.max(0, stop - start));
      let done = 0;
      while (done < buf.length) {
        const { bytesRead } = await handle.read(buf, done, buf.length - done, start + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return buf.buffer;
    },
  };
}

// Timestamps as epoch milliseconds: no Date object per value.
const EPOCH_MS = {
  timestampFromMilliseconds: (v: bigint) => Number(v),
  timestampFromMicroseconds: (v: bigint) => Number(v) / 1000,
  timestampFromNanoseconds: (v: bigint) => Number(v) / 1e6,
  dateFromDays: (days: number) => days * 86_400_000,
};

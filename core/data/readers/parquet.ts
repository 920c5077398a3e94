/**
 * Parquet, one row group at a time (bounded memory), column by column, with hyparquet and its
 * compressors (ZSTD, Snappy, gzip, Brotli, LZ4). A record is named by its 1-based row number.
 * Shards take every n-th row group.
 */
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { UsageError } from "../../errors.js";
import { readError } from "./csv.js";
import type { CellSink, ReadOptions, ReadResult } from "./sink.js";

export async function readParquet(path: string, sink: CellSink, opts: ReadOptions): Promise<ReadResult> {
  let file: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    file = await asyncBufferFromFile(path);
    metadata = await parquetMetadataAsync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code) throw readError(path, err);
    throw new UsageError(`${path} is not a readable Parquet file (${(err as Error).message})`);
  }
  // Top-level leaf columns. Timestamps and dates arrive as epoch milliseconds (numbers, not Dates).
  const leaves = metadata.schema.slice(1).filter((e) => e.num_children === undefined);
  const columns = leaves.map((e) => ({
    name: e.name,
    col: sink.column(e.name),
    datetime:
      e.logical_type?.type === "TIMESTAMP" ||
      e.logical_type?.type === "DATE" ||
      e.converted_type === "TIMESTAMP_MILLIS" ||
      e.converted_type === "TIMESTAMP_MICROS" ||
      e.converted_type === "DATE",
  }));
  let rowStart = 0;
  let rows = 0;
  for (const [g, group] of metadata.row_groups.entries()) {
    const groupRows = Number(group.num_rows);
    const start = rowStart;
    rowStart += groupRows;
    if (opts.shard && g % opts.shard.count !== opts.shard.index) continue;
    try {
      // One column of one row group at a time: memory holds a single decoded column chunk.
      for (const c of columns) {
        await parquetRead({
          file,
          metadata,
          compressors,
          parsers: EPOCH_MS,
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
    } catch (err) {
      throw new UsageError(`${path}: row group ${g + 1} cannot be decoded (${(err as Error).message})`);
    }
    sink.endRows(groupRows);
    rows += groupRows;
    opts.onProgress?.(0, rows);
  }
  return { rows, bytes: file.byteLength };
}

// Timestamps as epoch milliseconds: no Date object per value.
const EPOCH_MS = {
  timestampFromMilliseconds: (v: bigint) => Number(v),
  timestampFromMicroseconds: (v: bigint) => Number(v) / 1000,
  timestampFromNanoseconds: (v: bigint) => Number(v) / 1e6,
  dateFromDays: (days: number) => days * 86_400_000,
};

function feed(sink: CellSink, col: number, v: unknown, row: number): void {
  if (v === null || v === undefined) sink.missing(col, row);
  else if (typeof v === "number" || typeof v === "boolean" || v instanceof Date) sink.typed(col, v, row);
  else if (typeof v === "bigint") sink.typed(col, Number(v), row);
  else if (typeof v === "string") sink.string(col, v, row);
  else if (v instanceof Uint8Array) sink.string(col, Buffer.from(v).toString("base64"), row);
  else
    sink.string(
      col,
      JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? Number(x) : x)),
      row,
    );
}

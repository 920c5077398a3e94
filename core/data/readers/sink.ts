/** What a reader feeds: cells by column index, rows by the number a user would look up. */
export interface CellSink {
  /** Column names from a header (CSV); readers of self-describing records use `column()`. */
  header(names: readonly string[]): void;
  /** The index of a column, registering it when first seen (JSON Lines keys, Parquet fields). */
  column(name: string): number;
  bytes(col: number, buf: Uint8Array, start: number, end: number, row: number): void;
  string(col: number, value: string, row: number): void;
  typed(col: number, value: number | boolean | Date, row: number): void;
  /** A datetime as epoch milliseconds (Parquet timestamps, without a Date object per value). */
  datetime(col: number, ms: number, row: number): void;
  missing(col: number, row: number): void;
  /** Ends a record; columns the record did not mention count as missing. */
  endRow(row: number): void;
  /** Ends `count` records fed column by column (Parquet), every column given for every row. */
  endRows(count: number): void;
  /** A malformed record: not profiled, reported with its row. */
  parseError(row: number, message: string, value?: string): void;
  /**
   * Optional bulk form of `bytes` + `endRow` for complete records whose fields need no unescaping
   * (CSV): `count` records of `width` fields each, field f of record r spanning
   * `buf[starts[r * width + f], ends[r * width + f])`, record r starting on line `rows[r]`. Equivalent
   * to calling `bytes` for each field and `endRow` for each record, in order; a sink that has it gets
   * a column's cells together, so it can update that column in one tight loop.
   * `parsed` (when given): for a column whose `kinds[f]` is 1 (number) or 2 (datetime), field f of
   * record r is the value `parsed[r * width + f]` (epoch ms for a datetime) — exactly what its bytes
   * parse to — unless that is NaN, when only its bytes say what it is.
   */
  records?(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    rows: Float64Array,
    count: number,
    width: number,
    parsed?: Float64Array | null,
    kinds?: Uint8Array,
  ): void;
  /**
   * Optional bulk form of `typed` (numbers) or `datetime` for column-wise readers (Parquet):
   * `values[from, to)` are consecutive cells of column `col`, the first on row `firstRow`.
   */
  numbers?(
    col: number,
    values: Float64Array,
    from: number,
    to: number,
    datetime: boolean,
    firstRow: number,
  ): void;
  /**
   * Optional bulk form of `string` for dictionary-encoded columns (Parquet): cell i is
   * `dictionary[indices[i]]` for i in [from, to), consecutive cells of `col` from row `firstRow`.
   * The same dictionary array is passed again for every page of a column chunk.
   */
  dictionaryStrings?(
    col: number,
    dictionary: readonly string[],
    indices: ArrayLike<number>,
    from: number,
    to: number,
    firstRow: number,
  ): void;
}

export interface Shard {
  /** 0-based. */
  index: number;
  count: number;
}

export interface ReadOptions {
  shard?: Shard;
  /**
   * Called as reading goes on with the rows so far and a byte count that differs by reader (CSV:
   * bytes of data, decompressed; JSON Lines: of the file; Parquet: 0). Progress lines use the rows.
   */
  onProgress?: (bytes: number, rows: number) => void;
  /** Read size in bytes (default 256 KiB); tests make it tiny so records straddle chunks. */
  chunkSize?: number;
}

export interface ReadResult {
  rows: number;
  bytes: number;
}

/** The longest record kiln reads; a longer one (often an unterminated quote) is a parse_error. */
export const MAX_RECORD_BYTES = 10 * 1024 * 1024;

/**
 * A flat Parquet column chunk, page by page, into a sink's bulk entries. hyparquet decodes
 * (page headers, decompression, levels, dictionary indices, plain values, type conversion); this
 * only walks the pages of one chunk — hyparquet's own `readColumn` loop, without materialising
 * every cell as a JS value:
 *
 * - a dictionary page becomes a Float64Array of numbers or an array of strings, converted once;
 * - a dictionary-encoded data page stays indices: numbers are gathered into one reused
 *   Float64Array (`sink.numbers`), strings go as indices (`sink.dictionaryStrings`);
 * - other pages' values are converted by hyparquet and fed in bulk when numeric, else cell by cell;
 * - nulls (definition levels below the maximum) split a page into runs of present cells.
 *
 * Memory: the compressed chunk is read into one reused buffer; a chunk then costs one decompressed
 * page and its decoded indices at a time. (Decompressing ZSTD into a reused buffer would save an
 * allocation per page, but fzstd 0.1.1 compares its output buffer with `==` to a number, turning
 * the whole buffer into a string: about 25 ms per 350 KB page.)
 */
import type { FileHandle } from "node:fs/promises";
import type { ColumnMetaData, DecodedArray, FileMetaData, ParquetParsers } from "hyparquet";
import { parquetHeader } from "hyparquet/src/column.js";
import { convert, convertWithDictionary, DEFAULT_PARSERS } from "hyparquet/src/convert.js";
import { decompressPage, readDataPage, readDataPageV2 } from "hyparquet/src/datapage.js";
import { readRleBitPackedHybrid } from "hyparquet/src/encoding.js";
import { readPlain } from "hyparquet/src/plain.js";
import { getMaxDefinitionLevel, getMaxRepetitionLevel, getSchemaPath } from "hyparquet/src/schema.js";
import { compressors } from "hyparquet-compressors";
import type { CellSink } from "./sink.js";

type Decoder = Parameters<typeof readDataPage>[2];
/** Numbers go to the sink in blocks of this many (a 32 KiB buffer rather than a page's worth). */
const BLOCK = 4096;
type Encoding = Parameters<typeof convertWithDictionary>[2];
type BulkSink = CellSink & Required<Pick<CellSink, "numbers" | "dictionaryStrings">>;

export interface PageColumn {
  col: number;
  /** Timestamps and dates: every present cell is `sink.datetime(Number(v))`. */
  datetime: boolean;
  metadata: ColumnMetaData;
}

/** A column chunk's dictionary: hyparquet's converted values, and the form the sink takes. */
type Dictionary =
  | { kind: "numbers"; raw: DecodedArray; numbers: Float64Array }
  | { kind: "strings"; raw: DecodedArray; strings: string[] }
  | { kind: "other"; raw: DecodedArray };

export class ChunkReader {
  /** The compressed column chunk. */
  private chunk = new Uint8Array(0);
  /** A block of the current page's numbers. */
  private readonly numbers = new Float64Array(BLOCK);
  /** The current page's definition levels and dictionary indices (dictionary-encoded v1 pages). */
  private levels = new Uint8Array(0);
  private indices8 = new Uint8Array(0);
  private indices16 = new Uint16Array(0);
  private indices32 = new Int32Array(0);
  private readonly sink: BulkSink;
  private readonly parsers: ParquetParsers;

  constructor(
    private readonly handle: FileHandle,
    sink: CellSink,
    parsers: Partial<ParquetParsers>,
  ) {
    if (!sink.numbers || !sink.dictionaryStrings) throw new Error("the sink takes no bulk cells");
    this.sink = sink as BulkSink;
    this.parsers = { ...DEFAULT_PARSERS, ...parsers };
  }

  /** Feeds the chunk of `column` in the row group whose first row (0-based) is `groupStart`. */
  async read(
    metadata: FileMetaData,
    column: PageColumn,
    groupStart: number,
    groupRows: number,
  ): Promise<void> {
    const meta = column.metadata;
    const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
    const length = Number(meta.total_compressed_size);
    if (this.chunk.length < length) this.chunk = new Uint8Array(length);
    const bytes = this.chunk;
    for (let done = 0; done < length; ) {
      const { bytesRead } = await this.handle.read(bytes, done, length - done, start + done);
      if (bytesRead === 0) throw new Error(`column chunk ${meta.path_in_schema.join(".")} is truncated`);
      done += bytesRead;
    }
    const schemaPath = getSchemaPath(metadata.schema, meta.path_in_schema);
    const element = (schemaPath[schemaPath.length - 1] as (typeof schemaPath)[number]).element;
    const decoder: Decoder = {
      pathInSchema: meta.path_in_schema,
      type: meta.type,
      element,
      schemaPath,
      codec: meta.codec,
      parsers: this.parsers,
      compressors,
      utf8: true,
    };
    const maxDefinition = getMaxDefinitionLevel(schemaPath);
    const maxRepetition = getMaxRepetitionLevel(schemaPath);
    const reader = { view: new DataView(bytes.buffer, bytes.byteOffset, length), offset: 0 };
    let dictionary: Dictionary | undefined;
    let rows = 0;
    while (rows < groupRows && reader.offset < length - 1) {
      const header = parquetHeader(reader);
      const at = reader.offset;
      reader.offset += header.compressed_page_size;
      const compressed = bytes.subarray(at, at + header.compressed_page_size);
      const size = Number(header.uncompressed_page_size);
      if (header.type === "DICTIONARY_PAGE") {
        const diph = header.dictionary_page_header;
        if (!diph) throw new Error("parquet dictionary page header is undefined");
        const page = decompressPage(compressed, size, meta.codec, compressors);
        const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
        const raw = readPlain({ view, offset: 0 }, meta.type, diph.num_values, element.type_length);
        const numbers = numericDictionary(raw, element, this.parsers);
        dictionary = numbers
          ? { kind: "numbers", raw: numbers, numbers }
          : prepare(convert(raw, decoder), column.datetime);
      } else if (header.type === "DATA_PAGE") {
        const daph = header.data_page_header;
        if (!daph) throw new Error("parquet data page header is undefined");
        const page = decompressPage(compressed, size, meta.codec, compressors);
        const n = daph.num_values;
        const { definitionLevels, dataPage } =
          dictionary &&
          daph.encoding.endsWith("_DICTIONARY") &&
          maxRepetition === 0 &&
          maxDefinition < 256 &&
          meta.type !== "BOOLEAN"
            ? this.readIndices(page, n, maxDefinition)
            : readDataPage(page, daph, decoder);
        this.feedPage(
          column,
          daph.encoding,
          dataPage,
          definitionLevels,
          maxDefinition,
          n,
          dictionary,
          decoder,
          groupStart + rows + 1,
        );
        rows += n;
      } else if (header.type === "DATA_PAGE_V2") {
        const daph2 = header.data_page_header_v2;
        if (!daph2) throw new Error("parquet data page header v2 is undefined");
        const { definitionLevels, dataPage } = readDataPageV2(compressed, header, decoder);
        const n = daph2.num_rows;
        this.feedPage(
          column,
          daph2.encoding,
          dataPage,
          definitionLevels,
          maxDefinition,
          n,
          dictionary,
          decoder,
          groupStart + rows + 1,
        );
        rows += n;
      }
      // Index pages carry no values.
    }
    if (rows !== groupRows) {
      throw new Error(
        `column ${meta.path_in_schema.join(".")} has ${rows} rows where the row group has ${groupRows}`,
      );
    }
  }

  /** One data page of `n` rows, the first being row `firstRow` (1-based). */
  private feedPage(
    column: PageColumn,
    encoding: Encoding,
    data: DecodedArray | Uint16Array,
    definitionLevels: ArrayLike<number> | undefined,
    maxDefinition: number,
    n: number,
    dictionary: Dictionary | undefined,
    decoder: Decoder,
    firstRow: number,
  ): void {
    const sink = this.sink;
    const col = column.col;
    // hyparquet leaves the levels empty when no cell of the page is null.
    const levels =
      definitionLevels !== undefined && definitionLevels.length > 0 ? definitionLevels : undefined;
    const present = data.length;
    if (present !== (levels ? countPresent(levels, maxDefinition) : n)) {
      throw new Error(`a page has ${present} values for ${n} rows`);
    }
    if (dictionary && dictionary.kind !== "other" && encoding.endsWith("_DICTIONARY")) {
      const size = dictionary.kind === "numbers" ? dictionary.numbers.length : dictionary.strings.length;
      for (let i = 0; i < present; i++) {
        if ((data[i] as number) >= size) throw new Error(`dictionary index ${data[i]} out of range`);
      }
      if (dictionary.kind === "numbers") {
        const block = this.numbers;
        const numbers = dictionary.numbers;
        forRuns(sink, col, levels, maxDefinition, n, firstRow, (from, to, row) => {
          for (let b = from; b < to; b += BLOCK) {
            const end = Math.min(to, b + BLOCK);
            for (let i = b; i < end; i++) block[i - b] = numbers[data[i] as number] as number;
            sink.numbers(col, block, 0, end - b, column.datetime, row + b - from);
          }
        });
      } else {
        const strings = dictionary.strings;
        const indices = data as ArrayLike<number>;
        forRuns(sink, col, levels, maxDefinition, n, firstRow, (from, to, row) =>
          sink.dictionaryStrings(col, strings, indices, from, to, row),
        );
      }
      return;
    }
    const values = convertWithDictionary(data as DecodedArray, dictionary?.raw, encoding, decoder);
    if (isNumeric(values)) {
      const block = this.numbers;
      forRuns(sink, col, levels, maxDefinition, n, firstRow, (from, to, row) => {
        for (let b = from; b < to; b += BLOCK) {
          const end = Math.min(to, b + BLOCK);
          for (let i = b; i < end; i++) block[i - b] = Number(values[i]);
          sink.numbers(col, block, 0, end - b, column.datetime, row + b - from);
        }
      });
      return;
    }
    // Anything else (booleans, plain strings, bytes, JSON…): one cell at a time, as before.
    forRuns(sink, col, levels, maxDefinition, n, firstRow, (from, to, row) => {
      for (let i = from; i < to; i++) {
        const v = values[i];
        if (!column.datetime) feed(sink, col, v, row + i - from);
        else if (v === null || v === undefined) sink.missing(col, row + i - from);
        else sink.datetime(col, Number(v), row + i - from);
      }
    });
  }

  /**
   * hyparquet's `readDataPage` for a dictionary-encoded v1 page of a flat column, into reused
   * arrays instead of two JS arrays per page (which outlive a scavenge and then wait in old space
   * for a full collection): the definition levels (RLE, length-prefixed) and the dictionary indices
   * (a bit width byte, then RLE/bit-packed), both decoded by hyparquet's `readRleBitPackedHybrid`.
   * The arrays are as narrow as the bit widths allow (a level is 0 or 1 in a flat column).
   */
  private readIndices(
    page: Uint8Array,
    n: number,
    maxDefinition: number,
  ): { definitionLevels: Uint8Array | undefined; dataPage: Uint8Array | Uint16Array | Int32Array } {
    const reader = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
    let present = n;
    let definitionLevels: Uint8Array | undefined;
    if (maxDefinition > 0) {
      if (this.levels.length < n) this.levels = new Uint8Array(n);
      definitionLevels = this.levels.subarray(0, n);
      readRleBitPackedHybrid(reader, 32 - Math.clz32(maxDefinition), definitionLevels);
      present = countPresent(definitionLevels, maxDefinition);
      if (present === n) definitionLevels = undefined;
    }
    const width = reader.view.getUint8(reader.offset++);
    let dataPage: Uint8Array | Uint16Array | Int32Array;
    if (width <= 8) {
      if (this.indices8.length < present) this.indices8 = new Uint8Array(present);
      dataPage = this.indices8.subarray(0, present);
    } else if (width <= 16) {
      if (this.indices16.length < present) this.indices16 = new Uint16Array(present);
      dataPage = this.indices16.subarray(0, present);
    } else {
      if (this.indices32.length < present) this.indices32 = new Int32Array(present);
      dataPage = this.indices32.subarray(0, present);
    }
    if (width === 0) dataPage.fill(0);
    // (typed as hyparquet's DecodedArray, which lists no Uint16Array: it only stores numbers into it)
    else
      readRleBitPackedHybrid(reader, width, dataPage as DecodedArray, reader.view.byteLength - reader.offset);
    return { definitionLevels, dataPage };
  }
}

/** The dictionary as the sink takes it: numbers (timestamps included) or strings, else as is. */
function prepare(raw: DecodedArray, datetime: boolean): Dictionary {
  if (isNumeric(raw)) {
    const numbers = new Float64Array(raw.length);
    for (let i = 0; i < numbers.length; i++) numbers[i] = Number(raw[i]);
    return { kind: "numbers", raw, numbers };
  }
  if (!datetime && Array.isArray(raw) && raw.every((v) => typeof v === "string")) {
    return { kind: "strings", raw, strings: raw as string[] };
  }
  return { kind: "other", raw };
}

type SchemaElement = Decoder["element"];

/**
 * A numeric dictionary (INT32, INT64, FLOAT, DOUBLE) straight into a Float64Array: what hyparquet's
 * `convert` and then `Number` make of each value, without `convert`'s intermediate JS arrays (for
 * timestamps `Array.from` of a BigInt64Array, then `map`: a heap BigInt and a heap number per entry,
 * all alive at once, so they outlive scavenges and pile up in old space, chunk after chunk, until a
 * full collection — the Parquet path's heap then grew with the number of row groups). A value is
 * made and dropped one at a time here. `undefined` where `convert` would do anything else
 * (decimals, unsigned, float16, JSON…) or a parser returns something that is not a number.
 */
function numericDictionary(
  raw: DecodedArray,
  element: SchemaElement,
  parsers: ParquetParsers,
): Float64Array | undefined {
  const isInt64 = raw instanceof BigInt64Array;
  if (
    !isInt64 &&
    !(raw instanceof Int32Array || raw instanceof Float32Array || raw instanceof Float64Array)
  ) {
    return undefined;
  }
  const ctype = element.converted_type;
  const ltype = element.logical_type;
  // hyparquet's convert, in its order, for these physical types.
  let parse: ((v: bigint | number) => unknown) | undefined;
  if (ctype === "DECIMAL") return undefined;
  if (ctype === "DATE") parse = parsers.dateFromDays as (v: bigint | number) => unknown;
  else if (ctype === "TIMESTAMP_MILLIS")
    parse = parsers.timestampFromMilliseconds as (v: bigint | number) => unknown;
  else if (ctype === "TIMESTAMP_MICROS")
    parse = parsers.timestampFromMicroseconds as (v: bigint | number) => unknown;
  else if (
    ctype === "JSON" ||
    ctype === "BSON" ||
    ctype === "INTERVAL" ||
    ctype === "UTF8" ||
    ctype === "UINT_64" ||
    ctype === "UINT_32" ||
    ltype?.type === "GEOMETRY" ||
    ltype?.type === "GEOGRAPHY" ||
    ltype?.type === "UUID" ||
    ltype?.type === "STRING" ||
    (ltype?.type === "INTEGER" && !ltype.isSigned && (ltype.bitWidth === 64 || ltype.bitWidth === 32)) ||
    ltype?.type === "FLOAT16"
  ) {
    return undefined;
  } else if (ltype?.type === "TIMESTAMP") {
    const unit = ltype.unit;
    parse = (
      unit === "MICROS"
        ? parsers.timestampFromMicroseconds
        : unit === "NANOS"
          ? parsers.timestampFromNanoseconds
          : parsers.timestampFromMilliseconds
    ) as (v: bigint | number) => unknown;
  }
  const n = raw.length;
  const out = new Float64Array(n);
  if (parse) {
    for (let i = 0; i < n; i++) {
      const v = parse(raw[i] as bigint | number);
      if (typeof v === "number") out[i] = v;
      else if (typeof v === "bigint") out[i] = Number(v);
      else return undefined;
    }
  } else if (isInt64) {
    // Number(bigint) without a BigInt: the exact value is hi·2³² + lo, both terms exact doubles,
    // so the one rounding of their sum is Number's (round to nearest, ties to even).
    const halves = new Int32Array(raw.buffer, raw.byteOffset, n * 2);
    for (let i = 0; i < n; i++) {
      out[i] = (halves[2 * i + 1] as number) * 4294967296 + ((halves[2 * i] as number) >>> 0);
    }
  } else out.set(raw as Int32Array | Float32Array | Float64Array);
  return out;
}

/** Every value a number or a bigint (what the per-cell path would hand over as a number). */
function isNumeric(values: DecodedArray): boolean {
  if (!Array.isArray(values)) return true; // typed arrays
  for (const v of values) if (typeof v !== "number" && typeof v !== "bigint") return false;
  return true;
}

function countPresent(levels: ArrayLike<number>, maxDefinition: number): number {
  let present = 0;
  for (let i = 0; i < levels.length; i++) if (levels[i] === maxDefinition) present++;
  return present;
}

/**
 * Splits a page of `n` rows into runs of present cells: `run(from, to, row)` for values
 * `[from, to)`, the first on row `row`; a null cell is `sink.missing` in its place.
 */
function forRuns(
  sink: CellSink,
  col: number,
  levels: ArrayLike<number> | undefined,
  maxDefinition: number,
  n: number,
  firstRow: number,
  run: (from: number, to: number, row: number) => void,
): void {
  if (levels === undefined) {
    if (n > 0) run(0, n, firstRow);
    return;
  }
  let value = 0;
  let r = 0;
  while (r < n) {
    if (levels[r] !== maxDefinition) {
      sink.missing(col, firstRow + r);
      r++;
      continue;
    }
    const startRow = r;
    const startValue = value;
    while (r < n && levels[r] === maxDefinition) {
      r++;
      value++;
    }
    run(startValue, value, firstRow + startRow);
  }
}

/**
 * One cell as the sink takes it: numbers, booleans and Dates typed, bytes as base64, the rest
 * (lists, structs, maps) as JSON text, with bigints as numbers and bytes as base64 inside it too.
 */
export function feed(sink: CellSink, col: number, v: unknown, row: number): void {
  if (v === null || v === undefined) sink.missing(col, row);
  else if (typeof v === "number" || typeof v === "boolean" || v instanceof Date) sink.typed(col, v, row);
  else if (typeof v === "bigint") sink.typed(col, Number(v), row);
  else if (typeof v === "string") sink.string(col, v, row);
  else if (v instanceof Uint8Array) sink.string(col, base64(v), row);
  else sink.string(col, JSON.stringify(v, jsonValue), row);
}

function jsonValue(_key: string, x: unknown): unknown {
  if (typeof x === "bigint") return Number(x);
  return x instanceof Uint8Array ? base64(x) : x;
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

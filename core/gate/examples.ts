/**
 * Per-example results (the run's `examples`, e.g. predictions.csv `id,label,prediction,probability`)
 * and their pairing: the candidate's and the baseline's rows matched by `id`, so significance tests
 * compare the two models on the same examples.
 *
 * A table is held in typed arrays (examples-column.ts, examples-ids.ts): interned codes for columns
 * of few distinct values (labels, predictions), a Float64Array for a column of many numbers (a
 * per-example loss), ids as bytes. Files are streamed (examples-csv.ts), never held whole.
 */
import { UsageError } from "../errors.js";
import { type ByteInterner, decode, ExampleColumn, grow, trimEnd, trimStart } from "./examples-column.js";
import { scanCsvBytes, scanCsvFile } from "./examples-csv.js";
import { ExampleIds } from "./examples-ids.js";

/** Per-example files can be large but not unbounded: they may come from a fork's artifact. */
export const MAX_EXAMPLES_BYTES = 256 * 1024 * 1024;

export class ExampleTable {
  constructor(
    readonly file: string,
    /** Header names, trimmed, `id` included. */
    readonly names: readonly string[],
    readonly rows: number,
    readonly ids: ExampleIds,
    /** Every column but `id`, by name. */
    readonly columns: ReadonlyMap<string, ExampleColumn>,
    private readonly lines: Int32Array,
  ) {}

  /** Row i's id (trimmed). */
  id(i: number): string {
    return this.ids.id(i);
  }

  /** The line row i starts on (the header is line 1), for errors. */
  line(i: number): number {
    return this.lines[i] as number;
  }

  has(column: string): boolean {
    return this.columns.has(column);
  }

  /** A column's cells as text, row order (ids trimmed; numbers of a numeric column in shortest form). For tests and messages. */
  cells(column: string): string[] | undefined {
    if (column === "id" && this.names.includes("id"))
      return Array.from({ length: this.rows }, (_, i) => this.id(i));
    const c = this.columns.get(column);
    return c && Array.from({ length: this.rows }, (_, i) => c.text(i));
  }

  /** Every row's line, for tests. */
  allLines(): number[] {
    return Array.from(this.lines.subarray(0, this.rows));
  }
}

/** Parses per-example results held as text (tests, small inputs); `chunk` sizes the scanner's reads. */
export function parseExamples(text: string, file: string, opts: { chunk?: number } = {}): ExampleTable {
  const bytes = Buffer.from(text);
  if (bytes.length > MAX_EXAMPLES_BYTES) {
    throw new UsageError(`${file} is larger than ${MAX_EXAMPLES_BYTES / 1024 / 1024} MiB`, {
      hint: "Per-example results hold one short row per evaluation example",
    });
  }
  const builder = new TableBuilder(file);
  scanCsvBytes(bytes, file, builder, opts.chunk);
  return builder.finish();
}

/** Reads per-example results from a file, streamed (its size is checked by the caller). */
export function readExamplesFile(path: string, file: string): ExampleTable {
  const builder = new TableBuilder(file);
  scanCsvFile(path, file, MAX_EXAMPLES_BYTES, builder);
  return builder.finish();
}

/** A byte that is printable ASCII, never whitespace to trim. */
function plain(byte: number): boolean {
  return byte > 0x20 && byte < 0x7f;
}

/** The scanner's sink: the header, then each row into the id store and the columns. */
class TableBuilder {
  private names: string[] | null = null;
  private idAt = -1;
  private columns: Array<ExampleColumn | null> = [];
  private readonly ids = new ExampleIds();
  private lines = new Int32Array(1024);
  private rows = 0;

  constructor(private readonly file: string) {}

  record(bytes: Buffer, starts: Int32Array, ends: Int32Array, count: number, line: number): void {
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
        `${this.file}:${line}: ${count} cells, but the header has ${names.length} (${names.join(",")})`,
      );
    }
    let s = starts[this.idAt] as number;
    let e = ends[this.idAt] as number;
    // Only a cell that starts or ends with a space or a non-ASCII byte can need trimming.
    if (s < e && (!plain(bytes[s] as number) || !plain(bytes[e - 1] as number))) {
      s = trimStart(bytes, s, e);
      e = trimEnd(bytes, s, e);
    }
    if (s === e) throw new UsageError(`${this.file}:${line}: id is empty`);
    const earlier = this.ids.add(bytes, s, e);
    if (earlier >= 0) {
      throw new UsageError(
        `${this.file}:${line}: id ${JSON.stringify(decode(bytes, s, e))} repeats line ${this.lines[earlier]}`,
      );
    }
    const row = this.rows++;
    if (row === this.lines.length) this.lines = grow(this.lines, row * 2);
    this.lines[row] = line;
    const columns = this.columns;
    for (let k = 0; k < count; k++) columns[k]?.add(bytes, starts[k] as number, ends[k] as number);
  }

  private header(bytes: Buffer, starts: Int32Array, ends: Int32Array, count: number): void {
    const names = Array.from({ length: count }, (_, k) =>
      decode(bytes, starts[k] as number, ends[k] as number).trim(),
    );
    this.idAt = names.indexOf("id");
    if (this.idAt < 0) {
      throw new UsageError(`${this.file}:1: the header has no id column (it has ${names.join(", ")})`, {
        hint: "Per-example results need an id per example to pair the candidate with the baseline",
      });
    }
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup !== undefined)
      throw new UsageError(`${this.file}:1: column ${JSON.stringify(dup)} appears twice`);
    this.names = names;
    this.columns = names.map((n, k) => (k === this.idAt ? null : new ExampleColumn(n)));
  }

  private empty(): never {
    throw new UsageError(`${this.file} is empty`, {
      hint: "Expected a CSV header such as id,label,prediction",
    });
  }

  finish(): ExampleTable {
    if (this.names === null) this.empty();
    if (this.rows === 0) {
      throw new UsageError(`${this.file} has a header but no rows`, {
        hint: "The trainer wrote no per-example results; check its evaluation set",
      });
    }
    this.ids.finish();
    const columns = new Map<string, ExampleColumn>();
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
      this.lines.slice(0, this.rows),
    );
  }
}

/**
 * The two tables aligned: row i of the candidate is row `baselineRow[i]` of the baseline, or row i
 * itself when `baselineRow` is null (both files list the same ids in the same order).
 */
export interface PairedExamples {
  candidate: ExampleTable;
  baseline: ExampleTable;
  baselineRow: Int32Array | null;
}

/** Pairs by id, or says why the runs cannot be compared example by example. */
export function pairExamples(candidate: ExampleTable, baseline: ExampleTable): PairedExamples | string {
  const n = candidate.rows;
  let baselineRow: Int32Array | null = null;
  // perf: examples-same-order — the same ids in the same order pair without a lookup (the common case).
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
      const first =
        firstMissing >= 0
          ? unmatched(candidate, firstMissing, baseline)
          : unmatched(baseline, matched.indexOf(0), candidate);
      return `the runs were evaluated on different examples (${counts}): ${first}`;
    }
  }
  const disagree = firstLabelDisagreement(candidate, baseline, baselineRow);
  if (disagree >= 0) {
    return `the runs disagree on the label of example ${candidate.id(disagree)} (${candidate.file}:${candidate.line(disagree)}), so they were evaluated on different data`;
  }
  return { candidate, baseline, baselineRow };
}

function unmatched(table: ExampleTable, row: number, other: ExampleTable): string {
  return `id ${JSON.stringify(table.id(row))} (${table.file}:${table.line(row)}) is not in ${other.file}`;
}

/**
 * The first candidate row whose label differs from its baseline row's (trimmed text; two columns of
 * numbers compare as numbers, so 1 and 1.0 agree there), or -1.
 */
function firstLabelDisagreement(c: ExampleTable, b: ExampleTable, baselineRow: Int32Array | null): number {
  const cl = c.columns.get("label");
  const bl = b.columns.get("label");
  if (!cl || !bl) return -1;
  const n = c.rows;
  if (cl.numbers && bl.numbers) {
    const x = cl.numbers;
    const y = bl.numbers;
    for (let i = 0; i < n; i++) if (x[i] !== y[baselineRow ? (baselineRow[i] as number) : i]) return i;
    return -1;
  }
  const classes = new ClassSpace();
  if (cl.codes && bl.codes) {
    // Codes through class maps: no per-row array.
    const xm = classes.mapOf(cl.dictionary as ByteInterner);
    const ym = classes.mapOf(bl.dictionary as ByteInterner);
    const xc = cl.codes;
    const yc = bl.codes;
    for (let i = 0; i < n; i++) {
      const j = baselineRow ? (baselineRow[i] as number) : i;
      if (xm[xc[i] as number] !== ym[yc[j] as number]) return i;
    }
    return -1;
  }
  const x = classes.codesOf(cl);
  const y = classes.codesOf(bl);
  for (let i = 0; i < n; i++) if (x[i] !== y[baselineRow ? (baselineRow[i] as number) : i]) return i;
  return -1;
}

/**
 * Classes shared by several columns: each distinct trimmed cell text gets one class id, so a label
 * column and two prediction columns agree on what class 3 is.
 */
export class ClassSpace {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];

  /** The class of each of the column's rows. */
  codesOf(column: ExampleColumn): Int32Array {
    const out = new Int32Array(column.rows);
    if (column.numbers) {
      // Few classification columns get here (thousands of distinct numeric labels): classes by value.
      const v = column.numbers;
      for (let i = 0; i < column.rows; i++) out[i] = this.classOf(String(v[i]));
      return out;
    }
    const map = this.mapOf(column.dictionary as ByteInterner);
    const codes = column.codes as NonNullable<ExampleColumn["codes"]>;
    for (let i = 0; i < column.rows; i++) out[i] = map[codes[i] as number] as number;
    return out;
  }

  /** A dictionary's codes → class ids. */
  mapOf(dictionary: ByteInterner): Int32Array {
    return Int32Array.from(dictionary.strings, (s) => this.classOf(s.trim()));
  }

  classOf(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }

  get size(): number {
    return this.names.length;
  }
}

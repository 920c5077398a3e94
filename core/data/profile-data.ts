/**
 * Profiles data in one streaming pass into profile.json (`kiln.profile/v1`): per column exact
 * counts and moments plus mergeable sketches. Shards profile parts of a file; merging their
 * profiles equals one pass (exact fields exactly, sketches within their bounds).
 */
import { UsageError } from "../errors.js";
import {
  type ColumnChecks,
  type ColumnJson,
  ColumnProfile,
  columnFromJSON,
  type Example,
  type Finding,
  MAX_EXAMPLES,
  mergeColumn,
} from "./column.js";
import { type DataFormat, readData } from "./readers/index.js";
import type { CellSink, ReadOptions, Shard } from "./readers/sink.js";

export interface ProfileJson {
  schema: "kiln.profile/v1";
  rows: number;
  source: { path: string; format: DataFormat; shard?: string };
  parse_errors: Finding;
  columns: ColumnJson[];
}

/** A profile in memory: the columns with live sketches, ready for drift tests or merging. */
export interface DataProfile {
  rows: number;
  source: ProfileJson["source"];
  parseErrors: Finding;
  columns: ColumnProfile[];
}

class ProfileBuilder implements CellSink {
  readonly columns: ColumnProfile[] = [];
  private readonly index = new Map<string, number>();
  private stamps = new Int32Array(16);
  private sparse = false;
  rows = 0;
  readonly parseErrors: Finding = { count: 0, examples: [] };

  constructor(private readonly checks: Readonly<Record<string, ColumnChecks>>) {}

  header(names: readonly string[]): void {
    for (const name of names) this.add(name);
  }

  column(name: string): number {
    this.sparse = true;
    const known = this.index.get(name);
    if (known !== undefined) return known;
    const col = this.add(name);
    // A key first seen at row r was missing in the rows before it.
    const c = this.columns[col] as ColumnProfile;
    c.count += this.rows;
    c.missing += this.rows;
    return col;
  }

  private add(name: string): number {
    const col = this.columns.length;
    this.columns.push(new ColumnProfile(name, this.checks[name] ?? {}, col + 1));
    this.index.set(name, col);
    if (col >= this.stamps.length) {
      const s = new Int32Array(this.stamps.length * 2);
      s.set(this.stamps);
      this.stamps = s;
    }
    return col;
  }

  bytes(col: number, buf: Uint8Array, start: number, end: number, row: number): void {
    (this.columns[col] as ColumnProfile).addBytes(buf, start, end, row);
  }

  records(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    rows: Float64Array,
    count: number,
    width: number,
    parsed?: Float64Array | null,
    kinds?: Uint8Array,
  ): void {
    // Column by column: each column's cells in one loop (the same updates, in the same order, as
    // `bytes` per cell). Only CSV feeds records, and only after a header, so no row is sparse.
    const columns = this.columns;
    if (this.sparse || width !== columns.length) {
      for (let r = 0; r < count; r++) {
        const row = rows[r] as number;
        for (let c = 0; c < width; c++) {
          const i = r * width + c;
          this.bytes(c, buf, starts[i] as number, ends[i] as number, row);
        }
        this.endRow();
      }
      return;
    }
    for (let c = 0; c < width; c++)
      (columns[c] as ColumnProfile).addCells(
        buf,
        starts,
        ends,
        c,
        width,
        rows,
        count,
        parsed && kinds ? (kinds[c] as number) : 0,
        parsed,
      );
    this.rows += count;
  }

  string(col: number, value: string, row: number): void {
    this.stamps[col] = this.rows + 1;
    (this.columns[col] as ColumnProfile).addString(value, row);
  }

  typed(col: number, value: number | boolean | Date, row: number): void {
    this.stamps[col] = this.rows + 1;
    (this.columns[col] as ColumnProfile).addTyped(value, row);
  }

  datetime(col: number, ms: number, row: number): void {
    this.stamps[col] = this.rows + 1;
    (this.columns[col] as ColumnProfile).addDatetime(ms, row);
  }

  missing(col: number): void {
    this.stamps[col] = this.rows + 1;
    (this.columns[col] as ColumnProfile).missingCell();
  }

  numbers(
    col: number,
    values: Float64Array,
    from: number,
    to: number,
    datetime: boolean,
    firstRow: number,
  ): void {
    this.stamps[col] = this.rows + 1;
    (this.columns[col] as ColumnProfile).addNumberRun(values, from, to, datetime, firstRow);
  }

  dictionaryStrings(
    col: number,
    dictionary: readonly string[],
    indices: ArrayLike<number>,
    from: number,
    to: number,
    firstRow: number,
  ): void {
    this.stamps[col] = this.rows + 1;
    (this.columns[col] as ColumnProfile).addDictionaryStrings(dictionary, indices, from, to, firstRow);
  }

  endRows(count: number): void {
    this.rows += count;
  }

  endRow(): void {
    this.rows++;
    if (!this.sparse) return;
    for (let c = 0; c < this.columns.length; c++) {
      if (this.stamps[c] !== this.rows) (this.columns[c] as ColumnProfile).missingCell();
    }
  }

  parseError(row: number, message: string, value?: string): void {
    this.parseErrors.count++;
    if (this.parseErrors.examples.length < MAX_EXAMPLES) {
      this.parseErrors.examples.push({
        row,
        value: value === undefined ? message : { message, text: value },
      });
    }
  }
}

export interface ProfileOptions extends ReadOptions {
  checks?: Readonly<Record<string, ColumnChecks>>;
  /**
   * false: readers feed every cell on its own (`bytes`, `typed`, `string`…) instead of in bulk
   * (`records` for CSV; `numbers` and `dictionaryStrings` for Parquet, which then also decodes
   * through hyparquet's own row reader). The two give identical profiles; the per-cell path is the
   * reference the tests hold the bulk one to.
   */
  bulk?: boolean;
}

export async function profileData(path: string, opts: ProfileOptions = {}): Promise<DataProfile> {
  const builder = new ProfileBuilder(opts.checks ?? {});
  const result = await readData(path, opts.bulk === false ? cellByCell(builder) : builder, opts);
  return {
    rows: builder.rows,
    source: { path, format: result.format, ...(opts.shard ? { shard: formatShard(opts.shard) } : {}) },
    parseErrors: builder.parseErrors,
    columns: builder.columns,
  };
}

/** The builder without its bulk entry point: readers then feed it cell by cell. */
function cellByCell(builder: ProfileBuilder): CellSink {
  return {
    header: (names) => builder.header(names),
    column: (name) => builder.column(name),
    bytes: (col, buf, start, end, row) => builder.bytes(col, buf, start, end, row),
    string: (col, value, row) => builder.string(col, value, row),
    typed: (col, value, row) => builder.typed(col, value, row),
    datetime: (col, ms, row) => builder.datetime(col, ms, row),
    missing: (col) => builder.missing(col),
    endRow: () => builder.endRow(),
    endRows: (count) => builder.endRows(count),
    parseError: (row, message, value) => builder.parseError(row, message, value),
  };
}

/** profile.json for a data file. */
export async function profilePath(path: string, opts: ProfileOptions = {}): Promise<ProfileJson> {
  return profileToJSON(await profileData(path, opts));
}

export function profileToJSON(p: DataProfile): ProfileJson {
  return {
    schema: "kiln.profile/v1",
    rows: p.rows,
    source: p.source,
    parse_errors: p.parseErrors,
    columns: p.columns.map((c) => c.toJSON()),
  };
}

/** Live sketches from profile.json already parsed (and checked, where it came from outside). */
export function profileFromJSONObject(json: ProfileJson): DataProfile {
  return {
    rows: json.rows,
    source: json.source,
    parseErrors: json.parse_errors ?? { count: 0, examples: [] },
    columns: json.columns.map(columnFromJSON),
  };
}

/**
 * profile.json text this process wrote itself (a profile worker's): read without the schema check
 * (profile-load.ts), which would load the schema library on the path every `kiln validate` waits on.
 */
export function profileFromOwnJSON(text: string): DataProfile {
  return profileFromJSONObject(JSON.parse(text) as ProfileJson);
}

/** Merges shard profiles of one dataset; columns are matched by name, in first-seen order. */
export function mergeProfiles(profiles: readonly DataProfile[]): DataProfile {
  const first = profiles[0];
  if (!first) throw new UsageError("no profiles to merge");
  const columns = new Map<string, ColumnProfile>();
  let rows = 0;
  const errors: Example[] = [];
  let errorCount = 0;
  for (const p of profiles) {
    // Columns a shard never saw were missing in all of its rows.
    for (const [name, c] of columns) if (!p.columns.some((x) => x.name === name)) padMissing(c, p.rows);
    for (const c of p.columns) {
      const into = columns.get(c.name);
      if (into) mergeColumn(into, c);
      else {
        const fresh = new ColumnProfile(c.name, c.checks);
        padMissing(fresh, rows);
        mergeColumn(fresh, c);
        columns.set(c.name, fresh);
      }
    }
    rows += p.rows;
    errorCount += p.parseErrors.count;
    errors.push(...p.parseErrors.examples);
  }
  errors.sort((a, b) => a.row - b.row);
  return {
    rows,
    source: { path: first.source.path, format: first.source.format },
    parseErrors: { count: errorCount, examples: errors.slice(0, MAX_EXAMPLES) },
    columns: [...columns.values()],
  };
}

function padMissing(c: ColumnProfile, rows: number): void {
  c.count += rows;
  c.missing += rows;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard ${JSON.stringify(text)} is not a shard`, {
      hint: "Write i/n with 1 ≤ i ≤ n, e.g. 2/4",
    });
  }
  return { index: index - 1, count };
}

function formatShard(s: Shard): string {
  return `${s.index + 1}/${s.count}`;
}

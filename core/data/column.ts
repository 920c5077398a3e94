/**
 * One column's accumulator: every cell updates exact counts and moments and the mergeable
 * sketches; the column's type is decided at the end from what its cells turned out to be (or
 * pinned by the schema, which users need when numeric-looking codes are really categories).
 *
 * Around it: its bulk paths over whole batches of cells (column-bulk.ts) and the caches that
 * count repeated cells (column-caches.ts), the exact distribution of its numbers
 * (exact-distribution.ts), its part of profile.json, read back and merged (column-json.ts). This
 * module re-exports what the rest of kiln imports of them.
 */
import { mayStartNumber } from "./bytes.js";
import { ColumnBulk } from "./column-bulk.js";
import {
  countEntry,
  INTERN_LIMIT,
  INTERN_SLOTS,
  type Interned,
  internCell,
  sameBytes,
} from "./column-caches.js";
import {
  type ColumnJson,
  type ColumnType,
  columnToJSON,
  type Example,
  type Finding,
  type KindCounts,
  MAX_EXAMPLES,
  restoreColumn,
} from "./column-json.js";
import { type Distribution, ExactDistribution } from "./exact-distribution.js";
import { FrequentItems, type Item } from "./sketches/frequent.js";
import { hashBytes, hashNumber, hashString } from "./sketches/hash.js";
import { HyperLogLog } from "./sketches/hll.js";
import { KllSketch } from "./sketches/kll.js";
import { Moments } from "./sketches/moments.js";
import { type Classified, classify, Kind, latin1, parseDatetimeBytes, parseNumberBytes } from "./values.js";

export {
  type ColumnJson,
  type ColumnType,
  type Example,
  type Finding,
  type KindCounts,
  MAX_EXAMPLES,
  mergeColumn,
} from "./column-json.js";
export type { Distribution } from "./exact-distribution.js";
export type { Item };

/** Value-level checks from the schema, evaluated during the scan so anomalies name their rows. */
export interface ColumnChecks {
  type?: ColumnType;
  domain?: ReadonlySet<string>;
  min?: number;
  max?: number;
}

export class ColumnProfile {
  count = 0;
  missing = 0;
  readonly kinds: KindCounts = { number: 0, datetime: 0, boolean: 0, string: 0, non_finite: 0 };
  stringLengthSum = 0;
  readonly moments = new Moments();
  readonly kll: KllSketch;
  // perf: lazy-quantiles — few distinct numbers never fill the sketch, and get exact quantiles.
  /**
   * The quantile sketch is filled lazily: while the frequent items are exact they hold every number
   * with its count, which gives exact quantiles and exact drift statistics; at the first purge the
   * numbers are replayed into the sketch, which takes over.
   */
  kllMaterialized = false;
  readonly hll = new HyperLogLog();
  readonly frequent = new FrequentItems();
  /** How many exact frequent items distinctSketch() last added to the HLL (-1: none yet). */
  private hllHoldsItems = -1;
  notNumeric: Example[] = [];
  nonFinite: Example[] = [];
  readonly findings = new Map<string, Finding>();
  /** No schema check applies to this column's strings (the common case: a fast path). */
  readonly unchecked: boolean;
  /** No schema check applies at all: the bulk paths may update the column (see `batches`). */
  private readonly bulk: boolean;
  // Interned CSV cells by hashBytes (addInterned). Two fields read there, not a class in
  // column-caches.ts like the bulk paths' caches: behind one more object, the per-cell path (the
  // columns with schema checks) ran about 0.5% more instructions.
  private readonly intern = new Map<number, Interned>();
  private readonly slots: Array<Interned | undefined> = new Array(INTERN_SLOTS).fill(undefined);
  /** The bulk paths (addCells, addNumberRun, addDictionaryStrings) and their caches. */
  private readonly batches = new ColumnBulk();
  private exactDistribution: ExactDistribution | undefined;

  constructor(
    readonly name: string,
    readonly checks: ColumnChecks = {},
    seed = 1,
  ) {
    // perf: fields-change-once — optimised loops that read kllMaterialized survive the first purge.
    // Changed once here so V8 does not treat it as a constant (see FrequentItems' constructor).
    this.kllMaterialized = true;
    this.kllMaterialized = false;
    this.kll = new KllSketch(seed);
    this.unchecked = checks.type === undefined && checks.domain === undefined;
    this.bulk = this.unchecked && checks.min === undefined && checks.max === undefined;
    // perf: lazy-hll — a column whose frequent items stay exact never hashes a value per cell.
    // While the frequent items are exact they hold every distinct value, so the HLL is only fed
    // from the first purge on (and caught up then): most columns never pay for hashing.
    this.frequent.beforeFirstPurge = (entries) => {
      for (const [item] of entries) this.hll.add(hashItem(item));
      this.materializeQuantiles(entries);
    };
  }

  missingCell(): void {
    this.count++;
    this.missing++;
  }

  /** A CSV cell: numbers are parsed from the bytes; other cells are interned while they repeat. */
  addBytes(buf: Uint8Array, start: number, end: number, row: number): void {
    if (start === end) {
      this.missingCell();
      return;
    }
    const pinned = this.checks.type;
    if (pinned === undefined || pinned === "numeric") {
      if (mayStartNumber(buf[start] as number)) {
        const x = parseNumberBytes(buf, start, end);
        if (!Number.isNaN(x)) {
          this.count++;
          this.addNumber(x, row, Kind.Number);
          return;
        }
      }
    }
    if ((pinned === undefined || pinned === "datetime") && buf[start + 4] === 45) {
      const t = parseDatetimeBytes(buf, start, end);
      if (!Number.isNaN(t)) {
        this.count++;
        this.addNumber(t, row, Kind.Datetime);
        return;
      }
    }
    this.addInterned(buf, start, end, row);
  }

  /**
   * The cells of column `column` of `count` records (field ranges `starts[r * stride + column]` to
   * `ends[…]`, rows in `rows`): exactly what `addBytes` on each cell in turn does, with runs of
   * numbers gathered and then applied in bulk (moments, exact counts, the quantile sketch).
   */
  addCells(
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    column: number,
    stride: number,
    rows: Float64Array,
    count: number,
    // perf: parsed-while-scanning — a column's numbers, datetimes or short keys come from the scan.
    /**
     * 1, 2: `parsed[i]` is the cell's number or datetime; 3: the key of a short cell that is neither
     * (its length and bytes as one integer, as below) — unless NaN (see CellSink.records).
     */
    parsedKind = 0,
    parsed: Float64Array | null = null,
  ): void {
    if (!this.bulk) {
      for (let r = 0, i = column; r < count; r++, i += stride)
        this.addBytes(buf, starts[i] as number, ends[i] as number, rows[r] as number);
      return;
    }
    this.batches.addCells(this, buf, starts, ends, column, stride, rows, count, parsedKind, parsed);
  }

  /**
   * Numbers of consecutive cells `values[from, to)` of a column-wise reader (Parquet), the first on
   * row `firstRow`: exactly `addDatetime` (datetime) or `addTyped` on each in turn, in bulk.
   */
  addNumberRun(values: Float64Array, from: number, to: number, datetime: boolean, firstRow: number): void {
    if (!this.bulk) {
      for (let i = from; i < to; i++) {
        const x = values[i] as number;
        if (datetime) this.addDatetime(x, firstRow + i - from);
        else this.addTyped(x, firstRow + i - from);
      }
      return;
    }
    this.batches.addNumberRun(this, values, from, to, datetime, firstRow);
  }

  /**
   * Strings of consecutive cells given as indices into a dictionary (a Parquet column chunk's):
   * cell i is `dictionary[indices[i]]` for i in [from, to), the first on row `firstRow`. Exactly
   * `addString` on each in turn; each distinct string is classified and hashed once per dictionary.
   */
  addDictionaryStrings(
    dictionary: readonly string[],
    indices: ArrayLike<number>,
    from: number,
    to: number,
    firstRow: number,
  ): void {
    this.batches.addDictionaryStrings(this, dictionary, indices, from, to, firstRow);
  }

  /** A CSV cell that is not a number: interned while it repeats, then counted (also for ColumnBulk). */
  addInterned(buf: Uint8Array, start: number, end: number, row: number): Interned | undefined {
    const h = hashBytes(buf, start, end);
    // perf: intern-slots — a repeated cell is found with one array read, not a Map lookup.
    // A direct-mapped cache in front of the intern map: most repeated cells resolve with one array read.
    const slot = h & (INTERN_SLOTS - 1);
    let entry = this.slots[slot];
    if (entry === undefined || entry.byteHash !== h || !sameBytes(entry.bytes, buf, start, end)) {
      entry = this.intern.get(h);
      if (entry !== undefined && sameBytes(entry.bytes, buf, start, end)) this.slots[slot] = entry;
      else entry = undefined;
    }
    if (entry === undefined) {
      entry = internCell(buf, start, end, h);
      if (entry === undefined) {
        this.count++;
        this.finding("invalid_utf8", row, latin1(buf, start, Math.min(end, start + 40)));
        return undefined;
      }
      if (this.intern.size < INTERN_LIMIT && !this.intern.has(h)) {
        this.intern.set(h, entry);
        this.slots[slot] = entry;
      }
    }
    // The common case: a repeated category in an unpinned column, counted without a map lookup.
    if (entry.c.kind === Kind.String && this.unchecked) {
      this.count++;
      this.kinds.string++;
      this.stringLengthSum += entry.str.length;
      this.countString(entry, row);
      return entry;
    }
    this.addClassified(entry.str, entry.c, row, entry.hash);
    return entry;
  }

  /**
   * An interned string cell's example, frequent-items count and hash, for addInterned and ColumnBulk
   * (which count the cell, its kind and length themselves).
   */
  countString(entry: Interned, row: number): void {
    if (this.notNumeric.length < MAX_EXAMPLES) this.notNumeric.push({ row, value: entry.str });
    const frequent = this.frequent;
    // perf: cached-counters — a repeated string is counted through its entry's counter, no Map lookup.
    if (entry.generation === frequent.generation) entry.counter.c++;
    else countEntry(entry, frequent);
    if (!frequent.exact) this.hll.add(entry.hash);
  }

  /** A cell that arrived as a string (JSON Lines, Parquet byte arrays). */
  addString(s: string, row: number): void {
    this.addClassified(s, classify(s), row, -1);
  }

  /** A datetime as epoch milliseconds. */
  addDatetime(ms: number, row: number): void {
    this.count++;
    this.addNumber(ms, row, Kind.Datetime);
  }

  /** A cell that arrived typed (JSON numbers and booleans, Parquet numerics and timestamps). */
  addTyped(v: number | boolean | Date, row: number): void {
    if (typeof v === "boolean") {
      this.addClassified(String(v), { kind: v ? Kind.True : Kind.False, value: v ? 1 : 0 }, row, -1);
    } else if (v instanceof Date) {
      this.count++;
      this.addNumber(v.getTime(), row, Kind.Datetime);
    } else if (Number.isFinite(v)) {
      this.count++;
      this.addNumber(v, row, Kind.Number);
    } else {
      this.addClassified(String(v), { kind: Kind.NonFinite, value: v }, row, -1);
    }
  }

  /** A classified cell through the schema's checks (also for ColumnBulk). */
  addClassified(s: string, c: Classified, row: number, hash: number): void {
    const pinned = this.checks.type;
    // A pinned categorical or text column keeps every cell as the string it is ("007" stays "007").
    if ((pinned === "categorical" || pinned === "text") && c.kind !== Kind.Missing) {
      this.count++;
      this.addText(s, row, hash);
      return;
    }
    switch (c.kind) {
      case Kind.Missing:
        this.missingCell();
        return;
      case Kind.Number:
      case Kind.Datetime:
        this.count++;
        this.addNumber(c.value, row, c.kind);
        return;
      case Kind.True:
      case Kind.False:
        this.count++;
        this.kinds.boolean++;
        this.frequent.add(c.kind === Kind.True);
        if (!this.frequent.exact) this.hll.add(hashItem(c.kind === Kind.True));
        if (pinned === "numeric" || pinned === "datetime") this.mismatch(row, s);
        return;
      case Kind.NonFinite:
        this.count++;
        this.kinds.non_finite++;
        if (this.nonFinite.length < MAX_EXAMPLES) this.nonFinite.push({ row, value: s });
        return;
      default:
        this.count++;
        this.addText(s, row, hash);
    }
  }

  private addText(s: string, row: number, hash: number): void {
    this.kinds.string++;
    this.stringLengthSum += s.length;
    this.frequent.add(s);
    if (!this.frequent.exact) this.hll.add(hash === -1 ? hashString(s) : hash);
    if (this.notNumeric.length < MAX_EXAMPLES) this.notNumeric.push({ row, value: s });
    const checks = this.checks;
    if (checks.type === "numeric" || checks.type === "datetime" || checks.type === "boolean")
      this.mismatch(row, s);
    if (checks.domain && !checks.domain.has(s)) this.finding("unexpected_category", row, s);
  }

  private addNumber(x: number, row: number, kind: Kind.Number | Kind.Datetime): void {
    if (kind === Kind.Number) this.kinds.number++;
    else this.kinds.datetime++;
    this.moments.add(x);
    if (this.kllMaterialized) {
      this.kll.add(x);
      if (!this.frequent.exact) this.hll.add(hashNumber(x));
    } else {
      // May purge, which replays every number so far (this one included) into the sketch.
      this.frequent.add(x);
    }
    const checks = this.checks;
    if (checks.type !== undefined) {
      const fits =
        checks.type === "datetime"
          ? kind === Kind.Datetime
          : checks.type === "numeric" || (checks.type === "boolean" && (x === 0 || x === 1));
      if (!fits) {
        this.mismatch(row, x);
      }
    }
    if ((checks.min !== undefined && x < checks.min) || (checks.max !== undefined && x > checks.max)) {
      this.finding("out_of_range", row, kind === Kind.Datetime ? new Date(x).toISOString() : x);
    }
  }

  private mismatch(row: number, value: unknown): void {
    this.finding("type_mismatch", row, value);
  }

  finding(kind: string, row: number, value: unknown): void {
    let f = this.findings.get(kind);
    if (!f) {
      f = { count: 0, examples: [] };
      this.findings.set(kind, f);
    }
    f.count++;
    if (f.examples.length < MAX_EXAMPLES) f.examples.push({ row, value });
  }

  /** Moves the exact numbers into the quantile sketch (once); later numbers go there directly. */
  materializeQuantiles(entries: Iterable<[Item, number]> = this.frequent.counts): void {
    if (this.kllMaterialized) return;
    this.kllMaterialized = true;
    // perf: addmany-blocks — the first purge's replay goes to the sketch in bulk, not one add each.
    // In blocks through addMany (add for each, in bulk): thousands of numbers, once per column.
    const block = new Float64Array(4096);
    let m = 0;
    for (const [item, count] of entries) {
      if (typeof item !== "number") continue;
      for (let i = 0; i < count; i++) {
        block[m++] = item;
        if (m === block.length) {
          this.kll.addMany(block, 0, m);
          m = 0;
        }
      }
    }
    if (m > 0) this.kll.addMany(block, 0, m);
  }

  /** The numbers' distribution: exact from the frequent items while they are, else the sketch. */
  distribution(): Distribution {
    if (this.kllMaterialized) return this.kll;
    if (this.exactDistribution?.n !== this.moments.n)
      this.exactDistribution = new ExactDistribution(this.frequent.counts);
    return this.exactDistribution;
  }

  /** The HLL with every distinct value in it (catching up on the exact frequent items first). */
  distinctSketch(): HyperLogLog {
    // perf: hll-catch-up-once — type() and the report ask many times; the exact items are hashed once.
    // While exact the items only grow (a purge ends exactness), so an unchanged size means the
    // HLL already holds them all: type() and the report ask many times.
    const frequent = this.frequent;
    if (frequent.exact && this.hllHoldsItems !== frequent.size) {
      for (const item of frequent.keys()) this.hll.add(hashItem(item));
      this.hllHoldsItems = frequent.size;
    }
    return this.hll;
  }

  /** The column's type: pinned by the schema, else what most of its cells were. */
  type(): ColumnType {
    if (this.checks.type) return this.checks.type;
    return inferType(
      this.kinds,
      this.count - this.missing,
      this.stringLengthSum,
      this.distinctSketch().estimate(),
    );
  }

  toJSON(): ColumnJson {
    return columnToJSON(this);
  }
}

/** Rebuilds a column from profile.json, for merging shards and comparing without the data. */
export function columnFromJSON(json: ColumnJson): ColumnProfile {
  // A type the schema pinned stays pinned; an inferred one is inferred again after merging.
  return restoreColumn(new ColumnProfile(json.name, json.pinned ? { type: json.type } : {}), json);
}

/**
 * Numeric when ≥ 95% of present cells are numbers (the rest are reported as not numeric),
 * datetime likewise, boolean when every cell is true/false, text for long or mostly-unique
 * strings, categorical otherwise.
 */
export function inferType(
  kinds: KindCounts,
  present: number,
  lengthSum: number,
  distinct: number,
): ColumnType {
  if (present === 0) return "categorical";
  if (kinds.number + kinds.non_finite >= 0.95 * present && kinds.number > 0) return "numeric";
  if (kinds.datetime >= 0.95 * present) return "datetime";
  if (kinds.boolean === present) return "boolean";
  const strings = kinds.string || 1;
  if (lengthSum / strings >= 30 || (distinct > 1000 && distinct > 0.5 * present)) return "text";
  return "categorical";
}

/** One hash per value whatever reader it came from: numbers by value, the rest as strings. */
function hashItem(item: Item): number {
  return typeof item === "number" ? hashNumber(item) : hashString(String(item));
}

/**
 * One column's accumulator: every cell updates exact counts and moments and the mergeable
 * sketches; the column's type is decided at the end from what its cells turned out to be (or
 * pinned by the schema, which users need when numeric-looking codes are really categories).
 */
import type { COLUMN_TYPES } from "./report.js";
import {
  type Counter,
  FREQUENT_CAPACITY,
  FrequentItems,
  type FrequentJson,
  type Item,
} from "./sketches/frequent.js";
import { hashBytes, hashNumber, hashString } from "./sketches/hash.js";
import { type HllJson, HyperLogLog } from "./sketches/hll.js";
import { type KllJson, KllSketch } from "./sketches/kll.js";
import { Moments, type MomentsJson } from "./sketches/moments.js";
import {
  type Classified,
  classify,
  DatetimeBytesParser,
  Kind,
  latin1,
  parseDatetimeBytes,
  parseNumberBytes,
} from "./values.js";

export type ColumnType = (typeof COLUMN_TYPES)[number];

export const MAX_EXAMPLES = 5;

export interface Example {
  row: number;
  value: unknown;
}

/** Counts of what the cells were, before a type was chosen. */
export interface KindCounts {
  number: number;
  datetime: number;
  boolean: number;
  string: number;
  non_finite: number;
}

/** Value-level checks from the schema, evaluated during the scan so anomalies name their rows. */
export interface ColumnChecks {
  type?: ColumnType;
  domain?: ReadonlySet<string>;
  min?: number;
  max?: number;
}

export interface Finding {
  count: number;
  examples: Example[];
}

export interface ColumnJson {
  name: string;
  type: ColumnType;
  /** True when the schema pinned the type rather than kiln inferring it. */
  pinned: boolean;
  count: number;
  missing: number;
  kinds: KindCounts;
  string_length_sum: number;
  moments: MomentsJson | null;
  quantiles: KllJson | null;
  distinct: HllJson;
  top: FrequentJson;
  histogram: null;
  /** Cells that did not fit the column's type, and non-finite numbers, with their first rows. */
  examples: { not_numeric: Example[]; non_finite: Example[] };
  findings?: Record<string, Finding>;
}

interface Interned {
  bytes: Uint8Array;
  /** hashBytes of `bytes`. */
  byteHash: number;
  str: string;
  c: Classified;
  hash: number;
  /** The frequent-items counter of this string, valid while `generation` matches (-1: none yet). */
  counter: Counter;
  generation: number;
}

/** A dictionary string of a Parquet column chunk, classified and hashed once (addDictionaryStrings). */
interface DictionaryEntry {
  str: string;
  c: Classified;
  hash: number;
  counter: Counter;
  generation: number;
}

/** Adds the counts waiting in `counts` (at the first `n` slots of `touched`) to their counters; returns 0. */
function addPendingCounts(
  counters: Array<Counter | undefined>,
  counts: Int32Array,
  touched: Int32Array,
  n: number,
): number {
  for (let t = 0; t < n; t++) {
    const slot = touched[t] as number;
    (counters[slot] as Counter).c += counts[slot] as number;
    counts[slot] = 0;
  }
  return 0;
}

/** Counts an interned string whose counter is not known (or not valid any more) and keeps it. */
function countEntry(entry: Interned | DictionaryEntry, frequent: FrequentItems): void {
  const counter = frequent.touch(entry.str);
  if (counter === undefined) entry.generation = -1;
  else {
    entry.counter = counter;
    entry.generation = frequent.generation;
  }
}

const NO_COUNTER: Counter = { c: 0 };
const NO_PARSED = new Float64Array(0);
const INTERN_LIMIT = 4096;
const SLOTS = 1024;
/** Cells of at most this many bytes are keyed by their bytes in addCells (6 bytes fit a double). */
const SHORT_BYTES = 6;
const SHORT_BITS = 10;
/** Direct-mapped cache of exact numbers' counters (see countExact). */
const NUMBER_SLOTS = 4096;
const decoder = new TextDecoder("utf-8", { fatal: true });

export class ColumnProfile {
  count = 0;
  missing = 0;
  readonly kinds: KindCounts = { number: 0, datetime: 0, boolean: 0, string: 0, non_finite: 0 };
  stringLengthSum = 0;
  readonly moments = new Moments();
  readonly kll: KllSketch;
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
  private intern = new Map<number, Interned>();
  private slots: Array<Interned | undefined> = new Array(SLOTS).fill(undefined);
  /** No schema check applies to this column's strings (the common case: a fast path). */
  private readonly unchecked: boolean;
  /** No schema check applies at all: `addCells` may update the column in bulk. */
  private readonly bulk: boolean;
  /** Numbers of the current run of numeric cells in `addCells`, before they update the column. */
  private pending = new Float64Array(1024);
  private readonly dates = new DatetimeBytesParser();
  // Interned entries of short cells by their exact key (length and bytes), for addCells.
  private readonly shortKeys = new Float64Array(1 << SHORT_BITS);
  private readonly shortEntries: Array<Interned | undefined> = new Array(1 << SHORT_BITS).fill(undefined);
  // The common case reads no object: per slot, the frequent items' generation its string entry's
  // counter is valid for (-2: not a string), its length and hash, and counts not yet added to its
  // counter (`shortTouched` lists those slots; they are added before anything else touches the
  // frequent items, which may purge, and before addCells returns).
  private readonly shortGenerations = new Float64Array(1 << SHORT_BITS).fill(-2);
  private readonly shortLengths = new Int32Array(1 << SHORT_BITS);
  private readonly shortHashes = new Float64Array(1 << SHORT_BITS);
  private readonly shortCounts = new Int32Array(1 << SHORT_BITS);
  private readonly shortTouched = new Int32Array(1 << SHORT_BITS);
  // The frequent items' counters of recent numbers, by a hash of the value: a repeated number is
  // counted without a map lookup. Valid while `numberGeneration` is the frequent items' generation.
  private numberKeys = new Float64Array(0);
  private numberCounters: Array<Counter | undefined> = [];
  private readonly numberCounts = new Int32Array(NUMBER_SLOTS);
  private readonly numberTouched = new Int32Array(NUMBER_SLOTS);
  private numberGeneration = -1;
  // The entries of the dictionary last given to addDictionaryStrings (a column chunk's), by index.
  private dictionary: readonly string[] | undefined;
  private dictionaryEntries: Array<DictionaryEntry | undefined> = [];

  constructor(
    readonly name: string,
    readonly checks: ColumnChecks = {},
    seed = 1,
  ) {
    // Changed once here so V8 does not treat it as a constant (see FrequentItems' constructor).
    this.kllMaterialized = true;
    this.kllMaterialized = false;
    this.kll = new KllSketch(seed);
    this.unchecked = checks.type === undefined && checks.domain === undefined;
    this.bulk = this.unchecked && checks.min === undefined && checks.max === undefined;
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
      const c = buf[start] as number;
      if ((c >= 48 && c <= 57) || c === 45 || c === 46 || c === 43) {
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
    let values = this.pending;
    if (values.length < count) {
      values = new Float64Array(count);
      this.pending = values;
    }
    const dates = this.dates;
    const shortKeys = this.shortKeys;
    const shortEntries = this.shortEntries;
    let strings = 0;
    let lengthSum = 0;
    let m = 0;
    let numbers = 0;
    let datetimes = 0;
    const shortGenerations = this.shortGenerations;
    const shortLengths = this.shortLengths;
    const shortCounts = this.shortCounts;
    const shortTouched = this.shortTouched;
    const frequent = this.frequent;
    let touched = 0;
    const given = parsed ?? NO_PARSED;
    const givenValues = parsed !== null && parsedKind >= 1 && parsedKind <= 3;
    const givenNumbers = parsedKind === 1;
    const givenKeys = parsedKind === 3;
    let r = 0;
    let i = column;
    // The common batches first, in loops with nothing else in them; the general loop below takes
    // over at the first cell they do not cover, with the same updates in the same order.
    if (givenValues && !givenKeys) {
      // Every cell parsed as a number or datetime.
      for (; r < count; r++, i += stride) {
        const v = given[i] as number;
        if (Number.isNaN(v)) break;
        values[m++] = v;
      }
      if (givenNumbers) numbers = m;
      else datetimes = m;
    } else if (givenKeys && this.notNumeric.length >= MAX_EXAMPLES) {
      // Every cell a short code already counted since the last purge.
      const generation = frequent.generation;
      const exact = frequent.exact;
      for (; r < count; r++, i += stride) {
        const key = given[i] as number;
        const slot = Math.imul((key | 0) ^ ((key / 4294967296) | 0), 0x9e3779b1) >>> (32 - SHORT_BITS);
        if (shortKeys[slot] !== key || shortGenerations[slot] !== generation) break;
        strings++;
        lengthSum += shortLengths[slot] as number;
        const pending = shortCounts[slot] as number;
        shortCounts[slot] = pending + 1;
        if (pending === 0) shortTouched[touched++] = slot;
        if (!exact) this.hll.add(this.shortHashes[slot] as number);
      }
    }
    for (; r < count; r++, i += stride) {
      let key = -1;
      if (givenValues) {
        const v = given[i] as number;
        if (!Number.isNaN(v)) {
          if (givenKeys) key = v;
          else {
            values[m++] = v;
            if (givenNumbers) numbers++;
            else datetimes++;
            continue;
          }
        }
      }
      const start = starts[i] as number;
      const end = ends[i] as number;
      if (key < 0) {
        if (start === end) {
          this.count++;
          this.missing++;
          continue;
        }
        if (end - start >= 10 && buf[start + 4] === 45 && buf[start + 7] === 45) {
          // Dashes at 4 and 7 are never a number, so only the datetime parse is tried.
          const t = dates.parse(buf, start, end);
          if (!Number.isNaN(t)) {
            values[m++] = t;
            datetimes++;
            continue;
          }
        } else {
          const c = buf[start] as number;
          if ((c >= 48 && c <= 57) || c === 45 || c === 46 || c === 43) {
            const x = parseNumberBytes(buf, start, end);
            if (!Number.isNaN(x)) {
              values[m++] = x;
              numbers++;
              continue;
            }
          }
        }
      }
      // Not a number: the numbers before it go first, so every sketch sees the cells in order.
      if (m > 0) {
        if (touched > 0) touched = this.addShortCounts(touched);
        this.addNumbers(values, m, numbers, datetimes);
        m = 0;
        numbers = 0;
        datetimes = 0;
      }
      if (key < 0) {
        if (end - start > SHORT_BYTES) {
          if (touched > 0) touched = this.addShortCounts(touched);
          this.addInterned(buf, start, end, rows[r] as number);
          continue;
        }
        // A short cell (a code, a category) is its own key: its length and bytes as one integer.
        key = end - start;
        for (let k = start; k < end; k++) key = key * 256 + (buf[k] as number);
      }
      const slot = Math.imul((key | 0) ^ ((key / 4294967296) | 0), 0x9e3779b1) >>> (32 - SHORT_BITS);
      if (shortKeys[slot] === key) {
        if (shortGenerations[slot] === frequent.generation) {
          // addInterned's common case, with the counts kept in locals and typed arrays.
          strings++;
          lengthSum += shortLengths[slot] as number;
          const pending = shortCounts[slot] as number;
          shortCounts[slot] = pending + 1;
          if (pending === 0) shortTouched[touched++] = slot;
          if (this.notNumeric.length < MAX_EXAMPLES)
            this.notNumeric.push({ row: rows[r] as number, value: (shortEntries[slot] as Interned).str });
          if (!frequent.exact) this.hll.add(this.shortHashes[slot] as number);
          continue;
        }
        const entry = shortEntries[slot] as Interned;
        if (entry.c.kind === Kind.String) {
          // The same, where the counter is not known to be valid (after a purge).
          if (touched > 0) touched = this.addShortCounts(touched);
          strings++;
          lengthSum += entry.str.length;
          if (this.notNumeric.length < MAX_EXAMPLES)
            this.notNumeric.push({ row: rows[r] as number, value: entry.str });
          if (entry.generation === frequent.generation) entry.counter.c++;
          else countEntry(entry, frequent);
          if (!frequent.exact) this.hll.add(entry.hash);
          shortGenerations[slot] = entry.generation === frequent.generation ? entry.generation : -2;
          continue;
        }
      }
      if (touched > 0) touched = this.addShortCounts(touched);
      const added = this.addInterned(buf, start, end, rows[r] as number);
      if (added !== undefined) {
        shortEntries[slot] = added;
        shortKeys[slot] = key;
        shortLengths[slot] = added.str.length;
        this.shortHashes[slot] = added.hash;
        shortGenerations[slot] =
          added.c.kind === Kind.String && added.generation === frequent.generation ? added.generation : -2;
      }
    }
    if (touched > 0) this.addShortCounts(touched);
    if (m > 0) this.addNumbers(values, m, numbers, datetimes);
    this.count += strings;
    this.kinds.string += strings;
    this.stringLengthSum += lengthSum;
  }

  /** Adds the counts kept in `shortCounts` to their entries' counters; returns 0 (none left). */
  private addShortCounts(touched: number): number {
    const counts = this.shortCounts;
    const list = this.shortTouched;
    for (let t = 0; t < touched; t++) {
      const slot = list[t] as number;
      (this.shortEntries[slot] as Interned).counter.c += counts[slot] as number;
      counts[slot] = 0;
    }
    return 0;
  }

  /** Numbers of an unchecked column, in cell order: `addNumber` for each, in bulk. */
  private addNumbers(values: Float64Array, m: number, numbers: number, datetimes: number): void {
    this.count += m;
    this.kinds.number += numbers;
    this.kinds.datetime += datetimes;
    this.moments.addMany(values, 0, m);
    const from = this.kllMaterialized ? 0 : this.countExact(values, m);
    if (from < m) {
      this.kll.addMany(values, from, m);
      if (!this.frequent.exact) {
        // Adding a hash twice changes nothing: a run of equal values is hashed once.
        const hll = this.hll;
        let last = Number.NaN;
        for (let i = from; i < m; i++) {
          const x = values[i] as number;
          if (x !== last) {
            hll.add(hashNumber(x));
            last = x;
          }
        }
      }
    }
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
    if (datetime) {
      this.addNumberRange(values, from, to, 0, to - from);
      return;
    }
    // addTyped takes non-finite numbers apart; the runs between them go in bulk.
    let start = from;
    for (let i = from; i < to; i++) {
      const x = values[i] as number;
      if (x - x !== 0) {
        if (start < i) this.addNumberRange(values, start, i, i - start, 0);
        this.addTyped(x, firstRow + i - from);
        start = i + 1;
      }
    }
    if (start < to) this.addNumberRange(values, start, to, to - start, 0);
  }

  /** `addNumbers` for `values[from, to)`. */
  private addNumberRange(
    values: Float64Array,
    from: number,
    to: number,
    numbers: number,
    datetimes: number,
  ): void {
    this.count += to - from;
    this.kinds.number += numbers;
    this.kinds.datetime += datetimes;
    this.moments.addMany(values, from, to);
    const next = this.kllMaterialized ? from : this.countExact(values, to, from);
    if (next < to) {
      this.kll.addMany(values, next, to);
      if (!this.frequent.exact) {
        const hll = this.hll;
        for (let i = next; i < to; i++) hll.add(hashNumber(values[i] as number));
      }
    }
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
    if (this.dictionary !== dictionary) {
      this.dictionary = dictionary;
      this.dictionaryEntries = new Array<DictionaryEntry | undefined>(dictionary.length).fill(undefined);
    }
    const entries = this.dictionaryEntries;
    const unchecked = this.unchecked;
    const frequent = this.frequent;
    let strings = 0;
    let lengthSum = 0;
    for (let i = from; i < to; i++) {
      const k = indices[i] as number;
      let entry = entries[k];
      if (entry === undefined) {
        const str = dictionary[k] as string;
        entry = { str, c: classify(str), hash: hashString(str), counter: NO_COUNTER, generation: -1 };
        entries[k] = entry;
      }
      if (entry.c.kind === Kind.String && unchecked) {
        // addText's common case (as addInterned's), with the counts kept in locals.
        strings++;
        lengthSum += entry.str.length;
        if (this.notNumeric.length < MAX_EXAMPLES)
          this.notNumeric.push({ row: firstRow + i - from, value: entry.str });
        if (entry.generation === frequent.generation) entry.counter.c++;
        else countEntry(entry, frequent);
        if (!frequent.exact) this.hll.add(entry.hash);
        continue;
      }
      this.addClassified(entry.str, entry.c, firstRow + i - from, entry.hash);
    }
    this.count += strings;
    this.kinds.string += strings;
    this.stringLengthSum += lengthSum;
  }

  /**
   * Counts numbers in the exact frequent items until the first purge moves them to the quantile
   * sketch; returns how many it counted (the one that caused the purge included: it was replayed).
   * `values[from, m)` (from 0 unless given).
   */
  private countExact(values: Float64Array, m: number, from = 0): number {
    const frequent = this.frequent;
    let keys = this.numberKeys;
    let counters = this.numberCounters;
    if (keys.length === 0 || this.numberGeneration !== frequent.generation) {
      keys = new Float64Array(NUMBER_SLOTS);
      counters = new Array<Counter | undefined>(NUMBER_SLOTS).fill(undefined);
      this.numberKeys = keys;
      this.numberCounters = counters;
      this.numberGeneration = frequent.generation;
    }
    // A hit adds to `counts` (its slot listed in `touched`), which go to the counters before the
    // frequent items are touched (that may purge, which reads every count) and at the end.
    const counts = this.numberCounts;
    const touched = this.numberTouched;
    let n = 0;
    // `i` steps at the top, so the return after a purge adds nothing: an addition met only there
    // (the first purge, thousands of values in) had no type feedback and threw the loop away.
    for (let i = from; i < m; ) {
      const x = values[i++] as number;
      const slot = Math.imul((x | 0) ^ ((x / 4294967296) | 0), 0x9e3779b1) >>> 20;
      let counter = counters[slot];
      if (counter !== undefined && keys[slot] === x) {
        const pending = counts[slot] as number;
        counts[slot] = pending + 1;
        if (pending === 0) touched[n++] = slot;
        continue;
      }
      if (n > 0) n = addPendingCounts(counters, counts, touched, n);
      counter = frequent.touch(x);
      if (this.kllMaterialized) return i;
      if (counter !== undefined) {
        counters[slot] = counter;
        keys[slot] = x;
      }
    }
    if (n > 0) addPendingCounts(counters, counts, touched, n);
    return m;
  }

  /** A CSV cell that is not a number: interned while it repeats, then counted. */
  private addInterned(buf: Uint8Array, start: number, end: number, row: number): Interned | undefined {
    const h = hashBytes(buf, start, end);
    // A direct-mapped cache in front of the intern map: most repeated cells resolve with one array read.
    const slot = h & (SLOTS - 1);
    let entry = this.slots[slot];
    if (entry === undefined || entry.byteHash !== h || !sameBytes(entry.bytes, buf, start, end)) {
      entry = this.intern.get(h);
      if (entry !== undefined && sameBytes(entry.bytes, buf, start, end)) this.slots[slot] = entry;
      else entry = undefined;
    }
    if (entry === undefined) {
      const str = decode(buf, start, end);
      if (str === null) {
        this.count++;
        this.finding("invalid_utf8", row, latin1(buf, start, Math.min(end, start + 40)));
        return undefined;
      }
      entry = {
        // A copy: Buffer#slice is a view, and the reader reuses its buffer.
        bytes: Uint8Array.prototype.slice.call(buf, start, end),
        byteHash: h,
        str,
        c: classify(str),
        hash: hashString(str),
        counter: NO_COUNTER,
        generation: -1,
      };
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
      if (this.notNumeric.length < MAX_EXAMPLES) this.notNumeric.push({ row, value: entry.str });
      const frequent = this.frequent;
      if (entry.generation === frequent.generation) entry.counter.c++;
      else countEntry(entry, frequent);
      if (!frequent.exact) this.hll.add(entry.hash);
      return entry;
    }
    this.addClassified(entry.str, entry.c, row, entry.hash);
    return entry;
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

  private addClassified(s: string, c: Classified, row: number, hash: number): void {
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
  private exactDistribution: ExactDistribution | undefined;

  /** The HLL with every distinct value in it (catching up on the exact frequent items first). */
  distinctSketch(): HyperLogLog {
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
    const findings = Object.fromEntries(this.findings);
    return {
      name: this.name,
      type: this.type(),
      pinned: this.checks.type !== undefined,
      count: this.count,
      missing: this.missing,
      kinds: { ...this.kinds },
      string_length_sum: this.stringLengthSum,
      moments: this.moments.toJSON(),
      quantiles: this.kllMaterialized ? this.kll.toJSON() : null,
      distinct: this.distinctSketch().toJSON(),
      top: this.frequent.toJSON(),
      histogram: null,
      examples: { not_numeric: this.notNumeric, non_finite: this.nonFinite },
      ...(this.findings.size > 0 ? { findings } : {}),
    };
  }
}

/** Rebuilds a column from profile.json, for merging shards and comparing without the data. */
export function columnFromJSON(json: ColumnJson): ColumnProfile {
  // A type the schema pinned stays pinned; an inferred one is inferred again after merging.
  const c = new ColumnProfile(json.name, json.pinned ? { type: json.type } : {});
  c.count = json.count;
  c.missing = json.missing;
  Object.assign(c.kinds, json.kinds);
  c.stringLengthSum = json.string_length_sum;
  if (json.moments) c.moments.merge(json.moments);
  if (json.quantiles) {
    c.kll.merge(KllSketch.fromJSON(json.quantiles));
    c.kllMaterialized = true;
  }
  c.hll.merge(HyperLogLog.fromJSON(json.distinct));
  c.frequent.merge(FrequentItems.fromJSON(json.top));
  c.notNumeric = [...json.examples.not_numeric];
  c.nonFinite = [...json.examples.non_finite];
  for (const [kind, f] of Object.entries(json.findings ?? {}))
    c.findings.set(kind, { count: f.count, examples: [...f.examples] });
  return c;
}

/** Adds another shard's column into this one: exact fields add, sketches merge, examples keep the first rows. */
export function mergeColumn(into: ColumnProfile, other: ColumnProfile): void {
  into.count += other.count;
  into.missing += other.missing;
  for (const k of Object.keys(into.kinds) as Array<keyof KindCounts>) into.kinds[k] += other.kinds[k];
  into.stringLengthSum += other.stringLengthSum;
  into.moments.merge(other.moments);
  into.distinctSketch().merge(other.distinctSketch());
  // Numbers stay exact only if both sides are exact and their union still fits; else both sides'
  // numbers go to the quantile sketches first, so none is lost in the purge.
  const union = new Set([...into.frequent.keys(), ...other.frequent.keys()]).size;
  if (
    into.kllMaterialized ||
    other.kllMaterialized ||
    !into.frequent.exact ||
    !other.frequent.exact ||
    union > FREQUENT_CAPACITY
  ) {
    into.materializeQuantiles();
    other.materializeQuantiles();
    into.kll.merge(other.kll);
  }
  into.frequent.merge(other.frequent);
  const firstRows = (a: Example[], b: Example[]) =>
    [...a, ...b].sort((x, y) => x.row - y.row).slice(0, MAX_EXAMPLES);
  into.notNumeric = firstRows(into.notNumeric, other.notNumeric);
  into.nonFinite = firstRows(into.nonFinite, other.nonFinite);
  for (const [kind, f] of other.findings) {
    const mine = into.findings.get(kind);
    if (!mine) into.findings.set(kind, { count: f.count, examples: [...f.examples] });
    else
      into.findings.set(kind, {
        count: mine.count + f.count,
        examples: firstRows(mine.examples, f.examples),
      });
  }
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

/** What drift tests and quantiles need of a column's numbers. */
export interface Distribution {
  readonly n: number;
  cdf(x: number): number;
  quantile(q: number): number;
  /** Ascending distinct values where the CDF steps. */
  points(): Float64Array;
}

/** The exact empirical distribution of numbers kept with their counts. */
class ExactDistribution implements Distribution {
  private readonly values: Float64Array;
  private readonly cumulative: Float64Array;
  readonly n: number;

  constructor(counts: Map<Item, number>) {
    // The numeric items sorted natively (a typed array's sort takes no comparator; distinct keys,
    // so no ties), then their counts accumulated in that order.
    let size = 0;
    for (const k of counts.keys()) if (typeof k === "number") size++;
    const values = new Float64Array(size);
    let i = 0;
    for (const k of counts.keys()) if (typeof k === "number") values[i++] = k;
    values.sort();
    const cumulative = new Float64Array(size);
    let total = 0;
    for (let j = 0; j < size; j++) {
      total += counts.get(values[j] as number) as number;
      cumulative[j] = total;
    }
    this.values = values;
    this.cumulative = cumulative;
    this.n = total;
  }

  cdf(x: number): number {
    let lo = 0;
    let hi = this.values.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.values[mid] as number) <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : (this.cumulative[lo - 1] as number) / this.n;
  }

  quantile(q: number): number {
    const target = Math.max(q * this.n, Number.MIN_VALUE);
    let lo = 0;
    let hi = this.values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) >= target) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo] as number;
  }

  points(): Float64Array {
    return this.values;
  }
}

/** One hash per value whatever reader it came from: numbers by value, the rest as strings. */
function hashItem(item: Item): number {
  return typeof item === "number" ? hashNumber(item) : hashString(String(item));
}

function sameBytes(a: Uint8Array, buf: Uint8Array, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== buf[start + i]) return false;
  return true;
}

function decode(buf: Uint8Array, start: number, end: number): string | null {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if ((buf[i] as number) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return latin1(buf, start, end);
  try {
    return decoder.decode(buf.subarray(start, end));
  } catch {
    return null;
  }
}

export type { Item };

/**
 * A column's bulk paths: whole batches of cells — a CSV batch's records, a Parquet page's runs of
 * numbers and dictionary strings — with exactly the updates the per-cell path (ColumnProfile,
 * column.ts) makes on each cell in turn, in the same order, but gathered: runs of numbers applied
 * at once, repeated cells counted through the caches (column-caches.ts) this owns. The profile
 * owns one and calls it only where no schema check applies (`ColumnProfile.bulk`), but for
 * dictionary strings, whose checked cells go through the per-cell path.
 */
import { mayStartNumber, SHORT_BYTES } from "./bytes.js";
import type { ColumnProfile } from "./column.js";
import {
  countEntry,
  DictionaryEntries,
  dictionaryEntry,
  type Interned,
  NumberCounters,
  ShortCells,
  shortSlot,
} from "./column-caches.js";
import { MAX_EXAMPLES } from "./column-json.js";
import { hashNumber } from "./sketches/hash.js";
import { DatetimeBytesParser, Kind, parseNumberBytes } from "./values.js";

// perf: no-parsed-sentinel — `given` is always a Float64Array, so addCells' loads of it stay monomorphic.
const NO_PARSED = new Float64Array(0);

export class ColumnBulk {
  /** Numbers of the current run of numeric cells in `addCells`, before they update the column. */
  // perf: reused-run-buffer — one buffer per column, grown to the batch size once, not one per batch.
  private pending = new Float64Array(1024);
  private readonly dates = new DatetimeBytesParser();
  private readonly short = new ShortCells();
  private readonly numberCounters = new NumberCounters();
  private readonly dictionaryEntries = new DictionaryEntries();

  /**
   * ColumnProfile.addCells, for a column without schema checks: `parsed`, by `parsedKind`, holds
   * what the scan parsed already (see there).
   */
  addCells(
    p: ColumnProfile,
    buf: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    column: number,
    stride: number,
    rows: Float64Array,
    count: number,
    parsedKind: number,
    parsed: Float64Array | null,
  ): void {
    let values = this.pending;
    if (values.length < count) {
      values = new Float64Array(count);
      this.pending = values;
    }
    const dates = this.dates;
    const short = this.short;
    const shortKeys = short.keys;
    const shortEntries = short.entries;
    const shortGenerations = short.generations;
    const shortLengths = short.lengths;
    const shortHashes = short.hashes;
    const shortCounts = short.counts;
    const shortTouched = short.touched;
    const frequent = p.frequent;
    let strings = 0;
    let lengthSum = 0;
    let m = 0;
    let numbers = 0;
    let datetimes = 0;
    let touched = 0;
    const given = parsed ?? NO_PARSED;
    const givenValues = parsed !== null && parsedKind >= 1 && parsedKind <= 3;
    const givenNumbers = parsedKind === 1;
    const givenKeys = parsedKind === 3;
    let r = 0;
    let i = column;
    // perf: bare-loops — the common batches run in loops with nothing else in them.
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
    } else if (givenKeys && p.notNumeric.length >= MAX_EXAMPLES) {
      // Every cell a short code already counted since the last purge.
      const generation = frequent.generation;
      const exact = frequent.exact;
      for (; r < count; r++, i += stride) {
        const key = given[i] as number;
        const slot = shortSlot(key);
        if (shortKeys[slot] !== key || shortGenerations[slot] !== generation) break;
        strings++;
        lengthSum += shortLengths[slot] as number;
        const pending = shortCounts[slot] as number;
        shortCounts[slot] = pending + 1;
        if (pending === 0) shortTouched[touched++] = slot;
        if (!exact) p.hll.add(shortHashes[slot] as number);
      }
    }
    // One loop for every kind of cell, not a method per kind: the counts it keeps in locals (and
    // the typed arrays' pending counts) would have to live in fields, read and written per cell.
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
          p.count++;
          p.missing++;
          continue;
        }
        if (end - start >= 10 && buf[start + 4] === 45 && buf[start + 7] === 45) {
          // perf: datetime-dashes — a datetime-shaped cell is never also tried as a number.
          // Dashes at 4 and 7 are never a number, so only the datetime parse is tried.
          const t = dates.parse(buf, start, end);
          if (!Number.isNaN(t)) {
            values[m++] = t;
            datetimes++;
            continue;
          }
        } else if (mayStartNumber(buf[start] as number)) {
          const x = parseNumberBytes(buf, start, end);
          if (!Number.isNaN(x)) {
            values[m++] = x;
            numbers++;
            continue;
          }
        }
      }
      // Not a number: the numbers before it go first, so every sketch sees the cells in order.
      if (m > 0) {
        if (touched > 0) touched = short.addPending(touched);
        this.addNumbers(p, values, m, numbers, datetimes);
        m = 0;
        numbers = 0;
        datetimes = 0;
      }
      if (key < 0) {
        if (end - start > SHORT_BYTES) {
          if (touched > 0) touched = short.addPending(touched);
          p.addInterned(buf, start, end, rows[r] as number);
          continue;
        }
        // A short cell (a code, a category) is its own key: its length and bytes as one integer.
        key = end - start;
        for (let k = start; k < end; k++) key = key * 256 + (buf[k] as number);
      }
      const slot = shortSlot(key);
      if (shortKeys[slot] === key) {
        if (shortGenerations[slot] === frequent.generation) {
          // addInterned's common case, with the counts kept in locals and typed arrays.
          strings++;
          lengthSum += shortLengths[slot] as number;
          const pending = shortCounts[slot] as number;
          shortCounts[slot] = pending + 1;
          if (pending === 0) shortTouched[touched++] = slot;
          if (p.notNumeric.length < MAX_EXAMPLES)
            p.notNumeric.push({ row: rows[r] as number, value: (shortEntries[slot] as Interned).str });
          if (!frequent.exact) p.hll.add(shortHashes[slot] as number);
          continue;
        }
        const entry = shortEntries[slot] as Interned;
        if (entry.c.kind === Kind.String) {
          // The same, where the counter is not known to be valid (after a purge).
          if (touched > 0) touched = short.addPending(touched);
          strings++;
          lengthSum += entry.str.length;
          p.countString(entry, rows[r] as number);
          shortGenerations[slot] = entry.generation === frequent.generation ? entry.generation : -2;
          continue;
        }
      }
      if (touched > 0) touched = short.addPending(touched);
      const added = p.addInterned(buf, start, end, rows[r] as number);
      if (added !== undefined) short.keep(slot, key, added, frequent.generation);
    }
    if (touched > 0) short.addPending(touched);
    if (m > 0) this.addNumbers(p, values, m, numbers, datetimes);
    p.count += strings;
    p.kinds.string += strings;
    p.stringLengthSum += lengthSum;
  }

  /**
   * ColumnProfile.addNumberRun, for a column without schema checks: `addDatetime` (datetime) or
   * `addTyped` on each of `values[from, to)` in turn, in bulk.
   */
  addNumberRun(
    p: ColumnProfile,
    values: Float64Array,
    from: number,
    to: number,
    datetime: boolean,
    firstRow: number,
  ): void {
    if (datetime) {
      this.addNumberRange(p, values, from, to, 0, to - from);
      return;
    }
    // addTyped takes non-finite numbers apart; the runs between them go in bulk.
    let start = from;
    for (let i = from; i < to; i++) {
      const x = values[i] as number;
      // perf: finite-by-subtraction — NaN and ±Infinity found without a call per value.
      if (x - x !== 0) {
        if (start < i) this.addNumberRange(p, values, start, i, i - start, 0);
        p.addTyped(x, firstRow + i - from);
        start = i + 1;
      }
    }
    if (start < to) this.addNumberRange(p, values, start, to, to - start, 0);
  }

  /** Numbers of an unchecked column, in cell order: `addNumber` for each, in bulk. */
  private addNumbers(
    p: ColumnProfile,
    values: Float64Array,
    m: number,
    numbers: number,
    datetimes: number,
  ): void {
    // perf: bulk-numbers — a run of numbers updates moments, exact counts and sketch in one loop each.
    p.count += m;
    p.kinds.number += numbers;
    p.kinds.datetime += datetimes;
    p.moments.addMany(values, 0, m);
    const from = p.kllMaterialized ? 0 : this.numberCounters.count(p, p.frequent, values, m, 0);
    if (from < m) {
      p.kll.addMany(values, from, m);
      if (!p.frequent.exact) {
        // perf: hash-runs-once — a run of equal values (sorted or repeated data) is hashed once.
        // Adding a hash twice changes nothing: a run of equal values is hashed once.
        const hll = p.hll;
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

  /** `addNumbers` for `values[from, to)`. */
  private addNumberRange(
    p: ColumnProfile,
    values: Float64Array,
    from: number,
    to: number,
    numbers: number,
    datetimes: number,
  ): void {
    p.count += to - from;
    p.kinds.number += numbers;
    p.kinds.datetime += datetimes;
    p.moments.addMany(values, from, to);
    const next = p.kllMaterialized ? from : this.numberCounters.count(p, p.frequent, values, to, from);
    if (next < to) {
      p.kll.addMany(values, next, to);
      if (!p.frequent.exact) {
        const hll = p.hll;
        for (let i = next; i < to; i++) hll.add(hashNumber(values[i] as number));
      }
    }
  }

  /** ColumnProfile.addDictionaryStrings (see there). */
  addDictionaryStrings(
    p: ColumnProfile,
    dictionary: readonly string[],
    indices: ArrayLike<number>,
    from: number,
    to: number,
    firstRow: number,
  ): void {
    // perf: dictionary-once — a Parquet string is classified and hashed once per column chunk.
    const entries = this.dictionaryEntries.of(dictionary);
    const unchecked = p.unchecked;
    const frequent = p.frequent;
    let strings = 0;
    let lengthSum = 0;
    for (let i = from; i < to; i++) {
      const k = indices[i] as number;
      let entry = entries[k];
      if (entry === undefined) {
        entry = dictionaryEntry(dictionary[k] as string);
        entries[k] = entry;
      }
      if (entry.c.kind === Kind.String && unchecked) {
        // addText's common case (as addInterned's), with the counts kept in locals. Not shared with
        // countString: one function reading both kinds of entry would read each polymorphically.
        strings++;
        lengthSum += entry.str.length;
        if (p.notNumeric.length < MAX_EXAMPLES)
          p.notNumeric.push({ row: firstRow + i - from, value: entry.str });
        if (entry.generation === frequent.generation) entry.counter.c++;
        else countEntry(entry, frequent);
        if (!frequent.exact) p.hll.add(entry.hash);
        continue;
      }
      p.addClassified(entry.str, entry.c, firstRow + i - from, entry.hash);
    }
    p.count += strings;
    p.kinds.string += strings;
    p.stringLengthSum += lengthSum;
  }
}

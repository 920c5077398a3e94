/**
 * The caches of a column's bulk paths (ColumnBulk, column-bulk.ts, owns one of each), so that a
 * repeated cell is counted without decoding, hashing or a map lookup: short CSV cells by their
 * bytes, exact numbers' counters, a Parquet column chunk's dictionary entries; and the entries of
 * interned CSV cells (kept by ColumnProfile.addInterned). A frequent-items counter kept in them
 * is valid only while the frequent items' `generation` it was taken under holds: a purge may drop it.
 */
import type { Counter, FrequentItems } from "./sketches/frequent.js";
import { hashString } from "./sketches/hash.js";
import { type Classified, classify, Kind, latin1 } from "./values.js";

/** A CSV cell that is not a number, decoded, classified and hashed once. */
export interface Interned {
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
export interface DictionaryEntry {
  str: string;
  c: Classified;
  hash: number;
  counter: Counter;
  generation: number;
}

// perf: counter-never-undefined — an entry's `counter` is always a Counter: `counter.c++` needs no check.
export const NO_COUNTER: Counter = { c: 0 };

/** Counts an interned string whose counter is not known (or not valid any more) and keeps it. */
export function countEntry(entry: Interned | DictionaryEntry, frequent: FrequentItems): void {
  const counter = frequent.touch(entry.str);
  if (counter === undefined) entry.generation = -1;
  else {
    entry.counter = counter;
    entry.generation = frequent.generation;
  }
}

/** How many distinct CSV cells a column interns (ColumnProfile.addInterned). */
export const INTERN_LIMIT = 4096;
/** Slots of the direct-mapped cache in front of the interned cells. */
export const INTERN_SLOTS = 1024;
const SHORT_BITS = 10;
/** Direct-mapped cache of exact numbers' counters (see NumberCounters.count). */
const NUMBER_SLOTS = 4096;
const decoder = new TextDecoder("utf-8", { fatal: true });

/** The bytes `buf[start, end)` (whose hashBytes is `byteHash`) as a new entry; undefined if not UTF-8. */
export function internCell(
  buf: Uint8Array,
  start: number,
  end: number,
  byteHash: number,
): Interned | undefined {
  const str = decode(buf, start, end);
  if (str === null) return undefined;
  return {
    // A copy: Buffer#slice is a view, and the reader reuses its buffer.
    bytes: Uint8Array.prototype.slice.call(buf, start, end),
    byteHash,
    str,
    c: classify(str),
    hash: hashString(str),
    counter: NO_COUNTER,
    generation: -1,
  };
}

/** The slot of a short cell's key (its length and bytes as one integer, see addCells) in ShortCells. */
export function shortSlot(key: number): number {
  return Math.imul((key | 0) ^ ((key / 4294967296) | 0), 0x9e3779b1) >>> (32 - SHORT_BITS);
}

/**
 * Interned entries of short cells (at most SHORT_BYTES bytes: codes, categories) by their exact key,
 * for addCells, which reads and writes these arrays directly.
 */
export class ShortCells {
  // perf: short-keys — a repeated short code costs no hashing and no byte comparison.
  readonly keys = new Float64Array(1 << SHORT_BITS);
  readonly entries: Array<Interned | undefined> = new Array(1 << SHORT_BITS).fill(undefined);
  // perf: short-typed-arrays — a repeated short code is counted without reading an object.
  // The common case reads no object: per slot, the frequent items' generation its string entry's
  // counter is valid for (-2: not a string), its length and hash, and counts not yet added to its
  // counter (`touched` lists those slots; they are added before anything else touches the
  // frequent items, which may purge, and before addCells returns).
  readonly generations = new Float64Array(1 << SHORT_BITS).fill(-2);
  readonly lengths = new Int32Array(1 << SHORT_BITS);
  readonly hashes = new Float64Array(1 << SHORT_BITS);
  readonly counts = new Int32Array(1 << SHORT_BITS);
  readonly touched = new Int32Array(1 << SHORT_BITS);

  /** Adds the counts waiting at the first `n` touched slots to their entries' counters; returns 0. */
  addPending(n: number): number {
    const counts = this.counts;
    const list = this.touched;
    for (let t = 0; t < n; t++) {
      const slot = list[t] as number;
      (this.entries[slot] as Interned).counter.c += counts[slot] as number;
      counts[slot] = 0;
    }
    return 0;
  }

  /** Keeps `entry`, just interned for `key`, at its slot; `generation` is the frequent items'. */
  keep(slot: number, key: number, entry: Interned, generation: number): void {
    this.entries[slot] = entry;
    this.keys[slot] = key;
    this.lengths[slot] = entry.str.length;
    this.hashes[slot] = entry.hash;
    this.generations[slot] =
      entry.c.kind === Kind.String && entry.generation === generation ? entry.generation : -2;
  }
}

/**
 * The frequent items' counters of recent numbers, by a hash of the value: a repeated number is
 * counted without a map lookup. Valid while `generation` is the frequent items' generation.
 */
export class NumberCounters {
  // perf: number-counter-cache — a repeated number costs an array read, no Map lookup.
  // `keys` and `counters` are allocated at the first count, and anew (empty) after a purge.
  private keys = new Float64Array(0);
  private counters: Array<Counter | undefined> = [];
  private readonly counts = new Int32Array(NUMBER_SLOTS);
  private readonly touched = new Int32Array(NUMBER_SLOTS);
  private generation = -1;

  /**
   * Counts numbers `values[from, m)` in the exact frequent items until the first purge moves them
   * to `column`'s quantile sketch; returns how many it counted (the one that caused the purge
   * included: it was replayed).
   */
  count(
    column: { readonly kllMaterialized: boolean },
    frequent: FrequentItems,
    values: Float64Array,
    m: number,
    from: number,
  ): number {
    let keys = this.keys;
    let counters = this.counters;
    if (keys.length === 0 || this.generation !== frequent.generation) {
      keys = new Float64Array(NUMBER_SLOTS);
      counters = new Array<Counter | undefined>(NUMBER_SLOTS).fill(undefined);
      this.keys = keys;
      this.counters = counters;
      this.generation = frequent.generation;
    }
    // perf: pending-counts — a hit writes a typed array, not a counter object on the heap.
    // A hit adds to `counts` (its slot listed in `touched`), which go to the counters before the
    // frequent items are touched (that may purge, which reads every count) and at the end.
    const counts = this.counts;
    const touched = this.touched;
    let n = 0;
    // perf: purge-exit-adds-nothing — the loop is not thrown away at the first purge.
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
      if (column.kllMaterialized) return i;
      if (counter !== undefined) {
        counters[slot] = counter;
        keys[slot] = x;
      }
    }
    if (n > 0) addPendingCounts(counters, counts, touched, n);
    return m;
  }
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

/** The entries of the dictionary last given to addDictionaryStrings (a column chunk's), by index. */
export class DictionaryEntries {
  private dictionary: readonly string[] | undefined;
  private entries: Array<DictionaryEntry | undefined> = [];

  /** The entries of `dictionary`: kept while the same dictionary comes again, else new (none yet). */
  of(dictionary: readonly string[]): Array<DictionaryEntry | undefined> {
    if (this.dictionary !== dictionary) {
      this.dictionary = dictionary;
      this.entries = new Array<DictionaryEntry | undefined>(dictionary.length).fill(undefined);
    }
    return this.entries;
  }
}

/** A dictionary string as an entry: classified and hashed once per column chunk. */
export function dictionaryEntry(str: string): DictionaryEntry {
  return { str, c: classify(str), hash: hashString(str), counter: NO_COUNTER, generation: -1 };
}

export function sameBytes(a: Uint8Array, buf: Uint8Array, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== buf[start + i]) return false;
  return true;
}

function decode(buf: Uint8Array, start: number, end: number): string | null {
  // perf: ascii-latin1 — an ASCII cell is decoded without TextDecoder.
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

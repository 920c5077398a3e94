/**
 * Frequent items (Misra–Gries with batch purges), mergeable. Exact while a column has at most
 * CAPACITY distinct values — every categorical column drift tests need, and most integer-like
 * numeric ones, whose drift statistics are then exact too — and afterwards every reported count
 * underestimates the true count by at most `error`.
 */
export const FREQUENT_CAPACITY = 4096;

export type Item = string | number | boolean;

export interface FrequentJson {
  kind: "frequent";
  exact: boolean;
  /** Upper bound on how much any reported count undercounts. */
  error: number;
  items: Array<[Item, number]>;
}

/** A mutable count, so a hit costs one map lookup — or none, for a caller that keeps it. */
export interface Counter {
  c: number;
}

export class FrequentItems {
  private readonly map = new Map<Item, Counter>();
  exact = true;
  error = 0;
  /** Increments on every purge: a counter kept from before may have been dropped. */
  generation = 0;
  /** Called once with every item and count, just before the first purge loses some (see ColumnProfile). */
  beforeFirstPurge: ((entries: Iterable<[Item, number]>) => void) | undefined;

  constructor() {
    // perf: fields-change-once — optimised loops survive the first purge (core/data/PERFORMANCE.md).
    // Each field changes once here, so V8 does not treat it as a constant: optimised loops that read
    // it would otherwise be thrown away (and compiled again) at the first purge.
    this.exact = false;
    this.exact = true;
    this.generation = -1;
    this.generation = 0;
    this.error = -1;
    this.error = 0;
  }

  add(item: Item, count = 1): void {
    this.touch(item, count);
  }

  /** Adds to an item's count and returns its counter while it survives the purge this may cause. */
  touch(item: Item, count = 1): Counter | undefined {
    const counter = this.map.get(item);
    if (counter !== undefined) {
      counter.c += count;
      return counter;
    }
    const fresh = { c: count };
    this.map.set(item, fresh);
    if (this.map.size > FREQUENT_CAPACITY) {
      this.purge();
      return this.map.get(item);
    }
    return fresh;
  }

  /** Subtracts the median count from every item and drops those at or below zero (amortised O(1)). */
  private purge(): void {
    if (this.exact) this.beforeFirstPurge?.([...this.map].map(([k, v]) => [k, v.c] as [Item, number]));
    this.generation++;
    const sorted = Float64Array.from(this.map.values(), (x) => x.c).sort();
    const cut = sorted[Math.floor(sorted.length / 2)] as number;
    for (const [k, counter] of this.map) {
      if (counter.c <= cut) this.map.delete(k);
      else counter.c -= cut;
    }
    this.exact = false;
    this.error += cut;
  }

  /** Every tracked item and its count (all items, exactly, while `exact`). */
  get counts(): Map<Item, number> {
    const out = new Map<Item, number>();
    for (const [k, v] of this.map) out.set(k, v.c);
    return out;
  }

  /** Every tracked item (all distinct items while `exact`). */
  keys(): IterableIterator<Item> {
    return this.map.keys();
  }

  get size(): number {
    return this.map.size;
  }

  /** The most frequent items, count descending, ties by value for stable output. */
  top(n: number): Array<{ value: Item; count: number }> {
    if (n <= 0) return [];
    // Only items counted at least as often as the n-th most frequent can place: sort those alone
    // (a full sort of 4096 items by locale order cost tens of milliseconds per report).
    const counts = Float64Array.from(this.map.values(), (x) => x.c).sort();
    const least = counts.length > n ? (counts[counts.length - n] as number) : 0;
    return [...this.map]
      .filter((e) => e[1].c >= least)
      .sort((a, b) => b[1].c - a[1].c || String(a[0]).localeCompare(String(b[0])))
      .slice(0, n)
      .map(([value, counter]) => ({ value, count: counter.c }));
  }

  merge(other: FrequentItems): void {
    if (this.map.size === 0 && this.exact && other.map.size <= FREQUENT_CAPACITY) {
      // Into an empty one (a profile read back): the same as adding each, without the checks.
      for (const [k, counter] of other.map) this.map.set(k, { c: counter.c });
      this.exact = other.exact;
      this.error += other.error;
      return;
    }
    for (const [k, counter] of other.map) this.add(k, counter.c);
    if (!other.exact) this.exact = false;
    this.error += other.error;
  }

  toJSON(): FrequentJson {
    return {
      kind: "frequent",
      exact: this.exact,
      error: this.error,
      items: [...this.map].map(([k, v]) => [k, v.c]),
    };
  }

  static fromJSON(json: FrequentJson): FrequentItems {
    const f = new FrequentItems();
    for (const [k, c] of json.items) f.map.set(k, { c });
    f.exact = json.exact;
    f.error = json.error;
    return f;
  }
}

// perf: warm-at-load — every path of touch seen before the hot loops are optimised.
// The per-column loops are optimised with `touch` inlined. A path of it the JIT has not seen by
// then — an item counted before but no longer in the caller's cache, the first purge — throws
// those loops away where it is first met, some way into a file, and they are compiled again. One
// throwaway run of every path when this module loads (a few milliseconds) gives it all of them.
{
  const warm = new FrequentItems();
  for (let i = 1; i <= FREQUENT_CAPACITY + 1; i++) {
    warm.touch(i);
    warm.touch(0);
  }
  warm.touch(0);
}

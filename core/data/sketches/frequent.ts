/**
 * Frequent items (Misra–Gries with batch purges), mergeable. Exact while a column has at most
 * CAPACITY distinct values — the categorical columns drift tests need — and afterwards every
 * reported count underestimates the true count by at most `error` (n / (CAPACITY/2) at worst).
 */
export const FREQUENT_CAPACITY = 512;

export type Item = string | number | boolean;

export interface FrequentJson {
  kind: "frequent";
  exact: boolean;
  /** Upper bound on how much any reported count undercounts. */
  error: number;
  items: Array<[Item, number]>;
}

/** A mutable count, so a hit costs one map lookup. */
interface Counter {
  c: number;
}

export class FrequentItems {
  private readonly map = new Map<Item, Counter>();
  exact = true;
  error = 0;

  add(item: Item, count = 1): void {
    const counter = this.map.get(item);
    if (counter !== undefined) {
      counter.c += count;
      return;
    }
    this.map.set(item, { c: count });
    if (this.map.size > FREQUENT_CAPACITY) this.purge();
  }

  /** Subtracts the median count from every item and drops those at or below zero (amortised O(1)). */
  private purge(): void {
    const sorted = [...this.map.values()].map((x) => x.c).sort((a, b) => a - b);
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
    return new Map([...this.map].map(([k, v]) => [k, v.c]));
  }

  get size(): number {
    return this.map.size;
  }

  /** The most frequent items, count descending, ties by value for stable output. */
  top(n: number): Array<{ value: Item; count: number }> {
    return [...this.map]
      .sort((a, b) => b[1].c - a[1].c || String(a[0]).localeCompare(String(b[0])))
      .slice(0, n)
      .map(([value, counter]) => ({ value, count: counter.c }));
  }

  merge(other: FrequentItems): void {
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

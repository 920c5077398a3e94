/**
 * A column's numbers as drift tests and quantiles see them: the exact empirical distribution while
 * the frequent items still hold every number with its count, the quantile sketch afterwards (see
 * ColumnProfile.distribution).
 */
import type { Item } from "./sketches/frequent.js";

/** What drift tests and quantiles need of a column's numbers. */
export interface Distribution {
  readonly n: number;
  cdf(x: number): number;
  quantile(q: number): number;
  /** Ascending distinct values where the CDF steps. */
  points(): Float64Array;
}

/** The exact empirical distribution of numbers kept with their counts. */
export class ExactDistribution implements Distribution {
  private readonly values: Float64Array;
  private readonly cumulative: Float64Array;
  readonly n: number;

  constructor(counts: Map<Item, number>) {
    // perf: native-sort — a typed array's sort without a comparator, not pairs sorted by a closure.
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

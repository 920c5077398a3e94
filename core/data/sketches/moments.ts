/** Exact count, mean, M2 (Welford), min and max — mergeable with Chan's parallel update. */
export interface MomentsJson {
  n: number;
  mean: number;
  m2: number;
  min: number;
  max: number;
}

export class Moments {
  n = 0;
  // perf: double-fields — no hidden-class change mid-file (core/data/PERFORMANCE.md).
  // Double fields from the start (NaN, then 0): a field that changes from small integer to double
  // later changes the hidden class of every Moments, which costs the optimised loops a recompile.
  mean = Number.NaN;
  m2 = Number.NaN;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;

  constructor() {
    this.mean = 0;
    this.m2 = 0;
  }

  add(x: number): void {
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  /** `add` for values[from..to), in order: the same arithmetic, so the same result bit for bit. */
  addMany(values: Float64Array, from: number, to: number): void {
    let { n, mean, m2, min, max } = this;
    for (let i = from; i < to; i++) {
      const x = values[i] as number;
      n++;
      const d = x - mean;
      mean += d / n;
      m2 += d * (x - mean);
      if (x < min) min = x;
      if (x > max) max = x;
    }
    this.n = n;
    this.mean = mean;
    this.m2 = m2;
    this.min = min;
    this.max = max;
  }

  merge(o: Moments | MomentsJson): void {
    if (o.n === 0) return;
    if (this.n === 0) {
      Object.assign(this, { n: o.n, mean: o.mean, m2: o.m2, min: o.min, max: o.max });
      return;
    }
    const n = this.n + o.n;
    const d = o.mean - this.mean;
    this.mean += (d * o.n) / n;
    this.m2 += o.m2 + (d * d * this.n * o.n) / n;
    this.n = n;
    this.min = Math.min(this.min, o.min);
    this.max = Math.max(this.max, o.max);
  }

  /** Population standard deviation (ddof 0), as Evidently normalises Wasserstein distances. */
  get std(): number {
    return this.n > 0 ? Math.sqrt(this.m2 / this.n) : Number.NaN;
  }

  toJSON(): MomentsJson | null {
    return this.n === 0 ? null : { n: this.n, mean: this.mean, m2: this.m2, min: this.min, max: this.max };
  }
}

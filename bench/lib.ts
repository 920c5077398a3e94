/**
 * Pure helpers of the benchmark harness: statistics over repeated runs, the drift distances computed
 * from DuckDB's aggregates, and the markdown rendering. No I/O here, so test/bench covers it in CI
 * without running the benchmark.
 */

/** The 7 profile quantiles of report.json, in its key order. */
export const PROFILE_PROBS = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;

/** How many quantiles per side feed the Wasserstein distance. */
export const DRIFT_QUANTILES = 1000;

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function minimum(xs: readonly number[]): number {
  return xs.length === 0 ? Number.NaN : Math.min(...xs);
}

/**
 * Midpoints of n equal probability slices, (i + 0.5) / n: the quantile function sampled there turns
 * ∫₀¹ |Qa(p) − Qb(p)| dp into a plain mean (midpoint rule) without touching the open ends 0 and 1.
 */
export function midpointProbs(n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i + 0.5) / n);
}

/**
 * Wasserstein-1 distance from the two quantile functions sampled at the same midpoint probabilities:
 * W1 = ∫₀¹ |Qa(p) − Qb(p)| dp, which is what scipy's wasserstein_distance computes from the samples.
 */
export function wassersteinFromQuantiles(qa: readonly number[], qb: readonly number[]): number {
  if (qa.length !== qb.length || qa.length === 0) {
    throw new Error(`quantile lists differ in length or are empty (${qa.length} vs ${qb.length})`);
  }
  let sum = 0;
  for (let i = 0; i < qa.length; i++) sum += Math.abs((qa[i] as number) - (qb[i] as number));
  return sum / qa.length;
}

/** Evidently's normed Wasserstein: the distance over the reference's population std, floored at 0.001. */
export function normalizedWasserstein(
  ref: readonly number[],
  cur: readonly number[],
  refStd: number,
): number {
  return wassersteinFromQuantiles(ref, cur) / Math.max(refStd, 0.001);
}

/**
 * Jensen–Shannon distance (the square root of the divergence, base 2, so within [0, 1]) between two
 * categorical samples given as value → count. Values missing on one side count as 0 there.
 */
export function jensenShannonDistance(
  ref: ReadonlyMap<string, number>,
  cur: ReadonlyMap<string, number>,
): number {
  const total = (m: ReadonlyMap<string, number>) => {
    let t = 0;
    for (const c of m.values()) t += c;
    return t;
  };
  const nRef = total(ref);
  const nCur = total(cur);
  if (nRef === 0 || nCur === 0) throw new Error("Jensen–Shannon distance of an empty sample");
  const keys = new Set([...ref.keys(), ...cur.keys()]);
  let divergence = 0;
  for (const k of keys) {
    const p = (ref.get(k) ?? 0) / nRef;
    const q = (cur.get(k) ?? 0) / nCur;
    const m = (p + q) / 2;
    if (p > 0) divergence += 0.5 * p * Math.log2(p / m);
    if (q > 0) divergence += 0.5 * q * Math.log2(q / m);
  }
  // Rounding can leave a tiny negative divergence for identical samples.
  return Math.sqrt(Math.max(divergence, 0));
}

/** The n most frequent values, ties broken by value so runs agree. */
export function topK(freq: ReadonlyMap<string, number>, k: number): Array<{ value: string; count: number }> {
  return [...freq]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, k)
    .map(([value, count]) => ({ value, count }));
}

export function formatSeconds(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return "—";
  return s < 10 ? s.toFixed(2) : s.toFixed(1);
}

/** Ratio a/b as "0.42×"; "—" when either side has no figure. */
export function formatRatio(a: number | null, b: number | null): string {
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return "—";
  const r = a / b;
  return `${r < 10 ? r.toFixed(2) : r.toFixed(1)}×`;
}

/** Kilobytes (as getrusage reports maxRSS) to whole MB (MiB). */
export function formatMB(kb: number | null): string {
  if (kb === null || !Number.isFinite(kb)) return "—";
  return (kb / 1024).toFixed(0);
}

/** Rows per second with a metric suffix: 1.23 M. */
export function formatRate(rows: number, seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds <= 0) return "—";
  const r = rows / seconds;
  if (r >= 1e6) return `${(r / 1e6).toFixed(2)} M`;
  if (r >= 1e3) return `${(r / 1e3).toFixed(0)} k`;
  return r.toFixed(0);
}

/** A markdown table; cells are taken as they are (callers escape nothing: our cells hold no pipes). */
export function markdownTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Replaces what lies between two marker lines (markers kept); appends both when absent. */
export function replaceBetweenMarkers(doc: string, start: string, end: string, content: string): string {
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  const block = `${start}\n${content.trimEnd()}\n${end}`;
  if (i === -1 || j === -1 || j < i) return `${doc.trimEnd()}\n\n${block}\n`;
  return doc.slice(0, i) + block + doc.slice(j + end.length);
}

/** An exact empirical distribution: sorted distinct values and how often each occurs. */
export interface Distribution {
  values: readonly number[];
  counts: readonly number[];
}

function totalOf(d: Distribution): number {
  let n = 0;
  for (const c of d.counts) n += c;
  return n;
}

/**
 * Exact Wasserstein-1 between two empirical distributions: ∫ |Fa(x) − Fb(x)| dx, walking the merged
 * distinct values (scipy's algorithm). The oracle the sketches are judged against.
 */
export function exactWasserstein(a: Distribution, b: Distribution): number {
  const na = totalOf(a);
  const nb = totalOf(b);
  let i = 0;
  let j = 0;
  let ca = 0;
  let cb = 0;
  let sum = 0;
  let prev: number | null = null;
  while (i < a.values.length || j < b.values.length) {
    const va = i < a.values.length ? (a.values[i] as number) : Number.POSITIVE_INFINITY;
    const vb = j < b.values.length ? (b.values[j] as number) : Number.POSITIVE_INFINITY;
    const x = Math.min(va, vb);
    if (prev !== null) sum += Math.abs(ca / na - cb / nb) * (x - prev);
    if (va === x) ca += a.counts[i++] as number;
    if (vb === x) cb += b.counts[j++] as number;
    prev = x;
  }
  return sum;
}

/** Exact mean and population std (ddof 0) of a distribution, two passes for accuracy. */
export function exactMoments(d: Distribution): { n: number; mean: number; std: number } {
  const n = totalOf(d);
  let s = 0;
  for (let i = 0; i < d.values.length; i++) s += (d.values[i] as number) * (d.counts[i] as number);
  const mean = s / n;
  let m2 = 0;
  for (let i = 0; i < d.values.length; i++)
    m2 += (d.counts[i] as number) * ((d.values[i] as number) - mean) ** 2;
  return { n, mean, std: Math.sqrt(m2 / n) };
}

/**
 * Worst rank error of values claimed as quantiles, [v, p] pairs: how far p lies outside
 * [F(v⁻), F(v)], the fractions of values below and up to v. 0 when v is an exact p-quantile (ties make
 * that an interval, not a point).
 */
export function maxRankError(
  d: Distribution,
  claims: ReadonlyArray<readonly [v: number, p: number]>,
): number {
  const cum: number[] = [];
  let n = 0;
  for (const c of d.counts) {
    n += c;
    cum.push(n);
  }
  // Index of the first distinct value ≥ v (or > v when strict).
  const search = (v: number, strict: boolean) => {
    let lo = 0;
    let hi = d.values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const x = d.values[mid] as number;
      if (strict ? x <= v : x < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let worst = 0;
  for (const [v, p] of claims) {
    const i = search(v, false);
    const j = search(v, true);
    const below = i === 0 ? 0 : (cum[i - 1] as number) / n;
    const upTo = j === 0 ? 0 : (cum[j - 1] as number) / n;
    worst = Math.max(worst, p < below ? below - p : p > upTo ? p - upTo : 0);
  }
  return worst;
}

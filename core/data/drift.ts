/**
 * Drift of a current column against its reference, from the profiles' sketches.
 *
 * Method choice follows Evidently's default: with a reference of ≤ 1000 rows, p-value tests (KS for
 * numeric columns with > 5 distinct values, chi-square for categories with > 2 values, else a
 * two-proportion z-test), drifted when p < threshold (0.05); with a larger reference, distances
 * (Wasserstein normalised by the reference's population std for numeric, Jensen–Shannon, base 2,
 * for categorical), drifted when distance ≥ threshold (0.1). PSI is drifted at ≥ threshold (0.1).
 *
 * Beyond Evidently: on big samples a p-value shrinks with n until any difference is "significant"
 * (evidently#50), so when both sides have more than 1000 rows a p-value test also needs an effect
 * size of at least 0.1 (KS D, Cramér's V, or the difference of proportions) to call drift. A random
 * split of one dataset is therefore never called drifted.
 */
import type { DRIFT_METHODS } from "../config/schema.js";
import type { ColumnProfile, ColumnType } from "./column.js";
import { chiSquareSurvival, ksPValue, normalSurvival } from "./stats.js";

export type DriftMethod = (typeof DRIFT_METHODS)[number];

export interface ColumnDrift {
  method: DriftMethod;
  statistic: number;
  p_value: number | null;
  threshold: number;
  drifted: boolean;
  /** For p-value tests on big samples: the effect size that also had to reach EFFECT_FLOOR. */
  effect?: number;
}

export const SMALL_REFERENCE = 1000;
export const EFFECT_FLOOR = 0.1;
const P_VALUE_METHODS = new Set<DriftMethod>(["ks", "chisquare", "z"]);

export function defaultThreshold(method: DriftMethod): number {
  return P_VALUE_METHODS.has(method) ? 0.05 : 0.1;
}

/** Which columns drift is measured on: numeric, categorical and boolean (not datetime or free text). */
export function driftable(type: ColumnType): boolean {
  return type === "numeric" || type === "categorical" || type === "boolean";
}

export function autoMethod(type: ColumnType, reference: ColumnProfile, referenceRows: number): DriftMethod {
  const distinct = distinctValues(reference, type);
  const numericLike = type === "numeric" && distinct > 5;
  if (referenceRows <= SMALL_REFERENCE) {
    if (numericLike) return "ks";
    return distinct > 2 ? "chisquare" : "z";
  }
  return numericLike ? "wasserstein" : "jensenshannon";
}

export function columnDrift(
  type: ColumnType,
  reference: ColumnProfile,
  current: ColumnProfile,
  method: DriftMethod,
  threshold: number,
): ColumnDrift {
  const numeric = type === "numeric" && reference.moments.n > 0 && current.moments.n > 0;
  switch (method) {
    case "ks": {
      if (!numeric) return categoricalTest("chisquare", reference, current, threshold);
      const d = ksStatistic(reference, current);
      const p = ksPValue(d, reference.moments.n, current.moments.n);
      return pValueVerdict("ks", d, p, threshold, d, reference.moments.n, current.moments.n);
    }
    case "wasserstein": {
      if (!numeric) return columnDrift(type, reference, current, "jensenshannon", threshold);
      const w = wasserstein(reference, current) / Math.max(reference.moments.std, 0.001);
      return { method, statistic: w, p_value: null, threshold, drifted: w >= threshold };
    }
    case "jensenshannon":
    case "psi": {
      const [p, q] = numeric ? numericBins(reference, current) : categoryShares(reference, current);
      const statistic = method === "psi" ? psi(p, q) : jensenShannon(p, q);
      return { method, statistic, p_value: null, threshold, drifted: statistic >= threshold };
    }
    default:
      return categoricalTest(method, reference, current, threshold);
  }
}

function pValueVerdict(
  method: DriftMethod,
  statistic: number,
  p: number,
  threshold: number,
  effect: number,
  n: number,
  m: number,
): ColumnDrift {
  const big = n > SMALL_REFERENCE && m > SMALL_REFERENCE;
  const drifted = p < threshold && (!big || effect >= EFFECT_FLOOR);
  return { method, statistic, p_value: p, threshold, drifted, ...(big ? { effect } : {}) };
}

function categoricalTest(
  method: "chisquare" | "z",
  reference: ColumnProfile,
  current: ColumnProfile,
  threshold: number,
): ColumnDrift {
  const { keys, ref, cur } = categoryCounts(reference, current);
  const n = ref.reduce((a, b) => a + b, 0);
  const m = cur.reduce((a, b) => a + b, 0);
  if (method === "z" && keys.length <= 2) {
    // Two-proportion z-test on the first category (Evidently's binary case).
    const p1 = (ref[0] ?? 0) / n;
    const p2 = (cur[0] ?? 0) / m;
    const pooled = ((ref[0] ?? 0) + (cur[0] ?? 0)) / (n + m);
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / m));
    const z = se === 0 ? 0 : (p1 - p2) / se;
    const p = 2 * normalSurvival(Math.abs(z));
    return pValueVerdict("z", Math.abs(z), p, threshold, Math.abs(p1 - p2), n, m);
  }
  // Goodness of fit of the current counts to the reference's shares (scipy.stats.chisquare).
  let chi = 0;
  for (let i = 0; i < keys.length; i++) {
    const expected = ((ref[i] as number) * m) / n;
    const observed = cur[i] as number;
    if (expected === 0) {
      if (observed > 0) chi = Number.POSITIVE_INFINITY;
      continue;
    }
    chi += (observed - expected) ** 2 / expected;
  }
  const dof = Math.max(1, keys.length - 1);
  const p = chiSquareSurvival(chi, dof);
  const cramersV = Number.isFinite(chi) ? Math.sqrt(chi / (m * dof)) : 1;
  return pValueVerdict("chisquare", chi, p, threshold, Math.min(1, cramersV), n, m);
}

/** Distinct values: exact from the frequent items while they are exact, else the HLL estimate. */
export function distinctValues(c: ColumnProfile, type: ColumnType): number {
  if (c.frequent.exact) {
    let n = 0;
    for (const k of c.frequent.keys()) if (type !== "numeric" || typeof k === "number") n++;
    return n;
  }
  return c.hll.estimate();
}

/** Counts per category on both sides; when a side's items are not exact the rest is "(other)". */
export function categoryCounts(reference: ColumnProfile, current: ColumnProfile) {
  const r = new Map<string, number>();
  const c = new Map<string, number>();
  for (const [k, v] of reference.frequent.counts) r.set(String(k), (r.get(String(k)) ?? 0) + v);
  for (const [k, v] of current.frequent.counts) c.set(String(k), (c.get(String(k)) ?? 0) + v);
  const present = (p: ColumnProfile) => p.count - p.missing;
  const rest = (p: ColumnProfile, m: Map<string, number>) =>
    present(p) - [...m.values()].reduce((a, b) => a + b, 0);
  const other = "\u0000(other)";
  if (rest(reference, r) > 0) r.set(other, rest(reference, r));
  if (rest(current, c) > 0) c.set(other, rest(current, c));
  const keys = [...new Set([...r.keys(), ...c.keys()])].sort();
  return { keys, ref: keys.map((k) => r.get(k) ?? 0), cur: keys.map((k) => c.get(k) ?? 0) };
}

function categoryShares(reference: ColumnProfile, current: ColumnProfile): [number[], number[]] {
  const { ref, cur } = categoryCounts(reference, current);
  return [normalise(ref), normalise(cur)];
}

function normalise(counts: number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  return counts.map((c) => c / total);
}

/** sup |F_ref − F_cur| over every point where either estimated CDF steps. */
export function ksStatistic(reference: ColumnProfile, current: ColumnProfile): number {
  const r = reference.distribution();
  const c = current.distribution();
  let d = 0;
  for (const dist of [r, c]) for (const x of dist.points()) d = Math.max(d, Math.abs(r.cdf(x) - c.cdf(x)));
  return d;
}

/** W1 = ∫ |F_ref(x) − F_cur(x)| dx over the union of both sketches' points (exact for exact sketches). */
export function wasserstein(reference: ColumnProfile, current: ColumnProfile): number {
  const r = reference.distribution();
  const c = current.distribution();
  const points = [...new Set([...r.points(), ...c.points()])].sort((a, b) => a - b);
  let w = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const x = points[i] as number;
    w += Math.abs(r.cdf(x) - c.cdf(x)) * ((points[i + 1] as number) - x);
  }
  return w;
}

/** Sturges bins over the combined range (as Evidently bins numeric columns), shares from the sketches. */
function numericBins(reference: ColumnProfile, current: ColumnProfile): [number[], number[]] {
  const lo = Math.min(reference.moments.min, current.moments.min);
  const hi = Math.max(reference.moments.max, current.moments.max);
  const bins = Math.ceil(Math.log2(reference.moments.n + current.moments.n) + 1);
  if (!(hi > lo)) return [[1], [1]];
  const shares = (p: ColumnProfile) => {
    const out: number[] = [];
    let prev = 0;
    for (let b = 1; b <= bins; b++) {
      const edge = b === bins ? hi : lo + ((hi - lo) * b) / bins;
      const f = b === bins ? 1 : p.distribution().cdf(edge);
      out.push(Math.max(0, f - prev));
      prev = f;
    }
    return out;
  };
  return [shares(reference), shares(current)];
}

/** Jensen–Shannon distance, base 2 (scipy.spatial.distance.jensenshannon). */
export function jensenShannon(p: number[], q: number[]): number {
  let js = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i] as number;
    const b = q[i] as number;
    const m = (a + b) / 2;
    if (a > 0) js += 0.5 * a * Math.log2(a / m);
    if (b > 0) js += 0.5 * b * Math.log2(b / m);
  }
  return Math.sqrt(Math.max(0, js));
}

/** Population stability index; empty bins count as 0.0001 (as Evidently does). */
export function psi(reference: number[], current: number[]): number {
  let s = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = Math.max(reference[i] as number, 0.0001);
    const c = Math.max(current[i] as number, 0.0001);
    s += (c - r) * Math.log(c / r);
  }
  return s;
}

/**
 * Exact binomial and multinomial draws from a uniform stream: numpy's legacy algorithms (what
 * `numpy.random.binomial` ran for a decade), so the sampler is a known one. Inversion when n·p ≤ 30;
 * otherwise BTPE (Kachitvichyanukul & Schmeiser 1988, "Binomial random variate generation"), whose
 * expected cost does not grow with n. Both are exact: they draw from Binomial(n, p) itself, not an
 * approximation of it.
 */
import type { Rng } from "./prng.js";

/** X ~ Binomial(n, p), n a non-negative integer. */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n === 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p <= 0.5) return n * p <= 30 ? inversion(rng, n, p) : btpe(rng, n, p);
  const q = 1 - p;
  return n - (n * q <= 30 ? inversion(rng, n, q) : btpe(rng, n, q));
}

/** Sequential search of the CDF from 0 (numpy's random_binomial_inversion), p ≤ 0.5, n·p ≤ 30. */
function inversion(rng: Rng, n: number, p: number): number {
  const q = 1 - p;
  const qn = Math.exp(n * Math.log1p(-p));
  const np = n * p;
  const bound = Math.floor(Math.min(n, np + 10 * Math.sqrt(np * q + 1)));
  let x = 0;
  let px = qn;
  let u = rng();
  while (u > px) {
    x++;
    if (x > bound) {
      x = 0;
      px = qn;
      u = rng();
    } else {
      u -= px;
      px = ((n - x + 1) * p * px) / (x * q);
    }
  }
  return x;
}

const stirlingTail = (a: number, a2: number) =>
  (13680 - (462 - (132 - (99 - 140 / a2) / a2) / a2) / a2) / a / 166320;

/** BTPE (numpy's random_binomial_btpe), p ≤ 0.5, n·p > 30: triangle, parallelograms, exponential tails. */
function btpe(rng: Rng, n: number, p: number): number {
  const r = p;
  const q = 1 - r;
  const fm = n * r + r;
  const m = Math.floor(fm);
  const p1 = Math.floor(2.195 * Math.sqrt(n * r * q) - 4.6 * q) + 0.5;
  const xm = m + 0.5;
  const xl = xm - p1;
  const xr = xm + p1;
  const c = 0.134 + 20.5 / (15.3 + m);
  let a = (fm - xl) / (fm - xl * r);
  const laml = a * (1 + a / 2);
  a = (xr - fm) / (xr * q);
  const lamr = a * (1 + a / 2);
  const p2 = p1 * (1 + 2 * c);
  const p3 = p2 + c / laml;
  const p4 = p3 + c / lamr;
  const nrq = n * r * q;
  for (;;) {
    const u = rng() * p4;
    let v = rng();
    let y: number;
    if (u <= p1) return Math.floor(xm - p1 * v + u); // the triangle: accepted outright
    if (u <= p2) {
      const x = xl + (u - p1) / c;
      v = v * c + 1 - Math.abs(m - x + 0.5) / p1;
      if (v > 1) continue;
      y = Math.floor(x);
    } else if (u <= p3) {
      y = Math.floor(xl + Math.log(v) / laml);
      if (y < 0 || v === 0) continue;
      v = v * (u - p2) * laml;
    } else {
      y = Math.floor(xr - Math.log(v) / lamr);
      if (y > n || v === 0) continue;
      v = v * (u - p3) * lamr;
    }
    const k = Math.abs(y - m);
    if (k <= 20 || k >= nrq / 2 - 1) {
      // Explicit evaluation of f(y) / f(m).
      const s = r / q;
      const aa = s * (n + 1);
      let f = 1;
      if (m < y) for (let i = m + 1; i <= y; i++) f *= aa / i - s;
      else if (m > y) for (let i = y + 1; i <= m; i++) f /= aa / i - s;
      if (v > f) continue;
      return y;
    }
    // Squeeze on log f(y) / f(m), then the Stirling-formula bound.
    const rho = (k / nrq) * ((k * (k / 3 + 0.625) + 0.16666666666666666) / nrq + 0.5);
    const t = (-k * k) / (2 * nrq);
    const logV = Math.log(v);
    if (logV < t - rho) return y;
    if (logV > t + rho) continue;
    const x1 = y + 1;
    const f1 = m + 1;
    const z = n + 1 - m;
    const w = n - y + 1;
    const bound =
      xm * Math.log(f1 / x1) +
      (n - m + 0.5) * Math.log(z / w) +
      (y - m) * Math.log((w * r) / (x1 * q)) +
      stirlingTail(f1, f1 * f1) +
      stirlingTail(z, z * z) +
      stirlingTail(x1, x1 * x1) +
      stirlingTail(w, w * w);
    if (logV > bound) continue;
    return y;
  }
}

/**
 * (X₀ … X_{m−1}) ~ Multinomial(n; counts / Σcounts) into `out`, by sequential conditional binomials:
 * X_j ~ Binomial(n − X₀ − … − X_{j−1}, counts[j] / (counts[j] + … + counts[m−1])). A bootstrap
 * resample's count of each distinct row kind has exactly this law.
 */
export function multinomial(
  rng: Rng,
  n: number,
  counts: Float64Array,
  total: number,
  out: Float64Array | Int32Array,
): void {
  let left = n;
  let rest = total;
  for (let j = 0; j < counts.length; j++) {
    const c = counts[j] as number;
    if (left === 0 || c === 0) {
      out[j] = 0;
    } else if (c >= rest) {
      out[j] = left;
      left = 0;
    } else {
      const x = binomial(rng, left, c / rest);
      out[j] = x;
      left -= x;
    }
    rest -= c;
  }
}

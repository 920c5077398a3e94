/**
 * A small seeded PRNG (mulberry32): the same seed gives the same resamples on every machine and
 * Node version, so the same inputs always give the same verdict. Not for anything secret.
 */
export type Rng = () => number;

/** Uniform in [0, 1), 32 bits of state. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string: mixes the metric's name into the seed so metrics get independent streams. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The stream for one metric: independent of which other metrics the policy names, and their order. */
export function rngFor(seed: number, metric: string): Rng {
  return mulberry32((seed ^ fnv1a(metric)) >>> 0);
}

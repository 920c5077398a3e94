/**
 * A small seeded PRNG (mulberry32): the same seed gives the same resamples on every machine and
 * Node version, so the same inputs always give the same verdict. Not for anything secret.
 */
export type Rng = () => number;

/** mulberry32's step: its state advances by this constant per number drawn (a counter, mod 2^32). */
export const MULBERRY32_STEP = 0x6d2b79f5;

/** Uniform in [0, 1), 32 bits of state. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + MULBERRY32_STEP) >>> 0;
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

/**
 * The initial mulberry32 state of one metric's stream: `rngFor(seed, metric)` starts from it, and so
 * do the bootstrap's hot loops that step mulberry32 inline (sig-rows.ts) — the same sequence.
 */
export function streamSeed(seed: number, metric: string): number {
  return (seed ^ fnv1a(metric)) >>> 0;
}

/** The stream for one metric: independent of which other metrics the policy names, and their order. */
export function rngFor(seed: number, metric: string): Rng {
  return mulberry32(streamSeed(seed, metric));
}

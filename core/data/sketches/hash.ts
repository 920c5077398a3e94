/** 32-bit hashes for HyperLogLog: strings by UTF-16 code unit (so every reader agrees), numbers by value. */

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** murmur3-style mixing over UTF-16 code units. */
export function hashString(s: string): number {
  let h = 0x811c9dc5 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  return fmix(h);
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Numbers hash by value: 1, 1.0 and 1e0 are one value. */
export function hashNumber(x: number): number {
  f64[0] = x === 0 ? 0 : x; // -0 and 0 are one value
  return fmix(Math.imul(u32[0] ?? 0, 0x9e3779b1) ^ fmix((u32[1] ?? 0) + 0x7f4a7c15));
}

/** FNV-1a over raw bytes: only for interning repeated CSV fields, never persisted. */
export function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (buf[i] as number), 0x01000193);
  return h >>> 0;
}

/**
 * The paired bootstrap of a mean of per-example values (a per-example loss column; mae, mse, rmse),
 * row by row in typed arrays, with nothing allocated per resample.
 *
 * A resample draws n rows with replacement. Drawing them one uniform index at a time is a random
 * read all over the column (cache misses) and one PRNG call per row. Instead the rows are cut into
 * blocks of 1,024 consecutive rows; how many of the n draws land in each block is one multinomial
 * draw over the blocks (sequential binomials, sig-binomial.ts), and the draws within a block are
 * uniform over its rows — 10 bits each, three from one 32-bit mulberry32 number, reading a block
 * that sits in the L1 cache. Together that is exactly n independent uniform draws of a row: the
 * resample has the law of plain row resampling (test/core/gate/sig-equivalence.test.ts checks it).
 *
 * The stream is one mulberry32 sequence, used in batches of BATCH resamples: first the binomials of
 * the batch's resamples, in order; then each resample's draws, resample after resample. How many
 * numbers a resample's draws take is known once its block counts are (mulberry32 is a counter), so
 * each resample's first state is known in advance, and the draws of different resamples can run on
 * two threads — the results are the same whichever thread computes which resample.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { MULBERRY32_STEP, type Rng } from "./prng.js";
import { multinomial } from "./sig-binomial.js";

const BLOCK_BITS = 10;
const BLOCK = 1 << BLOCK_BITS;
/** Resamples planned at a time: bounds the plan's memory whatever `resamples` says. */
const BATCH = 256;
/**
 * Resamples a thread takes at a time, drawn block by block together (each block read once for all).
 * BATCH / GROUP must stay below 64: a batch's groups are counted in 6 bits of the offer word.
 */
const GROUP = 8;
/** Below this many row draws a second thread costs more than it saves. */
const THREAD_MIN_DRAWS = 1 << 26;

/**
 * The draws of `count` resamples from `first` — the one piece of code both threads run, kept as
 * source text so that the worker (started from it, bundle or not) and this thread run the very same
 * arithmetic. `width` 1: `d` holds one value per row, sums[2r] gets Σ; width 2: `d` holds (candidate,
 * baseline) pairs, sums[2r] and sums[2r + 1] get both sums. `counts` holds `blocks` counts per
 * resample, the last block `lastSize` rows long (BLOCK when all are full); `states` each resample's
 * first mulberry32 state.
 * perf: sig-row-blocks — three 10-bit draws per mulberry32 number within a 1,024-row block in L1
 * cache, a group of resamples per block pass, the sums in locals; a remainder block draws as rng()·size.
 */
const KERNEL = `function resampleGroup(d, width, blocks, lastSize, counts, states, first, count, sums, st, acc) {
  const STEP = ${MULBERRY32_STEP};
  const full = lastSize === ${BLOCK} ? blocks : blocks - 1;
  for (let q = 0; q < count; q++) {
    st[q] = states[first + q];
    acc[2 * q] = 0;
    acc[2 * q + 1] = 0;
  }
  for (let b = 0; b < full; b++) {
    const base = (b << ${BLOCK_BITS}) * width;
    for (let q = 0; q < count; q++) {
      let a = st[q];
      let k = counts[(first + q) * blocks + b];
      if (width === 1) {
        let s0 = 0, s1 = 0, s2 = 0;
        for (; k >= 3; k -= 3) {
          a = (a + STEP) | 0;
          let t = Math.imul(a ^ (a >>> 15), a | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          t ^= t >>> 14;
          s0 += d[base + (t & 1023)];
          s1 += d[base + ((t >>> 10) & 1023)];
          s2 += d[base + ((t >>> 20) & 1023)];
        }
        if (k > 0) {
          a = (a + STEP) | 0;
          let t = Math.imul(a ^ (a >>> 15), a | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          t ^= t >>> 14;
          s0 += d[base + (t & 1023)];
          if (k > 1) s1 += d[base + ((t >>> 10) & 1023)];
        }
        acc[2 * q] += s0 + s1 + s2;
      } else {
        let c0 = 0, b0 = 0, c1 = 0, b1 = 0, c2 = 0, b2 = 0;
        for (; k >= 3; k -= 3) {
          a = (a + STEP) | 0;
          let t = Math.imul(a ^ (a >>> 15), a | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          t ^= t >>> 14;
          const i = base + ((t & 1023) << 1);
          const j = base + (((t >>> 10) & 1023) << 1);
          const h = base + (((t >>> 20) & 1023) << 1);
          c0 += d[i]; b0 += d[i + 1];
          c1 += d[j]; b1 += d[j + 1];
          c2 += d[h]; b2 += d[h + 1];
        }
        if (k > 0) {
          a = (a + STEP) | 0;
          let t = Math.imul(a ^ (a >>> 15), a | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          t ^= t >>> 14;
          const i = base + ((t & 1023) << 1);
          c0 += d[i]; b0 += d[i + 1];
          if (k > 1) {
            const j = base + (((t >>> 10) & 1023) << 1);
            c1 += d[j]; b1 += d[j + 1];
          }
        }
        acc[2 * q] += c0 + c1 + c2;
        acc[2 * q + 1] += b0 + b1 + b2;
      }
      st[q] = a;
    }
  }
  if (full < blocks) {
    const base = (full << ${BLOCK_BITS}) * width;
    for (let q = 0; q < count; q++) {
      let a = st[q];
      let c = 0, s = 0;
      for (let k = counts[(first + q) * blocks + full]; k > 0; k--) {
        a = (a + STEP) | 0;
        let t = Math.imul(a ^ (a >>> 15), a | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const i = base + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * lastSize) * width;
        c += d[i];
        if (width === 2) s += d[i + 1];
      }
      acc[2 * q] += c;
      acc[2 * q + 1] += s;
    }
  }
  for (let q = 0; q < count; q++) {
    sums[2 * (first + q)] = acc[2 * q];
    sums[2 * (first + q) + 1] = acc[2 * q + 1];
  }
}`;

type Kernel = (
  d: Float64Array,
  width: number,
  blocks: number,
  lastSize: number,
  counts: Int32Array,
  states: Int32Array,
  first: number,
  count: number,
  sums: Float64Array,
  st: Int32Array,
  acc: Float64Array,
) => void;

let kernel: Kernel | null = null;
function kernelHere(): Kernel {
  kernel ??= new Function(`return (${KERNEL});`)() as Kernel;
  return kernel;
}

/**
 * Control words shared with the worker. OFFER packs the batch on offer: (batch << 12) | (groups <<
 * 6) | next group, -1 when there are no more. A claim is a compare-and-swap of next → next + 1, so
 * each group is claimed exactly once and a claim can never run past the batch's groups.
 */
const OFFER = 0;
const DONE = 1; // groups finished in the batch
const SIZE = 2; // resamples in the batch

/** Claims the next group of the batch on offer: its index, or -1 when none is left (or no batch). */
const CLAIM = `function claim(ctl) {
  for (;;) {
    const offer = Atomics.load(ctl, ${OFFER});
    if (offer < 0 || (offer & 63) >= ((offer >> 6) & 63)) return -1;
    if (Atomics.compareExchange(ctl, ${OFFER}, offer, offer + 1) === offer) return offer & 63;
  }
}`;

/** The worker: claims groups while a batch has some left, waits for the next offer, until it is -1. */
const WORKER = `const { workerData } = require("node:worker_threads");
const { ctl, d, width, blocks, lastSize, counts, states, sums, finished } = workerData;
const resampleGroup = (${KERNEL});
const claim = (${CLAIM});
const st = new Int32Array(${GROUP});
const acc = new Float64Array(${2 * GROUP});
for (;;) {
  const offer = Atomics.load(ctl, ${OFFER});
  if (offer < 0) break;
  const group = claim(ctl);
  if (group < 0) {
    Atomics.wait(ctl, ${OFFER}, offer);
    continue;
  }
  const first = group * ${GROUP};
  const count = Math.min(${GROUP}, Atomics.load(ctl, ${SIZE}) - first);
  resampleGroup(d, width, blocks, lastSize, counts, states, first, count, sums, st, acc);
  Atomics.store(finished, group, 1);
  Atomics.add(ctl, ${DONE}, 1);
  Atomics.notify(ctl, ${DONE});
}`;

let claimHere: ((ctl: Int32Array) => number) | null = null;

/** A worker that stopped answering is waited for this long before this thread does its share. */
const STALL_MS = 30_000;

/** Values the worker can read without a copy. */
export function sharedFloat64(length: number): Float64Array {
  return shared(Float64Array, length);
}

function shared<T extends Int32Array | Float64Array | Uint8Array>(
  Type: { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new Type(new SharedArrayBuffer(Math.max(1, length) * Type.BYTES_PER_ELEMENT));
}

/**
 * perf: sig-row-threads — a second thread draws half the resamples (claimed a group at a time, so
 * a busy core takes fewer), with the same results as one thread.
 * Each resample's sums of `d` (width 1: values; width 2: interleaved candidate and baseline values)
 * over its n draws, as [Σ, Σ'] pairs: sums[2r], sums[2r + 1].
 */
export function resampleSums(
  values: Float64Array,
  width: 1 | 2,
  opts: { resamples: number; state: number; threads?: number },
): Float64Array {
  const n = values.length / width;
  const blocks = Math.ceil(n / BLOCK);
  const lastSize = n - (blocks - 1) * BLOCK;
  const sizes = new Float64Array(blocks).fill(BLOCK);
  sizes[blocks - 1] = lastSize;
  const threads =
    opts.threads ?? (n * opts.resamples >= THREAD_MIN_DRAWS ? Math.min(2, availableParallelism()) : 1);
  const batch = Math.min(BATCH, opts.resamples);

  // The plan of a batch: block counts and first states; the worker reads them from shared memory.
  let ctl = shared(Int32Array, 3);
  let counts = shared(Int32Array, batch * blocks);
  let states = shared(Int32Array, batch);
  let sums = shared(Float64Array, 2 * batch);
  let finished = shared(Uint8Array, Math.ceil(batch / GROUP));
  let d = values;
  let worker: Worker | null = null;
  if (threads > 1) {
    if (!(values.buffer instanceof SharedArrayBuffer)) {
      d = shared(Float64Array, values.length);
      d.set(values);
    }
    try {
      worker = new Worker(WORKER, {
        eval: true,
        workerData: { ctl, d, width, blocks, lastSize, counts, states, sums, finished },
      });
      worker.unref();
      // A worker that fails leaves its groups to this thread; its error must not end the process.
      worker.on("error", () => {});
    } catch {
      worker = null; // this thread draws everything
    }
  }

  const run = kernelHere();
  claimHere ??= new Function(`return (${CLAIM});`)() as (ctl: Int32Array) => number;
  const claim = claimHere;
  const st = new Int32Array(GROUP);
  const acc = new Float64Array(2 * GROUP);
  const stream = sharedStream(opts.state);
  const out = new Float64Array(2 * opts.resamples);
  const row = new Int32Array(blocks);
  try {
    for (let start = 0, gen = 1; start < opts.resamples; start += batch, gen++) {
      const size = Math.min(batch, opts.resamples - start);
      // Plan: every resample's block counts, then each one's first state after the draws before it.
      for (let r = 0; r < size; r++) {
        multinomial(stream.rng, n, sizes, n, row);
        counts.set(row, r * blocks);
      }
      let state = stream.state[0] as number;
      for (let r = 0; r < size; r++) {
        states[r] = state;
        let uses = 0;
        for (let b = 0; b < blocks; b++) {
          const k = counts[r * blocks + b] as number;
          uses += lastSize < BLOCK && b === blocks - 1 ? k : Math.ceil(k / 3);
        }
        state = (state + Math.imul(MULBERRY32_STEP, uses % 4294967296)) | 0;
      }
      stream.state[0] = state;
      const groups = Math.ceil(size / GROUP);
      finished.fill(0);
      Atomics.store(ctl, SIZE, size);
      Atomics.store(ctl, DONE, 0);
      // The offer last: everything the worker reads for the batch is written before it.
      Atomics.store(ctl, OFFER, (gen << 12) | (groups << 6));
      Atomics.notify(ctl, OFFER);
      // This thread claims groups too.
      for (;;) {
        const group = claim(ctl);
        if (group < 0) break;
        const first = group * GROUP;
        run(d, width, blocks, lastSize, counts, states, first, Math.min(GROUP, size - first), sums, st, acc);
        Atomics.store(finished, group, 1);
        Atomics.add(ctl, DONE, 1);
      }
      // Wait for the worker's last group; if it stalls, draw what it left.
      let seen = Atomics.load(ctl, DONE);
      let since = Date.now();
      while (seen < groups && worker) {
        Atomics.wait(ctl, DONE, seen, 1000);
        const now = Atomics.load(ctl, DONE);
        if (now !== seen) {
          seen = now;
          since = Date.now();
        } else if (Date.now() - since > STALL_MS) {
          worker.terminate();
          worker = null;
        }
      }
      for (let group = 0; group < groups; group++) {
        if (Atomics.load(finished, group) === 1) continue;
        const first = group * GROUP;
        run(d, width, blocks, lastSize, counts, states, first, Math.min(GROUP, size - first), sums, st, acc);
      }
      out.set(sums.subarray(0, 2 * size), 2 * start);
      if (threads > 1 && worker === null) {
        // A stalled worker keeps the old buffers: the next batches get their own.
        ctl = shared(Int32Array, 3);
        counts = shared(Int32Array, batch * blocks);
        states = shared(Int32Array, batch);
        sums = shared(Float64Array, 2 * batch);
        finished = shared(Uint8Array, Math.ceil(batch / GROUP));
      }
    }
  } finally {
    Atomics.store(ctl, OFFER, -1);
    Atomics.notify(ctl, OFFER);
  }
  return out;
}

/**
 * One mulberry32 stream whose state the plan reads and moves (the binomials draw through `rng`).
 */
function sharedStream(seed: number): { state: Int32Array; rng: Rng } {
  const state = new Int32Array(1);
  state[0] = seed | 0;
  return {
    state,
    rng: () => {
      const a = ((state[0] as number) + MULBERRY32_STEP) | 0;
      state[0] = a;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Each resample's mean of `d` (the per-example candidate − baseline), unsorted. */
export function meanDeltas(
  d: Float64Array,
  opts: { resamples: number; state: number; threads?: number },
): Float64Array {
  const n = d.length;
  const sums = resampleSums(d, 1, opts);
  const deltas = new Float64Array(opts.resamples);
  for (let r = 0; r < deltas.length; r++) deltas[r] = (sums[2 * r] as number) / n;
  return deltas;
}

/**
 * Each resample's √mean(candidate) − √mean(baseline) (rmse from squared errors), `pairs` holding
 * candidate and baseline interleaved (one cache line serves both), unsorted.
 */
export function rootMeanDeltas(
  pairs: Float64Array,
  opts: { resamples: number; state: number; threads?: number },
): Float64Array {
  const n = pairs.length / 2;
  const sums = resampleSums(pairs, 2, opts);
  const deltas = new Float64Array(opts.resamples);
  for (let r = 0; r < deltas.length; r++) {
    deltas[r] = Math.sqrt((sums[2 * r] as number) / n) - Math.sqrt((sums[2 * r + 1] as number) / n);
  }
  return deltas;
}

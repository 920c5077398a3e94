import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  DatetimeBytesParser,
  SHORT_BYTES,
  classify,
  latin1,
  mayStartNumber,
  parseDatetimeBytes,
  parseNumberBytes,
  readCsv,
  readError
} from "./chunk-XNPVYGHD.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// core/data/sketches/hash.ts
function fmix(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  h = Math.imul(h, 3266489909);
  h ^= h >>> 16;
  return h >>> 0;
}
function hashString(s) {
  let h = 2166136261 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 1540483477);
    h ^= h >>> 15;
  }
  return fmix(h);
}
var f64 = new Float64Array(1);
var u32 = new Uint32Array(f64.buffer);
function hashNumber(x) {
  f64[0] = x === 0 ? 0 : x;
  return fmix(Math.imul(u32[0] ?? 0, 2654435761) ^ fmix((u32[1] ?? 0) + 2135587861));
}
function hashBytes(buf, start, end) {
  let h = 2166136261;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 16777619);
  return h >>> 0;
}

// core/data/column-caches.ts
var NO_COUNTER = { c: 0 };
function countEntry(entry, frequent) {
  const counter = frequent.touch(entry.str);
  if (counter === void 0) entry.generation = -1;
  else {
    entry.counter = counter;
    entry.generation = frequent.generation;
  }
}
var INTERN_LIMIT = 4096;
var INTERN_SLOTS = 1024;
var SHORT_BITS = 10;
var NUMBER_SLOTS = 4096;
var decoder = new TextDecoder("utf-8", { fatal: true });
function internCell(buf, start, end, byteHash) {
  const str = decode(buf, start, end);
  if (str === null) return void 0;
  return {
    // A copy: Buffer#slice is a view, and the reader reuses its buffer.
    bytes: Uint8Array.prototype.slice.call(buf, start, end),
    byteHash,
    str,
    c: classify(str),
    hash: hashString(str),
    counter: NO_COUNTER,
    generation: -1
  };
}
function shortSlot(key) {
  return Math.imul((key | 0) ^ (key / 4294967296 | 0), 2654435761) >>> 32 - SHORT_BITS;
}
var ShortCells = class {
  // perf: short-keys — a repeated short code costs no hashing and no byte comparison.
  keys = new Float64Array(1 << SHORT_BITS);
  entries = new Array(1 << SHORT_BITS).fill(void 0);
  // perf: short-typed-arrays — a repeated short code is counted without reading an object.
  // The common case reads no object: per slot, the frequent items' generation its string entry's
  // counter is valid for (-2: not a string), its length and hash, and counts not yet added to its
  // counter (`touched` lists those slots; they are added before anything else touches the
  // frequent items, which may purge, and before addCells returns).
  generations = new Float64Array(1 << SHORT_BITS).fill(-2);
  lengths = new Int32Array(1 << SHORT_BITS);
  hashes = new Float64Array(1 << SHORT_BITS);
  counts = new Int32Array(1 << SHORT_BITS);
  touched = new Int32Array(1 << SHORT_BITS);
  /** Adds the counts waiting at the first `n` touched slots to their entries' counters; returns 0. */
  addPending(n) {
    const counts = this.counts;
    const list = this.touched;
    for (let t = 0; t < n; t++) {
      const slot = list[t];
      this.entries[slot].counter.c += counts[slot];
      counts[slot] = 0;
    }
    return 0;
  }
  /** Keeps `entry`, just interned for `key`, at its slot; `generation` is the frequent items'. */
  keep(slot, key, entry, generation) {
    this.entries[slot] = entry;
    this.keys[slot] = key;
    this.lengths[slot] = entry.str.length;
    this.hashes[slot] = entry.hash;
    this.generations[slot] = entry.c.kind === 0 /* String */ && entry.generation === generation ? entry.generation : -2;
  }
};
var NumberCounters = class {
  // perf: number-counter-cache — a repeated number costs an array read, no Map lookup.
  // `keys` and `counters` are allocated at the first count, and anew (empty) after a purge.
  keys = new Float64Array(0);
  counters = [];
  counts = new Int32Array(NUMBER_SLOTS);
  touched = new Int32Array(NUMBER_SLOTS);
  generation = -1;
  /**
   * Counts numbers `values[from, m)` in the exact frequent items until the first purge moves them
   * to `column`'s quantile sketch; returns how many it counted (the one that caused the purge
   * included: it was replayed).
   */
  count(column, frequent, values, m, from) {
    let keys = this.keys;
    let counters = this.counters;
    if (keys.length === 0 || this.generation !== frequent.generation) {
      keys = new Float64Array(NUMBER_SLOTS);
      counters = new Array(NUMBER_SLOTS).fill(void 0);
      this.keys = keys;
      this.counters = counters;
      this.generation = frequent.generation;
    }
    const counts = this.counts;
    const touched = this.touched;
    let n = 0;
    for (let i = from; i < m; ) {
      const x = values[i++];
      const slot = Math.imul((x | 0) ^ (x / 4294967296 | 0), 2654435761) >>> 20;
      let counter = counters[slot];
      if (counter !== void 0 && keys[slot] === x) {
        const pending = counts[slot];
        counts[slot] = pending + 1;
        if (pending === 0) touched[n++] = slot;
        continue;
      }
      if (n > 0) n = addPendingCounts(counters, counts, touched, n);
      counter = frequent.touch(x);
      if (column.kllMaterialized) return i;
      if (counter !== void 0) {
        counters[slot] = counter;
        keys[slot] = x;
      }
    }
    if (n > 0) addPendingCounts(counters, counts, touched, n);
    return m;
  }
};
function addPendingCounts(counters, counts, touched, n) {
  for (let t = 0; t < n; t++) {
    const slot = touched[t];
    counters[slot].c += counts[slot];
    counts[slot] = 0;
  }
  return 0;
}
var DictionaryEntries = class {
  dictionary;
  entries = [];
  /** The entries of `dictionary`: kept while the same dictionary comes again, else new (none yet). */
  of(dictionary) {
    if (this.dictionary !== dictionary) {
      this.dictionary = dictionary;
      this.entries = new Array(dictionary.length).fill(void 0);
    }
    return this.entries;
  }
};
function dictionaryEntry(str) {
  return { str, c: classify(str), hash: hashString(str), counter: NO_COUNTER, generation: -1 };
}
function sameBytes(a, buf, start, end) {
  if (a.length !== end - start) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== buf[start + i]) return false;
  return true;
}
function decode(buf, start, end) {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (buf[i] >= 128) {
      ascii = false;
      break;
    }
  }
  if (ascii) return latin1(buf, start, end);
  try {
    return decoder.decode(buf.subarray(start, end));
  } catch {
    return null;
  }
}

// core/data/sketches/frequent.ts
var FREQUENT_CAPACITY = 4096;
var FrequentItems = class _FrequentItems {
  map = /* @__PURE__ */ new Map();
  exact = true;
  error = 0;
  /** Increments on every purge: a counter kept from before may have been dropped. */
  generation = 0;
  /** Called once with every item and count, just before the first purge loses some (see ColumnProfile). */
  beforeFirstPurge;
  constructor() {
    this.exact = false;
    this.exact = true;
    this.generation = -1;
    this.generation = 0;
    this.error = -1;
    this.error = 0;
  }
  add(item, count = 1) {
    this.touch(item, count);
  }
  /** Adds to an item's count and returns its counter while it survives the purge this may cause. */
  touch(item, count = 1) {
    const counter = this.map.get(item);
    if (counter !== void 0) {
      counter.c += count;
      return counter;
    }
    const fresh = { c: count };
    this.map.set(item, fresh);
    if (this.map.size > FREQUENT_CAPACITY) {
      this.purge();
      return this.map.get(item);
    }
    return fresh;
  }
  /** Subtracts the median count from every item and drops those at or below zero (amortised O(1)). */
  purge() {
    if (this.exact) this.beforeFirstPurge?.([...this.map].map(([k, v]) => [k, v.c]));
    this.generation++;
    const sorted = Float64Array.from(this.map.values(), (x) => x.c).sort();
    const cut = sorted[Math.floor(sorted.length / 2)];
    for (const [k, counter] of this.map) {
      if (counter.c <= cut) this.map.delete(k);
      else counter.c -= cut;
    }
    this.exact = false;
    this.error += cut;
  }
  /** Every tracked item and its count (all items, exactly, while `exact`). */
  get counts() {
    const out = /* @__PURE__ */ new Map();
    for (const [k, v] of this.map) out.set(k, v.c);
    return out;
  }
  /** Every tracked item (all distinct items while `exact`). */
  keys() {
    return this.map.keys();
  }
  get size() {
    return this.map.size;
  }
  /** The most frequent items, count descending, ties by value for stable output. */
  top(n) {
    if (n <= 0) return [];
    const counts = Float64Array.from(this.map.values(), (x) => x.c).sort();
    const least = counts.length > n ? counts[counts.length - n] : 0;
    return [...this.map].filter((e) => e[1].c >= least).sort((a, b) => b[1].c - a[1].c || String(a[0]).localeCompare(String(b[0]))).slice(0, n).map(([value, counter]) => ({ value, count: counter.c }));
  }
  merge(other) {
    if (this.map.size === 0 && this.exact && other.map.size <= FREQUENT_CAPACITY) {
      for (const [k, counter] of other.map) this.map.set(k, { c: counter.c });
      this.exact = other.exact;
      this.error += other.error;
      return;
    }
    for (const [k, counter] of other.map) this.add(k, counter.c);
    if (!other.exact) this.exact = false;
    this.error += other.error;
  }
  toJSON() {
    return {
      kind: "frequent",
      exact: this.exact,
      error: this.error,
      items: [...this.map].map(([k, v]) => [k, v.c])
    };
  }
  static fromJSON(json) {
    const f = new _FrequentItems();
    for (const [k, c] of json.items) f.map.set(k, { c });
    f.exact = json.exact;
    f.error = json.error;
    return f;
  }
};
{
  const warm = new FrequentItems();
  for (let i = 1; i <= FREQUENT_CAPACITY + 1; i++) {
    warm.touch(i);
    warm.touch(0);
  }
  warm.touch(0);
}

// core/data/sketches/hll.ts
var HLL_P = 12;
var M = 1 << HLL_P;
var ALPHA = 0.7213 / (1 + 1.079 / M);
var INVERSE_POWERS = Float64Array.from({ length: 256 }, (_, r) => 2 ** -r);
var HyperLogLog = class _HyperLogLog {
  registers;
  constructor(registers) {
    this.registers = registers ?? new Uint8Array(M);
  }
  add(hash) {
    const index = hash >>> 32 - HLL_P;
    const rest = hash << HLL_P | 1 << HLL_P - 1;
    const rank = Math.clz32(rest) + 1;
    if (rank > this.registers[index]) this.registers[index] = rank;
  }
  estimate() {
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < M; i++) {
      const r = this.registers[i];
      sum += INVERSE_POWERS[r];
      if (r === 0) zeros++;
    }
    const raw = ALPHA * M * M / sum;
    if (raw <= 2.5 * M && zeros > 0) return Math.round(M * Math.log(M / zeros));
    return Math.round(raw);
  }
  merge(other) {
    for (let i = 0; i < M; i++) {
      const r = other.registers[i];
      if (r > this.registers[i]) this.registers[i] = r;
    }
  }
  toJSON() {
    return { kind: "hll", p: HLL_P, registers: Buffer.from(this.registers).toString("base64") };
  }
  static fromJSON(json) {
    const bytes = Buffer.from(json.registers, "base64");
    if (json.p !== HLL_P || bytes.length !== M)
      throw new Error(`HyperLogLog with p=${json.p} is not supported`);
    return new _HyperLogLog(new Uint8Array(bytes));
  }
};

// core/data/sketches/prng.ts
var Xorshift32 = class {
  state;
  constructor(seed = 2654435769) {
    this.state = seed >>> 0 || 1;
  }
  next() {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
  bit() {
    return this.next() & 1;
  }
};

// core/data/sketches/kll.ts
var KLL_K = 1024;
var KLL_BUFFER = 2048;
var KLL_RANK_ERROR = 5 / KLL_K;
var SAMPLING_START = KLL_K * KLL_K / 2;
var Level = class {
  items = new Float64Array(KLL_K * 2);
  length = 0;
  push(x) {
    if (this.length === this.items.length) {
      const bigger = new Float64Array(this.items.length * 2);
      bigger.set(this.items);
      this.items = bigger;
    }
    this.items[this.length++] = x;
  }
  values() {
    return this.items.subarray(0, this.length);
  }
};
var KllSketch = class _KllSketch {
  n = 0;
  buffer = new Float64Array(KLL_BUFFER);
  bufferLength = 0;
  /** levels[h] for h ≥ 1; levels[0] is a placeholder (the buffer is level 0). */
  levels = [new Level()];
  rng;
  view = null;
  // The sampler: weight 2^sampleLevel, position in the current block, the position kept.
  sampleLevel = 0;
  blockSeen = 0;
  blockPick = 0;
  /** n at which the sampling weight may next double. */
  // perf: double-fields — no hidden-class change mid-file (core/data/PERFORMANCE.md).
  // Starts as a double (NaN) so that V8 gives the field a double representation from the start:
  // a field that turns from small integer to double later changes every sketch's hidden class,
  // and the optimised per-column loops are thrown away on meeting the old one.
  nextRaise = Number.NaN;
  constructor(seed) {
    this.rng = new Xorshift32(seed);
    this.nextRaise = SAMPLING_START;
  }
  add(x) {
    this.n++;
    this.view = null;
    if (this.sampleLevel === 0) {
      this.buffer[this.bufferLength++] = x;
      if (this.bufferLength === KLL_BUFFER) this.flush();
      return;
    }
    if (this.blockSeen === this.blockPick) this.level(this.sampleLevel).push(x);
    if (++this.blockSeen === 1 << this.sampleLevel) {
      this.blockSeen = 0;
      this.blockPick = this.rng.next() & (1 << this.sampleLevel) - 1;
      this.compactFrom(this.sampleLevel);
      this.raiseSampling();
    }
  }
  /** `add` for values[from..to), in order, with the same result: unsampled values are copied in bulk. */
  addMany(values, from, to) {
    this.view = null;
    let i = from;
    while (i < to) {
      if (this.sampleLevel !== 0) {
        this.add(values[i++]);
        continue;
      }
      const take = Math.min(to - i, KLL_BUFFER - this.bufferLength);
      this.buffer.set(values.subarray(i, i + take), this.bufferLength);
      this.bufferLength += take;
      this.n += take;
      i += take;
      if (this.bufferLength === KLL_BUFFER) this.flush();
    }
  }
  /** Raises the sampling weight while 2^(s+1) ≤ 2n/K², only at block boundaries. */
  raiseSampling() {
    if (this.n < this.nextRaise) return;
    const cap = 2 * this.n / (KLL_K * KLL_K);
    while (2 ** (this.sampleLevel + 1) <= cap) this.sampleLevel++;
    this.nextRaise = 2 ** (this.sampleLevel + 1) * KLL_K * KLL_K / 2;
    this.blockPick = this.rng.next() & (1 << this.sampleLevel) - 1;
  }
  /** Sorts the buffer and compacts it into level 1. */
  flush() {
    const sorted = sortRuns(this.buffer.subarray(0, this.bufferLength));
    const target = this.level(1);
    for (let i = this.rng.bit(); i < sorted.length; i += 2) target.push(sorted[i]);
    this.bufferLength = 0;
    this.compactFrom(1);
    if (this.sampleLevel === 0) this.raiseSampling();
  }
  /** Compacts level h and every level above it that overflows. */
  compactFrom(h) {
    for (let level = h; level < this.levels.length; level++) {
      const items = this.levels[level];
      if (items.length < KLL_K) return;
      const run = sortRuns(items.values());
      const odd = run.length % 2;
      const next = this.level(level + 1);
      for (let i = this.rng.bit(); i < run.length - odd; i += 2) next.push(run[i]);
      const kept = odd ? run[run.length - 1] : 0;
      items.length = 0;
      if (odd) items.push(kept);
    }
  }
  level(h) {
    while (this.levels.length <= h) this.levels.push(new Level());
    return this.levels[h];
  }
  /** Sorted values with cumulative weights, for rank and quantile queries. */
  sortedView() {
    if (this.view) return this.view;
    let size = this.bufferLength;
    for (let h = 1; h < this.levels.length; h++) size += this.levels[h].length;
    const order = new Float64Array(size);
    const weights = /* @__PURE__ */ new Map();
    const values = [];
    const pushAll = (a, w) => {
      for (let i = 0; i < a.length; i++) {
        const v = a[i];
        const before = weights.get(v);
        if (before === void 0) values.push(v);
        weights.set(v, (before ?? 0) + w);
      }
    };
    pushAll(this.buffer.subarray(0, this.bufferLength), 1);
    for (let h = 1; h < this.levels.length; h++) pushAll(this.levels[h].values(), 2 ** h);
    order.set(values);
    const sorted = order.subarray(0, values.length).sort();
    const cumulative = new Float64Array(sorted.length);
    let total = 0;
    for (let i = 0; i < sorted.length; i++) {
      total += weights.get(sorted[i]) ?? 0;
      cumulative[i] = total;
    }
    this.view = { values: sorted, cumulative };
    return this.view;
  }
  /** Retained weight: n minus the items inside an unfinished sampling block. */
  get total() {
    const c = this.sortedView().cumulative;
    return c.length > 0 ? c[c.length - 1] : 0;
  }
  /** Fraction of values ≤ x. */
  cdf(x) {
    if (this.n === 0) return Number.NaN;
    const { values, cumulative } = this.sortedView();
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (values[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : cumulative[lo - 1] / this.total;
  }
  /** The smallest retained value whose cumulative fraction reaches q (q in [0, 1]). */
  quantile(q) {
    if (this.n === 0) return Number.NaN;
    const { values, cumulative } = this.sortedView();
    const target = Math.max(q * this.total, Number.MIN_VALUE);
    let lo = 0;
    let hi = values.length - 1;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (cumulative[mid] >= target) hi = mid;
      else lo = mid + 1;
    }
    return values[lo];
  }
  /** Distinct retained values, ascending: the points where the estimated CDF steps. */
  points() {
    return this.sortedView().values;
  }
  /** True while no value has been compacted or sampled away. */
  get exact() {
    return this.sampleLevel === 0 && this.levels.every((l, h) => h === 0 || l.length === 0);
  }
  merge(other) {
    const n = this.n + other.n;
    const saved = this.sampleLevel;
    this.sampleLevel = 0;
    for (let i = 0; i < other.bufferLength; i++) {
      this.buffer[this.bufferLength++] = other.buffer[i];
      if (this.bufferLength === KLL_BUFFER) this.flush();
    }
    this.sampleLevel = Math.max(saved, this.sampleLevel);
    for (let h = 1; h < other.levels.length; h++) {
      const from = other.levels[h].values();
      const target = this.level(h);
      for (let i = 0; i < from.length; i++) target.push(from[i]);
    }
    this.n = n;
    for (let h = 1; h < this.levels.length; h++) this.compactFrom(h);
    this.view = null;
  }
  toJSON() {
    const encode = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
    return {
      kind: "kll",
      k: KLL_K,
      n: this.n,
      rng: this.rng.state,
      levels: [
        encode(this.buffer.slice(0, this.bufferLength)),
        ...this.levels.slice(1).map((l) => encode(l.values().slice()))
      ]
    };
  }
  static fromJSON(json) {
    if (json.k !== KLL_K)
      throw new Error(`quantile sketch with k=${json.k} is not supported (expected ${KLL_K})`);
    const s = new _KllSketch(json.rng);
    const decode2 = (b64) => {
      const bytes = Buffer.from(b64, "base64");
      if (bytes.length % 8 !== 0) throw new Error("quantile sketch level is not a list of numbers");
      return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    };
    const [level0 = "", ...rest] = json.levels;
    const buffered = decode2(level0);
    if (buffered.length > KLL_BUFFER)
      throw new Error("quantile sketch buffer is larger than the sketch allows");
    s.buffer.set(buffered);
    s.bufferLength = buffered.length;
    for (const [i, b64] of rest.entries()) {
      const level = s.level(i + 1);
      for (const v of decode2(b64)) level.push(v);
    }
    s.n = json.n;
    if (s.n >= SAMPLING_START) s.raiseSampling();
    return s;
  }
};
function after(x, y) {
  return x > y || x === 0 && y === 0 && 1 / x > 1 / y;
}
var MAX_RUNS = 8;
var runStarts = new Int32Array(MAX_RUNS + 1);
var scratch = new Float64Array(KLL_K * 2);
function sortRuns(a) {
  const n = a.length;
  let runs = 1;
  runStarts[0] = 0;
  for (let i = 1; i < n; i++) {
    if (after(a[i - 1], a[i])) {
      if (runs === MAX_RUNS) return a.sort();
      runStarts[runs++] = i;
    }
  }
  if (runs === 1) return a;
  for (let x = 0; x < n; x++) if (Number.isNaN(a[x])) return a.sort();
  runStarts[runs] = n;
  if (scratch.length < n) scratch = new Float64Array(n);
  for (let r = 1; r < runs; r++) {
    const left = runStarts[r];
    const right = runStarts[r + 1];
    scratch.set(a.subarray(0, left));
    let i = 0;
    let j = left;
    let k = 0;
    while (i < left && j < right) {
      const x = scratch[i];
      const y = a[j];
      if (after(x, y)) {
        a[k++] = y;
        j++;
      } else {
        a[k++] = x;
        i++;
      }
    }
    while (i < left) a[k++] = scratch[i++];
  }
  return a;
}

// core/data/column-json.ts
var MAX_EXAMPLES = 5;
function columnToJSON(c) {
  const findings = Object.fromEntries(c.findings);
  return {
    name: c.name,
    type: c.type(),
    pinned: c.checks.type !== void 0,
    count: c.count,
    missing: c.missing,
    kinds: { ...c.kinds },
    string_length_sum: c.stringLengthSum,
    moments: c.moments.toJSON(),
    quantiles: c.kllMaterialized ? c.kll.toJSON() : null,
    distinct: c.distinctSketch().toJSON(),
    top: c.frequent.toJSON(),
    histogram: null,
    examples: { not_numeric: c.notNumeric, non_finite: c.nonFinite },
    ...c.findings.size > 0 ? { findings } : {}
  };
}
function restoreColumn(c, json) {
  c.count = json.count;
  c.missing = json.missing;
  Object.assign(c.kinds, json.kinds);
  c.stringLengthSum = json.string_length_sum;
  if (json.moments) c.moments.merge(json.moments);
  if (json.quantiles) {
    c.kll.merge(KllSketch.fromJSON(json.quantiles));
    c.kllMaterialized = true;
  }
  c.hll.merge(HyperLogLog.fromJSON(json.distinct));
  c.frequent.merge(FrequentItems.fromJSON(json.top));
  c.notNumeric = [...json.examples.not_numeric];
  c.nonFinite = [...json.examples.non_finite];
  for (const [kind, f] of Object.entries(json.findings ?? {}))
    c.findings.set(kind, { count: f.count, examples: [...f.examples] });
  return c;
}
function mergeColumn(into, other) {
  into.count += other.count;
  into.missing += other.missing;
  for (const k of Object.keys(into.kinds)) into.kinds[k] += other.kinds[k];
  into.stringLengthSum += other.stringLengthSum;
  into.moments.merge(other.moments);
  into.distinctSketch().merge(other.distinctSketch());
  const union = (/* @__PURE__ */ new Set([...into.frequent.keys(), ...other.frequent.keys()])).size;
  if (into.kllMaterialized || other.kllMaterialized || !into.frequent.exact || !other.frequent.exact || union > FREQUENT_CAPACITY) {
    into.materializeQuantiles();
    other.materializeQuantiles();
    into.kll.merge(other.kll);
  }
  into.frequent.merge(other.frequent);
  const firstRows = (a, b) => [...a, ...b].sort((x, y) => x.row - y.row).slice(0, MAX_EXAMPLES);
  into.notNumeric = firstRows(into.notNumeric, other.notNumeric);
  into.nonFinite = firstRows(into.nonFinite, other.nonFinite);
  for (const [kind, f] of other.findings) {
    const mine = into.findings.get(kind);
    if (!mine) into.findings.set(kind, { count: f.count, examples: [...f.examples] });
    else
      into.findings.set(kind, {
        count: mine.count + f.count,
        examples: firstRows(mine.examples, f.examples)
      });
  }
}

// core/data/column-bulk.ts
var NO_PARSED = new Float64Array(0);
var ColumnBulk = class {
  /** Numbers of the current run of numeric cells in `addCells`, before they update the column. */
  // perf: reused-run-buffer — one buffer per column, grown to the batch size once, not one per batch.
  pending = new Float64Array(1024);
  dates = new DatetimeBytesParser();
  short = new ShortCells();
  numberCounters = new NumberCounters();
  dictionaryEntries = new DictionaryEntries();
  /**
   * ColumnProfile.addCells, for a column without schema checks: `parsed`, by `parsedKind`, holds
   * what the scan parsed already (see there).
   */
  addCells(p, buf, starts, ends, column, stride, rows, count, parsedKind, parsed) {
    let values = this.pending;
    if (values.length < count) {
      values = new Float64Array(count);
      this.pending = values;
    }
    const dates = this.dates;
    const short = this.short;
    const shortKeys = short.keys;
    const shortEntries = short.entries;
    const shortGenerations = short.generations;
    const shortLengths = short.lengths;
    const shortHashes = short.hashes;
    const shortCounts = short.counts;
    const shortTouched = short.touched;
    const frequent = p.frequent;
    let strings = 0;
    let lengthSum = 0;
    let m = 0;
    let numbers = 0;
    let datetimes = 0;
    let touched = 0;
    const given = parsed ?? NO_PARSED;
    const givenValues = parsed !== null && parsedKind >= 1 && parsedKind <= 3;
    const givenNumbers = parsedKind === 1;
    const givenKeys = parsedKind === 3;
    let r = 0;
    let i = column;
    if (givenValues && !givenKeys) {
      for (; r < count; r++, i += stride) {
        const v = given[i];
        if (Number.isNaN(v)) break;
        values[m++] = v;
      }
      if (givenNumbers) numbers = m;
      else datetimes = m;
    } else if (givenKeys && p.notNumeric.length >= MAX_EXAMPLES) {
      const generation = frequent.generation;
      const exact = frequent.exact;
      for (; r < count; r++, i += stride) {
        const key = given[i];
        const slot = shortSlot(key);
        if (shortKeys[slot] !== key || shortGenerations[slot] !== generation) break;
        strings++;
        lengthSum += shortLengths[slot];
        const pending = shortCounts[slot];
        shortCounts[slot] = pending + 1;
        if (pending === 0) shortTouched[touched++] = slot;
        if (!exact) p.hll.add(shortHashes[slot]);
      }
    }
    for (; r < count; r++, i += stride) {
      let key = -1;
      if (givenValues) {
        const v = given[i];
        if (!Number.isNaN(v)) {
          if (givenKeys) key = v;
          else {
            values[m++] = v;
            if (givenNumbers) numbers++;
            else datetimes++;
            continue;
          }
        }
      }
      const start = starts[i];
      const end = ends[i];
      if (key < 0) {
        if (start === end) {
          p.count++;
          p.missing++;
          continue;
        }
        if (end - start >= 10 && buf[start + 4] === 45 && buf[start + 7] === 45) {
          const t = dates.parse(buf, start, end);
          if (!Number.isNaN(t)) {
            values[m++] = t;
            datetimes++;
            continue;
          }
        } else if (mayStartNumber(buf[start])) {
          const x = parseNumberBytes(buf, start, end);
          if (!Number.isNaN(x)) {
            values[m++] = x;
            numbers++;
            continue;
          }
        }
      }
      if (m > 0) {
        if (touched > 0) touched = short.addPending(touched);
        this.addNumbers(p, values, m, numbers, datetimes);
        m = 0;
        numbers = 0;
        datetimes = 0;
      }
      if (key < 0) {
        if (end - start > SHORT_BYTES) {
          if (touched > 0) touched = short.addPending(touched);
          p.addInterned(buf, start, end, rows[r]);
          continue;
        }
        key = end - start;
        for (let k = start; k < end; k++) key = key * 256 + buf[k];
      }
      const slot = shortSlot(key);
      if (shortKeys[slot] === key) {
        if (shortGenerations[slot] === frequent.generation) {
          strings++;
          lengthSum += shortLengths[slot];
          const pending = shortCounts[slot];
          shortCounts[slot] = pending + 1;
          if (pending === 0) shortTouched[touched++] = slot;
          if (p.notNumeric.length < MAX_EXAMPLES)
            p.notNumeric.push({ row: rows[r], value: shortEntries[slot].str });
          if (!frequent.exact) p.hll.add(shortHashes[slot]);
          continue;
        }
        const entry = shortEntries[slot];
        if (entry.c.kind === 0 /* String */) {
          if (touched > 0) touched = short.addPending(touched);
          strings++;
          lengthSum += entry.str.length;
          p.countString(entry, rows[r]);
          shortGenerations[slot] = entry.generation === frequent.generation ? entry.generation : -2;
          continue;
        }
      }
      if (touched > 0) touched = short.addPending(touched);
      const added = p.addInterned(buf, start, end, rows[r]);
      if (added !== void 0) short.keep(slot, key, added, frequent.generation);
    }
    if (touched > 0) short.addPending(touched);
    if (m > 0) this.addNumbers(p, values, m, numbers, datetimes);
    p.count += strings;
    p.kinds.string += strings;
    p.stringLengthSum += lengthSum;
  }
  /**
   * ColumnProfile.addNumberRun, for a column without schema checks: `addDatetime` (datetime) or
   * `addTyped` on each of `values[from, to)` in turn, in bulk.
   */
  addNumberRun(p, values, from, to, datetime, firstRow) {
    if (datetime) {
      this.addNumberRange(p, values, from, to, 0, to - from);
      return;
    }
    let start = from;
    for (let i = from; i < to; i++) {
      const x = values[i];
      if (x - x !== 0) {
        if (start < i) this.addNumberRange(p, values, start, i, i - start, 0);
        p.addTyped(x, firstRow + i - from);
        start = i + 1;
      }
    }
    if (start < to) this.addNumberRange(p, values, start, to, to - start, 0);
  }
  /** Numbers of an unchecked column, in cell order: `addNumber` for each, in bulk. */
  addNumbers(p, values, m, numbers, datetimes) {
    p.count += m;
    p.kinds.number += numbers;
    p.kinds.datetime += datetimes;
    p.moments.addMany(values, 0, m);
    const from = p.kllMaterialized ? 0 : this.numberCounters.count(p, p.frequent, values, m, 0);
    if (from < m) {
      p.kll.addMany(values, from, m);
      if (!p.frequent.exact) {
        const hll = p.hll;
        let last = Number.NaN;
        for (let i = from; i < m; i++) {
          const x = values[i];
          if (x !== last) {
            hll.add(hashNumber(x));
            last = x;
          }
        }
      }
    }
  }
  /** `addNumbers` for `values[from, to)`. */
  addNumberRange(p, values, from, to, numbers, datetimes) {
    p.count += to - from;
    p.kinds.number += numbers;
    p.kinds.datetime += datetimes;
    p.moments.addMany(values, from, to);
    const next = p.kllMaterialized ? from : this.numberCounters.count(p, p.frequent, values, to, from);
    if (next < to) {
      p.kll.addMany(values, next, to);
      if (!p.frequent.exact) {
        const hll = p.hll;
        for (let i = next; i < to; i++) hll.add(hashNumber(values[i]));
      }
    }
  }
  /** ColumnProfile.addDictionaryStrings (see there). */
  addDictionaryStrings(p, dictionary, indices, from, to, firstRow) {
    const entries = this.dictionaryEntries.of(dictionary);
    const unchecked = p.unchecked;
    const frequent = p.frequent;
    let strings = 0;
    let lengthSum = 0;
    for (let i = from; i < to; i++) {
      const k = indices[i];
      let entry = entries[k];
      if (entry === void 0) {
        entry = dictionaryEntry(dictionary[k]);
        entries[k] = entry;
      }
      if (entry.c.kind === 0 /* String */ && unchecked) {
        strings++;
        lengthSum += entry.str.length;
        if (p.notNumeric.length < MAX_EXAMPLES)
          p.notNumeric.push({ row: firstRow + i - from, value: entry.str });
        if (entry.generation === frequent.generation) entry.counter.c++;
        else countEntry(entry, frequent);
        if (!frequent.exact) p.hll.add(entry.hash);
        continue;
      }
      p.addClassified(entry.str, entry.c, firstRow + i - from, entry.hash);
    }
    p.count += strings;
    p.kinds.string += strings;
    p.stringLengthSum += lengthSum;
  }
};

// core/data/exact-distribution.ts
var ExactDistribution = class {
  values;
  cumulative;
  n;
  constructor(counts) {
    let size = 0;
    for (const k of counts.keys()) if (typeof k === "number") size++;
    const values = new Float64Array(size);
    let i = 0;
    for (const k of counts.keys()) if (typeof k === "number") values[i++] = k;
    values.sort();
    const cumulative = new Float64Array(size);
    let total = 0;
    for (let j = 0; j < size; j++) {
      total += counts.get(values[j]);
      cumulative[j] = total;
    }
    this.values = values;
    this.cumulative = cumulative;
    this.n = total;
  }
  cdf(x) {
    let lo = 0;
    let hi = this.values.length;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (this.values[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : this.cumulative[lo - 1] / this.n;
  }
  quantile(q) {
    const target = Math.max(q * this.n, Number.MIN_VALUE);
    let lo = 0;
    let hi = this.values.length - 1;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (this.cumulative[mid] >= target) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo];
  }
  points() {
    return this.values;
  }
};

// core/data/sketches/moments.ts
var Moments = class {
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
  add(x) {
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }
  /** `add` for values[from..to), in order: the same arithmetic, so the same result bit for bit. */
  addMany(values, from, to) {
    let { n, mean, m2, min, max } = this;
    for (let i = from; i < to; i++) {
      const x = values[i];
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
  merge(o) {
    if (o.n === 0) return;
    if (this.n === 0) {
      Object.assign(this, { n: o.n, mean: o.mean, m2: o.m2, min: o.min, max: o.max });
      return;
    }
    const n = this.n + o.n;
    const d = o.mean - this.mean;
    this.mean += d * o.n / n;
    this.m2 += o.m2 + d * d * this.n * o.n / n;
    this.n = n;
    this.min = Math.min(this.min, o.min);
    this.max = Math.max(this.max, o.max);
  }
  /** Population standard deviation (ddof 0), as Evidently normalises Wasserstein distances. */
  get std() {
    return this.n > 0 ? Math.sqrt(this.m2 / this.n) : Number.NaN;
  }
  toJSON() {
    return this.n === 0 ? null : { n: this.n, mean: this.mean, m2: this.m2, min: this.min, max: this.max };
  }
};

// core/data/column.ts
var ColumnProfile = class {
  constructor(name, checks = {}, seed = 1) {
    this.name = name;
    this.checks = checks;
    this.kllMaterialized = true;
    this.kllMaterialized = false;
    this.kll = new KllSketch(seed);
    this.unchecked = checks.type === void 0 && checks.domain === void 0;
    this.bulk = this.unchecked && checks.min === void 0 && checks.max === void 0;
    this.frequent.beforeFirstPurge = (entries) => {
      for (const [item] of entries) this.hll.add(hashItem(item));
      this.materializeQuantiles(entries);
    };
  }
  name;
  checks;
  count = 0;
  missing = 0;
  kinds = { number: 0, datetime: 0, boolean: 0, string: 0, non_finite: 0 };
  stringLengthSum = 0;
  moments = new Moments();
  kll;
  // perf: lazy-quantiles — few distinct numbers never fill the sketch, and get exact quantiles.
  /**
   * The quantile sketch is filled lazily: while the frequent items are exact they hold every number
   * with its count, which gives exact quantiles and exact drift statistics; at the first purge the
   * numbers are replayed into the sketch, which takes over.
   */
  kllMaterialized = false;
  hll = new HyperLogLog();
  frequent = new FrequentItems();
  /** How many exact frequent items distinctSketch() last added to the HLL (-1: none yet). */
  hllHoldsItems = -1;
  notNumeric = [];
  nonFinite = [];
  findings = /* @__PURE__ */ new Map();
  /** No schema check applies to this column's strings (the common case: a fast path). */
  unchecked;
  /** No schema check applies at all: the bulk paths may update the column (see `batches`). */
  bulk;
  // Interned CSV cells by hashBytes (addInterned). Two fields read there, not a class in
  // column-caches.ts like the bulk paths' caches: behind one more object, the per-cell path (the
  // columns with schema checks) ran about 0.5% more instructions.
  intern = /* @__PURE__ */ new Map();
  slots = new Array(INTERN_SLOTS).fill(void 0);
  /** The bulk paths (addCells, addNumberRun, addDictionaryStrings) and their caches. */
  batches = new ColumnBulk();
  exactDistribution;
  missingCell() {
    this.count++;
    this.missing++;
  }
  /** A CSV cell: numbers are parsed from the bytes; other cells are interned while they repeat. */
  addBytes(buf, start, end, row) {
    if (start === end) {
      this.missingCell();
      return;
    }
    const pinned = this.checks.type;
    if (pinned === void 0 || pinned === "numeric") {
      if (mayStartNumber(buf[start])) {
        const x = parseNumberBytes(buf, start, end);
        if (!Number.isNaN(x)) {
          this.count++;
          this.addNumber(x, row, 6 /* Number */);
          return;
        }
      }
    }
    if ((pinned === void 0 || pinned === "datetime") && buf[start + 4] === 45) {
      const t = parseDatetimeBytes(buf, start, end);
      if (!Number.isNaN(t)) {
        this.count++;
        this.addNumber(t, row, 5 /* Datetime */);
        return;
      }
    }
    this.addInterned(buf, start, end, row);
  }
  /**
   * The cells of column `column` of `count` records (field ranges `starts[r * stride + column]` to
   * `ends[…]`, rows in `rows`): exactly what `addBytes` on each cell in turn does, with runs of
   * numbers gathered and then applied in bulk (moments, exact counts, the quantile sketch).
   */
  addCells(buf, starts, ends, column, stride, rows, count, parsedKind = 0, parsed = null) {
    if (!this.bulk) {
      for (let r = 0, i = column; r < count; r++, i += stride)
        this.addBytes(buf, starts[i], ends[i], rows[r]);
      return;
    }
    this.batches.addCells(this, buf, starts, ends, column, stride, rows, count, parsedKind, parsed);
  }
  /**
   * Numbers of consecutive cells `values[from, to)` of a column-wise reader (Parquet), the first on
   * row `firstRow`: exactly `addDatetime` (datetime) or `addTyped` on each in turn, in bulk.
   */
  addNumberRun(values, from, to, datetime, firstRow) {
    if (!this.bulk) {
      for (let i = from; i < to; i++) {
        const x = values[i];
        if (datetime) this.addDatetime(x, firstRow + i - from);
        else this.addTyped(x, firstRow + i - from);
      }
      return;
    }
    this.batches.addNumberRun(this, values, from, to, datetime, firstRow);
  }
  /**
   * Strings of consecutive cells given as indices into a dictionary (a Parquet column chunk's):
   * cell i is `dictionary[indices[i]]` for i in [from, to), the first on row `firstRow`. Exactly
   * `addString` on each in turn; each distinct string is classified and hashed once per dictionary.
   */
  addDictionaryStrings(dictionary, indices, from, to, firstRow) {
    this.batches.addDictionaryStrings(this, dictionary, indices, from, to, firstRow);
  }
  /** A CSV cell that is not a number: interned while it repeats, then counted (also for ColumnBulk). */
  addInterned(buf, start, end, row) {
    const h = hashBytes(buf, start, end);
    const slot = h & INTERN_SLOTS - 1;
    let entry = this.slots[slot];
    if (entry === void 0 || entry.byteHash !== h || !sameBytes(entry.bytes, buf, start, end)) {
      entry = this.intern.get(h);
      if (entry !== void 0 && sameBytes(entry.bytes, buf, start, end)) this.slots[slot] = entry;
      else entry = void 0;
    }
    if (entry === void 0) {
      entry = internCell(buf, start, end, h);
      if (entry === void 0) {
        this.count++;
        this.finding("invalid_utf8", row, latin1(buf, start, Math.min(end, start + 40)));
        return void 0;
      }
      if (this.intern.size < INTERN_LIMIT && !this.intern.has(h)) {
        this.intern.set(h, entry);
        this.slots[slot] = entry;
      }
    }
    if (entry.c.kind === 0 /* String */ && this.unchecked) {
      this.count++;
      this.kinds.string++;
      this.stringLengthSum += entry.str.length;
      this.countString(entry, row);
      return entry;
    }
    this.addClassified(entry.str, entry.c, row, entry.hash);
    return entry;
  }
  /**
   * An interned string cell's example, frequent-items count and hash, for addInterned and ColumnBulk
   * (which count the cell, its kind and length themselves).
   */
  countString(entry, row) {
    if (this.notNumeric.length < MAX_EXAMPLES) this.notNumeric.push({ row, value: entry.str });
    const frequent = this.frequent;
    if (entry.generation === frequent.generation) entry.counter.c++;
    else countEntry(entry, frequent);
    if (!frequent.exact) this.hll.add(entry.hash);
  }
  /** A cell that arrived as a string (JSON Lines, Parquet byte arrays). */
  addString(s, row) {
    this.addClassified(s, classify(s), row, -1);
  }
  /** A datetime as epoch milliseconds. */
  addDatetime(ms, row) {
    this.count++;
    this.addNumber(ms, row, 5 /* Datetime */);
  }
  /** A cell that arrived typed (JSON numbers and booleans, Parquet numerics and timestamps). */
  addTyped(v, row) {
    if (typeof v === "boolean") {
      this.addClassified(String(v), { kind: v ? 2 /* True */ : 3 /* False */, value: v ? 1 : 0 }, row, -1);
    } else if (v instanceof Date) {
      this.count++;
      this.addNumber(v.getTime(), row, 5 /* Datetime */);
    } else if (Number.isFinite(v)) {
      this.count++;
      this.addNumber(v, row, 6 /* Number */);
    } else {
      this.addClassified(String(v), { kind: 4 /* NonFinite */, value: v }, row, -1);
    }
  }
  /** A classified cell through the schema's checks (also for ColumnBulk). */
  addClassified(s, c, row, hash) {
    const pinned = this.checks.type;
    if ((pinned === "categorical" || pinned === "text") && c.kind !== 1 /* Missing */) {
      this.count++;
      this.addText(s, row, hash);
      return;
    }
    switch (c.kind) {
      case 1 /* Missing */:
        this.missingCell();
        return;
      case 6 /* Number */:
      case 5 /* Datetime */:
        this.count++;
        this.addNumber(c.value, row, c.kind);
        return;
      case 2 /* True */:
      case 3 /* False */:
        this.count++;
        this.kinds.boolean++;
        this.frequent.add(c.kind === 2 /* True */);
        if (!this.frequent.exact) this.hll.add(hashItem(c.kind === 2 /* True */));
        if (pinned === "numeric" || pinned === "datetime") this.mismatch(row, s);
        return;
      case 4 /* NonFinite */:
        this.count++;
        this.kinds.non_finite++;
        if (this.nonFinite.length < MAX_EXAMPLES) this.nonFinite.push({ row, value: s });
        return;
      default:
        this.count++;
        this.addText(s, row, hash);
    }
  }
  addText(s, row, hash) {
    this.kinds.string++;
    this.stringLengthSum += s.length;
    this.frequent.add(s);
    if (!this.frequent.exact) this.hll.add(hash === -1 ? hashString(s) : hash);
    if (this.notNumeric.length < MAX_EXAMPLES) this.notNumeric.push({ row, value: s });
    const checks = this.checks;
    if (checks.type === "numeric" || checks.type === "datetime" || checks.type === "boolean")
      this.mismatch(row, s);
    if (checks.domain && !checks.domain.has(s)) this.finding("unexpected_category", row, s);
  }
  addNumber(x, row, kind) {
    if (kind === 6 /* Number */) this.kinds.number++;
    else this.kinds.datetime++;
    this.moments.add(x);
    if (this.kllMaterialized) {
      this.kll.add(x);
      if (!this.frequent.exact) this.hll.add(hashNumber(x));
    } else {
      this.frequent.add(x);
    }
    const checks = this.checks;
    if (checks.type !== void 0) {
      const fits = checks.type === "datetime" ? kind === 5 /* Datetime */ : checks.type === "numeric" || checks.type === "boolean" && (x === 0 || x === 1);
      if (!fits) {
        this.mismatch(row, x);
      }
    }
    if (checks.min !== void 0 && x < checks.min || checks.max !== void 0 && x > checks.max) {
      this.finding("out_of_range", row, kind === 5 /* Datetime */ ? new Date(x).toISOString() : x);
    }
  }
  mismatch(row, value) {
    this.finding("type_mismatch", row, value);
  }
  finding(kind, row, value) {
    let f = this.findings.get(kind);
    if (!f) {
      f = { count: 0, examples: [] };
      this.findings.set(kind, f);
    }
    f.count++;
    if (f.examples.length < MAX_EXAMPLES) f.examples.push({ row, value });
  }
  /** Moves the exact numbers into the quantile sketch (once); later numbers go there directly. */
  materializeQuantiles(entries = this.frequent.counts) {
    if (this.kllMaterialized) return;
    this.kllMaterialized = true;
    const block = new Float64Array(4096);
    let m = 0;
    for (const [item, count] of entries) {
      if (typeof item !== "number") continue;
      for (let i = 0; i < count; i++) {
        block[m++] = item;
        if (m === block.length) {
          this.kll.addMany(block, 0, m);
          m = 0;
        }
      }
    }
    if (m > 0) this.kll.addMany(block, 0, m);
  }
  /** The numbers' distribution: exact from the frequent items while they are, else the sketch. */
  distribution() {
    if (this.kllMaterialized) return this.kll;
    if (this.exactDistribution?.n !== this.moments.n)
      this.exactDistribution = new ExactDistribution(this.frequent.counts);
    return this.exactDistribution;
  }
  /** The HLL with every distinct value in it (catching up on the exact frequent items first). */
  distinctSketch() {
    const frequent = this.frequent;
    if (frequent.exact && this.hllHoldsItems !== frequent.size) {
      for (const item of frequent.keys()) this.hll.add(hashItem(item));
      this.hllHoldsItems = frequent.size;
    }
    return this.hll;
  }
  /** The column's type: pinned by the schema, else what most of its cells were. */
  type() {
    if (this.checks.type) return this.checks.type;
    return inferType(
      this.kinds,
      this.count - this.missing,
      this.stringLengthSum,
      this.distinctSketch().estimate()
    );
  }
  toJSON() {
    return columnToJSON(this);
  }
};
function columnFromJSON(json) {
  return restoreColumn(new ColumnProfile(json.name, json.pinned ? { type: json.type } : {}), json);
}
function inferType(kinds, present, lengthSum, distinct) {
  if (present === 0) return "categorical";
  if (kinds.number + kinds.non_finite >= 0.95 * present && kinds.number > 0) return "numeric";
  if (kinds.datetime >= 0.95 * present) return "datetime";
  if (kinds.boolean === present) return "boolean";
  const strings = kinds.string || 1;
  if (lengthSum / strings >= 30 || distinct > 1e3 && distinct > 0.5 * present) return "text";
  return "categorical";
}
function hashItem(item) {
  return typeof item === "number" ? hashNumber(item) : hashString(String(item));
}

// core/data/readers/index.ts
import { statSync } from "node:fs";
function formatOf(path) {
  const lower = path.toLowerCase();
  const gzip = lower.endsWith(".gz");
  const base = gzip ? lower.slice(0, -3) : lower;
  const ext = base.slice(base.lastIndexOf(".") + 1);
  const format = ext === "csv" ? "csv" : ext === "tsv" || ext === "tab" ? "tsv" : ext === "jsonl" || ext === "ndjson" ? "jsonl" : ext === "parquet" ? "parquet" : void 0;
  if (!format || format === "parquet" && gzip) {
    throw new UsageError(`${path}: unknown data format`, {
      hint: "kiln reads .csv, .tsv, .jsonl/.ndjson (optionally .gz) and .parquet files"
    });
  }
  return { format, gzip };
}
async function readData(path, sink, opts = {}) {
  const { format, gzip } = formatOf(path);
  let info;
  try {
    info = statSync(path);
  } catch (err) {
    throw readError(path, err);
  }
  if (info.isDirectory()) throw new UsageError(`${path} is a directory, not a data file`);
  if (info.size === 0) throw new UsageError(`${path} is empty`, { hint: "Expected data rows" });
  if (format === "parquet") {
    const { readParquet } = await import("./parquet-7BCUHX3A.js");
    return { ...await readParquet(path, sink, opts), format };
  }
  if (format === "jsonl") {
    const { readJsonl } = await import("./jsonl-UGAQTR4G.js");
    return { ...await readJsonl(path, sink, { ...opts, gzip }), format };
  }
  return { ...await readCsv(path, sink, { ...opts, gzip, delimiter: format === "tsv" ? 9 : 44 }), format };
}

// core/data/profile-data.ts
var ProfileBuilder = class {
  constructor(checks) {
    this.checks = checks;
  }
  checks;
  columns = [];
  index = /* @__PURE__ */ new Map();
  stamps = new Int32Array(16);
  sparse = false;
  rows = 0;
  parseErrors = { count: 0, examples: [] };
  header(names) {
    for (const name of names) this.add(name);
  }
  column(name) {
    this.sparse = true;
    const known = this.index.get(name);
    if (known !== void 0) return known;
    const col = this.add(name);
    const c = this.columns[col];
    c.count += this.rows;
    c.missing += this.rows;
    return col;
  }
  add(name) {
    const col = this.columns.length;
    this.columns.push(new ColumnProfile(name, this.checks[name] ?? {}, col + 1));
    this.index.set(name, col);
    if (col >= this.stamps.length) {
      const s = new Int32Array(this.stamps.length * 2);
      s.set(this.stamps);
      this.stamps = s;
    }
    return col;
  }
  bytes(col, buf, start, end, row) {
    this.columns[col].addBytes(buf, start, end, row);
  }
  records(buf, starts, ends, rows, count, width, parsed, kinds) {
    const columns = this.columns;
    if (this.sparse || width !== columns.length) {
      for (let r = 0; r < count; r++) {
        const row = rows[r];
        for (let c = 0; c < width; c++) {
          const i = r * width + c;
          this.bytes(c, buf, starts[i], ends[i], row);
        }
        this.endRow();
      }
      return;
    }
    for (let c = 0; c < width; c++)
      columns[c].addCells(
        buf,
        starts,
        ends,
        c,
        width,
        rows,
        count,
        parsed && kinds ? kinds[c] : 0,
        parsed
      );
    this.rows += count;
  }
  string(col, value, row) {
    this.stamps[col] = this.rows + 1;
    this.columns[col].addString(value, row);
  }
  typed(col, value, row) {
    this.stamps[col] = this.rows + 1;
    this.columns[col].addTyped(value, row);
  }
  datetime(col, ms, row) {
    this.stamps[col] = this.rows + 1;
    this.columns[col].addDatetime(ms, row);
  }
  missing(col) {
    this.stamps[col] = this.rows + 1;
    this.columns[col].missingCell();
  }
  numbers(col, values, from, to, datetime, firstRow) {
    this.stamps[col] = this.rows + 1;
    this.columns[col].addNumberRun(values, from, to, datetime, firstRow);
  }
  dictionaryStrings(col, dictionary, indices, from, to, firstRow) {
    this.stamps[col] = this.rows + 1;
    this.columns[col].addDictionaryStrings(dictionary, indices, from, to, firstRow);
  }
  endRows(count) {
    this.rows += count;
  }
  endRow() {
    this.rows++;
    if (!this.sparse) return;
    for (let c = 0; c < this.columns.length; c++) {
      if (this.stamps[c] !== this.rows) this.columns[c].missingCell();
    }
  }
  parseError(row, message, value) {
    this.parseErrors.count++;
    if (this.parseErrors.examples.length < MAX_EXAMPLES) {
      this.parseErrors.examples.push({
        row,
        value: value === void 0 ? message : { message, text: value }
      });
    }
  }
};
async function profileData(path, opts = {}) {
  const builder = new ProfileBuilder(opts.checks ?? {});
  const result = await readData(path, opts.bulk === false ? cellByCell(builder) : builder, opts);
  return {
    rows: builder.rows,
    source: { path, format: result.format, ...opts.shard ? { shard: formatShard(opts.shard) } : {} },
    parseErrors: builder.parseErrors,
    columns: builder.columns
  };
}
function cellByCell(builder) {
  return {
    header: (names) => builder.header(names),
    column: (name) => builder.column(name),
    bytes: (col, buf, start, end, row) => builder.bytes(col, buf, start, end, row),
    string: (col, value, row) => builder.string(col, value, row),
    typed: (col, value, row) => builder.typed(col, value, row),
    datetime: (col, ms, row) => builder.datetime(col, ms, row),
    missing: (col) => builder.missing(col),
    endRow: () => builder.endRow(),
    endRows: (count) => builder.endRows(count),
    parseError: (row, message, value) => builder.parseError(row, message, value)
  };
}
async function profilePath(path, opts = {}) {
  return profileToJSON(await profileData(path, opts));
}
function profileToJSON(p) {
  return {
    schema: "kiln.profile/v1",
    rows: p.rows,
    source: p.source,
    parse_errors: p.parseErrors,
    columns: p.columns.map((c) => c.toJSON())
  };
}
function profileFromJSONObject(json) {
  return {
    rows: json.rows,
    source: json.source,
    parseErrors: json.parse_errors ?? { count: 0, examples: [] },
    columns: json.columns.map(columnFromJSON)
  };
}
function profileFromOwnJSON(text) {
  return profileFromJSONObject(JSON.parse(text));
}
function mergeProfiles(profiles) {
  const first = profiles[0];
  if (!first) throw new UsageError("no profiles to merge");
  const columns = /* @__PURE__ */ new Map();
  let rows = 0;
  const errors = [];
  let errorCount = 0;
  for (const p of profiles) {
    for (const [name, c] of columns) if (!p.columns.some((x) => x.name === name)) padMissing(c, p.rows);
    for (const c of p.columns) {
      const into = columns.get(c.name);
      if (into) mergeColumn(into, c);
      else {
        const fresh = new ColumnProfile(c.name, c.checks);
        padMissing(fresh, rows);
        mergeColumn(fresh, c);
        columns.set(c.name, fresh);
      }
    }
    rows += p.rows;
    errorCount += p.parseErrors.count;
    errors.push(...p.parseErrors.examples);
  }
  errors.sort((a, b) => a.row - b.row);
  return {
    rows,
    source: { path: first.source.path, format: first.source.format },
    parseErrors: { count: errorCount, examples: errors.slice(0, MAX_EXAMPLES) },
    columns: [...columns.values()]
  };
}
function padMissing(c, rows) {
  c.count += rows;
  c.missing += rows;
}
function parseShard(text) {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard ${JSON.stringify(text)} is not a shard`, {
      hint: "Write i/n with 1 ≤ i ≤ n, e.g. 2/4"
    });
  }
  return { index: index - 1, count };
}
function formatShard(s) {
  return `${s.index + 1}/${s.count}`;
}

export {
  formatOf,
  profileData,
  profilePath,
  profileToJSON,
  profileFromJSONObject,
  profileFromOwnJSON,
  mergeProfiles,
  parseShard
};

import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  runEvaluation
} from "./chunk-MXYUKDIR.js";
import {
  renderGateMarkdown
} from "./chunk-YKBZ5J3Y.js";
import {
  execCapture
} from "./chunk-O7IIMTF5.js";
import {
  writeRunFolder
} from "./chunk-KDP2FKC5.js";
import {
  ClassSpace,
  pairExamples,
  readRunExamples,
  readRunFile
} from "./chunk-CLTHOWKV.js";
import {
  metricChecks
} from "./chunk-RQ33FKMA.js";
import {
  atLeast,
  atMost,
  fmt,
  fmtDelta
} from "./chunk-L3JG2L2V.js";
import {
  normalisePolicy,
  policyDigest,
  thresholdLabel
} from "./chunk-QAMAGBBR.js";
import {
  modelConfig
} from "./chunk-VSCAHCCS.js";
import {
  parseKilnFile,
  runDigest
} from "./chunk-TEGK7FMR.js";
import {
  closest
} from "./chunk-R7O7G7J3.js";
import {
  artifactName
} from "./chunk-CG4E3PCN.js";
import {
  formatKilnFile
} from "./chunk-EQVTLXOE.js";
import {
  firstDirectory
} from "./chunk-GG6ZXDCZ.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// core/gate/run-gate.ts
import { mkdir, writeFile } from "node:fs/promises";
import { join as join3 } from "node:path";

// core/gate/baseline.ts
import { join } from "node:path";
var NO_BASELINE = {
  baseline: { source: "none" },
  run: null,
  runFile: null,
  label: "none",
  notes: []
};
async function resolveBaseline(model, sources) {
  const notes = [];
  const alias = sources.alias ?? "production";
  if (sources.registry) {
    const version = await sources.registry.alias(model, alias);
    if (version) {
      const text = await sources.registry.readFile(model, version.version, "run.json");
      if (text === null) {
        throw new UsageError(`the registry's ${version.tag} (${alias}) has no run.json`, {
          hint: "Register the version again with its run"
        });
      }
      const run = checkModel(parseKilnFile("run", text, `${version.tag}/run.json`), model, version.tag);
      const digest = runDigest(run);
      if (digest !== version.run_digest) {
        throw new UsageError(`the registry's ${version.tag} run.json does not match its tag's run_digest`, {
          hint: "The registry was modified by hand; restore the version's run.json"
        });
      }
      const examples = run.examples ? await sources.registry.readFile(model, version.version, "examples.csv") : null;
      const runFile = examples === null ? null : await writeRunFolder(join(sources.workDir, `registry-${version.version}`), run, examples);
      return {
        baseline: {
          source: "registry",
          model_version: version.tag,
          alias,
          run_digest: digest,
          ...run.code?.sha ? { sha: run.code.sha } : {}
        },
        run,
        runFile,
        label: `${version.tag} (${alias})`,
        notes
      };
    }
    notes.push(`registry: no ${alias} version of ${model}`);
  } else {
    notes.push("registry: not available here");
  }
  if (sources.runs && sources.artifacts && sources.branch) {
    const name = artifactName("run", model);
    const lookback = sources.lookback ?? 20;
    for (const wr of await sources.runs.successful(sources.branch, lookback)) {
      const listed = await sources.artifacts.list({ runId: wr.id });
      if (!listed.some((a) => a.name === name)) continue;
      const dir = join(sources.workDir, `baseline-${wr.id}`);
      const files = await sources.artifacts.download(name, dir, { runId: wr.id });
      const runFile = join(dir, "run.json");
      if (!files.includes(runFile)) {
        throw new UsageError(`artifact ${name} of run ${wr.id} on ${sources.branch} has no run.json`, {
          hint: "The train step uploads run.json at the artifact's top level"
        });
      }
      const run = checkModel(await readRunFile(runFile, `${name}/run.json (run ${wr.id})`), model, name);
      const short = wr.sha.slice(0, 7);
      return {
        baseline: {
          source: "branch",
          branch: sources.branch,
          run_id: wr.id,
          sha: wr.sha,
          run_digest: runDigest(run)
        },
        run,
        runFile,
        label: `${sources.branch} run ${wr.id}${short ? ` (${short})` : ""}`,
        notes
      };
    }
    notes.push(`branch ${sources.branch}: no successful run in the last ${lookback} uploaded ${name}`);
  } else {
    notes.push("branch runs: not available here");
  }
  return { ...NO_BASELINE, notes };
}
async function baselineFromFile(path, shown, model) {
  const run = checkModel(await readRunFile(path, shown), model, shown);
  return {
    baseline: {
      source: "file",
      path: shown,
      run_digest: runDigest(run),
      ...run.code?.sha ? { sha: run.code.sha } : {}
    },
    run,
    runFile: path,
    label: shown,
    notes: []
  };
}
function checkModel(run, model, where) {
  if (run.model !== model) {
    throw new UsageError(`the baseline ${where} is a run of ${JSON.stringify(run.model)}, not ${model}`, {
      hint: "Compare a model with its own baseline"
    });
  }
  return run;
}

// core/gate/bootstrap.ts
function percentileInterval(deltas, level) {
  deltas.sort();
  const tail = (1 - level) / 2;
  return { ci: [quantile(deltas, tail), quantile(deltas, 1 - tail)], resamples: deltas.length };
}
function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo];
  return a + (h - lo) * (sorted[hi] - a);
}

// core/gate/prng.ts
var MULBERRY32_STEP = 1831565813;
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = a + MULBERRY32_STEP >>> 0;
    let t = a;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
function fnv1a(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h >>> 0;
}
function streamSeed(seed, metric) {
  return (seed ^ fnv1a(metric)) >>> 0;
}

// core/gate/sig-binomial.ts
function binomial(rng, n, p) {
  if (n === 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p <= 0.5) return n * p <= 30 ? inversion(rng, n, p) : btpe(rng, n, p);
  const q = 1 - p;
  return n - (n * q <= 30 ? inversion(rng, n, q) : btpe(rng, n, q));
}
function inversion(rng, n, p) {
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
      px = (n - x + 1) * p * px / (x * q);
    }
  }
  return x;
}
var stirlingTail = (a, a2) => (13680 - (462 - (132 - (99 - 140 / a2) / a2) / a2) / a2) / a / 166320;
function btpe(rng, n, p) {
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
  for (; ; ) {
    const u = rng() * p4;
    let v = rng();
    let y;
    if (u <= p1) return Math.floor(xm - p1 * v + u);
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
      const s = r / q;
      const aa = s * (n + 1);
      let f = 1;
      if (m < y) for (let i = m + 1; i <= y; i++) f *= aa / i - s;
      else if (m > y) for (let i = y + 1; i <= m; i++) f /= aa / i - s;
      if (v > f) continue;
      return y;
    }
    const rho = k / nrq * ((k * (k / 3 + 0.625) + 0.16666666666666666) / nrq + 0.5);
    const t = -k * k / (2 * nrq);
    const logV = Math.log(v);
    if (logV < t - rho) return y;
    if (logV > t + rho) continue;
    const x1 = y + 1;
    const f1 = m + 1;
    const z = n + 1 - m;
    const w = n - y + 1;
    const bound = xm * Math.log(f1 / x1) + (n - m + 0.5) * Math.log(z / w) + (y - m) * Math.log(w * r / (x1 * q)) + stirlingTail(f1, f1 * f1) + stirlingTail(z, z * z) + stirlingTail(x1, x1 * x1) + stirlingTail(w, w * w);
    if (logV > bound) continue;
    return y;
  }
}
function multinomial(rng, n, counts, total, out) {
  let left = n;
  let rest = total;
  for (let j = 0; j < counts.length; j++) {
    const c = counts[j];
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

// core/gate/sig-cells.ts
function cellDeltas(counts, n, delta, opts) {
  const rng = mulberry32(opts.state);
  const weights = new Float64Array(counts.length);
  const deltas = new Float64Array(opts.resamples);
  for (let r = 0; r < opts.resamples; r++) {
    multinomial(rng, n, counts, n, weights);
    deltas[r] = delta(weights);
  }
  return deltas;
}
var CellCounter = class {
  constructor(cap) {
    this.cap = cap;
  }
  cap;
  counts = /* @__PURE__ */ new Map();
  /** False once the cap is passed. */
  add(key, count = 1) {
    const c = this.counts.get(key);
    if (c === void 0) {
      if (this.counts.size >= this.cap) return false;
      this.counts.set(key, count);
    } else this.counts.set(key, c + count);
    return true;
  }
  get size() {
    return this.counts.size;
  }
  /** The cells, largest count first (ties by key). */
  cells() {
    const entries = [...this.counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return {
      keys: Float64Array.from(entries, (e) => e[0]),
      counts: Float64Array.from(entries, (e) => e[1])
    };
  }
};

// core/gate/sig-rows.ts
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
var BLOCK_BITS = 10;
var BLOCK = 1 << BLOCK_BITS;
var BATCH = 256;
var GROUP = 8;
var THREAD_MIN_DRAWS = 1 << 26;
var KERNEL = `function resampleGroup(d, width, blocks, lastSize, counts, states, first, count, sums, st, acc) {
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
var kernel = null;
function kernelHere() {
  kernel ??= new Function(`return (${KERNEL});`)();
  return kernel;
}
var OFFER = 0;
var DONE = 1;
var SIZE = 2;
var CLAIM = `function claim(ctl) {
  for (;;) {
    const offer = Atomics.load(ctl, ${OFFER});
    if (offer < 0 || (offer & 63) >= ((offer >> 6) & 63)) return -1;
    if (Atomics.compareExchange(ctl, ${OFFER}, offer, offer + 1) === offer) return offer & 63;
  }
}`;
var WORKER = `const { workerData } = require("node:worker_threads");
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
var claimHere = null;
var STALL_MS = 3e4;
function sharedFloat64(length) {
  return shared(Float64Array, length);
}
function shared(Type, length) {
  return new Type(new SharedArrayBuffer(Math.max(1, length) * Type.BYTES_PER_ELEMENT));
}
function resampleSums(values, width, opts) {
  const n = values.length / width;
  const blocks = Math.ceil(n / BLOCK);
  const lastSize = n - (blocks - 1) * BLOCK;
  const sizes = new Float64Array(blocks).fill(BLOCK);
  sizes[blocks - 1] = lastSize;
  const threads = opts.threads ?? (n * opts.resamples >= THREAD_MIN_DRAWS ? Math.min(2, availableParallelism()) : 1);
  const batch = Math.min(BATCH, opts.resamples);
  let ctl = shared(Int32Array, 3);
  let counts = shared(Int32Array, batch * blocks);
  let states = shared(Int32Array, batch);
  let sums = shared(Float64Array, 2 * batch);
  let finished = shared(Uint8Array, Math.ceil(batch / GROUP));
  let d = values;
  let worker = null;
  if (threads > 1) {
    if (!(values.buffer instanceof SharedArrayBuffer)) {
      d = shared(Float64Array, values.length);
      d.set(values);
    }
    try {
      worker = new Worker(WORKER, {
        eval: true,
        workerData: { ctl, d, width, blocks, lastSize, counts, states, sums, finished }
      });
      worker.unref();
      worker.on("error", () => {
      });
    } catch {
      worker = null;
    }
  }
  const run = kernelHere();
  claimHere ??= new Function(`return (${CLAIM});`)();
  const claim = claimHere;
  const st = new Int32Array(GROUP);
  const acc = new Float64Array(2 * GROUP);
  const stream = sharedStream(opts.state);
  const out = new Float64Array(2 * opts.resamples);
  const row = new Int32Array(blocks);
  try {
    for (let start = 0, gen = 1; start < opts.resamples; start += batch, gen++) {
      const size = Math.min(batch, opts.resamples - start);
      for (let r = 0; r < size; r++) {
        multinomial(stream.rng, n, sizes, n, row);
        counts.set(row, r * blocks);
      }
      let state = stream.state[0];
      for (let r = 0; r < size; r++) {
        states[r] = state;
        let uses = 0;
        for (let b = 0; b < blocks; b++) {
          const k = counts[r * blocks + b];
          uses += lastSize < BLOCK && b === blocks - 1 ? k : Math.ceil(k / 3);
        }
        state = state + Math.imul(MULBERRY32_STEP, uses % 4294967296) | 0;
      }
      stream.state[0] = state;
      const groups = Math.ceil(size / GROUP);
      finished.fill(0);
      Atomics.store(ctl, SIZE, size);
      Atomics.store(ctl, DONE, 0);
      Atomics.store(ctl, OFFER, gen << 12 | groups << 6);
      Atomics.notify(ctl, OFFER);
      for (; ; ) {
        const group = claim(ctl);
        if (group < 0) break;
        const first = group * GROUP;
        run(d, width, blocks, lastSize, counts, states, first, Math.min(GROUP, size - first), sums, st, acc);
        Atomics.store(finished, group, 1);
        Atomics.add(ctl, DONE, 1);
      }
      let seen = Atomics.load(ctl, DONE);
      let since = Date.now();
      while (seen < groups && worker) {
        Atomics.wait(ctl, DONE, seen, 1e3);
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
function sharedStream(seed) {
  const state = new Int32Array(1);
  state[0] = seed | 0;
  return {
    state,
    rng: () => {
      const a = state[0] + MULBERRY32_STEP | 0;
      state[0] = a;
      let t = Math.imul(a ^ a >>> 15, a | 1);
      t ^= t + Math.imul(t ^ t >>> 7, t | 61);
      return ((t ^ t >>> 14) >>> 0) / 4294967296;
    }
  };
}
function meanDeltas(d, opts) {
  const n = d.length;
  const sums = resampleSums(d, 1, opts);
  const deltas = new Float64Array(opts.resamples);
  for (let r = 0; r < deltas.length; r++) deltas[r] = sums[2 * r] / n;
  return deltas;
}
function rootMeanDeltas(pairs, opts) {
  const n = pairs.length / 2;
  const sums = resampleSums(pairs, 2, opts);
  const deltas = new Float64Array(opts.resamples);
  for (let r = 0; r < deltas.length; r++) {
    deltas[r] = Math.sqrt(sums[2 * r] / n) - Math.sqrt(sums[2 * r + 1] / n);
  }
  return deltas;
}

// core/gate/example-metrics.ts
var BUILT_IN = {
  accuracy: "accuracy",
  acc: "accuracy",
  error_rate: "error_rate",
  error: "error_rate",
  misclassification_rate: "error_rate",
  zero_one_loss: "error_rate",
  f1_macro: "f1_macro",
  macro_f1: "f1_macro",
  balanced_accuracy: "balanced_accuracy",
  mae: "mae",
  mean_absolute_error: "mae",
  mse: "mse",
  mean_squared_error: "mse",
  rmse: "rmse",
  root_mean_squared_error: "rmse"
};
var BUILT_IN_METRICS = Object.keys(BUILT_IN);
var COMPUTED = [...new Set(Object.values(BUILT_IN))];
var VALUE_CELL_CAP = 4096;
function perExampleMetric(metric, direction, paired) {
  const { candidate, baseline, baselineRow } = paired;
  const last = metric.split(".").at(-1) ?? metric;
  const column = [metric, last].find((c) => candidate.has(c) && baseline.has(c));
  if (column !== void 0) {
    const c = numbers(candidate, column);
    const b = aligned(numbers(baseline, column), baselineRow);
    return valueMetric(`column ${column}`, c, b, "mean", binaryDiscordant(c, b, direction));
  }
  const kind = BUILT_IN[last.toLowerCase()];
  if (kind === void 0) {
    return `${metric} cannot be computed from per-example results: add a ${last} column to them (label and prediction give ${COMPUTED.join(", ")})`;
  }
  for (const t of [candidate, baseline]) {
    for (const col of ["label", "prediction"]) {
      if (!t.has(col))
        return `${metric} needs label and prediction columns; ${t.file} has ${t.names.join(", ")}`;
    }
  }
  const source = `${kind} from label and prediction`;
  if (kind === "mae" || kind === "mse" || kind === "rmse") {
    const errors = (t, rows) => {
      const y = numbers(t, "label");
      const p = numbers(t, "prediction");
      const e = new Float64Array(t.rows);
      for (let i = 0; i < e.length; i++) {
        const diff = y[i] - p[i];
        e[i] = kind === "mae" ? Math.abs(diff) : diff ** 2;
      }
      return aligned(e, rows);
    };
    return valueMetric(
      source,
      errors(candidate, null),
      errors(baseline, baselineRow),
      kind === "rmse" ? "root" : "mean"
    );
  }
  return tableMetric(source, kind, paired);
}
function numbers(t, name) {
  const column = t.columns.get(name);
  if (column.numbers) return column.numbers.subarray(0, t.rows);
  const dictionary = column.dictionary;
  const codes = column.codes;
  const values = dictionary.numbers;
  const out = new Float64Array(t.rows);
  for (let i = 0; i < out.length; i++) {
    const v = values[codes[i]];
    if (Number.isNaN(v)) {
      throw new UsageError(
        `${t.file}:${t.line(i)}: ${name} ${JSON.stringify(dictionary.strings[codes[i]])} is not a finite number`,
        { hint: "Per-example values must be numbers (no NaN, Infinity or empty cells)" }
      );
    }
    out[i] = v;
  }
  return out;
}
function aligned(values, rows) {
  if (rows === null) return values;
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
  return out;
}
function sum(values) {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}
function mean(values) {
  return (idx) => {
    let s = 0;
    for (let i = 0; i < idx.length; i++) s += values[idx[i]];
    return s / idx.length;
  };
}
function binaryDiscordant(c, b, direction) {
  let onlyC = 0;
  let onlyB = 0;
  for (let i = 0; i < c.length; i++) {
    const x = c[i];
    const y = b[i];
    if (x !== 0 && x !== 1 || y !== 0 && y !== 1) return void 0;
    if (x > y) onlyC++;
    else if (x < y) onlyB++;
  }
  return direction === "higher" ? { b: onlyC, c: onlyB } : { b: onlyB, c: onlyC };
}
function valueMetric(source, c, b, form, discordant) {
  const n = c.length;
  const finish = form === "root" ? Math.sqrt : (x) => x;
  const cells = valueCells(c, b);
  const metric = {
    source,
    n,
    candidateValue: finish(sum(c) / n),
    baselineValue: finish(sum(b) / n),
    ...discordant ? { discordant } : {},
    resampling: cells ? "cells" : "rows",
    deltas(opts) {
      if (cells) {
        const { cv, bv, counts } = cells;
        return cellDeltas(
          counts,
          n,
          (w) => {
            let sc = 0;
            let sb = 0;
            for (let j = 0; j < w.length; j++) {
              sc += w[j] * cv[j];
              sb += w[j] * bv[j];
            }
            return finish(sc / n) - finish(sb / n);
          },
          opts
        );
      }
      if (form === "mean") {
        const d = sharedFloat64(n);
        for (let i = 0; i < n; i++) d[i] = c[i] - b[i];
        return meanDeltas(d, opts);
      }
      const pairs = sharedFloat64(2 * n);
      for (let i = 0; i < n; i++) {
        pairs[2 * i] = c[i];
        pairs[2 * i + 1] = b[i];
      }
      return rootMeanDeltas(pairs, opts);
    },
    get candidate() {
      const m = mean(c);
      return (idx) => finish(m(idx));
    },
    get baseline() {
      const m = mean(b);
      return (idx) => finish(m(idx));
    }
  };
  return metric;
}
function valueCells(c, b) {
  const n = c.length;
  const cap = Math.min(VALUE_CELL_CAP, Math.floor(n / 16));
  if (cap < 1) return null;
  const ids = (values) => {
    const seen = /* @__PURE__ */ new Map();
    const of = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      let id = seen.get(v);
      if (id === void 0) {
        if (seen.size >= cap) return null;
        id = seen.size;
        seen.set(v, id);
      }
      of[i] = id;
    }
    return { of, values: [...seen.keys()] };
  };
  const ci = ids(c);
  const bi = ci && ids(b);
  if (!ci || !bi) return null;
  const width = bi.values.length;
  const counter = new CellCounter(cap);
  for (let i = 0; i < n; i++) {
    if (!counter.add(ci.of[i] * width + bi.of[i])) return null;
  }
  const { keys, counts } = counter.cells();
  return {
    counts,
    cv: Float64Array.from(keys, (k) => ci.values[Math.floor(k / width)]),
    bv: Float64Array.from(keys, (k) => bi.values[k % width])
  };
}
function rowClasses(classes, column, order) {
  const n = column.rows;
  if (column.numbers) {
    const v = column.numbers;
    const codes2 = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const i = order ? order[k] : k;
      codes2[i] = classes.classOf(String(v[i]));
    }
    return { codes: codes2, map: new Int32Array(0) };
  }
  const dictionary = column.dictionary;
  const codes = column.codes;
  if (order === null) return { codes, map: classes.mapOf(dictionary) };
  const map = new Int32Array(dictionary.size).fill(-1);
  let left = dictionary.size;
  for (let k = 0; k < n && left > 0; k++) {
    const code = codes[order[k]];
    if (map[code] === -1) {
      map[code] = classes.classOf(dictionary.strings[code].trim());
      left--;
    }
  }
  return { codes, map };
}
function tableMetric(source, kind, paired) {
  const { candidate, baseline, baselineRow } = paired;
  const n = candidate.rows;
  const classes = new ClassSpace();
  const col = (t, name) => t.columns.get(name);
  const y = rowClasses(classes, col(candidate, "label"), null);
  const pc = rowClasses(classes, col(candidate, "prediction"), null);
  const pb = rowClasses(classes, col(baseline, "prediction"), baselineRow);
  const k = classes.size;
  for (const r of [y, pc, pb]) if (r.map.length === 0) r.map = Int32Array.from({ length: k }, (_, i) => i);
  const cells = tableCells(y, pc, pb, k, n, baselineRow);
  const m = cells.counts.length;
  const cy = new Int32Array(m);
  const cc = new Int32Array(m);
  const cb = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    const key = cells.keys[j];
    cy[j] = Math.floor(key / (k * k));
    cc[j] = Math.floor(key / k) % k;
    cb[j] = key % k;
  }
  const tp = new Float64Array(k);
  const fp = new Float64Array(k);
  const fn = new Float64Array(k);
  const support = new Float64Array(k);
  const statistic = (w, pred) => {
    if (kind === "accuracy" || kind === "error_rate") {
      let right = 0;
      for (let j = 0; j < m; j++) if (cy[j] === pred[j]) right += w[j];
      return kind === "accuracy" ? right / n : 1 - right / n;
    }
    tp.fill(0);
    fp.fill(0);
    fn.fill(0);
    support.fill(0);
    for (let j = 0; j < m; j++) {
      const x = w[j];
      const label = cy[j];
      const p = pred[j];
      support[label] = support[label] + x;
      if (label === p) tp[label] = tp[label] + x;
      else {
        fp[p] = fp[p] + x;
        fn[label] = fn[label] + x;
      }
    }
    return kind === "f1_macro" ? f1FromCounts(tp, fp, fn, k) : balancedFromCounts(tp, support, k);
  };
  const delta = (w) => statistic(w, cc) - statistic(w, cb);
  let onlyC = 0;
  let onlyB = 0;
  for (let j = 0; j < m; j++) {
    const rightC = cy[j] === cc[j];
    const rightB = cy[j] === cb[j];
    if (rightC && !rightB) onlyC += cells.counts[j];
    else if (!rightC && rightB) onlyB += cells.counts[j];
  }
  let rows = null;
  const perRow = () => {
    if (rows) return rows;
    const expand = (r, order) => Int32Array.from(
      { length: n },
      (_, i) => r.map[r.codes[order ? order[i] : i]]
    );
    rows = { y: expand(y, null), pc: expand(pc, null), pb: expand(pb, baselineRow) };
    return rows;
  };
  const rowStatistic = (which) => {
    const { y: labels, [which]: predictions } = perRow();
    if (kind === "accuracy" || kind === "error_rate") {
      return (idx) => {
        let right = 0;
        for (let i = 0; i < idx.length; i++)
          if (labels[idx[i]] === predictions[idx[i]]) right++;
        return kind === "accuracy" ? right / idx.length : 1 - right / idx.length;
      };
    }
    const stat = kind === "f1_macro" ? f1Macro : balancedAccuracy;
    return (idx) => stat(labels, predictions, k, idx);
  };
  return {
    source,
    n,
    candidateValue: statistic(cells.counts, cc),
    baselineValue: statistic(cells.counts, cb),
    ...kind === "accuracy" || kind === "error_rate" ? { discordant: { b: onlyC, c: onlyB } } : {},
    resampling: "cells",
    deltas: (opts) => cellDeltas(cells.counts, n, delta, opts),
    get candidate() {
      return rowStatistic("pc");
    },
    get baseline() {
      return rowStatistic("pb");
    }
  };
}
function tableCells(y, pc, pb, k, n, baselineRow) {
  const { codes: yc, map: ym } = y;
  const { codes: cc, map: cm } = pc;
  const { codes: bc, map: bm } = pb;
  const key = (i) => {
    const j = baselineRow ? baselineRow[i] : i;
    return (ym[yc[i]] * k + cm[cc[i]]) * k + bm[bc[j]];
  };
  if (k * k * k <= 1 << 20) {
    const dense = new Float64Array(k * k * k);
    for (let i = 0; i < n; i++) {
      const x = key(i);
      dense[x] = dense[x] + 1;
    }
    const counter2 = new CellCounter(Number.POSITIVE_INFINITY);
    for (let x = 0; x < dense.length; x++) if (dense[x] > 0) counter2.add(x, dense[x]);
    return counter2.cells();
  }
  const counter = new CellCounter(Number.POSITIVE_INFINITY);
  for (let i = 0; i < n; i++) counter.add(key(i));
  return counter.cells();
}
function confusion(labels, predictions, k, idx) {
  const tp = new Float64Array(k);
  const fp = new Float64Array(k);
  const fn = new Float64Array(k);
  const support = new Float64Array(k);
  for (let j = 0; j < idx.length; j++) {
    const i = idx[j];
    const y = labels[i];
    const p = predictions[i];
    support[y] = (support[y] ?? 0) + 1;
    if (y === p) tp[y] = (tp[y] ?? 0) + 1;
    else {
      fp[p] = (fp[p] ?? 0) + 1;
      fn[y] = (fn[y] ?? 0) + 1;
    }
  }
  return { tp, fp, fn, support };
}
function f1FromCounts(tp, fp, fn, k) {
  let total = 0;
  let classes = 0;
  for (let c = 0; c < k; c++) {
    const denominator = 2 * tp[c] + fp[c] + fn[c];
    if (denominator === 0) continue;
    total += 2 * tp[c] / denominator;
    classes++;
  }
  return classes === 0 ? 0 : total / classes;
}
function balancedFromCounts(tp, support, k) {
  let total = 0;
  let classes = 0;
  for (let c = 0; c < k; c++) {
    if (support[c] === 0) continue;
    total += tp[c] / support[c];
    classes++;
  }
  return classes === 0 ? 0 : total / classes;
}
function f1Macro(labels, predictions, k, idx) {
  const { tp, fp, fn } = confusion(labels, predictions, k, idx);
  return f1FromCounts(tp, fp, fn, k);
}
function balancedAccuracy(labels, predictions, k, idx) {
  const { tp, support } = confusion(labels, predictions, k, idx);
  return balancedFromCounts(tp, support, k);
}

// core/gate/mcnemar.ts
function exactMcNemar(b, c) {
  const n = b + c;
  if (n === 0) return { b, c, p_value: 1 };
  const k = Math.min(b, c);
  let logTerm = -n * Math.LN2;
  let logSum = logTerm;
  for (let i = 0; i < k; i++) {
    logTerm += Math.log(n - i) - Math.log(i + 1);
    logSum = logAdd(logSum, logTerm);
  }
  return { b, c, p_value: Math.min(1, 2 * Math.exp(logSum)) };
}
function logAdd(a, b) {
  const hi = Math.max(a, b);
  return hi + Math.log1p(Math.exp(Math.min(a, b) - hi));
}

// core/gate/significance.ts
function significanceChecks(policy, sig, metrics, examples) {
  const level = `${fmt(sig.level * 100)}%`;
  const base = (metric) => ({
    metric,
    rule: "significance",
    candidate: null,
    baseline: null,
    delta: null,
    limit: level,
    passed: true
  });
  if (typeof examples === "string") {
    return metrics.map((metric) => ({
      ...base(metric),
      skipped: true,
      message: `${metric} significance: skipped, ${examples}`
    }));
  }
  return metrics.map((metric) => {
    const direction = policy.metrics[metric]?.direction ?? "higher";
    const m = perExampleMetric(metric, direction, examples);
    if (typeof m === "string")
      return { ...base(metric), skipped: true, message: `${metric} significance: skipped, ${m}` };
    const deltas = m.deltas({ resamples: sig.resamples, state: streamSeed(sig.seed, metric) });
    const boot = { delta: m.candidateValue - m.baselineValue, ...percentileInterval(deltas, sig.level) };
    const worse = (d) => direction === "higher" ? d < 0 : d > 0;
    const ci = `[${fmtDelta(boot.ci[0])}, ${fmtDelta(boot.ci[1])}]`;
    const bootstrapText = `${fmtDelta(boot.delta)} ${ci} (paired bootstrap, ${boot.resamples} resamples, ${level}, ${m.n} examples, ${m.source})`;
    let significant = boot.ci[0] > 0 || boot.ci[1] < 0;
    let method = "bootstrap";
    let pValue;
    let detail = bootstrapText;
    if (m.discordant) {
      const { b, c } = m.discordant;
      const mc = exactMcNemar(b, c);
      pValue = mc.p_value;
      const mcText = `exact McNemar p = ${fmt(mc.p_value)} (candidate alone right on ${b}, baseline alone on ${c})`;
      if (sig.method === "mcnemar") {
        method = "mcnemar";
        significant = mc.p_value < 1 - sig.level;
        detail = `${mcText}; ${bootstrapText}`;
      } else {
        detail = `${bootstrapText}; ${mcText}`;
      }
    } else if (sig.method === "mcnemar") {
      detail = `${bootstrapText}; McNemar needs per-example correctness, so the bootstrap decides`;
    }
    const regression = significant && worse(boot.delta);
    const verdict = !significant ? "not significant" : regression ? "a significant regression" : "a significant improvement";
    return {
      ...base(metric),
      candidate: m.candidateValue,
      baseline: m.baselineValue,
      delta: boot.delta,
      method,
      ci: boot.ci,
      ...pValue === void 0 ? {} : { p_value: pValue },
      significant,
      regression,
      examples: m.n,
      message: `${metric}: ${verdict} — ${detail}`
    };
  });
}

// core/gate/slice-checks.ts
function sliceChecks(policy, candidate, baseline) {
  const checks = [];
  const problems = [];
  for (const [i, entry] of policy.slices.entries()) {
    const where = `models.${policy.model}.gate.slices[${i}]`;
    const names = slicesBy(candidate, entry.by);
    const rules = [
      ...Object.entries(entry["max-gap"]).map(([m, g]) => [
        m,
        "slice-gap",
        g
      ]),
      ...Object.entries(entry.metrics).flatMap(([m, b]) => [
        ...b.min === void 0 ? [] : [[m, "slice-min", b.min]],
        ...b.max === void 0 ? [] : [[m, "slice-max", b.max]]
      ])
    ];
    if (names.length === 0) {
      const features = [...new Set(Object.keys(candidate).map((k) => k.split("=")[0] ?? k))].sort();
      const near = closest(entry.by, features);
      const has = features.length ? `it has slices by ${features.join(", ")}` : "it reports no slices";
      for (const [metric, rule, limit] of rules) {
        checks.push({
          metric,
          rule,
          by: entry.by,
          candidate: null,
          baseline: null,
          delta: null,
          limit,
          passed: true,
          skipped: true,
          message: `${metric} by ${entry.by}: skipped, the candidate reports no slices by ${entry.by} (${has}${near ? `; did you mean ${near}?` : ""})`
        });
      }
      continue;
    }
    for (const [metric, rule, limit] of rules) {
      const values = valuesOf(candidate, names, metric);
      if (values.length === 0) {
        const known = [...new Set(names.flatMap((n) => Object.keys(candidate[n] ?? {})))].sort();
        const near = closest(metric, known);
        problems.push(
          `${where}: no slice by ${entry.by} reports ${JSON.stringify(metric)}${near ? ` — did you mean ${JSON.stringify(near)}?` : ` (they report ${known.join(", ")})`}`
        );
        continue;
      }
      const missing = names.filter((n) => candidate[n]?.[metric] === void 0);
      const direction = entry.directions[metric] ?? "higher";
      const check = rule === "slice-gap" ? gapCheck(entry, metric, limit, values, direction, baseline) : boundCheck(entry, metric, rule, limit, values, baseline);
      if (missing.length)
        check.message += ` (${missing.join(", ")} ${missing.length === 1 ? "does" : "do"} not report ${metric})`;
      checks.push(check);
    }
  }
  if (problems.length) {
    throw new UsageError(`the gate policy names unknown slice metrics:
  ${problems.join("\n  ")}`, {
      hint: "Fix the metric name in the slice rule, or make the trainer report it per slice"
    });
  }
  return checks;
}
function slicesBy(slices, by) {
  return Object.keys(slices).filter((k) => k.startsWith(`${by}=`)).sort();
}
function valuesOf(slices, names, metric) {
  const out = [];
  for (const slice of names) {
    const value = slices[slice]?.[metric];
    if (value !== void 0) out.push({ slice, value });
  }
  return out;
}
function extremes(values, direction) {
  const first = values[0];
  let worst = first;
  let best = first;
  for (const v of values) {
    const worse = direction === "higher" ? v.value < worst.value : v.value > worst.value;
    const better = direction === "higher" ? v.value > best.value : v.value < best.value;
    if (worse) worst = v;
    if (better) best = v;
  }
  return { worst, best };
}
function gapOf(values, direction) {
  const { worst, best } = extremes(values, direction);
  return { worst, best, gap: Math.abs(best.value - worst.value) };
}
function gapCheck(entry, metric, limit, values, direction, baseline) {
  const { worst, best, gap } = gapOf(values, direction);
  const baseValues = baseline ? valuesOf(baseline, slicesBy(baseline, entry.by), metric) : [];
  const baseGap = baseValues.length ? gapOf(baseValues, direction).gap : null;
  const passed = atMost(gap, limit);
  const spread = values.length === 1 ? `only one slice (${worst.slice})` : `worst ${worst.slice} ${fmt(worst.value)}, best ${best.slice} ${fmt(best.value)}`;
  return {
    metric,
    rule: "slice-gap",
    by: entry.by,
    worst: worst.slice,
    candidate: gap,
    baseline: baseGap,
    delta: baseGap === null ? null : gap - baseGap,
    limit,
    passed,
    message: `${metric} gap across ${entry.by} ${fmt(gap)} ${passed ? "≤" : "exceeds"} ${fmt(limit)}: ${spread}`
  };
}
function boundCheck(entry, metric, rule, limit, values, baseline) {
  const isMin = rule === "slice-min";
  const failing = values.filter((v) => !(isMin ? atLeast(v.value, limit) : atMost(v.value, limit)));
  const { worst } = extremes(values, isMin ? "higher" : "lower");
  const base = baseline?.[worst.slice]?.[metric];
  const op = isMin ? "≥" : "≤";
  const passed = failing.length === 0;
  return {
    metric,
    rule,
    by: entry.by,
    worst: worst.slice,
    candidate: worst.value,
    baseline: base ?? null,
    delta: base === void 0 ? null : worst.value - base,
    limit,
    passed,
    message: passed ? `${metric} ${op} ${fmt(limit)} in every slice by ${entry.by} (${values.length}; worst ${worst.slice} ${fmt(worst.value)})` : `${metric} ${isMin ? "below" : "above"} ${fmt(limit)} in ${failing.length} of ${values.length} slices by ${entry.by}: ${failing.map((f) => `${f.slice} ${fmt(f.value)}`).join(", ")}`
  };
}

// core/gate/evaluate.ts
function evaluateGate(inputs) {
  const { policy, candidate, baseline } = inputs;
  if (candidate.model !== policy.model) {
    throw new UsageError(
      `the candidate is a run of ${JSON.stringify(candidate.model)}, not ${policy.model}`,
      {
        hint: "Gate a model's own run: check --model and --candidate"
      }
    );
  }
  const directionOf = (metric) => policy.metrics[metric]?.direction;
  const evaluated = inputs.evaluation;
  const checks = metricChecks(policy, {
    candidate: evaluated?.candidateMetrics ?? candidate.metrics,
    baseline: baseline.run ? evaluated?.baselineMetrics ?? baseline.run.metrics : null
  }).map((c) => ({ ...c, direction: directionOf(c.metric) ?? "higher" }));
  checks.push(
    ...sliceChecks(policy, candidate.slices ?? {}, baseline.run?.slices ?? null).map((c) => ({
      ...c,
      // A gap is better smaller; a slice bound's worst value follows the metric.
      direction: c.rule === "slice-gap" ? "lower" : policy.slices.find((s) => s.by === c.by)?.directions[c.metric] ?? "higher"
    }))
  );
  const notes = [...evaluated?.notes ?? []];
  const sig = policy.significance;
  if (sig && baseline.run) {
    const tested = [
      ...new Set(
        checks.filter(
          (c) => (c.rule === "max-regression" || c.rule === "min-improvement") && !c.skipped && c.baseline !== null
        ).map((c) => c.metric)
      )
    ];
    if (tested.length) {
      const c = inputs.candidateExamples ?? "the candidate's per-example results were not read";
      const b = inputs.baselineExamples ?? "the baseline's per-example results were not read";
      const paired = typeof c === "string" ? `candidate: ${c}` : typeof b === "string" ? `baseline: ${b}` : pairExamples(c, b);
      const results = significanceChecks(policy, sig, tested, paired);
      if (typeof c !== "string" && typeof b !== "string" && typeof paired === "string") {
        notes.push({
          kind: "different-evaluation-data",
          message: `the candidate and the baseline were scored on different evaluation data, so their metrics are not compared like for like; declare \`evaluate:\` in the model's config so kiln scores both models on the same data (${paired})${changedData(candidate, baseline.run)}`
        });
      }
      notes.push(...noiseFloorNotes(policy, checks, results, sig.level));
      if (sig.regressions === "significant") applySignificance(checks, results);
      for (const r of results) {
        const { regression: _, ...check } = r;
        checks.push({ ...check, direction: directionOf(r.metric) ?? "higher" });
      }
    }
  }
  return {
    schema: "kiln.gate/v1",
    model: policy.model,
    run_digest: runDigest(candidate),
    policy_digest: policyDigest(policy),
    policy_source: inputs.policySource,
    passed: checks.every((c) => c.passed),
    checks,
    baseline: {
      ...baseline.baseline,
      ...baseline.notes.length ? { notes: baseline.notes } : {}
    },
    ...inputs.advisory ? { advisory: true } : {},
    ...notes.length ? { notes } : {},
    ...evaluated ? { evaluation: evaluated.record } : {}
  };
}
function noiseFloorNotes(policy, checks, results, level) {
  const notes = [];
  for (const r of results) {
    if (r.skipped || !r.ci) continue;
    const half = (r.ci[1] - r.ci[0]) / 2;
    for (const rule of ["max-regression", "min-improvement"]) {
      const t = policy.metrics[r.metric]?.[rule];
      const check = checks.find((c) => c.metric === r.metric && c.rule === rule && !c.skipped);
      if (!t || !check || check.baseline === null) continue;
      const allowed = t.kind === "absolute" ? t.value : t.value * Math.abs(check.baseline);
      if (allowed >= half) continue;
      notes.push({
        kind: "noise-floor",
        metric: r.metric,
        message: `${r.metric} ${rule} ${thresholdLabel(t)} is tighter than the metric's sampling noise at ${r.examples ?? "these"} examples (±${fmt(half)} at ${fmt(level * 100)}%): unchanged code can flip it. Loosen the rule or evaluate on more examples.`
      });
    }
  }
  return notes;
}
function applySignificance(checks, results) {
  for (const check of checks) {
    if (check.rule !== "max-regression" || check.passed || check.skipped) continue;
    const s = results.find((r) => r.metric === check.metric);
    if (!s || s.skipped) {
      check.message += "; its significance is unknown, so it counts";
    } else if (s.regression) {
      check.significant = true;
      check.message += "; the regression is significant";
    } else {
      check.passed = true;
      check.significant = false;
      check.message += "; not counted: the change is not significant (regressions: significant)";
    }
  }
}
function changedData(candidate, baseline) {
  const before = baseline?.data ?? {};
  const changed = Object.entries(candidate.data ?? {}).filter(([path, f]) => before[path] !== void 0 && before[path]?.sha256 !== f.sha256).map(([path]) => path);
  return changed.length ? `; ${changed.join(", ")} ${changed.length === 1 ? "differs" : "differ"} between the two runs` : "";
}

// core/gate/evaluation.ts
import { dirname, join as join2 } from "node:path";
async function evaluateForGate(ctx, model, candidate, baseline) {
  const notes = [];
  const first = ctx.config.artifacts[0];
  const candidateDir = await firstDirectory([
    first ? join2(dirname(candidate.path), first) : null,
    first ? join2(ctx.workspace, first) : null
  ]);
  if (!candidateDir) {
    throw new UsageError(
      `the candidate's model files (${first ?? "no artifacts declared"}) are neither beside ${candidate.path} nor in the workspace, so evaluate: cannot score them`,
      { hint: "Declare the folder the trainer saves the model to as the model's first `artifacts` entry" }
    );
  }
  const scored = await score(ctx, model, "candidate", candidateDir, candidate.run);
  const record = {
    data: scored.evaluation.data,
    candidate: {
      metrics: scored.evaluation.metrics,
      ...scored.evaluation.examplesSha256 ? { examples_sha256: scored.evaluation.examplesSha256 } : {}
    }
  };
  const out = {
    record,
    candidateMetrics: { ...candidate.run.metrics, ...scored.evaluation.metrics },
    baselineMetrics: baseline.run?.metrics ?? null,
    ...scored.examples ? { candidateExamples: scored.examples } : {},
    notes
  };
  if (!baseline.run) return out;
  const version = baseline.baseline.model_version;
  const baselineDir = await baselineModelDir(ctx, model, baseline, first);
  if (!baselineDir) {
    notes.push({
      kind: "baseline-files-missing",
      message: `the model files of the baseline ${baseline.label} are not available here, so it was not scored on ${record.data.path}: its recorded metrics are used, measured on whatever data it was evaluated on then.`
    });
    record.baseline = {
      source: "recorded",
      metrics: baseline.run.metrics,
      ...version ? { model_version: version } : {}
    };
    return out;
  }
  const base = await score(ctx, model, "baseline", baselineDir, baseline.run, version);
  record.baseline = {
    source: "evaluated",
    metrics: base.evaluation.metrics,
    ...base.evaluation.examplesSha256 ? { examples_sha256: base.evaluation.examplesSha256 } : {},
    ...version ? { model_version: version } : {}
  };
  out.baselineMetrics = { ...baseline.run.metrics, ...base.evaluation.metrics };
  if (base.examples) out.baselineExamples = base.examples;
  return out;
}
async function score(ctx, model, side, modelDir, run, version) {
  const outDir = join2(ctx.outDir, side);
  const evaluation = await runEvaluation(
    {
      model,
      config: ctx.config,
      configFile: ctx.configFile,
      cwd: ctx.cwd,
      modelDir,
      outDir,
      env: ctx.env,
      label: side === "candidate" ? "the candidate" : version ?? "the baseline",
      ...version ? { version } : {},
      // A registry version never changes: its score on the same code and data is kept and reused,
      // so CD and CT do not score production again each time.
      ...version ? { cacheDir: join2(ctx.workspace, ".kiln", "evaluations", model, version) } : {}
    },
    ctx.onLine ? { onLine: ctx.onLine, onNote: (m) => ctx.onLine?.("stderr", `kiln: ${m}`) } : {}
  );
  if (!evaluation.examplesFile) return { evaluation };
  const rel = evaluation.examplesFile.slice(outDir.length + 1);
  const examples = await readRunExamples({ ...run, examples: rel }, join2(outDir, "run.json"));
  return { evaluation, examples };
}
async function baselineModelDir(ctx, model, baseline, first) {
  const b = baseline.baseline;
  if (b.source === "registry" && ctx.registry && b.model_version) {
    const n = Number(/@v(\d+)$/.exec(b.model_version)?.[1]);
    const location = Number.isInteger(n) ? await ctx.registry.artifactsLocation(model, n) : null;
    if (location && !/^https?:\/\//.test(location)) return firstDirectory([location]);
    return null;
  }
  if (baseline.runFile && first) return firstDirectory([join2(dirname(baseline.runFile), first)]);
  return null;
}

// core/gate/run-gate.ts
async function runGate(opts) {
  const policy = normalisePolicy(opts.model, modelConfig(opts.config, opts.model, opts.configFile));
  const candidate = await readRunFile(opts.candidate.path, opts.candidate.shown);
  if (candidate.model !== opts.model) {
    throw new UsageError(
      `${opts.candidate.shown} is a run of ${JSON.stringify(candidate.model)}, not ${opts.model}`,
      {
        hint: "Gate a model's own run: check --model and --candidate"
      }
    );
  }
  const baseline = opts.baseline ? await baselineFromFile(opts.baseline.path, opts.baseline.shown, opts.model) : opts.sources ? await resolveBaseline(opts.model, opts.sources) : { baseline: { source: "none" }, run: null, runFile: null, label: "none", notes: [] };
  let candidateExamples;
  let baselineExamples;
  let evaluated;
  const yardstick = opts.evaluation && (opts.evaluation.config ?? opts.config).models[opts.model] ? modelConfig(
    opts.evaluation.config ?? opts.config,
    opts.model,
    opts.evaluation.configFile ?? opts.configFile
  ) : null;
  if (opts.evaluation && yardstick?.evaluate) {
    evaluated = await evaluateForGate(
      {
        ...opts.evaluation,
        config: yardstick,
        configFile: opts.evaluation.configFile ?? opts.configFile,
        registry: opts.sources?.registry ?? null
      },
      opts.model,
      { run: candidate, path: opts.candidate.path },
      baseline
    );
    candidateExamples = evaluated.candidateExamples;
    baselineExamples = evaluated.baselineExamples ?? (evaluated.record.baseline?.source !== "recorded" ? void 0 : baseline.runFile && baseline.run ? await readRunExamples(baseline.run, baseline.runFile) : `the baseline ${baseline.label} was not scored here and keeps no per-example results`);
  } else if (policy.significance && baseline.run) {
    candidateExamples = await readRunExamples(candidate, opts.candidate.path);
    if (typeof candidateExamples === "string" && candidate.examples !== void 0) {
      throw new UsageError(`${opts.candidate.shown}: ${candidateExamples}`, {
        hint: "Keep the per-example results next to run.json (the policy asks for significance)"
      });
    }
    baselineExamples = baseline.runFile ? await readRunExamples(baseline.run, baseline.runFile) : `the ${baseline.baseline.source} baseline ${baseline.label} keeps no per-example results`;
  }
  const result = evaluateGate({
    policy,
    candidate,
    baseline,
    ...candidateExamples === void 0 ? {} : { candidateExamples },
    ...baselineExamples === void 0 ? {} : { baselineExamples },
    policySource: opts.policySource,
    advisory: opts.advisory,
    ...evaluated ? { evaluation: evaluated } : {}
  });
  return { result, markdown: renderGateMarkdown(result), baseline };
}
async function writeGateFile(dir, result) {
  await mkdir(dir, { recursive: true });
  const path = join3(dir, "gate.json");
  await writeFile(path, formatKilnFile(result));
  return path;
}

// runtime/git.ts
import { dirname as dirname2, resolve } from "node:path";
async function git(cwd, args, env) {
  const r = await execCapture("git", args, { cwd, env: { ...env, LC_ALL: "C" } });
  return r.code === 0 ? r.stdout.trim() : null;
}
async function policyOrigin(file, env) {
  const path = resolve(file);
  const cwd = dirname2(path);
  const advisory = (reason) => ({ source: "working-tree", committed: false, reason });
  if (await git(cwd, ["rev-parse", "--show-toplevel"], env) === null)
    return advisory("is not in a git repository");
  if (await git(cwd, ["ls-files", "--error-unmatch", "--", path], env) === null)
    return advisory("is not committed");
  const status = await git(cwd, ["status", "--porcelain", "--", path], env);
  if (status === null || status !== "") return advisory("has uncommitted changes");
  const commit = await git(cwd, ["rev-parse", "HEAD"], env);
  if (!commit) return advisory("is in a repository with no commit");
  const branch = await git(cwd, ["symbolic-ref", "--short", "-q", "HEAD"], env) || "HEAD";
  return { source: `${branch}@${commit}`, committed: true };
}

export {
  runGate,
  writeGateFile,
  policyOrigin
};

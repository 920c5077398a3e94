import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  renderGateMarkdown
} from "./chunk-USTYWCHT.js";
import {
  execCapture
} from "./chunk-O7IIMTF5.js";
import {
  writeRunFolder
} from "./chunk-OYQVA2YJ.js";
import {
  pairExamples,
  readRunExamples,
  readRunFile
} from "./chunk-NORDYQ4Z.js";
import {
  metricChecks
} from "./chunk-BCY5XLRB.js";
import {
  atLeast,
  atMost,
  fmt,
  fmtDelta
} from "./chunk-L3JG2L2V.js";
import {
  normalisePolicy,
  policyDigest
} from "./chunk-X76HH3AA.js";
import {
  modelConfig
} from "./chunk-PC4ZM575.js";
import {
  parseKilnFile,
  runDigest
} from "./chunk-7PHMG4D3.js";
import {
  closest
} from "./chunk-IRIPJO66.js";
import {
  artifactName
} from "./chunk-FOFFBESX.js";
import {
  formatKilnFile
} from "./chunk-EQVTLXOE.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// core/gate/run-gate.ts
import { mkdir, writeFile } from "node:fs/promises";
import { join as join2 } from "node:path";

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
function pairedBootstrap(n, candidate, baseline, opts) {
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  const delta = candidate(all) - baseline(all);
  const deltas = new Float64Array(opts.resamples);
  const idx = new Uint32Array(n);
  for (let r = 0; r < opts.resamples; r++) {
    for (let i = 0; i < n; i++) idx[i] = Math.floor(opts.rng() * n);
    deltas[r] = candidate(idx) - baseline(idx);
  }
  deltas.sort();
  const tail = (1 - opts.level) / 2;
  return { delta, ci: [quantile(deltas, tail), quantile(deltas, 1 - tail)], resamples: opts.resamples };
}
function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo];
  return a + (h - lo) * (sorted[hi] - a);
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
function perExampleMetric(metric, direction, paired) {
  const { candidate, baseline, baselineRow } = paired;
  const n = candidate.ids.length;
  const last = metric.split(".").at(-1) ?? metric;
  const column = [metric, last].find((c) => candidate.columns.has(c) && baseline.columns.has(c));
  if (column !== void 0) {
    const c = numbers(candidate, column);
    const b = align(numbers(baseline, column), baselineRow);
    const binary = c.every((v) => v === 0 || v === 1) && b.every((v) => v === 0 || v === 1);
    return {
      source: `column ${column}`,
      n,
      candidate: mean(c),
      baseline: mean(b),
      ...binary ? { correct: { candidate: good(c, direction), baseline: good(b, direction) } } : {}
    };
  }
  const kind = BUILT_IN[last.toLowerCase()];
  if (kind === void 0) {
    return `${metric} cannot be computed from per-example results: add a ${last} column to them (label and prediction give ${COMPUTED.join(", ")})`;
  }
  for (const t of [candidate, baseline]) {
    for (const col of ["label", "prediction"]) {
      if (!t.columns.has(col))
        return `${metric} needs label and prediction columns; ${t.file} has ${[...t.columns.keys()].join(", ")}`;
    }
  }
  const source = `${kind} from label and prediction`;
  if (kind === "mae" || kind === "mse" || kind === "rmse") {
    const errors = (t, rows) => {
      const y2 = numbers(t, "label");
      const p = numbers(t, "prediction");
      const e = y2.map(
        (v, i) => kind === "mae" ? Math.abs(v - p[i]) : (v - p[i]) ** 2
      );
      return rows ? align(e, rows) : e;
    };
    const stat2 = (e) => kind === "rmse" ? (idx) => Math.sqrt(mean(e)(idx)) : mean(e);
    return { source, n, candidate: stat2(errors(candidate)), baseline: stat2(errors(baseline, baselineRow)) };
  }
  const codes = /* @__PURE__ */ new Map();
  const code = (s) => {
    const k2 = s.trim();
    let c = codes.get(k2);
    if (c === void 0) {
      c = codes.size;
      codes.set(k2, c);
    }
    return c;
  };
  const encode = (t, col, rows) => {
    const cells = t.columns.get(col) ?? [];
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = code(cells[rows ? rows[i] : i] ?? "");
    return out;
  };
  const y = encode(candidate, "label");
  const pc = encode(candidate, "prediction");
  const pb = encode(baseline, "prediction", baselineRow);
  const k = codes.size;
  if (kind === "accuracy" || kind === "error_rate") {
    const cc = correctness(y, pc);
    const cb = correctness(y, pb);
    const rate = (v) => {
      const acc = mean(Float64Array.from(v));
      return kind === "accuracy" ? acc : (idx) => 1 - acc(idx);
    };
    return { source, n, candidate: rate(cc), baseline: rate(cb), correct: { candidate: cc, baseline: cb } };
  }
  const stat = kind === "f1_macro" ? f1Macro : balancedAccuracy;
  return { source, n, candidate: (idx) => stat(y, pc, k, idx), baseline: (idx) => stat(y, pb, k, idx) };
}
function numbers(t, column) {
  const cells = t.columns.get(column) ?? [];
  const out = new Float64Array(cells.length);
  for (const [i, cell] of cells.entries()) {
    const v = cell.trim() === "" ? Number.NaN : Number(cell);
    if (!Number.isFinite(v)) {
      throw new UsageError(
        `${t.file}:${t.lines[i]}: ${column} ${JSON.stringify(cell)} is not a finite number`,
        {
          hint: "Per-example values must be numbers (no NaN, Infinity or empty cells)"
        }
      );
    }
    out[i] = v;
  }
  return out;
}
function align(values, rows) {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
  return out;
}
function mean(values) {
  return (idx) => {
    let sum = 0;
    for (let i = 0; i < idx.length; i++) sum += values[idx[i]];
    return sum / idx.length;
  };
}
function good(values, direction) {
  return Uint8Array.from(values, (v) => direction === "higher" ? v : 1 - v);
}
function correctness(labels, predictions) {
  return Uint8Array.from(labels, (y, i) => y === predictions[i] ? 1 : 0);
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
function f1Macro(labels, predictions, k, idx) {
  const { tp, fp, fn } = confusion(labels, predictions, k, idx);
  let sum = 0;
  let classes = 0;
  for (let c = 0; c < k; c++) {
    const denominator = 2 * tp[c] + fp[c] + fn[c];
    if (denominator === 0) continue;
    sum += 2 * tp[c] / denominator;
    classes++;
  }
  return classes === 0 ? 0 : sum / classes;
}
function balancedAccuracy(labels, predictions, k, idx) {
  const { tp, support } = confusion(labels, predictions, k, idx);
  let sum = 0;
  let classes = 0;
  for (let c = 0; c < k; c++) {
    if (support[c] === 0) continue;
    sum += tp[c] / support[c];
    classes++;
  }
  return classes === 0 ? 0 : sum / classes;
}

// core/gate/mcnemar.ts
function mcnemarCounts(candidate, baseline) {
  let b = 0;
  let c = 0;
  for (let i = 0; i < candidate.length; i++) {
    if (candidate[i] && !baseline[i]) b++;
    else if (!candidate[i] && baseline[i]) c++;
  }
  return { b, c };
}
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
function rngFor(seed, metric) {
  return mulberry32(streamSeed(seed, metric));
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
    const boot = pairedBootstrap(m.n, m.candidate, m.baseline, {
      resamples: sig.resamples,
      level: sig.level,
      rng: rngFor(sig.seed, metric)
    });
    const all = new Uint32Array(m.n).map((_, i) => i);
    const worse = (d) => direction === "higher" ? d < 0 : d > 0;
    const ci = `[${fmtDelta(boot.ci[0])}, ${fmtDelta(boot.ci[1])}]`;
    const bootstrapText = `${fmtDelta(boot.delta)} ${ci} (paired bootstrap, ${boot.resamples} resamples, ${level}, ${m.n} examples, ${m.source})`;
    let significant = boot.ci[0] > 0 || boot.ci[1] < 0;
    let method = "bootstrap";
    let pValue;
    let detail = bootstrapText;
    if (m.correct) {
      const { b, c } = mcnemarCounts(m.correct.candidate, m.correct.baseline);
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
      candidate: m.candidate(all),
      baseline: m.baseline(all),
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
  const checks = metricChecks(policy, {
    candidate: candidate.metrics,
    baseline: baseline.run?.metrics ?? null
  }).map((c) => ({ ...c, direction: directionOf(c.metric) ?? "higher" }));
  checks.push(
    ...sliceChecks(policy, candidate.slices ?? {}, baseline.run?.slices ?? null).map((c) => ({
      ...c,
      // A gap is better smaller; a slice bound's worst value follows the metric.
      direction: c.rule === "slice-gap" ? "lower" : policy.slices.find((s) => s.by === c.by)?.directions[c.metric] ?? "higher"
    }))
  );
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
    ...inputs.advisory ? { advisory: true } : {}
  };
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
  if (policy.significance && baseline.run) {
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
    advisory: opts.advisory
  });
  return { result, markdown: renderGateMarkdown(result), baseline };
}
async function writeGateFile(dir, result) {
  await mkdir(dir, { recursive: true });
  const path = join2(dir, "gate.json");
  await writeFile(path, formatKilnFile(result));
  return path;
}

// runtime/git.ts
import { dirname, resolve } from "node:path";
async function git(cwd, args, env) {
  const r = await execCapture("git", args, { cwd, env: { ...env, LC_ALL: "C" } });
  return r.code === 0 ? r.stdout.trim() : null;
}
async function policyOrigin(file, env) {
  const path = resolve(file);
  const cwd = dirname(path);
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

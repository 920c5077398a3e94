import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  escapeMarkdown
} from "./chunk-IB4XY3DN.js";
import {
  defaultDirection
} from "./chunk-MUEIDXEF.js";
import {
  artifactName,
  assertModelName,
  canonicalJson,
  closest,
  formatKilnFile,
  isModelName,
  isoTime,
  modelName,
  parseKilnFile,
  parseThreshold,
  readTextFile,
  runDigest,
  sha256,
  sha256Hex
} from "./chunk-LGDHKSEV.js";
import {
  external_exports
} from "./chunk-SHX5IHM6.js";
import {
  UsageError
} from "./chunk-MYTDQ55T.js";

// core/local/clock.ts
var systemClock = {
  now: () => /* @__PURE__ */ new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
};

// core/gate/run-gate.ts
import { mkdir, writeFile } from "node:fs/promises";
import { join as join3 } from "node:path";

// core/gate/baseline.ts
import { join as join2 } from "node:path";

// core/gate/load.ts
import { stat } from "node:fs/promises";
import { dirname, isAbsolute, join, win32 } from "node:path";

// core/gate/examples.ts
var MAX_EXAMPLES_BYTES = 256 * 1024 * 1024;
function parseExamples(text, file) {
  if (Buffer.byteLength(text) > MAX_EXAMPLES_BYTES) {
    throw new UsageError(`${file} is larger than ${MAX_EXAMPLES_BYTES / 1024 / 1024} MiB`, {
      hint: "Per-example results hold one short row per evaluation example"
    });
  }
  const rows = parseCsv(text, file);
  const header = rows[0];
  if (!header || header.cells.length === 1 && header.cells[0] === "") {
    throw new UsageError(`${file} is empty`, { hint: "Expected a CSV header such as id,label,prediction" });
  }
  const names = header.cells.map((c) => c.trim());
  const idAt = names.indexOf("id");
  if (idAt < 0) {
    throw new UsageError(`${file}:1: the header has no id column (it has ${names.join(", ")})`, {
      hint: "Per-example results need an id per example to pair the candidate with the baseline"
    });
  }
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== void 0) throw new UsageError(`${file}:1: column ${JSON.stringify(dup)} appears twice`);
  const body = rows.slice(1).filter((r) => !(r.cells.length === 1 && r.cells[0] === ""));
  if (body.length === 0) {
    throw new UsageError(`${file} has a header but no rows`, {
      hint: "The trainer wrote no per-example results; check its evaluation set"
    });
  }
  const columns = new Map(names.map((n) => [n, []]));
  const ids = [];
  const lines = [];
  const seen = /* @__PURE__ */ new Map();
  for (const row of body) {
    if (row.cells.length !== names.length) {
      throw new UsageError(
        `${file}:${row.line}: ${row.cells.length} cells, but the header has ${names.length} (${names.join(",")})`
      );
    }
    const id = (row.cells[idAt] ?? "").trim();
    if (id === "") throw new UsageError(`${file}:${row.line}: id is empty`);
    const first = seen.get(id);
    if (first !== void 0)
      throw new UsageError(`${file}:${row.line}: id ${JSON.stringify(id)} repeats line ${first}`);
    seen.set(id, row.line);
    ids.push(id);
    lines.push(row.line);
    for (const [i, n] of names.entries()) columns.get(n)?.push(row.cells[i] ?? "");
  }
  return { file, ids, columns, lines };
}
function pairExamples(candidate, baseline) {
  const index = new Map(baseline.ids.map((id, i) => [id, i]));
  const baselineRow = new Int32Array(candidate.ids.length);
  let shared = 0;
  for (const [i, id] of candidate.ids.entries()) {
    const j = index.get(id);
    baselineRow[i] = j ?? -1;
    if (j !== void 0) shared++;
  }
  if (shared !== candidate.ids.length || shared !== baseline.ids.length) {
    return `the runs were evaluated on different examples (${shared} ids shared; candidate ${candidate.ids.length}, baseline ${baseline.ids.length})`;
  }
  const cl = candidate.columns.get("label");
  const bl = baseline.columns.get("label");
  if (cl && bl) {
    for (let i = 0; i < cl.length; i++) {
      if ((cl[i] ?? "").trim() !== (bl[baselineRow[i]] ?? "").trim()) {
        return `the runs disagree on the label of example ${candidate.ids[i]} (${candidate.file}:${candidate.lines[i]}), so they were evaluated on different data`;
      }
    }
  }
  return { candidate, baseline, baselineRow };
}
function parseCsv(text, file) {
  const rows = [];
  let cells = [];
  let cell = "";
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let i = text.charCodeAt(0) === 65279 ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === "") {
      quoted = true;
    } else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = "";
      line++;
      rowLine = line;
    } else {
      cell += ch;
    }
  }
  if (quoted) throw new UsageError(`${file}:${rowLine}: a quoted cell is not closed`);
  if (cell !== "" || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return rows;
}

// core/gate/load.ts
async function readRunFile(path, shown = path) {
  return parseRunText(await readTextFile(path, shown, { what: "run" }), shown);
}
function parseRunText(text, file) {
  const special = findNonFinite(text);
  if (special) {
    throw new UsageError(`${file}: ${special.path} is ${special.token}; metrics must be finite numbers`, {
      hint: "The trainer wrote a non-finite value (a division by zero, an empty evaluation set?); fix it at the source"
    });
  }
  return parseKilnFile("run", text, file);
}
function findNonFinite(text) {
  const marker = "\0kiln-non-finite:";
  let out = "";
  let found = false;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      out += ch;
      if (ch === "\\") {
        out += text[i + 1] ?? "";
        i++;
      } else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      continue;
    }
    const m = /^(-?Infinity|NaN)/.exec(text.slice(i, i + 9));
    if (m?.[1]) {
      out += JSON.stringify(`${marker}${m[1]}`);
      i += m[1].length - 1;
      found = true;
      continue;
    }
    out += ch;
  }
  if (!found) return null;
  let data;
  try {
    data = JSON.parse(out);
  } catch {
    return null;
  }
  const walk = (v, path) => {
    if (typeof v === "string" && v.startsWith(marker))
      return { path: path.join(".") || "(top level)", token: v.slice(marker.length) };
    if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        const hit = walk(child, [...path, k]);
        if (hit) return hit;
      }
    }
    return null;
  };
  return walk(data, []);
}
async function readRunExamples(run, runFile) {
  const rel = run.examples;
  if (rel === void 0) return `${runFile} names no per-example results (examples)`;
  if (isAbsolute(rel) || win32.isAbsolute(rel) || rel.split(/[\\/]+/).includes("..")) {
    throw new UsageError(
      `${runFile}: examples ${JSON.stringify(rel)} must be a path inside the run's folder`,
      {
        hint: "Write the per-example results next to run.json and name them relative to it"
      }
    );
  }
  const path = join(dirname(runFile), rel);
  let size;
  try {
    size = (await stat(path)).size;
  } catch {
    return `${path} (the examples of ${runFile}) does not exist`;
  }
  if (size > MAX_EXAMPLES_BYTES) {
    throw new UsageError(`${path} is larger than ${MAX_EXAMPLES_BYTES / 1024 / 1024} MiB`);
  }
  return parseExamples(await readTextFile(path, path, { what: "per-example results" }), path);
}

// core/gate/baseline.ts
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
      return {
        baseline: {
          source: "registry",
          model_version: version.tag,
          alias,
          run_digest: digest,
          ...run.code?.sha ? { sha: run.code.sha } : {}
        },
        run,
        runFile: null,
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
      const dir = join2(sources.workDir, `baseline-${wr.id}`);
      const files = await sources.artifacts.download(name, dir, { runId: wr.id });
      const runFile = join2(dir, "run.json");
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

// core/gate/compare.ts
var SLACK = 1e-9;
function slack(a, b) {
  return SLACK * Math.max(1, Math.abs(a), Math.abs(b));
}
function atLeast(value, bound) {
  return value >= bound - slack(value, bound);
}
function atMost(value, bound) {
  return value <= bound + slack(value, bound);
}
function worsening(direction, candidate, baseline) {
  return direction === "higher" ? baseline - candidate : candidate - baseline;
}
function fmt(n) {
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toPrecision(6)));
}
function fmtDelta(n) {
  const s = fmt(Math.abs(n));
  if (Number(s) === 0) return "0";
  return n > 0 ? `+${s}` : `−${s}`;
}
function fmtRelative(delta, baseline) {
  if (baseline === 0) return null;
  const pct = delta / Math.abs(baseline) * 100;
  const s = Math.abs(pct).toFixed(1);
  if (Number(s) === 0) return "0.0%";
  return pct > 0 ? `+${s}%` : `−${s}%`;
}

// core/gate/policy.ts
function normalisePolicy(model, config) {
  const gate = config.gate;
  const metrics = {};
  for (const [name, rule] of Object.entries(gate.metrics)) {
    metrics[name] = metricPolicy(name, rule, `models.${model}.gate.metrics.${name}`);
  }
  const directionOf = (metric) => metrics[metric]?.direction ?? defaultDirection(metric);
  const slices = gate.slices.map((s) => {
    const gaps = s["max-gap"] ?? {};
    const bounds = Object.fromEntries(
      Object.entries(s.metrics ?? {}).map(([k, b]) => [
        k,
        { ...b.min === void 0 ? {} : { min: b.min }, ...b.max === void 0 ? {} : { max: b.max } }
      ])
    );
    const names = [.../* @__PURE__ */ new Set([...Object.keys(gaps), ...Object.keys(bounds)])];
    return {
      by: s.by,
      "max-gap": gaps,
      metrics: bounds,
      directions: Object.fromEntries(names.map((n) => [n, directionOf(n)]))
    };
  }).sort((a, b) => canonicalJson(a) < canonicalJson(b) ? -1 : canonicalJson(a) > canonicalJson(b) ? 1 : 0);
  return {
    schema: "kiln.policy/v1",
    model,
    metrics,
    slices,
    significance: gate.significance ? { ...gate.significance } : null,
    "require-baseline": gate["require-baseline"]
  };
}
function metricPolicy(name, rule, where) {
  const m = { direction: rule.direction ?? defaultDirection(name), required: rule.required };
  if (rule.min !== void 0) m.min = rule.min;
  if (rule.max !== void 0) m.max = rule.max;
  if (rule["max-regression"] !== void 0)
    m["max-regression"] = parseThreshold(rule["max-regression"], `${where}.max-regression`);
  if (rule["min-improvement"] !== void 0)
    m["min-improvement"] = parseThreshold(rule["min-improvement"], `${where}.min-improvement`);
  return m;
}
function policyDigest(policy) {
  return sha256(canonicalJson(policy));
}
function thresholdLabel(t) {
  return t.kind === "absolute" ? t.value : `${formatPercent(t.value * 100)}%`;
}
function formatPercent(p) {
  return String(Number(p.toPrecision(12)));
}

// core/gate/metric-checks.ts
function metricChecks(policy, inputs) {
  assertPolicyMetricsKnown(policy, inputs);
  const checks = [];
  for (const [metric, rule] of Object.entries(policy.metrics)) {
    const c = inputs.candidate[metric];
    const b = inputs.baseline?.[metric];
    if (c === void 0) {
      checks.push(missingCandidate(metric, rule, b ?? null));
      continue;
    }
    if (rule.min !== void 0) checks.push(valueCheck(metric, "min", c, b, rule.min));
    if (rule.max !== void 0) checks.push(valueCheck(metric, "max", c, b, rule.max));
    for (const kind of ["max-regression", "min-improvement"]) {
      const t = rule[kind];
      if (t === void 0) continue;
      if (b === void 0) {
        checks.push(noBaseline(metric, kind, c, t, inputs.baseline === null, policy["require-baseline"]));
      } else {
        checks.push(changeCheck(metric, kind, rule, c, b, t));
      }
    }
  }
  return checks;
}
function assertPolicyMetricsKnown(policy, inputs) {
  const known = [
    .../* @__PURE__ */ new Set([...Object.keys(inputs.candidate), ...Object.keys(inputs.baseline ?? {})])
  ].sort();
  const problems = [];
  for (const metric of Object.keys(policy.metrics)) {
    if (metric in inputs.candidate || inputs.baseline && metric in inputs.baseline) continue;
    const near = closest(metric, known);
    problems.push(
      `models.${policy.model}.gate.metrics.${metric}: neither the candidate nor ${inputs.baseline ? "the baseline" : "a baseline (there is none)"} reports ${JSON.stringify(metric)}${near ? ` — did you mean ${JSON.stringify(near)}?` : ""}`
    );
  }
  if (problems.length === 0) return;
  throw new UsageError(`the gate policy names unknown metrics:
  ${problems.join("\n  ")}`, {
    hint: `Fix the name in the policy, or make the trainer report it. Reported: ${known.length ? known.join(", ") : "(no metrics)"}`
  });
}
function missingCandidate(metric, rule, baseline) {
  const base = { metric, rule: "required", candidate: null, baseline, delta: null, limit: null };
  if (rule.required) {
    return {
      ...base,
      passed: false,
      message: `${metric}: the candidate does not report it (the baseline does: ${fmt(baseline ?? Number.NaN)}); a required metric that goes missing fails`
    };
  }
  return {
    ...base,
    passed: true,
    skipped: true,
    message: `${metric}: the candidate does not report it; skipped (required: false)`
  };
}
function valueCheck(metric, rule, c, b, limit) {
  const passed = rule === "min" ? atLeast(c, limit) : atMost(c, limit);
  const op = rule === "min" ? "≥" : "≤";
  return {
    metric,
    rule,
    candidate: c,
    baseline: b ?? null,
    delta: b === void 0 ? null : c - b,
    limit,
    passed,
    message: passed ? `${metric} ${fmt(c)} ${op} ${fmt(limit)}` : `${metric} ${fmt(c)} is ${rule === "min" ? "below the minimum" : "above the maximum"} ${fmt(limit)}`
  };
}
function noBaseline(metric, rule, c, t, noBaselineAtAll, requireBaseline) {
  const why = noBaselineAtAll ? "there is no baseline" : `the baseline does not report ${metric}`;
  const base = { metric, rule, candidate: c, baseline: null, delta: null, limit: thresholdLabel(t) };
  if (requireBaseline) {
    return { ...base, passed: false, message: `${metric} ${rule}: ${why}, and require-baseline is set` };
  }
  return { ...base, passed: true, skipped: true, message: `${metric} ${rule}: skipped, ${why}` };
}
function changeCheck(metric, rule, policy, c, b, t) {
  const worse = worsening(policy.direction, c, b);
  const base = { metric, rule, candidate: c, baseline: b, delta: c - b, limit: thresholdLabel(t) };
  const moved = worse > 0 ? "worsened" : worse < 0 ? "improved" : "did not change";
  const by = worse === 0 ? "" : ` by ${fmt(Math.abs(worse))}`;
  const zero = t.kind === "relative" && b === 0;
  if (rule === "max-regression") {
    const allowed = t.kind === "absolute" ? t.value : t.value * Math.abs(b);
    const passed2 = atMost(worse, allowed);
    const limitText2 = zero ? `no worsening (the baseline is 0, so ${thresholdLabel(t)} of it is 0)` : t.kind === "relative" ? `${thresholdLabel(t)} of the baseline = ${fmt(allowed)}` : fmt(allowed);
    return {
      ...base,
      passed: passed2,
      message: `${metric} ${moved}${by} (${fmt(b)} → ${fmt(c)}); allowed worsening ${limitText2}${passed2 ? "" : " — exceeded"}`
    };
  }
  const improvement = -worse;
  let passed;
  let limitText;
  if (zero) {
    passed = t.value > 0 ? improvement > 0 : atLeast(improvement, 0);
    limitText = t.value > 0 ? `a strict improvement (the baseline is 0, so ${thresholdLabel(t)} of it cannot be scaled)` : "no worsening";
  } else {
    const required = t.kind === "absolute" ? t.value : t.value * Math.abs(b);
    passed = atLeast(improvement, required);
    limitText = t.kind === "relative" ? `${thresholdLabel(t)} of the baseline = ${fmt(required)}` : fmt(required);
  }
  return {
    ...base,
    passed,
    message: `${metric} ${moved}${by} (${fmt(b)} → ${fmt(c)}); required improvement ${limitText}${passed ? "" : " — not met"}`
  };
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
    const stat3 = (e) => kind === "rmse" ? (idx) => Math.sqrt(mean(e)(idx)) : mean(e);
    return { source, n, candidate: stat3(errors(candidate)), baseline: stat3(errors(baseline, baselineRow)) };
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
  const stat2 = kind === "f1_macro" ? f1Macro : balancedAccuracy;
  return { source, n, candidate: (idx) => stat2(y, pc, k, idx), baseline: (idx) => stat2(y, pb, k, idx) };
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
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = a + 1831565813 >>> 0;
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
function rngFor(seed, metric) {
  return mulberry32((seed ^ fnv1a(metric)) >>> 0);
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

// core/gate/render.ts
function shortCommit(sha) {
  return /^[0-9a-f]{7,64}$/i.test(sha) ? `\`${sha.slice(0, 7)}\`` : escapeMarkdown(sha, 40);
}
function describeBaseline(b) {
  const sha = b.sha ? `, commit ${shortCommit(b.sha)}` : "";
  switch (b.source) {
    case "registry":
      return `**${escapeMarkdown(b.model_version ?? "?")}** (registry alias ${escapeMarkdown(b.alias ?? "production")}${sha})`;
    case "branch":
      return `latest successful run on **${escapeMarkdown(b.branch ?? "the base branch")}** (run ${escapeMarkdown(String(b.run_id ?? "?"))}${sha})`;
    case "file":
      return `**${escapeMarkdown(b.path ?? "a file")}** (given explicitly${sha})`;
    default:
      return "**none** — change rules are skipped";
  }
}
function policySource(source) {
  const m = /^(.*)@([0-9a-f]{40,64})$/.exec(source);
  return m?.[1] && m[2] ? `${escapeMarkdown(m[1])}@${shortCommit(m[2])}` : escapeMarkdown(source);
}
function renderGateMarkdown(result, opts = {}) {
  const failed = result.checks.filter((c) => !c.passed);
  const skipped = result.checks.filter((c) => c.skipped);
  const table = result.checks.filter((c) => c.rule !== "significance");
  const sig = result.checks.filter((c) => c.rule === "significance");
  const verdict = result.passed ? `✅ passed (${result.checks.length} check${result.checks.length === 1 ? "" : "s"}${skipped.length ? `, ${skipped.length} skipped` : ""})` : `❌ failed (${failed.length} of ${result.checks.length} checks)`;
  const lines = [];
  lines.push(`### ${opts.heading ?? "🔥 kiln gate"} — ${escapeMarkdown(result.model)} · ${verdict}`, "");
  lines.push(`Baseline: ${describeBaseline(result.baseline)}`);
  for (const note of result.baseline.notes ?? []) lines.push(`- ${escapeMarkdown(note)}`);
  lines.push("");
  lines.push(
    `Policy: ${policySource(result.policy_source)} · digest \`${result.policy_digest.slice(0, 12)}\``
  );
  if (result.advisory) {
    lines.push(
      "",
      "> ⚠️ **Advisory**: this policy is not a committed default-branch file, so this verdict informs but does not admit a deploy."
    );
  }
  lines.push("");
  if (table.length) {
    lines.push("| metric | baseline | candidate | Δ | gate |", "|---|---:|---:|---:|:--|");
    for (const c of table) {
      lines.push(
        `| ${metricCell(c)} | ${num(c.baseline)} | ${num(c.candidate)} | ${deltaCell(c)} | ${gateCell(c)} |`
      );
    }
    lines.push("");
  } else {
    lines.push("_The policy has no metric or slice rules._", "");
  }
  if (sig.length) {
    lines.push("**Significance**", "");
    for (const c of sig)
      lines.push(`- ${c.skipped ? "⏭️" : c.significant ? "❗" : "·"} ${escapeMarkdown(c.message)}`);
    lines.push("");
  }
  if (failed.length) {
    lines.push("**Failed**", "");
    for (const c of failed) lines.push(`- ❌ ${escapeMarkdown(c.message)}`);
    lines.push("");
  }
  const skippedRows = skipped.filter((c) => c.rule !== "significance");
  if (skippedRows.length) {
    lines.push(`<details><summary>Skipped (${skippedRows.length})</summary>`, "");
    for (const c of skippedRows) lines.push(`- ${escapeMarkdown(c.message)}`);
    lines.push("", "</details>", "");
  }
  return `${lines.join("\n").trimEnd()}
`;
}
function num(n) {
  return n === null ? "—" : fmt(n);
}
function metricCell(c) {
  const name = escapeMarkdown(c.metric);
  const arrow = c.direction === "lower" && !c.rule.startsWith("slice-gap") ? " ↓" : "";
  if (c.rule === "slice-gap") return `${name} gap by ${escapeMarkdown(c.by ?? "?")}`;
  if (c.rule === "slice-min" || c.rule === "slice-max")
    return `${name}${arrow} worst slice by ${escapeMarkdown(c.by ?? "?")}`;
  return `${name}${arrow}`;
}
function deltaCell(c) {
  if (c.delta === null) return "—";
  const rel = c.baseline !== null && !c.rule.startsWith("slice") ? fmtRelative(c.delta, c.baseline) : null;
  const text = `${fmtDelta(c.delta)}${rel ? ` (${rel})` : ""}`;
  if (fmtDelta(c.delta) === "0") return `= ${text}`;
  const better = c.direction === "lower" ? c.delta < 0 : c.delta > 0;
  return `${better ? "🔼" : "🔻"} ${text}`;
}
function gateCell(c) {
  const icon = c.skipped ? "⏭️" : c.passed ? "✅" : "❌";
  const limit = typeof c.limit === "number" ? fmt(c.limit) : escapeMarkdown(String(c.limit ?? ""));
  const worst = c.worst ? ` · worst ${escapeMarkdown(c.worst)}` : "";
  let rule;
  switch (c.rule) {
    case "min":
      rule = `≥ ${limit}`;
      break;
    case "max":
      rule = `≤ ${limit}`;
      break;
    case "max-regression":
      rule = `worse by ≤ ${limit}`;
      break;
    case "min-improvement":
      rule = `better by ≥ ${limit}`;
      break;
    case "required":
      rule = c.skipped ? "missing (not required)" : "missing";
      break;
    case "slice-gap":
      rule = `gap ≤ ${limit}${worst}`;
      break;
    case "slice-min":
      rule = `every slice ≥ ${limit}${worst}`;
      break;
    case "slice-max":
      rule = `every slice ≤ ${limit}${worst}`;
      break;
    default:
      rule = c.rule;
  }
  const note = c.skipped ? " (skipped)" : c.significant === false && c.rule === "max-regression" ? " (not significant)" : "";
  return `${icon} ${rule}${note}`;
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
  const path = join3(dir, "gate.json");
  await writeFile(path, formatKilnFile(result));
  return path;
}
function modelConfig(config, model, file) {
  assertModelName(model, "model");
  const entry = config.models[model];
  if (entry) return entry;
  const known = Object.keys(config.models);
  const near = closest(model, known);
  throw new UsageError(`${file} declares no model ${JSON.stringify(model)}`, {
    hint: near ? `Did you mean ${near}?` : `Declared: ${known.join(", ")}`
  });
}

// core/registry/tags.ts
var ALIAS_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
function versionTag(model, version) {
  assertModelName(model);
  if (!Number.isInteger(version) || version < 1)
    throw new UsageError(`version ${version} must be a positive integer`);
  return `${model}@v${version}`;
}
function aliasTag(model, alias, counter) {
  assertModelName(model);
  assertAlias(alias);
  return `${model}#${alias}#${counter}`;
}
function assertAlias(alias) {
  if (!ALIAS_NAME.test(alias)) {
    throw new UsageError(`alias ${JSON.stringify(alias)} is not valid`, {
      hint: "Use lowercase letters, digits, '_' or '-', e.g. production or staging"
    });
  }
  return alias;
}
function parseTag(tag) {
  const version = /^(.+)@v([1-9]\d*)$/.exec(tag);
  if (version?.[1] && version[2] && isModelName(version[1])) {
    return { kind: "version", model: version[1], version: Number(version[2]) };
  }
  const alias = /^(.+)#([^#]+)#(\d+)$/.exec(tag);
  if (alias?.[1] && alias[2] && alias[3] && isModelName(alias[1]) && ALIAS_NAME.test(alias[2])) {
    return { kind: "alias", model: alias[1], alias: alias[2], counter: Number(alias[3]) };
  }
  return null;
}
function parseModelUri(uri) {
  const m = /^models:\/([^/@]+)(?:\/(\d+)|@([^/]+))$/.exec(uri);
  if (!m?.[1] || !isModelName(m[1]) || m[3] !== void 0 && !ALIAS_NAME.test(m[3])) {
    throw new UsageError(`${JSON.stringify(uri)} is not a model URI`, {
      hint: "Write models:/<name>/<version> or models:/<name>@<alias>"
    });
  }
  return m[2] !== void 0 ? { model: m[1], version: Number(m[2]) } : { model: m[1], alias: m[3] };
}
function modelUri(model, version) {
  return `models:/${model}/${version}`;
}

// core/registry/tag-body.ts
var TAG_BODY_SCHEMA = "kiln.tag/v1";
var versionBody = external_exports.looseObject({
  schema: external_exports.literal(TAG_BODY_SCHEMA),
  tag: external_exports.string(),
  model: modelName,
  version: external_exports.number().int().positive(),
  uri: external_exports.string(),
  created_at: isoTime,
  run_digest: sha256Hex
});
var aliasBody = external_exports.looseObject({
  schema: external_exports.literal(TAG_BODY_SCHEMA),
  tag: external_exports.string(),
  model: modelName,
  alias: external_exports.string().regex(ALIAS_NAME),
  version: external_exports.number().int().positive(),
  counter: external_exports.number().int().nonnegative(),
  assigned_at: isoTime,
  note: external_exports.string().optional()
});
function formatVersionTagBody(v) {
  const body = { schema: TAG_BODY_SCHEMA, ...pickVersion(v) };
  return `${JSON.stringify(body, null, 2)}
`;
}
function formatAliasTagBody(a) {
  const body = { schema: TAG_BODY_SCHEMA, ...pickAlias(a) };
  return `${JSON.stringify(body, null, 2)}
`;
}
function parseVersionTagBody(tag, text, where) {
  const v = pickVersion(parseBody(text, where, versionBody));
  const holds = versionTag(v.model, v.version);
  if (holds !== tag || v.tag !== tag || v.uri !== modelUri(v.model, v.version)) {
    throw corrupt(where, `is tag ${tag} but holds ${holds}`);
  }
  return v;
}
function parseAliasTagBody(tag, text, where) {
  const a = pickAlias(parseBody(text, where, aliasBody));
  const holds = aliasTag(a.model, a.alias, a.counter);
  if (holds !== tag || a.tag !== tag) throw corrupt(where, `is tag ${tag} but holds ${holds}`);
  return a;
}
function pickVersion(v) {
  const { model, version, tag, uri, created_at, run_digest } = v;
  return { model, version, tag, uri, created_at, run_digest };
}
function pickAlias(a) {
  const { model, alias, version, counter, tag, assigned_at, note } = a;
  return note === void 0 ? { model, alias, version, counter, tag, assigned_at } : { model, alias, version, counter, tag, assigned_at, note };
}
function parseBody(text, where, schema) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw corrupt(where, `is not valid JSON: ${err.message}`);
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue?.path.length ? issue.path.map(String).join(".") : "(top level)";
  throw corrupt(where, `${key}: ${issue?.message ?? "invalid"}`);
}
function corrupt(where, what) {
  return new UsageError(`registry tag ${where} ${what}`, {
    hint: "kiln wrote this tag; restore it from a backup (or remove it if its registration never completed)"
  });
}
async function claimAliasTag(opts) {
  for (let counter = opts.from; ; counter++) {
    const a = {
      model: opts.model,
      alias: opts.alias,
      version: opts.version,
      counter,
      tag: aliasTag(opts.model, opts.alias, counter),
      assigned_at: opts.now().toISOString(),
      ...opts.note === void 0 ? {} : { note: opts.note }
    };
    if (await opts.create(a.tag, formatAliasTagBody(a))) return a;
  }
}

export {
  systemClock,
  versionTag,
  aliasTag,
  assertAlias,
  parseTag,
  parseModelUri,
  modelUri,
  formatVersionTagBody,
  parseVersionTagBody,
  parseAliasTagBody,
  claimAliasTag,
  readRunFile,
  parseRunText,
  fmt,
  fmtDelta,
  fmtRelative,
  metricPolicy,
  metricChecks,
  shortCommit,
  describeBaseline,
  runGate,
  writeGateFile,
  modelConfig
};

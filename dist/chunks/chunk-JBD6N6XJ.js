import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  profileData
} from "./chunk-B3ONUL3O.js";
import {
  QUANTILES
} from "./chunk-3EHQAXI5.js";
import {
  readTextFile
} from "./chunk-GG6ZXDCZ.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// core/data/stats.ts
function erfc(x) {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(
    -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
  );
  return x >= 0 ? r : 2 - r;
}
function normalSurvival(z) {
  return 0.5 * erfc(z / Math.SQRT2);
}
function logGamma(x) {
  const c = [
    0.9999999999998099,
    676.5203681218851,
    -1259.1392167224028,
    771.3234287776531,
    -176.6150291621406,
    12.507343278686905,
    -0.13857109526572012,
    9984369578019572e-21,
    15056327351493116e-23
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const xx = x - 1;
  let a = c[0];
  const t = xx + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (xx + i);
  return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(a);
}
function gammaQ(a, x) {
  if (x <= 0) return 1;
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
  }
  let b = x + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}
function chiSquareSurvival(x, dof) {
  if (!Number.isFinite(x)) return 0;
  return Math.min(1, Math.max(0, gammaQ(dof / 2, x / 2)));
}
function ksPValue(d, n, m) {
  const en = Math.sqrt(n * m / (n + m));
  const lambda = (en + 0.12 + 0.11 / en) * d;
  if (lambda < 1e-3) return 1;
  let sum = 0;
  for (let j = 1; j <= 100; j++) {
    const term = 2 * (j % 2 === 1 ? 1 : -1) * Math.exp(-2 * j * j * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return Math.min(1, Math.max(0, sum));
}

// core/data/drift.ts
var SMALL_REFERENCE = 1e3;
var EFFECT_FLOOR = 0.1;
var P_VALUE_METHODS = /* @__PURE__ */ new Set(["ks", "chisquare", "z"]);
function defaultThreshold(method) {
  return P_VALUE_METHODS.has(method) ? 0.05 : 0.1;
}
function driftable(type) {
  return type === "numeric" || type === "categorical" || type === "boolean";
}
function autoMethod(type, reference, referenceRows) {
  const distinct = distinctValues(reference, type);
  const numericLike = type === "numeric" && distinct > 5;
  if (referenceRows <= SMALL_REFERENCE) {
    if (numericLike) return "ks";
    return distinct > 2 ? "chisquare" : "z";
  }
  return numericLike ? "wasserstein" : "jensenshannon";
}
function columnDrift(type, reference, current, method, threshold) {
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
      const w = wasserstein(reference, current) / Math.max(reference.moments.std, 1e-3);
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
function pValueVerdict(method, statistic, p, threshold, effect, n, m) {
  const big = n > SMALL_REFERENCE && m > SMALL_REFERENCE;
  const drifted = p < threshold && (!big || effect >= EFFECT_FLOOR);
  return { method, statistic, p_value: p, threshold, drifted, ...big ? { effect } : {} };
}
function categoricalTest(method, reference, current, threshold) {
  const { keys, ref, cur } = categoryCounts(reference, current);
  const n = ref.reduce((a, b) => a + b, 0);
  const m = cur.reduce((a, b) => a + b, 0);
  if (method === "z" && keys.length <= 2) {
    const p1 = (ref[0] ?? 0) / n;
    const p2 = (cur[0] ?? 0) / m;
    const pooled = ((ref[0] ?? 0) + (cur[0] ?? 0)) / (n + m);
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / m));
    const z = se === 0 ? 0 : (p1 - p2) / se;
    const p3 = 2 * normalSurvival(Math.abs(z));
    return pValueVerdict("z", Math.abs(z), p3, threshold, Math.abs(p1 - p2), n, m);
  }
  let chi = 0;
  for (let i = 0; i < keys.length; i++) {
    const expected = ref[i] * m / n;
    const observed = cur[i];
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
function distinctValues(c, type) {
  if (c.frequent.exact) {
    let n = 0;
    for (const k of c.frequent.keys()) if (type !== "numeric" || typeof k === "number") n++;
    return n;
  }
  return c.hll.estimate();
}
function categoryCounts(reference, current) {
  const r = /* @__PURE__ */ new Map();
  const c = /* @__PURE__ */ new Map();
  for (const [k, v] of reference.frequent.counts) r.set(String(k), (r.get(String(k)) ?? 0) + v);
  for (const [k, v] of current.frequent.counts) c.set(String(k), (c.get(String(k)) ?? 0) + v);
  const present = (p) => p.count - p.missing;
  const rest = (p, m) => present(p) - [...m.values()].reduce((a, b) => a + b, 0);
  const other = "\0(other)";
  if (rest(reference, r) > 0) r.set(other, rest(reference, r));
  if (rest(current, c) > 0) c.set(other, rest(current, c));
  const keys = [.../* @__PURE__ */ new Set([...r.keys(), ...c.keys()])].sort();
  return { keys, ref: keys.map((k) => r.get(k) ?? 0), cur: keys.map((k) => c.get(k) ?? 0) };
}
function categoryShares(reference, current) {
  const { ref, cur } = categoryCounts(reference, current);
  return [normalise(ref), normalise(cur)];
}
function normalise(counts) {
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  return counts.map((c) => c / total);
}
function ksStatistic(reference, current) {
  const r = reference.distribution();
  const c = current.distribution();
  let d = 0;
  for (const dist of [r, c]) for (const x of dist.points()) d = Math.max(d, Math.abs(r.cdf(x) - c.cdf(x)));
  return d;
}
function wasserstein(reference, current) {
  const r = reference.distribution();
  const c = current.distribution();
  const points = [.../* @__PURE__ */ new Set([...r.points(), ...c.points()])].sort((a, b) => a - b);
  let w = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const x = points[i];
    w += Math.abs(r.cdf(x) - c.cdf(x)) * (points[i + 1] - x);
  }
  return w;
}
function numericBins(reference, current) {
  const lo = Math.min(reference.moments.min, current.moments.min);
  const hi = Math.max(reference.moments.max, current.moments.max);
  const bins = Math.ceil(Math.log2(reference.moments.n + current.moments.n) + 1);
  if (!(hi > lo)) return [[1], [1]];
  const shares = (p) => {
    const out = [];
    let prev = 0;
    for (let b = 1; b <= bins; b++) {
      const edge = b === bins ? hi : lo + (hi - lo) * b / bins;
      const f = b === bins ? 1 : p.distribution().cdf(edge);
      out.push(Math.max(0, f - prev));
      prev = f;
    }
    return out;
  };
  return [shares(reference), shares(current)];
}
function jensenShannon(p, q) {
  let js = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i];
    const b = q[i];
    const m = (a + b) / 2;
    if (a > 0) js += 0.5 * a * Math.log2(a / m);
    if (b > 0) js += 0.5 * b * Math.log2(b / m);
  }
  return Math.sqrt(Math.max(0, js));
}
function psi(reference, current) {
  let s = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = Math.max(reference[i], 1e-4);
    const c = Math.max(current[i], 1e-4);
    s += (c - r) * Math.log(c / r);
  }
  return s;
}

// core/data/profile-path.ts
import { resolve } from "node:path";
function isProfileFile(path) {
  return path.toLowerCase().endsWith(".json");
}
async function loadProfile(shown, opts = {}, profiler = profileInProcess) {
  const path = opts.root ? resolve(opts.root, shown) : shown;
  try {
    const profile = isProfileFile(path) ? await loadProfileFile(path) : await profiler(path, opts);
    profile.source = { ...profile.source, path: shown };
    return profile;
  } catch (err) {
    if (err instanceof UsageError && path !== shown) {
      throw new UsageError(err.message.replaceAll(path, shown), err.hint ? { hint: err.hint } : {});
    }
    throw err;
  }
}
async function loadProfileFile(path) {
  const { profileFromJSON } = await import("./profile-load-N2SHAWY6.js");
  return profileFromJSON(await readTextFile(path, path), path);
}
function profileInProcess(path, opts) {
  return profileData(path, {
    ...opts.checks ? { checks: opts.checks } : {},
    ...opts.shard ? { shard: opts.shard } : {},
    ...opts.onProgress ? { onProgress: (_b, rows) => opts.onProgress?.(rows) } : {}
  });
}

// core/data/validate.ts
var DEFAULT_DRIFT = { method: "auto", threshold: "auto", share: 0.5, columns: {} };
function validate(input) {
  const { current, reference, schema } = input;
  const failOn = [...input.failOn ?? ["anomalies", "dataset-drift"]];
  const settings = input.drift ?? DEFAULT_DRIFT;
  const anomalies = findAnomalies(current, reference, schema);
  const referenceColumns = new Map(reference?.columns.map((c) => [c.name, c]) ?? []);
  const columns = current.columns.map((c) => {
    const type = c.type();
    const ref = referenceColumns.get(c.name);
    let drift2 = null;
    if (reference && ref && driftable(type) && ref.count - ref.missing > 0 && c.count - c.missing > 0) {
      const override = settings.columns[c.name] ?? {};
      const chosen = override.method ?? settings.method;
      const method = chosen === "auto" ? autoMethod(type, ref, reference.rows) : chosen;
      const threshold = override.threshold ?? (settings.threshold === "auto" ? defaultThreshold(method) : settings.threshold);
      drift2 = columnDrift(type, ref, c, method, threshold);
    }
    return reportColumn(c, type, drift2);
  });
  const tested = columns.filter((c) => c.drift !== null);
  const driftedColumns = tested.filter((c) => c.drift?.drifted).length;
  const drift = reference ? {
    drifted_columns: driftedColumns,
    share: tested.length > 0 ? driftedColumns / tested.length : 0,
    threshold: settings.share,
    dataset_drifted: tested.length > 0 && driftedColumns / tested.length >= settings.share
  } : null;
  const failures = failOn.includes("anomalies") && anomalies.length > 0 || failOn.includes("dataset-drift") && drift?.dataset_drifted === true || failOn.includes("column-drift") && driftedColumns > 0;
  return {
    schema: "kiln.validation/v1",
    passed: !failures,
    fail_on: failOn,
    rows: { reference: reference?.rows ?? null, current: current.rows },
    columns,
    anomalies,
    drift,
    source: { current: current.source.path, reference: reference?.source.path ?? null }
  };
}
function reportColumn(c, type, drift) {
  const numeric = (type === "numeric" || type === "datetime") && c.moments.n > 0;
  return {
    name: c.name,
    type,
    count: c.count,
    missing: c.missing,
    missing_fraction: c.count > 0 ? c.missing / c.count : 0,
    distinct: distinctValues(c, type === "numeric" || type === "datetime" ? "numeric" : type),
    stats: numeric ? {
      min: c.moments.min,
      max: c.moments.max,
      mean: c.moments.mean,
      std: c.moments.std,
      quantiles: Object.fromEntries(
        QUANTILES.map((q) => [q, c.distribution().quantile(Number(q))])
      )
    } : null,
    top: numeric && !c.frequent.exact ? [] : c.frequent.top(10),
    // A copy: ColumnDrift is an interface, which has no index signature for the schema's unknown fields.
    drift: drift === null ? null : { ...drift }
  };
}
function anomaly(kind, column, message, count, examples = []) {
  return { kind, column, message, count, examples: examples.map((e) => ({ row: e.row, value: e.value })) };
}
function findAnomalies(current, reference, schema) {
  const out = [];
  if (current.parseErrors.count > 0) {
    out.push(
      anomaly(
        "parse_error",
        null,
        `${current.parseErrors.count} malformed record${current.parseErrors.count === 1 ? "" : "s"} not profiled`,
        current.parseErrors.count,
        current.parseErrors.examples
      )
    );
  }
  const names = new Set(current.columns.map((c) => c.name));
  const expected = schema ? Object.entries(schema.columns).filter(([, c]) => c.required).map(([name]) => name) : reference?.columns.map((c) => c.name) ?? [];
  for (const name of expected) {
    if (!names.has(name)) {
      out.push(
        anomaly(
          "missing_column",
          name,
          `column "${name}" is ${schema ? "required by the schema" : "in the reference"} but not in the data`,
          1
        )
      );
    }
  }
  const known = schema ? new Set(Object.keys(schema.columns)) : reference ? new Set(reference.columns.map((c) => c.name)) : null;
  if (known && !(schema?.["allow-new-columns"] ?? false)) {
    for (const name of names) {
      if (!known.has(name)) {
        out.push(
          anomaly("new_column", name, `column "${name}" is not in the ${schema ? "schema" : "reference"}`, 1)
        );
      }
    }
  }
  for (const c of current.columns) {
    const rule = schema?.columns[c.name];
    const type = c.type();
    const mismatch = c.findings.get("type_mismatch");
    if (mismatch) {
      out.push(
        anomaly(
          "type_mismatch",
          c.name,
          `${mismatch.count} value${plural(mismatch.count)} not ${article(type)} ${type}`,
          mismatch.count,
          mismatch.examples
        )
      );
    } else if (!rule && type === "numeric" && c.kinds.string + c.kinds.boolean > 0) {
      const n = c.kinds.string + c.kinds.boolean;
      out.push(
        anomaly(
          "type_mismatch",
          c.name,
          `${n} value${plural(n)} not numeric in a numeric column`,
          n,
          c.notNumeric
        )
      );
    }
    const range = c.findings.get("out_of_range");
    if (range) {
      const bounds = `[${rule?.min ?? "−∞"}, ${rule?.max ?? "∞"}]`;
      out.push(
        anomaly(
          "out_of_range",
          c.name,
          `${range.count} value${plural(range.count)} outside ${bounds}`,
          range.count,
          range.examples
        )
      );
    }
    const unexpected = c.findings.get("unexpected_category");
    if (unexpected) {
      out.push(
        anomaly(
          "unexpected_category",
          c.name,
          `${unexpected.count} value${plural(unexpected.count)} not in the schema's values`,
          unexpected.count,
          unexpected.examples
        )
      );
    }
    const utf8 = c.findings.get("invalid_utf8");
    if (utf8)
      out.push(
        anomaly(
          "parse_error",
          c.name,
          `${utf8.count} cell${plural(utf8.count)} not valid UTF-8`,
          utf8.count,
          utf8.examples
        )
      );
    if (c.kinds.non_finite > 0 && !rule?.["allow-nan"]) {
      out.push(
        anomaly(
          "nan_or_inf",
          c.name,
          `${c.kinds.non_finite} NaN or infinite value${plural(c.kinds.non_finite)}`,
          c.kinds.non_finite,
          c.nonFinite
        )
      );
    }
    if (rule && c.count > 0) {
      const share = c.missing / c.count;
      if (share > rule["max-missing"]) {
        out.push(
          anomaly(
            "too_many_missing",
            c.name,
            `${(share * 100).toFixed(1)}% missing, more than the allowed ${(rule["max-missing"] * 100).toFixed(1)}%`,
            c.missing
          )
        );
      }
    }
  }
  const ds = schema?.dataset;
  if (ds?.["min-rows"] !== void 0 && current.rows < ds["min-rows"]) {
    out.push(
      anomaly(
        "row_count",
        null,
        `${current.rows} rows, fewer than the schema's min-rows ${ds["min-rows"]}`,
        current.rows
      )
    );
  }
  if (ds?.["max-rows"] !== void 0 && current.rows > ds["max-rows"]) {
    out.push(
      anomaly(
        "row_count",
        null,
        `${current.rows} rows, more than the schema's max-rows ${ds["max-rows"]}`,
        current.rows
      )
    );
  }
  return out;
}
function plural(n) {
  return n === 1 ? "" : "s";
}
function article(word) {
  return /^[aeiou]/.test(word) ? "an" : "a";
}

export {
  distinctValues,
  loadProfile,
  profileInProcess,
  DEFAULT_DRIFT,
  validate
};

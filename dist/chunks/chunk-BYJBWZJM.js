import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  autoMethod,
  columnDrift,
  defaultThreshold,
  distinctValues,
  driftable
} from "./chunk-2KA7ZQ3F.js";
import {
  PROFILE_WORKER_OPTIONS,
  takeEarlyWorker
} from "./chunk-NCZD4W2P.js";
import {
  packageRoot
} from "./chunk-OGD52LZZ.js";
import {
  columnFromJSON,
  profileData
} from "./chunk-NSMML4AR.js";
import {
  profileSchema
} from "./chunk-FJYPH2ZX.js";
import {
  readTextFile
} from "./chunk-PDXLEUAN.js";
import {
  UsageError
} from "./chunk-MYTDQ55T.js";

// core/local/profile-runner.ts
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { Worker } from "node:worker_threads";

// core/data/profile-load.ts
function profileFromJSON(text, file) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is not valid JSON: ${err.message}`);
  }
  const parsed = profileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${file}: ${issue?.path.join(".") || "(top level)"}: ${issue?.message}`, {
      hint: "Expected a profile.json written by `kiln profile`"
    });
  }
  try {
    return fromJson(data);
  } catch (err) {
    throw new UsageError(`${file}: a sketch cannot be read (${err.message})`);
  }
}
function profileFromOwnJSON(text) {
  return fromJson(JSON.parse(text));
}
function fromJson(json) {
  return {
    rows: json.rows,
    source: json.source,
    parseErrors: json.parse_errors ?? { count: 0, examples: [] },
    columns: json.columns.map(columnFromJSON)
  };
}

// core/local/profile-runner.ts
function isProfileFile(path) {
  return path.toLowerCase().endsWith(".json");
}
async function loadProfile(shown, opts = {}) {
  const path = opts.root ? resolve(opts.root, shown) : shown;
  try {
    const profile = await load(path, opts);
    profile.source = { ...profile.source, path: shown };
    return profile;
  } catch (err) {
    if (err instanceof UsageError && path !== shown) {
      throw new UsageError(err.message.replaceAll(path, shown), err.hint ? { hint: err.hint } : {});
    }
    throw err;
  }
}
async function load(path, opts) {
  if (isProfileFile(path)) {
    return profileFromJSON(await readTextFile(path, path), path);
  }
  const worker = opts.worker ? workerFile() : null;
  if (!worker) {
    return profileData(path, {
      ...opts.checks ? { checks: opts.checks } : {},
      ...opts.shard ? { shard: opts.shard } : {},
      ...opts.onProgress ? { onProgress: (_b, rows) => opts.onProgress?.(rows) } : {}
    });
  }
  const job = {
    path,
    ...opts.checks ? { checks: opts.checks } : {},
    ...opts.shard ? { shard: opts.shard } : {}
  };
  return new Promise((resolve2, reject) => {
    const handlers = {
      message: (m) => {
        if (m.type === "progress") opts.onProgress?.(m.rows);
        else if (m.type === "done") resolve2(profileFromOwnJSON(m.profile));
        else
          reject(m.usage ? new UsageError(m.message, m.hint ? { hint: m.hint } : {}) : new Error(m.message));
      },
      error: reject,
      exit: (code) => {
        if (code !== 0) reject(new Error(`profiling ${path} stopped (worker exit code ${code})`));
      }
    };
    const early = takeEarlyWorker(job);
    if (early) {
      early.adopt(handlers);
      return;
    }
    const w = new Worker(worker, { workerData: job, ...PROFILE_WORKER_OPTIONS });
    w.on("message", handlers.message);
    w.on("error", handlers.error);
    w.on("exit", handlers.exit);
  });
}
function workerFile() {
  if (false) return null;
  const file = join(packageRoot(), "dist", "profile-worker.cjs");
  return existsSync(file) ? file : null;
}

// core/data/validate.ts
var DEFAULT_DRIFT = { method: "auto", threshold: "auto", share: 0.5, columns: {} };
var QUANTILE_KEYS = [
  "0.01",
  "0.05",
  "0.25",
  "0.5",
  "0.75",
  "0.95",
  "0.99"
];
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
      quantiles: Object.fromEntries(QUANTILE_KEYS.map((q) => [q, c.distribution().quantile(Number(q))]))
    } : null,
    top: numeric && !c.frequent.exact ? [] : c.frequent.top(10),
    drift
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
  profileFromJSON,
  loadProfile,
  DEFAULT_DRIFT,
  validate
};

import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  PROFILE_WORKER_OPTIONS,
  takeEarlyWorker,
  worthAWorker
} from "./chunk-OY4M743H.js";
import {
  packageRoot
} from "./chunk-WMRDRPNW.js";
import {
  distinctValues,
  loadProfile,
  profileInProcess,
  validate
} from "./chunk-JBD6N6XJ.js";
import {
  profileFromOwnJSON
} from "./chunk-B3ONUL3O.js";
import {
  formatCount
} from "./chunk-IB4XY3DN.js";
import {
  readTextFile
} from "./chunk-GG6ZXDCZ.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// core/data/plan.ts
async function planValidation(flags, model, registry) {
  const data = model?.config.data;
  const current = flags.current ?? data?.train;
  if (!current) {
    throw new UsageError("no data to validate", {
      hint: model ? `Give a file, or set models.${model.name}.data.train in the config` : "Give a file, or --config and --model"
    });
  }
  let reference = null;
  const referencePath = flags.reference ?? data?.reference;
  if (referencePath) reference = { path: referencePath };
  else if (model && registry) {
    const production = await registry.alias(model.name, "production");
    const profile = production ? await registry.readFile(model.name, production.version, "profile.json") : null;
    if (production && profile) reference = { profile, label: `${production.tag} (production) training data` };
  }
  return {
    current,
    reference,
    schema: flags.schema ?? data?.schema ?? null,
    drift: data?.drift ?? { method: "auto", threshold: "auto", share: 0.5, columns: {} },
    failOn: data?.["fail-on"] ?? ["anomalies", "dataset-drift"]
  };
}

// core/data/progress.ts
function progressLines(write, everyMs = 3e3) {
  const started = Date.now();
  let last = started;
  return (file, rows) => {
    const now = Date.now();
    if (now - last < everyMs) return;
    last = now;
    const rate = rows / ((now - started) / 1e3);
    write(`${file}: ${formatCount(rows)} rows (${formatCount(Math.round(rate))} rows/s)`);
  };
}

// core/data/schema.ts
var MAX_DOMAIN = 100;
function checksFromSchema(schema) {
  if (!schema) return {};
  const out = {};
  for (const [name, c] of Object.entries(schema.columns)) {
    const bound = (v) => typeof v === "string" ? Date.parse(v) : v;
    const min = bound(c.min);
    const max = bound(c.max);
    out[name] = {
      type: c.type,
      ...c.values ? { domain: new Set(c.values.map(String)) } : {},
      ...min !== void 0 ? { min } : {},
      ...max !== void 0 ? { max } : {}
    };
  }
  return out;
}
function inferSchema(profile, opts = {}) {
  const columns = {};
  for (const c of profile.columns) {
    const type = c.type();
    const present = c.count - c.missing;
    const missingShare = c.count > 0 ? c.missing / c.count : 0;
    const maxMissing = missingShare === 0 ? 0 : Math.min(1, Math.max(0.05, Math.ceil(missingShare * 200) / 100));
    const col = { type, required: true, "max-missing": maxMissing };
    if (type === "numeric") col["allow-nan"] = false;
    if ((type === "categorical" || type === "boolean") && c.frequent.exact && present > 0) {
      if (distinctValues(c, type) <= MAX_DOMAIN && type === "categorical") {
        col.values = [...c.frequent.keys()].map(String).sort();
      }
    }
    if (opts.ranges && (type === "numeric" || type === "datetime") && c.moments.n > 0) {
      col.min = type === "datetime" ? new Date(c.moments.min).toISOString() : c.moments.min;
      col.max = type === "datetime" ? new Date(c.moments.max).toISOString() : c.moments.max;
    }
    columns[c.name] = col;
  }
  return { dataset: {}, columns, "allow-new-columns": false };
}

// runtime/profile-runner.ts
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
function loadProfile2(shown, opts = {}) {
  const worker = opts.worker ? workerFile() : null;
  return loadProfile(shown, opts, worker ? (path, o) => profileInWorker(worker, path, o) : profileInProcess);
}
function profileInWorker(worker, path, opts) {
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

// runtime/validation-run.ts
import { resolve } from "node:path";
async function runValidation(plan, opts = {}) {
  const now = opts.now ?? (() => performance.now());
  const started = now();
  const root = opts.root ?? ".";
  const schema = plan.schema ? await readSchema(resolve(root, plan.schema), plan.schema) : void 0;
  const checks = checksFromSchema(schema);
  const progress = (file) => opts.onProgress ? { onProgress: (rows) => opts.onProgress?.(file, rows) } : {};
  const reference = plan.reference;
  const [current, ref] = await Promise.all([
    loadProfile2(plan.current, { root, checks, ...progress(plan.current) }),
    reference === null ? Promise.resolve(void 0) : "path" in reference ? (
      // A large reference on a second core; the current data on this one (one isolate fewer in memory).
      loadProfile2(reference.path, {
        root,
        worker: worthAWorker(resolve(root, reference.path)),
        ...progress(reference.path)
      })
    ) : import("./profile-load-N2SHAWY6.js").then(
      (m) => m.profileFromJSON(reference.profile, reference.label)
    )
  ]);
  const report = validate({
    current,
    ...ref ? { reference: ref } : {},
    ...schema ? { schema } : {},
    drift: plan.drift,
    failOn: plan.failOn
  });
  report.source.current = plan.current;
  report.source.reference = reference === null ? null : "path" in reference ? reference.path : reference.label;
  return { report, current, seconds: (now() - started) / 1e3 };
}
async function readSchema(path, shown) {
  const text = await readTextFile(path, shown, {
    what: "schema",
    hint: "Write one with `kiln schema infer DATA --out FILE.yml`"
  });
  const { parseDataSchema } = await import("./schema-file-54HGDGKR.js");
  return parseDataSchema(text, shown);
}

export {
  planValidation,
  progressLines,
  inferSchema,
  loadProfile2 as loadProfile,
  runValidation
};

import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);

// runtime/profile-prestart.ts
import { statSync } from "node:fs";
import { Worker } from "node:worker_threads";
var WORKER_MIN_BYTES = 8 * 1024 * 1024;
function worthAWorker(path) {
  const compressed = /\.(parquet|gz)$/i.test(path);
  try {
    return statSync(path).size >= (compressed ? WORKER_MIN_BYTES / 8 : WORKER_MIN_BYTES);
  } catch {
    return false;
  }
}
var PROFILE_WORKER_OPTIONS = { resourceLimits: { maxYoungGenerationSizeMb: 2 } };
var EarlyWorker = class {
  constructor(file, job) {
    this.job = job;
    this.worker = new Worker(file, { workerData: job, ...PROFILE_WORKER_OPTIONS });
    this.worker.on("message", (m) => this.dispatch({ type: "message", m }));
    this.worker.on("error", (err) => this.dispatch({ type: "error", err }));
    this.worker.on("exit", (code) => this.dispatch({ type: "exit", code }));
    this.worker.unref();
  }
  job;
  events = [];
  handlers = null;
  worker;
  dispatch(e) {
    const h = this.handlers;
    if (!h) {
      const last = this.events[this.events.length - 1];
      if (e.type === "message" && e.m.type === "progress" && last?.type === "message" && last.m.type === "progress")
        this.events[this.events.length - 1] = e;
      else this.events.push(e);
      return;
    }
    if (e.type === "message") h.message(e.m);
    else if (e.type === "error") h.error(e.err);
    else h.exit(e.code);
  }
  /** Takes the worker over: the events so far are replayed, later ones go straight to `handlers`. */
  adopt(handlers) {
    this.worker.ref();
    this.handlers = handlers;
    for (const e of this.events.splice(0)) this.dispatch(e);
  }
};
var early = /* @__PURE__ */ new Map();
function startEarlyWorker(file, path) {
  if (!early.has(path)) early.set(path, new EarlyWorker(file, { path }));
}
function takeEarlyWorker(job) {
  if (job.checks !== void 0 || job.shard !== void 0) return void 0;
  const w = early.get(job.path);
  if (w) early.delete(job.path);
  return w;
}

export {
  worthAWorker,
  PROFILE_WORKER_OPTIONS,
  startEarlyWorker,
  takeEarlyWorker
};

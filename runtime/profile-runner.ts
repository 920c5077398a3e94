/**
 * Profiles a data file (or loads a profile.json in its place), in-process or — asked for and
 * running from the bundle — in a worker thread, so two files use both cores. From sources (tests,
 * tsx) it always runs in-process.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { type DataProfile, profileFromOwnJSON } from "../core/data/profile-data.js";
import {
  loadProfile as loadInCore,
  type ProfilePathOptions,
  profileInProcess,
} from "../core/data/profile-path.js";
import type { WorkerJob, WorkerMessage } from "../core/data/profile-worker.js";
import { UsageError } from "../core/errors.js";
import { packageRoot } from "./package-root.js";
import { PROFILE_WORKER_OPTIONS, takeEarlyWorker, type WorkerHandlers } from "./profile-prestart.js";

declare const __KILN_VERSION__: string | undefined;

export interface RunOptions extends ProfilePathOptions {
  /** Profile in a worker thread (when running from the bundle), to use a second core. */
  worker?: boolean;
}

/** As core's loadProfile, with `worker` to profile a data file in a worker thread. */
export function loadProfile(shown: string, opts: RunOptions = {}): Promise<DataProfile> {
  const worker = opts.worker ? workerFile() : null;
  return loadInCore(shown, opts, worker ? (path, o) => profileInWorker(worker, path, o) : profileInProcess);
}

function profileInWorker(worker: string, path: string, opts: ProfilePathOptions): Promise<DataProfile> {
  const job: WorkerJob = {
    path,
    ...(opts.checks ? { checks: opts.checks } : {}),
    ...(opts.shard ? { shard: opts.shard } : {}),
  };
  return new Promise<DataProfile>((resolve, reject) => {
    const handlers: WorkerHandlers = {
      message: (m: WorkerMessage) => {
        if (m.type === "progress") opts.onProgress?.(m.rows);
        else if (m.type === "done") resolve(profileFromOwnJSON(m.profile));
        else
          reject(m.usage ? new UsageError(m.message, m.hint ? { hint: m.hint } : {}) : new Error(m.message));
      },
      error: reject,
      exit: (code) => {
        if (code !== 0) reject(new Error(`profiling ${path} stopped (worker exit code ${code})`));
      },
    };
    // The CLI's entry may have started this very job already (profile-prestart.ts).
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

function workerFile(): string | null {
  if (typeof __KILN_VERSION__ !== "string") return null;
  const file = join(packageRoot(), "dist", "profile-worker.cjs");
  return existsSync(file) ? file : null;
}

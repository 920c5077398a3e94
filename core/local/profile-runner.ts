/**
 * Profiles a data file (or loads a profile.json in its place), in-process or — asked for and
 * running from the bundle — in a worker thread, so two files use both cores. From sources (tests,
 * tsx) it always runs in-process.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import type { ColumnChecks } from "../data/column.js";
import { type DataProfile, profileData, profileFromOwnJSON } from "../data/profile-data.js";
import type { WorkerJob, WorkerMessage } from "../data/profile-worker.js";
import type { Shard } from "../data/readers/sink.js";
import { UsageError } from "../errors.js";
import { readTextFile } from "./fs.js";
import { packageRoot } from "./package-root.js";
import { PROFILE_WORKER_OPTIONS, takeEarlyWorker, type WorkerHandlers } from "./profile-prestart.js";

declare const __KILN_VERSION__: string | undefined;

export interface RunOptions {
  /** Folder relative paths are read from; messages and the profile keep the path as given. */
  root?: string;
  checks?: Record<string, ColumnChecks>;
  shard?: Shard;
  onProgress?: (rows: number) => void;
  /** Profile in a worker thread (when running from the bundle), to use a second core. */
  worker?: boolean;
}

export function isProfileFile(path: string): boolean {
  return path.toLowerCase().endsWith(".json");
}

export async function loadProfile(shown: string, opts: RunOptions = {}): Promise<DataProfile> {
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

async function load(path: string, opts: RunOptions): Promise<DataProfile> {
  if (isProfileFile(path)) {
    const { profileFromJSON } = await import("../data/profile-load.js");
    return profileFromJSON(await readTextFile(path, path), path);
  }
  const worker = opts.worker ? workerFile() : null;
  if (!worker) {
    return profileData(path, {
      ...(opts.checks ? { checks: opts.checks } : {}),
      ...(opts.shard ? { shard: opts.shard } : {}),
      ...(opts.onProgress ? { onProgress: (_b: number, rows: number) => opts.onProgress?.(rows) } : {}),
    });
  }
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

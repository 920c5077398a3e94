/**
 * Profile workers started before the program that will want them is loaded. `kiln validate`
 * profiles its reference in a worker; started from the CLI's entry, before commander, the config
 * loader, zod and yaml are loaded on the main thread, the worker's own start-up (an isolate and its
 * bundle) overlaps the main thread's instead of following it. The worker's events are kept until
 * profile-runner adopts it. Deliberately tiny: it is loaded before everything else.
 */
import { statSync } from "node:fs";
import { Worker } from "node:worker_threads";
import type { WorkerJob, WorkerMessage } from "../core/data/profile-worker.js";

/**
 * A reference smaller than this is profiled on the main thread beside the current data: a worker's
 * start-up (an isolate and its bundle, 50–100 ms on 2 busy cores) costs more than the second core
 * saves on it. Compressed files (Parquet, gzip) hold several times the rows per byte: an eighth.
 */
// perf: worker-threshold — a small validation 0.24 → 0.18 s (core/data/PERFORMANCE.md).
export const WORKER_MIN_BYTES = 8 * 1024 * 1024;

/** Whether profiling the file at `path` in a worker pays off (unreadable: no; the error is reported in-process). */
export function worthAWorker(path: string): boolean {
  const compressed = /\.(parquet|gz)$/i.test(path);
  try {
    return statSync(path).size >= (compressed ? WORKER_MIN_BYTES / 8 : WORKER_MIN_BYTES);
  } catch {
    return false;
  }
}

/** As the CLI's main thread: a small young generation keeps the worker's memory near its floor. */
// perf: worker-young-gen — the worker's memory near its floor.
export const PROFILE_WORKER_OPTIONS = { resourceLimits: { maxYoungGenerationSizeMb: 2 } } as const;

export interface WorkerHandlers {
  message: (m: WorkerMessage) => void;
  error: (err: Error) => void;
  exit: (code: number) => void;
}

type WorkerEvent =
  | { type: "message"; m: WorkerMessage }
  | { type: "error"; err: Error }
  | { type: "exit"; code: number };

/** A started worker whose events wait, in order, for the handlers `adopt` gives. */
export class EarlyWorker {
  private readonly events: WorkerEvent[] = [];
  private handlers: WorkerHandlers | null = null;
  readonly worker: Worker;

  constructor(
    file: string,
    readonly job: WorkerJob,
  ) {
    this.worker = new Worker(file, { workerData: job, ...PROFILE_WORKER_OPTIONS });
    this.worker.on("message", (m: WorkerMessage) => this.dispatch({ type: "message", m }));
    this.worker.on("error", (err: Error) => this.dispatch({ type: "error", err }));
    this.worker.on("exit", (code: number) => this.dispatch({ type: "exit", code }));
    // Until adopted, it does not keep the process alive (a usage error still exits at once). After
    // the listeners: adding a "message" listener refs the worker's port again.
    this.worker.unref();
  }

  private dispatch(e: WorkerEvent): void {
    const h = this.handlers;
    if (!h) {
      // Only the latest progress matters; everything else is kept.
      const last = this.events[this.events.length - 1];
      if (
        e.type === "message" &&
        e.m.type === "progress" &&
        last?.type === "message" &&
        last.m.type === "progress"
      )
        this.events[this.events.length - 1] = e;
      else this.events.push(e);
      return;
    }
    if (e.type === "message") h.message(e.m);
    else if (e.type === "error") h.error(e.err);
    else h.exit(e.code);
  }

  /** Takes the worker over: the events so far are replayed, later ones go straight to `handlers`. */
  adopt(handlers: WorkerHandlers): void {
    this.worker.ref();
    this.handlers = handlers;
    for (const e of this.events.splice(0)) this.dispatch(e);
  }
}

const early = new Map<string, EarlyWorker>();

/** Starts profiling `path` (absolute) in a worker now, for a later `takeEarlyWorker(path)`. */
export function startEarlyWorker(file: string, path: string): void {
  if (!early.has(path)) early.set(path, new EarlyWorker(file, { path }));
}

/** The worker started early for this job, if one was (each is taken once). */
export function takeEarlyWorker(job: WorkerJob): EarlyWorker | undefined {
  // Only the plain job is started early: no checks, no shard.
  if (job.checks !== undefined || job.shard !== undefined) return undefined;
  const w = early.get(job.path);
  if (w) early.delete(job.path);
  return w;
}

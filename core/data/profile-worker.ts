/**
 * Worker-thread entry (bundled as dist/profile-worker.js): profiles one file and posts profile.json
 * back, with progress along the way. Reference and current data are profiled on two cores at once.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { ColumnChecks } from "./column.js";
import { profileData, profileToJSON } from "./profile-data.js";
import type { Shard } from "./readers/sink.js";

export interface WorkerJob {
  path: string;
  checks?: Record<string, ColumnChecks>;
  shard?: Shard;
}

export type WorkerMessage =
  | { type: "progress"; rows: number }
  // profile.json as text: the main thread parses it once (profileFromOwnJSON), where a structured
  // clone would have been copied, then serialised and parsed again.
  | { type: "done"; profile: string }
  | { type: "error"; message: string; usage: boolean; hint?: string };

if (parentPort) {
  const port = parentPort;
  const job = workerData as WorkerJob;
  profileData(job.path, {
    ...(job.checks ? { checks: job.checks } : {}),
    ...(job.shard ? { shard: job.shard } : {}),
    onProgress: (_bytes, rows) => port.postMessage({ type: "progress", rows } satisfies WorkerMessage),
  }).then(
    (p) =>
      port.postMessage({ type: "done", profile: JSON.stringify(profileToJSON(p)) } satisfies WorkerMessage),
    (err: Error & { exitCode?: number; hint?: string }) =>
      port.postMessage({
        type: "error",
        message: err.message,
        usage: err.exitCode === 2,
        ...(err.hint ? { hint: err.hint } : {}),
      } satisfies WorkerMessage),
  );
}

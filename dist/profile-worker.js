import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  profileData,
  profileToJSON
} from "./chunks/chunk-CBHRRAL2.js";
import "./chunks/chunk-L245V3KT.js";
import "./chunks/chunk-MYTDQ55T.js";
import "./chunks/chunk-UBBLWZDB.js";

// core/data/profile-worker.ts
import { parentPort, workerData } from "node:worker_threads";
if (parentPort) {
  const port = parentPort;
  const job = workerData;
  profileData(job.path, {
    ...job.checks ? { checks: job.checks } : {},
    ...job.shard ? { shard: job.shard } : {},
    onProgress: (_bytes, rows) => port.postMessage({ type: "progress", rows })
  }).then(
    (p) => port.postMessage({ type: "done", profile: JSON.stringify(profileToJSON(p)) }),
    (err) => port.postMessage({
      type: "error",
      message: err.message,
      usage: err.exitCode === 2,
      ...err.hint ? { hint: err.hint } : {}
    })
  );
}

/**
 * Workers started by the CLI's entry before the program loads (runtime/profile-prestart.ts):
 * what such a worker says before it is adopted is replayed, in order, to whoever adopts it.
 */
import { describe, expect, it } from "vitest";
import type { WorkerMessage } from "../../core/data/profile-worker.js";
import {
  startEarlyWorker,
  takeEarlyWorker,
  WORKER_MIN_BYTES,
  worthAWorker,
} from "../../runtime/profile-prestart.js";
import { writeTemp } from "../core/data/helpers.js";

const WORKER = `
import { parentPort, workerData } from "node:worker_threads";
for (let rows = 1; rows <= 3; rows++) parentPort.postMessage({ type: "progress", rows });
parentPort.postMessage({ type: "done", profile: { path: workerData.path } });
`;

describe("early profile workers", () => {
  it("replay what they said before adoption, in order, and are taken once and only for the plain job", async () => {
    const file = writeTemp("worker.mjs", WORKER);
    startEarlyWorker(file, "/data/ref.csv");
    await new Promise((r) => setTimeout(r, 300)); // the worker has finished before it is adopted
    expect(takeEarlyWorker({ path: "/data/ref.csv", shard: { index: 0, count: 2 } })).toBeUndefined();
    expect(takeEarlyWorker({ path: "/data/other.csv" })).toBeUndefined();
    const early = takeEarlyWorker({ path: "/data/ref.csv" });
    expect(early).toBeDefined();
    expect(takeEarlyWorker({ path: "/data/ref.csv" })).toBeUndefined();
    const seen: WorkerMessage[] = [];
    const exit = await new Promise<number>((resolve, reject) =>
      early?.adopt({ message: (m) => seen.push(m), error: reject, exit: resolve }),
    );
    expect(exit).toBe(0);
    // Progress before adoption collapses to its latest; everything else is kept, in order.
    expect(seen).toEqual([
      { type: "progress", rows: 3 },
      { type: "done", profile: { path: "/data/ref.csv" } },
    ]);
  });
});

describe("which references get a worker", () => {
  it("large files, compressed ones at an eighth of the size, and nothing unreadable", () => {
    const mid = "x".repeat(WORKER_MIN_BYTES / 4);
    expect(worthAWorker(writeTemp("mid.csv", mid))).toBe(false);
    expect(worthAWorker(writeTemp("mid.parquet", mid))).toBe(true);
    expect(worthAWorker(writeTemp("mid.csv.gz", mid))).toBe(true);
    expect(worthAWorker(writeTemp("large.csv", "x".repeat(WORKER_MIN_BYTES)))).toBe(true);
    expect(worthAWorker("/no/such/file.csv")).toBe(false);
  });
});

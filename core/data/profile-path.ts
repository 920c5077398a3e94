/**
 * A data path as a profile: a profile.json is loaded, any other file is profiled in this thread.
 * Messages and the profile keep the path as the user gave it. runtime/profile-runner.ts adds
 * profiling in a worker thread on top of this for the CLI and the actions.
 */
import { resolve } from "node:path";
import { UsageError } from "../errors.js";
import { readTextFile } from "../fs.js";
import type { ColumnChecks } from "./column.js";
import { type DataProfile, profileData } from "./profile-data.js";
import type { Shard } from "./readers/sink.js";

export interface ProfilePathOptions {
  /** Folder relative paths are read from; messages and the profile keep the path as given. */
  root?: string;
  checks?: Record<string, ColumnChecks>;
  shard?: Shard;
  onProgress?: (rows: number) => void;
}

/** Profiles one data file (an absolute path); the default profiles it in this thread. */
export type Profiler = (path: string, opts: ProfilePathOptions) => Promise<DataProfile>;

export function isProfileFile(path: string): boolean {
  return path.toLowerCase().endsWith(".json");
}

export async function loadProfile(
  shown: string,
  opts: ProfilePathOptions = {},
  profiler: Profiler = profileInProcess,
): Promise<DataProfile> {
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

async function loadProfileFile(path: string): Promise<DataProfile> {
  const { profileFromJSON } = await import("./profile-load.js");
  return profileFromJSON(await readTextFile(path, path), path);
}

export function profileInProcess(path: string, opts: ProfilePathOptions): Promise<DataProfile> {
  return profileData(path, {
    ...(opts.checks ? { checks: opts.checks } : {}),
    ...(opts.shard ? { shard: opts.shard } : {}),
    ...(opts.onProgress ? { onProgress: (_b: number, rows: number) => opts.onProgress?.(rows) } : {}),
  });
}

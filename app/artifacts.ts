/**
 * A workflow run's kiln-run-<model> artifacts: listed, downloaded (octokit follows the redirect to
 * the blob store), unzipped with caps and parsed. Artifacts may come from a fork: every failure
 * becomes a message for the comment, never an exception.
 */
import type { Context } from "probot";
import { parseRunText } from "../core/gate/load.js";
import type { RunRecord } from "../core/metrics/run-record.js";
import { parseArtifactName } from "../core/names.js";
import { readZipEntries, type ZipBudget } from "./zip.js";

export type Octokit = Context["octokit"];

/** A zip larger than this is not downloaded. */
export const MAX_ZIP_BYTES = 10 * 1024 * 1024;
/** Uncompressed bytes read from all of one run's zips together. */
export const MAX_UNZIPPED_BYTES = 32 * 1024 * 1024;

export interface RunArtifact {
  id: number;
  name: string;
  model: string;
  size: number;
}

export interface Repo {
  owner: string;
  repo: string;
}

/** The run's unexpired kiln-run-<model> artifacts, one per model (the newest when a re-run replaced one). */
export async function listRunArtifacts(octokit: Octokit, repo: Repo, runId: number): Promise<RunArtifact[]> {
  const all = await octokit.paginate(octokit.rest.actions.listWorkflowRunArtifacts, {
    ...repo,
    run_id: runId,
    per_page: 100,
  });
  const byModel = new Map<string, RunArtifact>();
  for (const a of all) {
    const parsed = parseArtifactName(a.name);
    if (parsed?.kind !== "run" || a.expired) continue;
    const prev = byModel.get(parsed.model);
    if (!prev || a.id > prev.id)
      byModel.set(parsed.model, { id: a.id, name: a.name, model: parsed.model, size: a.size_in_bytes });
  }
  return [...byModel.values()].sort((a, b) => a.model.localeCompare(b.model));
}

export type RunJson = { ok: true; run: RunRecord } | { ok: false; error: string };

/** Downloads one artifact and reads its run.json; `budget` is shared by the run's artifacts. */
export async function readRunArtifact(
  octokit: Octokit,
  repo: Repo,
  artifact: RunArtifact,
  budget: ZipBudget,
): Promise<RunJson> {
  const limit = `${MAX_ZIP_BYTES / 1024 / 1024} MB`;
  if (artifact.size > MAX_ZIP_BYTES) return { ok: false, error: `${artifact.name} is larger than ${limit}` };
  const res = await octokit.rest.actions.downloadArtifact({
    ...repo,
    artifact_id: artifact.id,
    archive_format: "zip",
  });
  const data: unknown = res.data;
  const zip =
    data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : data instanceof Uint8Array
        ? data
        : typeof data === "string"
          ? Buffer.from(data, "binary")
          : null;
  if (!zip) return { ok: false, error: `${artifact.name} did not download as a zip` };
  if (zip.byteLength > MAX_ZIP_BYTES) return { ok: false, error: `${artifact.name} is larger than ${limit}` };
  const shown = `${artifact.name}/run.json`;
  try {
    const { entries } = readZipEntries(zip, new Set(["run.json"]), budget);
    const text = entries.get("run.json");
    if (!text) return { ok: false, error: `${artifact.name} holds no run.json` };
    const run = parseRunText(text.toString("utf8"), shown);
    if (run.model !== artifact.model)
      return { ok: false, error: `${shown} is a run of ${JSON.stringify(run.model)}, not ${artifact.model}` };
    return { ok: true, run };
  } catch (err) {
    return { ok: false, error: `${artifact.name}: ${(err as Error).message}` };
  }
}

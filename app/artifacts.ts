/**
 * A workflow run's kiln-* artifacts: listed, downloaded (octokit follows the redirect to the blob
 * store), unzipped with caps and parsed. Artifacts may come from a fork: every failure becomes a
 * message for the comment or the log, never an exception.
 */
import type { getOctokit } from "@actions/github";
import type { Context } from "probot";
import { parseRunText } from "../core/gate/load.js";
import type { RunRecord } from "../core/metrics/run-record.js";
import { ARTIFACT_KINDS, type ArtifactKind, parseArtifactName } from "../core/names.js";
import { readZipEntries, unsafeEntryName, type ZipBudget } from "./zip.js";

export type Octokit = Context["octokit"];

/** github/ is typed against @actions/github's Octokit; Probot's has the same REST surface. */
export function asGitHub(octokit: Octokit): ReturnType<typeof getOctokit> {
  return octokit as unknown as ReturnType<typeof getOctokit>;
}

/** A zip larger than this is not downloaded. */
export const MAX_ZIP_BYTES = 10 * 1024 * 1024;
/** Uncompressed bytes read from all of one run's zips together. */
export const MAX_UNZIPPED_BYTES = 32 * 1024 * 1024;

export interface RunArtifact {
  id: number;
  name: string;
  model: string;
  kind: ArtifactKind;
  size: number;
}

export interface Repo {
  owner: string;
  repo: string;
}

const EVERY_KIND: ReadonlySet<ArtifactKind> = new Set(ARTIFACT_KINDS);

/** The run's unexpired kiln-* artifacts of `kinds`, one per name (the newest when a re-run replaced one). */
export async function listRunArtifacts(
  octokit: Octokit,
  repo: Repo,
  runId: number,
  kinds: ReadonlySet<ArtifactKind> = EVERY_KIND,
): Promise<RunArtifact[]> {
  const all = await octokit.paginate(octokit.rest.actions.listWorkflowRunArtifacts, {
    ...repo,
    run_id: runId,
    per_page: 100,
  });
  const byName = new Map<string, RunArtifact>();
  for (const a of all) {
    const parsed = parseArtifactName(a.name);
    if (!parsed || !kinds.has(parsed.kind) || a.expired) continue;
    const prev = byName.get(a.name);
    if (!prev || a.id > prev.id)
      byName.set(a.name, { id: a.id, name: a.name, ...parsed, size: a.size_in_bytes });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export type ArtifactFiles = { ok: true; files: Map<string, string> } | { ok: false; error: string };
type ArtifactZip = { ok: true; zip: Uint8Array } | { ok: false; error: string };

/** Downloads `artifact`'s zip, within the size cap. */
async function downloadArtifactZip(
  octokit: Octokit,
  repo: Repo,
  artifact: Pick<RunArtifact, "id" | "name" | "size">,
): Promise<ArtifactZip> {
  const limit = `${MAX_ZIP_BYTES / 1024 / 1024} MB`;
  if (artifact.size > MAX_ZIP_BYTES) return { ok: false, error: `${artifact.name} is larger than ${limit}` };
  let data: unknown;
  try {
    data = (
      await octokit.rest.actions.downloadArtifact({
        ...repo,
        artifact_id: artifact.id,
        archive_format: "zip",
      })
    ).data;
  } catch (err) {
    const status = (err as { status?: number }).status;
    // Expired or deleted between listing and download: the evidence is gone, not a bug.
    if (status === 404 || status === 410)
      return { ok: false, error: `${artifact.name} is no longer available` };
    throw err;
  }
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
  return { ok: true, zip };
}

/** Reads the `wanted` entries of a downloaded zip as UTF-8; every one must be present. */
function readFiles(
  zip: Uint8Array,
  name: string,
  wanted: readonly string[],
  budget: ZipBudget,
): ArtifactFiles {
  try {
    const { entries } = readZipEntries(zip, new Set(wanted), budget);
    const files = new Map<string, string>();
    for (const file of wanted) {
      const entry = entries.get(file);
      if (!entry) return { ok: false, error: `${name} holds no ${file}` };
      files.set(file, entry.toString("utf8"));
    }
    return { ok: true, files };
  } catch (err) {
    return { ok: false, error: `${name}: ${(err as Error).message}` };
  }
}

/** Downloads `artifact` and reads the `wanted` entries as UTF-8; every one must be present. */
export async function readArtifactFiles(
  octokit: Octokit,
  repo: Repo,
  artifact: Pick<RunArtifact, "id" | "name" | "size">,
  wanted: readonly string[],
  budget: ZipBudget,
): Promise<ArtifactFiles> {
  const got = await downloadArtifactZip(octokit, repo, artifact);
  return got.ok ? readFiles(got.zip, artifact.name, wanted, budget) : got;
}

export type RunJson =
  | {
      ok: true;
      run: RunRecord;
      /** The per-example results run.json names, when asked for: their text, or why there is none. */
      examples?: { text: string } | { error: string };
    }
  | { ok: false; error: string; sweepVariant?: boolean };

/**
 * Reads a kiln-run-<model> artifact's run.json, and with `examples` the per-example results it
 * names (for significance); `budget` is shared by the run's artifacts.
 */
export async function readRunArtifact(
  octokit: Octokit,
  repo: Repo,
  artifact: RunArtifact,
  budget: ZipBudget,
  opts: { examples?: boolean } = {},
): Promise<RunJson> {
  const got = await downloadArtifactZip(octokit, repo, artifact);
  if (!got.ok) return got;
  const read = readFiles(got.zip, artifact.name, ["run.json"], budget);
  if (!read.ok) return read;
  const shown = `${artifact.name}/run.json`;
  let run: RunRecord;
  try {
    run = parseRunText(read.files.get("run.json") ?? "", shown);
  } catch (err) {
    return { ok: false, error: `${artifact.name}: ${(err as Error).message}` };
  }
  if (run.model !== artifact.model) {
    // kiln-run-<model>-<variant> of a sweep: the winner is published (and gated) as kiln-run-<model>.
    const sweepVariant = run.variant !== undefined && artifact.model === `${run.model}-${run.variant}`;
    return {
      ok: false,
      error: `${shown} is a run of ${JSON.stringify(run.model)}, not ${artifact.model}`,
      ...(sweepVariant ? { sweepVariant } : {}),
    };
  }
  if (!opts.examples) return { ok: true, run };
  const rel = run.examples;
  if (rel === undefined)
    return { ok: true, run, examples: { error: `${shown} names no per-example results` } };
  if (unsafeEntryName(rel))
    return {
      ok: true,
      run,
      examples: { error: `${shown}: examples ${JSON.stringify(rel)} is not a path inside the artifact` },
    };
  const ex = readFiles(got.zip, artifact.name, [rel], budget);
  return { ok: true, run, examples: ex.ok ? { text: ex.files.get(rel) ?? "" } : { error: ex.error } };
}

/**
 * The baseline of a PR's model, resolved by the shared resolver (core/gate/baseline.ts) with the app's
 * GitHub sources: the registry's production version (github/registry.ts), else the base branch's
 * newest successful push run of the same workflow that uploaded kiln-run-<model>, else none. A failure
 * to read a source is a note in the comment ("no baseline: …"), never a failed delivery.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { KilnError } from "../core/errors.js";
import { NO_BASELINE, type ResolvedBaseline, resolveBaseline } from "../core/gate/baseline.js";
import type { ExampleTable } from "../core/gate/examples.js";
import { systemClock } from "../core/local/clock.js";
import type { ArtifactRef, ArtifactStore } from "../core/ports.js";
import { GitHubWorkflowRuns } from "../github/baseline-runs.js";
import { GitHubRegistry } from "../github/registry.js";
import { asGitHub, MAX_ZIP_BYTES, type Octokit, type Repo } from "./artifacts.js";
import { readExamplesIn } from "./examples.js";
import { readZipEntries, unsafeEntryName } from "./zip.js";

/** run.json of artifacts already downloaded: an artifact id's content never changes. */
const runJsonCache = new Map<string, string>();
/**
 * Artifact listings of base-branch runs. Those runs are finished, so their artifacts only change when
 * one is re-run; a few minutes of staleness at worst gives a "no baseline" note, and saves an API call
 * per delivery.
 */
const listingCache = new Map<string, { at: number; refs: ArtifactRef[] }>();
const LISTING_TTL_MS = 10 * 60 * 1000;
const CACHE_ENTRIES = 500;

/** Insertion-ordered maps as small LRU-ish caches: the oldest entry goes first. */
function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  cache.delete(key);
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
}
/** A baseline run.json larger than this is refused (a run record is a few kilobytes). */
const MAX_RUN_JSON = 4 * 1024 * 1024;
/** A baseline's per-example results larger than this are not read (significance is skipped). */
const MAX_EXAMPLES_TEXT = 32 * 1024 * 1024;

/** The examples path a run.json names, when it is a safe entry name; null otherwise. */
function examplesWanted(runJson: string): string | null {
  try {
    const rel = (JSON.parse(runJson) as { examples?: unknown }).examples;
    return typeof rel === "string" && !unsafeEntryName(rel) ? rel : null;
  } catch {
    return null;
  }
}

export type AppBaseline = ResolvedBaseline & {
  /** Why no baseline could be read (a source failed), for the comment; `cause` is for the log. */
  error?: string;
  cause?: unknown;
  /** With `examples`: the baseline's per-example results, or why there are none. */
  examples?: ExampleTable | string;
};

export interface BaselineQuery {
  model: string;
  /** The PR's base branch (the default branch when unknown). */
  branch: string;
  /** The workflow whose runs count: its numeric id or file name. */
  workflow: number | string;
  /** Also read the baseline's per-example results (the policy asks for significance). */
  examples?: boolean;
}

export async function appBaseline(octokit: Octokit, repo: Repo, q: BaselineQuery): Promise<AppBaseline> {
  // github/ is typed against @actions/github's Octokit; Probot's has the same REST surface.
  const gh = asGitHub(octokit);
  const workDir = await mkdtemp(join(tmpdir(), "kiln-app-baseline-"));
  try {
    const resolved = await resolveBaseline(q.model, {
      registry: new GitHubRegistry({ ...repo, octokit: gh, clock: systemClock, sha: "" }),
      runs: new GitHubWorkflowRuns({ ...repo, octokit: gh, workflow: q.workflow }),
      artifacts: new OctokitRunArtifacts(octokit, repo, { examples: q.examples === true }),
      branch: q.branch,
      workDir,
      // The newest few runs: each one looked at costs an API call.
      lookback: 5,
    });
    if (!q.examples || !resolved.run) return { ...resolved, runFile: null };
    // Read now: the scratch folder goes when this returns.
    const examples = resolved.runFile
      ? await readExamplesIn(resolved.run, resolved.runFile, workDir, resolved.label)
      : `the ${resolved.baseline.source} baseline ${resolved.label} keeps no per-example results`;
    return { ...resolved, runFile: null, examples };
  } catch (err) {
    // Only kiln's own messages reach the comment: an HTTP library's may carry request details.
    const status = (err as { status?: unknown }).status;
    const message =
      err instanceof KilnError
        ? err.message
        : typeof status === "number"
          ? `GitHub answered ${status} while looking for it`
          : "an unexpected error while looking for it (logged)";
    return { ...NO_BASELINE, notes: [message], error: message, cause: err };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * Other runs' artifacts through the installation's token; only run.json is extracted, and with
 * `examples` the per-example results it names.
 */
export class OctokitRunArtifacts implements Pick<ArtifactStore, "list" | "download"> {
  constructor(
    private readonly octokit: Octokit,
    private readonly repo: Repo,
    private readonly opts: { examples?: boolean } = {},
  ) {}

  async list(opts: { runId?: string } = {}): Promise<ArtifactRef[]> {
    const runId = opts.runId;
    if (runId === undefined) throw new Error("OctokitRunArtifacts lists other runs only: give a runId");
    const key = `${this.repo.owner}/${this.repo.repo}#${runId}`;
    const cached = listingCache.get(key);
    if (cached && Date.now() - cached.at < LISTING_TTL_MS) return cached.refs;
    const { data } = await this.octokit.rest.actions.listWorkflowRunArtifacts({
      ...this.repo,
      run_id: Number(runId),
      per_page: 100,
    });
    const refs = data.artifacts
      .filter((a) => !a.expired)
      .map((a) => ({ name: a.name, id: String(a.id), runId, sizeBytes: a.size_in_bytes }));
    remember(listingCache, key, { at: Date.now(), refs });
    return refs;
  }

  async download(name: string, dir: string, opts: { runId?: string } = {}): Promise<string[]> {
    const artifact = (await this.list(opts)).filter((a) => a.name === name).sort((a, b) => +b.id - +a.id)[0];
    if (!artifact) throw new Error(`artifact ${name} not found in run ${opts.runId}`);
    const key = `${this.repo.owner}/${this.repo.repo}#${artifact.id}`;
    let text = runJsonCache.get(key);
    let examples: { rel: string; text: string } | null = null;
    // A cached run.json saves the download, unless its per-example results are wanted too.
    if (text === undefined || (this.opts.examples && examplesWanted(text) !== null)) {
      if (artifact.sizeBytes > MAX_ZIP_BYTES) throw new Error(`${name} of run ${opts.runId} is too large`);
      const res = await this.octokit.rest.actions.downloadArtifact({
        ...this.repo,
        artifact_id: Number(artifact.id),
        archive_format: "zip",
      });
      const data = res.data as unknown;
      const zip = data instanceof ArrayBuffer ? new Uint8Array(data) : (data as Uint8Array);
      if (!(zip instanceof Uint8Array) || zip.byteLength > MAX_ZIP_BYTES)
        throw new Error(`${name} of run ${opts.runId} did not download as a zip`);
      const entry = readZipEntries(zip, new Set(["run.json"]), { left: MAX_RUN_JSON }).entries.get(
        "run.json",
      );
      if (!entry) return [];
      text = entry.toString("utf8");
      remember(runJsonCache, key, text);
      // The per-example results it names, for significance (not cached: they can be large).
      const rel = this.opts.examples ? examplesWanted(text) : null;
      try {
        const found = rel
          ? readZipEntries(zip, new Set([rel]), { left: MAX_EXAMPLES_TEXT }).entries.get(rel)
          : null;
        if (rel && found) examples = { rel, text: found.toString("utf8") };
      } catch {
        // Too large or unreadable: the baseline stands, its significance is skipped.
      }
    }
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "run.json"), text);
    const files = [join(dir, "run.json")];
    if (examples) {
      await mkdir(dirname(join(dir, examples.rel)), { recursive: true });
      await writeFile(join(dir, examples.rel), examples.text);
      files.push(join(dir, examples.rel));
    }
    return files;
  }
}

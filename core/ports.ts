/**
 * The ports: everything core/ needs from the outside world. core/local/ implements them on the
 * filesystem (CLI, tests, demo); github/ implements them with the GitHub REST API and
 * @actions/artifact. core/ never knows which one it talks to.
 */
import type { Profile } from "./data/profile-file.js";
import type { GateResult } from "./gate/gate-result.js";
import type { RunRecord } from "./metrics/run-record.js";

export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

// ── Artifacts ────────────────────────────────────────────────────────────────────────────────

export interface ArtifactRef {
  name: string;
  /** Store-specific id (GitHub's artifact id; the local store uses the name). */
  id: string;
  runId: string;
  sizeBytes: number;
}

export interface ArtifactStore {
  /**
   * Uploads `files` (paths relative to `rootDir`) as `name` in the current run. Names are
   * immutable per run except that a re-run attempt replaces its own artifact (delete, then upload).
   */
  upload(name: string, files: readonly string[], rootDir: string): Promise<ArtifactRef>;
  /** Artifacts of a run: the current one when `runId` is omitted. */
  list(opts?: { runId?: string }): Promise<ArtifactRef[]>;
  /** Extracts an artifact into `dir` (created if needed) and returns the extracted file paths. */
  download(name: string, dir: string, opts?: { runId?: string }): Promise<string[]>;
}

// ── Registry ─────────────────────────────────────────────────────────────────────────────────

export interface ModelVersion {
  model: string;
  version: number;
  /** `<model>@v<N>` */
  tag: string;
  /** `models:/<model>/<N>` */
  uri: string;
  created_at: string;
  /** sha256 of run.json as registered: ties the version to one run. */
  run_digest: string;
}

export interface AliasAssignment {
  model: string;
  alias: string;
  version: number;
  /** Increments per (model, alias); the highest counter is the current assignment. */
  counter: number;
  /** `<model>#<alias>#<counter>` */
  tag: string;
  assigned_at: string;
  note?: string;
}

/** What a version holds: the run and the evidence that let it in. */
export interface VersionBundle {
  run: RunRecord;
  gate?: GateResult;
  profile?: Profile;
  /** Model card, markdown. */
  card?: string;
  /** The run's per-example results (the file run.json names in `examples`), kept as examples.csv. */
  examples?: string;
  /** Directory of model files to keep with the version. */
  artifactsDir?: string;
}

export type VersionFile = "run.json" | "gate.json" | "profile.json" | "card.md" | "examples.csv";

export interface ModelRegistry {
  /** Registers the next version `<model>@v<N>`; re-registering a run with the same digest returns the existing version. */
  register(model: string, bundle: VersionBundle): Promise<ModelVersion>;
  models(): Promise<string[]>;
  versions(model: string): Promise<ModelVersion[]>;
  version(model: string, version: number): Promise<ModelVersion | null>;
  /** A version's stored file, or null when it was not registered with one. */
  readFile(model: string, version: number, file: VersionFile): Promise<string | null>;
  /** Where a version's model files are (a local directory, or a release URL). */
  artifactsLocation(model: string, version: number): Promise<string | null>;
  /** Points `alias` at `version` by adding a new assignment; history is never rewritten. */
  assign(model: string, alias: string, version: number, note?: string): Promise<AliasAssignment>;
  /** The version an alias points at now, or null. */
  alias(model: string, alias: string): Promise<ModelVersion | null>;
  /** Every assignment, oldest first; of one alias when given. */
  history(model: string, alias?: string): Promise<AliasAssignment[]>;
}

// ── Deployments ──────────────────────────────────────────────────────────────────────────────

export type DeploymentState = "queued" | "in_progress" | "success" | "failure" | "error" | "inactive";

export interface DeploymentRequest {
  model: string;
  version: number;
  environment: string;
  /** Commit or ref the deployment is for. */
  ref: string;
  /** Opaque details kept with the deployment (GitHub: the deployment payload). */
  payload: Record<string, unknown>;
}

export interface Deployment extends DeploymentRequest {
  id: string;
  state: DeploymentState;
  created_at: string;
  updated_at: string;
  environment_url?: string;
  log_url?: string;
  description?: string;
}

/** Records deployments and their statuses (GitHub Deployments, or a local log). */
export interface Deployer {
  create(request: DeploymentRequest): Promise<Deployment>;
  setState(
    id: string,
    state: DeploymentState,
    details?: { environment_url?: string; log_url?: string; description?: string },
  ): Promise<Deployment>;
  /** Newest first. */
  list(filter?: { environment?: string; model?: string }): Promise<Deployment[]>;
}

// ── Pull requests and repository writes ──────────────────────────────────────────────────────

export interface PullRequest {
  number: number;
  url: string;
  state: "open" | "closed" | "merged";
  branch: string;
  base: string;
  title: string;
  body: string;
  labels: string[];
  created_at: string;
  closed_at: string | null;
}

export interface Comment {
  id: string;
  body: string;
  created_at: string;
}

/** What opening a pull request takes: head `branch` into `base`. */
export interface PullRequestRequest {
  branch: string;
  base: string;
  title: string;
  body: string;
  labels?: string[];
  reviewers?: string[];
}

export interface PullRequests {
  /** PRs whose head is `branch` — how kiln finds its own PRs without keeping state. */
  findByBranch(branch: string, state: "open" | "all"): Promise<PullRequest[]>;
  open(request: PullRequestRequest): Promise<PullRequest>;
  update(number: number, change: { title?: string; body?: string }): Promise<PullRequest>;
  comments(number: number): Promise<Comment[]>;
  comment(number: number, body: string): Promise<Comment>;
  editComment(number: number, id: string, body: string): Promise<Comment>;
  deleteComment(number: number, id: string): Promise<void>;
}

export interface RepoWriter {
  defaultBranch(): Promise<string>;
  /** File content at a ref, or null when it does not exist. */
  readFile(ref: string, path: string): Promise<string | null>;
  /**
   * Commits the files on `branch`. Without `base` the commit follows the branch's head (or the
   * default branch's, when the branch is missing). With `base` it starts from `base` and the branch
   * is moved there: what is left on an old branch (a squash-merged PR's) is left behind, as when a
   * PR is opened for it anew.
   */
  commit(
    branch: string,
    files: ReadonlyArray<{ path: string; content: string }>,
    message: string,
    opts?: { base?: string },
  ): Promise<{ sha: string }>;
}

// ── Metric history (the kiln/history data branch) ────────────────────────────────────────────

export interface HistoryEntry {
  model: string;
  sha: string;
  ref: string;
  run_id?: string;
  recorded_at: string;
  metrics: Record<string, number>;
}

export interface MetricHistory {
  /** The newest `limit` entries of a model, oldest first (ready to chart). */
  read(model: string, limit: number): Promise<HistoryEntry[]>;
  /** Adds `entry`; one whose `run_id` the model's history already records is not added again. */
  append(entry: HistoryEntry): Promise<void>;
}

// ── Workflow runs (the baseline's fallback: the base branch's latest successful run) ─────────

export interface WorkflowRun {
  id: string;
  branch: string;
  /** The commit the run built. */
  sha: string;
  created_at: string;
  url?: string;
}

export interface WorkflowRuns {
  /** Successful runs of the current workflow on `branch`, newest first, at most `limit`. */
  successful(branch: string, limit: number): Promise<WorkflowRun[]>;
}

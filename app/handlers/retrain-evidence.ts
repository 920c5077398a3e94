/**
 * A finished run on the default branch that uploaded kiln-monitor-<model> (a degraded monitor.json)
 * or kiln-ct-<model> (a scheduled retrain whose gate passed): open or update the model's retraining
 * PR. Registered beside workflow-run.ts (which comments on pull-request runs) as a second handler.
 *
 * Only push, schedule and workflow_dispatch runs of the default branch in this repository count.
 * A pull request's run executes the PR's code — a fork's, for fork PRs — so its artifacts say
 * whatever its author wants; acting on them would let anyone make the App commit and open PRs.
 */
import type { Context } from "probot";
import { describeError } from "../../core/errors.js";
import { parseKilnFile } from "../../core/files.js";
import { parseRunText } from "../../core/gate/load.js";
import { type ArtifactKind, CONFIG_PATH } from "../../core/names.js";
import { type RetrainSignal, signalFromCt, signalFromMonitor } from "../../core/retrain/signals.js";
import {
  listRunArtifacts,
  MAX_UNZIPPED_BYTES,
  type Octokit,
  type Repo,
  type RunArtifact,
  readArtifactFiles,
} from "../artifacts.js";
import { summarize } from "../event.js";
import { readDefaultConfig, workflowSelected } from "../policy.js";
import { retrainFromSignal } from "../retrain.js";

/** Runs of the default branch's own code; pull_request(_target) runs are left out on purpose. */
const TRUSTED_EVENTS = new Set(["push", "schedule", "workflow_dispatch"]);
/** A degraded monitor fails its job, so both conclusions carry evidence; cancelled runs do not. */
const CONCLUSIONS = new Set(["success", "failure"]);
const KINDS: ReadonlySet<ArtifactKind> = new Set(["monitor", "ct"]);

interface EvidenceRun {
  repo: Repo;
  defaultBranch: string;
  runId: number;
  path: string | null;
}

type Log = Context["log"];

export async function onRetrainEvidence(context: Context<"workflow_run.completed">): Promise<void> {
  const summary = summarize(context);
  const run = readEvidenceRun(context.payload);
  if (!run || summary.installation === null) return;
  await handleEvidence(context.octokit, context.log, run);
}

async function handleEvidence(octokit: Octokit, log: Log, run: EvidenceRun): Promise<void> {
  const artifacts = await listRunArtifacts(octokit, run.repo, run.runId, KINDS);
  if (artifacts.length === 0) return;
  const config = await readDefaultConfig(octokit, run.repo, run.defaultBranch);
  if (config.kind !== "ok") {
    const why = config.kind === "missing" ? "there is none" : "it is invalid";
    log.warn(
      { run: run.runId },
      `retrain: evidence not read: ${CONFIG_PATH} on ${run.defaultBranch}: ${why}`,
    );
    return;
  }
  if (!workflowSelected(config.config, run.path)) {
    log.info({ path: run.path }, "retrain: workflow not in app.workflows; its evidence is not read");
    return;
  }
  const budget = { left: MAX_UNZIPPED_BYTES };
  const signals: RetrainSignal[] = [];
  for (const artifact of artifacts) {
    const signal = await readSignal(octokit, run, artifact, budget, log);
    if (signal) signals.push(signal);
  }
  let failed: unknown = null;
  for (const signal of signals) {
    try {
      await retrainFromSignal(octokit, run.repo, signal, log, { defaultBranch: run.defaultBranch, config });
    } catch (err) {
      // The other models still get their PR; the delivery fails afterwards so it can be redelivered.
      log.error({ err, model: signal.model }, `retrain: ${signal.model}: ${describeError(err)}`);
      failed ??= err;
    }
  }
  if (failed) throw failed;
}

/** The artifact's signal, or null (healthy, gate failed, or unusable — logged). */
async function readSignal(
  octokit: Octokit,
  run: EvidenceRun,
  artifact: RunArtifact,
  budget: { left: number },
  log: Log,
): Promise<RetrainSignal | null> {
  const wanted = artifact.kind === "monitor" ? ["monitor.json"] : ["run.json", "gate.json"];
  const read = await readArtifactFiles(octokit, run.repo, artifact, wanted, budget);
  if (!read.ok) {
    log.warn({ artifact: artifact.name, error: read.error }, "retrain: artifact unusable");
    return null;
  }
  const file = (name: string) => read.files.get(name) ?? "";
  const now = new Date();
  try {
    if (artifact.kind === "monitor") {
      const monitor = parseKilnFile("monitor", file("monitor.json"), `${artifact.name}/monitor.json`);
      if (monitor.model !== artifact.model)
        throw new Error(`monitor.json is for ${monitor.model}, not ${artifact.model}`);
      const signal = signalFromMonitor(monitor, { now, runId: run.runId });
      if (!signal) log.info({ artifact: artifact.name }, "retrain: production is healthy; no retraining PR");
      return signal;
    }
    const runRecord = parseRunText(file("run.json"), `${artifact.name}/run.json`);
    const gate = parseKilnFile("gate", file("gate.json"), `${artifact.name}/gate.json`);
    if (runRecord.model !== artifact.model)
      throw new Error(`run.json is for ${runRecord.model}, not ${artifact.model}`);
    const signal = signalFromCt(runRecord, gate, { now, runId: run.runId });
    if (!signal)
      log.info({ artifact: artifact.name }, "retrain: the scheduled retrain failed its gate; no PR");
    return signal;
  } catch (err) {
    log.warn({ artifact: artifact.name, error: describeError(err) }, "retrain: artifact unusable");
    return null;
  }
}

/** The run when it is one whose evidence counts (see the top of the file), else null. */
function readEvidenceRun(payload: unknown): EvidenceRun | null {
  const p = payload as {
    repository?: {
      name?: unknown;
      full_name?: unknown;
      owner?: { login?: unknown } | null;
      default_branch?: unknown;
    } | null;
    workflow_run?: {
      id?: unknown;
      event?: unknown;
      head_branch?: unknown;
      conclusion?: unknown;
      path?: unknown;
      head_repository?: { full_name?: unknown } | null;
    } | null;
  } | null;
  const repo = p?.repository;
  const run = p?.workflow_run;
  if (!repo || !run || typeof run !== "object" || Array.isArray(run)) return null;
  const { name, full_name: full, default_branch: branch } = repo;
  const owner = repo.owner?.login;
  if (typeof name !== "string" || typeof owner !== "string" || typeof full !== "string") return null;
  if (typeof branch !== "string" || typeof run.id !== "number") return null;
  if (typeof run.event !== "string" || !TRUSTED_EVENTS.has(run.event)) return null;
  if (run.head_branch !== branch) return null;
  // The code that ran must be this repository's, not a fork's branch of the same name.
  const head = run.head_repository?.full_name;
  if (typeof head !== "string" || head.toLowerCase() !== full.toLowerCase()) return null;
  if (typeof run.conclusion !== "string" || !CONCLUSIONS.has(run.conclusion)) return null;
  return {
    repo: { owner, repo: name },
    defaultBranch: branch,
    runId: run.id,
    path: typeof run.path === "string" ? run.path : null,
  };
}

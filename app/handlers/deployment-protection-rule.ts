/**
 * kiln as a custom deployment protection rule: a deployment waiting on an environment is approved only
 * when the model version it deploys has a passing gate.json that counts — bound to the version's
 * run.json (run_digest), decided on the default branch, and by the default branch's current policy
 * (policy_digest). A deployment GitHub made for a job's `environment:` names no version; then the
 * run's own kiln-gate-* and kiln-run-* artifacts must pass the same checks. Anything else,
 * including kiln failing to find out, is a rejection that says why: this never approves on error.
 */
import type { Context } from "probot";
import type { KilnConfig } from "../../core/config/schema.js";
import { gateProblemsUnderPolicy } from "../../core/deploy/verify-gate.js";
import { KilnError } from "../../core/errors.js";
import { parseKilnFile } from "../../core/files.js";
import type { GateResult } from "../../core/gate/gate-result.js";
import { parseRunText } from "../../core/gate/load.js";
import { systemClock } from "../../core/local/clock.js";
import type { RunRecord } from "../../core/metrics/run-record.js";
import { runDigest } from "../../core/metrics/run-record.js";
import { CONFIG_PATH, isModelName } from "../../core/names.js";
import { payloadOf } from "../../github/deployer.js";
import { GitHubRegistry } from "../../github/registry.js";
import {
  asGitHub,
  listRunArtifacts,
  MAX_UNZIPPED_BYTES,
  type Octokit,
  type Repo,
  readArtifactFiles,
} from "../artifacts.js";
import { summarize } from "../event.js";
import { readDefaultConfig } from "../policy.js";

/** GitHub shows the comment with the review; long lists are cut. */
const MAX_COMMENT = 1024;

interface Verdict {
  approved: boolean;
  comment: string;
}

export async function onDeploymentProtectionRule(
  context: Context<"deployment_protection_rule">,
): Promise<void> {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
  const p = context.payload as unknown as {
    action?: unknown;
    environment?: unknown;
    deployment_callback_url?: unknown;
    deployment?: { payload?: unknown; environment?: unknown };
    repository?: { name?: unknown; owner?: { login?: unknown }; default_branch?: unknown };
  } | null;
  const owner = p?.repository?.owner?.login;
  const name = p?.repository?.name;
  const defaultBranch = p?.repository?.default_branch;
  const environment = typeof p?.environment === "string" ? p.environment : p?.deployment?.environment;
  const callback = p?.deployment_callback_url;
  if (
    p?.action !== "requested" ||
    summary.installation === null ||
    typeof owner !== "string" ||
    typeof name !== "string" ||
    typeof defaultBranch !== "string" ||
    typeof environment !== "string" ||
    typeof callback !== "string"
  )
    return;
  const repo = { owner, repo: name };
  const octokit = context.octokit;
  // The installation token goes wherever this URL points: only this repository's review endpoint.
  const base = String(octokit.request.endpoint.DEFAULTS.baseUrl).replace(/\/$/, "");
  const expected = `${base}/repos/${owner}/${name}/actions/runs/`;
  if (
    !callback.startsWith(expected) ||
    !/^\d+\/deployment_protection_rule$/.test(callback.slice(expected.length))
  ) {
    context.log.warn(
      { callback },
      "deployment_protection_rule: callback URL is not this repository's; ignored",
    );
    return;
  }

  let verdict: Verdict;
  try {
    const runId = Number(callback.slice(expected.length).split("/")[0]);
    verdict = await decide(octokit, repo, defaultBranch, p?.deployment?.payload, runId);
  } catch (err) {
    context.log.error({ err }, "deployment_protection_rule: could not verify the gate; rejecting");
    const why =
      err instanceof KilnError
        ? err.message
        : `GitHub answered ${(err as { status?: unknown }).status ?? "with an error"}`;
    verdict = {
      approved: false,
      comment: `kiln could not verify the gate (${why}); re-run the job to retry.`,
    };
  }
  await octokit.request(`POST ${callback}`, {
    environment_name: environment,
    state: verdict.approved ? "approved" : "rejected",
    comment: cut(verdict.comment),
  });
  context.log.info(
    { environment, approved: verdict.approved, comment: verdict.comment },
    `deployment_protection_rule: ${verdict.approved ? "approved" : "rejected"}`,
  );
}

async function decide(
  octokit: Octokit,
  repo: Repo,
  defaultBranch: string,
  payload: unknown,
  runId: number,
): Promise<Verdict> {
  const d = payloadOf(payload);
  const model = d.model;
  const version = d.version;
  const named =
    typeof model === "string" &&
    isModelName(model) &&
    typeof version === "number" &&
    Number.isInteger(version);
  const config = await readDefaultConfig(octokit, repo, defaultBranch);
  if (config.kind !== "ok")
    return reject(
      `${CONFIG_PATH} on ${defaultBranch} is ${config.kind}: there is no policy to check against`,
    );
  // A job's `environment:` makes GitHub create the deployment, with an empty payload: the run's own
  // kiln-gate-* and kiln-run-* artifacts (kiln-cd's candidate job) are then the evidence.
  if (!named) return decideFromRun(octokit, repo, defaultBranch, config.config, runId);
  const tag = `${model}@v${version}`;
  const entry = config.config.models[model];
  if (!entry) return reject(`${CONFIG_PATH} on ${defaultBranch} declares no model ${model}`);

  const registry = new GitHubRegistry({ ...repo, octokit: asGitHub(octokit), clock: systemClock, sha: "" });
  const registered = await registry.version(model, version);
  if (!registered) return reject(`${tag} is not in the registry`);
  const [runText, gateText] = await Promise.all([
    registry.readFile(model, version, "run.json"),
    registry.readFile(model, version, "gate.json"),
  ]);
  if (runText === null) return reject(`${tag} has no run.json in the registry`);
  if (gateText === null) return reject(`${tag} was registered without a gate.json`);
  const run = parseRunText(runText, `${tag}/run.json`);
  const gate = parseKilnFile("gate", gateText, `${tag}/gate.json`) as GateResult;

  const problems = gateProblemsUnderPolicy(run, gate, entry, defaultBranch);
  if (runDigest(run) !== registered.run_digest)
    problems.push(`${tag}'s run.json does not match its tag's run_digest`);
  if (typeof d.run === "string" && d.run !== registered.run_digest)
    problems.push(`the deployment's run ${d.run.slice(0, 12)}… is not ${tag}'s`);
  if (problems.length) return reject(rejection(tag, gate, problems));
  return { approved: true, comment: approval(tag, gate, defaultBranch) };
}

/**
 * The deployment of a workflow job: approved when every model the run gated passed under the
 * default branch's current policy (kiln-cd deploys only when all its candidates passed).
 */
async function decideFromRun(
  octokit: Octokit,
  repo: Repo,
  defaultBranch: string,
  config: KilnConfig,
  runId: number,
): Promise<Verdict> {
  const artifacts = await listRunArtifacts(octokit, repo, runId, new Set(["run", "gate"]));
  const gates = artifacts.filter((a) => a.kind === "gate");
  if (gates.length === 0)
    return reject(
      `the deployment names no kiln model version, and run ${runId} uploaded no kiln-gate-* artifact to verify (deploy through kiln-cd, or with \`kiln deploy\`)`,
    );
  const budget = { left: MAX_UNZIPPED_BYTES };
  const rejected: string[] = [];
  const approved: string[] = [];
  for (const g of gates) {
    const entry = config.models[g.model];
    const runArtifact = artifacts.find((a) => a.kind === "run" && a.model === g.model);
    if (!entry) {
      rejected.push(`${g.model}: ${CONFIG_PATH} on ${defaultBranch} declares no such model`);
      continue;
    }
    if (!runArtifact) {
      rejected.push(`${g.model}: run ${runId} has no kiln-run-${g.model} to check its gate against`);
      continue;
    }
    const [gateFiles, runFiles] = [
      await readArtifactFiles(octokit, repo, g, ["gate.json"], budget),
      await readArtifactFiles(octokit, repo, runArtifact, ["run.json"], budget),
    ];
    if (!gateFiles.ok || !runFiles.ok) {
      rejected.push(
        `${g.model}: ${[gateFiles, runFiles]
          .map((f) => (f.ok ? "" : f.error))
          .filter(Boolean)
          .join("; ")}`,
      );
      continue;
    }
    const shown = `run ${runId}'s ${g.model}`;
    let run: RunRecord;
    let gate: GateResult;
    try {
      run = parseRunText(runFiles.files.get("run.json") ?? "", `kiln-run-${g.model}/run.json`);
      gate = parseKilnFile(
        "gate",
        gateFiles.files.get("gate.json") ?? "",
        `${g.name}/gate.json`,
      ) as GateResult;
    } catch (err) {
      rejected.push(`${g.model}: ${(err as Error).message}`);
      continue;
    }
    const problems = gateProblemsUnderPolicy(run, gate, entry, defaultBranch);
    if (problems.length) rejected.push(rejection(shown, gate, problems));
    else approved.push(approval(shown, gate, defaultBranch));
  }
  if (rejected.length) return reject(rejected.join(" "));
  return { approved: true, comment: approved.join(" ") };
}

function rejection(what: string, gate: GateResult, problems: string[]): string {
  const failed = gate.checks.filter((c) => !c.passed).map((c) => `${c.metric} ${c.rule}: ${c.message}`);
  return [
    `${what}: ${problems.join("; ")}`,
    ...(failed.length ? [`Failing checks: ${failed.join("; ")}`] : []),
  ].join(". ");
}

function approval(what: string, gate: GateResult, defaultBranch: string): string {
  const skipped = gate.checks.filter((c) => c.skipped).length;
  return `${what}: gate passed (${gate.checks.length} checks${skipped ? `, ${skipped} skipped` : ""}) under ${defaultBranch}'s policy (${gate.policy_source}, digest ${gate.policy_digest.slice(0, 12)}…).`;
}

function reject(comment: string): Verdict {
  return { approved: false, comment: `kiln: ${comment}` };
}

function cut(text: string): string {
  return text.length > MAX_COMMENT ? `${text.slice(0, MAX_COMMENT - 1)}…` : text;
}

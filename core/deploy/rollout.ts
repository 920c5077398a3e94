/**
 * The rollout half of a deploy (core/deploy/deploy-model.ts): open a deployment record, roll the
 * new version out step by step (the command or a KServe manifest, then the health check), then
 * either promote it (the alias moves) or roll the environment back to the version it served
 * before. A deployment is never left in progress: an unexpected error marks it `error`.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseDuration } from "../config/units.js";
import type { ModelVersion } from "../ports.js";
import { formatMs, runProcess } from "../process/runner.js";
import type {
  DeployPorts,
  DeployRequest,
  DeployResult,
  DeployTuning,
  EnvironmentConfig,
  StepResult,
  Target,
} from "./deploy-model.js";
import { assertEnvironmentFree } from "./guard.js";
import { checkHealth, type HealthSpec } from "./health.js";
import { modelFormatOf, renderInferenceService } from "./kserve.js";

/** A deploy with its deployment record open. */
export interface Rollout {
  request: DeployRequest;
  ports: DeployPorts;
  tuning: DeployTuning;
  target: Target;
  /** The deployment's id. */
  id: string;
  /** Sent with every state of the deployment. */
  details: { log_url?: string; environment_url?: string };
  environmentUrl?: string;
}

type Tail<K extends keyof DeployResult> = Pick<DeployResult, K>;

/** One deploy per environment: checks none is in progress, then records this one (queued). */
export async function openDeployment(
  d: Omit<Rollout, "id" | "details" | "environmentUrl">,
  version: ModelVersion,
  previous: ModelVersion | null,
): Promise<Rollout> {
  const { request, ports, target } = d;
  const { model, environment } = request;
  await assertEnvironmentFree(ports.deployer, environment, ports.clock);
  const environmentUrl = target.env.health ? new URL(target.env.health.url).origin : undefined;
  const created = await ports.deployer.create({
    model,
    version: version.version,
    environment,
    ref: request.ref,
    payload: {
      ...request.payload,
      model,
      version: version.version,
      tag: version.tag,
      uri: version.uri,
      run: version.run_digest,
      previous: previous?.tag ?? null,
      ...(target.forced.length ? { forced: { reasons: target.forced } } : {}),
    },
  });
  const details = {
    ...(request.logUrl ? { log_url: request.logUrl } : {}),
    ...(environmentUrl ? { environment_url: environmentUrl } : {}),
  };
  return { ...d, id: created.id, details, ...(environmentUrl ? { environmentUrl } : {}) };
}

/** Marks the deployment in progress and runs the canary steps until one fails. */
export async function rollOut(
  r: Rollout,
  version: ModelVersion,
): Promise<{ steps: StepResult[]; failure?: string }> {
  // A deployment starts queued (the Deployer's contract); the rollout makes it in_progress.
  await r.ports.deployer.setState(r.id, "in_progress", r.details);
  const steps: StepResult[] = [];
  for (const percent of r.target.env.canary ?? [100]) {
    const step = await rolloutStep(r, version, percent);
    steps.push(step);
    if (!step.ok) return { steps, failure: describeFailure(step) };
  }
  return { steps };
}

/** Every step succeeded: the environment's alias moves to the version and the deployment succeeds. */
export async function promote(
  r: Rollout,
  version: ModelVersion,
  steps: StepResult[],
): Promise<Tail<"outcome" | "deployment" | "steps" | "environmentUrl">> {
  const { registry, deployer, log } = r.ports;
  const { model, environment } = r.request;
  await registry.assign(model, r.target.alias, version.version, `deployment ${r.id}`);
  const deployment = await deployer.setState(r.id, "success", {
    ...r.details,
    description: `${version.tag} serves ${environment}`,
  });
  log(`${version.tag} serves ${environment} (deployment ${r.id})`);
  return {
    outcome: "deployed",
    deployment,
    steps,
    ...(r.environmentUrl ? { environmentUrl: r.environmentUrl } : {}),
  };
}

/** A step failed: redeploys the version served before, if any, and marks the deployment failed. */
export async function rollBack(
  r: Rollout,
  version: ModelVersion,
  previous: ModelVersion | null,
  steps: StepResult[],
  failure: string,
): Promise<Tail<"outcome" | "deployment" | "steps" | "rollback" | "failure">> {
  const { environment } = r.request;
  const { log } = r.ports;
  log(`rollout of ${version.tag} to ${environment} failed: ${failure}`);
  const rollback: StepResult[] = [];
  if (previous) {
    log(`rolling back ${environment} to ${previous.tag}`);
    rollback.push(await rolloutStep(r, previous, 100));
  }
  const rolledBack = previous !== null && rollback.every((s) => s.ok);
  const what = !previous
    ? "no earlier version to roll back to"
    : rolledBack
      ? `rolled back to ${previous.tag}`
      : `rollback to ${previous.tag} failed too: ${describeFailure(rollback[0] as StepResult)}`;
  const deployment = await r.ports.deployer.setState(r.id, "failure", {
    ...r.details,
    description: clip(`${failure}; ${what}`),
  });
  return {
    outcome: rolledBack ? "rolled-back" : "failed",
    deployment,
    steps,
    rollback,
    failure: `${failure}; ${what}`,
  };
}

/** Never leave a deployment in progress: it would block the environment until it goes stale. */
export async function abandon(r: Rollout, err: unknown): Promise<void> {
  await r.ports.deployer
    .setState(r.id, "error", { ...r.details, description: clip((err as Error).message) })
    .catch(() => undefined);
}

async function rolloutStep(r: Rollout, version: ModelVersion, percent: number): Promise<StepResult> {
  const { request, ports, tuning } = r;
  const { deploy, env } = r.target;
  const { environment } = request;
  const modelPath = (await ports.registry.artifactsLocation(version.model, version.version)) ?? "";
  const step: StepResult = { version: version.version, traffic_percent: percent, apply: "", ok: false };
  const vars: Record<string, string> = {
    MODEL_NAME: version.model,
    MODEL_VERSION: String(version.version),
    MODEL_URI: version.uri,
    MODEL_PATH: modelPath,
    ENVIRONMENT: environment,
    TRAFFIC_PERCENT: String(percent),
  };
  ports.log(`${version.tag} → ${environment} at ${percent}%`);
  if (deploy.target === "kserve") {
    await mkdir(request.workDir, { recursive: true });
    const manifest = join(
      request.workDir,
      `${version.model}-${r.target.alias}-v${version.version}-${percent}.yaml`,
    );
    await writeFile(
      manifest,
      renderInferenceService({
        model: version.model,
        version: version.version,
        uri: version.uri,
        environment,
        storageUri: modelPath || version.uri,
        trafficPercent: percent,
        modelFormat: modelFormatOf(request.run),
      }),
    );
    step.manifest = manifest;
    vars.KILN_MANIFEST = manifest;
  }
  if (deploy.command) {
    const result = await runProcess(
      { shell: deploy.command },
      {
        label: "the deploy command",
        cwd: request.cwd,
        env: { ...request.env, ...vars },
        timeoutMs: tuning.commandTimeoutMs,
        graceMs: tuning.graceMs ?? 5000,
        onLine: (_stream, line) => ports.log(`  | ${line}`),
        onNote: (note) => ports.log(`  ${note}`),
      },
    );
    step.apply =
      result.outcome === "succeeded"
        ? "succeeded"
        : result.outcome === "timed-out"
          ? `timed out after ${formatMs(tuning.commandTimeoutMs)}`
          : result.error
            ? `failed: ${result.error}`
            : `failed with ${result.exitCode === null ? result.signal : `exit ${result.exitCode}`}`;
    if (result.outcome !== "succeeded") return step;
  } else step.apply = "rendered";
  if (env.health) {
    step.health = await checkHealth(healthSpec(env.health), {
      clock: ports.clock,
      ...(ports.fetch ? { fetch: ports.fetch } : {}),
      ...(tuning.healthRetryDelayMs === undefined ? {} : { retryDelayMs: tuning.healthRetryDelayMs }),
    });
    ports.log(
      `  health ${env.health.url}: ${step.health.ok ? "ok" : `failed after ${step.health.attempts} attempt${step.health.attempts === 1 ? "" : "s"} (${step.health.error})`}`,
    );
    if (!step.health.ok) return step;
  }
  step.ok = true;
  return step;
}

function healthSpec(h: NonNullable<EnvironmentConfig["health"]>): HealthSpec {
  return {
    url: h.url,
    expectStatus: h["expect-status"],
    ...(h["expect-body"] === undefined ? {} : { expectBody: h["expect-body"] }),
    timeoutMs: parseDuration(h.timeout, "health.timeout") * 1000,
    retries: h.retries,
  };
}

function describeFailure(step: StepResult): string {
  const at = `at ${step.traffic_percent}%`;
  if (step.apply !== "succeeded" && step.apply !== "rendered")
    return `the deploy command ${step.apply} ${at}`;
  return `the health check failed ${at} after ${step.health?.attempts ?? 0} attempts (${step.health?.error ?? "?"})`;
}

/** GitHub caps a status description at 140 characters. */
function clip(text: string): string {
  return text.length <= 140 ? text : `${text.slice(0, 139)}…`;
}

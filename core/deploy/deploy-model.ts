/**
 * The deploy, as the CLI and the action run it: verify the gate, register the version if new,
 * record a deployment (queued → in_progress → success | failure), roll out step by step (the
 * command or a KServe manifest, then the health check), and on failure redeploy the version the
 * environment served before. The environment's alias moves only when every step succeeded, so the
 * registry always says what serves where; deploying the version already live does nothing.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ModelConfig } from "../config/schema.js";
import { parseDuration } from "../config/units.js";
import type { Profile } from "../data/profile-file.js";
import { UsageError } from "../errors.js";
import type { GateResult } from "../gate/gate-result.js";
import { type RunRecord, runDigest } from "../metrics/run-record.js";
import type { Clock, Deployer, Deployment, ModelRegistry, ModelVersion } from "../ports.js";
import { renderModelCard } from "../registry/model-card.js";
import { assertAlias } from "../registry/tags.js";
import { closest } from "../text.js";
import { type Env, formatMs, runProcess } from "../train/process-runner.js";
import { assertEnvironmentFree } from "./guard.js";
import { checkHealth, type Fetch, type HealthResult, type HealthSpec } from "./health.js";
import { modelFormatOf, renderInferenceService } from "./kserve.js";
import { verifyGate } from "./verify-gate.js";

export interface DeployOptions {
  registry: ModelRegistry;
  deployer: Deployer;
  clock: Clock;
  model: string;
  run: RunRecord;
  gate: GateResult | null;
  /** The model's entry of the default branch's config. */
  config: ModelConfig;
  configFile: string;
  environment: string;
  force: boolean;
  defaultBranch: string;
  /** Commit or ref the deployment is for (GitHub Deployments need one). */
  ref: string;
  profile?: Profile;
  artifactsDir?: string;
  repository?: string;
  /** Where the command runs, and its environment (core reads no process.env). */
  cwd: string;
  env: Env;
  /** Where KServe manifests are written. */
  workDir: string;
  commandTimeoutMs: number;
  graceMs?: number;
  healthRetryDelayMs?: number;
  logUrl?: string;
  /** Kept with the deployment besides model, version and run (e.g. the workflow run). */
  payload?: Record<string, unknown>;
  fetch?: Fetch;
  log: (line: string) => void;
}

export interface StepResult {
  version: number;
  traffic_percent: number;
  /** The command's outcome, or "rendered" for a KServe manifest with no command to apply it. */
  apply: string;
  manifest?: string;
  health?: HealthResult;
  ok: boolean;
}

export interface DeployResult {
  outcome: "deployed" | "unchanged" | "rolled-back" | "failed";
  version: ModelVersion;
  previous: ModelVersion | null;
  deployment: Deployment | null;
  /** Gate problems overridden with --force. */
  forced: string[];
  steps: StepResult[];
  rollback: StepResult[];
  failure?: string;
  environmentUrl?: string;
}

type EnvironmentConfig = NonNullable<ModelConfig["deploy"]>["environments"][string];

export async function deployModel(opts: DeployOptions): Promise<DeployResult> {
  const { registry, deployer, model, environment } = opts;
  const deploy = opts.config.deploy;
  if (!deploy) {
    throw new UsageError(`${opts.configFile} has no deploy section for ${model}`, {
      hint: "Add models.<name>.deploy with a command and environments (docs/actions/deploy.md)",
    });
  }
  const env = deploy.environments[environment];
  if (!env) {
    const known = Object.keys(deploy.environments);
    const near = closest(environment, known);
    throw new UsageError(
      `${opts.configFile} declares no environment ${JSON.stringify(environment)} for ${model}`,
      {
        hint: near
          ? `Did you mean ${near}?`
          : known.length
            ? `Declared: ${known.join(", ")}`
            : "Add one under deploy.environments",
      },
    );
  }
  if (deploy.target === "command" && !deploy.command) {
    throw new UsageError(
      `${opts.configFile}: models.${model}.deploy.command is required for target command`,
      {
        hint: "Name the script that deploys MODEL_PATH, e.g. command: ./deploy.sh",
      },
    );
  }
  const alias = aliasOf(environment);
  if (opts.run.model !== model) {
    throw new UsageError(`the run is for model ${JSON.stringify(opts.run.model)}, not ${model}`, {
      hint: "Deploy a model's own run: check --model and --run",
    });
  }
  const verdict = verifyGate(opts.run, opts.gate, { defaultBranch: opts.defaultBranch, force: opts.force });
  const forced = verdict.forced ? verdict.problems : [];
  for (const p of forced) opts.log(`forced: ${p}`);

  const version = await registry.register(model, {
    run: opts.run,
    ...(opts.gate ? { gate: opts.gate } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.artifactsDir ? { artifactsDir: opts.artifactsDir } : {}),
    card: renderModelCard({
      run: opts.run,
      version: await expectedVersion(registry, opts.run),
      ...(opts.gate ? { gate: opts.gate } : {}),
      config: opts.config,
      ...(opts.repository ? { repository: opts.repository } : {}),
    }),
  });
  const previous = await registry.alias(model, alias);
  const base = { version, previous, forced, steps: [], rollback: [] };
  if (previous?.version === version.version) {
    opts.log(`${version.tag} already serves ${environment}; nothing to do`);
    return { ...base, outcome: "unchanged", deployment: null };
  }

  await assertEnvironmentFree(deployer, environment, opts.clock);
  const environmentUrl = env.health ? new URL(env.health.url).origin : undefined;
  const created = await deployer.create({
    model,
    version: version.version,
    environment,
    ref: opts.ref,
    payload: {
      ...opts.payload,
      model,
      version: version.version,
      tag: version.tag,
      uri: version.uri,
      run: version.run_digest,
      previous: previous?.tag ?? null,
      ...(forced.length ? { forced: { reasons: forced } } : {}),
    },
  });
  const details = {
    ...(opts.logUrl ? { log_url: opts.logUrl } : {}),
    ...(environmentUrl ? { environment_url: environmentUrl } : {}),
  };
  // A deployment starts queued (the Deployer's contract); the rollout makes it in_progress.
  let deployment: Deployment;
  try {
    deployment = await deployer.setState(created.id, "in_progress", details);
    const steps: StepResult[] = [];
    let failure: string | undefined;
    for (const percent of env.canary ?? [100]) {
      const step = await rolloutStep(opts, env, version, percent);
      steps.push(step);
      if (!step.ok) {
        failure = describeFailure(step);
        break;
      }
    }
    if (failure === undefined) {
      await registry.assign(model, alias, version.version, `deployment ${created.id}`);
      deployment = await deployer.setState(created.id, "success", {
        ...details,
        description: `${version.tag} serves ${environment}`,
      });
      opts.log(`${version.tag} serves ${environment} (deployment ${created.id})`);
      return {
        ...base,
        outcome: "deployed",
        deployment,
        steps,
        ...(environmentUrl ? { environmentUrl } : {}),
      };
    }

    opts.log(`rollout of ${version.tag} to ${environment} failed: ${failure}`);
    const rollback: StepResult[] = [];
    if (previous) {
      opts.log(`rolling back ${environment} to ${previous.tag}`);
      rollback.push(await rolloutStep(opts, env, previous, 100));
    }
    const rolledBack = previous !== null && rollback.every((s) => s.ok);
    const what = !previous
      ? "no earlier version to roll back to"
      : rolledBack
        ? `rolled back to ${previous.tag}`
        : `rollback to ${previous.tag} failed too: ${describeFailure(rollback[0] as StepResult)}`;
    deployment = await deployer.setState(created.id, "failure", {
      ...details,
      description: clip(`${failure}; ${what}`),
    });
    return {
      ...base,
      outcome: rolledBack ? "rolled-back" : "failed",
      deployment,
      steps,
      rollback,
      failure: `${failure}; ${what}`,
    };
  } catch (err) {
    // Never leave a deployment in progress: it would block the environment until it goes stale.
    await deployer
      .setState(created.id, "error", { ...details, description: clip((err as Error).message) })
      .catch(() => undefined);
    throw err;
  }
}

/**
 * The number the run will get (or has): the card is written with the registration, before the
 * registry hands out the number; only a concurrent registration of another run can make it differ.
 */
export async function expectedVersion(registry: ModelRegistry, run: RunRecord): Promise<number> {
  const versions = await registry.versions(run.model);
  const digest = runDigest(run);
  return versions.find((v) => v.run_digest === digest)?.version ?? (versions.at(-1)?.version ?? 0) + 1;
}

/** An environment's alias in the registry: its name, lowercased, '.' as '-'. */
export function aliasOf(environment: string): string {
  const alias = environment.toLowerCase().replace(/\./g, "-");
  try {
    return assertAlias(alias);
  } catch {
    throw new UsageError(`environment ${JSON.stringify(environment)} cannot name a registry alias`, {
      hint: "Name environments with letters, digits, '_', '-' or '.', starting with a letter or digit",
    });
  }
}

async function rolloutStep(
  opts: DeployOptions,
  env: EnvironmentConfig,
  version: ModelVersion,
  percent: number,
): Promise<StepResult> {
  const deploy = opts.config.deploy as NonNullable<ModelConfig["deploy"]>;
  const modelPath = (await opts.registry.artifactsLocation(version.model, version.version)) ?? "";
  const step: StepResult = { version: version.version, traffic_percent: percent, apply: "", ok: false };
  const vars: Record<string, string> = {
    MODEL_NAME: version.model,
    MODEL_VERSION: String(version.version),
    MODEL_URI: version.uri,
    MODEL_PATH: modelPath,
    ENVIRONMENT: opts.environment,
    TRAFFIC_PERCENT: String(percent),
  };
  opts.log(`${version.tag} → ${opts.environment} at ${percent}%`);
  if (deploy.target === "kserve") {
    await mkdir(opts.workDir, { recursive: true });
    const manifest = join(
      opts.workDir,
      `${version.model}-${aliasOf(opts.environment)}-v${version.version}-${percent}.yaml`,
    );
    await writeFile(
      manifest,
      renderInferenceService({
        model: version.model,
        version: version.version,
        uri: version.uri,
        environment: opts.environment,
        storageUri: modelPath || version.uri,
        trafficPercent: percent,
        modelFormat: modelFormatOf(opts.run),
      }),
    );
    step.manifest = manifest;
    vars.KILN_MANIFEST = manifest;
  }
  if (deploy.command) {
    const result = await runProcess(
      { shell: deploy.command },
      {
        cwd: opts.cwd,
        env: { ...opts.env, ...vars },
        timeoutMs: opts.commandTimeoutMs,
        graceMs: opts.graceMs ?? 5000,
        onLine: (_stream, line) => opts.log(`  | ${line}`),
        onNote: (note) => opts.log(`  ${note.replace("the trainer", "the deploy command")}`),
      },
    );
    step.apply =
      result.outcome === "succeeded"
        ? "succeeded"
        : result.outcome === "timed-out"
          ? `timed out after ${formatMs(opts.commandTimeoutMs)}`
          : result.error
            ? `failed: ${result.error}`
            : `failed with ${result.exitCode === null ? result.signal : `exit ${result.exitCode}`}`;
    if (result.outcome !== "succeeded") return step;
  } else step.apply = "rendered";
  if (env.health) {
    step.health = await checkHealth(healthSpec(env.health), {
      clock: opts.clock,
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
      ...(opts.healthRetryDelayMs === undefined ? {} : { retryDelayMs: opts.healthRetryDelayMs }),
    });
    opts.log(
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

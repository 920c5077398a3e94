/**
 * The deploy, as the CLI and the action run it: verify the gate, register the version if new,
 * record a deployment (queued → in_progress → success | failure), roll out step by step (the
 * command or a KServe manifest, then the health check), and on failure redeploy the version the
 * environment served before. The environment's alias moves only when every step succeeded, so the
 * registry always says what serves where; deploying the version already live does nothing.
 *
 * The phases: verify (config, run and gate) → register → roll out (core/deploy/rollout.ts) → roll
 * back when a step failed. Options come in three parts: the request (what goes where), the ports
 * (what the deploy talks to) and the tuning (how long to wait).
 */
import type { ModelConfig } from "../config/schema.js";
import type { Profile } from "../data/profile-file.js";
import { UsageError } from "../errors.js";
import type { GateResult } from "../gate/gate-result.js";
import { type RunRecord, runDigest } from "../metrics/run-record.js";
import type { Clock, Deployer, Deployment, ModelRegistry, ModelVersion } from "../ports.js";
import type { Env } from "../process/runner.js";
import { renderModelCard } from "../registry/model-card.js";
import { assertAlias } from "../registry/tags.js";
import { closest } from "../text.js";
import type { Fetch, HealthResult } from "./health.js";
import { abandon, openDeployment, promote, rollBack, rollOut } from "./rollout.js";
import { verifyGate } from "./verify-gate.js";

/** What to deploy where. */
export interface DeployRequest {
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
  /** The run's per-example results, kept with the version (significance against it later). */
  examples?: string;
  repository?: string;
  /** Where the command runs, and its environment (core reads no process.env). */
  cwd: string;
  env: Env;
  /** Where KServe manifests are written. */
  workDir: string;
  logUrl?: string;
  /** Kept with the deployment besides model, version and run (e.g. the workflow run). */
  payload?: Record<string, unknown>;
}

/** What the deploy talks to. */
export interface DeployPorts {
  registry: ModelRegistry;
  deployer: Deployer;
  clock: Clock;
  /** For the health checks; default: the global fetch. */
  fetch?: Fetch;
  log: (line: string) => void;
}

/** How long to wait. */
export interface DeployTuning {
  /** Limit for each run of the deploy command. */
  commandTimeoutMs: number;
  /** Time between SIGTERM and SIGKILL for a deploy command past its limit (default 5s). */
  graceMs?: number;
  healthRetryDelayMs?: number;
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

export type DeployConfig = NonNullable<ModelConfig["deploy"]>;
export type EnvironmentConfig = DeployConfig["environments"][string];

/** What verify settled: the model's deploy section, the environment's entry and alias, and what --force overrode. */
export interface Target {
  deploy: DeployConfig;
  env: EnvironmentConfig;
  alias: string;
  forced: string[];
}

export async function deployModel(
  request: DeployRequest,
  ports: DeployPorts,
  tuning: DeployTuning,
): Promise<DeployResult> {
  const target = verify(request, ports.log);
  const { version, previous } = await register(request, ports, target);
  const base = { version, previous, forced: target.forced, steps: [], rollback: [] };
  if (previous?.version === version.version) {
    ports.log(`${version.tag} already serves ${request.environment}; nothing to do`);
    return { ...base, outcome: "unchanged", deployment: null };
  }

  const rollout = await openDeployment({ request, ports, tuning, target }, version, previous);
  try {
    const { steps, failure } = await rollOut(rollout, version);
    if (failure === undefined) return { ...base, ...(await promote(rollout, version, steps)) };
    return { ...base, ...(await rollBack(rollout, version, previous, steps, failure)) };
  } catch (err) {
    await abandon(rollout, err);
    throw err;
  }
}

/** The config can deploy this model to this environment, and the gate admits the run (or --force overrides it). */
function verify(request: DeployRequest, log: (line: string) => void): Target {
  const { model, environment, configFile } = request;
  const deploy = request.config.deploy;
  if (!deploy) {
    throw new UsageError(`${configFile} has no deploy section for ${model}`, {
      hint: "Add models.<name>.deploy with a command and environments (docs/actions/deploy.md)",
    });
  }
  const env = deploy.environments[environment];
  if (!env) {
    const known = Object.keys(deploy.environments);
    const near = closest(environment, known);
    throw new UsageError(
      `${configFile} declares no environment ${JSON.stringify(environment)} for ${model}`,
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
    throw new UsageError(`${configFile}: models.${model}.deploy.command is required for target command`, {
      hint: "Name the script that deploys MODEL_PATH, e.g. command: ./deploy.sh",
    });
  }
  const alias = aliasOf(environment);
  if (request.run.model !== model) {
    throw new UsageError(`the run is for model ${JSON.stringify(request.run.model)}, not ${model}`, {
      hint: "Deploy a model's own run: check --model and --run",
    });
  }
  const verdict = verifyGate(request.run, request.gate, {
    defaultBranch: request.defaultBranch,
    force: request.force,
  });
  const forced = verdict.forced ? verdict.problems : [];
  for (const p of forced) log(`forced: ${p}`);
  return { deploy, env, alias, forced };
}

/** Registers the run (a no-op for one already registered) and reads what the environment serves now. */
async function register(
  request: DeployRequest,
  { registry }: DeployPorts,
  target: Target,
): Promise<{ version: ModelVersion; previous: ModelVersion | null }> {
  const { run, gate } = request;
  const version = await registry.register(request.model, {
    run,
    ...(gate ? { gate } : {}),
    ...(request.profile ? { profile: request.profile } : {}),
    ...(request.artifactsDir ? { artifactsDir: request.artifactsDir } : {}),
    ...(request.examples === undefined ? {} : { examples: request.examples }),
    card: renderModelCard({
      run,
      version: await expectedVersion(registry, run),
      ...(gate ? { gate } : {}),
      config: request.config,
      ...(request.repository ? { repository: request.repository } : {}),
    }),
  });
  const previous = await registry.alias(request.model, target.alias);
  return { version, previous };
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

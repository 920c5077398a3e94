/**
 * Where a run happened, for run.json's `env` and `ci`: the runner, OS, Node, Python, digests of
 * the dependency lockfiles and the GPUs. Everything is read from the environment map the adapter
 * passes in (process.env in an action or the CLI), never from process.env here.
 */
import { readFile } from "node:fs/promises";
import { arch, hostname, release, type } from "node:os";
import { join } from "node:path";
import { sha256 } from "../digest.js";
import type { Env } from "../process/runner.js";
import type { Exec } from "./exec.js";
import type { GpuInfo } from "./gpu.js";

/** Dependency files whose digest pins what the trainer ran with (at the repository root). */
export const LOCKFILES = [
  "requirements.txt",
  "poetry.lock",
  "uv.lock",
  "Pipfile.lock",
  "environment.yml",
  "package-lock.json",
] as const;

export interface RunnerInfo {
  name?: string;
  labels?: string[];
}

export interface RunEnvironment {
  runner?: string;
  labels?: string[];
  os: string;
  node: string;
  python?: string;
  lockfiles?: Record<string, string>;
  gpus?: Array<Omit<GpuInfo, "index"> & { index?: number }>;
}

export interface CiInfo {
  provider: "github-actions";
  repository?: string;
  workflow?: string;
  job?: string;
  run_id?: string;
  run_attempt?: number;
  url?: string;
}

/**
 * The runner as Actions describes it. GitHub does not expose a job's runner labels, so the labels
 * are the default ones a self-hosted runner registers with (self-hosted, OS, architecture) plus
 * KILN_RUNNER_LABELS (comma-separated) for the custom ones, e.g. "gpu,a100". Outside Actions: the host.
 */
export function runnerFromEnv(env: Env): RunnerInfo {
  const labels = [
    env.RUNNER_ENVIRONMENT === "github-hosted"
      ? "github-hosted"
      : env.RUNNER_NAME
        ? "self-hosted"
        : undefined,
    env.RUNNER_OS,
    env.RUNNER_ARCH,
    ...(env.KILN_RUNNER_LABELS ?? "").split(","),
  ]
    .map((l) => l?.trim())
    .filter((l): l is string => !!l);
  return { name: env.RUNNER_NAME || hostname(), labels: [...new Set(labels)] };
}

export function ciFromEnv(env: Env): CiInfo | undefined {
  if (env.GITHUB_ACTIONS !== "true") return undefined;
  const attempt = Number(env.GITHUB_RUN_ATTEMPT);
  const ci: CiInfo = { provider: "github-actions" };
  if (env.GITHUB_REPOSITORY) ci.repository = env.GITHUB_REPOSITORY;
  if (env.GITHUB_WORKFLOW) ci.workflow = env.GITHUB_WORKFLOW;
  if (env.GITHUB_JOB) ci.job = env.GITHUB_JOB;
  if (env.GITHUB_RUN_ID) ci.run_id = env.GITHUB_RUN_ID;
  if (Number.isInteger(attempt) && attempt > 0) ci.run_attempt = attempt;
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    ci.url = `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}${ci.run_attempt ? `/attempts/${ci.run_attempt}` : ""}`;
  }
  return ci;
}

export async function collectEnvironment(opts: {
  cwd: string;
  env: Env;
  exec: Exec;
  runner?: RunnerInfo;
  gpus?: readonly GpuInfo[];
}): Promise<RunEnvironment> {
  const out: RunEnvironment = {
    ...(opts.runner?.name ? { runner: opts.runner.name } : {}),
    ...(opts.runner?.labels?.length ? { labels: opts.runner.labels } : {}),
    os: `${type()} ${release()} ${arch()}`,
    node: process.version.replace(/^v/, ""),
  };
  const python = await opts.exec("python3", ["--version"], {
    env: opts.env,
    cwd: opts.cwd,
    timeoutMs: 10_000,
  });
  // Python 2 printed its version on stderr; 3 prints it on stdout.
  const version = /Python\s+(\S+)/.exec(`${python.stdout}${python.stderr}`)?.[1];
  if (python.code === 0 && version) out.python = version;
  const lockfiles: Record<string, string> = {};
  for (const name of LOCKFILES) {
    try {
      lockfiles[name] = sha256(await readFile(join(opts.cwd, name)));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "EISDIR") throw err;
    }
  }
  if (Object.keys(lockfiles).length) out.lockfiles = lockfiles;
  // A MIG instance has no physical index (-1 internally): leave it out rather than record a fake one.
  if (opts.gpus?.length) out.gpus = opts.gpus.map(({ index, ...g }) => (index >= 0 ? { index, ...g } : g));
  return out;
}

/**
 * The deploy action: a thin adapter over core/deploy; see docs/actions/deploy.md. On GitHub it
 * registers in the repository's tags and releases and records GitHub Deployments; with the
 * `registry` input (or without a token and repository) it uses the local ports, as `kiln deploy`.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as core from "@actions/core";
import * as github from "@actions/github";
import * as z from "zod";
import { loadModelConfig } from "../../core/config/model-config.js";
import { parseDuration } from "../../core/config/units.js";
import { deployModel } from "../../core/deploy/deploy-model.js";
import { readDeployInputs } from "../../core/deploy/load.js";
import { CheckFailed } from "../../core/errors.js";
import { LocalRegistry, localPorts, systemClock } from "../../core/local/index.js";
import type { Deployer, ModelRegistry } from "../../core/ports.js";
import { GitHubDeployer } from "../../github/deployer.js";
import { GitHubRegistry } from "../../github/registry.js";
import { booleanInput, configInput, modelInput, readInputs, runAction, workspaceDir } from "../shared/run.js";

export async function run(): Promise<void> {
  await runAction(async () => {
    const inputs = readInputs({
      model: modelInput,
      config: configInput,
      run: z.string({ error: "is required" }).min(1),
      gate: z.string().optional(),
      environment: z.string({ error: "is required" }).min(1),
      force: booleanInput.default(false),
      timeout: z.string().default("30m"),
      registry: z.string().optional(),
      "github-token": z.string().optional(),
    });
    const { model: config } = await loadModelConfig({
      cwd: workspaceDir(),
      file: inputs.config,
      model: inputs.model,
      what: "config",
    });
    const deployInputs = await readDeployInputs({
      run: { path: resolve(inputs.run), shown: inputs.run },
      ...(inputs.gate ? { gate: { path: resolve(inputs.gate), shown: inputs.gate } } : {}),
      config,
      cwd: process.cwd(),
    });
    const env = process.env;
    const { context } = github;
    const slug = env.GITHUB_REPOSITORY ?? "";
    const [owner, repo] = slug.split("/");
    const sha = context.sha || deployInputs.run.code?.sha || "HEAD";
    let registry: ModelRegistry;
    let deployer: Deployer;
    let defaultBranch: string;
    if (!inputs.registry && inputs["github-token"] && owner && repo) {
      const octokit = github.getOctokit(inputs["github-token"]);
      registry = new GitHubRegistry({ owner, repo, octokit, clock: systemClock, sha });
      deployer = new GitHubDeployer({ owner, repo, octokit });
      defaultBranch = (context.payload.repository?.default_branch as string | undefined) ?? "main";
    } else {
      const ports = localPorts({ root: resolve(".kiln") });
      registry = inputs.registry
        ? new LocalRegistry({ root: resolve(inputs.registry), clock: systemClock })
        : ports.registry;
      deployer = ports.deployer;
      defaultBranch = await ports.repo.defaultBranch();
    }
    const timeoutMs = parseDuration(inputs.timeout, "input 'timeout'") * 1000;
    const result = await deployModel(
      {
        model: inputs.model,
        ...deployInputs,
        config,
        configFile: inputs.config,
        environment: inputs.environment,
        force: inputs.force,
        defaultBranch,
        ref: sha,
        ...(slug ? { repository: slug } : {}),
        cwd: process.cwd(),
        env,
        workDir: await mkdtemp(join(env.RUNNER_TEMP ?? tmpdir(), "kiln-deploy-")),
        ...(slug && env.GITHUB_RUN_ID
          ? {
              logUrl: `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${slug}/actions/runs/${env.GITHUB_RUN_ID}`,
            }
          : {}),
        ...(env.GITHUB_RUN_ID ? { payload: { run_id: env.GITHUB_RUN_ID } } : {}),
      },
      { registry, deployer, clock: systemClock, log: (line) => core.info(line) },
      { commandTimeoutMs: timeoutMs, graceMs: Math.min(10_000, timeoutMs) },
    );
    core.setOutput("version", result.version.tag);
    core.setOutput("environment-url", result.environmentUrl ?? "");
    core.setOutput("rolled-back", String(result.outcome === "rolled-back"));
    const summary = renderSummary(inputs.environment, result);
    if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary).write();
    if (result.outcome === "rolled-back" || result.outcome === "failed") {
      throw new CheckFailed(
        `deploying ${result.version.tag} to ${inputs.environment} failed: ${result.failure}`,
      );
    }
  });
}

function renderSummary(environment: string, r: Awaited<ReturnType<typeof deployModel>>): string {
  const head =
    r.outcome === "deployed"
      ? `✅ ${r.version.tag} serves ${environment}`
      : r.outcome === "unchanged"
        ? `✅ ${r.version.tag} already serves ${environment}; nothing to do`
        : `❌ ${r.version.tag} was not deployed to ${environment}: ${r.failure}`;
  const rows = [...r.steps, ...r.rollback].map(
    (s) =>
      `| v${s.version} | ${s.traffic_percent}% | ${s.apply} | ${s.health ? (s.health.ok ? "✅" : `❌ ${s.health.error}`) : "—"} |`,
  );
  const forced = r.forced.length ? `\n\n⚠️ forced past: ${r.forced.join("; ")}` : "";
  return `### 🔥 kiln deploy — ${r.version.model}\n\n${head}${forced}\n\n${rows.length ? `| version | traffic | deploy | health |\n|---|---|---|---|\n${rows.join("\n")}\n` : ""}`;
}

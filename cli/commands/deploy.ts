/**
 * `kiln deploy`: the deploy action's twin on the local ports — the local registry (`.kiln/registry`
 * or `--registry DIR`) and the deployment log under `.kiln/deployments`. Progress goes to stderr;
 * `--format json` prints the result on stdout. Exit 0 deployed (or already live), 1 the rollout
 * failed (and was rolled back when there was a version to go back to), 2 unusable input or a gate
 * that does not admit the run.
 */
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { parseDuration } from "../../core/config/units.js";
import { deployModel } from "../../core/deploy/deploy-model.js";
import { readDeployInputs } from "../../core/deploy/load.js";
import { CONFIG_PATH } from "../../core/names.js";
import { cliPorts, LOCAL_STATE_DIR, loadModel } from "../context.js";
import type { CliIo } from "../io.js";
import { REGISTRY_OPTION, registryOf } from "../registry-choice.js";
import { formatOf } from "./registry.js";

interface DeployFlags {
  model: string;
  run: string;
  gate?: string;
  environment: string;
  config: string;
  registry?: string;
  artifacts?: string;
  force?: boolean;
  timeout: string;
  format?: string;
}

export function registerDeploy(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command("deploy")
    .description("deploy a gated model version through an environment with health checks and rollback")
    .requiredOption("--model <name>", "model name from the config")
    .requiredOption("--run <run.json>", "the run to deploy")
    .option("--gate <gate.json>", "its passing gate, from the default branch's policy")
    .requiredOption("--environment <name>", "target environment from the config")
    .option("--config <file>", "kiln config", CONFIG_PATH)
    .option(...REGISTRY_OPTION)
    .option("--artifacts <dir>", "model files (default: the config's first artifacts folder, if present)")
    .option("--force", "deploy without a gate that admits the run (recorded in the deployment)")
    .option("--timeout <duration>", "limit for each run of the deploy command", "30m")
    .option("--format <format>", "text or json", "text")
    .addHelpText(
      "after",
      "\nExit codes: 0 deployed or already live · 1 the rollout failed (rolled back when possible) · 2 unusable input or a gate that does not admit the run.",
    )
    .action(async (opts: DeployFlags) => {
      const format = formatOf(opts.format);
      const timeoutMs = parseDuration(opts.timeout, "--timeout") * 1000;
      const config = await loadModel(io, opts.model, opts.config);
      const inputs = await readDeployInputs({
        run: { path: resolve(io.cwd, opts.run), shown: opts.run },
        ...(opts.gate ? { gate: { path: resolve(io.cwd, opts.gate), shown: opts.gate } } : {}),
        ...(opts.artifacts ? { artifactsDir: resolve(io.cwd, opts.artifacts) } : {}),
        config,
        cwd: io.cwd,
      });
      const ports = cliPorts(io);
      const registry = await registryOf(io, opts.registry);
      const result = await deployModel(
        {
          model: opts.model,
          ...inputs,
          config,
          configFile: opts.config,
          environment: opts.environment,
          force: opts.force === true,
          defaultBranch: await ports.repo.defaultBranch(),
          ref: inputs.run.code?.sha ?? "HEAD",
          cwd: io.cwd,
          env: io.env,
          workDir: join(io.cwd, LOCAL_STATE_DIR, "deploy"),
        },
        {
          registry,
          deployer: ports.deployer,
          clock: ports.clock,
          log: (line) => io.stderr(`kiln deploy: ${line}\n`),
        },
        { commandTimeoutMs: timeoutMs, graceMs: Math.min(5000, timeoutMs) },
      );
      if (format === "json") io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      if (result.outcome === "rolled-back" || result.outcome === "failed") {
        io.stderr(`kiln deploy: ${opts.model} to ${opts.environment} failed: ${result.failure}\n`);
        exit(1);
      }
    });
}

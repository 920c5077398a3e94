import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  formatOf
} from "./chunk-2RYLSJUO.js";
import {
  REGISTRY_OPTION,
  registryOf
} from "./chunk-WRNO5TTB.js";
import {
  LOCAL_STATE_DIR,
  cliPorts,
  loadModel
} from "./chunk-NZAG6UXI.js";
import "./chunk-ZT7VK6M5.js";
import "./chunk-O7IIMTF5.js";
import {
  readDeployInputs
} from "./chunk-3E7NGOT5.js";
import {
  deployModel
} from "./chunk-GD7DVHRV.js";
import "./chunk-KDP2FKC5.js";
import "./chunk-CLTHOWKV.js";
import "./chunk-43UFDDWR.js";
import "./chunk-XNJST4A5.js";
import "./chunk-QAMAGBBR.js";
import "./chunk-AMMCM42C.js";
import "./chunk-6CJMZFBY.js";
import "./chunk-3TKKAAS2.js";
import "./chunk-VSCAHCCS.js";
import "./chunk-TEGK7FMR.js";
import "./chunk-5BOIGAPZ.js";
import "./chunk-KP4FZ7NM.js";
import "./chunk-R7O7G7J3.js";
import "./chunk-PGCZXT7T.js";
import "./chunk-DWBXFSL2.js";
import {
  CONFIG_PATH,
  parseDuration
} from "./chunk-CG4E3PCN.js";
import "./chunk-EQVTLXOE.js";
import "./chunk-3EHQAXI5.js";
import "./chunk-GG6ZXDCZ.js";
import "./chunk-SG4ICILI.js";
import "./chunk-ZILLKLUF.js";
import "./chunk-UBBLWZDB.js";

// cli/commands/deploy.ts
import { join, resolve } from "node:path";
function registerDeploy(program, io, exit) {
  program.command("deploy").description("deploy a gated model version through an environment with health checks and rollback").requiredOption("--model <name>", "model name from the config").requiredOption("--run <run.json>", "the run to deploy").option("--gate <gate.json>", "its passing gate, from the default branch's policy").requiredOption("--environment <name>", "target environment from the config").option("--config <file>", "kiln config", CONFIG_PATH).option(...REGISTRY_OPTION).option("--artifacts <dir>", "model files (default: the config's first artifacts folder, if present)").option("--force", "deploy without a gate that admits the run (recorded in the deployment)").option("--timeout <duration>", "limit for each run of the deploy command", "30m").option("--format <format>", "text or json", "text").addHelpText(
    "after",
    "\nExit codes: 0 deployed or already live · 1 the rollout failed (rolled back when possible) · 2 unusable input or a gate that does not admit the run."
  ).action(async (opts) => {
    const format = formatOf(opts.format);
    const timeoutMs = parseDuration(opts.timeout, "--timeout") * 1e3;
    const config = await loadModel(io, opts.model, opts.config);
    const inputs = await readDeployInputs({
      run: { path: resolve(io.cwd, opts.run), shown: opts.run },
      ...opts.gate ? { gate: { path: resolve(io.cwd, opts.gate), shown: opts.gate } } : {},
      ...opts.artifacts ? { artifactsDir: resolve(io.cwd, opts.artifacts) } : {},
      config,
      cwd: io.cwd
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
        workDir: join(io.cwd, LOCAL_STATE_DIR, "deploy")
      },
      {
        registry,
        deployer: ports.deployer,
        clock: ports.clock,
        log: (line) => io.stderr(`kiln deploy: ${line}
`)
      },
      { commandTimeoutMs: timeoutMs, graceMs: Math.min(5e3, timeoutMs) }
    );
    if (format === "json") io.stdout(`${JSON.stringify(result, null, 2)}
`);
    if (result.outcome === "rolled-back" || result.outcome === "failed") {
      io.stderr(`kiln deploy: ${opts.model} to ${opts.environment} failed: ${result.failure}
`);
      exit(1);
    }
  });
}
export {
  registerDeploy
};

/**
 * `kiln gate`: the gate action's twin. Writes DIR/gate.json; stdout is gate.json itself with
 * `--format json`, else the markdown table; everything else goes to stderr. Exit 0 pass, 1 fail,
 * 2 unusable input. Without --baseline the baseline is resolved through the local ports.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { UsageError } from "../../core/errors.js";
import { formatKilnFile } from "../../core/files.js";
import { runGate, writeGateFile } from "../../core/gate/run-gate.js";
import { LocalWorkflowRuns } from "../../core/local/workflow-runs.js";
import { CONFIG_PATH } from "../../core/names.js";
import { policyOrigin } from "../../runtime/git.js";
import { cliPorts, LOCAL_STATE_DIR, loadConfig } from "../context.js";
import type { CliIo } from "../io.js";

interface GateOptions {
  candidate: string;
  baseline?: string;
  config: string;
  model: string;
  format: string;
  out: string;
}

export function registerGate(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command("gate")
    .description("decide whether a candidate run may replace the baseline → gate.json")
    .requiredOption("--candidate <run.json>", "the candidate's run.json")
    .option("--baseline <run.json>", "the baseline's run.json (default: the registry's production version)")
    .option("--config <file>", "kiln config", CONFIG_PATH)
    .requiredOption("--model <name>", "model name from the config")
    .option("--format <format>", "json or markdown", "markdown")
    .option("--out <dir>", "folder for gate.json", ".kiln/gate")
    .addHelpText(
      "after",
      "\nExit codes: 0 the gate passed · 1 it failed · 2 unusable input (a file, the policy, a flag).",
    )
    .action(async (opts: GateOptions) => {
      if (opts.format !== "json" && opts.format !== "markdown") {
        throw new UsageError(`--format ${JSON.stringify(opts.format)} is not supported`, {
          hint: "Use json or markdown",
        });
      }
      const config = await loadConfig(io, opts.config);
      const configPath = resolve(io.cwd, opts.config);
      const origin = await policyOrigin(configPath, io.env);
      const ports = cliPorts(io);
      const workDir = await mkdtemp(join(tmpdir(), "kiln-gate-"));
      try {
        const { result, markdown } = await runGate({
          model: opts.model,
          config,
          configFile: opts.config,
          candidate: { path: resolve(io.cwd, opts.candidate), shown: opts.candidate },
          ...(opts.baseline === undefined
            ? {
                sources: {
                  registry: ports.registry,
                  runs: new LocalWorkflowRuns({ root: join(io.cwd, LOCAL_STATE_DIR, "workflow-runs") }),
                  artifacts: ports.artifacts,
                  branch: await ports.repo.defaultBranch(),
                  workDir,
                },
              }
            : { baseline: { path: resolve(io.cwd, opts.baseline), shown: opts.baseline } }),
          policySource: origin.source,
          advisory: !origin.committed,
          // With evaluate: both models are scored here; their files go beside gate.json.
          evaluation: {
            cwd: io.cwd,
            workspace: io.cwd,
            env: io.env,
            outDir: join(resolve(io.cwd, opts.out), "evaluation"),
            onLine: (_stream, line) => io.stderr(`[evaluate] ${line}\n`),
          },
        });
        const file = await writeGateFile(resolve(io.cwd, opts.out), result);
        io.stdout(opts.format === "json" ? formatKilnFile(result) : markdown);
        if (!origin.committed) {
          io.stderr(
            `kiln gate: advisory — ${opts.config} ${origin.reason ?? "is not committed"}, so the policy does not count; commit it for a verdict that admits a deploy\n`,
          );
        }
        const failed = result.checks.filter((c) => !c.passed).length;
        io.stderr(
          `kiln gate: ${result.model} ${result.passed ? "passed" : `failed (${failed} of ${result.checks.length} checks)`} against baseline ${result.baseline.source === "none" ? "none" : describe(result.baseline)}; wrote ${relative(io.cwd, file) || file}\n`,
        );
        exit(result.passed ? 0 : 1);
      } finally {
        await rm(workDir, { recursive: true, force: true });
      }
    });
}

function describe(b: {
  source: string;
  model_version?: string;
  path?: string;
  branch?: string;
  run_id?: unknown;
}) {
  if (b.source === "registry") return b.model_version ?? "registry";
  if (b.source === "file") return b.path ?? "file";
  return `${b.branch ?? "branch"} run ${String(b.run_id ?? "?")}`;
}

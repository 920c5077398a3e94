/** The gate action: a thin adapter over core/gate; see docs/actions/gate.md. */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as core from "@actions/core";
import * as github from "@actions/github";
import * as z from "zod";
import { readConfigFile } from "../../core/config/model-config.js";
import { CheckFailed } from "../../core/errors.js";
import type { BaselineSources } from "../../core/gate/baseline.js";
import { runGate, writeGateFile } from "../../core/gate/run-gate.js";
import { systemClock } from "../../core/local/clock.js";
import { GitHubRunArtifacts, GitHubWorkflowRuns, workflowFileOf } from "../../github/baseline-runs.js";
import { GitHubRegistry } from "../../github/registry.js";
import { policyOrigin } from "../../runtime/git.js";
import { configInput, modelInput, readInputs, runAction, workspaceDir } from "../shared/run.js";

export async function run(): Promise<void> {
  await runAction(async () => {
    const inputs = readInputs({
      model: modelInput,
      config: configInput,
      candidate: z.string({ error: "is required" }).min(1),
      baseline: z.string().optional(),
      out: z.string().default(".kiln/gate"),
      "github-token": z.string().optional(),
      yardstick: z.string().optional(),
    });
    const workspace = workspaceDir();
    // The default branch's checkout; without a config there (the pull request adding kiln), none.
    const yardstick =
      inputs.yardstick && existsSync(resolve(workspace, inputs.yardstick, inputs.config))
        ? resolve(workspace, inputs.yardstick)
        : undefined;
    const config = await readConfigFile({ cwd: workspace, file: inputs.config, what: "config" });
    const { context } = github;
    // The policy counts only as the default branch's committed file; anything else is advisory.
    const origin = await policyOrigin(resolve(workspace, inputs.config), process.env);
    const defaultBranch = context.payload.repository?.default_branch as string | undefined;
    const refName = (context.ref ?? "").replace(/^refs\/(heads\/)?/, "") || "HEAD";
    const onDefault = defaultBranch !== undefined && context.ref === `refs/heads/${defaultBranch}`;
    const baseBranch = (context.payload.pull_request?.base?.ref as string | undefined) ?? defaultBranch;

    const workDir = await mkdtemp(join(process.env.RUNNER_TEMP ?? tmpdir(), "kiln-gate-"));
    try {
      const { result, markdown } = await runGate({
        model: inputs.model,
        config,
        configFile: inputs.config,
        candidate: { path: resolve(inputs.candidate), shown: inputs.candidate },
        ...(inputs.baseline
          ? { baseline: { path: resolve(inputs.baseline), shown: inputs.baseline } }
          : { sources: baselineSources(inputs["github-token"], baseBranch, workDir) }),
        policySource: !origin.committed
          ? "working-tree"
          : context.sha
            ? `${refName}@${context.sha}`
            : origin.source,
        advisory: !origin.committed || !onDefault,
        evaluation: {
          // The evaluate command and data of the yardstick (the default branch), not of the change.
          cwd: yardstick ?? workspace,
          ...(yardstick
            ? { config: await readConfigFile({ cwd: yardstick, file: inputs.config, what: "config" }) }
            : {}),
          workspace,
          env: process.env,
          outDir: join(resolve(inputs.out), "evaluation"),
          onLine: (_stream, line) => core.info(line),
        },
      });
      const file = await writeGateFile(resolve(inputs.out), result);
      core.setOutput("passed", String(result.passed));
      core.setOutput("report", file);
      if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown).write();
      else core.info(markdown);
      if (!result.passed) {
        const failed = result.checks.filter((c) => !c.passed);
        throw new CheckFailed(
          `the gate failed for ${result.model}: ${failed.length} of ${result.checks.length} checks (${failed.map((c) => `${c.metric} ${c.rule}`).join(", ")})`,
          { hint: `See the job summary and ${inputs.out}/gate.json` },
        );
      }
      core.info(`kiln gate: ${result.model} passed; wrote ${file}`);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  });
}

/**
 * The resolver's sources on GitHub: the registry's production alias (git tags and releases), then
 * the base branch's latest successful run of this workflow.
 */
function baselineSources(
  token: string | undefined,
  branch: string | undefined,
  workDir: string,
): BaselineSources {
  // Off GitHub (e.g. under @github/local-action) there is no repository to ask.
  if (!token || !process.env.GITHUB_REPOSITORY) return { workDir };
  const repo = github.context.repo;
  const octokit = github.getOctokit(token);
  // The registry's production version first (tags and releases of this repository).
  const registry = new GitHubRegistry({
    ...repo,
    octokit,
    clock: systemClock,
    sha: github.context.sha || "HEAD",
  });
  const workflow = workflowFileOf(process.env.GITHUB_WORKFLOW_REF);
  if (!branch || !workflow) return { registry, workDir };
  return {
    registry,
    runs: new GitHubWorkflowRuns({ ...repo, octokit, workflow }),
    artifacts: new GitHubRunArtifacts({ ...repo, token }),
    branch,
    workDir,
  };
}

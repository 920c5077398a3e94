/**
 * The monitor action: a thin adapter over core/monitor; see docs/actions/monitor.md. The production
 * version comes from the repository's tags and releases (a token and GITHUB_REPOSITORY), or from a
 * local registry folder (the `registry` input). Degraded production fails the step, so a scheduled
 * workflow shows it; the `degraded` output and monitor.json carry the evidence either way.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import * as core from "@actions/core";
import * as github from "@actions/github";
import * as z from "zod";
import { loadModelConfig } from "../../core/config/model-config.js";
import { CheckFailed } from "../../core/errors.js";
import { formatKilnFile } from "../../core/files.js";
import { LocalRegistry, localPorts, systemClock } from "../../core/local/index.js";
import { monitor } from "../../core/monitor/monitor.js";
import { renderMonitorMarkdown, renderMonitorText } from "../../core/monitor/render.js";
import { artifactName } from "../../core/names.js";
import type { ModelRegistry } from "../../core/ports.js";
import { GitHubArtifactStore } from "../../github/artifact-store.js";
import { GitHubRegistry } from "../../github/registry.js";
import { configInput, modelInput, readInputs, runAction, workspaceDir } from "../shared/run.js";

export async function run(): Promise<void> {
  await runAction(async () => {
    const inputs = readInputs({
      model: modelInput,
      config: configInput,
      data: z.string().optional(),
      metrics: z.string().optional(),
      serving: z.string().optional(),
      registry: z.string().optional(),
      "github-token": z.string().optional(),
    });
    const workspace = workspaceDir();
    const { model: config } = await loadModelConfig({
      cwd: workspace,
      file: inputs.config,
      model: inputs.model,
      what: "config",
    });
    const { result } = await monitor({
      model: inputs.model,
      config,
      root: workspace,
      data: inputs.data,
      metrics: inputs.metrics,
      serving: inputs.serving,
      registry: registryOf(inputs, workspace),
      fetch: (url, init) => fetch(url, init),
    });

    const out = join(workspace, ".kiln", "monitor", inputs.model);
    await mkdir(out, { recursive: true });
    await writeFile(join(out, "monitor.json"), formatKilnFile(result));
    const markdown = renderMonitorMarkdown(result);
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown).write();
    core.info(renderMonitorText(result).trimEnd());
    if (process.env.ACTIONS_RUNTIME_TOKEN) {
      await GitHubArtifactStore.fromEnv(process.env).upload(
        artifactName("monitor", inputs.model),
        ["monitor.json"],
        out,
      );
    } else {
      core.info("no artifact service on this runner: monitor.json stays in .kiln/monitor/");
    }
    core.setOutput("degraded", String(result.degraded));
    core.setOutput("report", join(out, "monitor.json"));
    if (result.degraded) {
      throw new CheckFailed(
        `${inputs.model} ${result.version} is degraded in production: ${[...new Set(result.reasons.map((r) => r.kind))].join(", ")}`,
        { hint: "See the job summary and monitor.json" },
      );
    }
  });
}

function registryOf(
  inputs: { registry?: string | undefined; "github-token"?: string | undefined },
  workspace: string,
): ModelRegistry {
  if (inputs.registry)
    return new LocalRegistry({ root: resolve(workspace, inputs.registry), clock: systemClock });
  const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? "").split("/");
  if (inputs["github-token"] && owner && repo) {
    const octokit = github.getOctokit(inputs["github-token"]);
    return new GitHubRegistry({
      owner,
      repo,
      octokit,
      clock: systemClock,
      sha: github.context.sha || "HEAD",
    });
  }
  return localPorts({ root: join(workspace, ".kiln") }).registry;
}

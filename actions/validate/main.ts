/** The validate action: a thin adapter over core/data; see docs/actions/validate.md. */
import { mkdir, writeFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import * as core from "@actions/core";
import * as z from "zod";
import { loadModelConfig } from "../../core/config/model-config.js";
import { planValidation } from "../../core/data/plan.js";
import { profileToJSON } from "../../core/data/profile-data.js";
import { progressLines } from "../../core/data/progress.js";
import { formatOf } from "../../core/data/readers/index.js";
import { annotations, renderValidationMarkdown } from "../../core/data/render.js";
import { CheckFailed, UsageError } from "../../core/errors.js";
import { formatKilnFile } from "../../core/files.js";
import { artifactName } from "../../core/names.js";
import { GitHubArtifactStore } from "../../github/artifact-store.js";
import { runValidation } from "../../runtime/validation-run.js";
import { configInput, modelInput, readInputs, runAction, workspaceDir } from "../shared/run.js";

export async function run(): Promise<void> {
  await runAction(async () => {
    const inputs = readInputs({
      model: modelInput,
      config: configInput,
      current: z.string().optional(),
      reference: z.string().optional(),
      schema: z.string().optional(),
    });
    const workspace = workspaceDir();
    const { model } = await loadModelConfig({
      cwd: workspace,
      file: inputs.config,
      model: inputs.model,
      unreadable: (file) =>
        new UsageError(`${file} does not exist`, { hint: "Set the `config` input, or add .github/kiln.yml" }),
      modelInput: null,
      suggest: false,
    });
    // The reference is the configured one; unlike `kiln validate`, the action reads no registry profile.
    const plan = await planValidation(inputs, { name: inputs.model, config: model }, null);
    const { report, current, seconds } = await runValidation(plan, {
      root: workspace,
      onProgress: progressLines((line) => core.info(line), 5000),
    });

    const out = join(workspace, ".kiln", "validate", inputs.model);
    await mkdir(out, { recursive: true });
    await writeFile(join(out, "report.json"), formatKilnFile(report));
    await writeFile(join(out, "profile.json"), formatKilnFile(profileToJSON(current)));

    const markdown = renderValidationMarkdown(report, {
      lineLink: lineLink(workspace),
      timing: { seconds, rows: report.rows.current },
    });
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown).write();
    else core.info(markdown);
    const csv = formatOf(plan.current).format !== "parquet" && formatOf(plan.current).format !== "jsonl";
    // Annotations attach to repository-relative paths.
    for (const a of annotations(report, csv)) {
      const file = relative(workspace, resolve(workspace, a.file));
      core.error(a.message, {
        title: a.title,
        file: file.startsWith("..") ? a.file : file,
        startLine: a.line,
      });
    }

    if (process.env.ACTIONS_RUNTIME_TOKEN) {
      await GitHubArtifactStore.fromEnv(process.env).upload(
        artifactName("validate", inputs.model),
        ["report.json", "profile.json"],
        out,
      );
    } else {
      core.info("no artifact service on this runner: report.json and profile.json stay in .kiln/validate/");
    }

    const drifted = report.columns.filter((c) => c.drift?.drifted).map((c) => c.name);
    core.setOutput("passed", String(report.passed));
    core.setOutput("report", join(out, "report.json"));
    core.setOutput("drifted-columns", JSON.stringify(drifted));
    if (!report.passed) {
      const n = report.anomalies.length;
      throw new CheckFailed(
        `data validation failed for ${inputs.model}: ${n} anomal${n === 1 ? "y" : "ies"}, ${drifted.length} drifted column${drifted.length === 1 ? "" : "s"}`,
        {
          hint: "See the job summary",
        },
      );
    }
  });
}

/** Links anomalies to the data file's lines in the repository at this commit (repository files only). */
function lineLink(workspace: string) {
  const server = process.env.GITHUB_SERVER_URL ?? "https://github.com";
  const repo = process.env.GITHUB_REPOSITORY;
  const sha = process.env.GITHUB_SHA;
  return (file: string, line: number): string | undefined => {
    if (!repo || !sha) return undefined;
    const path = isAbsolute(file) ? relative(workspace, file) : file;
    if (path.startsWith("..")) return undefined;
    return `${server}/${repo}/blob/${sha}/${path.split("/").map(encodeURIComponent).join("/")}#L${line}`;
  };
}

import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  planValidation,
  progressLines,
  runValidation
} from "../chunks/chunk-R7QY2IDO.js";
import {
  annotations,
  renderValidationMarkdown
} from "../chunks/chunk-D6VWZT3W.js";
import "../chunks/chunk-OY4M743H.js";
import "../chunks/chunk-WMRDRPNW.js";
import "../chunks/chunk-JBD6N6XJ.js";
import {
  GitHubArtifactStore
} from "../chunks/chunk-WTAJBA3J.js";
import {
  formatOf,
  profileToJSON
} from "../chunks/chunk-B3ONUL3O.js";
import "../chunks/chunk-XNPVYGHD.js";
import "../chunks/chunk-IB4XY3DN.js";
import "../chunks/chunk-KR6QXSIO.js";
import "../chunks/chunk-WY7HVP6Q.js";
import {
  loadModelConfig
} from "../chunks/chunk-VSCAHCCS.js";
import "../chunks/chunk-TEGK7FMR.js";
import "../chunks/chunk-5BOIGAPZ.js";
import "../chunks/chunk-KP4FZ7NM.js";
import "../chunks/chunk-R7O7G7J3.js";
import "../chunks/chunk-PGCZXT7T.js";
import "../chunks/chunk-DWBXFSL2.js";
import {
  artifactName
} from "../chunks/chunk-CG4E3PCN.js";
import {
  formatKilnFile
} from "../chunks/chunk-EQVTLXOE.js";
import "../chunks/chunk-3EHQAXI5.js";
import "../chunks/chunk-GG6ZXDCZ.js";
import {
  configInput,
  error,
  info,
  modelInput,
  readInputs,
  runAction,
  setOutput,
  summary,
  workspaceDir
} from "../chunks/chunk-LNLCKQUE.js";
import "../chunks/chunk-OF2ZJRBD.js";
import "../chunks/chunk-GZVZSOMD.js";
import {
  string
} from "../chunks/chunk-SG4ICILI.js";
import {
  CheckFailed,
  UsageError
} from "../chunks/chunk-ZILLKLUF.js";
import "../chunks/chunk-UBBLWZDB.js";

// actions/validate/main.ts
import { mkdir, writeFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
async function run() {
  await runAction(async () => {
    const inputs = readInputs({
      model: modelInput,
      config: configInput,
      current: string().optional(),
      reference: string().optional(),
      schema: string().optional()
    });
    const workspace = workspaceDir();
    const { model } = await loadModelConfig({
      cwd: workspace,
      file: inputs.config,
      model: inputs.model,
      unreadable: (file) => new UsageError(`${file} does not exist`, { hint: "Set the `config` input, or add .github/kiln.yml" }),
      modelInput: null,
      suggest: false
    });
    const plan = await planValidation(inputs, { name: inputs.model, config: model }, null);
    const { report, current, seconds } = await runValidation(plan, {
      root: workspace,
      onProgress: progressLines((line) => info(line), 5e3)
    });
    const out = join(workspace, ".kiln", "validate", inputs.model);
    await mkdir(out, { recursive: true });
    await writeFile(join(out, "report.json"), formatKilnFile(report));
    await writeFile(join(out, "profile.json"), formatKilnFile(profileToJSON(current)));
    const markdown = renderValidationMarkdown(report, {
      lineLink: lineLink(workspace),
      timing: { seconds, rows: report.rows.current }
    });
    if (process.env.GITHUB_STEP_SUMMARY) await summary.addRaw(markdown).write();
    else info(markdown);
    const csv = formatOf(plan.current).format !== "parquet" && formatOf(plan.current).format !== "jsonl";
    for (const a of annotations(report, csv)) {
      const file = relative(workspace, resolve(workspace, a.file));
      error(a.message, {
        title: a.title,
        file: file.startsWith("..") ? a.file : file,
        startLine: a.line
      });
    }
    if (process.env.ACTIONS_RUNTIME_TOKEN) {
      await GitHubArtifactStore.fromEnv(process.env).upload(
        artifactName("validate", inputs.model),
        ["report.json", "profile.json"],
        out
      );
    } else {
      info("no artifact service on this runner: report.json and profile.json stay in .kiln/validate/");
    }
    const drifted = report.columns.filter((c) => c.drift?.drifted).map((c) => c.name);
    setOutput("passed", String(report.passed));
    setOutput("report", join(out, "report.json"));
    setOutput("drifted-columns", JSON.stringify(drifted));
    if (!report.passed) {
      const n = report.anomalies.length;
      throw new CheckFailed(
        `data validation failed for ${inputs.model}: ${n} anomal${n === 1 ? "y" : "ies"}, ${drifted.length} drifted column${drifted.length === 1 ? "" : "s"}`,
        {
          hint: "See the job summary"
        }
      );
    }
  });
}
function lineLink(workspace) {
  const server = process.env.GITHUB_SERVER_URL ?? "https://github.com";
  const repo = process.env.GITHUB_REPOSITORY;
  const sha = process.env.GITHUB_SHA;
  return (file, line) => {
    if (!repo || !sha) return void 0;
    const path = isAbsolute(file) ? relative(workspace, file) : file;
    if (path.startsWith("..")) return void 0;
    return `${server}/${repo}/blob/${sha}/${path.split("/").map(encodeURIComponent).join("/")}#L${line}`;
  };
}

// actions/validate/index.ts
await run();

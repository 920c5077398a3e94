import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  planValidation,
  progressLines,
  runValidation
} from "../chunks/chunk-EJ5Q7C2Z.js";
import {
  annotations,
  renderValidationMarkdown
} from "../chunks/chunk-D6VWZT3W.js";
import "../chunks/chunk-Z2E2JQBT.js";
import "../chunks/chunk-LFKZPMN7.js";
import "../chunks/chunk-OGD52LZZ.js";
import {
  GitHubArtifactStore
} from "../chunks/chunk-MWDNSYLZ.js";
import {
  formatOf,
  profileToJSON
} from "../chunks/chunk-E2GF2QD5.js";
import "../chunks/chunk-NOM26DDT.js";
import "../chunks/chunk-RSQQNBRF.js";
import "../chunks/chunk-IB4XY3DN.js";
import "../chunks/chunk-WY7HVP6Q.js";
import "../chunks/chunk-YL2NVZX5.js";
import "../chunks/chunk-B4HGDC6Z.js";
import "../chunks/chunk-GZNMPYED.js";
import {
  parseConfig
} from "../chunks/chunk-7EZWGXCG.js";
import "../chunks/chunk-PGCZXT7T.js";
import "../chunks/chunk-DWBXFSL2.js";
import {
  artifactName
} from "../chunks/chunk-G7BTACU2.js";
import {
  formatKilnFile
} from "../chunks/chunk-EQVTLXOE.js";
import "../chunks/chunk-PDXLEUAN.js";
import {
  configInput,
  error,
  info,
  modelInput,
  readInputs,
  runAction,
  setOutput,
  summary
} from "../chunks/chunk-BK3THN5X.js";
import "../chunks/chunk-DWNYSQJ2.js";
import "../chunks/chunk-GZVZSOMD.js";
import {
  string
} from "../chunks/chunk-SG4ICILI.js";
import {
  CheckFailed,
  UsageError
} from "../chunks/chunk-MYTDQ55T.js";
import "../chunks/chunk-UBBLWZDB.js";

// actions/validate/main.ts
import { mkdir, readFile, writeFile } from "node:fs/promises";
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
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const configText = await readFile(resolve(workspace, inputs.config), "utf8").catch(() => {
      throw new UsageError(`${inputs.config} does not exist`, {
        hint: "Set the `config` input, or add .github/kiln.yml"
      });
    });
    const config = parseConfig(configText, inputs.config);
    const model = config.models[inputs.model];
    if (!model) {
      throw new UsageError(`${inputs.config} declares no model ${JSON.stringify(inputs.model)}`, {
        hint: `Declared: ${Object.keys(config.models).join(", ")}`
      });
    }
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

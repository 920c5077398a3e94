import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  monitor,
  renderMonitorMarkdown,
  renderMonitorText
} from "../chunks/chunk-B5O722Y5.js";
import "../chunks/chunk-UAWGBGUE.js";
import "../chunks/chunk-OGD52LZZ.js";
import "../chunks/chunk-KEAAHPA3.js";
import {
  GitHubArtifactStore
} from "../chunks/chunk-JBRY54L3.js";
import "../chunks/chunk-FMJYMEMH.js";
import "../chunks/chunk-EWTZGM4W.js";
import "../chunks/chunk-VFVABAFO.js";
import {
  LocalRegistry,
  localPorts
} from "../chunks/chunk-AURY5YWK.js";
import {
  GitHubRegistry
} from "../chunks/chunk-RIQCLE6J.js";
import {
  modelConfig,
  systemClock
} from "../chunks/chunk-4VMW6VF5.js";
import "../chunks/chunk-IB4XY3DN.js";
import "../chunks/chunk-MUEIDXEF.js";
import {
  context,
  getOctokit
} from "../chunks/chunk-UPXQD2EM.js";
import {
  artifactName,
  formatKilnFile,
  parseConfig,
  readTextFile
} from "../chunks/chunk-LGDHKSEV.js";
import {
  configInput,
  info,
  modelInput,
  readInputs,
  runAction,
  setOutput,
  summary
} from "../chunks/chunk-45LKKMW3.js";
import {
  external_exports
} from "../chunks/chunk-SHX5IHM6.js";
import {
  CheckFailed
} from "../chunks/chunk-MYTDQ55T.js";
import "../chunks/chunk-UBBLWZDB.js";

// actions/monitor/main.ts
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
async function run() {
  await runAction(async () => {
    const inputs = readInputs({
      model: modelInput,
      config: configInput,
      data: external_exports.string().optional(),
      metrics: external_exports.string().optional(),
      serving: external_exports.string().optional(),
      registry: external_exports.string().optional(),
      "github-token": external_exports.string().optional()
    });
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const config = modelConfig(
      parseConfig(
        await readTextFile(resolve(workspace, inputs.config), inputs.config, { what: "config" }),
        inputs.config
      ),
      inputs.model,
      inputs.config
    );
    const { result } = await monitor({
      model: inputs.model,
      config,
      root: workspace,
      data: inputs.data,
      metrics: inputs.metrics,
      serving: inputs.serving,
      registry: registryOf(inputs, workspace),
      fetch: (url, init) => fetch(url, init)
    });
    const out = join(workspace, ".kiln", "monitor", inputs.model);
    await mkdir(out, { recursive: true });
    await writeFile(join(out, "monitor.json"), formatKilnFile(result));
    const markdown = renderMonitorMarkdown(result);
    if (process.env.GITHUB_STEP_SUMMARY) await summary.addRaw(markdown).write();
    info(renderMonitorText(result).trimEnd());
    if (process.env.ACTIONS_RUNTIME_TOKEN) {
      await GitHubArtifactStore.fromEnv(process.env).upload(
        artifactName("monitor", inputs.model),
        ["monitor.json"],
        out
      );
    } else {
      info("no artifact service on this runner: monitor.json stays in .kiln/monitor/");
    }
    setOutput("degraded", String(result.degraded));
    setOutput("report", join(out, "monitor.json"));
    if (result.degraded) {
      throw new CheckFailed(
        `${inputs.model} ${result.version} is degraded in production: ${[...new Set(result.reasons.map((r) => r.kind))].join(", ")}`,
        { hint: "See the job summary and monitor.json" }
      );
    }
  });
}
function registryOf(inputs, workspace) {
  if (inputs.registry)
    return new LocalRegistry({ root: resolve(workspace, inputs.registry), clock: systemClock });
  const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? "").split("/");
  if (inputs["github-token"] && owner && repo) {
    const octokit = getOctokit(inputs["github-token"]);
    return new GitHubRegistry({
      owner,
      repo,
      octokit,
      clock: systemClock,
      sha: context.sha || "HEAD"
    });
  }
  return localPorts({ root: join(workspace, ".kiln") }).registry;
}

// actions/monitor/index.ts
await run();

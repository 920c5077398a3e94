import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  monitor,
  renderMonitorMarkdown,
  renderMonitorText
} from "../chunks/chunk-53XFGHMB.js";
import "../chunks/chunk-SRSZFABI.js";
import "../chunks/chunk-I2MXMTSH.js";
import "../chunks/chunk-Z2E2JQBT.js";
import "../chunks/chunk-LFKZPMN7.js";
import "../chunks/chunk-OGD52LZZ.js";
import "../chunks/chunk-VWCRNAYZ.js";
import {
  GitHubArtifactStore
} from "../chunks/chunk-MWDNSYLZ.js";
import "../chunks/chunk-E2GF2QD5.js";
import "../chunks/chunk-NOM26DDT.js";
import "../chunks/chunk-RSQQNBRF.js";
import {
  LocalRegistry,
  localPorts
} from "../chunks/chunk-EP7PE7YM.js";
import {
  modelConfig
} from "../chunks/chunk-BVU6DHJZ.js";
import "../chunks/chunk-USTYWCHT.js";
import {
  GitHubRegistry
} from "../chunks/chunk-4IE4NXPE.js";
import "../chunks/chunk-JKXNR2L3.js";
import "../chunks/chunk-CR3URRRQ.js";
import "../chunks/chunk-L3JG2L2V.js";
import "../chunks/chunk-ARQC7367.js";
import {
  systemClock
} from "../chunks/chunk-AMMCM42C.js";
import "../chunks/chunk-JNPW6ZGK.js";
import "../chunks/chunk-IB4XY3DN.js";
import "../chunks/chunk-MUEIDXEF.js";
import {
  context,
  getOctokit
} from "../chunks/chunk-WY7HVP6Q.js";
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
import {
  readTextFile
} from "../chunks/chunk-PDXLEUAN.js";
import {
  configInput,
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
      data: string().optional(),
      metrics: string().optional(),
      serving: string().optional(),
      registry: string().optional(),
      "github-token": string().optional()
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

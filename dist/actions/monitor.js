import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  monitor,
  renderMonitorMarkdown,
  renderMonitorText
} from "../chunks/chunk-PLWEC4KA.js";
import "../chunks/chunk-XRVATGBW.js";
import "../chunks/chunk-BYJBWZJM.js";
import "../chunks/chunk-2KA7ZQ3F.js";
import "../chunks/chunk-NCZD4W2P.js";
import "../chunks/chunk-OGD52LZZ.js";
import "../chunks/chunk-VWCRNAYZ.js";
import {
  GitHubArtifactStore
} from "../chunks/chunk-RQXWPXSQ.js";
import "../chunks/chunk-NSMML4AR.js";
import "../chunks/chunk-TOMV33NG.js";
import "../chunks/chunk-BY6W7FEO.js";
import {
  LocalRegistry,
  localPorts
} from "../chunks/chunk-MEW53XRG.js";
import {
  GitHubRegistry
} from "../chunks/chunk-436VCQGK.js";
import {
  modelConfig
} from "../chunks/chunk-XR3SDMWR.js";
import "../chunks/chunk-USTYWCHT.js";
import "../chunks/chunk-OFMU3WFN.js";
import "../chunks/chunk-JJV4ID57.js";
import "../chunks/chunk-L3JG2L2V.js";
import "../chunks/chunk-HM7BAJ6J.js";
import {
  systemClock
} from "../chunks/chunk-AMMCM42C.js";
import "../chunks/chunk-V22KD7DU.js";
import "../chunks/chunk-IB4XY3DN.js";
import "../chunks/chunk-MUEIDXEF.js";
import {
  context,
  getOctokit
} from "../chunks/chunk-WY7HVP6Q.js";
import "../chunks/chunk-2HWJY6OA.js";
import {
  parseConfig
} from "../chunks/chunk-KPESWHBM.js";
import "../chunks/chunk-PGCZXT7T.js";
import {
  formatKilnFile
} from "../chunks/chunk-FJYPH2ZX.js";
import "../chunks/chunk-GQAPX3NK.js";
import {
  readTextFile
} from "../chunks/chunk-PDXLEUAN.js";
import "../chunks/chunk-7H2JNFCY.js";
import {
  artifactName
} from "../chunks/chunk-Y6U7BRVI.js";
import {
  configInput,
  info,
  modelInput,
  readInputs,
  runAction,
  setOutput,
  summary
} from "../chunks/chunk-LCODKJIU.js";
import "../chunks/chunk-DWNYSQJ2.js";
import "../chunks/chunk-GZVZSOMD.js";
import {
  string
} from "../chunks/chunk-ZODBETJN.js";
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

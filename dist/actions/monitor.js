import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  monitor,
  renderMonitorMarkdown,
  renderMonitorText
} from "../chunks/chunk-HEP3A5XC.js";
import "../chunks/chunk-NJZE64RW.js";
import "../chunks/chunk-BKIWHAR6.js";
import "../chunks/chunk-VEBPERJ7.js";
import "../chunks/chunk-NCZD4W2P.js";
import "../chunks/chunk-OGD52LZZ.js";
import "../chunks/chunk-BACGIUET.js";
import {
  GitHubArtifactStore
} from "../chunks/chunk-DPQLDT55.js";
import "../chunks/chunk-S5YWROXR.js";
import "../chunks/chunk-RDBJRDPP.js";
import "../chunks/chunk-WFNR2UHI.js";
import {
  LocalRegistry,
  localPorts
} from "../chunks/chunk-V5KIZBP6.js";
import {
  GitHubRegistry
} from "../chunks/chunk-UXV2IIVY.js";
import {
  modelConfig
} from "../chunks/chunk-5565I7FH.js";
import "../chunks/chunk-USTYWCHT.js";
import "../chunks/chunk-K4VNQHOX.js";
import "../chunks/chunk-U4HB43T7.js";
import "../chunks/chunk-L3JG2L2V.js";
import "../chunks/chunk-O3Z5M35V.js";
import {
  systemClock
} from "../chunks/chunk-AMMCM42C.js";
import "../chunks/chunk-KMZ53XZQ.js";
import "../chunks/chunk-IB4XY3DN.js";
import "../chunks/chunk-MUEIDXEF.js";
import {
  context,
  getOctokit
} from "../chunks/chunk-P3QK5LDH.js";
import {
  parseConfig
} from "../chunks/chunk-WICR2OBL.js";
import "../chunks/chunk-46AJR4GE.js";
import {
  formatKilnFile
} from "../chunks/chunk-64T2DFE2.js";
import "../chunks/chunk-4AQFQO2E.js";
import {
  readTextFile
} from "../chunks/chunk-F75MKDK6.js";
import "../chunks/chunk-KYS2IVY2.js";
import {
  artifactName
} from "../chunks/chunk-Y2ESGF5V.js";
import {
  configInput,
  info,
  modelInput,
  readInputs,
  runAction,
  setOutput,
  summary
} from "../chunks/chunk-7JSXLF3M.js";
import "../chunks/chunk-DWNYSQJ2.js";
import "../chunks/chunk-6KJQQKP5.js";
import {
  string
} from "../chunks/chunk-SDI6CA5V.js";
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

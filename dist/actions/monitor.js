import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  monitor,
  renderMonitorMarkdown,
  renderMonitorText
} from "../chunks/chunk-WLECUBOJ.js";
import "../chunks/chunk-OCB3IWTW.js";
import "../chunks/chunk-KQINWCDG.js";
import "../chunks/chunk-JBD6N6XJ.js";
import {
  GitHubArtifactStore
} from "../chunks/chunk-WTAJBA3J.js";
import "../chunks/chunk-B3ONUL3O.js";
import "../chunks/chunk-XNPVYGHD.js";
import "../chunks/chunk-RQ33FKMA.js";
import "../chunks/chunk-XGQSOL3A.js";
import "../chunks/chunk-L3JG2L2V.js";
import "../chunks/chunk-IB4XY3DN.js";
import "../chunks/chunk-SZ5YRKPB.js";
import "../chunks/chunk-KR6QXSIO.js";
import {
  LocalRegistry,
  localPorts
} from "../chunks/chunk-XNJST4A5.js";
import {
  GitHubRegistry
} from "../chunks/chunk-J5BOTAD3.js";
import "../chunks/chunk-QAMAGBBR.js";
import {
  systemClock
} from "../chunks/chunk-AMMCM42C.js";
import "../chunks/chunk-6CJMZFBY.js";
import "../chunks/chunk-3TKKAAS2.js";
import {
  context,
  getOctokit
} from "../chunks/chunk-WY7HVP6Q.js";
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
  CheckFailed
} from "../chunks/chunk-ZILLKLUF.js";
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
    const workspace = workspaceDir();
    const { model: config } = await loadModelConfig({
      cwd: workspace,
      file: inputs.config,
      model: inputs.model,
      what: "config"
    });
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

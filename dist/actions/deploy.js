import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  readDeployInputs
} from "../chunks/chunk-3E7NGOT5.js";
import {
  deployModel
} from "../chunks/chunk-GD7DVHRV.js";
import "../chunks/chunk-KDP2FKC5.js";
import "../chunks/chunk-CLTHOWKV.js";
import "../chunks/chunk-43UFDDWR.js";
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
  getOctokit,
  github_exports
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
  parseDuration
} from "../chunks/chunk-CG4E3PCN.js";
import "../chunks/chunk-EQVTLXOE.js";
import "../chunks/chunk-3EHQAXI5.js";
import "../chunks/chunk-GG6ZXDCZ.js";
import {
  booleanInput,
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
  CheckFailed,
  UsageError
} from "../chunks/chunk-ZILLKLUF.js";
import "../chunks/chunk-UBBLWZDB.js";

// actions/deploy/main.ts
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// github/deployer.ts
var GitHubDeployer = class {
  constructor(opts) {
    this.opts = opts;
  }
  opts;
  get repo() {
    return { owner: this.opts.owner, repo: this.opts.repo };
  }
  async create(request) {
    const res = await this.opts.octokit.rest.repos.createDeployment({
      ...this.repo,
      ref: request.ref,
      environment: request.environment,
      task: this.opts.task ?? "deploy",
      payload: { ...request.payload, model: request.model, version: request.version },
      description: `${request.model} v${request.version}`,
      // kiln checked the gate itself; the ref's commit statuses are not what admits a model.
      required_contexts: [],
      auto_merge: false,
      production_environment: /^prod/i.test(request.environment)
    });
    if (res.status !== 201 || !("id" in res.data)) {
      throw new UsageError(
        `GitHub did not create a deployment of ${request.ref}: ${JSON.stringify(res.data)}`,
        {
          hint: "Deploy a commit (sha), not a branch that needs merging"
        }
      );
    }
    const d = res.data;
    const status = await this.postStatus(d.id, "queued", {});
    return toDeployment(d, status);
  }
  async setState(id, state, details = {}) {
    const status = await this.postStatus(Number(id), state, details);
    const { data } = await this.opts.octokit.rest.repos.getDeployment({
      ...this.repo,
      deployment_id: Number(id)
    });
    return toDeployment(data, status);
  }
  async list(filter = {}) {
    const { data } = await this.opts.octokit.rest.repos.listDeployments({
      ...this.repo,
      ...filter.environment === void 0 ? {} : { environment: filter.environment },
      per_page: 30
    });
    const out = [];
    for (const d of data) {
      const payload = payloadOf(d.payload);
      if (typeof payload.model !== "string" || typeof payload.version !== "number") continue;
      if (filter.model !== void 0 && payload.model !== filter.model) continue;
      const { data: statuses } = await this.opts.octokit.rest.repos.listDeploymentStatuses({
        ...this.repo,
        deployment_id: d.id,
        per_page: 1
      });
      out.push(toDeployment(d, statuses[0] ?? null));
    }
    return out.sort((a, b) => Number(b.id) - Number(a.id));
  }
  async postStatus(id, state, details) {
    const { data } = await this.opts.octokit.rest.repos.createDeploymentStatus({
      ...this.repo,
      deployment_id: id,
      state,
      ...details,
      auto_inactive: false
    });
    return data;
  }
};
function payloadOf(payload) {
  if (typeof payload === "string") {
    try {
      const parsed = JSON.parse(payload);
      return parsed && typeof parsed === "object" ? parsed : {};
    } catch {
      return {};
    }
  }
  return payload && typeof payload === "object" ? payload : {};
}
var STATES = /* @__PURE__ */ new Set(["queued", "in_progress", "success", "failure", "error", "inactive"]);
function toDeployment(d, status) {
  const payload = payloadOf(d.payload);
  const state = status && STATES.has(status.state) ? status.state : "queued";
  return {
    id: String(d.id),
    model: String(payload.model),
    version: Number(payload.version),
    environment: d.environment,
    ref: d.ref,
    payload,
    state,
    created_at: d.created_at,
    updated_at: status?.created_at ?? d.updated_at,
    ...status?.environment_url ? { environment_url: status.environment_url } : {},
    ...status?.log_url ? { log_url: status.log_url } : {},
    ...status?.description ? { description: status.description } : {}
  };
}

// actions/deploy/main.ts
async function run() {
  await runAction(async () => {
    const inputs = readInputs({
      model: modelInput,
      config: configInput,
      run: string({ error: "is required" }).min(1),
      gate: string().optional(),
      environment: string({ error: "is required" }).min(1),
      force: booleanInput.default(false),
      timeout: string().default("30m"),
      registry: string().optional(),
      "github-token": string().optional()
    });
    const { model: config } = await loadModelConfig({
      cwd: workspaceDir(),
      file: inputs.config,
      model: inputs.model,
      what: "config"
    });
    const deployInputs = await readDeployInputs({
      run: { path: resolve(inputs.run), shown: inputs.run },
      ...inputs.gate ? { gate: { path: resolve(inputs.gate), shown: inputs.gate } } : {},
      config,
      cwd: process.cwd()
    });
    const env = process.env;
    const { context } = github_exports;
    const slug = env.GITHUB_REPOSITORY ?? "";
    const [owner, repo] = slug.split("/");
    const sha = context.sha || deployInputs.run.code?.sha || "HEAD";
    let registry;
    let deployer;
    let defaultBranch;
    if (!inputs.registry && inputs["github-token"] && owner && repo) {
      const octokit = getOctokit(inputs["github-token"]);
      registry = new GitHubRegistry({ owner, repo, octokit, clock: systemClock, sha });
      deployer = new GitHubDeployer({ owner, repo, octokit });
      defaultBranch = context.payload.repository?.default_branch ?? "main";
    } else {
      const ports = localPorts({ root: resolve(".kiln") });
      registry = inputs.registry ? new LocalRegistry({ root: resolve(inputs.registry), clock: systemClock }) : ports.registry;
      deployer = ports.deployer;
      defaultBranch = await ports.repo.defaultBranch();
    }
    const timeoutMs = parseDuration(inputs.timeout, "input 'timeout'") * 1e3;
    const result = await deployModel(
      {
        model: inputs.model,
        ...deployInputs,
        config,
        configFile: inputs.config,
        environment: inputs.environment,
        force: inputs.force,
        defaultBranch,
        ref: sha,
        ...slug ? { repository: slug } : {},
        cwd: process.cwd(),
        env,
        workDir: await mkdtemp(join(env.RUNNER_TEMP ?? tmpdir(), "kiln-deploy-")),
        ...slug && env.GITHUB_RUN_ID ? {
          logUrl: `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${slug}/actions/runs/${env.GITHUB_RUN_ID}`
        } : {},
        ...env.GITHUB_RUN_ID ? { payload: { run_id: env.GITHUB_RUN_ID } } : {}
      },
      { registry, deployer, clock: systemClock, log: (line) => info(line) },
      { commandTimeoutMs: timeoutMs, graceMs: Math.min(1e4, timeoutMs) }
    );
    setOutput("version", result.version.tag);
    setOutput("environment-url", result.environmentUrl ?? "");
    setOutput("rolled-back", String(result.outcome === "rolled-back"));
    const summary2 = renderSummary(inputs.environment, result);
    if (env.GITHUB_STEP_SUMMARY) await summary.addRaw(summary2).write();
    if (result.outcome === "rolled-back" || result.outcome === "failed") {
      throw new CheckFailed(
        `deploying ${result.version.tag} to ${inputs.environment} failed: ${result.failure}`
      );
    }
  });
}
function renderSummary(environment, r) {
  const head = r.outcome === "deployed" ? `✅ ${r.version.tag} serves ${environment}` : r.outcome === "unchanged" ? `✅ ${r.version.tag} already serves ${environment}; nothing to do` : `❌ ${r.version.tag} was not deployed to ${environment}: ${r.failure}`;
  const rows = [...r.steps, ...r.rollback].map(
    (s) => `| v${s.version} | ${s.traffic_percent}% | ${s.apply} | ${s.health ? s.health.ok ? "✅" : `❌ ${s.health.error}` : "—"} |`
  );
  const forced = r.forced.length ? `

⚠️ forced past: ${r.forced.join("; ")}` : "";
  return `### 🔥 kiln deploy — ${r.version.model}

${head}${forced}

${rows.length ? `| version | traffic | deploy | health |
|---|---|---|---|
${rows.join("\n")}
` : ""}`;
}

// actions/deploy/index.ts
await run();

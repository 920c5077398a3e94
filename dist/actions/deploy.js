import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  LocalRegistry,
  aliasTag,
  assertAlias,
  deployModel,
  formatAliasTagBody,
  formatVersionTagBody,
  localPorts,
  modelUri,
  parseAliasTagBody,
  parseTag,
  parseVersionTagBody,
  readDeployInputs,
  systemClock,
  versionTag
} from "../chunks/chunk-RHSLEXI4.js";
import "../chunks/chunk-DGMCUWSM.js";
import {
  modelConfig
} from "../chunks/chunk-HZREZO7C.js";
import "../chunks/chunk-IB4XY3DN.js";
import "../chunks/chunk-MUEIDXEF.js";
import {
  getOctokit,
  github_exports
} from "../chunks/chunk-UPXQD2EM.js";
import {
  assertModelName,
  canonicalJson,
  formatKilnFile,
  parseConfig,
  parseDuration,
  readTextFile,
  runDigest
} from "../chunks/chunk-MVMXBJ7O.js";
import {
  booleanInput,
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
  CheckFailed,
  UsageError
} from "../chunks/chunk-MYTDQ55T.js";
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

// github/registry.ts
var GitHubRegistry = class {
  constructor(opts) {
    this.opts = opts;
  }
  opts;
  bodies = /* @__PURE__ */ new Map();
  get repo() {
    return { owner: this.opts.owner, repo: this.opts.repo };
  }
  async register(model, bundle) {
    assertModelName(model);
    if (bundle.run.model !== model) {
      throw new UsageError(`run.json is for model ${JSON.stringify(bundle.run.model)}, not ${model}`);
    }
    const digest = runDigest(bundle.run);
    const existing = (await this.versions(model)).find((v) => v.run_digest === digest);
    if (existing) return existing;
    let next = await this.latest(model, "version") + 1;
    for (; ; ) {
      const v = {
        model,
        version: next,
        tag: versionTag(model, next),
        uri: modelUri(model, next),
        created_at: this.opts.clock.now().toISOString(),
        run_digest: digest
      };
      if (await this.createTag(v.tag, formatVersionTagBody(v))) {
        await this.release(v, bundle);
        return v;
      }
      next++;
    }
  }
  async models() {
    const models = /* @__PURE__ */ new Set();
    for (const t of await this.tagRefs("")) if (t.parsed.kind === "version") models.add(t.parsed.model);
    return [...models].sort();
  }
  async versions(model) {
    assertModelName(model);
    const refs = (await this.tagRefs(model)).filter(
      (t) => t.parsed.kind === "version" && t.parsed.model === model
    );
    const out = [];
    for (const t of refs) out.push(parseVersionTagBody(t.name, await this.body(t), `refs/tags/${t.name}`));
    return out.sort((a, b) => a.version - b.version);
  }
  async version(model, version) {
    const tag = versionTag(model, version);
    const ref = (await this.tagRefs(tag)).find((t) => t.name === tag);
    return ref ? parseVersionTagBody(tag, await this.body(ref), `refs/tags/${tag}`) : null;
  }
  async readFile(model, version, file) {
    const release = await this.getRelease(versionTag(model, version));
    const asset = release?.assets.find((a) => a.name === file);
    if (!asset) return null;
    const { data } = await this.opts.octokit.rest.repos.getReleaseAsset({
      ...this.repo,
      asset_id: asset.id,
      headers: { accept: "application/octet-stream" }
    });
    const raw = data;
    if (typeof raw === "string") return raw;
    if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString("utf8");
    return JSON.stringify(raw);
  }
  async artifactsLocation(model, version) {
    return (await this.getRelease(versionTag(model, version)))?.html_url ?? null;
  }
  async assign(model, alias, version, note) {
    assertModelName(model);
    assertAlias(alias);
    if (!await this.version(model, version)) {
      throw new UsageError(`no version ${version} of ${model}`, {
        hint: "List the versions with `kiln registry list`"
      });
    }
    let counter = await this.latest(model, "alias", alias) + 1;
    for (; ; ) {
      const a = {
        model,
        alias,
        version,
        counter,
        tag: aliasTag(model, alias, counter),
        assigned_at: this.opts.clock.now().toISOString(),
        ...note === void 0 ? {} : { note }
      };
      if (await this.createTag(a.tag, formatAliasTagBody(a))) return a;
      counter++;
    }
  }
  async alias(model, alias) {
    const history = await this.history(model, alias);
    const current = history.sort((a, b) => a.counter - b.counter).at(-1);
    return current ? this.version(model, current.version) : null;
  }
  async history(model, alias) {
    assertModelName(model);
    if (alias !== void 0) assertAlias(alias);
    const prefix = alias === void 0 ? `${model}#` : `${model}#${alias}#`;
    const out = [];
    for (const t of await this.tagRefs(prefix)) {
      if (t.parsed.kind !== "alias" || t.parsed.model !== model) continue;
      if (alias !== void 0 && t.parsed.alias !== alias) continue;
      out.push(parseAliasTagBody(t.name, await this.body(t), `refs/tags/${t.name}`));
    }
    return out.sort(
      (a, b) => a.alias === b.alias ? a.counter - b.counter : Date.parse(a.assigned_at) - Date.parse(b.assigned_at)
    );
  }
  // ── internals ──────────────────────────────────────────────────────────────────────────────
  /** Registry tags whose name starts with `prefix` (git's matching-refs is a prefix match). */
  async tagRefs(prefix) {
    const refs = await this.opts.octokit.paginate(this.opts.octokit.rest.git.listMatchingRefs, {
      ...this.repo,
      ref: `tags/${prefix}`,
      per_page: 100
    });
    const out = [];
    for (const r of refs) {
      const name = r.ref.replace(/^refs\/tags\//, "");
      const parsed = parseTag(name);
      if (parsed) out.push({ name, parsed, sha: r.object.sha, type: r.object.type });
    }
    return out;
  }
  async latest(model, kind, alias) {
    let max = 0;
    for (const t of await this.tagRefs(kind === "version" ? `${model}@v` : `${model}#${alias}#`)) {
      const p = t.parsed;
      if (p.model !== model) continue;
      if (p.kind === "version" && kind === "version") max = Math.max(max, p.version);
      if (p.kind === "alias" && kind === "alias" && p.alias === alias) max = Math.max(max, p.counter);
    }
    return max;
  }
  /** The annotated tag's message; a lightweight tag carries no body and is not kiln's. */
  async body(t) {
    const cached = this.bodies.get(t.sha);
    if (cached !== void 0) return cached;
    if (t.type !== "tag") {
      throw new UsageError(`registry tag ${t.name} is a lightweight tag without kiln's body`, {
        hint: "kiln writes annotated tags; delete this tag and assign again"
      });
    }
    const { data } = await this.opts.octokit.rest.git.getTag({ ...this.repo, tag_sha: t.sha });
    this.bodies.set(t.sha, data.message);
    return data.message;
  }
  /** False when the ref exists already (another registration took the name). */
  async createTag(tag, body) {
    const { data } = await this.opts.octokit.rest.git.createTag({
      ...this.repo,
      tag,
      message: body,
      object: this.opts.sha,
      type: "commit"
    });
    try {
      await this.opts.octokit.rest.git.createRef({ ...this.repo, ref: `refs/tags/${tag}`, sha: data.sha });
      return true;
    } catch (err) {
      if (err.status === 422) return false;
      throw err;
    }
  }
  async release(v, bundle) {
    const { data: release } = await this.opts.octokit.rest.repos.createRelease({
      ...this.repo,
      tag_name: v.tag,
      name: v.tag,
      body: bundle.card ?? `${v.tag} (${v.uri}), run ${v.run_digest}`,
      make_latest: "false"
    });
    const files = [["run.json", canonicalJson(bundle.run)]];
    if (bundle.gate) files.push(["gate.json", formatKilnFile(bundle.gate)]);
    if (bundle.profile) files.push(["profile.json", formatKilnFile(bundle.profile)]);
    if (bundle.card !== void 0) files.push(["card.md", bundle.card]);
    for (const [name, text] of files) {
      await this.opts.octokit.rest.repos.uploadReleaseAsset({
        ...this.repo,
        release_id: release.id,
        name,
        data: text,
        headers: { "content-type": name.endsWith(".md") ? "text/markdown" : "application/json" }
      });
    }
  }
  async getRelease(tag) {
    try {
      return (await this.opts.octokit.rest.repos.getReleaseByTag({ ...this.repo, tag })).data;
    } catch (err) {
      if (err.status === 404) return null;
      throw err;
    }
  }
};

// actions/deploy/main.ts
async function run() {
  await runAction(async () => {
    const inputs = readInputs({
      model: modelInput,
      config: configInput,
      run: external_exports.string({ error: "is required" }).min(1),
      gate: external_exports.string().optional(),
      environment: external_exports.string({ error: "is required" }).min(1),
      force: booleanInput.default(false),
      timeout: external_exports.string().default("30m"),
      registry: external_exports.string().optional(),
      "github-token": external_exports.string().optional()
    });
    const config = modelConfig(
      parseConfig(
        await readTextFile(resolve(inputs.config), inputs.config, { what: "config" }),
        inputs.config
      ),
      inputs.model,
      inputs.config
    );
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
    const result = await deployModel({
      registry,
      deployer,
      clock: systemClock,
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
      commandTimeoutMs: timeoutMs,
      graceMs: Math.min(1e4, timeoutMs),
      ...slug && env.GITHUB_RUN_ID ? {
        logUrl: `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${slug}/actions/runs/${env.GITHUB_RUN_ID}`
      } : {},
      ...env.GITHUB_RUN_ID ? { payload: { run_id: env.GITHUB_RUN_ID } } : {},
      log: (line) => info(line)
    });
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

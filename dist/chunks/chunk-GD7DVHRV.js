import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  formatMs,
  runProcess
} from "./chunk-43UFDDWR.js";
import {
  assertAlias,
  modelUri,
  versionTag
} from "./chunk-6CJMZFBY.js";
import {
  runDigest
} from "./chunk-TEGK7FMR.js";
import {
  closest
} from "./chunk-R7O7G7J3.js";
import {
  require_dist
} from "./chunk-PGCZXT7T.js";
import {
  parseDuration
} from "./chunk-CG4E3PCN.js";
import {
  KilnError,
  UsageError
} from "./chunk-ZILLKLUF.js";
import {
  __toESM
} from "./chunk-UBBLWZDB.js";

// core/registry/model-card.ts
function renderModelCard(input) {
  const { run, gate, config } = input;
  const lines = [];
  const title = input.version === void 0 ? run.model : versionTag(run.model, input.version);
  lines.push(`# Model card: ${title}`, "");
  lines.push("## Model details", "");
  lines.push(`- **Name:** ${run.model}`);
  if (input.version !== void 0) {
    lines.push(`- **Version:** ${input.version} (\`${modelUri(run.model, input.version)}\`)`);
  }
  if (input.repository) lines.push(`- **Owners:** ${input.repository}`);
  if (run.code?.sha) lines.push(`- **Code:** ${run.code.ref ? `${run.code.ref}@` : ""}${run.code.sha}`);
  if (run.started_at) lines.push(`- **Trained:** ${run.started_at}`);
  lines.push("");
  lines.push("## Model parameters", "");
  const train = config?.train;
  const command = typeof train === "string" ? train : train?.command;
  if (command) lines.push(`- **Training command:** \`${command}\``);
  const data = Object.entries(run.data ?? {});
  for (const [path, d] of data) {
    lines.push(
      `- **Data:** \`${path}\` (sha256 ${d.sha256.slice(0, 12)}${d.rows === void 0 ? "" : `, ${d.rows} rows`})`
    );
  }
  const params = Object.entries(run.params ?? {});
  if (params.length > 0) {
    lines.push("", "| parameter | value |", "|---|---|");
    for (const [k, v] of params) lines.push(`| ${cell(k)} | ${cell(JSON.stringify(v))} |`);
  }
  if (!command && data.length === 0 && params.length === 0) lines.push("_Not recorded in run.json._");
  lines.push("");
  lines.push("## Quantitative analysis", "", "| metric | slice | value |", "|---|---|---|");
  for (const [k, v] of Object.entries(run.metrics)) lines.push(`| ${cell(k)} | (all) | ${v} |`);
  for (const [slice, metrics] of Object.entries(run.slices ?? {})) {
    for (const [k, v] of Object.entries(metrics)) lines.push(`| ${cell(k)} | ${cell(slice)} | ${v} |`);
  }
  if (gate) {
    const failed = gate.checks.filter((c) => !c.passed).length;
    lines.push(
      "",
      `Gate: ${gate.passed ? "passed" : `failed (${failed} of ${gate.checks.length} checks)`} under policy \`${gate.policy_source}\`${gate.advisory ? " (advisory)" : ""}; baseline ${gate.baseline.source}${gate.baseline.model_version ? ` ${gate.baseline.model_version}` : ""}.`
    );
  }
  lines.push("");
  lines.push("## Considerations", "");
  lines.push("- **Intended users and use cases:** _to be written by the model's owners._");
  lines.push("- **Limitations:** _to be written by the model's owners._");
  lines.push("- **Ethical considerations:** _to be written by the model's owners._");
  lines.push("");
  return lines.join("\n");
}
function cell(text) {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

// core/deploy/rollout.ts
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

// core/deploy/guard.ts
var STALE_DEPLOYMENT_MS = 60 * 60 * 1e3;
async function assertEnvironmentFree(deployer, environment, clock, staleMs = STALE_DEPLOYMENT_MS) {
  const now = clock.now().getTime();
  const busy = (await deployer.list({ environment })).find(
    (d) => (d.state === "queued" || d.state === "in_progress") && now - Date.parse(d.updated_at) < staleMs
  );
  if (busy) {
    throw new KilnError(
      `another deployment to ${environment} is in progress (deployment ${busy.id}: ${busy.model} v${busy.version}, since ${busy.updated_at})`,
      { hint: "Wait for it to finish, then run this deploy again" }
    );
  }
}

// core/deploy/health.ts
async function checkHealth(spec, opts) {
  const get = opts.fetch ?? ((url, init) => fetch(url, { ...init, redirect: "follow" }));
  const delay = opts.retryDelayMs ?? 2e3;
  let last = { ok: false, attempts: 0, status: null };
  for (let attempt = 1; attempt <= spec.retries + 1; attempt++) {
    if (attempt > 1) await opts.clock.sleep(delay * (attempt - 1));
    last = { ...await probe(spec, get), attempts: attempt };
    if (last.ok) return last;
  }
  return last;
}
async function probe(spec, get) {
  try {
    const res = await get(spec.url, { signal: AbortSignal.timeout(spec.timeoutMs) });
    const body = await res.text();
    if (res.status !== spec.expectStatus) {
      return { ok: false, status: res.status, error: `status ${res.status}, expected ${spec.expectStatus}` };
    }
    if (spec.expectBody !== void 0 && !body.includes(spec.expectBody)) {
      return {
        ok: false,
        status: res.status,
        error: `body does not contain ${JSON.stringify(spec.expectBody)}`
      };
    }
    return { ok: true, status: res.status };
  } catch (err) {
    const e = err;
    const why = e.name === "TimeoutError" ? `no answer within ${spec.timeoutMs}ms` : e.cause?.message || e.message;
    return { ok: false, status: null, error: why };
  }
}

// core/deploy/kserve.ts
var import_yaml = __toESM(require_dist(), 1);
function serviceName(model, environment) {
  const name = `${model}-${environment}`.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^[^a-z]+/, "").slice(0, 63).replace(/-+$/, "");
  return name || "kiln-model";
}
function modelFormatOf(run) {
  const f = run.params?.model_format;
  return typeof f === "string" && f !== "" ? f : "sklearn";
}
function renderInferenceService(i) {
  const predictor = {
    model: { modelFormat: { name: i.modelFormat }, storageUri: i.storageUri }
  };
  if (i.trafficPercent < 100) predictor.canaryTrafficPercent = i.trafficPercent;
  const doc = {
    apiVersion: "serving.kserve.io/v1beta1",
    kind: "InferenceService",
    metadata: {
      name: serviceName(i.model, i.environment),
      labels: {
        "app.kubernetes.io/managed-by": "kiln",
        "kiln.dev/model": i.model,
        "kiln.dev/version": String(i.version),
        "kiln.dev/environment": i.environment.toLowerCase()
      },
      annotations: { "kiln.dev/model-uri": i.uri }
    },
    spec: { predictor }
  };
  return (0, import_yaml.stringify)(doc);
}

// core/deploy/rollout.ts
async function openDeployment(d, version, previous) {
  const { request, ports, target } = d;
  const { model, environment } = request;
  await assertEnvironmentFree(ports.deployer, environment, ports.clock);
  const environmentUrl = target.env.health ? new URL(target.env.health.url).origin : void 0;
  const created = await ports.deployer.create({
    model,
    version: version.version,
    environment,
    ref: request.ref,
    payload: {
      ...request.payload,
      model,
      version: version.version,
      tag: version.tag,
      uri: version.uri,
      run: version.run_digest,
      previous: previous?.tag ?? null,
      ...target.forced.length ? { forced: { reasons: target.forced } } : {}
    }
  });
  const details = {
    ...request.logUrl ? { log_url: request.logUrl } : {},
    ...environmentUrl ? { environment_url: environmentUrl } : {}
  };
  return { ...d, id: created.id, details, ...environmentUrl ? { environmentUrl } : {} };
}
async function rollOut(r, version) {
  await r.ports.deployer.setState(r.id, "in_progress", r.details);
  const steps = [];
  for (const percent of r.target.env.canary ?? [100]) {
    const step = await rolloutStep(r, version, percent);
    steps.push(step);
    if (!step.ok) return { steps, failure: describeFailure(step) };
  }
  return { steps };
}
async function promote(r, version, steps) {
  const { registry, deployer, log } = r.ports;
  const { model, environment } = r.request;
  await registry.assign(model, r.target.alias, version.version, `deployment ${r.id}`);
  const deployment = await deployer.setState(r.id, "success", {
    ...r.details,
    description: `${version.tag} serves ${environment}`
  });
  log(`${version.tag} serves ${environment} (deployment ${r.id})`);
  return {
    outcome: "deployed",
    deployment,
    steps,
    ...r.environmentUrl ? { environmentUrl: r.environmentUrl } : {}
  };
}
async function rollBack(r, version, previous, steps, failure) {
  const { environment } = r.request;
  const { log } = r.ports;
  log(`rollout of ${version.tag} to ${environment} failed: ${failure}`);
  const rollback = [];
  if (previous) {
    log(`rolling back ${environment} to ${previous.tag}`);
    rollback.push(await rolloutStep(r, previous, 100));
  }
  const rolledBack = previous !== null && rollback.every((s) => s.ok);
  const what = !previous ? "no earlier version to roll back to" : rolledBack ? `rolled back to ${previous.tag}` : `rollback to ${previous.tag} failed too: ${describeFailure(rollback[0])}`;
  const deployment = await r.ports.deployer.setState(r.id, "failure", {
    ...r.details,
    description: clip(`${failure}; ${what}`)
  });
  return {
    outcome: rolledBack ? "rolled-back" : "failed",
    deployment,
    steps,
    rollback,
    failure: `${failure}; ${what}`
  };
}
async function abandon(r, err) {
  await r.ports.deployer.setState(r.id, "error", { ...r.details, description: clip(err.message) }).catch(() => void 0);
}
async function rolloutStep(r, version, percent) {
  const { request, ports, tuning } = r;
  const { deploy, env } = r.target;
  const { environment } = request;
  const modelPath = await ports.registry.artifactsLocation(version.model, version.version) ?? "";
  const step = { version: version.version, traffic_percent: percent, apply: "", ok: false };
  const vars = {
    MODEL_NAME: version.model,
    MODEL_VERSION: String(version.version),
    MODEL_URI: version.uri,
    MODEL_PATH: modelPath,
    ENVIRONMENT: environment,
    TRAFFIC_PERCENT: String(percent)
  };
  ports.log(`${version.tag} → ${environment} at ${percent}%`);
  if (deploy.target === "kserve") {
    await mkdir(request.workDir, { recursive: true });
    const manifest = join(
      request.workDir,
      `${version.model}-${r.target.alias}-v${version.version}-${percent}.yaml`
    );
    await writeFile(
      manifest,
      renderInferenceService({
        model: version.model,
        version: version.version,
        uri: version.uri,
        environment,
        storageUri: modelPath || version.uri,
        trafficPercent: percent,
        modelFormat: modelFormatOf(request.run)
      })
    );
    step.manifest = manifest;
    vars.KILN_MANIFEST = manifest;
  }
  if (deploy.command) {
    const result = await runProcess(
      { shell: deploy.command },
      {
        label: "the deploy command",
        cwd: request.cwd,
        env: { ...request.env, ...vars },
        timeoutMs: tuning.commandTimeoutMs,
        graceMs: tuning.graceMs ?? 5e3,
        onLine: (_stream, line) => ports.log(`  | ${line}`),
        onNote: (note) => ports.log(`  ${note}`)
      }
    );
    step.apply = result.outcome === "succeeded" ? "succeeded" : result.outcome === "timed-out" ? `timed out after ${formatMs(tuning.commandTimeoutMs)}` : result.error ? `failed: ${result.error}` : `failed with ${result.exitCode === null ? result.signal : `exit ${result.exitCode}`}`;
    if (result.outcome !== "succeeded") return step;
  } else step.apply = "rendered";
  if (env.health) {
    step.health = await checkHealth(healthSpec(env.health), {
      clock: ports.clock,
      ...ports.fetch ? { fetch: ports.fetch } : {},
      ...tuning.healthRetryDelayMs === void 0 ? {} : { retryDelayMs: tuning.healthRetryDelayMs }
    });
    ports.log(
      `  health ${env.health.url}: ${step.health.ok ? "ok" : `failed after ${step.health.attempts} attempt${step.health.attempts === 1 ? "" : "s"} (${step.health.error})`}`
    );
    if (!step.health.ok) return step;
  }
  step.ok = true;
  return step;
}
function healthSpec(h) {
  return {
    url: h.url,
    expectStatus: h["expect-status"],
    ...h["expect-body"] === void 0 ? {} : { expectBody: h["expect-body"] },
    timeoutMs: parseDuration(h.timeout, "health.timeout") * 1e3,
    retries: h.retries
  };
}
function describeFailure(step) {
  const at = `at ${step.traffic_percent}%`;
  if (step.apply !== "succeeded" && step.apply !== "rendered")
    return `the deploy command ${step.apply} ${at}`;
  return `the health check failed ${at} after ${step.health?.attempts ?? 0} attempts (${step.health?.error ?? "?"})`;
}
function clip(text) {
  return text.length <= 140 ? text : `${text.slice(0, 139)}…`;
}

// core/deploy/verify-gate.ts
function gateProblems(run, gate, defaultBranch) {
  if (!gate) return ["no gate.json was given"];
  const problems = [];
  if (gate.model !== run.model) problems.push(`gate.json is for ${gate.model}, the run is ${run.model}`);
  if (!gate.passed) {
    const failed = gate.checks.filter((c) => !c.passed);
    problems.push(
      `the gate failed (${failed.length} of ${gate.checks.length} checks: ${failed.map((c) => `${c.metric} ${c.rule}`).join(", ")})`
    );
  }
  const digest = runDigest(run);
  if (gate.run_digest !== digest) {
    problems.push(
      `gate.json's run_digest ${gate.run_digest.slice(0, 12)}… does not match the run (${digest.slice(0, 12)}…)`
    );
  }
  if (gate.advisory || !gate.policy_source.startsWith(`${defaultBranch}@`)) {
    problems.push(
      `the gate's policy came from ${gate.policy_source}${gate.advisory ? " (advisory)" : ""}, not the default branch ${defaultBranch}`
    );
  }
  return problems;
}
function verifyGate(run, gate, opts) {
  const problems = gateProblems(run, gate, opts.defaultBranch);
  if (problems.length === 0) return { problems, forced: false };
  if (opts.force) return { problems, forced: true };
  throw new UsageError(`refusing to deploy ${run.model}: ${problems.join("; ")}`, {
    hint: "Deploy a run whose gate passed under the default branch's policy (re-gate on it), or override with --force (recorded)"
  });
}

// core/deploy/deploy-model.ts
async function deployModel(request, ports, tuning) {
  const target = verify(request, ports.log);
  const { version, previous } = await register(request, ports, target);
  const base = { version, previous, forced: target.forced, steps: [], rollback: [] };
  if (previous?.version === version.version) {
    ports.log(`${version.tag} already serves ${request.environment}; nothing to do`);
    return { ...base, outcome: "unchanged", deployment: null };
  }
  const rollout = await openDeployment({ request, ports, tuning, target }, version, previous);
  try {
    const { steps, failure } = await rollOut(rollout, version);
    if (failure === void 0) return { ...base, ...await promote(rollout, version, steps) };
    return { ...base, ...await rollBack(rollout, version, previous, steps, failure) };
  } catch (err) {
    await abandon(rollout, err);
    throw err;
  }
}
function verify(request, log) {
  const { model, environment, configFile } = request;
  const deploy = request.config.deploy;
  if (!deploy) {
    throw new UsageError(`${configFile} has no deploy section for ${model}`, {
      hint: "Add models.<name>.deploy with a command and environments (docs/actions/deploy.md)"
    });
  }
  const env = deploy.environments[environment];
  if (!env) {
    const known = Object.keys(deploy.environments);
    const near = closest(environment, known);
    throw new UsageError(
      `${configFile} declares no environment ${JSON.stringify(environment)} for ${model}`,
      {
        hint: near ? `Did you mean ${near}?` : known.length ? `Declared: ${known.join(", ")}` : "Add one under deploy.environments"
      }
    );
  }
  if (deploy.target === "command" && !deploy.command) {
    throw new UsageError(`${configFile}: models.${model}.deploy.command is required for target command`, {
      hint: "Name the script that deploys MODEL_PATH, e.g. command: ./deploy.sh"
    });
  }
  const alias = aliasOf(environment);
  if (request.run.model !== model) {
    throw new UsageError(`the run is for model ${JSON.stringify(request.run.model)}, not ${model}`, {
      hint: "Deploy a model's own run: check --model and --run"
    });
  }
  const verdict = verifyGate(request.run, request.gate, {
    defaultBranch: request.defaultBranch,
    force: request.force
  });
  const forced = verdict.forced ? verdict.problems : [];
  for (const p of forced) log(`forced: ${p}`);
  return { deploy, env, alias, forced };
}
async function register(request, { registry }, target) {
  const { run, gate } = request;
  const version = await registry.register(request.model, {
    run,
    ...gate ? { gate } : {},
    ...request.profile ? { profile: request.profile } : {},
    ...request.artifactsDir ? { artifactsDir: request.artifactsDir } : {},
    ...request.examples === void 0 ? {} : { examples: request.examples },
    card: renderModelCard({
      run,
      version: await expectedVersion(registry, run),
      ...gate ? { gate } : {},
      config: request.config,
      ...request.repository ? { repository: request.repository } : {}
    })
  });
  const previous = await registry.alias(request.model, target.alias);
  return { version, previous };
}
async function expectedVersion(registry, run) {
  const versions = await registry.versions(run.model);
  const digest = runDigest(run);
  return versions.find((v) => v.run_digest === digest)?.version ?? (versions.at(-1)?.version ?? 0) + 1;
}
function aliasOf(environment) {
  const alias = environment.toLowerCase().replace(/\./g, "-");
  try {
    return assertAlias(alias);
  } catch {
    throw new UsageError(`environment ${JSON.stringify(environment)} cannot name a registry alias`, {
      hint: "Name environments with letters, digits, '_', '-' or '.', starting with a letter or digit"
    });
  }
}

export {
  renderModelCard,
  deployModel,
  expectedVersion
};

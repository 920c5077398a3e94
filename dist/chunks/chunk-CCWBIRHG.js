import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  formatMs,
  runProcess
} from "./chunk-DGMCUWSM.js";
import {
  assertAlias,
  modelUri,
  versionTag
} from "./chunk-JNPW6ZGK.js";
import {
  runDigest
} from "./chunk-YL2NVZX5.js";
import {
  closest
} from "./chunk-7EZWGXCG.js";
import {
  require_dist
} from "./chunk-PGCZXT7T.js";
import {
  parseDuration
} from "./chunk-G7BTACU2.js";
import {
  KilnError,
  UsageError
} from "./chunk-MYTDQ55T.js";
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

// core/deploy/deploy-model.ts
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
async function deployModel(opts) {
  const { registry, deployer, model, environment } = opts;
  const deploy = opts.config.deploy;
  if (!deploy) {
    throw new UsageError(`${opts.configFile} has no deploy section for ${model}`, {
      hint: "Add models.<name>.deploy with a command and environments (docs/actions/deploy.md)"
    });
  }
  const env = deploy.environments[environment];
  if (!env) {
    const known = Object.keys(deploy.environments);
    const near = closest(environment, known);
    throw new UsageError(
      `${opts.configFile} declares no environment ${JSON.stringify(environment)} for ${model}`,
      {
        hint: near ? `Did you mean ${near}?` : known.length ? `Declared: ${known.join(", ")}` : "Add one under deploy.environments"
      }
    );
  }
  if (deploy.target === "command" && !deploy.command) {
    throw new UsageError(
      `${opts.configFile}: models.${model}.deploy.command is required for target command`,
      {
        hint: "Name the script that deploys MODEL_PATH, e.g. command: ./deploy.sh"
      }
    );
  }
  const alias = aliasOf(environment);
  if (opts.run.model !== model) {
    throw new UsageError(`the run is for model ${JSON.stringify(opts.run.model)}, not ${model}`, {
      hint: "Deploy a model's own run: check --model and --run"
    });
  }
  const verdict = verifyGate(opts.run, opts.gate, { defaultBranch: opts.defaultBranch, force: opts.force });
  const forced = verdict.forced ? verdict.problems : [];
  for (const p of forced) opts.log(`forced: ${p}`);
  const version = await registry.register(model, {
    run: opts.run,
    ...opts.gate ? { gate: opts.gate } : {},
    ...opts.profile ? { profile: opts.profile } : {},
    ...opts.artifactsDir ? { artifactsDir: opts.artifactsDir } : {},
    card: renderModelCard({
      run: opts.run,
      version: await expectedVersion(registry, opts.run),
      ...opts.gate ? { gate: opts.gate } : {},
      config: opts.config,
      ...opts.repository ? { repository: opts.repository } : {}
    })
  });
  const previous = await registry.alias(model, alias);
  const base = { version, previous, forced, steps: [], rollback: [] };
  if (previous?.version === version.version) {
    opts.log(`${version.tag} already serves ${environment}; nothing to do`);
    return { ...base, outcome: "unchanged", deployment: null };
  }
  await assertEnvironmentFree(deployer, environment, opts.clock);
  const environmentUrl = env.health ? new URL(env.health.url).origin : void 0;
  const created = await deployer.create({
    model,
    version: version.version,
    environment,
    ref: opts.ref,
    payload: {
      ...opts.payload,
      model,
      version: version.version,
      tag: version.tag,
      uri: version.uri,
      run: version.run_digest,
      previous: previous?.tag ?? null,
      ...forced.length ? { forced: { reasons: forced } } : {}
    }
  });
  const details = {
    ...opts.logUrl ? { log_url: opts.logUrl } : {},
    ...environmentUrl ? { environment_url: environmentUrl } : {}
  };
  let deployment;
  try {
    deployment = await deployer.setState(created.id, "in_progress", details);
    const steps = [];
    let failure;
    for (const percent of env.canary ?? [100]) {
      const step = await rolloutStep(opts, env, version, percent);
      steps.push(step);
      if (!step.ok) {
        failure = describeFailure(step);
        break;
      }
    }
    if (failure === void 0) {
      await registry.assign(model, alias, version.version, `deployment ${created.id}`);
      deployment = await deployer.setState(created.id, "success", {
        ...details,
        description: `${version.tag} serves ${environment}`
      });
      opts.log(`${version.tag} serves ${environment} (deployment ${created.id})`);
      return {
        ...base,
        outcome: "deployed",
        deployment,
        steps,
        ...environmentUrl ? { environmentUrl } : {}
      };
    }
    opts.log(`rollout of ${version.tag} to ${environment} failed: ${failure}`);
    const rollback = [];
    if (previous) {
      opts.log(`rolling back ${environment} to ${previous.tag}`);
      rollback.push(await rolloutStep(opts, env, previous, 100));
    }
    const rolledBack = previous !== null && rollback.every((s) => s.ok);
    const what = !previous ? "no earlier version to roll back to" : rolledBack ? `rolled back to ${previous.tag}` : `rollback to ${previous.tag} failed too: ${describeFailure(rollback[0])}`;
    deployment = await deployer.setState(created.id, "failure", {
      ...details,
      description: clip(`${failure}; ${what}`)
    });
    return {
      ...base,
      outcome: rolledBack ? "rolled-back" : "failed",
      deployment,
      steps,
      rollback,
      failure: `${failure}; ${what}`
    };
  } catch (err) {
    await deployer.setState(created.id, "error", { ...details, description: clip(err.message) }).catch(() => void 0);
    throw err;
  }
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
async function rolloutStep(opts, env, version, percent) {
  const deploy = opts.config.deploy;
  const modelPath = await opts.registry.artifactsLocation(version.model, version.version) ?? "";
  const step = { version: version.version, traffic_percent: percent, apply: "", ok: false };
  const vars = {
    MODEL_NAME: version.model,
    MODEL_VERSION: String(version.version),
    MODEL_URI: version.uri,
    MODEL_PATH: modelPath,
    ENVIRONMENT: opts.environment,
    TRAFFIC_PERCENT: String(percent)
  };
  opts.log(`${version.tag} → ${opts.environment} at ${percent}%`);
  if (deploy.target === "kserve") {
    await mkdir(opts.workDir, { recursive: true });
    const manifest = join(
      opts.workDir,
      `${version.model}-${aliasOf(opts.environment)}-v${version.version}-${percent}.yaml`
    );
    await writeFile(
      manifest,
      renderInferenceService({
        model: version.model,
        version: version.version,
        uri: version.uri,
        environment: opts.environment,
        storageUri: modelPath || version.uri,
        trafficPercent: percent,
        modelFormat: modelFormatOf(opts.run)
      })
    );
    step.manifest = manifest;
    vars.KILN_MANIFEST = manifest;
  }
  if (deploy.command) {
    const result = await runProcess(
      { shell: deploy.command },
      {
        cwd: opts.cwd,
        env: { ...opts.env, ...vars },
        timeoutMs: opts.commandTimeoutMs,
        graceMs: opts.graceMs ?? 5e3,
        onLine: (_stream, line) => opts.log(`  | ${line}`),
        onNote: (note) => opts.log(`  ${note.replace("the trainer", "the deploy command")}`)
      }
    );
    step.apply = result.outcome === "succeeded" ? "succeeded" : result.outcome === "timed-out" ? `timed out after ${formatMs(opts.commandTimeoutMs)}` : result.error ? `failed: ${result.error}` : `failed with ${result.exitCode === null ? result.signal : `exit ${result.exitCode}`}`;
    if (result.outcome !== "succeeded") return step;
  } else step.apply = "rendered";
  if (env.health) {
    step.health = await checkHealth(healthSpec(env.health), {
      clock: opts.clock,
      ...opts.fetch ? { fetch: opts.fetch } : {},
      ...opts.healthRetryDelayMs === void 0 ? {} : { retryDelayMs: opts.healthRetryDelayMs }
    });
    opts.log(
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

export {
  renderModelCard,
  deployModel,
  expectedVersion
};

import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  CHECKPOINTS_IN_ARTIFACT,
  describeGpu,
  fingerprintFile,
  gpuPreflight,
  resolvePlan,
  stagePath
} from "./chunk-53VAPMD5.js";
import {
  execCapture
} from "./chunk-O7IIMTF5.js";
import {
  describeCommand,
  formatMs,
  runProcess
} from "./chunk-43UFDDWR.js";
import {
  profilePath
} from "./chunk-B3ONUL3O.js";
import {
  readMetricsFile
} from "./chunk-SZ5YRKPB.js";
import {
  runRecordSchema,
  sha256
} from "./chunk-TEGK7FMR.js";
import {
  formatKilnFile
} from "./chunk-EQVTLXOE.js";
import {
  copyTree,
  isNotFound
} from "./chunk-GG6ZXDCZ.js";
import {
  KilnError,
  describeError
} from "./chunk-ZILLKLUF.js";

// core/train/environment.ts
import { readFile } from "node:fs/promises";
import { arch, hostname, release, type } from "node:os";
import { join } from "node:path";
var LOCKFILES = [
  "requirements.txt",
  "poetry.lock",
  "uv.lock",
  "Pipfile.lock",
  "environment.yml",
  "package-lock.json"
];
function runnerFromEnv(env) {
  const labels = [
    env.RUNNER_ENVIRONMENT === "github-hosted" ? "github-hosted" : env.RUNNER_NAME ? "self-hosted" : void 0,
    env.RUNNER_OS,
    env.RUNNER_ARCH,
    ...(env.KILN_RUNNER_LABELS ?? "").split(",")
  ].map((l) => l?.trim()).filter((l) => !!l);
  return { name: env.RUNNER_NAME || hostname(), labels: [...new Set(labels)] };
}
function ciFromEnv(env) {
  if (env.GITHUB_ACTIONS !== "true") return void 0;
  const attempt = Number(env.GITHUB_RUN_ATTEMPT);
  const ci = { provider: "github-actions" };
  if (env.GITHUB_REPOSITORY) ci.repository = env.GITHUB_REPOSITORY;
  if (env.GITHUB_WORKFLOW) ci.workflow = env.GITHUB_WORKFLOW;
  if (env.GITHUB_JOB) ci.job = env.GITHUB_JOB;
  if (env.GITHUB_RUN_ID) ci.run_id = env.GITHUB_RUN_ID;
  if (Number.isInteger(attempt) && attempt > 0) ci.run_attempt = attempt;
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    ci.url = `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}${ci.run_attempt ? `/attempts/${ci.run_attempt}` : ""}`;
  }
  return ci;
}
async function collectEnvironment(opts) {
  const out = {
    ...opts.runner?.name ? { runner: opts.runner.name } : {},
    ...opts.runner?.labels?.length ? { labels: opts.runner.labels } : {},
    os: `${type()} ${release()} ${arch()}`,
    node: process.version.replace(/^v/, "")
  };
  const python = await opts.exec("python3", ["--version"], {
    env: opts.env,
    cwd: opts.cwd,
    timeoutMs: 1e4
  });
  const version = /Python\s+(\S+)/.exec(`${python.stdout}${python.stderr}`)?.[1];
  if (python.code === 0 && version) out.python = version;
  const lockfiles = {};
  for (const name of LOCKFILES) {
    try {
      lockfiles[name] = sha256(await readFile(join(opts.cwd, name)));
    } catch (err) {
      const code = err.code;
      if (code !== "ENOENT" && code !== "EISDIR") throw err;
    }
  }
  if (Object.keys(lockfiles).length) out.lockfiles = lockfiles;
  if (opts.gpus?.length) out.gpus = opts.gpus.map(({ index, ...g }) => index >= 0 ? { index, ...g } : g);
  return out;
}

// core/train/telemetry.ts
var TELEMETRY_QUERY = "index,utilization.gpu,memory.used,power.draw";
var MAX_SAMPLES = 4e3;
function startTelemetry(opts) {
  const started = performance.now();
  const keep = new Set(opts.gpus);
  let intervalMs = opts.intervalMs;
  let rounds = [];
  let count = 0;
  let timer;
  let inFlight = Promise.resolve();
  let stopped = false;
  let failures = 0;
  const sample = async () => {
    const t = round1((performance.now() - started) / 1e3);
    const r = await opts.exec(
      "nvidia-smi",
      [`--query-gpu=${TELEMETRY_QUERY}`, "--format=csv,noheader,nounits"],
      { env: opts.env, timeoutMs: 1e4 }
    );
    if (r.code !== 0) {
      if (failures++ === 0)
        opts.onProblem?.(`GPU telemetry: nvidia-smi failed (${r.error ?? `exit ${r.code}`})`);
      return;
    }
    const round = parseTelemetry(r.stdout, t).filter((s) => keep.size === 0 || keep.has(s.gpu));
    rounds.push(round);
    count += round.length;
    if (count > (opts.maxSamples ?? MAX_SAMPLES) && rounds.length > 1) {
      rounds = rounds.filter((_, i) => i % 2 === 0);
      count = rounds.reduce((n, r2) => n + r2.length, 0);
      intervalMs *= 2;
    }
  };
  const tick = () => {
    inFlight = sample().finally(() => {
      if (!stopped) timer = setTimeout(tick, intervalMs);
    });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
      return { interval_s: intervalMs / 1e3, samples: rounds.flat() };
    }
  };
}
function parseTelemetry(csv, t) {
  const out = [];
  for (const line of csv.split(/\r?\n/)) {
    const [index, util, memory, power] = line.split(",").map((c) => c.trim());
    const gpu = Number(index);
    if (line.trim() === "" || !Number.isInteger(gpu)) continue;
    const s = { t, gpu };
    const u = reading(util);
    if (u !== void 0) s.util = u;
    const m = reading(memory);
    if (m !== void 0) s.memory_mb = m;
    const p = reading(power);
    if (p !== void 0) s.power_w = p;
    out.push(s);
  }
  return out;
}
function reading(field) {
  if (field === void 0 || field === "") return void 0;
  const n = Number(field);
  return Number.isFinite(n) ? n : void 0;
}
function telemetryChart(telemetry, points = 60) {
  const samples = telemetry?.samples ?? [];
  if (samples.length === 0) return "";
  const gpus = [...new Set(samples.map((s) => s.gpu))].sort((a, b) => a - b);
  const times = [...new Set(samples.map((s) => s.t))].sort((a, b) => a - b);
  const step = Math.max(1, Math.ceil(times.length / points));
  const buckets = [];
  for (let i = 0; i < times.length; i += step) buckets.push(times.slice(i, i + step));
  const last = times[times.length - 1] ?? 0;
  const minutes = last >= 120;
  const label = (t) => minutes ? round1(t / 60) : round1(t);
  const axis = buckets.map((b) => label(b[0] ?? 0));
  const series = (field) => gpus.map(
    (gpu) => buckets.map((b) => {
      const values = samples.filter((s) => s.gpu === gpu && b.includes(s.t) && s[field] !== void 0).map((s) => s[field]);
      return values.length ? Math.round(values.reduce((a, v) => a + v, 0) / values.length) : 0;
    })
  );
  const maxMemory = Math.max(1, ...samples.map((s) => s.memory_mb ?? 0));
  const chart = (title, yAxis, max, lines) => [
    "```mermaid",
    "xychart-beta",
    `  title "${title}"`,
    `  x-axis "${minutes ? "minutes" : "seconds"}" [${axis.join(", ")}]`,
    `  y-axis "${yAxis}" 0 --> ${max}`,
    ...lines.map((l) => `  line [${l.join(", ")}]`),
    "```"
  ].join("\n");
  const maxPower = Math.max(0, ...samples.map((s) => s.power_w ?? 0));
  const power = maxPower > 0 ? `

${chart("GPU power draw (W)", "W", Math.ceil(maxPower), series("power_w"))}` : "";
  const legend = gpus.length > 1 ? `

One line per GPU: ${gpus.join(", ")} (in that order).` : "";
  return `${chart("GPU utilisation (%)", "%", 100, series("util"))}

${chart("GPU memory used (MiB)", "MiB", Math.ceil(maxMemory), series("memory_mb"))}${power}${legend}
`;
}
function round1(x) {
  return Math.round(x * 10) / 10;
}

// core/train/summary.ts
var OUTCOME_ICON = {
  succeeded: "✅",
  failed: "❌",
  "timed-out": "⏱️",
  cancelled: "🛑"
};
function trainSummary(r) {
  const { run } = r;
  const lines = [
    `### ${OUTCOME_ICON[r.outcome]} kiln train · ${run.model}${run.variant ? ` (${String(run.variant)})` : ""}: ${r.outcome} in ${run.duration_s ?? 0} s`,
    ""
  ];
  if (r.failure) lines.push(`> ${escapeMd(r.failure)}`, "");
  const metrics = Object.entries(run.metrics);
  if (metrics.length) {
    lines.push(
      "| metric | value |",
      "|---|---:|",
      ...metrics.map(([k, v]) => `| ${escapeMd(k)} | ${v} |`),
      ""
    );
  }
  const slices = Object.entries(run.slices ?? {});
  if (slices.length) {
    const names = [...new Set(slices.flatMap(([, m]) => Object.keys(m)))];
    lines.push(
      "<details><summary>Slices</summary>",
      "",
      `| slice | ${names.map(escapeMd).join(" | ")} |`,
      `|---|${names.map(() => "---:").join("|")}|`,
      ...slices.map(([s, m]) => `| ${escapeMd(s)} | ${names.map((n) => m[n] ?? "—").join(" | ")} |`),
      "",
      "</details>",
      ""
    );
  }
  if (r.gpus.length) lines.push(`GPUs: ${r.gpus.map(describeGpu).map(escapeMd).join("; ")}`, "");
  const chart = telemetryChart(r.telemetry);
  if (chart) lines.push(chart);
  const code = run.code;
  if (code?.sha)
    lines.push(
      `Code: \`${code.sha.slice(0, 12)}\`${code.ref ? ` (${escapeMd(code.ref)})` : ""}${code.dirty ? ", with uncommitted changes" : ""}`,
      ""
    );
  lines.push(`Artifact: \`${r.artifact}\``, "");
  for (const n of r.notes) lines.push(`- ⚠️ ${escapeMd(n)}`);
  return `${lines.join("\n").trimEnd()}
`;
}
function escapeMd(text) {
  return text.replace(/[\\`*_<>|[\]]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
}

// core/train/phases/collect.ts
import { writeFile } from "node:fs/promises";
import { join as join2, resolve } from "node:path";
async function collect(ctx, plan, ran) {
  const outputs = await collectOutputs(ctx, plan, ran.process);
  const evidence = await settleEvidence(ctx, plan, ran.evidence, outputs.outcome !== "cancelled");
  return { ...outputs, ...evidence };
}
async function collectOutputs({ req, note }, plan, proc) {
  const { cwd, outDir, checkpoints } = plan;
  let outcome = proc.outcome;
  let failure = failureOf(proc, plan);
  let metrics = {};
  let slices;
  const staged = [];
  const modelFiles = [];
  let examples;
  if (outcome === "succeeded") {
    try {
      ({ metrics, slices } = await readMetricsFile(resolve(cwd, req.config.metrics), req.config.metrics));
      for (const p of plan.artifactPaths) {
        const files = await stagePath(cwd, p, outDir, { what: `models.${req.model}.artifacts:` });
        staged.push(...files);
        modelFiles.push(...files);
      }
      if (plan.examplesPath) {
        try {
          staged.push(...await stagePath(cwd, plan.examplesPath, outDir, { what: "examples" }));
          examples = plan.examplesPath;
        } catch (err) {
          if (!(err instanceof KilnError)) throw err;
          note(
            `${describeError(err)}; run.json names no examples, so significance tests cannot run`,
            "warning"
          );
        }
      }
    } catch (err) {
      if (!(err instanceof KilnError)) throw err;
      outcome = "failed";
      failure = describeError(err);
      metrics = {};
      slices = void 0;
    }
  } else if (checkpoints) {
    try {
      const files = await stagePath(cwd, checkpoints, outDir, {
        prefix: CHECKPOINTS_IN_ARTIFACT,
        what: "checkpoints"
      });
      staged.push(...files);
      note(
        `keeping ${files.length} checkpoint file(s) from ${checkpoints} with the run, for the next attempt`
      );
    } catch (err) {
      if (!(err instanceof KilnError)) throw err;
      note(`no checkpoints to keep: ${describeError(err)}`);
    }
  }
  return {
    outcome,
    ...failure ? { failure } : {},
    metrics,
    ...slices ? { slices } : {},
    staged,
    modelFiles,
    ...examples ? { examples } : {}
  };
}
async function settleEvidence({ req, note }, { outDir }, evidence, wait) {
  const data = {};
  for (const [i, p] of evidence.paths.entries()) {
    const settled = await evidence.fingerprints[i]?.result(wait);
    if (settled?.ok) data[p] = settled.value;
    else if (settled) note(`data fingerprint of ${p}: ${describeError(settled.error)}`, "warning");
  }
  const profile = await evidence.profile?.result(wait);
  if (profile?.ok) {
    await writeFile(join2(outDir, "profile.json"), formatKilnFile(profile.value));
    return { data, profileFile: "profile.json" };
  }
  if (profile) {
    const why = profile.error instanceof KilnError ? describeError(profile.error) : `internal error: ${describeError(profile.error)}`;
    note(`no profile.json of ${req.config.data?.train}: ${why}`, "warning");
  }
  return { data };
}
function failureOf(proc, { timeoutMs, graceMs }) {
  const killed = proc.killed ? `; it did not stop within the ${formatMs(graceMs)} grace period and was killed` : "";
  switch (proc.outcome) {
    case "succeeded":
      return void 0;
    case "timed-out":
      return `the trainer ran past its timeout of ${formatMs(timeoutMs)}${killed}`;
    case "cancelled":
      return `the run was cancelled (${proc.reason ?? "stop requested"})${killed}`;
    case "failed":
      if (proc.error) return proc.error;
      return proc.signal ? `the trainer was killed by ${proc.signal}` : `the trainer exited with ${proc.exitCode}`;
  }
}

// core/train/phases/preflight.ts
import { mkdir as mkdir2, rm as rm2 } from "node:fs/promises";
import { join as join4, relative, resolve as resolve2 } from "node:path";

// core/train/code.ts
async function codeInfo(cwd, opts) {
  const git = async (args) => {
    const r = await opts.exec("git", args, { cwd, env: { ...opts.env, LC_ALL: "C" }, timeoutMs: 3e4 });
    return r.code === 0 ? r.stdout.trim() : null;
  };
  const sha = await git(["rev-parse", "HEAD"]);
  if (!sha || !/^[0-9a-f]{40,64}$/.test(sha)) return {};
  const out = { sha };
  const ref = await git(["symbolic-ref", "-q", "HEAD"]);
  if (ref) out.ref = ref;
  const excluded = (opts.exclude ?? []).filter((p) => p !== "" && !p.startsWith("..")).map((p) => `:(exclude)${p}`);
  const status = await git(["status", "--porcelain", "--untracked-files=normal", "--", ":/", ...excluded]);
  if (status !== null) out.dirty = status !== "";
  return out;
}

// core/train/resume.ts
import { mkdir, readdir, rm } from "node:fs/promises";
import { join as join3 } from "node:path";
async function restoreCheckpoints(opts) {
  if ((await entries(opts.dir)).length > 0) {
    return { restored: false, reason: `${opts.shown} already has files; the trainer resumes from them` };
  }
  const previous = (await opts.store.list()).find((a) => a.name === opts.artifact);
  if (!previous) return { restored: false, reason: `no earlier ${opts.artifact} to resume from` };
  await rm(opts.scratch, { recursive: true, force: true });
  try {
    await opts.store.download(opts.artifact, opts.scratch);
    const source = join3(opts.scratch, CHECKPOINTS_IN_ARTIFACT);
    if ((await entries(source)).length === 0) {
      return {
        restored: false,
        reason: `${opts.artifact} holds no checkpoints (its run succeeded or saved none)`
      };
    }
    await mkdir(opts.dir, { recursive: true });
    const files = await copyTree(source, opts.dir);
    return { restored: true, files: files.length, from: opts.artifact };
  } finally {
    await rm(opts.scratch, { recursive: true, force: true });
  }
}
async function entries(dir) {
  try {
    return await readdir(dir);
  } catch (err) {
    if (isNotFound(err) || err.code === "ENOTDIR") return [];
    throw err;
  }
}

// core/train/phases/preflight.ts
async function preflight(ctx, plan) {
  const { req, exec, note } = ctx;
  const { cwd, outDir, checkpoints } = plan;
  await mkdir2(outDir, { recursive: true });
  await rm2(join4(outDir, "run.json"), { force: true });
  await rm2(join4(outDir, "profile.json"), { force: true });
  const code = await codeOf(ctx, plan);
  let gpus = [];
  const trainerEnv = {
    ...req.env,
    KILN_MODEL: req.model,
    KILN_RUN_DIR: outDir,
    // Python block-buffers stdout into a pipe; live logs need it line by line.
    PYTHONUNBUFFERED: req.env.PYTHONUNBUFFERED ?? "1"
  };
  if (req.variant) trainerEnv.KILN_VARIANT = req.variant;
  if (checkpoints) trainerEnv.KILN_CHECKPOINTS = resolve2(cwd, checkpoints);
  if (plan.gpus > 0) {
    const found = await gpuPreflight(plan.gpus, { env: req.env, exec, where: `${plan.where}.gpus` });
    gpus = found.gpus;
    trainerEnv.CUDA_VISIBLE_DEVICES = found.cudaVisibleDevices;
    note(
      `GPU preflight: ${plan.gpus} asked, using ${found.gpus.map(describeGpu).join("; ")}` + (found.gpus[0]?.driver ? `, driver ${found.gpus[0].driver}` : "") + (found.gpus[0]?.cuda ? `, CUDA ${found.gpus[0].cuda}` : "") + ` (CUDA_VISIBLE_DEVICES=${found.cudaVisibleDevices}${found.setByKiln ? "" : ", set by the runner"})`
    );
  }
  const environment = await collectEnvironment({
    cwd,
    env: req.env,
    exec,
    ...req.runner ? { runner: req.runner } : {},
    gpus
  });
  if (checkpoints && req.resume) await resume(ctx, plan, checkpoints);
  return { code, gpus, trainerEnv, environment };
}
async function codeOf({ req, exec }, { cwd, outDir }) {
  const out = relative(cwd, outDir);
  const exclude = [".kiln", ...out && !out.startsWith("..") ? [out] : []];
  const fromGit = await codeInfo(cwd, { env: req.env, exec, exclude });
  return { ...req.codeFallback, ...fromGit };
}
async function resume({ deps, note }, plan, checkpoints) {
  try {
    const restored = await restoreCheckpoints({
      store: deps.store,
      artifact: plan.artifact,
      dir: resolve2(plan.cwd, checkpoints),
      shown: checkpoints,
      scratch: join4(plan.outDir, ".kiln-restore")
    });
    note(
      restored.restored ? `resume: restored ${restored.files} checkpoint file(s) into ${checkpoints} from ${restored.from}` : `resume: ${restored.reason}`
    );
  } catch (err) {
    note(
      `resume: could not restore ${checkpoints} (${describeError(err)}); training starts from scratch`,
      "warning"
    );
  }
}

// core/train/phases/publish.ts
import { writeFile as writeFile2 } from "node:fs/promises";
import { join as join5 } from "node:path";

// core/train/run-record-builder.ts
function buildRunRecord(p) {
  const record = {
    schema: "kiln.run/v1",
    model: p.model,
    outcome: p.outcome,
    metrics: p.metrics
  };
  if (p.slices && Object.keys(p.slices).length) record.slices = p.slices;
  if (p.params) record.params = p.params;
  if (p.data && Object.keys(p.data).length) record.data = p.data;
  if (p.code && Object.keys(p.code).length) record.code = p.code;
  record.env = p.env;
  if (p.telemetry?.samples.length) record.telemetry = p.telemetry;
  record.started_at = p.startedAt.toISOString();
  record.duration_s = Math.round(p.durationMs) / 1e3;
  if (p.artifacts?.length) record.artifacts = p.artifacts;
  if (p.examples) record.examples = p.examples;
  record.command = typeof p.command === "string" ? p.command : [...p.command];
  if (p.exitCode !== null) record.exit_code = p.exitCode;
  if (p.signal !== null) record.signal = p.signal;
  if (p.failure) record.failure = p.failure;
  if (p.variant) record.variant = p.variant;
  if (p.ci) record.ci = p.ci;
  if (p.notes?.length) record.notes = p.notes;
  const parsed = runRecordSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`run.json does not match kiln.run/v1 at ${issue?.path.join(".")}: ${issue?.message}`);
  }
  return record;
}

// core/train/phases/publish.ts
async function publish({ req, deps, note, notes }, plan, prepared, ran, collected) {
  const { process: proc, telemetry } = ran;
  const { outcome, failure } = collected;
  const run = buildRunRecord({
    model: req.model,
    outcome,
    metrics: collected.metrics,
    ...collected.slices ? { slices: collected.slices } : {},
    ...plan.params ? { params: plan.params } : {},
    data: collected.data,
    code: prepared.code,
    env: prepared.environment,
    ...telemetry ? { telemetry } : {},
    startedAt: proc.startedAt,
    durationMs: proc.durationMs,
    artifacts: collected.modelFiles,
    ...collected.examples ? { examples: collected.examples } : {},
    command: "shell" in plan.command ? plan.command.shell : plan.command.argv,
    exitCode: proc.exitCode,
    signal: proc.signal,
    ...failure ? { failure } : {},
    ...req.variant ? { variant: req.variant } : {},
    ...req.ci ? { ci: req.ci } : {},
    notes
  });
  const runPath = join5(plan.outDir, "run.json");
  await writeFile2(runPath, formatKilnFile(run));
  const files = ["run.json", ...collected.profileFile ? [collected.profileFile] : [], ...collected.staged];
  const artifact = await deps.store.upload(plan.artifact, files, plan.outDir);
  note(`uploaded ${plan.artifact} (${files.length} file${files.length === 1 ? "" : "s"})`);
  const summary = trainSummary({
    run,
    outcome,
    artifact: plan.artifact,
    ...failure ? { failure } : {},
    gpus: prepared.gpus,
    ...telemetry ? { telemetry } : {},
    notes
  });
  const summaryPath = join5(plan.outDir, "summary.md");
  await writeFile2(summaryPath, summary);
  return {
    outcome,
    run,
    runPath,
    summary,
    summaryPath,
    artifact,
    process: proc,
    ...failure ? { failure } : {},
    gpus: prepared.gpus,
    ...telemetry ? { telemetry } : {},
    notes
  };
}

// core/train/phases/run.ts
import { resolve as resolve3 } from "node:path";
async function runTrainer(ctx, plan, prepared) {
  const { req, deps, exec, note } = ctx;
  const evidence = startDataEvidence(ctx, plan);
  const sampler = plan.gpus > 0 ? startTelemetry({
    env: req.env,
    exec,
    gpus: prepared.gpus.map((g) => g.index).filter((i) => i >= 0),
    intervalMs: plan.telemetryIntervalMs,
    onProblem: (m) => note(m, "warning")
  }) : void 0;
  note(
    `running ${describeCommand(plan.command)} (timeout ${formatMs(plan.timeoutMs)}, grace ${formatMs(plan.graceMs)})`
  );
  const proc = await runProcess(plan.command, {
    label: "the trainer",
    cwd: plan.cwd,
    env: prepared.trainerEnv,
    timeoutMs: plan.timeoutMs,
    graceMs: plan.graceMs,
    onLine: deps.onLine,
    onNote: (m) => note(m),
    ...deps.cancellation ? { cancellation: deps.cancellation } : {}
  });
  const telemetry = await sampler?.stop();
  return { process: proc, ...telemetry ? { telemetry } : {}, evidence };
}
function startDataEvidence({ req, deps }, { cwd }) {
  const data = req.config.data;
  const paths = [...new Set([data?.train, data?.reference].filter((p) => !!p))];
  const fingerprints = paths.map((p) => track(fingerprintFile(resolve3(cwd, p), p)));
  const profile = data?.train ? track((deps.profile ?? profilePath)(resolve3(cwd, data.train))) : void 0;
  return { paths, fingerprints, ...profile ? { profile } : {} };
}
function track(promise) {
  let settled;
  const done = promise.then(
    (value) => {
      settled = { ok: true, value };
      return settled;
    },
    (error) => {
      settled = { ok: false, error };
      return settled;
    }
  );
  return {
    async result(wait) {
      return wait ? done : settled;
    }
  };
}

// core/train/train.ts
async function train(req, deps) {
  const ctx = trainContext(req, deps);
  const plan = await resolvePlan(req);
  const prepared = await preflight(ctx, plan);
  const ran = await runTrainer(ctx, plan, prepared);
  const collected = await collect(ctx, plan, ran);
  return publish(ctx, plan, prepared, ran, collected);
}
function trainContext(req, deps) {
  const notes = [];
  const note = (message, level = "info") => {
    if (level === "warning") notes.push(message);
    deps.onNote(message, level);
  };
  return { req, deps, exec: deps.exec ?? execCapture, note, notes };
}

export {
  runnerFromEnv,
  ciFromEnv,
  OUTCOME_ICON,
  train
};

import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  asyncBufferFromFile,
  parquetMetadataAsync
} from "./chunk-B3UVWUUN.js";
import {
  execCapture
} from "./chunk-O7IIMTF5.js";
import {
  describeCommand,
  formatMs,
  runProcess
} from "./chunk-43UFDDWR.js";
import {
  readMetricsFile
} from "./chunk-SZ5YRKPB.js";
import {
  profilePath
} from "./chunk-B3ONUL3O.js";
import {
  runRecordSchema,
  sha256
} from "./chunk-7PHMG4D3.js";
import {
  require_dist
} from "./chunk-PGCZXT7T.js";
import {
  artifactName,
  parseDuration,
  trainOf
} from "./chunk-FOFFBESX.js";
import {
  formatKilnFile
} from "./chunk-EQVTLXOE.js";
import {
  copyTree,
  isNotFound,
  readTextFile,
  safeRelativePath,
  walkFiles
} from "./chunk-VQWZVFSN.js";
import {
  CheckFailed,
  KilnError,
  UsageError,
  describeError
} from "./chunk-ZILLKLUF.js";
import {
  __toESM
} from "./chunk-UBBLWZDB.js";

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

// core/train/gpu.ts
var GPU_QUERY = "index,uuid,name,memory.total,driver_version";
var HINT = "Run this job on a GPU runner (runs-on: [self-hosted, gpu]) with the NVIDIA driver installed; see docs/gpu-runners.md";
async function gpuPreflight(asked, opts) {
  const where = opts.where ?? "gpus";
  const listed = await opts.exec(
    "nvidia-smi",
    [`--query-gpu=${GPU_QUERY}`, "--format=csv,noheader,nounits"],
    {
      env: opts.env
    }
  );
  if (listed.error === "not found") {
    throw new CheckFailed(`GPU preflight: ${where} asks for ${asked} GPU(s) but nvidia-smi is not on PATH`, {
      hint: HINT
    });
  }
  if (listed.code !== 0) {
    const said = firstLine(listed.stderr) || firstLine(listed.stdout) || listed.error || `exit ${listed.code}`;
    throw new CheckFailed(`GPU preflight: nvidia-smi failed: ${said}`, { hint: HINT });
  }
  const all = parseGpuList(listed.stdout);
  const cuda = parseCudaVersion((await opts.exec("nvidia-smi", [], { env: opts.env })).stdout);
  for (const gpu of all) {
    if (cuda) gpu.cuda = cuda;
  }
  const preset = opts.env.CUDA_VISIBLE_DEVICES;
  const visible = preset === void 0 ? all : visibleDevices(preset, all);
  if (visible.length < asked) {
    const seen = visible.length ? `: ${visible.map(describeGpu).join("; ")}` : "";
    const hidden = preset !== void 0 && all.length > visible.length ? ` (CUDA_VISIBLE_DEVICES=${JSON.stringify(preset)} hides ${all.length - visible.length} of ${all.length})` : "";
    throw new CheckFailed(
      `GPU preflight: ${where} asks for ${asked} GPU(s) but ${visible.length} ${visible.length === 1 ? "is" : "are"} visible${hidden}${seen}`,
      { hint: `Lower ${where}, or run on a runner with ${asked} GPUs; see docs/gpu-runners.md` }
    );
  }
  if (preset !== void 0) return { gpus: visible, cudaVisibleDevices: preset, setByKiln: false };
  const chosen = visible.slice(0, asked);
  return { gpus: chosen, cudaVisibleDevices: chosen.map((g) => g.index).join(","), setByKiln: true };
}
function parseGpuList(csv) {
  const gpus = [];
  for (const line of csv.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const cells = line.split(",").map((c) => c.trim());
    const [index, uuid, ...rest] = cells;
    const driver = rest.pop();
    const memory = rest.pop();
    const name = rest.join(", ");
    const i = Number(index);
    if (!Number.isInteger(i) || name === "") continue;
    const gpu = { index: i, name };
    if (uuid && !isMissing(uuid)) gpu.uuid = uuid;
    const mb = memory === void 0 ? Number.NaN : Number(memory);
    if (Number.isFinite(mb)) gpu.memory_mb = mb;
    if (driver && !isMissing(driver)) gpu.driver = driver;
    gpus.push(gpu);
  }
  return gpus;
}
function parseCudaVersion(text) {
  return /CUDA Version\s*:\s*([0-9][0-9.]*)/.exec(text)?.[1];
}
function visibleDevices(value, all) {
  const out = [];
  if (value.trim() === "") return out;
  for (const raw of value.split(",")) {
    const entry = raw.trim();
    if (/^MIG-/i.test(entry)) {
      out.push({ index: -1, uuid: entry, name: `MIG instance ${entry}` });
      continue;
    }
    const gpu = /^\d+$/.test(entry) ? all.find((g) => g.index === Number(entry)) : all.find((g) => entry.length > 0 && g.uuid?.startsWith(entry));
    if (!gpu || out.includes(gpu)) break;
    out.push(gpu);
  }
  return out;
}
function describeGpu(gpu) {
  const memory = gpu.memory_mb === void 0 ? "" : ` (${gpu.memory_mb} MiB)`;
  return `${gpu.index >= 0 ? `${gpu.index} ` : ""}${gpu.name}${memory}`;
}
function isMissing(cell) {
  return cell === "" || /^\[.*\]$/.test(cell) || cell === "N/A";
}
function firstLine(text) {
  return text.split(/\r?\n/).find((l) => l.trim() !== "")?.trim() ?? "";
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

// core/train/phases/resolve.ts
import { resolve as resolve2 } from "node:path";

// core/train/params.ts
var import_yaml = __toESM(require_dist(), 1);
import { extname } from "node:path";
async function readParams(path, shown) {
  const text = await readTextFile(path, shown, {
    hint: "train.params names a params file (JSON or YAML) in the repository"
  });
  let data;
  const yaml = extname(shown).toLowerCase() !== ".json";
  try {
    data = yaml ? (0, import_yaml.parse)(text, { prettyErrors: false }) : JSON.parse(text);
  } catch (err) {
    throw new UsageError(
      `${shown} is not valid ${yaml ? "YAML" : "JSON"}: ${err.message.split("\n")[0]}`
    );
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new UsageError(`${shown}: expected a mapping of parameter names to values`);
  }
  return data;
}

// core/train/stage.ts
import { copyFile, link, mkdir, rm, stat } from "node:fs/promises";
import { dirname, isAbsolute, join as join2, relative, resolve } from "node:path";
var CHECKPOINTS_IN_ARTIFACT = "kiln-checkpoints";
var RESERVED_IN_ARTIFACT = /* @__PURE__ */ new Set(["run.json", "profile.json", CHECKPOINTS_IN_ARTIFACT]);
function declaredPath(path, what, cwd, outDir, opts = {}) {
  if (/[*?[\]{}]/.test(path)) {
    throw new UsageError(`${what} ${JSON.stringify(path)} is a glob`, {
      hint: "List files or folders; a folder is uploaded with everything in it"
    });
  }
  const rel = safeRelativePath(path, what);
  const abs = resolve(cwd, rel);
  if (isInside(abs, outDir) || isInside(outDir, abs)) {
    throw new UsageError(
      `${what} ${JSON.stringify(path)} overlaps the output folder ${relative(cwd, outDir)}`,
      {
        hint: "Choose an --out folder outside the declared artifacts"
      }
    );
  }
  if ((opts.atOwnPath ?? true) && RESERVED_IN_ARTIFACT.has(rel.split("/")[0] ?? "")) {
    throw new UsageError(
      `${what} ${JSON.stringify(path)} clashes with kiln's own ${rel.split("/")[0]} in the artifact`,
      {
        hint: "Rename the file or folder"
      }
    );
  }
  return rel;
}
function isInside(parent, child) {
  const rel = relative(parent, child);
  return rel === "" || !rel.startsWith("..") && !isAbsolute(rel);
}
async function stagePath(cwd, rel, outDir, opts) {
  const from = resolve(cwd, rel);
  let info;
  try {
    info = await stat(from);
  } catch (err) {
    if (err.code === "ENOENT") {
      throw new CheckFailed(`${opts.what} ${rel} does not exist after training`, {
        hint: "The trainer must write every declared artifact; check the path in the config"
      });
    }
    throw err;
  }
  const files = info.isDirectory() ? (await walkFiles(from)).map((f) => `${rel}/${f}`) : [rel];
  const staged = [];
  for (const file of files) {
    const target = opts.prefix ? `${opts.prefix}/${file.slice(rel.length + 1) || file}` : file;
    await placeFile(resolve(cwd, file), join2(outDir, target));
    staged.push(target);
  }
  return staged;
}
async function placeFile(from, to) {
  await mkdir(dirname(to), { recursive: true });
  await rm(to, { force: true });
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

// core/train/phases/resolve.ts
var DEFAULT_GRACE_MS = 1e4;
var DEFAULT_TELEMETRY_INTERVAL_MS = 5e3;
var DEFAULT_TIMEOUT = "6h";
async function resolvePlan(req) {
  const where = `models.${req.model}.train`;
  const trainConfig = trainOf(req.config);
  const command = req.command?.length ? { argv: req.command } : req.commandLine ? { shell: req.commandLine } : trainConfig ? { shell: trainConfig.command } : (() => {
    throw new UsageError(`${req.configFile}: ${where} is not set and no command was given`, {
      hint: "Set `train: <command>` for the model, or give the command after `--`"
    });
  })();
  const gpus = req.gpus ?? trainConfig?.gpus ?? 0;
  const timeoutS = parseDuration(trainConfig?.timeout ?? DEFAULT_TIMEOUT, `${where}.timeout`);
  const artifact = artifactName("run", req.model, req.variant);
  const cwd = resolve2(req.cwd);
  const outDir = resolve2(cwd, req.outDir);
  const artifactPaths = req.config.artifacts.map(
    (p) => declaredPath(p, `models.${req.model}.artifacts`, cwd, outDir)
  );
  const examplesPath = req.config.examples ? declaredPath(req.config.examples, `models.${req.model}.examples`, cwd, outDir) : void 0;
  const checkpoints = trainConfig?.checkpoints ? declaredPath(trainConfig.checkpoints, `${where}.checkpoints`, cwd, outDir, { atOwnPath: false }) : void 0;
  const params = trainConfig?.params ? await readParams(resolve2(cwd, trainConfig.params), trainConfig.params) : void 0;
  return {
    where,
    command,
    gpus,
    timeoutMs: timeoutS * 1e3,
    graceMs: req.graceMs ?? DEFAULT_GRACE_MS,
    telemetryIntervalMs: req.telemetryIntervalMs ?? DEFAULT_TELEMETRY_INTERVAL_MS,
    artifact,
    cwd,
    outDir,
    artifactPaths,
    ...examplesPath ? { examplesPath } : {},
    ...checkpoints ? { checkpoints } : {},
    ...params ? { params } : {}
  };
}

// core/train/phases/collect.ts
import { writeFile } from "node:fs/promises";
import { join as join3, resolve as resolve3 } from "node:path";
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
      ({ metrics, slices } = await readMetricsFile(resolve3(cwd, req.config.metrics), req.config.metrics));
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
    await writeFile(join3(outDir, "profile.json"), formatKilnFile(profile.value));
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
import { mkdir as mkdir3, rm as rm3 } from "node:fs/promises";
import { join as join5, relative as relative2, resolve as resolve4 } from "node:path";

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
import { mkdir as mkdir2, readdir, rm as rm2 } from "node:fs/promises";
import { join as join4 } from "node:path";
async function restoreCheckpoints(opts) {
  if ((await entries(opts.dir)).length > 0) {
    return { restored: false, reason: `${opts.shown} already has files; the trainer resumes from them` };
  }
  const previous = (await opts.store.list()).find((a) => a.name === opts.artifact);
  if (!previous) return { restored: false, reason: `no earlier ${opts.artifact} to resume from` };
  await rm2(opts.scratch, { recursive: true, force: true });
  try {
    await opts.store.download(opts.artifact, opts.scratch);
    const source = join4(opts.scratch, CHECKPOINTS_IN_ARTIFACT);
    if ((await entries(source)).length === 0) {
      return {
        restored: false,
        reason: `${opts.artifact} holds no checkpoints (its run succeeded or saved none)`
      };
    }
    await mkdir2(opts.dir, { recursive: true });
    const files = await copyTree(source, opts.dir);
    return { restored: true, files: files.length, from: opts.artifact };
  } finally {
    await rm2(opts.scratch, { recursive: true, force: true });
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
  await mkdir3(outDir, { recursive: true });
  await rm3(join5(outDir, "run.json"), { force: true });
  await rm3(join5(outDir, "profile.json"), { force: true });
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
  if (checkpoints) trainerEnv.KILN_CHECKPOINTS = resolve4(cwd, checkpoints);
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
  const out = relative2(cwd, outDir);
  const exclude = [".kiln", ...out && !out.startsWith("..") ? [out] : []];
  const fromGit = await codeInfo(cwd, { env: req.env, exec, exclude });
  return { ...req.codeFallback, ...fromGit };
}
async function resume({ deps, note }, plan, checkpoints) {
  try {
    const restored = await restoreCheckpoints({
      store: deps.store,
      artifact: plan.artifact,
      dir: resolve4(plan.cwd, checkpoints),
      shown: checkpoints,
      scratch: join5(plan.outDir, ".kiln-restore")
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
import { join as join6 } from "node:path";

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
  const runPath = join6(plan.outDir, "run.json");
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
  const summaryPath = join6(plan.outDir, "summary.md");
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
import { resolve as resolve5 } from "node:path";

// core/train/fingerprint.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat as stat2 } from "node:fs/promises";
import { Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
async function fingerprintFile(path, shown = path) {
  let info;
  try {
    info = await stat2(path);
  } catch (err) {
    if (err.code === "ENOENT") throw new UsageError(`${shown} does not exist`);
    throw err;
  }
  if (!info.isFile()) throw new UsageError(`${shown} is not a file`, { hint: "Declare a data file" });
  const lower = path.toLowerCase();
  const gz = lower.endsWith(".gz");
  const base = gz ? lower.slice(0, -3) : lower;
  const counter = base.endsWith(".csv") ? csvCounter() : base.endsWith(".tsv") ? csvCounter() : base.endsWith(".jsonl") || base.endsWith(".ndjson") ? lineCounter() : void 0;
  const hash = createHash("sha256");
  const hashing = new Transform({
    transform(chunk, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    }
  });
  const counting = new Writable({
    write(chunk, _encoding, done) {
      counter?.push(chunk);
      done();
    }
  });
  try {
    if (gz && counter) await pipeline(createReadStream(path), hashing, createGunzip(), counting);
    else await pipeline(createReadStream(path), hashing, counting);
  } catch (err) {
    if (gz && err.code?.startsWith("Z_"))
      throw new UsageError(`${shown} is not valid gzip: ${err.message}`);
    throw err;
  }
  const out = { sha256: hash.digest("hex") };
  if (counter) out.rows = counter.rows();
  else if (base.endsWith(".parquet") && !gz) {
    try {
      out.rows = Number((await parquetMetadataAsync(await asyncBufferFromFile(path))).num_rows);
    } catch (err) {
      throw new UsageError(`${shown} is not a readable Parquet file: ${err.message}`);
    }
  }
  return out;
}
function csvCounter() {
  let inQuotes = false;
  let records = 0;
  let lineHasContent = false;
  return {
    push(chunk) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i];
        if (b === 34) inQuotes = !inQuotes;
        if (b === 10 && !inQuotes) {
          if (lineHasContent) records++;
          lineHasContent = false;
        } else if (b !== 13) lineHasContent = true;
      }
    },
    rows() {
      const total = records + (lineHasContent ? 1 : 0);
      return Math.max(0, total - 1);
    }
  };
}
function lineCounter() {
  let lines = 0;
  let lineHasContent = false;
  return {
    push(chunk) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i];
        if (b === 10) {
          if (lineHasContent) lines++;
          lineHasContent = false;
        } else if (b !== 32 && b !== 9 && b !== 13) lineHasContent = true;
      }
    },
    rows() {
      return lines + (lineHasContent ? 1 : 0);
    }
  };
}

// core/train/phases/run.ts
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
  const fingerprints = paths.map((p) => track(fingerprintFile(resolve5(cwd, p), p)));
  const profile = data?.train ? track((deps.profile ?? profilePath)(resolve5(cwd, data.train))) : void 0;
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
  DEFAULT_TELEMETRY_INTERVAL_MS,
  fingerprintFile,
  train
};

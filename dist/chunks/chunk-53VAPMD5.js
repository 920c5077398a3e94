import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  asyncBufferFromFile,
  parquetMetadataAsync
} from "./chunk-B3UVWUUN.js";
import {
  require_dist
} from "./chunk-PGCZXT7T.js";
import {
  artifactName,
  parseDuration,
  trainOf
} from "./chunk-CG4E3PCN.js";
import {
  readTextFile,
  safeRelativePath,
  walkFiles
} from "./chunk-GG6ZXDCZ.js";
import {
  CheckFailed,
  UsageError
} from "./chunk-ZILLKLUF.js";
import {
  __toESM
} from "./chunk-UBBLWZDB.js";

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
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
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
    await placeFile(resolve(cwd, file), join(outDir, target));
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

export {
  gpuPreflight,
  describeGpu,
  CHECKPOINTS_IN_ARTIFACT,
  isInside,
  stagePath,
  DEFAULT_GRACE_MS,
  DEFAULT_TELEMETRY_INTERVAL_MS,
  resolvePlan,
  fingerprintFile
};

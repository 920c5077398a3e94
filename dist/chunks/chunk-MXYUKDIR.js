import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  DEFAULT_GRACE_MS,
  describeGpu,
  fingerprintFile,
  gpuPreflight,
  isInside
} from "./chunk-53VAPMD5.js";
import {
  execCapture
} from "./chunk-O7IIMTF5.js";
import {
  formatMs,
  runProcess
} from "./chunk-43UFDDWR.js";
import {
  globRegExp,
  isGlob
} from "./chunk-XGQSOL3A.js";
import {
  parseMetrics
} from "./chunk-SZ5YRKPB.js";
import {
  sha256
} from "./chunk-TEGK7FMR.js";
import {
  evaluateOf,
  parseDuration
} from "./chunk-CG4E3PCN.js";
import {
  copyTree,
  walkFiles
} from "./chunk-GG6ZXDCZ.js";
import {
  CheckFailed,
  UsageError,
  describeError
} from "./chunk-ZILLKLUF.js";

// core/evaluate/run-evaluation.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
var STDERR_TAIL = 10;
var LINE_CAP = 300;
async function runEvaluation(req, deps = {}) {
  const where = `models.${req.model}.evaluate`;
  const who = req.label ?? req.model;
  const config = evaluateOf(req.config);
  if (!config) {
    throw new UsageError(`${req.configFile}: ${where} is not set, so kiln cannot score ${who}`, {
      hint: "Declare `evaluate:` for the model: the command that scores it and the data (see docs/configuration.md)"
    });
  }
  if (!config.command.trim()) {
    throw new UsageError(`${req.configFile}: ${where}.command is empty`, {
      hint: "Set the command that scores the model, e.g. `command: python3 evaluate.py`"
    });
  }
  const pattern = req.data ?? config.data;
  if (pattern === void 0 || pattern === "") {
    throw new UsageError(
      `${req.configFile}: ${where} names no evaluation data (the short form \`evaluate: <command>\` has none) and none was given`,
      { hint: "Give the data with --data PATH, or write `evaluate:` as an object with `command` and `data`" }
    );
  }
  const timeoutS = parseDuration(config.timeout, `${where}.timeout`);
  const cwd = resolve(req.cwd);
  const outDir = resolve(cwd, req.outDir);
  const modelDir = resolve(cwd, req.modelDir);
  const note = deps.onNote ?? (() => {
  });
  await checkModelDir(modelDir, who);
  const data = await expandData(pattern, cwd);
  const metricsName = basename(req.config.metrics);
  const examplesName = req.config.examples ? basename(req.config.examples) : void 0;
  if (examplesName === metricsName) {
    throw new UsageError(
      `${req.configFile}: models.${req.model}.metrics and examples have the same file name ${metricsName}, so their evaluation files would overwrite each other`,
      { hint: "Give the metrics and the per-example results different file names" }
    );
  }
  await prepareOutDir(outDir, { cwd, modelDir, data, who });
  const metricsFile = join(outDir, metricsName);
  const examplesFile = examplesName ? join(outDir, examplesName) : null;
  const codeDigest = await digestCode(config.command, cwd);
  const dataDigest = settle(digestData(data));
  let cacheEntry;
  if (req.cacheDir) {
    const digest = await dataDigest;
    if (!digest.ok) throw digest.error;
    cacheEntry = join(resolve(cwd, req.cacheDir), sha256(`${codeDigest}\0${digest.value.sha256}`));
    const cached = await readCachedEvaluation(cacheEntry, outDir);
    if (cached) {
      note(`reused ${who}'s score of ${pattern} (same evaluate code and data) from ${cacheEntry}`);
      return cached;
    }
  }
  let linkDir;
  try {
    let evalData = data.root;
    if (data.kind === "glob") {
      linkDir = await linkFiles(outDir, data.files);
      evalData = linkDir;
    }
    const env = { ...req.env };
    for (const key of ["KILN_EXAMPLES_FILE", "KILN_MODEL_VERSION", "KILN_RUN_DIR", "KILN_CHECKPOINTS"])
      delete env[key];
    Object.assign(env, {
      KILN_MODEL: req.model,
      KILN_MODEL_DIR: modelDir,
      KILN_EVAL_DATA: evalData,
      KILN_OUTPUT_DIR: outDir,
      KILN_METRICS_FILE: metricsFile,
      // Python block-buffers stdout into a pipe; live logs need it line by line.
      PYTHONUNBUFFERED: req.env.PYTHONUNBUFFERED ?? "1"
    });
    if (examplesFile) env.KILN_EXAMPLES_FILE = examplesFile;
    if (req.version) env.KILN_MODEL_VERSION = req.version;
    if (config.gpus > 0) {
      const found = await gpuPreflight(config.gpus, {
        env: req.env,
        exec: execCapture,
        where: `${where}.gpus`
      });
      env.CUDA_VISIBLE_DEVICES = found.cudaVisibleDevices;
      note(
        `GPU preflight: ${config.gpus} asked, using ${found.gpus.map(describeGpu).join("; ")} (CUDA_VISIBLE_DEVICES=${found.cudaVisibleDevices}${found.setByKiln ? "" : ", set by the runner"})`
      );
    }
    const command = { shell: config.command };
    const graceMs = DEFAULT_GRACE_MS;
    const timeoutMs = timeoutS * 1e3;
    note(
      `scoring ${who} on ${pattern}: running ${config.command} (timeout ${formatMs(timeoutMs)}, grace ${formatMs(graceMs)})`
    );
    const stderrTail = [];
    const proc = await runProcess(command, {
      label: "the evaluate command",
      cwd,
      env,
      timeoutMs,
      graceMs,
      onLine: (stream, line) => {
        if (stream === "stderr") {
          stderrTail.push(line.length > LINE_CAP ? `${line.slice(0, LINE_CAP - 1)}…` : line);
          if (stderrTail.length > STDERR_TAIL) stderrTail.shift();
        }
        deps.onLine?.(stream, line);
      },
      onNote: note,
      ...deps.cancellation ? { cancellation: deps.cancellation } : {}
    });
    if (proc.outcome !== "succeeded") {
      const failure = failureOf(proc, { who, timeoutMs, graceMs });
      const hint = proc.outcome === "timed-out" ? `Raise ${where}.timeout, or make the command faster` : proc.outcome === "cancelled" ? void 0 : `Run \`${config.command}\` with the variables docs/configuration.md lists to reproduce it`;
      const tail = stderrTail.filter((l) => l.trim() !== "");
      if (tail.length === 0) throw new CheckFailed(failure, hint ? { hint } : {});
      throw new CheckFailed(
        `${failure}${hint ? ` (${hint[0]?.toLowerCase()}${hint.slice(1)})` : ""}; its last stderr lines:
${tail.map((l) => `  ${l}`).join("\n")}`
      );
    }
    const shown = (abs) => {
      const rel = relative(cwd, abs);
      return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : abs;
    };
    const captured = await readEvaluationMetrics(metricsFile, shown(metricsFile), who);
    const expected = Object.entries(req.config.gate.metrics).filter(([, rule]) => rule.required).map(([name]) => name);
    const missing = expected.filter((name) => !(name in captured.metrics));
    if (missing.length > 0) {
      const have = Object.keys(captured.metrics);
      throw new CheckFailed(
        `the evaluate command wrote ${shown(metricsFile)} for ${who} without ${missing.join(", ")}: the gate rules (models.${req.model}.gate.metrics) expect ${expected.join(", ")}; it has ${have.length ? have.join(", ") : "none"}`,
        {
          hint: "Write every metric the gate names to KILN_METRICS_FILE, or mark the rule `required: false`"
        }
      );
    }
    let examplesSha256 = null;
    if (examplesFile) {
      try {
        examplesSha256 = sha256(await readFile(examplesFile));
      } catch (err) {
        if (err.code !== "ENOENT") throw err;
        throw new CheckFailed(
          `the evaluate command wrote no per-example results for ${who}: expected ${shown(examplesFile)} (KILN_EXAMPLES_FILE), since models.${req.model}.examples is ${req.config.examples}`,
          { hint: "Write one row per example (id,label,prediction,…) to KILN_EXAMPLES_FILE" }
        );
      }
    }
    const digest = await dataDigest;
    if (!digest.ok) throw digest.error;
    const evaluation = {
      metrics: captured.metrics,
      ...captured.slices ? { slices: captured.slices } : {},
      metricsFile,
      examplesFile,
      examplesSha256,
      data: { path: pattern, ...digest.value },
      codeDigest,
      outcome: "succeeded"
    };
    if (cacheEntry) await writeCachedEvaluation(cacheEntry, outDir, evaluation);
    return evaluation;
  } finally {
    if (linkDir) await rm(linkDir, { recursive: true, force: true });
  }
}
function failureOf(proc, opts) {
  const scoring = `while scoring ${opts.who}`;
  const killed = proc.killed ? `; it did not stop within the ${formatMs(opts.graceMs)} grace period and was killed` : "";
  switch (proc.outcome) {
    case "timed-out":
      return `the evaluate command ran past its timeout of ${formatMs(opts.timeoutMs)} ${scoring} (SIGTERM sent)${killed}`;
    case "cancelled":
      return `the evaluation of ${opts.who} was cancelled (${proc.reason ?? "stop requested"})${killed}`;
    default:
      if (proc.error) return `the evaluate command could not start ${scoring}: ${proc.error}`;
      return proc.signal ? `the evaluate command was killed by ${proc.signal} ${scoring}` : `the evaluate command exited with ${proc.exitCode} ${scoring}`;
  }
}
async function checkModelDir(modelDir, who) {
  let info;
  try {
    info = await stat(modelDir);
  } catch (err) {
    if (err.code !== "ENOENT") throw err;
    throw new UsageError(`the model files of ${who} are missing: ${modelDir} does not exist`, {
      hint: "Point the model folder at the files the trainer saved (the model's first `artifacts` entry)"
    });
  }
  if (!info.isDirectory()) {
    throw new UsageError(`the model files of ${who} should be a folder, but ${modelDir} is a file`, {
      hint: "Point the model folder at the folder the trainer saved the model in"
    });
  }
}
var DATA_HINT = "Point evaluate.data (or --data) at the evaluation data: a file, a folder or a glob";
async function expandData(pattern, cwd) {
  if (!isGlob(pattern)) {
    const abs = resolve(cwd, pattern);
    const info = await stat(abs).catch(() => null);
    if (!info)
      throw new UsageError(`the evaluation data ${pattern} does not exist (under ${cwd})`, {
        hint: DATA_HINT
      });
    if (info.isFile()) return { kind: "file", root: abs, files: [{ shown: pattern, abs }] };
    if (!info.isDirectory())
      throw new UsageError(`the evaluation data ${pattern} is not a file`, { hint: DATA_HINT });
    const files2 = (await walkFiles(abs)).map((rel) => ({
      shown: `${pattern.replace(/\/+$/, "")}/${rel}`,
      abs: join(abs, rel)
    }));
    if (files2.length === 0)
      throw new UsageError(`the evaluation data folder ${pattern} holds no files`, { hint: DATA_HINT });
    return { kind: "folder", root: abs, files: files2 };
  }
  const parts = pattern.split("/");
  const fixed = [];
  while (parts.length > 1 && !isGlob(parts[0])) fixed.push(parts.shift());
  const base = fixed.join("/") || (pattern.startsWith("/") ? "/" : ".");
  const root = resolve(cwd, base);
  const matcher = globRegExp(parts.join("/"));
  const found = await walkFiles(root).catch(() => []);
  const files = found.filter((rel) => matcher.test(rel)).map((rel) => ({
    shown: base === "." ? rel : `${base.replace(/\/+$/, "")}/${rel}`,
    abs: join(root, rel)
  })).sort((a, b) => a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0);
  if (files.length === 0) {
    throw new UsageError(`the evaluation data ${pattern} matches no files (under ${root})`, {
      hint: DATA_HINT
    });
  }
  return { kind: "glob", root, files };
}
async function prepareOutDir(outDir, ctx) {
  const refuse = (what) => new UsageError(`the output folder ${outDir} ${what}; kiln empties it before scoring ${ctx.who}`, {
    hint: "Choose an output folder of its own (the CLI's default is .kiln/evaluate/<model>)"
  });
  if (isInside(outDir, ctx.cwd)) throw refuse(`holds the working directory ${ctx.cwd}`);
  if (isInside(outDir, ctx.modelDir) || isInside(ctx.modelDir, outDir))
    throw refuse(`overlaps the model files ${ctx.modelDir}`);
  const inside = ctx.data.files.find((f) => isInside(outDir, f.abs));
  if (inside) throw refuse(`holds the evaluation data ${inside.shown}`);
  let entries;
  try {
    entries = await readdir(outDir);
  } catch (err) {
    const code = err.code;
    if (code === "ENOENT") {
      await mkdir(outDir, { recursive: true });
      return;
    }
    if (code === "ENOTDIR") throw refuse("is a file");
    throw err;
  }
  for (const entry of entries) await rm(join(outDir, entry), { recursive: true, force: true });
}
async function linkFiles(outDir, files) {
  const dir = await mkdtemp(join(dirname(outDir), `.${basename(outDir)}-data-`));
  const width = Math.max(4, String(files.length).length);
  for (const [i, file] of files.entries()) {
    await symlink(file.abs, join(dir, `${String(i + 1).padStart(width, "0")}-${basename(file.abs)}`));
  }
  return dir;
}
async function digestData(data) {
  const prints = [];
  for (const file of data.files) prints.push(await fingerprintFile(file.abs, file.shown));
  if (data.kind === "file" && prints[0]) return prints[0];
  const list = data.files.map((f, i) => `${prints[i]?.sha256}  ${f.shown}
`).join("");
  const rows = prints.every((p) => p.rows !== void 0) ? prints.reduce((sum, p) => sum + (p.rows ?? 0), 0) : void 0;
  return { sha256: sha256(list), ...rows === void 0 ? {} : { rows } };
}
async function digestCode(command, cwd) {
  const named = /* @__PURE__ */ new Set();
  for (const word of shellWords(command)) {
    for (const candidate of [word, word.includes("=") ? word.slice(word.indexOf("=") + 1) : ""]) {
      if (!candidate || candidate.startsWith("-")) continue;
      const abs = resolve(cwd, candidate);
      if (!isInside(cwd, abs) || abs === cwd) continue;
      const info = await stat(abs).catch(() => null);
      if (info?.isFile()) named.add(relative(cwd, abs).split("\\").join("/"));
    }
  }
  const hash = createHash("sha256").update(`command\0${command}\0`);
  for (const rel of [...named].sort()) hash.update(`file\0${rel}\0${await sha256File(join(cwd, rel))}\0`);
  return hash.digest("hex");
}
function shellWords(line) {
  const words = [];
  let word = null;
  let quote = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === "\\" && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      word ??= "";
    } else if (c === "\\" && i + 1 < line.length) {
      word = (word ?? "") + line[++i];
    } else if (/\s|[;&|<>()]/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else word = (word ?? "") + c;
  }
  if (word !== null) words.push(word);
  return words;
}
function sha256File(path) {
  return new Promise((done, fail) => {
    const hash = createHash("sha256");
    createReadStream(path).on("data", (chunk) => hash.update(chunk)).on("error", fail).on("end", () => done(hash.digest("hex")));
  });
}
async function readEvaluationMetrics(path, shown, who) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if (err.code !== "ENOENT")
      throw new CheckFailed(`cannot read ${shown}: ${describeError(err)}`);
    throw new CheckFailed(
      `the evaluate command wrote no metrics for ${who}: expected ${shown} (KILN_METRICS_FILE)`,
      { hint: "Write the metrics as a JSON object of numbers to the path in KILN_METRICS_FILE" }
    );
  }
  return parseMetrics(text, shown);
}
function settle(promise) {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error) => ({ ok: false, error })
  );
}
async function readCachedEvaluation(entry, outDir) {
  let text;
  try {
    text = await readFile(join(entry, "evaluation.json"), "utf8");
  } catch (err) {
    if (err.code === "ENOENT") return null;
    throw err;
  }
  const saved = JSON.parse(text);
  await copyTree(join(entry, "files"), outDir);
  return {
    ...saved,
    metricsFile: join(outDir, saved.metricsFile),
    examplesFile: saved.examplesFile === null ? null : join(outDir, saved.examplesFile)
  };
}
async function writeCachedEvaluation(entry, outDir, evaluation) {
  const staging = `${entry}.${process.pid}-${Date.now()}.partial`;
  await mkdir(join(staging, "files"), { recursive: true });
  await copyTree(outDir, join(staging, "files"));
  const record = {
    ...evaluation,
    metricsFile: basename(evaluation.metricsFile),
    examplesFile: evaluation.examplesFile === null ? null : basename(evaluation.examplesFile)
  };
  await writeFile(join(staging, "evaluation.json"), `${JSON.stringify(record, null, 2)}
`);
  await rm(entry, { recursive: true, force: true });
  await rename(staging, entry);
}

export {
  runEvaluation
};

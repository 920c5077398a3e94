/**
 * Scores ONE model on ONE dataset with the user's evaluate command (`models.<m>.evaluate`), so a
 * candidate and a baseline can be measured by the same code on the same data. The command runs
 * under the trainer's process control (core/process/runner.ts: process group, time limit, SIGTERM,
 * a grace period, SIGKILL) and gets, besides the base environment:
 *
 *   KILN_MODEL          the model's name
 *   KILN_MODEL_DIR      the model's files, laid out as the trainer saved them
 *   KILN_EVAL_DATA      the data: one absolute path (a file, a folder, or for a glob a fresh folder
 *                       beside the output folder holding links to the matched files in sorted order)
 *   KILN_OUTPUT_DIR     an empty folder for what it writes
 *   KILN_METRICS_FILE   <KILN_OUTPUT_DIR>/<basename of `metrics:`>
 *   KILN_EXAMPLES_FILE  <KILN_OUTPUT_DIR>/<basename of `examples:`>, when the model declares one
 *   KILN_MODEL_VERSION  the registry version being scored, when one is
 *
 * Every way this can go wrong is a KilnError: unusable config, data or model files are UsageErrors
 * (exit 2); a command that fails, times out or does not write what it must is CheckFailed (exit 1).
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { evaluateOf, type ModelConfig } from "../config/schema.js";
import { parseDuration } from "../config/units.js";
import { sha256 } from "../digest.js";
import { CheckFailed, describeError, UsageError } from "../errors.js";
import { copyTree, walkFiles } from "../fs.js";
import { globRegExp, isGlob } from "../monitor/data-files.js";
import type { Cancellation } from "../process/cancellation.js";
import { type CommandSpec, formatMs, type ProcessResult, runProcess } from "../process/runner.js";
import { execCapture } from "../train/exec.js";
import { type Fingerprint, fingerprintFile } from "../train/fingerprint.js";
import { describeGpu, gpuPreflight } from "../train/gpu.js";
import { parseMetrics } from "../train/metrics-capture.js";
import { DEFAULT_GRACE_MS } from "../train/phases/resolve.js";
import { isInside } from "../train/stage.js";

export interface EvaluationRequest {
  model: string;
  /** The model's entry; its `evaluate` must be set. */
  config: ModelConfig;
  /** The config file as shown to the user. */
  configFile: string;
  /** Where the command runs and where `data` is resolved (absolute). */
  cwd: string;
  /** Absolute: the model's files, laid out as the trainer saved them → KILN_MODEL_DIR. */
  modelDir: string;
  /** Overrides evaluate.data (a path or a glob, relative to cwd or absolute). */
  data?: string;
  /** Absolute; created (emptied when it holds files), ends up holding only what the command wrote → KILN_OUTPUT_DIR. */
  outDir: string;
  /** → KILN_MODEL_VERSION when scoring a registry version, e.g. "penguins@v1". */
  version?: string;
  /** The base environment (core reads no process.env). */
  env: Readonly<Record<string, string | undefined>>;
  /** Who is being scored, for messages: "the candidate", "penguins@v1". Default: the model's name. */
  label?: string;
  /**
   * For a model that never changes (a registry version): a folder of its earlier scores, keyed by
   * the evaluate code's digest and the data's. A score found there is reused, not run again.
   */
  cacheDir?: string;
}

export interface Evaluation {
  /** The metrics file flattened to dot paths, as run.json's `metrics` (its `slices` map is apart). */
  metrics: Record<string, number>;
  /** The metrics file's top-level `slices`, when it has one (as run.json's `slices`). */
  slices?: Record<string, Record<string, number>>;
  /** Absolute, inside outDir. */
  metricsFile: string;
  /** Absolute, inside outDir, when the model declares `examples:`. */
  examplesFile: string | null;
  examplesSha256: string | null;
  /**
   * `path` as configured or given; `sha256` of the file, or for a glob or a folder of the sorted
   * list of `<sha256>  <path>` lines (sha256sum's format); `rows` when every file's can be counted.
   */
  data: { path: string; sha256: string; rows?: number };
  /** sha256 of the command string and of every file in cwd its command line names (evaluate.py). */
  codeDigest: string;
  outcome: "succeeded";
}

export interface EvaluationDeps {
  /** The command's output, one line at a time. */
  onLine?: (stream: "stdout" | "stderr", line: string) => void;
  cancellation?: Cancellation;
  /** kiln's own notes: what runs, signals sent, the GPU preflight. */
  onNote?: (message: string) => void;
}

/** The command's stderr lines kept for the message when it fails. */
const STDERR_TAIL = 10;
/** Longest stderr line shown in a message. */
const LINE_CAP = 300;

export async function runEvaluation(req: EvaluationRequest, deps: EvaluationDeps = {}): Promise<Evaluation> {
  const where = `models.${req.model}.evaluate`;
  const who = req.label ?? req.model;
  const config = evaluateOf(req.config);
  if (!config) {
    throw new UsageError(`${req.configFile}: ${where} is not set, so kiln cannot score ${who}`, {
      hint: "Declare `evaluate:` for the model: the command that scores it and the data (see docs/configuration.md)",
    });
  }
  if (!config.command.trim()) {
    throw new UsageError(`${req.configFile}: ${where}.command is empty`, {
      hint: "Set the command that scores the model, e.g. `command: python3 evaluate.py`",
    });
  }
  const pattern = req.data ?? config.data;
  if (pattern === undefined || pattern === "") {
    throw new UsageError(
      `${req.configFile}: ${where} names no evaluation data (the short form \`evaluate: <command>\` has none) and none was given`,
      { hint: "Give the data with --data PATH, or write `evaluate:` as an object with `command` and `data`" },
    );
  }
  const timeoutS = parseDuration(config.timeout, `${where}.timeout`);
  const cwd = resolve(req.cwd);
  const outDir = resolve(cwd, req.outDir);
  const modelDir = resolve(cwd, req.modelDir);
  const note = deps.onNote ?? (() => {});

  await checkModelDir(modelDir, who);
  const data = await expandData(pattern, cwd);
  const metricsName = basename(req.config.metrics);
  const examplesName = req.config.examples ? basename(req.config.examples) : undefined;
  if (examplesName === metricsName) {
    throw new UsageError(
      `${req.configFile}: models.${req.model}.metrics and examples have the same file name ${metricsName}, so their evaluation files would overwrite each other`,
      { hint: "Give the metrics and the per-example results different file names" },
    );
  }
  await prepareOutDir(outDir, { cwd, modelDir, data, who });

  const metricsFile = join(outDir, metricsName);
  const examplesFile = examplesName ? join(outDir, examplesName) : null;
  const codeDigest = await digestCode(config.command, cwd);
  // Hashing a big test set should not delay the command: it runs alongside (unless a cached score
  // is looked up by it first).
  const dataDigest = settle(digestData(data));
  let cacheEntry: string | undefined;
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

  let linkDir: string | undefined;
  try {
    let evalData = data.root;
    if (data.kind === "glob") {
      linkDir = await linkFiles(outDir, data.files);
      evalData = linkDir;
    }
    const env: Record<string, string | undefined> = { ...req.env };
    // A value inherited from an outer kiln step must not pass for this evaluation's.
    for (const key of ["KILN_EXAMPLES_FILE", "KILN_MODEL_VERSION", "KILN_RUN_DIR", "KILN_CHECKPOINTS"])
      delete env[key];
    Object.assign(env, {
      KILN_MODEL: req.model,
      KILN_MODEL_DIR: modelDir,
      KILN_EVAL_DATA: evalData,
      KILN_OUTPUT_DIR: outDir,
      KILN_METRICS_FILE: metricsFile,
      // Python block-buffers stdout into a pipe; live logs need it line by line.
      PYTHONUNBUFFERED: req.env.PYTHONUNBUFFERED ?? "1",
    });
    if (examplesFile) env.KILN_EXAMPLES_FILE = examplesFile;
    if (req.version) env.KILN_MODEL_VERSION = req.version;
    if (config.gpus > 0) {
      const found = await gpuPreflight(config.gpus, {
        env: req.env,
        exec: execCapture,
        where: `${where}.gpus`,
      });
      env.CUDA_VISIBLE_DEVICES = found.cudaVisibleDevices;
      note(
        `GPU preflight: ${config.gpus} asked, using ${found.gpus.map(describeGpu).join("; ")} (CUDA_VISIBLE_DEVICES=${found.cudaVisibleDevices}${found.setByKiln ? "" : ", set by the runner"})`,
      );
    }

    const command: CommandSpec = { shell: config.command };
    const graceMs = DEFAULT_GRACE_MS;
    const timeoutMs = timeoutS * 1000;
    note(
      `scoring ${who} on ${pattern}: running ${config.command} (timeout ${formatMs(timeoutMs)}, grace ${formatMs(graceMs)})`,
    );
    const stderrTail: string[] = [];
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
      ...(deps.cancellation ? { cancellation: deps.cancellation } : {}),
    });
    if (proc.outcome !== "succeeded") {
      const failure = failureOf(proc, { who, timeoutMs, graceMs });
      const hint =
        proc.outcome === "timed-out"
          ? `Raise ${where}.timeout, or make the command faster`
          : proc.outcome === "cancelled"
            ? undefined
            : `Run \`${config.command}\` with the variables docs/configuration.md lists to reproduce it`;
      const tail = stderrTail.filter((l) => l.trim() !== "");
      // The hint goes before the command's own lines, so it does not read as the last of them.
      if (tail.length === 0) throw new CheckFailed(failure, hint ? { hint } : {});
      throw new CheckFailed(
        `${failure}${hint ? ` (${hint[0]?.toLowerCase()}${hint.slice(1)})` : ""}; its last stderr lines:\n${tail.map((l) => `  ${l}`).join("\n")}`,
      );
    }

    const shown = (abs: string) => {
      const rel = relative(cwd, abs);
      return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : abs;
    };
    const captured = await readEvaluationMetrics(metricsFile, shown(metricsFile), who);
    const expected = Object.entries(req.config.gate.metrics)
      .filter(([, rule]) => rule.required)
      .map(([name]) => name);
    const missing = expected.filter((name) => !(name in captured.metrics));
    if (missing.length > 0) {
      const have = Object.keys(captured.metrics);
      throw new CheckFailed(
        `the evaluate command wrote ${shown(metricsFile)} for ${who} without ${missing.join(", ")}: the gate rules (models.${req.model}.gate.metrics) expect ${expected.join(", ")}; it has ${have.length ? have.join(", ") : "none"}`,
        {
          hint: "Write every metric the gate names to KILN_METRICS_FILE, or mark the rule `required: false`",
        },
      );
    }
    let examplesSha256: string | null = null;
    if (examplesFile) {
      try {
        examplesSha256 = sha256(await readFile(examplesFile));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
        throw new CheckFailed(
          `the evaluate command wrote no per-example results for ${who}: expected ${shown(examplesFile)} (KILN_EXAMPLES_FILE), since models.${req.model}.examples is ${req.config.examples}`,
          { hint: "Write one row per example (id,label,prediction,…) to KILN_EXAMPLES_FILE" },
        );
      }
    }
    const digest = await dataDigest;
    if (!digest.ok) throw digest.error;
    const evaluation: Evaluation = {
      metrics: captured.metrics,
      ...(captured.slices ? { slices: captured.slices } : {}),
      metricsFile,
      examplesFile,
      examplesSha256,
      data: { path: pattern, ...digest.value },
      codeDigest,
      outcome: "succeeded",
    };
    if (cacheEntry) await writeCachedEvaluation(cacheEntry, outDir, evaluation);
    return evaluation;
  } finally {
    // The data digest may still run (the command failed early): it is settled, so nothing waits
    // for it and its error cannot surface unhandled.
    if (linkDir) await rm(linkDir, { recursive: true, force: true });
  }
}

function failureOf(proc: ProcessResult, opts: { who: string; timeoutMs: number; graceMs: number }): string {
  const scoring = `while scoring ${opts.who}`;
  const killed = proc.killed
    ? `; it did not stop within the ${formatMs(opts.graceMs)} grace period and was killed`
    : "";
  switch (proc.outcome) {
    case "timed-out":
      return `the evaluate command ran past its timeout of ${formatMs(opts.timeoutMs)} ${scoring} (SIGTERM sent)${killed}`;
    case "cancelled":
      return `the evaluation of ${opts.who} was cancelled (${proc.reason ?? "stop requested"})${killed}`;
    default:
      if (proc.error) return `the evaluate command could not start ${scoring}: ${proc.error}`;
      return proc.signal
        ? `the evaluate command was killed by ${proc.signal} ${scoring}`
        : `the evaluate command exited with ${proc.exitCode} ${scoring}`;
  }
}

async function checkModelDir(modelDir: string, who: string): Promise<void> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(modelDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    throw new UsageError(`the model files of ${who} are missing: ${modelDir} does not exist`, {
      hint: "Point the model folder at the files the trainer saved (the model's first `artifacts` entry)",
    });
  }
  if (!info.isDirectory()) {
    throw new UsageError(`the model files of ${who} should be a folder, but ${modelDir} is a file`, {
      hint: "Point the model folder at the folder the trainer saved the model in",
    });
  }
}

/** The evaluation data: one file, a folder, or the files a glob matches (sorted). */
interface EvalData {
  kind: "file" | "folder" | "glob";
  /** Absolute: the file or folder itself; for a glob, the fixed part before its first wildcard. */
  root: string;
  /** Every file, sorted by `shown`; `shown` is relative to cwd when the pattern was. */
  files: Array<{ shown: string; abs: string }>;
}

const DATA_HINT = "Point evaluate.data (or --data) at the evaluation data: a file, a folder or a glob";

async function expandData(pattern: string, cwd: string): Promise<EvalData> {
  if (!isGlob(pattern)) {
    const abs = resolve(cwd, pattern);
    const info = await stat(abs).catch(() => null);
    if (!info)
      throw new UsageError(`the evaluation data ${pattern} does not exist (under ${cwd})`, {
        hint: DATA_HINT,
      });
    if (info.isFile()) return { kind: "file", root: abs, files: [{ shown: pattern, abs }] };
    if (!info.isDirectory())
      throw new UsageError(`the evaluation data ${pattern} is not a file`, { hint: DATA_HINT });
    const files = (await walkFiles(abs)).map((rel) => ({
      shown: `${pattern.replace(/\/+$/, "")}/${rel}`,
      abs: join(abs, rel),
    }));
    if (files.length === 0)
      throw new UsageError(`the evaluation data folder ${pattern} holds no files`, { hint: DATA_HINT });
    return { kind: "folder", root: abs, files };
  }
  const parts = pattern.split("/");
  const fixed: string[] = [];
  while (parts.length > 1 && !isGlob(parts[0] as string)) fixed.push(parts.shift() as string);
  const base = fixed.join("/") || (pattern.startsWith("/") ? "/" : ".");
  const root = resolve(cwd, base);
  const matcher = globRegExp(parts.join("/"));
  const found = await walkFiles(root).catch(() => [] as string[]);
  const files = found
    .filter((rel) => matcher.test(rel))
    .map((rel) => ({
      shown: base === "." ? rel : `${base.replace(/\/+$/, "")}/${rel}`,
      abs: join(root, rel),
    }))
    .sort((a, b) => (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0));
  if (files.length === 0) {
    throw new UsageError(`the evaluation data ${pattern} matches no files (under ${root})`, {
      hint: DATA_HINT,
    });
  }
  return { kind: "glob", root, files };
}

/**
 * Creates or empties the output folder, so it ends up holding only what the command wrote. A folder
 * that holds the repository, the model files or the data is never emptied.
 */
async function prepareOutDir(
  outDir: string,
  ctx: { cwd: string; modelDir: string; data: EvalData; who: string },
): Promise<void> {
  const refuse = (what: string) =>
    new UsageError(`the output folder ${outDir} ${what}; kiln empties it before scoring ${ctx.who}`, {
      hint: "Choose an output folder of its own (the CLI's default is .kiln/evaluate/<model>)",
    });
  if (isInside(outDir, ctx.cwd)) throw refuse(`holds the working directory ${ctx.cwd}`);
  if (isInside(outDir, ctx.modelDir) || isInside(ctx.modelDir, outDir))
    throw refuse(`overlaps the model files ${ctx.modelDir}`);
  const inside = ctx.data.files.find((f) => isInside(outDir, f.abs));
  if (inside) throw refuse(`holds the evaluation data ${inside.shown}`);
  let entries: string[];
  try {
    entries = await readdir(outDir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      await mkdir(outDir, { recursive: true });
      return;
    }
    if (code === "ENOTDIR") throw refuse("is a file");
    throw err;
  }
  for (const entry of entries) await rm(join(outDir, entry), { recursive: true, force: true });
}

/** For a glob: a fresh folder beside the output folder, with links to the files in sorted order. */
async function linkFiles(outDir: string, files: EvalData["files"]): Promise<string> {
  const dir = await mkdtemp(join(dirname(outDir), `.${basename(outDir)}-data-`));
  const width = Math.max(4, String(files.length).length);
  for (const [i, file] of files.entries()) {
    await symlink(file.abs, join(dir, `${String(i + 1).padStart(width, "0")}-${basename(file.abs)}`));
  }
  return dir;
}

async function digestData(data: EvalData): Promise<Fingerprint> {
  const prints: Fingerprint[] = [];
  for (const file of data.files) prints.push(await fingerprintFile(file.abs, file.shown));
  if (data.kind === "file" && prints[0]) return prints[0];
  const list = data.files.map((f, i) => `${prints[i]?.sha256}  ${f.shown}\n`).join("");
  const rows = prints.every((p) => p.rows !== undefined)
    ? prints.reduce((sum, p) => sum + (p.rows ?? 0), 0)
    : undefined;
  return { sha256: sha256(list), ...(rows === undefined ? {} : { rows }) };
}

/**
 * The evaluate code's identity: sha256 over the command string and, for each file inside cwd that
 * a word of the command line names (`evaluate.py`, `--model-code=src/score.py`), its path and the
 * sha256 of its bytes, in path order. Modules those files import are not followed.
 */
async function digestCode(command: string, cwd: string): Promise<string> {
  const named = new Set<string>();
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

/** The words of a shell command line: quotes and backslashes honoured, operators split off. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === "\\" && quote === '"' && i + 1 < line.length) word += line[++i] as string;
      else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      word ??= "";
    } else if (c === "\\" && i + 1 < line.length) {
      word = (word ?? "") + (line[++i] as string);
    } else if (/\s|[;&|<>()]/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else word = (word ?? "") + c;
  }
  if (word !== null) words.push(word);
  return words;
}

function sha256File(path: string): Promise<string> {
  return new Promise((done, fail) => {
    const hash = createHash("sha256");
    createReadStream(path)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", fail)
      .on("end", () => done(hash.digest("hex")));
  });
}

async function readEvaluationMetrics(path: string, shown: string, who: string) {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT")
      throw new CheckFailed(`cannot read ${shown}: ${describeError(err)}`);
    throw new CheckFailed(
      `the evaluate command wrote no metrics for ${who}: expected ${shown} (KILN_METRICS_FILE)`,
      { hint: "Write the metrics as a JSON object of numbers to the path in KILN_METRICS_FILE" },
    );
  }
  return parseMetrics(text, shown);
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/** A cached score: its files copied into outDir, its record with paths there; null when absent. */
async function readCachedEvaluation(entry: string, outDir: string): Promise<Evaluation | null> {
  let text: string;
  try {
    text = await readFile(join(entry, "evaluation.json"), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  const saved = JSON.parse(text) as Omit<Evaluation, "metricsFile" | "examplesFile"> & {
    metricsFile: string;
    examplesFile: string | null;
  };
  await copyTree(join(entry, "files"), outDir);
  return {
    ...saved,
    metricsFile: join(outDir, saved.metricsFile),
    examplesFile: saved.examplesFile === null ? null : join(outDir, saved.examplesFile),
  };
}

/** Keeps a score for the next gate: written aside, then renamed, so a half-written entry is never read. */
async function writeCachedEvaluation(entry: string, outDir: string, evaluation: Evaluation): Promise<void> {
  const staging = `${entry}.${process.pid}-${Date.now()}.partial`;
  await mkdir(join(staging, "files"), { recursive: true });
  await copyTree(outDir, join(staging, "files"));
  const record = {
    ...evaluation,
    metricsFile: basename(evaluation.metricsFile),
    examplesFile: evaluation.examplesFile === null ? null : basename(evaluation.examplesFile),
  };
  await writeFile(join(staging, "evaluation.json"), `${JSON.stringify(record, null, 2)}\n`);
  await rm(entry, { recursive: true, force: true });
  await rename(staging, entry);
}

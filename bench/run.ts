/**
 * `npm run bench`: kiln vs DuckDB doing the same profile and drift work on flights-3m, side by side in
 * one run. Every measurement is its own child process started through measure.mjs, so wall time and
 * peak RSS are taken the same way for both; kiln and DuckDB alternate which goes first on each
 * repetition so a noisy machine's drift hits both. Results go to stdout and, for a complete run, to
 * docs/benchmarks.md between the bench markers.
 *
 * Options: --runs N (default 5) · --quick (2 runs) · --only csv,parquet,10x,breakdown,gate ·
 * --skip-10x (or KILN_BENCH_10X=0) · --no-docs · --docs (write docs even for a partial run) ·
 * --timeout S (per process, default 900) · --kiln PATH (a CLI bundle other than dist/cli.js; also
 * KILN_BENCH_CLI).
 *
 * The gate group (bench/gate.ts) measures the gate's significance work on 1,000,000 per-example
 * results a side against the implementation before it was streamed (bench/gate-reference/); its
 * results go to their own markers in docs/benchmarks.md.
 */

import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { build } from "esbuild";
import { NODE_FLAGS } from "../actions/setup/main.js";
import { addKiln, type CheckRow, checkDuckdb } from "./check.js";
import {
  buildGateBundles,
  type GateMeasured,
  type GateWorkload,
  gateAnswers,
  gateArgs,
  gateTable,
  gateTargetsTable,
} from "./gate.js";
import {
  formatMB,
  formatRate,
  formatRatio,
  formatSeconds,
  markdownTable,
  median,
  minimum,
  replaceBetweenMarkers,
} from "./lib.js";
import { exactOracle } from "./oracle.js";
import { GATE_EXAMPLES, HALF, type Inputs, prepare, prepareGate, TIMES } from "./prepare.js";
import { type DuckResult, STAGES } from "./types.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DATA = join(ROOT, "bench-data");
const BUILD = join(DATA, "build");
const OUT = join(DATA, "out");
/** The kiln CLI under test: the committed bundle unless --kiln (or KILN_BENCH_CLI) names another build. */
let KILN = join(ROOT, "dist", "cli.js");
const DOCS = join(ROOT, "docs", "benchmarks.md");
const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";
const GATE_START = "<!-- bench:gate:start -->";
const GATE_END = "<!-- bench:gate:end -->";

const GROUPS = ["csv", "parquet", "10x", "breakdown", "gate"] as const;
type Group = (typeof GROUPS)[number];

/** The validation targets; "flat" and "bounded" are this harness's reading, stated in the docs. */
const TARGET_SPEEDUP = 2;
const TARGET_RSS_MB = 100;
const TARGET_FLAT = 1.2;
const TARGET_PARQUET_RATIO = 2;

interface Sample {
  seconds: number;
  maxRssKb: number | null;
  code: number | null;
  signal: string | null;
  stderr: string;
}

type KilnState = { status: "ok" } | { status: "not built yet" } | { status: "error"; message: string };

interface Workload {
  id: string;
  group: Group;
  label: string;
  rows: number;
  kiln: string[];
  duck: string[];
  /** Where kiln's stdout goes: report.json for validate. */
  kilnOut: string;
  duckOut: string;
}

interface Measured {
  workload: Workload;
  kiln: Sample[];
  duck: Sample[];
  kilnState: KilnState;
  duckError: string | null;
}

function log(m: string): void {
  process.stdout.write(`${m}\n`);
}

/** Bundles the child programs to plain JS: a tsx loader in the measured process would add its own RSS. */
async function buildChildren(): Promise<{ measure: string; duck: string; floor: string; noop: string }> {
  await mkdir(BUILD, { recursive: true });
  const entries = { measure: "measure.ts", duck: "duckdb-work.ts", floor: "floor.ts" } as const;
  const out: Record<string, string> = {};
  for (const [name, file] of Object.entries(entries)) {
    out[name] = join(BUILD, `${name}.mjs`);
    await build({
      entryPoints: [join(ROOT, "bench", file)],
      outfile: out[name],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      logLevel: "warning",
    });
  }
  const noop = join(BUILD, "noop.mjs");
  await writeFile(noop, "// Node's own footprint: the RSS floor under every measurement.\n");
  return { measure: out.measure as string, duck: out.duck as string, floor: out.floor as string, noop };
}

async function measureOnce(
  measureJs: string,
  program: string,
  args: string[],
  stdoutPath: string | null,
  timeoutS: number,
  // kiln starts as setup-kiln's wrapper starts it (with its node flags); DuckDB as it is.
  flags: readonly string[] = program === KILN ? NODE_FLAGS : [],
): Promise<Sample> {
  const statsFile = join(OUT, `stats-${process.pid}.json`);
  await rm(statsFile, { force: true });
  const fd = stdoutPath ? openSync(stdoutPath, "w") : null;
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...flags, measureJs, program, ...args], {
      cwd: ROOT,
      stdio: ["ignore", fd ?? "ignore", "pipe"],
      env: { ...process.env, KILN_BENCH_STATS: statsFile },
    });
    let stderr = "";
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (d: string) => {
      stderr = (stderr + d).slice(-4000);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutS * 1000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const seconds = (performance.now() - t0) / 1000;
      clearTimeout(timer);
      if (fd !== null) closeSync(fd);
      let maxRssKb: number | null = null;
      try {
        maxRssKb = (JSON.parse(readFileSync(statsFile, "utf8")) as { max_rss_kb: number }).max_rss_kb;
        rmSync(statsFile, { force: true });
      } catch {
        // Killed before its exit hook ran: no RSS figure.
      }
      resolvePromise({ seconds, maxRssKb, code, signal, stderr });
    });
  });
}

function firstLine(s: string): string {
  return (
    s
      .split("\n")
      .map((l) => l.trim())
      .find(Boolean) ?? ""
  );
}

function kilnStateOf(s: Sample): KilnState {
  if (s.code === 0 || s.code === 1) return { status: "ok" };
  const why = s.signal ? `killed by ${s.signal}` : `exit ${s.code}`;
  return { status: "error", message: `${why}: ${firstLine(s.stderr)}`.slice(0, 160) };
}

function workloads(inputs: Inputs): Workload[] {
  const o = (name: string) => join(OUT, name);
  const list: Workload[] = [];
  const pair = (id: string, group: Group, label: string, rows: number, ref: string, cur: string) =>
    list.push({
      id,
      group,
      label,
      rows,
      kiln: ["validate", cur, "--reference", ref, "--format", "json"],
      duck: ["--out", o(`duckdb-${id}.json`), ref, cur],
      kilnOut: o(`kiln-${id}.json`),
      duckOut: o(`duckdb-${id}.json`),
    });
  const single = (id: string, group: Group, label: string, rows: number, file: string) =>
    list.push({
      id,
      group,
      label,
      rows,
      kiln: ["profile", file, "--out", o(`kiln-${id}.json`)],
      duck: ["--out", o(`duckdb-${id}.json`), file],
      // profile.json goes to --out; stdout gets its own file.
      kilnOut: o(`kiln-${id}.stdout`),
      duckOut: o(`duckdb-${id}.json`),
    });
  pair("csv-validate", "csv", "CSV pair: validate", 2 * HALF, inputs.csv.reference, inputs.csv.current);
  single("csv-profile", "csv", "CSV: profile one half", HALF, inputs.csv.reference);
  pair(
    "parquet-validate",
    "parquet",
    "Parquet pair: validate",
    2 * HALF,
    inputs.parquet.reference,
    inputs.parquet.current,
  );
  single("parquet-profile", "parquet", "Parquet: profile one half", HALF, inputs.parquet.reference);
  if (inputs.csv10x) {
    const { reference, current } = inputs.csv10x;
    pair("csv10x-validate", "10x", `CSV pair ${TIMES}×: validate`, 2 * HALF * TIMES, reference, current);
  }
  if (inputs.parquet10x) {
    const { reference, current } = inputs.parquet10x;
    pair(
      "parquet10x-validate",
      "10x",
      `Parquet pair ${TIMES}×: validate`,
      2 * HALF * TIMES,
      reference,
      current,
    );
  }
  return list;
}

async function measureWorkload(
  w: Workload,
  runs: number,
  kids: { measure: string; duck: string },
  timeoutS: number,
): Promise<Measured> {
  const m: Measured = { workload: w, kiln: [], duck: [], kilnState: { status: "ok" }, duckError: null };
  if (!existsSync(KILN)) m.kilnState = { status: "not built yet" };
  for (let i = 0; i < runs; i++) {
    const kilnFirst = i % 2 === 0;
    for (const side of kilnFirst ? ["kiln", "duck"] : ["duck", "kiln"]) {
      if (side === "kiln") {
        if (m.kilnState.status !== "ok") continue;
        const s = await measureOnce(kids.measure, KILN, w.kiln, w.kilnOut, timeoutS);
        m.kilnState = kilnStateOf(s);
        if (m.kilnState.status === "ok") m.kiln.push(s);
      } else {
        if (m.duckError) continue;
        const s = await measureOnce(kids.measure, kids.duck, w.duck, null, timeoutS);
        if (s.code === 0) m.duck.push(s);
        else m.duckError = `exit ${s.code ?? s.signal}: ${firstLine(s.stderr)}`;
      }
    }
    const k = m.kiln.at(-1);
    const d = m.duck.at(-1);
    const kilnText =
      m.kilnState.status === "ok" && k
        ? `${formatSeconds(k.seconds)} s ${formatMB(k.maxRssKb)} MB`
        : m.kilnState.status === "error"
          ? m.kilnState.message
          : m.kilnState.status;
    const duckText = m.duckError ?? (d ? `${formatSeconds(d.seconds)} s ${formatMB(d.maxRssKb)} MB` : "—");
    log(`  ${w.id} ${i + 1}/${runs}  kiln ${kilnText}  |  duckdb ${duckText}`);
  }
  return m;
}

interface Summary {
  seconds: number | null;
  min: number | null;
  rssKb: number | null;
  maxRssKb: number | null;
}

function summarize(samples: Sample[]): Summary {
  if (samples.length === 0) return { seconds: null, min: null, rssKb: null, maxRssKb: null };
  const rss = samples.map((s) => s.maxRssKb).filter((x): x is number => x !== null);
  return {
    seconds: median(samples.map((s) => s.seconds)),
    min: minimum(samples.map((s) => s.seconds)),
    rssKb: rss.length ? median(rss) : null,
    maxRssKb: rss.length ? Math.max(...rss) : null,
  };
}

function resultsTable(results: Measured[]): string {
  const rows = results.map((m) => {
    const k = summarize(m.kiln);
    const d = summarize(m.duck);
    const kilnTime =
      m.kilnState.status === "ok"
        ? `${formatSeconds(k.seconds)} (${formatSeconds(k.min)})`
        : m.kilnState.status === "error"
          ? `kiln: error (${m.kilnState.message.replaceAll("|", "/")})`
          : "kiln: not built yet";
    const duckTime = m.duckError
      ? `DuckDB: error (${m.duckError.replaceAll("|", "/")})`
      : `${formatSeconds(d.seconds)} (${formatSeconds(d.min)})`;
    return [
      `${m.workload.label} (${(m.workload.rows / 1e6).toFixed(1)} M rows)`,
      kilnTime,
      duckTime,
      formatRatio(k.seconds, d.seconds),
      formatMB(k.rssKb),
      formatMB(d.rssKb),
      formatRate(m.workload.rows, k.seconds),
      formatRate(m.workload.rows, d.seconds),
    ];
  });
  return markdownTable(
    [
      "workload",
      "kiln median s (min)",
      "DuckDB median s (min)",
      "kiln/DuckDB time",
      "kiln peak RSS MB",
      "DuckDB peak RSS MB",
      "kiln rows/s",
      "DuckDB rows/s",
    ],
    rows,
  );
}

function targetsTable(results: Measured[]): string {
  const get = (id: string) => results.find((m) => m.workload.id === id);
  const status = (ok: boolean | null) => (ok === null ? "—" : ok ? "met" : "not met");
  const rows: string[][] = [];
  const csv = get("csv-validate");
  if (csv) {
    const k = summarize(csv.kiln);
    const d = summarize(csv.duck);
    const ratio = k.seconds !== null && d.seconds !== null ? d.seconds / k.seconds : null;
    rows.push([
      `CSV pair ≥ ${TARGET_SPEEDUP}× faster than DuckDB`,
      ratio === null ? "—" : `${ratio.toFixed(2)}× DuckDB's speed`,
      status(ratio === null ? null : ratio >= TARGET_SPEEDUP),
    ]);
    const mb = k.maxRssKb === null ? null : k.maxRssKb / 1024;
    rows.push([
      `CSV pair peak RSS ≤ ${TARGET_RSS_MB} MB (worst run)`,
      mb === null ? "—" : `${mb.toFixed(0)} MB`,
      status(mb === null ? null : mb <= TARGET_RSS_MB),
    ]);
  }
  const big = get("csv10x-validate");
  if (csv && big) {
    const growth = (a: Sample[], b: Sample[]) => {
      const x = summarize(a).rssKb;
      const y = summarize(b).rssKb;
      return x !== null && y !== null ? y / x : null;
    };
    const g = growth(csv.kiln, big.kiln);
    const gd = growth(csv.duck, big.duck);
    rows.push([
      `Peak RSS flat when the input grows ${TIMES}× (≤ ${TARGET_FLAT}× the 1× peak)`,
      `kiln ${g === null ? "—" : `${g.toFixed(2)}×`}, DuckDB ${gd === null ? "—" : `${gd.toFixed(2)}×`}`,
      status(g === null ? null : g <= TARGET_FLAT),
    ]);
  }
  const pq = get("parquet-validate");
  if (pq) {
    const k = summarize(pq.kiln);
    const d = summarize(pq.duck);
    const ratio = k.seconds !== null && d.seconds !== null ? k.seconds / d.seconds : null;
    rows.push([
      `Parquet pair within ${TARGET_PARQUET_RATIO}× of DuckDB's time`,
      ratio === null ? "—" : `kiln takes ${ratio.toFixed(2)}× DuckDB's time`,
      status(ratio === null ? null : ratio <= TARGET_PARQUET_RATIO),
    ]);
    const mb = k.maxRssKb === null ? null : k.maxRssKb / 1024;
    rows.push([
      `Parquet pair peak RSS ≤ ${TARGET_RSS_MB} MB (worst run; the CSV pair's bar)`,
      mb === null ? "—" : `${mb.toFixed(0)} MB`,
      status(mb === null ? null : mb <= TARGET_RSS_MB),
    ]);
  }
  const bigPq = get("parquet10x-validate");
  if (pq && bigPq) {
    const x = summarize(pq.kiln).rssKb;
    const y = summarize(bigPq.kiln).rssKb;
    const xd = summarize(pq.duck).rssKb;
    const yd = summarize(bigPq.duck).rssKb;
    const g = x !== null && y !== null ? y / x : null;
    const gd = xd !== null && yd !== null ? yd / xd : null;
    rows.push([
      `Parquet memory bounded: peak RSS flat when the input grows ${TIMES}× (≤ ${TARGET_FLAT}× the 1× peak)`,
      `kiln ${g === null ? "—" : `${g.toFixed(2)}×`}, DuckDB ${gd === null ? "—" : `${gd.toFixed(2)}×`}`,
      status(g === null ? null : g <= TARGET_FLAT),
    ]);
  }
  return markdownTable(["target", "measured", "status"], rows);
}

const fmt = (x: number | null, digits = 4) => (x === null || !Number.isFinite(x) ? "—" : x.toFixed(digits));
const signed = (x: number | null) =>
  x === null || !Number.isFinite(x) ? "—" : `${x >= 0 ? "+" : "−"}${Math.abs(x).toExponential(1)}`;

function crossCheckTable(rows: CheckRow[], kilnOther: Map<string, Map<string, number | string>>): string {
  const otherIds = [...kilnOther.keys()];
  return markdownTable(
    [
      "column",
      "method",
      "exact",
      "DuckDB",
      "DuckDB − exact",
      "kiln",
      "kiln − exact",
      ...otherIds.map((id) => `kiln ${id}`),
      "DuckDB max rank error",
      "kiln max rank error",
    ],
    rows.map((r) => {
      const kiln = typeof r.kiln === "number" ? r.kiln : null;
      return [
        r.column,
        r.method,
        fmt(r.exact),
        fmt(r.duckdb),
        signed(r.duckdb === null ? null : r.duckdb - r.exact),
        typeof r.kiln === "number" ? fmt(r.kiln) : r.kiln,
        signed(kiln === null ? null : kiln - r.exact),
        ...otherIds.map((id) => {
          const v = kilnOther.get(id)?.get(r.column) ?? "—";
          return typeof v === "number" ? fmt(v) : v;
        }),
        fmt(r.duckdbRankError),
        fmt(r.kilnRankError),
      ];
    }),
  );
}

interface BreakdownRow {
  label: string;
  samples: Sample[];
  error: string | null;
}

async function breakdown(
  inputs: Inputs,
  runs: number,
  kids: { measure: string; duck: string; floor: string; noop: string },
  timeoutS: number,
): Promise<BreakdownRow[]> {
  const ref = inputs.csv.reference;
  const pq = inputs.parquet.reference;
  const out = join(OUT, "duckdb-breakdown.json");
  const steps: Array<[string, string, string[]]> = [
    ["Node: empty program (RSS floor)", kids.noop, []],
    ["Node: CSV through fs.createReadStream, count newlines", kids.floor, ["csv-stream", ref]],
    ["Node: CSV into one reused 1 MiB buffer, count newlines", kids.floor, ["csv-read", ref]],
    ["Node: hyparquet, one row group at a time (Date timestamps)", kids.floor, ["parquet", pq]],
    ["Node: hyparquet, one row group at a time (epoch-ms timestamps)", kids.floor, ["parquet-ms", pq]],
    [
      "Node: kiln's Parquet reader, page by page, cells counted (no profile)",
      kids.floor,
      ["parquet-kiln", pq],
    ],
  ];
  const what: Record<(typeof STAGES)[number], string> = {
    scan: "sniff + parse every column (count)",
    moments: "+ min, max, mean, stddev_pop",
    distinct: "+ approx_count_distinct",
    quantiles: "+ approx_quantile (7 + 1000 points)",
    full: "+ histogram of strings = the profile",
  };
  for (const stage of STAGES) {
    steps.push([`DuckDB CSV: ${what[stage]}`, kids.duck, ["--out", out, "--stage", stage, ref]]);
  }
  steps.push([`DuckDB Parquet: ${what.scan}`, kids.duck, ["--out", out, "--stage", "scan", pq]]);
  steps.push([`DuckDB Parquet: ${what.full}`, kids.duck, ["--out", out, "--stage", "full", pq]]);
  const rows: BreakdownRow[] = steps.map(([label]) => ({ label, samples: [], error: null }));
  // Round-robin over the steps, so a burst of background load spreads over all of them.
  for (let i = 0; i < runs; i++) {
    for (const [k, [, program, args]] of steps.entries()) {
      const row = rows[k] as BreakdownRow;
      if (row.error) continue;
      const s = await measureOnce(kids.measure, program, args, null, timeoutS);
      if (s.code === 0) row.samples.push(s);
      else row.error = `exit ${s.code ?? s.signal}: ${firstLine(s.stderr)}`;
    }
  }
  for (const row of rows) {
    const sum = summarize(row.samples);
    const text = `${formatSeconds(sum.seconds)} s (min ${formatSeconds(sum.min)}) ${formatMB(sum.rssKb)} MB`;
    log(`  ${row.label}: ${row.error ?? text}`);
  }
  return rows;
}

function breakdownTable(rows: BreakdownRow[]): string {
  return markdownTable(
    ["step", "median s (min)", "peak RSS MB"],
    rows.map((r) => {
      const s = summarize(r.samples);
      const time = r.error ? `error (${r.error})` : `${formatSeconds(s.seconds)} (${formatSeconds(s.min)})`;
      return [r.label, time, formatMB(s.rssKb)];
    }),
  );
}

/** DuckDB's in-process split of its last CSV pair run (only that run's result file is kept). */
function duckPhases(result: DuckResult | null): string {
  if (!result) return "";
  const t = result.timings;
  const parts = Object.entries(t).map(([k, v]) => `${k} ${v.toFixed(2)} s`);
  return `DuckDB's own split of its last CSV pair run: ${parts.join(", ")}.`;
}

async function machineInfo(): Promise<string> {
  const cpus = os.cpus();
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  const v = (await db.runAndReadAll("SELECT version() AS v")).getRowObjectsJS()[0]?.v;
  db.closeSync();
  instance.closeSync();
  const pkg = (name: string) =>
    (
      JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as {
        version: string;
      }
    ).version;
  const kilnVersion = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string })
    .version;
  const commit = await gitHead();
  return [
    `- Date: ${new Date().toISOString().replace(/\.\d+Z$/, "Z")}`,
    `- Machine: ${os.availableParallelism()} cores (${cpus[0]?.model.trim() ?? "unknown CPU"}), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}`,
    `- Node ${process.version}; kiln ${kilnVersion}${commit ? ` (${commit})` : ""}, ${relative(ROOT, KILN).startsWith("..") ? KILN : relative(ROOT, KILN)}; ` +
      `DuckDB ${String(v)} via @duckdb/node-api ${pkg("@duckdb/node-api")}, threads=2; ` +
      `hyparquet ${pkg("hyparquet")}`,
  ].join("\n");
}

async function gitHead(): Promise<string | null> {
  return new Promise((res) => {
    const child = spawn("git", ["rev-parse", "--short", "HEAD"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "ignore"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.on("error", () => res(null));
    child.on("close", (code) => res(code === 0 ? out.trim() : null));
  });
}

async function readJson<T>(path: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as T;
  } catch {
    return null;
  }
}

/**
 * The gate group: for each workload, kiln's driver and the reference's alternate which goes first;
 * both start with setup-kiln's node flags, as `kiln gate` would.
 */
async function measureGate(runs: number, measureJs: string, timeoutS: number): Promise<GateMeasured[]> {
  const inputs = await prepareGate(ROOT, log);
  const bundles = await buildGateBundles(ROOT, BUILD);
  const labels: Record<GateWorkload, string> = {
    accuracy: "accuracy from label and prediction",
    loss: "a per-example log_loss column",
  };
  const results: GateMeasured[] = [];
  for (const workload of ["accuracy", "loss"] as const) {
    const m: GateMeasured = {
      workload,
      label: `${labels[workload]} (${(GATE_EXAMPLES / 1e6).toFixed(0)} M examples a side)`,
      kiln: [],
      reference: [],
      kilnError: null,
      referenceError: null,
      kilnOut: join(OUT, `gate-kiln-${workload}.json`),
      referenceOut: join(OUT, `gate-reference-${workload}.json`),
    };
    log(`gate: ${m.label}`);
    const args = gateArgs(inputs, workload);
    for (let i = 0; i < runs; i++) {
      for (const side of i % 2 === 0 ? (["kiln", "reference"] as const) : (["reference", "kiln"] as const)) {
        const error = side === "kiln" ? m.kilnError : m.referenceError;
        if (error) continue;
        const out = side === "kiln" ? m.kilnOut : m.referenceOut;
        const s = await measureOnce(measureJs, bundles[side], args, out, timeoutS, NODE_FLAGS);
        if (s.code === 0) m[side].push(s);
        else {
          const why =
            `${s.signal ? `killed by ${s.signal}` : `exit ${s.code}`}: ${firstLine(s.stderr)}`.slice(0, 160);
          if (side === "kiln") m.kilnError = why;
          else m.referenceError = why;
        }
      }
      const text = (samples: Sample[], err: string | null) => {
        const last = samples.at(-1);
        return err ?? (last ? `${formatSeconds(last.seconds)} s ${formatMB(last.maxRssKb)} MB` : "—");
      };
      log(
        `  gate-${workload} ${i + 1}/${runs}  kiln ${text(m.kiln, m.kilnError)}  |  before ${text(m.reference, m.referenceError)}`,
      );
    }
    results.push(m);
  }
  return results;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: "string" },
      quick: { type: "boolean", default: false },
      only: { type: "string", multiple: true },
      "skip-10x": { type: "boolean", default: false },
      docs: { type: "boolean", default: false },
      "no-docs": { type: "boolean", default: false },
      timeout: { type: "string", default: "900" },
      kiln: { type: "string" },
    },
  });
  const kilnCli = values.kiln ?? process.env.KILN_BENCH_CLI;
  if (kilnCli) KILN = resolve(kilnCli);
  const runs = values.runs ? Number(values.runs) : values.quick ? 2 : 5;
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs wants a positive integer, got ${values.runs}`);
  const only = (values.only ?? []).flatMap((s) => s.split(",")).map((s) => s.trim());
  for (const g of only) {
    if (!(GROUPS as readonly string[]).includes(g))
      throw new Error(`--only: unknown ${g} (${GROUPS.join(", ")})`);
  }
  const skip10x = values["skip-10x"] || process.env.KILN_BENCH_10X === "0";
  const groups = new Set<Group>(
    only.length ? (only as Group[]) : GROUPS.filter((g) => g !== "10x" || !skip10x),
  );
  const timeoutS = Number(values.timeout);
  // Fewer repetitions for the long 10× pair and the breakdown: their medians still need an odd count.
  const bigRuns = Math.min(runs, 3);
  const partial = only.length > 0 || values.quick || values.runs !== undefined || skip10x || Boolean(kilnCli);
  const writeDocs = !values["no-docs"] && (!partial || values.docs);

  const t0 = performance.now();
  const dataGroups = [...groups].filter((g) => g !== "gate");
  const inputs = dataGroups.length ? await prepare(ROOT, groups.has("10x"), log) : null;
  await mkdir(OUT, { recursive: true });
  const kids = await buildChildren();
  if (!existsSync(KILN))
    log(`kiln: ${relative(ROOT, KILN)} is missing (npm run build); kiln columns stay empty`);

  const results: Measured[] = [];
  for (const w of inputs ? workloads(inputs) : []) {
    if (!groups.has(w.group)) continue;
    log(`${w.label}`);
    results.push(await measureWorkload(w, w.group === "10x" ? bigRuns : runs, kids, timeoutS));
  }
  let steps: BreakdownRow[] = [];
  if (inputs && groups.has("breakdown")) {
    log("time breakdown");
    steps = await breakdown(inputs, bigRuns, kids, timeoutS);
  }

  // Correctness, untimed: DuckDB against the exact answers, then kiln against both. The first
  // validated input gives the table; kiln's figures on the others (same distributions) join it.
  const checks: string[] = [];
  let table = "";
  let tableOf = "";
  const validated = results.filter((m) => m.workload.id.endsWith("-validate"));
  if (inputs && validated.length > 0) {
    log("cross-check against the exact oracle");
    const oracle = await exactOracle(inputs.parquet.reference, inputs.parquet.current);
    let mainRows: CheckRow[] | null = null;
    const kilnOther = new Map<string, Map<string, number | string>>();
    for (const m of validated) {
      const duck = await readJson<DuckResult>(m.workload.duckOut);
      if (!duck || m.duckError) continue;
      const times = m.workload.group === "10x" ? TIMES : 1;
      const { rows, problems } = checkDuckdb(oracle, duck, times);
      for (const p of problems) checks.push(`DuckDB ${m.workload.id}: ${p}`);
      const report = m.kilnState.status === "ok" ? await readJson<unknown>(m.workload.kilnOut) : null;
      if (report) addKiln(rows, oracle, report);
      else for (const r of rows) r.kiln = m.kilnState.status === "error" ? "error" : m.kilnState.status;
      if (mainRows === null) {
        mainRows = rows;
        tableOf = m.workload.label;
      } else {
        kilnOther.set(m.workload.id.replace(/-validate$/, ""), new Map(rows.map((r) => [r.column, r.kiln])));
      }
    }
    if (mainRows) table = crossCheckTable(mainRows, kilnOther);
  }

  const csvRun = results.find((m) => m.workload.id === "csv-validate");
  const duckCsv = csvRun ? await readJson<DuckResult>(csvRun.workload.duckOut) : null;
  // The gate group last: its reference runs take minutes, the data groups' results are in hand.
  let gate: GateMeasured[] = [];
  if (groups.has("gate")) gate = await measureGate(bigRuns, kids.measure, timeoutS);
  const gateBody = gate.length
    ? [
        `- Date: ${new Date().toISOString().replace(/\.\d+Z$/, "Z")}; ${os.availableParallelism()} cores ` +
          `(${os.cpus()[0]?.model.trim() ?? "unknown CPU"}); Node ${process.version}`,
        `- Runs: ${bigRuns} per side; median (min) wall seconds per process, Node start included.`,
        "",
        gateTable(gate),
        "",
        gateTargetsTable(gate),
        "",
        "The answers of the last runs, side by side:",
        "",
        await gateAnswers(gate),
      ].join("\n")
    : "";

  const body = [
    dataGroups.length ? await machineInfo() : "",
    "",
    `Runs: ${runs} per workload (${bigRuns} for the ${TIMES}× pairs and the breakdown); ` +
      `median (min) wall seconds per process, Node start included for both.`,
    "",
    resultsTable(results),
    "",
    targetsTable(results),
    ...(table
      ? [
          "",
          `Drift statistics against the exact oracle (${tableOf}; a "kiln <input>" column: kiln on that ` +
            "input, same distributions). Rank errors: the worst over the quantiles each reports.",
          "",
          table,
          "",
          checks.length === 0
            ? "DuckDB plausibility: every count, mean, std, quantile rank error (≤ 0.01) and drift statistic checks out."
            : `DuckDB plausibility problems:\n\n${checks.map((c) => `- ${c}`).join("\n")}`,
        ]
      : []),
    ...(steps.length ? ["", "Where the time goes (one half, 1.5 M rows):", "", breakdownTable(steps)] : []),
    ...(duckCsv ? ["", duckPhases(duckCsv)] : []),
  ].join("\n");

  log("");
  if (dataGroups.length) log(body);
  if (gateBody) log(`\nGate significance, kiln against the implementation before:\n\n${gateBody}`);
  log("");
  log(`bench: ${((performance.now() - t0) / 1000).toFixed(0)} s in all; inputs in ${relative(ROOT, DATA)}/`);
  if (writeDocs) {
    let doc = existsSync(DOCS) ? await readFile(DOCS, "utf8") : "# Benchmarks\n";
    if (dataGroups.length) doc = replaceBetweenMarkers(doc, START, END, body);
    if (gateBody) doc = replaceBetweenMarkers(doc, GATE_START, GATE_END, gateBody);
    await writeFile(DOCS, doc);
    log(`bench: wrote ${relative(ROOT, DOCS)}`);
  } else if (!values["no-docs"]) {
    log(
      "bench: partial run (--only/--quick/--runs/--skip-10x/--kiln), docs/benchmarks.md left as it is (--docs writes it)",
    );
  }
}

await main();

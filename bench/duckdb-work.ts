/**
 * The peer's side of the benchmark: DuckDB doing kiln's profile and drift work, run as its own
 * process (through measure.mjs) so its time and peak RSS are taken exactly like kiln's.
 *
 * Per file, one scan computes every column's aggregates (count, nulls, min, max, mean, stddev_pop,
 * approx_quantile at the 7 profile points and the 1000 drift points, approx_count_distinct and, for
 * strings, histogram() — exact frequencies, from which the top 20 and the Jensen–Shannon inputs come).
 * One query per file rather than one per statistic: DuckDB's cost is the scan, so this is its best.
 * The drift statistics are then computed here in JS, as kiln would from its sketches.
 *
 * Usage: node duckdb-work.mjs --out FILE [--stage STAGE] [--threads N] REFERENCE [CURRENT]
 * With one file it profiles; with two it also computes drift. STAGE (default full) stops the work
 * early, for the time breakdown: scan, moments, distinct, quantiles, full.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import {
  DRIFT_QUANTILES,
  jensenShannonDistance,
  midpointProbs,
  normalizedWasserstein,
  PROFILE_PROBS,
  topK,
} from "./lib.js";
import { type DuckResult, type Kind, type SideStats, STAGES, type Stage } from "./types.js";

const DRIFT_PROBS = midpointProbs(DRIFT_QUANTILES);
const ALL_PROBS = [...PROFILE_PROBS, ...DRIFT_PROBS];

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** Lets DuckDB sniff each format as it would for a user: read_csv's auto detection is its strength. */
function source(path: string): string {
  return /\.parquet$/i.test(path) ? `read_parquet(${quote(path)})` : `read_csv(${quote(path)})`;
}

function kindOf(duckType: string): Kind {
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U\w*INT|FLOAT|DOUBLE|REAL|DECIMAL)/.test(duckType)) {
    return "numeric";
  }
  if (/^(TIMESTAMP|DATE)/.test(duckType)) return "datetime";
  return "categorical";
}

interface Column {
  name: string;
  kind: Kind;
}

async function describe(db: DuckDBConnection, path: string): Promise<Column[]> {
  const r = await db.runAndReadAll(`DESCRIBE SELECT * FROM ${source(path)}`);
  return r.getRowObjectsJS().map((row) => ({
    name: String(row.column_name),
    kind: kindOf(String(row.column_type)),
  }));
}

function aggregates(columns: Column[], stage: Stage): string[] {
  const at = STAGES.indexOf(stage);
  const out = ["count(*) AS n"];
  columns.forEach((c, i) => {
    const col = ident(c.name);
    // Datetimes are profiled as epoch milliseconds, as kiln's numeric view of them.
    const x = c.kind === "datetime" ? `epoch_ms(${col}::TIMESTAMP)` : col;
    out.push(`count(${col}) AS c${i}_count`);
    if (c.kind !== "categorical" && at >= 1) {
      out.push(`min(${x}) AS c${i}_min`, `max(${x}) AS c${i}_max`);
      out.push(`avg(${x}) AS c${i}_mean`, `stddev_pop(${x}) AS c${i}_std`);
    }
    if (at >= 2) out.push(`approx_count_distinct(${col}) AS c${i}_distinct`);
    if (c.kind !== "categorical" && at >= 3) {
      out.push(`approx_quantile(${x}, [${ALL_PROBS.join(", ")}]) AS c${i}_q`);
    }
    if (c.kind === "categorical" && at >= 4) out.push(`histogram(${col}::VARCHAR) AS c${i}_hist`);
  });
  return out;
}

interface Side {
  rows: number;
  stats: SideStats[];
  freq: Array<Map<string, number> | null>;
}

async function profile(db: DuckDBConnection, path: string, columns: Column[], stage: Stage): Promise<Side> {
  const r = await db.runAndReadAll(`SELECT ${aggregates(columns, stage).join(", ")} FROM ${source(path)}`);
  const row = r.getRowObjectsJS()[0] as Record<string, unknown>;
  const rows = Number(row.n);
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const stats: SideStats[] = [];
  const freq: Array<Map<string, number> | null> = [];
  columns.forEach((_, i) => {
    const count = Number(row[`c${i}_count`]);
    const s: SideStats = { count, missing: rows - count };
    if (`c${i}_min` in row) {
      s.min = num(row[`c${i}_min`]);
      s.max = num(row[`c${i}_max`]);
      s.mean = num(row[`c${i}_mean`]);
      s.std = num(row[`c${i}_std`]);
    }
    if (`c${i}_distinct` in row) s.distinct = Number(row[`c${i}_distinct`]);
    const q = (row[`c${i}_q`] as Array<number | bigint> | null | undefined)?.map(Number);
    if (q) {
      s.quantiles = Object.fromEntries(PROFILE_PROBS.map((p, k) => [String(p), q[k] as number]));
      s.drift_quantiles = q.slice(PROFILE_PROBS.length);
    }
    const hist = row[`c${i}_hist`] as Array<{ key: string | null; value: bigint }> | null | undefined;
    let f: Map<string, number> | null = null;
    if (hist) {
      f = new Map();
      for (const { key, value } of hist) if (key !== null) f.set(key, Number(value));
      s.top = topK(f, 20);
    }
    stats.push(s);
    freq.push(f);
  });
  return { rows, stats, freq };
}

export async function run(files: string[], stage: Stage, threads: number): Promise<DuckResult> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = (now - t) / 1000;
    t = now;
  };
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  await db.run(`SET threads=${threads}`);
  lap("open");
  const [refPath, curPath] = files as [string, string | undefined];
  const columns = await describe(db, refPath);
  lap("describe");
  const ref = await profile(db, refPath, columns, stage);
  lap("reference");
  const cur = curPath ? await profile(db, curPath, columns, stage) : null;
  if (cur) lap("current");

  const result: DuckResult = {
    engine: "duckdb",
    stage,
    rows: { reference: ref.rows, current: cur?.rows ?? null },
    columns: columns.map((c, i) => {
      const r = ref.stats[i] as SideStats;
      const k = cur?.stats[i] ?? null;
      let drift: DuckResult["columns"][number]["drift"] = null;
      if (k && r.drift_quantiles && k.drift_quantiles) {
        const statistic = normalizedWasserstein(r.drift_quantiles, k.drift_quantiles, r.std ?? 0);
        drift = { method: "wasserstein", statistic };
      }
      const rf = ref.freq[i];
      const cf = cur?.freq[i];
      if (rf && cf) drift = { method: "jensenshannon", statistic: jensenShannonDistance(rf, cf) };
      return { name: c.name, type: c.kind, reference: r, current: k, drift };
    }),
    timings,
  };
  lap("drift");
  db.closeSync();
  instance.closeSync();
  return result;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: "string" },
      stage: { type: "string", default: "full" },
      threads: { type: "string", default: "2" },
    },
  });
  const stage = values.stage as Stage;
  if (!values.out || positionals.length < 1 || positionals.length > 2 || !STAGES.includes(stage)) {
    process.stderr.write("usage: duckdb-work --out FILE [--stage STAGE] [--threads N] REFERENCE [CURRENT]\n");
    process.exitCode = 2;
    return;
  }
  const result = await run(positionals, stage, Number(values.threads));
  writeFileSync(values.out, JSON.stringify(result));
}

await main();

/**
 * Judging results against the exact oracle: DuckDB's for plausibility (its figures are the yardstick
 * in the results table, so they must be right), kiln's for the sketch error. Pure, so it is tested.
 */
import { maxRankError, midpointProbs, PROFILE_PROBS } from "./lib.js";
import type { OracleColumn } from "./oracle.js";
import type { DuckResult } from "./types.js";

export interface CheckRow {
  column: string;
  method: string;
  exact: number;
  duckdb: number | null;
  /** A number, or why there is none. */
  kiln: number | string;
  /** Worst rank error of DuckDB's 7 profile and 1000 drift quantiles, both sides. */
  duckdbRankError: number | null;
  /** Worst rank error of kiln's 7 profile quantiles (report.json's column stats: the current data). */
  kilnRankError: number | null;
}

const DRIFT_PROBS = midpointProbs(1000);

/**
 * DuckDB's results against the oracle; problems lists what is implausible. `times`: the input is the
 * oracle's data repeated that many times (same distributions, counts multiplied).
 */
export function checkDuckdb(
  oracle: OracleColumn[],
  duck: DuckResult,
  times = 1,
): { rows: CheckRow[]; problems: string[] } {
  const problems: string[] = [];
  const rows: CheckRow[] = [];
  const close = (a: number | null | undefined, b: number, rel: number) =>
    a !== null && a !== undefined && Math.abs(a - b) <= rel * Math.max(Math.abs(b), 1e-12);
  for (const o of oracle) {
    const d = duck.columns.find((c) => c.name === o.name);
    if (!d) {
      problems.push(`${o.name}: missing from DuckDB's result`);
      continue;
    }
    let rankErr: number | null = null;
    if (o.ref && o.cur && o.refMoments && o.curMoments) {
      for (const [side, dist, m] of [
        [d.reference, o.ref, o.refMoments],
        [d.current, o.cur, o.curMoments],
      ] as const) {
        if (!side) continue;
        if (side.count !== m.n * times) problems.push(`${o.name}: count ${side.count}, exact ${m.n * times}`);
        if (!close(side.mean, m.mean, 1e-9)) problems.push(`${o.name}: mean ${side.mean}, exact ${m.mean}`);
        if (!close(side.std, m.std, 1e-6)) problems.push(`${o.name}: std ${side.std}, exact ${m.std}`);
        const claims: Array<[number, number]> = [
          ...PROFILE_PROBS.map((p): [number, number] => [side.quantiles?.[String(p)] ?? Number.NaN, p]),
          ...DRIFT_PROBS.map((p, i): [number, number] => [side.drift_quantiles?.[i] ?? Number.NaN, p]),
        ];
        const known = claims.filter(([v]) => Number.isFinite(v));
        if (known.length < claims.length)
          problems.push(`${o.name}: ${claims.length - known.length} quantiles missing`);
        rankErr = Math.max(rankErr ?? 0, maxRankError(dist, known));
      }
      if (rankErr !== null && rankErr > 0.01) problems.push(`${o.name}: quantile rank error ${rankErr}`);
    }
    const stat = d.drift?.statistic ?? null;
    // t-digest quantiles move the normalised distance by well under 0.01 on this data; frequencies are exact.
    const tol = o.method === "jensenshannon" ? 1e-9 : 0.01;
    if (stat === null || Math.abs(stat - o.statistic) > tol) {
      problems.push(`${o.name}: ${o.method} ${stat}, exact ${o.statistic}`);
    }
    rows.push({
      column: o.name,
      method: o.method,
      exact: o.statistic,
      duckdb: stat,
      kiln: "—",
      duckdbRankError: rankErr,
      kilnRankError: null,
    });
  }
  return { rows, problems };
}

interface KilnColumn {
  name?: unknown;
  stats?: { quantiles?: Record<string, unknown> } | null;
  drift?: { method?: unknown; statistic?: unknown } | null;
}

/** Fills in kiln's figures from its report.json (read loosely: the report may grow fields). */
export function addKiln(rows: CheckRow[], oracle: OracleColumn[], report: unknown): void {
  const columns = (report as { columns?: KilnColumn[] } | null)?.columns;
  for (const row of rows) {
    const k = Array.isArray(columns) ? columns.find((c) => c.name === row.column) : undefined;
    if (!k) {
      row.kiln = "column missing";
      continue;
    }
    const method = k.drift?.method;
    const stat = k.drift?.statistic;
    if (typeof stat !== "number") row.kiln = "no drift";
    else if (method !== row.method) row.kiln = `${String(method)} ${stat.toFixed(4)}`;
    else row.kiln = stat;
    const o = oracle.find((c) => c.name === row.column);
    const q = k.stats?.quantiles;
    if (o?.cur && q) {
      const claims: Array<[number, number]> = [];
      for (const p of PROFILE_PROBS) {
        let v = q[String(p)];
        if (typeof v !== "number") continue;
        // Datetimes: the oracle works in epoch ms; a report in epoch seconds is scaled up.
        if (o.kind === "datetime" && Math.abs(v) < 1e11) v *= 1000;
        claims.push([v, p]);
      }
      if (claims.length > 0) row.kilnRankError = maxRankError(o.cur, claims);
    }
  }
}

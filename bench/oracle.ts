/**
 * The exact answers, computed after the timed runs (never timed): every column's full distribution
 * from DuckDB (GROUP BY value), then exact drift statistics and moments in JS. check.ts judges
 * DuckDB's and kiln's results against them.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { type Distribution, exactMoments, exactWasserstein, jensenShannonDistance } from "./lib.js";
import type { Kind } from "./types.js";

export interface OracleColumn {
  name: string;
  kind: Kind;
  /** Numeric and datetime (epoch ms) columns. */
  ref: Distribution | null;
  cur: Distribution | null;
  /** Categorical columns. */
  refFreq: Map<string, number> | null;
  curFreq: Map<string, number> | null;
  method: "wasserstein" | "jensenshannon";
  statistic: number;
  refMoments: { n: number; mean: number; std: number } | null;
  curMoments: { n: number; mean: number; std: number } | null;
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
const source = (p: string) => (/\.parquet$/i.test(p) ? `read_parquet(${quote(p)})` : `read_csv(${quote(p)})`);

export async function exactOracle(refPath: string, curPath: string): Promise<OracleColumn[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  try {
    const described = await db.runAndReadAll(`DESCRIBE SELECT * FROM ${source(refPath)}`);
    const out: OracleColumn[] = [];
    for (const row of described.getRowObjectsJS()) {
      const name = String(row.column_name);
      const type = String(row.column_type);
      const kind: Kind = /^(TIMESTAMP|DATE)/.test(type)
        ? "datetime"
        : /INT|FLOAT|DOUBLE|REAL|DECIMAL/.test(type)
          ? "numeric"
          : "categorical";
      const col = ident(name);
      if (kind === "categorical") {
        const freq = async (p: string) => {
          const r = await db.runAndReadAll(
            `SELECT ${col}::VARCHAR AS v, count(*)::DOUBLE AS c FROM ${source(p)} WHERE ${col} IS NOT NULL GROUP BY 1`,
          );
          return new Map(r.getRowObjectsJS().map((x) => [String(x.v), Number(x.c)]));
        };
        const refFreq = await freq(refPath);
        const curFreq = await freq(curPath);
        out.push({
          name,
          kind,
          ref: null,
          cur: null,
          refFreq,
          curFreq,
          method: "jensenshannon",
          statistic: jensenShannonDistance(refFreq, curFreq),
          refMoments: null,
          curMoments: null,
        });
        continue;
      }
      const x = kind === "datetime" ? `epoch_ms(${col}::TIMESTAMP)::DOUBLE` : `${col}::DOUBLE`;
      const dist = async (p: string): Promise<Distribution> => {
        const r = await db.runAndReadAll(
          `SELECT ${x} AS v, count(*)::DOUBLE AS c FROM ${source(p)} WHERE ${col} IS NOT NULL GROUP BY 1 ORDER BY 1`,
        );
        const cols = r.getColumnsJS();
        return { values: (cols[0] ?? []).map(Number), counts: (cols[1] ?? []).map(Number) };
      };
      const ref = await dist(refPath);
      const cur = await dist(curPath);
      const refMoments = exactMoments(ref);
      out.push({
        name,
        kind,
        ref,
        cur,
        refFreq: null,
        curFreq: null,
        method: "wasserstein",
        statistic: exactWasserstein(ref, cur) / Math.max(refMoments.std, 0.001),
        refMoments,
        curMoments: exactMoments(cur),
      });
    }
    return out;
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

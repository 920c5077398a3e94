/** Shapes shared by the harness and its child processes (importing those would run them). */

export const STAGES = ["scan", "moments", "distinct", "quantiles", "full"] as const;
export type Stage = (typeof STAGES)[number];
export type Kind = "numeric" | "datetime" | "categorical";

export interface SideStats {
  count: number;
  missing: number;
  min?: number | null;
  max?: number | null;
  mean?: number | null;
  std?: number | null;
  /** The 7 profile quantiles, keyed as in report.json ("0.5"). */
  quantiles?: Record<string, number>;
  /** The 1000 midpoint quantiles behind the Wasserstein distance. */
  drift_quantiles?: number[];
  distinct?: number;
  top?: Array<{ value: string; count: number }>;
}

export interface DuckResult {
  engine: "duckdb";
  stage: Stage;
  rows: { reference: number; current: number | null };
  columns: Array<{
    name: string;
    type: Kind;
    reference: SideStats;
    current: SideStats | null;
    drift: { method: "wasserstein" | "jensenshannon"; statistic: number } | null;
  }>;
  /** Where the time went inside the process, seconds. */
  timings: Record<string, number>;
}

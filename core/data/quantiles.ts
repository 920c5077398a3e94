/**
 * The quantiles report.json gives per numeric column. Apart from report.ts, so that validating
 * data files loads no schema library (report.ts brings zod and the config schema).
 */
export const QUANTILES = ["0.01", "0.05", "0.25", "0.5", "0.75", "0.95", "0.99"] as const;
export type Quantile = (typeof QUANTILES)[number];

/** Durations ("90s", "2h") and thresholds (0.01 absolute, "5%" relative) as written in kiln.yml. */
import { UsageError } from "../errors.js";

export const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

/** Seconds in a duration; a bare number is seconds. */
export function parseDuration(value: string | number, where = "duration"): number {
  if (typeof value === "number") return value;
  const m = DURATION.exec(value.trim());
  if (!m?.[1] || !m[2]) {
    throw new UsageError(`${where}: ${JSON.stringify(value)} is not a duration`, {
      hint: 'Write a number and a unit, e.g. "90s", "30m", "2h", "1d"',
    });
  }
  return Number(m[1]) * (UNIT_SECONDS[m[2]] ?? 1);
}

export const PERCENT = /^(\d+(?:\.\d+)?)%$/;

export type Threshold = { kind: "absolute"; value: number } | { kind: "relative"; value: number };

/** A number is absolute; "5%" is relative (0.05 of the baseline's magnitude). */
export function parseThreshold(value: string | number, where = "threshold"): Threshold {
  if (typeof value === "number") return { kind: "absolute", value };
  const m = PERCENT.exec(value.trim());
  if (!m?.[1]) {
    throw new UsageError(`${where}: ${JSON.stringify(value)} is not a threshold`, {
      hint: 'Write a number (absolute) or a percentage string such as "5%" (relative)',
    });
  }
  return { kind: "relative", value: Number(m[1]) / 100 };
}

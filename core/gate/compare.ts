/**
 * The arithmetic every rule shares: which way is worse, and comparisons with a little floating-point
 * slack, so that 0.3 − 0.2 counts as a change of 0.1 (it is 0.09999999999999998 in binary).
 */
import type { Direction } from "../metrics/direction.js";

const SLACK = 1e-9;

function slack(a: number, b: number): number {
  return SLACK * Math.max(1, Math.abs(a), Math.abs(b));
}

export function atLeast(value: number, bound: number): boolean {
  return value >= bound - slack(value, bound);
}

export function atMost(value: number, bound: number): boolean {
  return value <= bound + slack(value, bound);
}

/** How much worse the candidate is, in the metric's bad direction (negative: it is better). */
export function worsening(direction: Direction, candidate: number, baseline: number): number {
  return direction === "higher" ? baseline - candidate : candidate - baseline;
}

/** A number for messages: at most 6 significant digits, no float noise ("0.023", not "0.023000000000000003"). */
export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toPrecision(6)));
}

/** A signed change: "+0.012", "−0.023" (a real minus sign, as in the PR comment). */
export function fmtDelta(n: number): string {
  const s = fmt(Math.abs(n));
  if (Number(s) === 0) return "0";
  return n > 0 ? `+${s}` : `−${s}`;
}

/** A relative change in percent with one decimal: "+2.5%"; null when the baseline is 0. */
export function fmtRelative(delta: number, baseline: number): string | null {
  if (baseline === 0) return null;
  const pct = (delta / Math.abs(baseline)) * 100;
  const s = Math.abs(pct).toFixed(1);
  if (Number(s) === 0) return "0.0%";
  return pct > 0 ? `+${s}%` : `−${s}%`;
}

import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);

// core/gate/compare.ts
var SLACK = 1e-9;
function slack(a, b) {
  return SLACK * Math.max(1, Math.abs(a), Math.abs(b));
}
function atLeast(value, bound) {
  return value >= bound - slack(value, bound);
}
function atMost(value, bound) {
  return value <= bound + slack(value, bound);
}
function worsening(direction, candidate, baseline) {
  return direction === "higher" ? baseline - candidate : candidate - baseline;
}
function fmt(n) {
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toPrecision(6)));
}
function fmtDelta(n) {
  const s = fmt(Math.abs(n));
  if (Number(s) === 0) return "0";
  return n > 0 ? `+${s}` : `−${s}`;
}
function fmtRelative(delta, baseline) {
  if (baseline === 0) return null;
  const pct = delta / Math.abs(baseline) * 100;
  const s = Math.abs(pct).toFixed(1);
  if (Number(s) === 0) return "0.0%";
  return pct > 0 ? `+${s}%` : `−${s}%`;
}

export {
  atLeast,
  atMost,
  worsening,
  fmt,
  fmtDelta,
  fmtRelative
};

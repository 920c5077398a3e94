import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);

// core/markdown.ts
function escapeMarkdown(text, max = 200) {
  let s = text.replace(/[\r\n\t]+/g, " ").replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, "");
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/([\\`*_{}[\]#!|~])/g, "\\$1").replace(/(^|[^\w])@/g, "$1&#64;");
}
function mermaidLabel(text, max = 30) {
  const s = text.replace(/[^\p{L}\p{N} ._()%/-]/gu, "_");
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
function formatCount(n) {
  const [int = "", frac] = String(n).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac === void 0 ? grouped : `${grouped}.${frac}`;
}
function formatNumber(x, digits = 4) {
  if (x === null || x === void 0 || Number.isNaN(x)) return "–";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return formatCount(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e7)) return x.toExponential(2);
  return Number(x.toPrecision(digits)).toString();
}

export {
  escapeMarkdown,
  mermaidLabel,
  formatCount,
  formatNumber
};

/**
 * Safe markdown from untrusted text. Column names, values, metric names and branch names may come
 * from a fork's data or artifacts: nothing they contain may become HTML, a link, a mention, a
 * table break or a code fence.
 */

/** Escapes text for a markdown table cell or a line of prose (newlines become spaces). */
export function escapeMarkdown(text: string, max = 200): string {
  // Control characters and bidi overrides could hide or reorder text: dropped.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  let s = text.replace(/[\r\n\t]+/g, " ").replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, "");
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  return (
    s
      // HTML: entities, so no tag or entity of the input survives.
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      // Markdown: emphasis, code, links, images, headings, strikethrough, table breaks.
      .replace(/([\\`*_{}[\]#!|~])/g, "\\$1")
      // Mentions and team mentions: an @ that starts a word.
      .replace(/(^|[^\w])@/g, "$1&#64;")
  );
}

/** Text safe inside a quoted mermaid label. */
export function mermaidLabel(text: string, max = 30): string {
  const s = text.replace(/[^\p{L}\p{N} ._()%/-]/gu, "_");
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** 1234567 → "1,234,567" (without toLocaleString, whose first call loads ICU: ~25 ms). */
export function formatCount(n: number): string {
  const [int = "", frac] = String(n).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** A number at a readable precision for tables. */
export function formatNumber(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "–";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return formatCount(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e7)) return x.toExponential(2);
  return Number(x.toPrecision(digits)).toString();
}

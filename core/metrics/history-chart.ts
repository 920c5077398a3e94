/**
 * A mermaid xychart of one metric: the last runs on the default branch (MetricHistory entries,
 * oldest first) and this PR's value last. Labels go through mermaidLabel; values are plain numbers.
 */
import { mermaidLabel } from "../markdown.js";
import type { HistoryEntry } from "../ports.js";

export interface HistoryChartInput {
  metric: string;
  history: HistoryEntry[];
  /** This PR's value, drawn last as "PR". */
  head?: number | null;
  /** How many history entries at most (the newest). */
  limit?: number;
}

export interface HistoryChart {
  /** How many history points were drawn (without the PR's). */
  points: number;
  /** The fenced ```mermaid block. */
  mermaid: string;
}

/** Null when fewer than two points would be drawn. */
export function historyChart(input: HistoryChartInput): HistoryChart | null {
  const limit = input.limit ?? 10;
  const past = input.history
    .filter((e) => typeof e.metrics[input.metric] === "number" && Number.isFinite(e.metrics[input.metric]))
    .slice(-limit);
  const labels = past.map((e) => (e.run_id ? `r${e.run_id}` : e.sha.slice(0, 7)));
  const values = past.map((e) => e.metrics[input.metric] as number);
  const head = input.head;
  if (typeof head === "number" && Number.isFinite(head)) {
    labels.push("PR");
    values.push(head);
  }
  if (values.length < 2) return null;
  const [lo, hi] = axisRange(values);
  const lines = [
    "```mermaid",
    "xychart-beta",
    `  x-axis [${labels.map((l) => `"${mermaidLabel(l, 12)}"`).join(", ")}]`,
    `  y-axis "${mermaidLabel(input.metric)}" ${plain(lo)} --> ${plain(hi)}`,
    `  line [${values.map(plain).join(", ")}]`,
    "```",
  ];
  return { points: past.length, mermaid: lines.join("\n") };
}

/** A padded range around the values, on round-ish numbers. */
function axisRange(values: number[]): [number, number] {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || Math.abs(max) * 0.1 || 1;
  const pad = span * 0.25;
  const step = 10 ** Math.floor(Math.log10(span + 2 * pad) - 1);
  return [Math.floor((min - pad) / step) * step, Math.ceil((max + pad) / step) * step];
}

/** A number mermaid parses: no exponent, no float noise. */
function plain(x: number): string {
  const s = String(Number(x.toPrecision(6)));
  if (!/e/i.test(s)) return s;
  return x.toFixed(12).replace(/0+$/, "").replace(/\.$/, "");
}

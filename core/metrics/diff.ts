/**
 * Two run.json files compared: metrics (base, head, Δ, Δ%, which way is better), slices, params
 * and data fingerprints. Pure; the PR comment, `kiln diff` and the check run render this.
 */
import { canonicalJson } from "../digest.js";
import { type Direction, defaultDirection } from "./direction.js";
import type { RunRecord } from "./run-record.js";

/** `added`: only the head has it; `removed`: only the base. Equality is exact. */
export type ChangeStatus = "changed" | "unchanged" | "added" | "removed";

export interface MetricDiff {
  metric: string;
  base: number | null;
  head: number | null;
  /** head − base; null unless both sides have the metric. */
  delta: number | null;
  /** delta / |base|; null when a side is missing or base is 0. */
  relative: number | null;
  direction: Direction;
  status: ChangeStatus;
  /** Which way the change went in the metric's direction; null unless both sides have it. */
  trend: "better" | "worse" | "same" | null;
}

export interface SliceDiff {
  slice: string;
  status: ChangeStatus;
  metrics: MetricDiff[];
}

export interface ParamDiff {
  /** Dot path of the (nested) params. */
  key: string;
  /** undefined: the side does not set it. */
  base: unknown;
  head: unknown;
  status: Exclude<ChangeStatus, "unchanged">;
}

export interface DataFingerprint {
  sha256: string;
  rows?: number;
}

export interface DataDiff {
  path: string;
  base: DataFingerprint | null;
  head: DataFingerprint | null;
  status: ChangeStatus;
}

export interface RunSide {
  model: string;
  sha?: string;
  ref?: string;
}

export interface RunDiff {
  model: string;
  base: RunSide;
  head: RunSide;
  /** Every metric of either side: base's order, then head-only ones. */
  metrics: MetricDiff[];
  slices: SliceDiff[];
  /** Only keys that differ. */
  params: ParamDiff[];
  data: DataDiff[];
  changed: { metrics: number; slices: number; params: number; data: number };
}

export interface DiffOptions {
  /** Per-metric direction (a config's `direction`, gate.json checks); else by name. */
  directions?: Record<string, Direction | undefined>;
}

export function diffRuns(base: RunRecord, head: RunRecord, opts: DiffOptions = {}): RunDiff {
  const directionOf = (m: string): Direction => opts.directions?.[m] ?? defaultDirection(m);
  const metrics = diffMetrics(base.metrics, head.metrics, directionOf);
  const slices = diffSlices(base.slices ?? {}, head.slices ?? {}, directionOf);
  const params = diffParams(base.params ?? {}, head.params ?? {});
  const data = diffData(base.data ?? {}, head.data ?? {});
  return {
    model: head.model,
    base: side(base),
    head: side(head),
    metrics,
    slices,
    params,
    data,
    changed: {
      metrics: metrics.filter((m) => m.status !== "unchanged").length,
      slices: slices.filter((s) => s.status !== "unchanged").length,
      params: params.length,
      data: data.filter((d) => d.status !== "unchanged").length,
    },
  };
}

export function diffMetric(
  metric: string,
  base: number | undefined,
  head: number | undefined,
  direction: Direction,
): MetricDiff {
  const b = base ?? null;
  const h = head ?? null;
  if (b === null || h === null) {
    const status = b === null ? "added" : "removed";
    return { metric, base: b, head: h, delta: null, relative: null, direction, status, trend: null };
  }
  const delta = h - b;
  const relative = b === 0 ? null : delta / Math.abs(b);
  const trend = h === b ? "same" : (direction === "higher" ? h > b : h < b) ? "better" : "worse";
  const status = h === b ? "unchanged" : "changed";
  return { metric, base: b, head: h, delta, relative, direction, status, trend };
}

function diffMetrics(
  base: Record<string, number>,
  head: Record<string, number>,
  directionOf: (m: string) => Direction,
): MetricDiff[] {
  return unionKeys(base, head).map((m) => diffMetric(m, base[m], head[m], directionOf(m)));
}

function diffSlices(
  base: Record<string, Record<string, number>>,
  head: Record<string, Record<string, number>>,
  directionOf: (m: string) => Direction,
): SliceDiff[] {
  return unionKeys(base, head).map((slice) => {
    const b = base[slice];
    const h = head[slice];
    const metrics = diffMetrics(b ?? {}, h ?? {}, directionOf);
    const status: ChangeStatus = !b
      ? "added"
      : !h
        ? "removed"
        : metrics.some((m) => m.status !== "unchanged")
          ? "changed"
          : "unchanged";
    return { slice, status, metrics };
  });
}

function diffParams(base: Record<string, unknown>, head: Record<string, unknown>): ParamDiff[] {
  const b = flatten(base);
  const h = flatten(head);
  const out: ParamDiff[] = [];
  for (const key of unionKeys(Object.fromEntries(b), Object.fromEntries(h))) {
    const inBase = b.has(key);
    const inHead = h.has(key);
    const bv = b.get(key);
    const hv = h.get(key);
    if (inBase && inHead && canonicalJson(bv) === canonicalJson(hv)) continue;
    out.push({ key, base: bv, head: hv, status: !inBase ? "added" : !inHead ? "removed" : "changed" });
  }
  return out;
}

function diffData(base: Record<string, DataFingerprint>, head: Record<string, DataFingerprint>): DataDiff[] {
  return unionKeys(base, head).map((path) => {
    const b = base[path] ? pickFingerprint(base[path]) : null;
    const h = head[path] ? pickFingerprint(head[path]) : null;
    const status: ChangeStatus = !b
      ? "added"
      : !h
        ? "removed"
        : b.sha256 === h.sha256 && b.rows === h.rows
          ? "unchanged"
          : "changed";
    return { path, base: b, head: h, status };
  });
}

function pickFingerprint(f: DataFingerprint): DataFingerprint {
  return f.rows === undefined ? { sha256: f.sha256 } : { sha256: f.sha256, rows: f.rows };
}

/** Nested plain objects become dot paths; arrays and scalars are leaves. */
function flatten(obj: Record<string, unknown>, prefix = "", out = new Map<string, unknown>()) {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0) {
      flatten(v as Record<string, unknown>, key, out);
    } else out.set(key, v);
  }
  return out;
}

function unionKeys(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])];
}

function side(run: RunRecord): RunSide {
  const out: RunSide = { model: run.model };
  if (run.code?.sha) out.sha = run.code.sha;
  if (run.code?.ref) out.ref = run.code.ref;
  return out;
}

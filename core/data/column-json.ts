/**
 * A column's part of profile.json (`kiln.profile/v1`): its shape, the column written to it and read
 * back from it, and two columns merged into one (shards). The accumulator is ColumnProfile
 * (column.ts), which re-exports what others import from here.
 */
import type { ColumnProfile } from "./column.js";
import type { COLUMN_TYPES } from "./report.js";
import { FREQUENT_CAPACITY, FrequentItems, type FrequentJson } from "./sketches/frequent.js";
import { type HllJson, HyperLogLog } from "./sketches/hll.js";
import { type KllJson, KllSketch } from "./sketches/kll.js";
import type { MomentsJson } from "./sketches/moments.js";

export type ColumnType = (typeof COLUMN_TYPES)[number];

/** Example rows kept per kind (not numeric, non-finite, each finding): the first ones. */
export const MAX_EXAMPLES = 5;

export interface Example {
  row: number;
  value: unknown;
}

/** Counts of what the cells were, before a type was chosen. */
export interface KindCounts {
  number: number;
  datetime: number;
  boolean: number;
  string: number;
  non_finite: number;
}

export interface Finding {
  count: number;
  examples: Example[];
}

export interface ColumnJson {
  name: string;
  type: ColumnType;
  /** True when the schema pinned the type rather than kiln inferring it. */
  pinned: boolean;
  count: number;
  missing: number;
  kinds: KindCounts;
  string_length_sum: number;
  moments: MomentsJson | null;
  quantiles: KllJson | null;
  distinct: HllJson;
  top: FrequentJson;
  histogram: null;
  /** Cells that did not fit the column's type, and non-finite numbers, with their first rows. */
  examples: { not_numeric: Example[]; non_finite: Example[] };
  findings?: Record<string, Finding>;
}

/** ColumnProfile.toJSON: the column as profile.json holds it. */
export function columnToJSON(c: ColumnProfile): ColumnJson {
  const findings = Object.fromEntries(c.findings);
  return {
    name: c.name,
    type: c.type(),
    pinned: c.checks.type !== undefined,
    count: c.count,
    missing: c.missing,
    kinds: { ...c.kinds },
    string_length_sum: c.stringLengthSum,
    moments: c.moments.toJSON(),
    quantiles: c.kllMaterialized ? c.kll.toJSON() : null,
    distinct: c.distinctSketch().toJSON(),
    top: c.frequent.toJSON(),
    histogram: null,
    examples: { not_numeric: c.notNumeric, non_finite: c.nonFinite },
    ...(c.findings.size > 0 ? { findings } : {}),
  };
}

/**
 * Sets a new column `c` (made with `json`'s name and pin: columnFromJSON in column.ts) to what
 * `json` holds; returns `c`.
 */
export function restoreColumn(c: ColumnProfile, json: ColumnJson): ColumnProfile {
  c.count = json.count;
  c.missing = json.missing;
  Object.assign(c.kinds, json.kinds);
  c.stringLengthSum = json.string_length_sum;
  if (json.moments) c.moments.merge(json.moments);
  if (json.quantiles) {
    c.kll.merge(KllSketch.fromJSON(json.quantiles));
    c.kllMaterialized = true;
  }
  c.hll.merge(HyperLogLog.fromJSON(json.distinct));
  c.frequent.merge(FrequentItems.fromJSON(json.top));
  c.notNumeric = [...json.examples.not_numeric];
  c.nonFinite = [...json.examples.non_finite];
  for (const [kind, f] of Object.entries(json.findings ?? {}))
    c.findings.set(kind, { count: f.count, examples: [...f.examples] });
  return c;
}

/** Adds another shard's column into this one: exact fields add, sketches merge, examples keep the first rows. */
export function mergeColumn(into: ColumnProfile, other: ColumnProfile): void {
  into.count += other.count;
  into.missing += other.missing;
  for (const k of Object.keys(into.kinds) as Array<keyof KindCounts>) into.kinds[k] += other.kinds[k];
  into.stringLengthSum += other.stringLengthSum;
  into.moments.merge(other.moments);
  into.distinctSketch().merge(other.distinctSketch());
  // Numbers stay exact only if both sides are exact and their union still fits; else both sides'
  // numbers go to the quantile sketches first, so none is lost in the purge.
  const union = new Set([...into.frequent.keys(), ...other.frequent.keys()]).size;
  if (
    into.kllMaterialized ||
    other.kllMaterialized ||
    !into.frequent.exact ||
    !other.frequent.exact ||
    union > FREQUENT_CAPACITY
  ) {
    into.materializeQuantiles();
    other.materializeQuantiles();
    into.kll.merge(other.kll);
  }
  into.frequent.merge(other.frequent);
  const firstRows = (a: Example[], b: Example[]) =>
    [...a, ...b].sort((x, y) => x.row - y.row).slice(0, MAX_EXAMPLES);
  into.notNumeric = firstRows(into.notNumeric, other.notNumeric);
  into.nonFinite = firstRows(into.nonFinite, other.nonFinite);
  for (const [kind, f] of other.findings) {
    const mine = into.findings.get(kind);
    if (!mine) into.findings.set(kind, { count: f.count, examples: [...f.examples] });
    else
      into.findings.set(kind, {
        count: mine.count + f.count,
        examples: firstRows(mine.examples, f.examples),
      });
  }
}

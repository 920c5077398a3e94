/**
 * The typed scan's plan: after the first batch, each column whose sampled cells were nearly all plain
 * numbers, datetimes of one length or short codes gets that kind, and the typed scan
 * (csv-typed-scan.ts) parses its cells while finding their ends; a column where that fails for over
 * a quarter of a later batch's sample drops out of the plan.
 */
import { mayStartNumber, SHORT_BYTES } from "../bytes.js";
import { parseDatetimeBytes, parseNumberBytes } from "../values.js";
import { DATETIME_FIELD, NUMBER_FIELD, SHORT_STRING_FIELD } from "./csv-typed-scan.js";

/** Records of the first batch looked at to guess each column's kind for the typed scan. */
export const PLAN_SAMPLE = 512;

/** Delimiters that can occur inside a datetime or a number: no typed scan with those. */
export const TYPED_UNSAFE = [..."0123456789-+.:TtZzEe "].map((c) => c.charCodeAt(0));

/**
 * Test hooks, passed in the reader's options (CsvOptions.testing) and never set in use: `plan`
 * forces the typed scan's plan (and keeps it), so small inputs exercise every path; `loop` takes the
 * typed scan's loop in place of the compiled row; `counts.typedRecords` is added the records the
 * typed scan took (one counter can span many reads).
 */
export interface CsvTesting {
  plan?: (width: number) => ForcedPlan;
  loop?: boolean;
  counts?: { typedRecords: number };
}

export interface ForcedPlan {
  kinds: ArrayLike<number>;
  lengths: ArrayLike<number>;
}

/**
 * Guesses each column's kind (and a datetime column's length) from the first `count` records of a
 * batch, still in place in `buf`: field f of record r spans `buf[starts[r * width + f], ends[…])`.
 * Writes `kinds` and `lengths` (`forced`'s where given).
 */
export function planColumns(
  buf: Uint8Array,
  starts: Int32Array,
  ends: Int32Array,
  count: number,
  width: number,
  kinds: Uint8Array,
  lengths: Int32Array,
  forced: ForcedPlan | undefined,
): void {
  const n = Math.min(count, PLAN_SAMPLE);
  for (let f = 0; f < width; f++) {
    let numbers = 0;
    let datetimes = 0;
    let strings = 0;
    let length = -1;
    for (let r = 0; r < n; r++) {
      const s = starts[r * width + f] as number;
      const e = ends[r * width + f] as number;
      const c = buf[s] as number;
      if (e - s >= 10 && buf[s + 4] === 45 && buf[s + 7] === 45) {
        if (length === -1) length = e - s;
        if (e - s === length && !Number.isNaN(parseDatetimeBytes(buf, s, e))) datetimes++;
      } else if (!Number.isNaN(parseNumberBytes(buf, s, e))) numbers++;
      else if (e > s && e - s <= SHORT_BYTES && !mayStartNumber(c)) strings++;
    }
    const kind =
      numbers >= 0.9 * n
        ? NUMBER_FIELD
        : datetimes >= 0.9 * n
          ? DATETIME_FIELD
          : strings >= 0.9 * n
            ? SHORT_STRING_FIELD
            : 0;
    kinds[f] = forced ? (forced.kinds[f] as number) : kind;
    lengths[f] = forced ? (forced.lengths[f] as number) : length;
  }
}

/** How replanColumns left the plan. */
export const PLAN_EMPTY = 0;
export const PLAN_KEPT = 1;
export const PLAN_NARROWED = 2;

/**
 * Drops the typed parse of columns where it failed (NaN in `parsed`) for more than a quarter of a
 * batch's sample, unless the plan is `forced`. Returns PLAN_EMPTY when no column is left typed,
 * PLAN_NARROWED when some dropped out (the typed scan must be rebuilt), else PLAN_KEPT.
 */
export function replanColumns(
  parsed: Float64Array,
  count: number,
  width: number,
  kinds: Uint8Array,
  forced: boolean,
): number {
  let any = false;
  let dropped = false;
  const sample = Math.min(count, PLAN_SAMPLE);
  for (let f = 0; f < width; f++) {
    if (kinds[f] === 0) continue;
    let misses = 0;
    for (let i = f; i < sample * width; i += width) if (Number.isNaN(parsed[i])) misses++;
    if (misses * 4 > sample && !forced) {
      kinds[f] = 0;
      dropped = true;
    } else any = true;
  }
  return !any ? PLAN_EMPTY : dropped ? PLAN_NARROWED : PLAN_KEPT;
}

/** The time window production data covers, from its timestamps: the first datetime column's range. */
import type { DataProfile } from "../data/profile-data.js";

export interface Window {
  from: string | null;
  to: string | null;
}

const TIME_NAME = /time|date|^ts$|_at$/i;

export function dataWindow(profile: DataProfile): Window {
  const dated = profile.columns.filter((c) => c.type() === "datetime" && c.moments.n > 0);
  // A column named like a timestamp wins over, say, a birth date that happens to come first.
  const column = dated.find((c) => TIME_NAME.test(c.name)) ?? dated[0];
  if (!column) return { from: null, to: null };
  const iso = (ms: number) => {
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  };
  return { from: iso(column.moments.min), to: iso(column.moments.max) };
}

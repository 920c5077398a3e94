import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  COLUMN_TYPES,
  kilnFile
} from "./chunk-KP4FZ7NM.js";
import {
  _enum,
  array,
  looseObject,
  number,
  string
} from "./chunk-SG4ICILI.js";

// core/data/profile-file.ts
var sketchSchema = looseObject({ kind: string().min(1) });
var profileColumnSchema = looseObject({
  name: string(),
  type: _enum(COLUMN_TYPES),
  count: number().int().nonnegative(),
  missing: number().int().nonnegative(),
  /** Welford moments, exact and mergeable. */
  moments: looseObject({ n: number(), mean: number(), m2: number(), min: number(), max: number() }).nullable().optional(),
  quantiles: sketchSchema.nullable().optional(),
  distinct: sketchSchema.nullable().optional(),
  top: sketchSchema.nullable().optional(),
  histogram: sketchSchema.nullable().optional()
});
var profileSchema = kilnFile("profile", {
  rows: number().int().nonnegative(),
  source: looseObject({ path: string().optional(), sha256: string().optional(), shard: string().optional() }).optional(),
  columns: array(profileColumnSchema)
});

export {
  profileSchema
};

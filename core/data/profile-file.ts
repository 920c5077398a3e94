/**
 * profile.json (`kiln.profile/v1`): mergeable per-column sketches. The sketch payloads are owned by
 * core/data's sketch modules and versioned by their own `kind`; this schema pins the envelope.
 */
import * as z from "zod";
import { kilnFile } from "../contracts.js";
import { COLUMN_TYPES } from "./report.js";

export const sketchSchema = z.looseObject({ kind: z.string().min(1) });

export const profileColumnSchema = z.looseObject({
  name: z.string(),
  type: z.enum(COLUMN_TYPES),
  count: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
  /** Welford moments, exact and mergeable. */
  moments: z
    .looseObject({ n: z.number(), mean: z.number(), m2: z.number(), min: z.number(), max: z.number() })
    .nullable()
    .optional(),
  quantiles: sketchSchema.nullable().optional(),
  distinct: sketchSchema.nullable().optional(),
  top: sketchSchema.nullable().optional(),
  histogram: sketchSchema.nullable().optional(),
});

export const profileSchema = kilnFile("profile", {
  rows: z.number().int().nonnegative(),
  source: z
    .looseObject({ path: z.string().optional(), sha256: z.string().optional(), shard: z.string().optional() })
    .optional(),
  columns: z.array(profileColumnSchema),
});

export type Profile = z.infer<typeof profileSchema>;

/** Shared pieces of the JSON file schemas: versioned, and forgiving of fields a newer kiln adds. */
import * as z from "zod";
import { MODEL_NAME } from "./names.js";

export const modelName = z.string().regex(MODEL_NAME, "not a valid model name");
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "not a sha256 hex digest");
export const isoTime = z.iso.datetime({ offset: true });

/** A finite number: NaN, ±Infinity and strings are never metrics (zod's number refuses them all). */
export const finite = z.number({ error: "must be a finite number (not NaN, Infinity or a string)" });

/** `kiln.<kind>/v1` with unknown fields kept, so files from a newer kiln still load. */
export function kilnFile<K extends string, S extends z.core.$ZodLooseShape>(kind: K, shape: S) {
  return z.looseObject({ schema: z.literal(`kiln.${kind}/v1` as `kiln.${K}/v1`), ...shape });
}

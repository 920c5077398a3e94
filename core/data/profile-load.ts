/**
 * Reads profile.json text from outside back into live sketches, checked against its schema. Kept
 * apart from profiling, so neither the worker nor a run from data files loads the schema library.
 */
import { UsageError } from "../errors.js";
import { type DataProfile, type ProfileJson, profileFromJSONObject } from "./profile-data.js";
import { profileSchema } from "./profile-file.js";

export function profileFromJSON(text: string, file: string): DataProfile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = profileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${file}: ${issue?.path.join(".") || "(top level)"}: ${issue?.message}`, {
      hint: "Expected a profile.json written by `kiln profile`",
    });
  }
  try {
    return profileFromJSONObject(data as ProfileJson);
  } catch (err) {
    throw new UsageError(`${file}: a sketch cannot be read (${(err as Error).message})`);
  }
}

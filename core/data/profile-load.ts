/**
 * Reads profile.json text back into live sketches. Kept apart from profiling, so the worker that
 * profiles never loads the schema library (less memory per worker).
 */
import { UsageError } from "../errors.js";
import { columnFromJSON } from "./column.js";
import type { DataProfile, ProfileJson } from "./profile-data.js";
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
    return fromJson(data as ProfileJson);
  } catch (err) {
    throw new UsageError(`${file}: a sketch cannot be read (${(err as Error).message})`);
  }
}

/**
 * profile.json text this process wrote itself (a profile worker's): read without checking its shape
 * against the schema, which cost more than the parse on the path every `kiln validate` waits on.
 */
export function profileFromOwnJSON(text: string): DataProfile {
  return fromJson(JSON.parse(text) as ProfileJson);
}

function fromJson(json: ProfileJson): DataProfile {
  return {
    rows: json.rows,
    source: json.source,
    parseErrors: json.parse_errors ?? { count: 0, examples: [] },
    columns: json.columns.map(columnFromJSON),
  };
}

import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  profileFromJSONObject
} from "./chunk-B3ONUL3O.js";
import {
  profileSchema
} from "./chunk-5BOIGAPZ.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// core/data/profile-load.ts
function profileFromJSON(text, file) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is not valid JSON: ${err.message}`);
  }
  const parsed = profileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${file}: ${issue?.path.join(".") || "(top level)"}: ${issue?.message}`, {
      hint: "Expected a profile.json written by `kiln profile`"
    });
  }
  try {
    return profileFromJSONObject(data);
  } catch (err) {
    throw new UsageError(`${file}: a sketch cannot be read (${err.message})`);
  }
}

export {
  profileFromJSON
};

/** Profiles a data file into profile.json (`kiln.profile/v1`). */
import { NotBuiltYet } from "../errors.js";
import type { Profile } from "./profile-file.js";

export async function profilePath(_path: string): Promise<Profile> {
  throw new NotBuiltYet("data profiling", 3);
}

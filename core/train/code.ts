/**
 * The code a run was trained from: commit, ref and whether the working tree had uncommitted
 * changes. Read from git before the trainer starts, so the trainer's own outputs never count as
 * "dirty"; kiln's state folder and the run's output folder are excluded for the same reason.
 */
import type { Env } from "../process/runner.js";
import type { Exec } from "./exec.js";

export interface CodeInfo {
  sha?: string;
  ref?: string;
  dirty?: boolean;
}

/** `{}` outside a git checkout or without git. `exclude`: paths relative to `cwd` that never make the tree dirty. */
export async function codeInfo(
  cwd: string,
  opts: { env: Env; exec: Exec; exclude?: readonly string[] },
): Promise<CodeInfo> {
  const git = async (args: string[]) => {
    const r = await opts.exec("git", args, { cwd, env: { ...opts.env, LC_ALL: "C" }, timeoutMs: 30_000 });
    return r.code === 0 ? r.stdout.trim() : null;
  };
  const sha = await git(["rev-parse", "HEAD"]);
  if (!sha || !/^[0-9a-f]{40,64}$/.test(sha)) return {};
  const out: CodeInfo = { sha };
  const ref = await git(["symbolic-ref", "-q", "HEAD"]);
  if (ref) out.ref = ref;
  const excluded = (opts.exclude ?? [])
    .filter((p) => p !== "" && !p.startsWith(".."))
    .map((p) => `:(exclude)${p}`);
  // ":/" is the whole repository, also when the model lives in a subfolder of it.
  const status = await git(["status", "--porcelain", "--untracked-files=normal", "--", ":/", ...excluded]);
  if (status !== null) out.dirty = status !== "";
  return out;
}

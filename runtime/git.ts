/**
 * Where a local policy came from, for gate.json's policy_source: `<branch>@<commit>` when the
 * config file is committed and unmodified (the policy counts), `working-tree` otherwise (the gate
 * is advisory). Asks git, with the environment the adapter passes in (core reads no process.env).
 */
import { dirname, resolve } from "node:path";
import { execCapture } from "../core/train/exec.js";

export interface PolicyOrigin {
  /** `<branch>@<commit>`, or `working-tree`. */
  source: string;
  /** True when the file is committed and unmodified: the policy counts. */
  committed: boolean;
  /** Why it does not count, for the advisory note. */
  reason?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

async function git(cwd: string, args: string[], env: Env): Promise<string | null> {
  const r = await execCapture("git", args, { cwd, env: { ...env, LC_ALL: "C" } });
  return r.code === 0 ? r.stdout.trim() : null;
}

export async function policyOrigin(file: string, env: Env): Promise<PolicyOrigin> {
  const path = resolve(file);
  const cwd = dirname(path);
  const advisory = (reason: string): PolicyOrigin => ({ source: "working-tree", committed: false, reason });
  if ((await git(cwd, ["rev-parse", "--show-toplevel"], env)) === null)
    return advisory("is not in a git repository");
  if ((await git(cwd, ["ls-files", "--error-unmatch", "--", path], env)) === null)
    return advisory("is not committed");
  const status = await git(cwd, ["status", "--porcelain", "--", path], env);
  if (status === null || status !== "") return advisory("has uncommitted changes");
  const commit = await git(cwd, ["rev-parse", "HEAD"], env);
  if (!commit) return advisory("is in a repository with no commit");
  const branch = (await git(cwd, ["symbolic-ref", "--short", "-q", "HEAD"], env)) || "HEAD";
  return { source: `${branch}@${commit}`, committed: true };
}

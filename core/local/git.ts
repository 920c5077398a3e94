/**
 * Where a local policy came from, for gate.json's policy_source: `<branch>@<commit>` when the
 * config file is committed and unmodified (the policy counts), `working-tree` otherwise (the gate
 * is advisory). Asks git; this file is the only place in core/ that runs a process.
 */
import { execFile } from "node:child_process";
import { dirname, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface PolicyOrigin {
  /** `<branch>@<commit>`, or `working-tree`. */
  source: string;
  /** True when the file is committed and unmodified: the policy counts. */
  committed: boolean;
  /** Why it does not count, for the advisory note. */
  reason?: string;
}

async function git(cwd: string, args: string[]): Promise<string | null> {
  try {
    const { stdout } = await run("git", args, {
      cwd,
      encoding: "utf8",
      env: { ...process.env, LC_ALL: "C" },
    });
    return stdout.trim();
  } catch {
    return null;
  }
}

export async function policyOrigin(file: string): Promise<PolicyOrigin> {
  const path = resolve(file);
  const cwd = dirname(path);
  const advisory = (reason: string): PolicyOrigin => ({ source: "working-tree", committed: false, reason });
  if ((await git(cwd, ["rev-parse", "--show-toplevel"])) === null)
    return advisory("is not in a git repository");
  if ((await git(cwd, ["ls-files", "--error-unmatch", "--", path])) === null)
    return advisory("is not committed");
  const status = await git(cwd, ["status", "--porcelain", "--", path]);
  if (status === null || status !== "") return advisory("has uncommitted changes");
  const commit = await git(cwd, ["rev-parse", "HEAD"]);
  if (!commit) return advisory("is in a repository with no commit");
  const branch = (await git(cwd, ["symbolic-ref", "--short", "-q", "HEAD"])) || "HEAD";
  return { source: `${branch}@${commit}`, committed: true };
}

import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  execCapture
} from "./chunk-O7IIMTF5.js";

// core/local/git.ts
import { dirname, resolve } from "node:path";
async function git(cwd, args, env) {
  const r = await execCapture("git", args, { cwd, env: { ...env, LC_ALL: "C" } });
  return r.code === 0 ? r.stdout.trim() : null;
}
async function policyOrigin(file, env) {
  const path = resolve(file);
  const cwd = dirname(path);
  const advisory = (reason) => ({ source: "working-tree", committed: false, reason });
  if (await git(cwd, ["rev-parse", "--show-toplevel"], env) === null)
    return advisory("is not in a git repository");
  if (await git(cwd, ["ls-files", "--error-unmatch", "--", path], env) === null)
    return advisory("is not committed");
  const status = await git(cwd, ["status", "--porcelain", "--", path], env);
  if (status === null || status !== "") return advisory("has uncommitted changes");
  const commit = await git(cwd, ["rev-parse", "HEAD"], env);
  if (!commit) return advisory("is in a repository with no commit");
  const branch = await git(cwd, ["symbolic-ref", "--short", "-q", "HEAD"], env) || "HEAD";
  return { source: `${branch}@${commit}`, committed: true };
}

export {
  policyOrigin
};

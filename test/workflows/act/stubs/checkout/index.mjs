// actions/checkout under act: the working copy is the checkout. A `ref` is checked out in it, or,
// with `path`, in a clone of it at that folder (a second checkout, e.g. of the default branch).
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";

const { core } = await import(`${process.env.KILN_ACT_ROOT}/test/workflows/act/stubs/lib.mjs`);

const repository = core.getInput("repository");
const ref = core.getInput("ref");
const path = core.getInput("path");
const workspace = process.env.GITHUB_WORKSPACE;
const git = (...args) => execFileSync("git", args, { stdio: "inherit" });
if (repository && repository !== process.env.GITHUB_REPOSITORY) {
  core.setFailed(`this stand-in checks out ${process.env.GITHUB_REPOSITORY} only, not ${repository}`);
} else if (path) {
  const into = resolve(workspace, path);
  git("clone", "--quiet", "--no-checkout", workspace, into);
  // A branch name resolves against the clone's origin (the workspace), as the real action fetches it.
  const target = ref || process.env.GITHUB_SHA;
  git(
    "-C",
    into,
    "checkout",
    "--quiet",
    "--detach",
    ref && !/^[0-9a-f]{40}$/.test(ref) ? `origin/${ref}` : target,
  );
  core.info(`checked out ${target} into ${into}`);
} else if (ref) {
  git("-C", workspace, "checkout", "--quiet", "--detach", ref);
  core.info(`checked out ${ref} in ${workspace}`);
} else {
  core.info(`${workspace} is already the checkout of ${process.env.GITHUB_SHA}`);
}

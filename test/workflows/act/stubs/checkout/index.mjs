// actions/checkout under act: the working copy is the checkout; a ref is checked out in it.
import { execFileSync } from "node:child_process";

const { core } = await import(`${process.env.KILN_ACT_ROOT}/test/workflows/act/stubs/lib.mjs`);

const repository = core.getInput("repository");
const ref = core.getInput("ref");
const workspace = process.env.GITHUB_WORKSPACE;
if (repository && repository !== process.env.GITHUB_REPOSITORY) {
  core.setFailed(`this stand-in checks out ${process.env.GITHUB_REPOSITORY} only, not ${repository}`);
} else if (ref) {
  execFileSync("git", ["-C", workspace, "checkout", "--quiet", "--detach", ref], { stdio: "inherit" });
  core.info(`checked out ${ref} in ${workspace}`);
} else {
  core.info(`${workspace} is already the checkout of ${process.env.GITHUB_SHA}`);
}

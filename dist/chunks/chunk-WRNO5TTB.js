import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  cliPorts
} from "./chunk-NZAG6UXI.js";
import {
  execCapture
} from "./chunk-O7IIMTF5.js";
import {
  LocalRegistry
} from "./chunk-XNJST4A5.js";
import {
  systemClock
} from "./chunk-AMMCM42C.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// cli/registry-choice.ts
import { resolve } from "node:path";
var GITHUB_REGISTRY = "github";
var REGISTRY_OPTION = [
  "--registry <dir|github>",
  "local registry folder (default: .kiln/registry), or github: the repository's tags and releases (GITHUB_TOKEN, GITHUB_REPOSITORY)"
];
async function registryOf(io, choice) {
  if (choice === void 0) return cliPorts(io).registry;
  if (choice !== GITHUB_REGISTRY)
    return new LocalRegistry({ root: resolve(io.cwd, choice), clock: systemClock });
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
  const [owner, repo, ...rest] = (io.env.GITHUB_REPOSITORY ?? "").split("/");
  if (!token || !owner || !repo || rest.length > 0) {
    throw new UsageError("--registry github needs GITHUB_TOKEN and GITHUB_REPOSITORY (owner/name)", {
      hint: "In a workflow, set GITHUB_TOKEN from github.token in the step's env; Actions sets GITHUB_REPOSITORY"
    });
  }
  const [{ getOctokit }, { GitHubRegistry }] = await Promise.all([
    import("./github-Y3SDCKFO.js"),
    import("./registry-XXQFSE7C.js")
  ]);
  return new GitHubRegistry({
    owner,
    repo,
    // GITHUB_API_URL is set by Actions (and on GitHub Enterprise Server points at its API).
    octokit: getOctokit(token, io.env.GITHUB_API_URL ? { baseUrl: io.env.GITHUB_API_URL } : {}),
    clock: systemClock,
    // Version tags point at the commit being registered; outside Actions, the working tree's HEAD.
    sha: io.env.GITHUB_SHA || await headCommit(io)
  });
}
async function headCommit(io) {
  const r = await execCapture("git", ["rev-parse", "HEAD"], { cwd: io.cwd, env: io.env });
  const sha = r.stdout.trim();
  if (r.code !== 0 || !/^[0-9a-f]{40}$/.test(sha)) {
    throw new UsageError("--registry github needs GITHUB_SHA or a git checkout to tag versions at", {
      hint: "Run inside the repository, or set GITHUB_SHA"
    });
  }
  return sha;
}

export {
  REGISTRY_OPTION,
  registryOf
};

/**
 * Which registry a CLI command talks to: the local one under `.kiln/registry` (the default), a local
 * folder (`--registry DIR`), or the repository's tags and releases on GitHub (`--registry github`),
 * which is what a workflow needs, since a fresh runner's local registry is always empty.
 */
import { resolve } from "node:path";
import { UsageError } from "../core/errors.js";
import { LocalRegistry, systemClock } from "../core/local/index.js";
import type { ModelRegistry } from "../core/ports.js";
import { execCapture } from "../core/train/exec.js";
import { cliPorts } from "./context.js";
import type { CliIo } from "./io.js";

export const GITHUB_REGISTRY = "github";

export const REGISTRY_OPTION: [string, string] = [
  "--registry <dir|github>",
  "local registry folder (default: .kiln/registry), or github: the repository's tags and releases (GITHUB_TOKEN, GITHUB_REPOSITORY)",
];

export async function registryOf(io: CliIo, choice?: string): Promise<ModelRegistry> {
  if (choice === undefined) return cliPorts(io).registry;
  if (choice !== GITHUB_REGISTRY)
    return new LocalRegistry({ root: resolve(io.cwd, choice), clock: systemClock });
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
  const [owner, repo, ...rest] = (io.env.GITHUB_REPOSITORY ?? "").split("/");
  if (!token || !owner || !repo || rest.length > 0) {
    throw new UsageError("--registry github needs GITHUB_TOKEN and GITHUB_REPOSITORY (owner/name)", {
      hint: "In a workflow, set GITHUB_TOKEN from github.token in the step's env; Actions sets GITHUB_REPOSITORY",
    });
  }
  // Loaded only here: the local commands never pay for the GitHub client.
  const [{ getOctokit }, { GitHubRegistry }] = await Promise.all([
    import("@actions/github"),
    import("../github/registry.js"),
  ]);
  return new GitHubRegistry({
    owner,
    repo,
    // GITHUB_API_URL is set by Actions (and on GitHub Enterprise Server points at its API).
    octokit: getOctokit(token, io.env.GITHUB_API_URL ? { baseUrl: io.env.GITHUB_API_URL } : {}),
    clock: systemClock,
    // Version tags point at the commit being registered; outside Actions, the working tree's HEAD.
    sha: io.env.GITHUB_SHA || (await headCommit(io)),
  });
}

async function headCommit(io: CliIo): Promise<string> {
  const r = await execCapture("git", ["rev-parse", "HEAD"], { cwd: io.cwd, env: io.env });
  const sha = r.stdout.trim();
  if (r.code !== 0 || !/^[0-9a-f]{40}$/.test(sha)) {
    throw new UsageError("--registry github needs GITHUB_SHA or a git checkout to tag versions at", {
      hint: "Run inside the repository, or set GITHUB_SHA",
    });
  }
  return sha;
}

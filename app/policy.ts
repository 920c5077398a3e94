/**
 * The policy that counts: `.github/kiln.yml` on the repository's default branch, never the PR's.
 */
import { type ConfigProblem, checkConfig } from "../core/config/load.js";
import type { KilnConfig } from "../core/config/schema.js";
import { CONFIG_PATH } from "../core/names.js";
import type { Octokit, Repo } from "./artifacts.js";

export type DefaultConfig =
  | { kind: "ok"; config: KilnConfig; text: string }
  | { kind: "missing" }
  | { kind: "invalid"; problems: ConfigProblem[] };

/** A file of the repository at `ref` as text (the contents API: up to 1 MB). */
export type RepoFile = { kind: "file"; text: string } | { kind: "missing" } | { kind: "not-a-file" };

export async function readRepoFile(
  octokit: Octokit,
  repo: Repo,
  path: string,
  ref: string,
): Promise<RepoFile> {
  let data: unknown;
  try {
    data = (await octokit.rest.repos.getContent({ ...repo, path, ref })).data;
  } catch (err) {
    if ((err as { status?: number }).status === 404) return { kind: "missing" };
    throw err;
  }
  const file = data as { type?: unknown; content?: unknown };
  if (Array.isArray(data) || file.type !== "file" || typeof file.content !== "string")
    return { kind: "not-a-file" };
  return { kind: "file", text: Buffer.from(file.content, "base64").toString("utf8") };
}

export async function readDefaultConfig(
  octokit: Octokit,
  repo: Repo,
  branch: string,
): Promise<DefaultConfig> {
  const file = await readRepoFile(octokit, repo, CONFIG_PATH, branch);
  if (file.kind === "missing") return { kind: "missing" };
  if (file.kind === "not-a-file") {
    return {
      kind: "invalid",
      problems: [{ path: "", line: 1, column: 1, message: `${CONFIG_PATH} is not a file` }],
    };
  }
  const text = file.text;
  const checked = checkConfig(text);
  return checked.ok
    ? { kind: "ok", config: checked.config, text }
    : { kind: "invalid", problems: checked.problems };
}

/** `app.workflows` names workflow files (`kiln-ci.yml`, or a path); empty selects every workflow. */
export function workflowSelected(config: KilnConfig, workflowPath: string | null): boolean {
  const names = config.app.workflows;
  if (names.length === 0) return true;
  if (!workflowPath) return false;
  const file = workflowPath.split("/").pop() ?? workflowPath;
  return names.some((n) => n === workflowPath || n === file);
}

/**
 * True when the config at `headSha` differs from the default branch's text: the pull request edits
 * its own policy. False when the head's cannot be read (a fork's commit is not in this repository,
 * or GitHub fails): the note is informational, so a failure costs the note, not the comment.
 */
export async function configDiffers(
  octokit: Octokit,
  repo: Repo,
  defaultText: string,
  headSha: string,
): Promise<boolean> {
  try {
    const head = await readRepoFile(octokit, repo, CONFIG_PATH, headSha);
    return head.kind === "file" && head.text !== defaultText;
  } catch {
    return false;
  }
}

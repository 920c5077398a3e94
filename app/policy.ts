/**
 * The policy that counts: `.github/kiln.yml` on the repository's default branch, never the PR's.
 */
import { type ConfigProblem, checkConfig } from "../core/config/load.js";
import type { KilnConfig } from "../core/config/schema.js";
import { CONFIG_PATH } from "../core/names.js";
import type { Octokit, Repo } from "./artifacts.js";

export type DefaultConfig =
  | { kind: "ok"; config: KilnConfig }
  | { kind: "missing" }
  | { kind: "invalid"; problems: ConfigProblem[] };

export async function readDefaultConfig(
  octokit: Octokit,
  repo: Repo,
  branch: string,
): Promise<DefaultConfig> {
  let data: unknown;
  try {
    data = (await octokit.rest.repos.getContent({ ...repo, path: CONFIG_PATH, ref: branch })).data;
  } catch (err) {
    if ((err as { status?: number }).status === 404) return { kind: "missing" };
    throw err;
  }
  const file = data as { type?: unknown; content?: unknown; encoding?: unknown };
  if (Array.isArray(data) || file.type !== "file" || typeof file.content !== "string") {
    return {
      kind: "invalid",
      problems: [{ path: "", line: 1, column: 1, message: `${CONFIG_PATH} is not a file` }],
    };
  }
  const text = Buffer.from(file.content, "base64").toString("utf8");
  const checked = checkConfig(text);
  return checked.ok
    ? { kind: "ok", config: checked.config }
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

/**
 * The frame every kiln action runs in: inputs parsed with zod at the edge, one clear failure line
 * (stack only with KILN_DEBUG=1), outputs set by name. Actions stay thin: parse, call core, render.
 */
import * as core from "@actions/core";
import * as z from "zod";
import { describeError, KilnError, UsageError } from "../../core/errors.js";
import { fromGitHubError } from "../../github/errors.js";

/** Reads each key of the schema as an action input (kebab-case, as in action.yml) and validates it. */
export function readInputs<S extends z.ZodRawShape>(shape: S): z.output<z.ZodObject<S>> {
  const raw: Record<string, string | undefined> = {};
  for (const key of Object.keys(shape)) {
    const value = core.getInput(key);
    raw[key] = value === "" ? undefined : value;
  }
  const parsed = z.object(shape).safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `input '${i.path.join(".")}': ${i.message}`);
    throw new UsageError(problems.join("; "), { hint: "Check the `with:` block of this step" });
  }
  return parsed.data;
}

/** Common inputs: the same names as the CLI flags. */
export const modelInput = z.string({ error: "is required" }).min(1);
export const configInput = z.string().default(".github/kiln.yml");
export const booleanInput = z.enum(["true", "false"]).transform((v) => v === "true");

/**
 * The directory the `config` input (and an action's other relative paths) start from:
 * GITHUB_WORKSPACE when set and non-empty (the runner's checkout), else the working directory.
 */
export function workspaceDir(): string {
  return process.env.GITHUB_WORKSPACE || process.cwd();
}

export async function runAction(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (caught) {
    const err = fromGitHubError(caught) ?? caught;
    core.setFailed(err instanceof KilnError ? describeError(err) : `internal error: ${describeError(err)}`);
    if (process.env.KILN_DEBUG === "1" && caught instanceof Error && caught.stack) core.debug(caught.stack);
  }
}

/**
 * `kiln config models [--changed-from REF] [--has SECTION]`: the config's models as one line of JSON,
 * the matrix the reusable workflows build. With --changed-from, only the models whose `paths` match
 * a file changed between REF and HEAD (`git diff --relative`, so paths are relative to where kiln runs).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Command } from "commander";
import { UsageError } from "../../core/errors.js";
import { SECTIONS, type Section, selectModels } from "../../core/init/models.js";
import { CONFIG_PATH } from "../../core/names.js";
import { loadConfig } from "../context.js";
import type { CliIo } from "../io.js";

const run = promisify(execFile);

interface Flags {
  config: string;
  changedFrom?: string;
  has?: string;
  environment?: string;
  only?: string;
  format: string;
}

export function registerConfigModels(program: Command, io: CliIo): void {
  const config = program.commands.find((c) => c.name() === "config");
  if (!config) throw new Error("register `kiln config` before `kiln config models`");
  config
    .command("models")
    .description(
      "list the config's models as JSON (the workflows' matrix), optionally only those a change touches",
    )
    .option("--config <file>", "kiln config", CONFIG_PATH)
    .option("--changed-from <ref>", "only models whose paths match files changed since this commit")
    .option("--has <section>", `only models with this section: ${SECTIONS.join(", ")}`)
    .option("--environment <name>", "only models that deploy to this environment")
    .option("--only <names>", "only these models: a JSON list or comma-separated names (empty: no filter)")
    .option("--format <format>", "json (one line) or names (one a line)", "json")
    .action(async (flags: Flags) => {
      if (flags.format !== "json" && flags.format !== "names") {
        throw new UsageError(`--format ${JSON.stringify(flags.format)} is not supported`, {
          hint: "Use json or names",
        });
      }
      if (flags.has !== undefined && !(SECTIONS as readonly string[]).includes(flags.has)) {
        throw new UsageError(`--has ${JSON.stringify(flags.has)} is not a model section`, {
          hint: `Use one of ${SECTIONS.join(", ")}`,
        });
      }
      const cfg = await loadConfig(io, flags.config);
      const changed = await changedFiles(io, flags.changedFrom);
      const only = parseOnly(flags.only);
      for (const name of only ?? []) {
        if (!(name in cfg.models))
          throw new UsageError(`--only: ${flags.config} declares no model ${JSON.stringify(name)}`);
      }
      const models = selectModels(cfg, {
        ...(changed ? { changed } : {}),
        ...(flags.has ? { has: flags.has as Section } : {}),
        ...(flags.environment !== undefined ? { environment: flags.environment } : {}),
        ...(only ? { only } : {}),
      });
      io.stdout(
        flags.format === "json" ? `${JSON.stringify(models)}\n` : models.map((m) => `${m.model}\n`).join(""),
      );
    });
}

/** `["a","b"]` or `a,b`; undefined when empty (the workflows pass their optional input through). */
function parseOnly(text: string | undefined): string[] | undefined {
  const t = text?.trim() ?? "";
  if (t === "" || t === "[]") return undefined;
  if (t.startsWith("[")) {
    let list: unknown;
    try {
      list = JSON.parse(t);
    } catch {
      list = undefined;
    }
    if (!Array.isArray(list) || !list.every((x) => typeof x === "string")) {
      throw new UsageError(`--only ${JSON.stringify(t)} is not a JSON list of model names`);
    }
    return list.length > 0 ? list : undefined;
  }
  return t
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/**
 * Files changed between `ref` and HEAD; undefined (every model) when there is no base to compare
 * with — no ref, the all-zero SHA of a new branch, or a commit the clone lacks — said on stderr.
 */
async function changedFiles(io: CliIo, ref: string | undefined): Promise<string[] | undefined> {
  if (ref === undefined) return undefined;
  if (ref === "" || /^0+$/.test(ref)) {
    io.stderr("kiln: no base commit to compare with: every model counts as changed\n");
    return undefined;
  }
  if (ref.startsWith("-")) throw new UsageError(`--changed-from ${JSON.stringify(ref)} is not a commit`);
  try {
    const { stdout } = await run("git", ["diff", "--name-only", "--relative", "-z", ref, "HEAD", "--"], {
      cwd: io.cwd,
      encoding: "utf8",
      env: { ...io.env, LC_ALL: "C" },
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout.split("\0").filter((f) => f !== "");
  } catch {
    io.stderr(
      `kiln: warning: cannot compare with ${ref} (not in this clone? check out with fetch-depth: 0): every model counts as changed\n`,
    );
    return undefined;
  }
}

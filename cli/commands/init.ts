/**
 * `kiln init [--force] [--dir DIR]`: writes the four starter workflows into .github/workflows/ and a
 * starter .github/kiln.yml, pinned to kiln's slug and major version (package.json). Detects a
 * Python trainer, data files, the metrics file and requirements.txt. Never overwrites without --force.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import type { Command } from "commander";
import { checkConfig } from "../../core/config/load.js";
import { UsageError } from "../../core/errors.js";
import { detectProject } from "../../core/init/detect.js";
import { majorOf, setupCommandFor, starterConfig, starterWorkflows } from "../../core/init/templates.js";
import { CONFIG_PATH } from "../../core/names.js";
import { kilnPackage } from "../../runtime/package-root.js";
import type { CliIo } from "../io.js";

const run = promisify(execFile);
const SKIP = new Set([
  ".git",
  "node_modules",
  ".venv",
  "venv",
  "__pycache__",
  ".kiln",
  ".tox",
  "dist",
  "build",
]);
const MAX_FILES = 20_000;

export function registerInit(program: Command, io: CliIo): void {
  program
    .command("init")
    .description("write starter workflows and a starter .github/kiln.yml")
    .option("--force", "overwrite existing files")
    .option("--dir <dir>", "the repository to set up (default: the current folder)")
    .action(async (flags: { force?: boolean; dir?: string }) => {
      const dir = resolve(io.cwd, flags.dir ?? ".");
      if (!existsSync(dir) || !statSync(dir).isDirectory()) {
        throw new UsageError(`${flags.dir ?? dir} is not a folder`);
      }
      if (!(await insideGit(dir, io.env))) {
        throw new UsageError(`${dir} is not in a git repository`, {
          hint: "Run `git init` first, or pass --dir with your repository",
        });
      }
      const pkg = kilnPackage();
      if (!pkg.repository) throw new Error("package.json has no GitHub repository to pin workflows to");
      const pin = { slug: pkg.repository, major: majorOf(pkg.version) };
      const detected = detectProject({
        name: basename(dir),
        files: listFiles(dir),
        read: (p) => {
          try {
            return readFileSync(join(dir, p), "utf8");
          } catch {
            return undefined;
          }
        },
      });
      const setupCommand = setupCommandFor(detected);
      const files: Record<string, string> = {};
      for (const [name, text] of Object.entries(
        starterWorkflows(pin, setupCommand ? { setupCommand } : {}),
      )) {
        files[`.github/workflows/${name}`] = text;
      }
      const config = starterConfig(detected, pin);
      const checked = checkConfig(config);
      if (!checked.ok)
        throw new Error(
          `the starter config does not pass its own check: ${JSON.stringify(checked.problems)}`,
        );
      files[CONFIG_PATH] = config;

      const existing = Object.keys(files).filter((f) => existsSync(join(dir, f)));
      if (existing.length > 0 && !flags.force) {
        throw new UsageError(`refusing to overwrite ${existing.join(", ")}`, {
          hint: "Pass --force to overwrite them, or move them aside",
        });
      }
      for (const [path, text] of Object.entries(files)) {
        await mkdir(join(dir, path, ".."), { recursive: true });
        await writeFile(join(dir, path), text);
      }
      const shown = relative(io.cwd, dir) || ".";
      io.stdout(
        `kiln init: wrote ${Object.keys(files).length} files in ${shown} (pinned to ${pin.slug}@v${pin.major})\n`,
      );
      for (const path of Object.keys(files)) {
        io.stdout(`  ${existing.includes(path) ? "overwrote" : "wrote    "} ${path}\n`);
      }
      io.stdout(`Detected (model ${detected.model}):\n`);
      for (const note of detected.notes.length > 0 ? detected.notes : ["nothing: fill in the TODOs"]) {
        io.stdout(`  ${note}\n`);
      }
      io.stdout(
        [
          "Next steps:",
          `  1. Edit ${CONFIG_PATH} (the TODOs: train command, metrics file, gate rules), then \`kiln config check\`.`,
          "  2. Try it locally: `kiln train --model " +
            detected.model +
            "` and `kiln gate --model " +
            detected.model +
            "`.",
          "  3. Install the kiln GitHub App on the repository, for PR comments and retraining PRs.",
          "  4. Create the staging and production environments (Settings → Environments) with required reviewers.",
          "  5. Commit .github/ and open a pull request: kiln-ci validates, trains and gates it.",
          "",
        ].join("\n"),
      );
    });
}

async function insideGit(dir: string, env: CliIo["env"]): Promise<boolean> {
  try {
    await run("git", ["rev-parse", "--is-inside-work-tree"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...env, LC_ALL: "C" },
    });
    return true;
  } catch {
    return false;
  }
}

/** Files under `dir`, relative with forward slashes, three levels deep, skipping tool folders. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string, depth: number) => {
    if (depth > 3 || out.length >= MAX_FILES) return;
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP.has(e.name)) walk(path, depth + 1);
      } else if (e.isFile()) out.push(path);
    }
  };
  walk("", 0);
  return out.sort();
}

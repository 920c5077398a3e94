/**
 * `kiln demo`: the whole loop on examples/penguins with the local ports, no GitHub needed. Each
 * step runs the same `kiln` commands a workflow would (in a copy of the example, so the original
 * stays clean) and prints its result and timing; a step whose issue has not landed is listed as such.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import type { Command } from "commander";
import { UsageError } from "../../core/errors.js";
import { CONFIG_PATH } from "../../core/names.js";
import { packageRoot } from "../../runtime/package-root.js";
import { startHealth } from "../demo/health.js";
import { DEMO_STEPS, type DemoContext } from "../demo/steps.js";
import type { CliIo } from "../io.js";

const run = promisify(execFile);

export function registerDemo(
  program: Command,
  io: CliIo,
  exit: (code: number) => void,
  run: (argv: string[], io: CliIo) => Promise<number>,
): void {
  program
    .command("demo")
    .description("run the whole loop on the bundled example, locally, step by step")
    .option("--out <dir>", "folder for the demo's working copy, reports and local registry", "demo-out")
    .option("--example <dir>", "example repository", join(packageRoot(), "examples", "penguins"))
    .action(async (opts: { out: string; example: string }) => {
      const out = resolve(io.cwd, opts.out);
      const example = resolve(io.cwd, opts.example);
      if (!existsSync(join(example, CONFIG_PATH))) {
        throw new UsageError(`${opts.example} has no ${CONFIG_PATH}`, {
          hint: "Point --example at a repository that uses kiln",
        });
      }
      if (`${out}/`.startsWith(`${example}/`)) {
        throw new UsageError(`--out ${opts.out} is inside the example ${opts.example}`, {
          hint: "Choose a folder outside it",
        });
      }
      const repo = join(out, "repo");
      await rm(out, { recursive: true, force: true });
      await mkdir(out, { recursive: true });
      // The working copy leaves out what a previous local run left in the example.
      await cp(example, repo, {
        recursive: true,
        filter: (src) =>
          !/[/\\](\.kiln|model|__pycache__)$/.test(src) &&
          !/[/\\](metrics\.json|predictions\.csv)$/.test(src),
      });
      // The demo's service answers on a free port; the working copy becomes a git repository with the
      // config committed on main, so its gate policy counts (as the default branch's would).
      const health = await startHealth();
      const configFile = join(repo, CONFIG_PATH);
      const config = await readFile(configFile, "utf8");
      await writeFile(configFile, config.replaceAll("http://127.0.0.1:8787/health", health.url));
      await commitAll(repo, io.env);
      const ctx: DemoContext = {
        repo,
        out,
        health,
        kiln: async (args) => {
          let stdout = "";
          let stderr = "";
          const code = await run(args, {
            stdout: (t) => {
              stdout += t;
            },
            stderr: (t) => {
              stderr += t;
            },
            env: io.env,
            cwd: repo,
          });
          return { code, stdout, stderr };
        },
      };
      const shown = relative(io.cwd, out) || ".";
      io.stdout(`kiln demo — the loop on ${relative(io.cwd, example) || "."}, artifacts in ${shown}/\n`);

      let ran = 0;
      let failed = 0;
      const started = performance.now();
      const width = Math.max(...DEMO_STEPS.map((s) => s.name.length));
      for (const [i, step] of DEMO_STEPS.entries()) {
        const label = `${String(i + 1).padStart(2)}. ${step.name.padEnd(width)}`;
        const stepStart = performance.now();
        try {
          const result = await step.run(ctx);
          ran++;
          io.stdout(`${label}  ✅ ${result}  (${formatMs(performance.now() - stepStart)})\n`);
        } catch (err) {
          failed++;
          io.stdout(`${label}  ❌ ${(err as Error).message}  (${formatMs(performance.now() - stepStart)})\n`);
          break;
        }
      }
      await health.close();
      io.stdout(
        `${failed ? "❌ failed" : "✅ done"}: ${ran} step${ran === 1 ? "" : "s"} ran in ${formatMs(performance.now() - started)}; artifacts in ${shown}/\n`,
      );
      exit(failed ? 1 : 0);
    });
}

async function commitAll(repo: string, env: CliIo["env"]): Promise<void> {
  const git = (...args: string[]) =>
    run("git", ["-c", "user.name=kiln demo", "-c", "user.email=demo@kiln.invalid", ...args], {
      cwd: repo,
      env: { ...env, LC_ALL: "C" },
    });
  try {
    await git("init", "-q", "-b", "main");
    await git("add", "-A");
    await git("commit", "-q", "-m", "penguins: the example repository");
  } catch (err) {
    throw new UsageError(
      `the demo needs git to make its working copy a repository (${(err as Error).message.split("\n")[0]})`,
    );
  }
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Runs kiln's real workflow files with nektos/act on this host (no Docker: `-P <label>=-self-hosted`),
 * against a working copy of examples/penguins set up by `kiln init`, offline:
 * - kiln itself resolves through `--local-repository <slug>@v<major>=<slim copy>`, so `uses:
 *   <slug>@v0`, `<slug>/actions/<name>@v0` and the reusable-workflow calls need no network;
 * - each third-party action the workflows use is mapped by its exact `owner/repo@sha` to a stand-in
 *   in stubs/ (a workflow using one without a stand-in fails the harness, by name);
 * - GitHub is the fake (test/support/fake-github.ts) with its artifact service; act takes
 *   ACTIONS_RUNTIME_URL from its own environment and gives it to the steps as the results URL too.
 */
import { execFileSync, spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { majorOf } from "../../../core/init/templates.js";
import { kilnPackage } from "../../../runtime/package-root.js";
import type { FakeGitHub } from "../../support/fake-github.js";
import { ensureAct, ensureNode24 } from "./tools.js";

export const ROOT = join(import.meta.dirname, "..", "..", "..");
const STUBS = join(import.meta.dirname, "stubs");
const pkg = kilnPackage();
export const SLUG = pkg.repository;
export const MAJOR = majorOf(pkg.version);

/** The folder act maps kiln to: what a `uses:` of kiln needs (action.yml files, dist/, .github/). */
export function slimKiln(into: string): string {
  mkdirSync(into, { recursive: true });
  cpSync(join(ROOT, "action.yml"), join(into, "action.yml"));
  cpSync(join(ROOT, "dist"), join(into, "dist"), { recursive: true });
  cpSync(join(ROOT, ".github"), join(into, ".github"), { recursive: true });
  for (const name of readdirSync(join(ROOT, "actions"))) {
    const yml = join(ROOT, "actions", name, "action.yml");
    if (existsSync(yml)) cpSync(yml, join(into, "actions", name, "action.yml"));
  }
  return into;
}

/** `owner/repo@sha` of every third-party action kiln's reusable workflows use, with its stand-in. */
export function thirdPartyActions(): Array<{ uses: string; stub: string }> {
  const found = new Set<string>();
  const dir = join(ROOT, ".github", "workflows");
  for (const file of readdirSync(dir).filter((f) => f.startsWith("kiln-"))) {
    for (const m of readFileSync(join(dir, file), "utf8").matchAll(
      /uses:\s*([\w.-]+\/[\w.-]+)@([0-9a-f]{40})/g,
    ))
      found.add(`${m[1]}@${m[2]}`);
  }
  return [...found].sort().map((uses) => {
    const stub = join(STUBS, (uses.split("@")[0] ?? "").split("/")[1] ?? "");
    if (!existsSync(join(stub, "action.yml")))
      throw new Error(`${uses} has no stand-in: add test/workflows/act/stubs/${stub.split("/").pop()}/`);
    return { uses, stub };
  });
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=kiln test", "-c", "user.email=test@kiln.invalid", ...args], {
    cwd,
    encoding: "utf8",
  }).trim();

/** A git working copy of the calling repository. */
export class CallingRepo {
  constructor(
    readonly dir: string,
    readonly fullName: string,
  ) {}

  git(...args: string[]): string {
    return git(this.dir, ...args);
  }

  head(): string {
    return this.git("rev-parse", "HEAD");
  }

  write(path: string, content: string): void {
    mkdirSync(join(this.dir, path, ".."), { recursive: true });
    writeFileSync(join(this.dir, path), content);
  }

  read(path: string): string {
    return readFileSync(join(this.dir, path), "utf8");
  }

  commit(message: string): string {
    this.git("add", "-A");
    this.git("commit", "--quiet", "--allow-empty", "-m", message);
    return this.head();
  }

  /** Files in the tree of HEAD, for the fake GitHub's copy. */
  files(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const path of this.git("ls-files").split("\n").filter(Boolean))
      out[path] = readFileSync(join(this.dir, path), "utf8");
    return out;
  }
}

/**
 * examples/penguins as its own repository, with the starter workflows written by the real
 * `kiln init` (run before the example's own config is put back, as init leaves a config alone).
 */
export function penguinsRepo(
  parent: string,
  fullName = "o/penguins",
  edit: (config: string) => string = (config) => config,
): CallingRepo {
  const dir = join(parent, "penguins");
  cpSync(join(ROOT, "examples", "penguins"), dir, {
    recursive: true,
    filter: (src) => !/\/(model|__pycache__|\.kiln)$|metrics\.json$|predictions\.csv$/.test(src),
  });
  git(dir, "init", "--quiet", "-b", "main");
  git(dir, "remote", "add", "origin", `https://github.com/${fullName}.git`);
  const config = readFileSync(join(dir, ".github", "kiln.yml"), "utf8");
  rmSync(join(dir, ".github", "kiln.yml"));
  execFileSync(process.execPath, [join(ROOT, "dist", "cli.js"), "init", "--dir", dir], { stdio: "pipe" });
  writeFileSync(join(dir, ".github", "kiln.yml"), edit(config));
  const repo = new CallingRepo(dir, fullName);
  repo.commit("penguins with kiln");
  return repo;
}

export interface ActRun {
  code: number;
  /** act's whole output (each job's steps, prefixed `[workflow/job]`). */
  log: string;
  /** Lines of `log` from steps, for assertions. */
  lines: string[];
}

export interface ActOptions {
  repo: CallingRepo;
  gh: FakeGitHub;
  event: "pull_request" | "push" | "schedule" | "workflow_dispatch";
  payload: Record<string, unknown>;
  workflow: string;
  runId: number;
  attempt?: number;
  token: string;
  env?: Record<string, string>;
  /** Limit for the whole act run. */
  timeoutMs?: number;
}

/** One act session: the tools, a slim kiln and a scratch folder, reused by every run. */
export class Act {
  readonly act = ensureAct();
  readonly node24 = ensureNode24();
  readonly scratch = mkdtempSync(join(tmpdir(), "kiln-act-"));
  readonly kiln = slimKiln(join(this.scratch, "kiln"));
  readonly mapped = thirdPartyActions();
  private readonly children = new Set<ReturnType<typeof spawn>>();

  run(opts: ActOptions): Promise<ActRun> {
    const eventFile = join(this.scratch, `event-${opts.runId}-${opts.attempt ?? 1}.json`);
    writeFileSync(eventFile, JSON.stringify(opts.payload));
    const env: Record<string, string> = {
      GITHUB_REPOSITORY: opts.repo.fullName,
      GITHUB_RUN_ID: String(opts.runId),
      GITHUB_RUN_ATTEMPT: String(opts.attempt ?? 1),
      GITHUB_API_URL: opts.gh.apiUrl,
      ...opts.env,
    };
    const args = [
      opts.event,
      "--workflows",
      join(".github", "workflows", opts.workflow),
      "--eventpath",
      eventFile,
      "--platform",
      "ubuntu-latest=-self-hosted",
      "--platform",
      "self-hosted=-self-hosted",
      "--local-repository",
      `${SLUG}@v${MAJOR}=${this.kiln}`,
      ...this.mapped.flatMap((m) => ["--local-repository", `${m.uses}=${m.stub}`]),
      "--action-offline-mode",
      "--action-cache-path",
      join(this.scratch, "actions"),
      "--no-cache-server",
      // A path makes act hand the steps ACTIONS_RUNTIME_TOKEN and the results URL (ours, from the
      // environment below); its own server, which refuses @actions/artifact 6, stays on loopback.
      "--artifact-server-path",
      join(this.scratch, "act-artifacts"),
      "--artifact-server-addr",
      "127.0.0.1",
      "--artifact-server-port",
      "0",
      "--defaultbranch",
      "main",
      "--concurrent-jobs",
      "1",
      "--secret",
      `GITHUB_TOKEN=${opts.token}`,
      ...Object.entries(env).flatMap(([k, v]) => ["--env", `${k}=${v}`]),
    ];
    const child = spawn(this.act, args, {
      cwd: opts.repo.dir,
      detached: true,
      env: {
        ...process.env,
        // Node 24 first: act runs `node` from PATH for node24 actions and the kiln CLI uses it too.
        PATH: [this.node24, process.env.PATH ?? ""].join(delimiter),
        ACTIONS_RUNTIME_URL: `${opts.gh.url}/`,
        KILN_ACT_ROOT: ROOT,
        // act would otherwise ask api.nektosact.com for notices: nothing leaves loopback.
        ACT_DISABLE_VERSION_CHECK: "1",
        // The host's own settings stay out of the runs.
        GITHUB_TOKEN: "",
        GITHUB_ACTIONS: "",
        CI: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.children.add(child);
    let log = "";
    child.stdout.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr.on("data", (d: Buffer) => (log += d.toString()));
    const limit = setTimeout(() => kill(child), opts.timeoutMs ?? 240_000);
    return new Promise((done) => {
      child.on("close", (code) => {
        clearTimeout(limit);
        this.children.delete(child);
        writeFileSync(join(this.scratch, `act-${opts.runId}-${opts.attempt ?? 1}.log`), log);
        done({ code: code ?? 1, log, lines: log.split("\n") });
      });
    });
  }

  /** Stops every act still running and removes the scratch folder. */
  close(): void {
    for (const child of this.children) kill(child);
    if (!process.env.KILN_ACT_KEEP) rmSync(this.scratch, { recursive: true, force: true });
  }
}

function kill(child: ReturnType<typeof spawn>): void {
  try {
    if (child.pid) process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

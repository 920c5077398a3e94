/**
 * Runs a command (the trainer, a deploy command) as its own process group, so a stop reaches every
 * process it started (data loader workers, a shell's children): SIGTERM to the group, a grace
 * period to finish (a trainer checkpoints), then SIGKILL. The caller names what runs (`label`) and
 * the runner's notes use that name. The environment comes in as a parameter; core never reads
 * process.env.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import type { Cancellation } from "./cancellation.js";
import { LineSplitter } from "./lines.js";

export type Env = Readonly<Record<string, string | undefined>>;

export type Outcome = "succeeded" | "failed" | "timed-out" | "cancelled";

/** Either words run as given (no shell) or one command line for the platform's shell. */
export type CommandSpec = { argv: readonly string[] } | { shell: string };

export interface ProcessOptions {
  /** What runs, as the notes name it: "the trainer", "the deploy command" (lowercase, also where a note starts with it). */
  label: string;
  cwd: string;
  env: Env;
  /** Wall-clock limit; none when undefined. */
  timeoutMs?: number;
  /** Time between SIGTERM and SIGKILL. */
  graceMs: number;
  onLine: (stream: "stdout" | "stderr", line: string) => void;
  /** kiln's own notes about the process (signals sent, strays stopped). */
  onNote?: (message: string) => void;
  cancellation?: Cancellation;
  /** How long to wait for output pipes after the group is gone (a grandchild that left the group may hold them). */
  drainMs?: number;
}

export interface ProcessResult {
  outcome: Outcome;
  /** Exit status of the command; null when a signal ended it or it never started. */
  exitCode: number | null;
  /** The signal that ended it, e.g. "SIGTERM". */
  signal: string | null;
  /** True when the grace period ran out and the group got SIGKILL. */
  killed: boolean;
  startedAt: Date;
  durationMs: number;
  /** Why it could not start (command not found…). */
  error?: string;
  /** The cancellation's reason, when cancelled. */
  reason?: string;
}

export function describeCommand(command: CommandSpec): string {
  return "shell" in command ? command.shell : command.argv.map(quoteWord).join(" ");
}

function quoteWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const NOT_EXECUTABLE = new Set([
  "cd",
  "source",
  ".",
  "export",
  "set",
  "eval",
  "exec",
  "if",
  "for",
  "while",
  "until",
  "case",
  "{",
  "!",
  "time",
  "trap",
  "ulimit",
  "umask",
  "unset",
  "wait",
  "command",
  "exit",
  "return",
  "shift",
  "break",
  "continue",
  "alias",
  "local",
  "readonly",
  "read",
  "getopts",
]);

/**
 * `exec cmd` for a simple command line, so the command itself (not a shell around it) leads the
 * group: its exit status is recorded as it is, and nothing stands between it and a signal. Lists,
 * pipes, subshells, assignments and builtins keep their shell.
 */
export function execIfSimple(line: string): string {
  const first = line.trim().split(/\s+/)[0] ?? "";
  if (/[;&|()`\n]|\$\(/.test(line) || /^\w+=/.test(first) || NOT_EXECUTABLE.has(first)) return line;
  return `exec ${line.trim()}`;
}

export function runProcess(command: CommandSpec, opts: ProcessOptions): Promise<ProcessResult> {
  const isWindows = process.platform === "win32";
  const [file, args] =
    "shell" in command
      ? isWindows
        ? ["cmd.exe", ["/d", "/s", "/c", command.shell]]
        : ["/bin/sh", ["-c", execIfSimple(command.shell)]]
      : [command.argv[0] ?? "", command.argv.slice(1)];
  const startedAt = new Date();
  const started = performance.now();
  const note = opts.onNote ?? (() => {});

  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(file, args as string[], {
        cwd: opts.cwd,
        env: opts.env as NodeJS.ProcessEnv,
        // A new process group (and session): the terminal's Ctrl-C does not reach the command behind
        // kiln's back, and kiln can signal the whole group.
        detached: !isWindows,
        stdio: ["ignore", "pipe", "pipe"],
        windowsHide: true,
      });
    } catch (err) {
      resolve(failedToStart(startedAt, started, (err as Error).message));
      return;
    }

    let stopping: "timed-out" | "cancelled" | undefined;
    let reason: string | undefined;
    let killed = false;
    let graceTimer: NodeJS.Timeout | undefined;
    let exit: { code: number | null; signal: string | null } | undefined;
    let spawnError: string | undefined;
    let settled = false;

    const signalGroup = (signal: NodeJS.Signals): boolean => {
      const pid = child.pid;
      if (pid === undefined) return false;
      try {
        if (isWindows) child.kill(signal);
        else process.kill(-pid, signal);
        return true;
      } catch {
        return false; // ESRCH: the group is gone
      }
    };
    const groupAlive = (): boolean =>
      child.pid === undefined || isWindows ? false : groupHasLiveMembers(child.pid);
    const kill = () => {
      if (signalGroup("SIGKILL")) {
        killed = true;
        note(`sent SIGKILL to ${opts.label}'s process group`);
      }
    };
    const terminate = () => {
      if (graceTimer) return;
      if (signalGroup("SIGTERM"))
        note(`sent SIGTERM to ${opts.label}'s process group; SIGKILL in ${formatMs(opts.graceMs)}`);
      graceTimer = setTimeout(kill, opts.graceMs);
    };

    const timeoutTimer =
      opts.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            if (stopping || exit) return;
            stopping = "timed-out";
            note(`timeout of ${formatMs(opts.timeoutMs ?? 0)} reached`);
            terminate();
          }, opts.timeoutMs);

    const unsubscribe = opts.cancellation?.onStop((stop) => {
      if (exit && !groupAlive()) return;
      if (!stopping) {
        stopping = "cancelled";
        reason = stop.reason;
      }
      if (stop.force) {
        clearTimeout(graceTimer);
        kill();
      } else terminate();
    });

    const out = new LineSplitter((line) => opts.onLine("stdout", line));
    const err = new LineSplitter((line) => opts.onLine("stderr", line));
    child.stdout?.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => err.push(chunk));

    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timeoutTimer);
      clearTimeout(graceTimer);
      clearTimeout(drainTimer);
      unsubscribe?.();
      out.end();
      err.end();
      const durationMs = performance.now() - started;
      if (spawnError !== undefined && !exit) {
        resolve(failedToStart(startedAt, started, spawnError));
        return;
      }
      const code = exit?.code ?? null;
      const signal = exit?.signal ?? null;
      const outcome: Outcome = stopping ?? (code === 0 ? "succeeded" : "failed");
      resolve({
        outcome,
        exitCode: code,
        signal,
        killed,
        startedAt,
        durationMs,
        ...(reason === undefined || outcome !== "cancelled" ? {} : { reason }),
      });
    };

    let drainTimer: NodeJS.Timeout | undefined;
    let closed = false;
    child.on("error", (e: NodeJS.ErrnoException) => {
      spawnError = e.code === "ENOENT" ? `command not found: ${file}` : e.message;
      if (!exit) finish();
    });
    child.on("exit", (code, signal) => {
      exit = { code, signal };
      // The leader is gone; stop what it left running in its group before reporting.
      let deadline = performance.now();
      if (groupAlive()) {
        note(`${opts.label} exited but left processes in its group; stopping them`);
        terminate();
        // Zombies count as members until something reaps them (PID 1 in a container may not): do not wait forever.
        deadline += opts.graceMs + 2000;
      }
      const waitForGroup = () => {
        if (groupAlive() && performance.now() < deadline) {
          drainTimer = setTimeout(waitForGroup, 50);
          return;
        }
        if (closed) {
          finish();
          return;
        }
        // Output pipes close once every holder is gone; one that escaped the group must not hang kiln.
        drainTimer = setTimeout(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
          finish();
        }, opts.drainMs ?? 1000);
      };
      waitForGroup();
    });
    child.on("close", () => {
      closed = true;
      if (exit && !groupAlive()) finish();
    });
  });
}

/**
 * Whether any process of group `pgid` still runs. On Linux /proc tells zombies apart (an orphan
 * whose new parent never reaps it, as PID 1 of many containers); elsewhere signal 0 asks the kernel.
 */
export function groupHasLiveMembers(pgid: number): boolean {
  if (process.platform === "linux") {
    try {
      for (const entry of readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        let stat: string;
        try {
          stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        } catch {
          continue; // it exited while we looked
        }
        // "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses, so parse after the last ")".
        const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (Number(pgrp) === pgid && state !== "Z" && state !== "X") return true;
      }
      return false;
    } catch {
      // no readable /proc: fall through
    }
  }
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function failedToStart(startedAt: Date, started: number, error: string): ProcessResult {
  return {
    outcome: "failed",
    exitCode: null,
    signal: null,
    killed: false,
    startedAt,
    durationMs: performance.now() - started,
    error,
  };
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 120) return `${Number(s.toFixed(1))}s`;
  if (s < 7200) return `${Number((s / 60).toFixed(1))}m`;
  return `${Number((s / 3600).toFixed(1))}h`;
}

import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);

// core/process/runner.ts
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

// core/process/lines.ts
import { StringDecoder } from "node:string_decoder";
var MAX_LINE_CHARS = 64 * 1024;
var LineSplitter = class {
  constructor(emit) {
    this.emit = emit;
  }
  emit;
  decoder = new StringDecoder("utf8");
  partial = "";
  push(chunk) {
    const text = this.partial + (typeof chunk === "string" ? chunk : this.decoder.write(chunk));
    const parts = text.split("\n");
    this.partial = parts.pop() ?? "";
    for (const part of parts) this.emit(displayed(part));
    while (this.partial.length > MAX_LINE_CHARS) {
      this.emit(displayed(this.partial.slice(0, MAX_LINE_CHARS)));
      this.partial = this.partial.slice(MAX_LINE_CHARS);
    }
  }
  /** Flushes the last line when the stream ended without a newline. */
  end() {
    const rest = this.partial + this.decoder.end();
    this.partial = "";
    if (rest !== "") this.emit(displayed(rest));
  }
};
function displayed(line) {
  const trimmed = line.endsWith("\r") ? line.slice(0, -1) : line;
  const cr = trimmed.lastIndexOf("\r");
  return cr === -1 ? trimmed : trimmed.slice(cr + 1);
}

// core/process/runner.ts
function describeCommand(command) {
  return "shell" in command ? command.shell : command.argv.map(quoteWord).join(" ");
}
function quoteWord(word) {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
var NOT_EXECUTABLE = /* @__PURE__ */ new Set([
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
  "getopts"
]);
function execIfSimple(line) {
  const first = line.trim().split(/\s+/)[0] ?? "";
  if (/[;&|()`\n]|\$\(/.test(line) || /^\w+=/.test(first) || NOT_EXECUTABLE.has(first)) return line;
  return `exec ${line.trim()}`;
}
function runProcess(command, opts) {
  const isWindows = process.platform === "win32";
  const [file, args] = "shell" in command ? isWindows ? ["cmd.exe", ["/d", "/s", "/c", command.shell]] : ["/bin/sh", ["-c", execIfSimple(command.shell)]] : [command.argv[0] ?? "", command.argv.slice(1)];
  const startedAt = /* @__PURE__ */ new Date();
  const started = performance.now();
  const note = opts.onNote ?? (() => {
  });
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(file, args, {
        cwd: opts.cwd,
        env: opts.env,
        // A new process group (and session): the terminal's Ctrl-C does not reach the command behind
        // kiln's back, and kiln can signal the whole group.
        detached: !isWindows,
        stdio: ["ignore", "pipe", "pipe"],
        windowsHide: true
      });
    } catch (err2) {
      resolve(failedToStart(startedAt, started, err2.message));
      return;
    }
    let stopping;
    let reason;
    let killed = false;
    let graceTimer;
    let exit;
    let spawnError;
    let settled = false;
    const signalGroup = (signal) => {
      const pid = child.pid;
      if (pid === void 0) return false;
      try {
        if (isWindows) child.kill(signal);
        else process.kill(-pid, signal);
        return true;
      } catch {
        return false;
      }
    };
    const groupAlive = () => child.pid === void 0 || isWindows ? false : groupHasLiveMembers(child.pid);
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
    const timeoutTimer = opts.timeoutMs === void 0 ? void 0 : setTimeout(() => {
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
    child.stdout?.on("data", (chunk) => out.push(chunk));
    child.stderr?.on("data", (chunk) => err.push(chunk));
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
      if (spawnError !== void 0 && !exit) {
        resolve(failedToStart(startedAt, started, spawnError));
        return;
      }
      const code = exit?.code ?? null;
      const signal = exit?.signal ?? null;
      const outcome = stopping ?? (code === 0 ? "succeeded" : "failed");
      resolve({
        outcome,
        exitCode: code,
        signal,
        killed,
        startedAt,
        durationMs,
        ...reason === void 0 || outcome !== "cancelled" ? {} : { reason }
      });
    };
    let drainTimer;
    let closed = false;
    child.on("error", (e) => {
      spawnError = e.code === "ENOENT" ? `command not found: ${file}` : e.message;
      if (!exit) finish();
    });
    child.on("exit", (code, signal) => {
      exit = { code, signal };
      let deadline = performance.now();
      if (groupAlive()) {
        note(`${opts.label} exited but left processes in its group; stopping them`);
        terminate();
        deadline += opts.graceMs + 2e3;
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
        drainTimer = setTimeout(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
          finish();
        }, opts.drainMs ?? 1e3);
      };
      waitForGroup();
    });
    child.on("close", () => {
      closed = true;
      if (exit && !groupAlive()) finish();
    });
  });
}
function groupHasLiveMembers(pgid) {
  if (process.platform === "linux") {
    try {
      for (const entry of readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        let stat;
        try {
          stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        } catch {
          continue;
        }
        const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (Number(pgrp) === pgid && state !== "Z" && state !== "X") return true;
      }
      return false;
    } catch {
    }
  }
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
function failedToStart(startedAt, started, error) {
  return {
    outcome: "failed",
    exitCode: null,
    signal: null,
    killed: false,
    startedAt,
    durationMs: performance.now() - started,
    error
  };
}
function formatMs(ms) {
  if (ms < 1e3) return `${Math.round(ms)}ms`;
  const s = ms / 1e3;
  if (s < 120) return `${Number(s.toFixed(1))}s`;
  if (s < 7200) return `${Number((s / 60).toFixed(1))}m`;
  return `${Number((s / 3600).toFixed(1))}h`;
}

export {
  describeCommand,
  runProcess,
  formatMs
};

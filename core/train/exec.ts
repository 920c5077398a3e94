/** Short helper commands (nvidia-smi, python3 --version): captured output, a time limit, env passed in. */
import { execFile } from "node:child_process";
import type { Env } from "../process/runner.js";

export interface ExecResult {
  /** Exit status; null when it could not run or was killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Why it could not run: "not found" or the system's message. */
  error?: string;
}

export type Exec = (
  file: string,
  args: readonly string[],
  opts: { env: Env; cwd?: string; timeoutMs?: number },
) => Promise<ExecResult>;

export const execCapture: Exec = (file, args, opts) =>
  new Promise((resolve) => {
    execFile(
      file,
      args as string[],
      {
        env: opts.env as NodeJS.ProcessEnv,
        cwd: opts.cwd,
        timeout: opts.timeoutMs ?? 15_000,
        maxBuffer: 4 * 1024 * 1024,
        encoding: "utf8",
        windowsHide: true,
      },
      (err, stdout, stderr) => {
        if (!err) {
          resolve({ code: 0, stdout, stderr });
          return;
        }
        const e = err as NodeJS.ErrnoException & { code?: unknown; killed?: boolean };
        if (typeof e.code === "number") resolve({ code: e.code, stdout, stderr });
        else if (e.code === "ENOENT") resolve({ code: null, stdout, stderr, error: "not found" });
        else resolve({ code: null, stdout, stderr, error: e.killed ? "timed out" : e.message });
      },
    );
  });

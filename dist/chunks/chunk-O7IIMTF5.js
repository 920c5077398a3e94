import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);

// core/train/exec.ts
import { execFile } from "node:child_process";
var execCapture = (file, args, opts) => new Promise((resolve) => {
  execFile(
    file,
    args,
    {
      env: opts.env,
      cwd: opts.cwd,
      timeout: opts.timeoutMs ?? 15e3,
      maxBuffer: 4 * 1024 * 1024,
      encoding: "utf8",
      windowsHide: true
    },
    (err, stdout, stderr) => {
      if (!err) {
        resolve({ code: 0, stdout, stderr });
        return;
      }
      const e = err;
      if (typeof e.code === "number") resolve({ code: e.code, stdout, stderr });
      else if (e.code === "ENOENT") resolve({ code: null, stdout, stderr, error: "not found" });
      else resolve({ code: null, stdout, stderr, error: e.killed ? "timed out" : e.message });
    }
  );
});

export {
  execCapture
};

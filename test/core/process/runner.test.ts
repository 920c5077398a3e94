import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Cancellation } from "../../../core/process/cancellation.js";
import { LineSplitter } from "../../../core/process/lines.js";
import {
  type CommandSpec,
  execIfSimple,
  type ProcessOptions,
  runProcess,
} from "../../../core/process/runner.js";
import { nodeScript, tempDir, testPath } from "../train/support.js";

const node = process.execPath;

function run(command: CommandSpec, opts: Partial<ProcessOptions> = {}) {
  const lines: string[] = [];
  const notes: string[] = [];
  const result = runProcess(command, {
    label: "the trainer",
    cwd: opts.cwd ?? tempDir(),
    env: { PATH: testPath() },
    graceMs: 2000,
    onLine: (stream, line) => lines.push(`${stream}: ${line}`),
    onNote: (m) => notes.push(m),
    ...opts,
  });
  return { result, lines, notes };
}

/** A trainer that says "ready", then on SIGTERM writes `stopped` (after `delayMs`) and exits 143. */
function trapping(dir: string, opts: { delayMs?: number; ignore?: boolean } = {}): string {
  return nodeScript(
    dir,
    "trap.mjs",
    `import { writeFileSync } from "node:fs";
process.on("SIGTERM", () => {
  ${opts.ignore ? "writeFileSync('term-seen', 'yes'); return;" : ""}
  setTimeout(() => { writeFileSync("stopped", "checkpoint"); process.exit(143); }, ${opts.delayMs ?? 0});
});
console.log("ready");
setInterval(() => {}, 1000);
`,
  );
}

/** Alive and not a zombie (an orphan nobody reaps still has a pid). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(")") + 2));
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("runProcess", () => {
  it("streams whole lines from stdout and stderr and succeeds on exit 0", async () => {
    const { result, lines } = run({
      argv: [
        node,
        "-e",
        "process.stdout.write('a\\nb'); setTimeout(() => { process.stdout.write('c\\n'); console.error('oops'); }, 50)",
      ],
    });
    const r = await result;
    expect(r.outcome).toBe("succeeded");
    expect(r.exitCode).toBe(0);
    expect(lines).toContain("stdout: a");
    expect(lines).toContain("stdout: bc");
    expect(lines).toContain("stderr: oops");
  });

  it("runs argv without a shell: words reach the program literally", async () => {
    const { result, lines } = run({
      argv: [node, "-e", "console.log(process.argv.slice(1).join('|'))", "$HOME", "*", "a b"],
    });
    expect((await result).outcome).toBe("succeeded");
    expect(lines).toEqual(["stdout: $HOME|*|a b"]);
  });

  it("runs a config command line through the shell", async () => {
    const { result, lines } = run({ shell: "echo one && echo two | tr a-z A-Z" });
    expect((await result).outcome).toBe("succeeded");
    expect(lines).toEqual(["stdout: one", "stdout: TWO"]);
  });

  it("execs a simple command line so the trainer leads its group; shell syntax keeps the shell", () => {
    expect(execIfSimple(" python3 train.py --out model/ > log.txt ")).toBe(
      "exec python3 train.py --out model/ > log.txt",
    );
    for (const line of [
      "a && b",
      "a | b",
      "a; b",
      "(a)",
      "a &",
      "echo $(date)",
      "FOO=1 a",
      "cd x",
      "time a",
      "exit 4",
      "a\nb",
    ])
      expect(execIfSimple(line), line).toBe(line);
  });

  it("reports a non-zero exit as failed, and a missing command as not found", async () => {
    const failed = await run({ argv: [node, "-e", "process.exit(3)"] }).result;
    expect(failed).toMatchObject({ outcome: "failed", exitCode: 3, signal: null });
    const missing = await run({ argv: ["kiln-no-such-trainer"] }).result;
    expect(missing.outcome).toBe("failed");
    expect(missing.error).toBe("command not found: kiln-no-such-trainer");
  });

  it("times out: SIGTERM reaches the trainer, which checkpoints within the grace period", async () => {
    const dir = tempDir();
    const { result, notes } = run(
      { argv: [node, trapping(dir, { delayMs: 100 })] },
      { cwd: dir, timeoutMs: 1000 },
    );
    const r = await result;
    expect(r.outcome).toBe("timed-out");
    expect(r.exitCode).toBe(143);
    expect(r.killed).toBe(false);
    expect(readFileSync(join(dir, "stopped"), "utf8")).toBe("checkpoint");
    expect(notes.join("\n")).toMatch(/timeout of 1s reached/);
  });

  it("kills the group with SIGKILL when the trainer outlives the grace period", async () => {
    const dir = tempDir();
    const started = Date.now();
    const { result, notes } = run(
      { argv: [node, trapping(dir, { ignore: true })] },
      { cwd: dir, timeoutMs: 1000, graceMs: 400 },
    );
    const r = await result;
    expect(r).toMatchObject({ outcome: "timed-out", killed: true, signal: "SIGKILL", exitCode: null });
    expect(existsSync(join(dir, "term-seen"))).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1350);
    expect(notes.join("\n")).toMatch(/SIGKILL/);
  });

  it("cancellation reaches every process of the group, also a shell's background child", async () => {
    const dir = tempDir();
    trapping(dir, { delayMs: 50 });
    const cancellation = new Cancellation();
    const { result, lines } = run({ shell: `${node} trap.mjs & wait` }, { cwd: dir, cancellation });
    await waitFor(() => lines.includes("stdout: ready"));
    cancellation.cancel("test");
    const r = await result;
    expect(r.outcome).toBe("cancelled");
    expect(r.reason).toBe("test");
    expect(readFileSync(join(dir, "stopped"), "utf8")).toBe("checkpoint");
  });

  it("a second cancellation kills at once instead of waiting out the grace period", async () => {
    const dir = tempDir();
    const cancellation = new Cancellation();
    const started = Date.now();
    const { result, lines } = run(
      { argv: [node, trapping(dir, { ignore: true })] },
      { cwd: dir, cancellation, graceMs: 20_000 },
    );
    await waitFor(() => lines.includes("stdout: ready"));
    cancellation.cancel();
    await waitFor(() => existsSync(join(dir, "term-seen")));
    cancellation.cancel();
    const r = await result;
    expect(r).toMatchObject({ outcome: "cancelled", killed: true, signal: "SIGKILL" });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("stops processes the trainer left behind in its group", async () => {
    const started = Date.now();
    const { result, notes, lines } = run({ shell: "sleep 30 & echo $!" }, { graceMs: 300 });
    const r = await result;
    expect(r.outcome).toBe("succeeded");
    expect(Date.now() - started).toBeLessThan(5000);
    expect(notes.join("\n")).toMatch(/left processes in its group/);
    const pid = Number(lines[0]?.replace("stdout: ", ""));
    expect(pid).toBeGreaterThan(0);
    expect(isRunning(pid)).toBe(false);
  });
});

describe("LineSplitter", () => {
  it("joins split chunks, keeps what a terminal shows of \\r redraws, and flushes the last line", () => {
    const out: string[] = [];
    const s = new LineSplitter((l) => out.push(l));
    s.push("ep");
    s.push("och 1\r\nprogress 10%\rprogress 50%\rprogress 100%\n");
    s.push(Buffer.from([0xe2, 0x9c]));
    s.push(Buffer.from([0x85, 0x0a]));
    s.push("tail");
    s.end();
    expect(out).toEqual(["epoch 1", "progress 100%", "✅", "tail"]);
  });

  it("cuts a runaway line instead of buffering it forever", () => {
    const out: string[] = [];
    const s = new LineSplitter((l) => out.push(l));
    s.push("x".repeat(64 * 1024 * 2 + 5));
    s.end();
    expect(out.map((l) => l.length)).toEqual([65536, 65536, 5]);
  });
});

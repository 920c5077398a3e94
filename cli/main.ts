#!/usr/bin/env node
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { startEarlyWorker, worthAWorker } from "../runtime/profile-prestart.js";

declare const __KILN_VERSION__: string | undefined;

// perf: semi-space-1 — peak RSS near the floor (core/data/PERFORMANCE.md).
// Streaming work makes short-lived garbage; a small young generation keeps peak memory near the
// floor at no measurable cost in speed (docs/benchmarks.md). V8 sizes this thread's young
// generation at start-up, so here the flag reaches only the worker threads started from now on;
// setup-kiln's wrapper passes it on node's command line for the main thread too.
setFlagsFromString("--max-semi-space-size=1");
const argv = process.argv.slice(2);
// perf: no-osr — less compiling while both cores profile (core/data/PERFORMANCE.md).
// Profiling data compiles its hot loops while both cores are busy with data: on-stack replacement
// compiled each of them a second time (about 100–250 ms of compiler time per thread). Their loops
// run per batch of records, so the optimised code is entered at the next call anyway.
if (argv[0] === "validate" || argv[0] === "profile") setFlagsFromString("--no-use-osr");
startReferenceEarly(argv);
// Loaded only now, so the reference's worker starts while the program's modules load.
const { processIo } = await import("./io.js");
const { runCli } = await import("./program.js");
process.exitCode = await runCli(argv, processIo());

/**
 * perf: early-reference-worker — the reference's profiling starts before the program loads.
 * `kiln validate … --reference DATA`: a reference large enough is profiled in a worker whatever else
 * the command line says (validation-run), so that worker starts here, before anything else loads.
 * A worker nobody adopts (a usage error, a plan that ends up elsewhere) is dropped at exit.
 */
function startReferenceEarly(args: readonly string[]): void {
  if (args[0] !== "validate" || typeof __KILN_VERSION__ !== "string") return;
  let reference: string | undefined;
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") break;
    if (a === "--reference") reference = args[i + 1];
    else if (a.startsWith("--reference=")) reference = a.slice("--reference=".length);
    else if (a === "--help" || a === "-h") return;
  }
  if (!reference || reference.toLowerCase().endsWith(".json")) return;
  const file = fileURLToPath(new URL("./profile-worker.cjs", import.meta.url));
  const path = resolve(process.cwd(), reference);
  if (existsSync(file) && worthAWorker(path)) startEarlyWorker(file, path);
}

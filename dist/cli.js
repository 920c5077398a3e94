#!/usr/bin/env node
import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  startEarlyWorker,
  worthAWorker
} from "./chunks/chunk-OY4M743H.js";
import "./chunks/chunk-UBBLWZDB.js";

// cli/main.ts
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
setFlagsFromString("--max-semi-space-size=1");
var argv = process.argv.slice(2);
if (argv[0] === "validate" || argv[0] === "profile") setFlagsFromString("--no-use-osr");
startReferenceEarly(argv);
var { processIo } = await import("./chunks/io-XUXWVJJY.js");
var { runCli } = await import("./chunks/program-2GPOTUYU.js");
process.exitCode = await runCli(argv, processIo());
function startReferenceEarly(args) {
  if (args[0] !== "validate" || false) return;
  let reference;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
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

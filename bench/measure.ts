/**
 * Runs a Node program in this process and, at exit, records the process's peak RSS (getrusage
 * maxRSS, worker threads included) in the file named by KILN_BENCH_STATS. In-process rather than
 * `/usr/bin/time -f %M` so it works wherever Node does (BSD time has other flags) and measures kiln
 * and DuckDB the same way. Built to plain JS before use: a tsx loader would add its own memory.
 *
 * Usage: node measure.mjs PROGRAM.js [ARGS...]
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const statsFile = process.env.KILN_BENCH_STATS;
const [program, ...args] = process.argv.slice(2);
if (!program || !statsFile) {
  process.stderr.write("usage: KILN_BENCH_STATS=FILE node measure.mjs PROGRAM.js [ARGS...]\n");
  process.exit(2);
}

process.on("exit", () => {
  writeFileSync(statsFile, JSON.stringify({ max_rss_kb: process.resourceUsage().maxRSS }));
});

// The program sees the argv it would have had when started directly.
process.argv = [process.argv[0] as string, resolve(program), ...args];
await import(pathToFileURL(resolve(program)).href);

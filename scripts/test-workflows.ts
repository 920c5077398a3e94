/**
 * `npm run test:workflows`: kiln's reusable workflows run end to end by nektos/act
 * (test/workflows/act/). Installs act and Node 24 into .cache/ when missing, runs the scenarios
 * and ends with one line, `N passed, M failed`, counting them.
 *
 *   --report FILE   also keep vitest's JSON report there (.ci/run sums it with the unit tests')
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureAct, ensureNode24 } from "../test/workflows/act/tools.js";

const at = process.argv.indexOf("--report");
const report =
  at > 0 ? (process.argv[at + 1] ?? "") : join(mkdtempSync(join(tmpdir(), "kiln-wf-")), "report.json");
if (!report) {
  console.error("test:workflows: --report needs a file");
  process.exit(2);
}

const started = Date.now();
console.log(`act: ${ensureAct()}`);
console.log(`node 24: ${ensureNode24()}`);
console.log(`tools ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);

const vitest = spawnSync(
  "npx",
  [
    "vitest",
    "run",
    "--config",
    "vitest.workflows.config.ts",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
  ],
  { stdio: "inherit" },
);

let counts = "0 passed, 1 failed";
try {
  const r = JSON.parse(readFileSync(report, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  const skipped = r.numPendingTests + r.numTodoTests;
  counts = `${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`;
} catch {
  console.error(`test:workflows: vitest wrote no report to ${report}`);
}
console.log(counts);
process.exit(vitest.status ?? 1);

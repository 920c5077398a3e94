/**
 * setup-kiln (the repository's root action.yml): puts a `kiln` command on PATH that runs the CLI
 * bundled next to this file with the runner's own Node — nothing is downloaded.
 */
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as core from "@actions/core";
import { kilnPackage, packageRoot } from "../../runtime/package-root.js";
import { runAction } from "../shared/run.js";

/** Node flags the kiln command runs with (the bench starts kiln the same way). */
// perf: semi-space-1 — peak RSS near the floor on the main thread (core/data/PERFORMANCE.md).
export const NODE_FLAGS = ["--max-semi-space-size=1"];

export async function run(): Promise<void> {
  await runAction(async () => {
    const cli = join(packageRoot(), "dist", "cli.js");
    const bin = join(process.env.RUNNER_TEMP || tmpdir(), "kiln-bin");
    await mkdir(bin, { recursive: true });
    const node = process.execPath;
    // A small young generation keeps streaming validation's peak memory near the floor
    // (docs/benchmarks.md); V8 sizes it at start-up, so it must be on node's command line.
    const flags = NODE_FLAGS.join(" ");
    await writeFile(join(bin, "kiln"), `#!/bin/sh\nexec "${node}" ${flags} "${cli}" "$@"\n`);
    await chmod(join(bin, "kiln"), 0o755);
    await writeFile(join(bin, "kiln.cmd"), `@"${node}" ${flags} "${cli}" %*\r\n`);
    core.addPath(bin);
    core.setOutput("path", bin);
    core.setOutput("version", kilnPackage().version);
    core.info(`kiln ${kilnPackage().version} is on PATH (${join(bin, "kiln")}, Node ${process.version})`);
  });
}

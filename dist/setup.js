import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  kilnPackage,
  packageRoot
} from "./chunks/chunk-WMRDRPNW.js";
import {
  addPath,
  info,
  runAction,
  setOutput
} from "./chunks/chunk-LNLCKQUE.js";
import "./chunks/chunk-OF2ZJRBD.js";
import "./chunks/chunk-GZVZSOMD.js";
import "./chunks/chunk-SG4ICILI.js";
import "./chunks/chunk-ZILLKLUF.js";
import "./chunks/chunk-UBBLWZDB.js";

// actions/setup/main.ts
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
var NODE_FLAGS = ["--max-semi-space-size=1"];
async function run() {
  await runAction(async () => {
    const cli = join(packageRoot(), "dist", "cli.js");
    const bin = join(process.env.RUNNER_TEMP || tmpdir(), "kiln-bin");
    await mkdir(bin, { recursive: true });
    const node = process.execPath;
    const flags = NODE_FLAGS.join(" ");
    await writeFile(join(bin, "kiln"), `#!/bin/sh
exec "${node}" ${flags} "${cli}" "$@"
`);
    await chmod(join(bin, "kiln"), 493);
    await writeFile(join(bin, "kiln.cmd"), `@"${node}" ${flags} "${cli}" %*\r
`);
    addPath(bin);
    setOutput("path", bin);
    setOutput("version", kilnPackage().version);
    info(`kiln ${kilnPackage().version} is on PATH (${join(bin, "kiln")}, Node ${process.version})`);
  });
}

// actions/setup/index.ts
await run();

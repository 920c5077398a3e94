import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  readExamplesBeside
} from "./chunk-KDP2FKC5.js";
import {
  readRunFile
} from "./chunk-CLTHOWKV.js";
import {
  parseKilnFile
} from "./chunk-TEGK7FMR.js";
import {
  firstDirectory,
  readTextFile,
  readTextOrNull
} from "./chunk-GG6ZXDCZ.js";

// core/deploy/load.ts
import { dirname, join, resolve } from "node:path";
async function readDeployInputs(opts) {
  const run = await readRunFile(opts.run.path, opts.run.shown);
  const gate = opts.gate ? parseKilnFile(
    "gate",
    await readTextFile(opts.gate.path, opts.gate.shown, { what: "gate" }),
    opts.gate.shown
  ) : null;
  const runDir = dirname(opts.run.path);
  const profileText = await readTextOrNull(join(runDir, "profile.json"));
  const profile = profileText === null ? void 0 : parseKilnFile("profile", profileText, join(runDir, "profile.json"));
  const artifactsDir = opts.artifactsDir ?? await declaredArtifacts(opts.config, [runDir, opts.cwd]);
  const examples = await readExamplesBeside(run, opts.run.path);
  return {
    run,
    gate,
    ...profile ? { profile } : {},
    ...examples === null ? {} : { examples },
    ...artifactsDir ? { artifactsDir: resolve(artifactsDir) } : {}
  };
}
async function declaredArtifacts(config, roots) {
  const first = config.artifacts[0];
  if (!first || /[*?[\]{}]/.test(first)) return void 0;
  return await firstDirectory(roots.map((root) => join(root, first))) ?? void 0;
}

export {
  readDeployInputs
};

/**
 * A deploy's inputs from disk, shared by the CLI and the action: the run, its gate, the training
 * data's profile and the per-example results next to run.json (the run artifact keeps them there)
 * and the model files.
 */
import { dirname, join, resolve } from "node:path";
import type { ModelConfig } from "../config/schema.js";
import type { Profile } from "../data/profile-file.js";
import { parseKilnFile } from "../files.js";
import { firstDirectory, readTextFile, readTextOrNull } from "../fs.js";
import type { GateResult } from "../gate/gate-result.js";
import { readRunFile } from "../gate/load.js";
import type { RunRecord } from "../metrics/run-record.js";
import { readExamplesBeside } from "../registry/examples-file.js";

export interface DeployInputs {
  run: RunRecord;
  gate: GateResult | null;
  profile?: Profile;
  artifactsDir?: string;
  /** The per-example results beside run.json, kept with the version. */
  examples?: string;
}

export async function readDeployInputs(opts: {
  run: { path: string; shown: string };
  gate?: { path: string; shown: string };
  artifactsDir?: string;
  config: ModelConfig;
  cwd: string;
}): Promise<DeployInputs> {
  const run = await readRunFile(opts.run.path, opts.run.shown);
  const gate = opts.gate
    ? parseKilnFile(
        "gate",
        await readTextFile(opts.gate.path, opts.gate.shown, { what: "gate" }),
        opts.gate.shown,
      )
    : null;
  const runDir = dirname(opts.run.path);
  const profileText = await readTextOrNull(join(runDir, "profile.json"));
  const profile =
    profileText === null ? undefined : parseKilnFile("profile", profileText, join(runDir, "profile.json"));
  const artifactsDir = opts.artifactsDir ?? (await declaredArtifacts(opts.config, [runDir, opts.cwd]));
  // Kept with the version, so later gates can test significance against it.
  const examples = await readExamplesBeside(run, opts.run.path);
  return {
    run,
    gate,
    ...(profile ? { profile } : {}),
    ...(examples === null ? {} : { examples }),
    ...(artifactsDir ? { artifactsDir: resolve(artifactsDir) } : {}),
  };
}

/** The config's first declared artifact folder, next to run.json (a downloaded artifact) or in the working tree. */
async function declaredArtifacts(config: ModelConfig, roots: string[]): Promise<string | undefined> {
  const first = config.artifacts[0];
  if (!first || /[*?[\]{}]/.test(first)) return undefined;
  return (await firstDirectory(roots.map((root) => join(root, first)))) ?? undefined;
}

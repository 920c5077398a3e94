/**
 * The gate's significance work as `kiln gate` does it, in its own process: the policy from a kiln
 * config, both run.json files, their per-example results, the pairing by id, and the significance
 * checks (paired bootstrap, McNemar). Rule evaluation and rendering are left out: they cost
 * milliseconds and are the same code for both sides.
 *
 * bench/run.ts bundles this file twice: once as is (kiln's code in the working tree) and once with
 * core/gate's per-example modules replaced by the copies in bench/gate-reference/ (the implementation
 * before streaming and cell resampling), so both sides run the same driver.
 *
 * Usage: node gate-work.mjs --config kiln.yml --model NAME --candidate run.json --baseline run.json
 * Prints the significance checks as JSON on stdout.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { parseConfig } from "../core/config/load.js";
import { modelConfig } from "../core/config/model-config.js";
import { pairExamples } from "../core/gate/examples.js";
import { readRunExamples, readRunFile } from "../core/gate/load.js";
import { normalisePolicy } from "../core/gate/policy.js";
import { significanceChecks } from "../core/gate/significance.js";

const { values } = parseArgs({
  options: {
    config: { type: "string" },
    model: { type: "string" },
    candidate: { type: "string" },
    baseline: { type: "string" },
  },
});
const { config: configFile, model, candidate: candidateFile, baseline: baselineFile } = values;
if (!configFile || !model || !candidateFile || !baselineFile) {
  process.stderr.write("usage: gate-work --config FILE --model NAME --candidate RUN --baseline RUN\n");
  process.exit(2);
}
const config = parseConfig(await readFile(configFile, "utf8"), configFile);
const policy = normalisePolicy(model, modelConfig(config, model, configFile));
const sig = policy.significance;
if (!sig) throw new Error(`${configFile}: the model's gate has no significance`);
const candidate = await readRunFile(candidateFile);
const baseline = await readRunFile(baselineFile);
const c = await readRunExamples(candidate, candidateFile);
const b = await readRunExamples(baseline, baselineFile);
if (typeof c === "string" || typeof b === "string") throw new Error(`${c} / ${b}`);
const paired = pairExamples(c, b);
const checks = significanceChecks(policy, sig, Object.keys(policy.metrics), paired);
process.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);

import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  REGISTRY_OPTION,
  registryOf
} from "./chunk-WRNO5TTB.js";
import {
  cliPorts,
  loadConfig
} from "./chunk-NZAG6UXI.js";
import "./chunk-ZT7VK6M5.js";
import {
  ciFromEnv,
  runnerFromEnv,
  train
} from "./chunk-S6MJQG6T.js";
import {
  policyOrigin,
  runGate,
  writeGateFile
} from "./chunk-KVTHNGHK.js";
import "./chunk-MXYUKDIR.js";
import "./chunk-YKBZ5J3Y.js";
import {
  fingerprintFile
} from "./chunk-53VAPMD5.js";
import "./chunk-O7IIMTF5.js";
import "./chunk-B3UVWUUN.js";
import "./chunk-KDP2FKC5.js";
import "./chunk-CLTHOWKV.js";
import "./chunk-43UFDDWR.js";
import {
  productionVersion
} from "./chunk-OCB3IWTW.js";
import "./chunk-B3ONUL3O.js";
import "./chunk-XNPVYGHD.js";
import "./chunk-RQ33FKMA.js";
import "./chunk-XGQSOL3A.js";
import "./chunk-L3JG2L2V.js";
import "./chunk-IB4XY3DN.js";
import "./chunk-SZ5YRKPB.js";
import "./chunk-XNJST4A5.js";
import "./chunk-QAMAGBBR.js";
import "./chunk-AMMCM42C.js";
import "./chunk-6CJMZFBY.js";
import "./chunk-3TKKAAS2.js";
import {
  modelConfig
} from "./chunk-VSCAHCCS.js";
import "./chunk-TEGK7FMR.js";
import "./chunk-5BOIGAPZ.js";
import "./chunk-KP4FZ7NM.js";
import "./chunk-R7O7G7J3.js";
import "./chunk-PGCZXT7T.js";
import "./chunk-DWBXFSL2.js";
import {
  CONFIG_PATH,
  artifactName
} from "./chunk-CG4E3PCN.js";
import "./chunk-EQVTLXOE.js";
import "./chunk-3EHQAXI5.js";
import {
  isNotFound,
  walkFiles
} from "./chunk-GG6ZXDCZ.js";
import "./chunk-SG4ICILI.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";
import "./chunk-UBBLWZDB.js";

// cli/commands/ct.ts
import { relative, resolve as resolve2 } from "node:path";

// core/retrain/ct.ts
import { join, resolve } from "node:path";
function dataPaths(config, model, file) {
  const data = modelConfig(config, model, file).data;
  if (!data?.train) {
    throw new UsageError(`${file}: models.${model}.data.train is not set`, {
      hint: "Continuous training retrains when the training data changes: declare it"
    });
  }
  return [...new Set([data.train, data.reference].filter((p) => !!p))];
}
function changedData(current, recorded) {
  const changed = Object.entries(current).filter(([p, f]) => recorded[p]?.sha256 !== f.sha256).map(([p]) => p);
  for (const p of Object.keys(recorded)) if (!(p in current)) changed.push(p);
  return changed;
}
async function continuousTraining(req, deps) {
  const modelCfg = modelConfig(req.config, req.model, req.configFile);
  const paths = dataPaths(req.config, req.model, req.configFile);
  const fingerprints = {};
  for (const p of paths) fingerprints[p] = await fingerprintFile(resolve(req.cwd, p), p);
  const hasProduction = await req.registry.alias(req.model, "production") !== null;
  const production = hasProduction ? await productionVersion(req.registry, req.model) : null;
  const changed = production ? changedData(fingerprints, production.run.data ?? {}) : paths;
  if (production && changed.length === 0) {
    return {
      status: "skipped",
      production: production.version,
      fingerprints,
      message: `${req.model}: training data unchanged since ${production.version.tag} (production): ${paths.map((p) => `${p} ${fingerprints[p]?.sha256.slice(0, 12)}`).join(", ")}; nothing to retrain`
    };
  }
  const outDir = resolve(req.cwd, req.outDir ?? `.kiln/ct/${req.model}`);
  const trained = await train(
    {
      ...req.train,
      model: req.model,
      config: modelCfg,
      configFile: req.configFile,
      cwd: req.cwd,
      outDir,
      resume: false
    },
    deps
  );
  const why = production ? `changed since ${production.version.tag} (production): ${changed.join(", ")}` : "no production version to compare with";
  if (trained.outcome !== "succeeded") {
    return {
      status: "trained",
      production: production?.version ?? null,
      fingerprints,
      changed,
      train: trained,
      gate: null,
      gatePath: null,
      message: `${req.model}: training data ${why}; retraining ${trained.outcome}${trained.failure ? ` — ${trained.failure}` : ""}`
    };
  }
  const gated = await runGate({
    model: req.model,
    config: req.config,
    configFile: req.configFile,
    candidate: { path: trained.runPath, shown: trained.runPath },
    sources: { registry: req.registry, workDir: outDir },
    policySource: req.policySource,
    advisory: req.advisory,
    // With evaluate: the retrained model and production are scored on the same data.
    evaluation: { cwd: req.cwd, workspace: req.cwd, env: req.train.env, outDir: join(outDir, "evaluation") }
  });
  const gatePath = await writeGateFile(outDir, gated.result);
  const files = ["run.json", "gate.json", ...await evaluationFiles(outDir)];
  await deps.store.upload(artifactName("ct", req.model), files, outDir);
  return {
    status: "trained",
    production: production?.version ?? null,
    fingerprints,
    changed,
    train: trained,
    gate: gated.result,
    gatePath,
    message: `${req.model}: training data ${why}; retrained and gated against ${gated.baseline.label}: ${gated.result.passed ? "passed" : "failed"}`
  };
}
async function evaluationFiles(outDir) {
  try {
    return (await walkFiles(join(outDir, "evaluation"))).map((f) => join("evaluation", f));
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
}

// cli/commands/ct.ts
function registerCt(program, io, exit) {
  program.command("ct").description("scheduled continuous training: retrain and gate when the training data changed").requiredOption("--model <name>", "model name from the config").option("--config <file>", "kiln config", CONFIG_PATH).option(...REGISTRY_OPTION).option("--out <dir>", "folder for run.json and gate.json (default: .kiln/ct/<model>)").addHelpText(
    "after",
    "\nExit codes: 0 skipped (data unchanged) or the gate passed · 1 training or the gate failed · 2 unusable input."
  ).action(async (flags) => {
    const config = await loadConfig(io, flags.config);
    const origin = await policyOrigin(resolve2(io.cwd, flags.config), io.env);
    const ci = ciFromEnv(io.env);
    const result = await continuousTraining(
      {
        model: flags.model,
        config,
        configFile: flags.config,
        cwd: io.cwd,
        ...flags.out ? { outDir: flags.out } : {},
        registry: await registryOf(io, flags.registry),
        policySource: origin.source,
        advisory: !origin.committed,
        train: { env: io.env, runner: runnerFromEnv(io.env), ...ci ? { ci } : {} }
      },
      {
        // Its own local run, so a scheduled pass never replaces the artifacts of `kiln train`.
        store: cliPorts(io, "ct").artifacts,
        onLine: (_stream, line) => io.stderr(`${line}
`),
        onNote: (message, level) => io.stderr(`kiln: ${level === "warning" ? "warning: " : ""}${message}
`)
      }
    );
    io.stdout(`${result.status === "skipped" ? "⏭️ skipped" : "🔁 retrained"}: ${result.message}
`);
    if (result.status === "skipped") return exit(0);
    if (result.gatePath) io.stdout(`   gate.json: ${relative(io.cwd, result.gatePath)}
`);
    exit(result.train.outcome === "succeeded" && result.gate?.passed ? 0 : 1);
  });
}
export {
  registerCt
};

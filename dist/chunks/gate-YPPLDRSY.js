import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  LOCAL_STATE_DIR,
  cliPorts,
  loadConfig
} from "./chunk-NZAG6UXI.js";
import "./chunk-ZT7VK6M5.js";
import {
  policyOrigin,
  runGate,
  writeGateFile
} from "./chunk-KVTHNGHK.js";
import "./chunk-MXYUKDIR.js";
import "./chunk-YKBZ5J3Y.js";
import "./chunk-53VAPMD5.js";
import "./chunk-O7IIMTF5.js";
import "./chunk-B3UVWUUN.js";
import "./chunk-KDP2FKC5.js";
import "./chunk-CLTHOWKV.js";
import "./chunk-43UFDDWR.js";
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
import "./chunk-VSCAHCCS.js";
import "./chunk-TEGK7FMR.js";
import "./chunk-5BOIGAPZ.js";
import {
  isoTime
} from "./chunk-KP4FZ7NM.js";
import "./chunk-R7O7G7J3.js";
import "./chunk-PGCZXT7T.js";
import "./chunk-DWBXFSL2.js";
import {
  CONFIG_PATH
} from "./chunk-CG4E3PCN.js";
import {
  formatKilnFile
} from "./chunk-EQVTLXOE.js";
import "./chunk-3EHQAXI5.js";
import {
  JsonStateFile
} from "./chunk-GG6ZXDCZ.js";
import {
  _enum,
  array,
  looseObject,
  string
} from "./chunk-SG4ICILI.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";
import "./chunk-UBBLWZDB.js";

// cli/commands/gate.ts
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join2, relative, resolve as resolve2 } from "node:path";

// core/local/workflow-runs.ts
import { join, resolve } from "node:path";
var runSchema = looseObject({
  id: string().min(1),
  branch: string().min(1),
  sha: string(),
  created_at: isoTime,
  url: string().optional(),
  conclusion: _enum(["success", "failure", "cancelled"])
});
var LocalWorkflowRuns = class {
  root;
  state;
  constructor(opts) {
    this.root = resolve(opts.root);
    this.state = new JsonStateFile(join(this.root, "runs.json"), array(runSchema), () => []);
  }
  /** Records (or replaces, by id) a finished run. */
  async record(run) {
    await this.state.update((runs) => {
      const at = runs.findIndex((r) => r.id === run.id);
      if (at >= 0) runs[at] = run;
      else runs.push(run);
    });
  }
  async successful(branch, limit) {
    return (await this.state.read()).filter((r) => r.branch === branch && r.conclusion === "success").sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at)).slice(0, limit).map(({ conclusion: _, ...r }) => r);
  }
};

// cli/commands/gate.ts
function registerGate(program, io, exit) {
  program.command("gate").description("decide whether a candidate run may replace the baseline → gate.json").requiredOption("--candidate <run.json>", "the candidate's run.json").option("--baseline <run.json>", "the baseline's run.json (default: the registry's production version)").option("--config <file>", "kiln config", CONFIG_PATH).requiredOption("--model <name>", "model name from the config").option("--format <format>", "json or markdown", "markdown").option("--out <dir>", "folder for gate.json", ".kiln/gate").addHelpText(
    "after",
    "\nExit codes: 0 the gate passed · 1 it failed · 2 unusable input (a file, the policy, a flag)."
  ).action(async (opts) => {
    if (opts.format !== "json" && opts.format !== "markdown") {
      throw new UsageError(`--format ${JSON.stringify(opts.format)} is not supported`, {
        hint: "Use json or markdown"
      });
    }
    const config = await loadConfig(io, opts.config);
    const configPath = resolve2(io.cwd, opts.config);
    const origin = await policyOrigin(configPath, io.env);
    const ports = cliPorts(io);
    const workDir = await mkdtemp(join2(tmpdir(), "kiln-gate-"));
    try {
      const { result, markdown } = await runGate({
        model: opts.model,
        config,
        configFile: opts.config,
        candidate: { path: resolve2(io.cwd, opts.candidate), shown: opts.candidate },
        ...opts.baseline === void 0 ? {
          sources: {
            registry: ports.registry,
            runs: new LocalWorkflowRuns({ root: join2(io.cwd, LOCAL_STATE_DIR, "workflow-runs") }),
            artifacts: ports.artifacts,
            branch: await ports.repo.defaultBranch(),
            workDir
          }
        } : { baseline: { path: resolve2(io.cwd, opts.baseline), shown: opts.baseline } },
        policySource: origin.source,
        advisory: !origin.committed,
        // With evaluate: both models are scored here; their files go beside gate.json.
        evaluation: {
          cwd: io.cwd,
          workspace: io.cwd,
          env: io.env,
          outDir: join2(resolve2(io.cwd, opts.out), "evaluation"),
          onLine: (_stream, line) => io.stderr(`[evaluate] ${line}
`)
        }
      });
      const file = await writeGateFile(resolve2(io.cwd, opts.out), result);
      io.stdout(opts.format === "json" ? formatKilnFile(result) : markdown);
      if (!origin.committed) {
        io.stderr(
          `kiln gate: advisory — ${opts.config} ${origin.reason ?? "is not committed"}, so the policy does not count; commit it for a verdict that admits a deploy
`
        );
      }
      const failed = result.checks.filter((c) => !c.passed).length;
      io.stderr(
        `kiln gate: ${result.model} ${result.passed ? "passed" : `failed (${failed} of ${result.checks.length} checks)`} against baseline ${result.baseline.source === "none" ? "none" : describe(result.baseline)}; wrote ${relative(io.cwd, file) || file}
`
      );
      exit(result.passed ? 0 : 1);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  });
}
function describe(b) {
  if (b.source === "registry") return b.model_version ?? "registry";
  if (b.source === "file") return b.path ?? "file";
  return `${b.branch ?? "branch"} run ${String(b.run_id ?? "?")}`;
}
export {
  registerGate
};

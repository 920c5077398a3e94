import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  policyOrigin,
  runGate,
  writeGateFile
} from "../chunks/chunk-KVTHNGHK.js";
import "../chunks/chunk-MXYUKDIR.js";
import "../chunks/chunk-YKBZ5J3Y.js";
import "../chunks/chunk-53VAPMD5.js";
import "../chunks/chunk-O7IIMTF5.js";
import "../chunks/chunk-B3UVWUUN.js";
import "../chunks/chunk-KDP2FKC5.js";
import "../chunks/chunk-CLTHOWKV.js";
import "../chunks/chunk-43UFDDWR.js";
import "../chunks/chunk-RQ33FKMA.js";
import "../chunks/chunk-XGQSOL3A.js";
import "../chunks/chunk-L3JG2L2V.js";
import "../chunks/chunk-IB4XY3DN.js";
import "../chunks/chunk-SZ5YRKPB.js";
import {
  DefaultArtifactClient
} from "../chunks/chunk-KR6QXSIO.js";
import {
  GitHubRegistry
} from "../chunks/chunk-J5BOTAD3.js";
import "../chunks/chunk-QAMAGBBR.js";
import {
  systemClock
} from "../chunks/chunk-AMMCM42C.js";
import "../chunks/chunk-6CJMZFBY.js";
import "../chunks/chunk-3TKKAAS2.js";
import {
  context,
  getOctokit,
  github_exports
} from "../chunks/chunk-WY7HVP6Q.js";
import {
  readConfigFile
} from "../chunks/chunk-VSCAHCCS.js";
import "../chunks/chunk-TEGK7FMR.js";
import "../chunks/chunk-5BOIGAPZ.js";
import "../chunks/chunk-KP4FZ7NM.js";
import "../chunks/chunk-R7O7G7J3.js";
import "../chunks/chunk-PGCZXT7T.js";
import "../chunks/chunk-DWBXFSL2.js";
import "../chunks/chunk-CG4E3PCN.js";
import "../chunks/chunk-EQVTLXOE.js";
import "../chunks/chunk-3EHQAXI5.js";
import {
  walkFiles
} from "../chunks/chunk-GG6ZXDCZ.js";
import {
  configInput,
  info,
  modelInput,
  readInputs,
  runAction,
  setOutput,
  summary,
  workspaceDir
} from "../chunks/chunk-LNLCKQUE.js";
import "../chunks/chunk-OF2ZJRBD.js";
import "../chunks/chunk-GZVZSOMD.js";
import {
  string
} from "../chunks/chunk-SG4ICILI.js";
import {
  CheckFailed
} from "../chunks/chunk-ZILLKLUF.js";
import "../chunks/chunk-UBBLWZDB.js";

// actions/gate/main.ts
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join2, resolve } from "node:path";

// github/baseline-runs.ts
import { join } from "node:path";
function workflowFileOf(workflowRef) {
  const m = /\/\.github\/workflows\/([^@/]+)@/.exec(workflowRef ?? "");
  return m?.[1] ?? null;
}
var GitHubWorkflowRuns = class {
  constructor(opts) {
    this.opts = opts;
  }
  opts;
  async successful(branch, limit) {
    const { data } = await this.opts.octokit.rest.actions.listWorkflowRuns({
      owner: this.opts.owner,
      repo: this.opts.repo,
      workflow_id: this.opts.workflow,
      branch,
      status: "success",
      // Pull requests from forks can name a branch like the base one; only pushes count.
      event: "push",
      per_page: Math.max(1, Math.min(limit, 100))
    });
    return data.workflow_runs.map((r) => ({
      id: String(r.id),
      branch: r.head_branch ?? branch,
      sha: r.head_sha,
      created_at: r.created_at,
      url: r.html_url
    }));
  }
};
var GitHubRunArtifacts = class {
  constructor(opts) {
    this.opts = opts;
    this.client = opts.client ?? new DefaultArtifactClient();
  }
  opts;
  client;
  findBy(runId) {
    return {
      findBy: {
        token: this.opts.token,
        workflowRunId: Number(runId),
        repositoryOwner: this.opts.owner,
        repositoryName: this.opts.repo
      }
    };
  }
  async list(opts = {}) {
    if (opts.runId === void 0) throw new Error("GitHubRunArtifacts lists other runs only: give a runId");
    const runId = opts.runId;
    const { artifacts } = await this.client.listArtifacts({ latest: true, ...this.findBy(runId) });
    return artifacts.map((a) => ({ name: a.name, id: String(a.id), runId, sizeBytes: a.size }));
  }
  async download(name, dir, opts = {}) {
    const artifact = (await this.list(opts)).find((a) => a.name === name);
    if (!artifact) throw new Error(`artifact ${name} not found in run ${opts.runId}`);
    await this.client.downloadArtifact(Number(artifact.id), { path: dir, ...this.findBy(artifact.runId) });
    return (await walkFiles(dir)).map((rel) => join(dir, rel));
  }
};

// actions/gate/main.ts
async function run() {
  await runAction(async () => {
    const inputs = readInputs({
      model: modelInput,
      config: configInput,
      candidate: string({ error: "is required" }).min(1),
      baseline: string().optional(),
      out: string().default(".kiln/gate"),
      "github-token": string().optional(),
      yardstick: string().optional()
    });
    const workspace = workspaceDir();
    const yardstick = inputs.yardstick && existsSync(resolve(workspace, inputs.yardstick, inputs.config)) ? resolve(workspace, inputs.yardstick) : void 0;
    const config = await readConfigFile({ cwd: workspace, file: inputs.config, what: "config" });
    const { context: context2 } = github_exports;
    const origin = await policyOrigin(resolve(workspace, inputs.config), process.env);
    const defaultBranch = context2.payload.repository?.default_branch;
    const refName = (context2.ref ?? "").replace(/^refs\/(heads\/)?/, "") || "HEAD";
    const onDefault = defaultBranch !== void 0 && context2.ref === `refs/heads/${defaultBranch}`;
    const baseBranch = context2.payload.pull_request?.base?.ref ?? defaultBranch;
    const workDir = await mkdtemp(join2(process.env.RUNNER_TEMP ?? tmpdir(), "kiln-gate-"));
    try {
      const { result, markdown } = await runGate({
        model: inputs.model,
        config,
        configFile: inputs.config,
        candidate: { path: resolve(inputs.candidate), shown: inputs.candidate },
        ...inputs.baseline ? { baseline: { path: resolve(inputs.baseline), shown: inputs.baseline } } : { sources: baselineSources(inputs["github-token"], baseBranch, workDir) },
        policySource: !origin.committed ? "working-tree" : context2.sha ? `${refName}@${context2.sha}` : origin.source,
        advisory: !origin.committed || !onDefault,
        evaluation: {
          // The evaluate command and data of the yardstick (the default branch), not of the change.
          cwd: yardstick ?? workspace,
          ...yardstick ? { config: await readConfigFile({ cwd: yardstick, file: inputs.config, what: "config" }) } : {},
          workspace,
          env: process.env,
          outDir: join2(resolve(inputs.out), "evaluation"),
          onLine: (_stream, line) => info(line)
        }
      });
      const file = await writeGateFile(resolve(inputs.out), result);
      setOutput("passed", String(result.passed));
      setOutput("report", file);
      if (process.env.GITHUB_STEP_SUMMARY) await summary.addRaw(markdown).write();
      else info(markdown);
      if (!result.passed) {
        const failed = result.checks.filter((c) => !c.passed);
        throw new CheckFailed(
          `the gate failed for ${result.model}: ${failed.length} of ${result.checks.length} checks (${failed.map((c) => `${c.metric} ${c.rule}`).join(", ")})`,
          { hint: `See the job summary and ${inputs.out}/gate.json` }
        );
      }
      info(`kiln gate: ${result.model} passed; wrote ${file}`);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  });
}
function baselineSources(token, branch, workDir) {
  if (!token || !process.env.GITHUB_REPOSITORY) return { workDir };
  const repo = context.repo;
  const octokit = getOctokit(token);
  const registry = new GitHubRegistry({
    ...repo,
    octokit,
    clock: systemClock,
    sha: context.sha || "HEAD"
  });
  const workflow = workflowFileOf(process.env.GITHUB_WORKFLOW_REF);
  if (!branch || !workflow) return { registry, workDir };
  return {
    registry,
    runs: new GitHubWorkflowRuns({ ...repo, octokit, workflow }),
    artifacts: new GitHubRunArtifacts({ ...repo, token }),
    branch,
    workDir
  };
}

// actions/gate/index.ts
await run();

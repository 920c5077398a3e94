import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ModelConfig } from "../../../core/config/schema.js";
import { type DeployRequest, type DeployTuning, deployModel } from "../../../core/deploy/deploy-model.js";
import { UsageError } from "../../../core/errors.js";
import type { GateResult } from "../../../core/gate/gate-result.js";
import { ManualClock } from "../../../core/local/clock.js";
import { LocalDeployer } from "../../../core/local/deployer.js";
import { LocalRegistry } from "../../../core/local/registry.js";
import type { RunRecord } from "../../../core/metrics/run-record.js";
import { freshDir } from "../local/tmp.js";
import { config, gateFor, healthServer, run } from "./helpers.js";

const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

// Writes what the health endpoint reads, and every variable kiln passes, one line per step.
const COMMAND = `printf '%s %s\\n' "$MODEL_VERSION" "$TRAFFIC_PERCENT" > state && echo "$MODEL_NAME $MODEL_VERSION $MODEL_URI $ENVIRONMENT $TRAFFIC_PERCENT path=$MODEL_PATH" >> steps.log`;

async function setup(
  opts: { fails?: (v: number, p: number) => boolean; command?: string; target?: string } = {},
) {
  const dir = freshDir();
  const clock = new ManualClock("2025-03-01T12:00:00.000Z");
  const registry = new LocalRegistry({ root: join(dir, "registry"), clock });
  const deployer = new LocalDeployer({ root: join(dir, "deployments"), clock });
  const health = await healthServer(join(dir, "state"), opts.fails ?? (() => false));
  closers.push(() => health.server.close());
  const cfg = config(
    `command: ${JSON.stringify(opts.command ?? COMMAND)}\ntarget: ${opts.target ?? "command"}\nenvironments:\n  staging: { health: { url: "${health.url}", timeout: 2s, retries: 1 } }\n  production:\n    health: { url: "${health.url}", expect-body: ok, timeout: 2s, retries: 2 }\n    canary: [10, 50, 100]`,
  ).models.penguins as ModelConfig;
  const logs: string[] = [];
  const deploy = (
    r: RunRecord,
    environment: string,
    over: Partial<DeployRequest> = {},
    tuning: Partial<DeployTuning> = {},
  ) =>
    deployModel(
      {
        model: "penguins",
        run: r,
        gate: gateFor(r),
        config: cfg,
        configFile: "kiln.yml",
        environment,
        force: false,
        defaultBranch: "main",
        ref: "c0ffee",
        cwd: dir,
        env: { PATH: process.env.PATH },
        workDir: join(dir, "manifests"),
        ...over,
      },
      { registry, deployer, clock, log: (line) => logs.push(line) },
      { commandTimeoutMs: 10_000, graceMs: 200, healthRetryDelayMs: 1, ...tuning },
    );
  return { dir, clock, registry, deployer, health, deploy, logs };
}

describe("deploy: rollout", () => {
  it("registers, rolls out each canary step with the model's variables and health, then moves the alias", async () => {
    const { dir, registry, deployer, deploy, health } = await setup();
    const r = run(0.93);
    const result = await deploy(r, "production");
    expect(result.outcome).toBe("deployed");
    expect(result.version.tag).toBe("penguins@v1");
    expect(result.steps.map((s) => [s.traffic_percent, s.apply, s.health?.ok])).toEqual([
      [10, "succeeded", true],
      [50, "succeeded", true],
      [100, "succeeded", true],
    ]);
    expect(readFileSync(join(dir, "steps.log"), "utf8").trim().split("\n")).toEqual(
      [10, 50, 100].map((p) => `penguins 1 models:/penguins/1 production ${p} path=`),
    );
    expect(health.requests).toEqual(["1 10", "1 50", "1 100"]);
    expect((await registry.alias("penguins", "production"))?.version).toBe(1);
    expect(await registry.readFile("penguins", 1, "card.md")).toContain("# Model card: penguins@v1");
    const [d] = await deployer.list({ environment: "production" });
    expect(d).toMatchObject({
      state: "success",
      version: 1,
      ref: "c0ffee",
      environment_url: new URL(health.url).origin,
    });
    expect(d?.payload).toMatchObject({ model: "penguins", version: 1, tag: "penguins@v1", previous: null });
    expect(d?.payload.run).toBe(result.version.run_digest);
    expect((await deployer.statuses(d?.id ?? "")).map((s) => s.state)).toEqual([
      "queued",
      "in_progress",
      "success",
    ]);
  });

  it("deploying the version already live is a no-op", async () => {
    const { dir, deployer, deploy } = await setup();
    const r = run(0.93);
    await deploy(r, "staging");
    writeFileSync(join(dir, "steps.log"), "");
    const again = await deploy(r, "staging");
    expect(again.outcome).toBe("unchanged");
    expect(again.deployment).toBeNull();
    expect(readFileSync(join(dir, "steps.log"), "utf8")).toBe("");
    expect(await deployer.list()).toHaveLength(1);
  });

  it("a health check failing at a chosen canary step rolls back to the previous version; the alias stays", async () => {
    const { dir, registry, deployer, deploy, health } = await setup({ fails: (v, p) => v === 2 && p === 50 });
    await deploy(run(0.93), "production");
    const result = await deploy(run(0.95), "production");
    expect(result.outcome).toBe("rolled-back");
    expect(result.failure).toMatch(
      /the health check failed at 50% after 3 attempts \(status 500, expected 200\); rolled back to penguins@v1/,
    );
    expect(result.steps.map((s) => [s.traffic_percent, s.ok])).toEqual([
      [10, true],
      [50, false],
    ]);
    expect(result.rollback.map((s) => [s.version, s.traffic_percent, s.ok])).toEqual([[1, 100, true]]);
    expect(readFileSync(join(dir, "state"), "utf8").trim()).toBe("1 100");
    expect(health.requests.slice(-5)).toEqual(["2 10", "2 50", "2 50", "2 50", "1 100"]);
    expect((await registry.alias("penguins", "production"))?.version).toBe(1);
    expect((await registry.versions("penguins")).map((v) => v.tag)).toEqual(["penguins@v1", "penguins@v2"]);
    const [failed, first] = await deployer.list({ environment: "production" });
    expect(failed).toMatchObject({ version: 2, state: "failure" });
    expect(failed?.description).toMatch(/rolled back to penguins@v1/);
    expect(failed?.payload.previous).toBe("penguins@v1");
    expect(first).toMatchObject({ version: 1, state: "success" });
  });

  it("a failing deploy command fails the deployment; with nothing to go back to, nothing is rolled back", async () => {
    const { registry, deployer, deploy } = await setup({ command: "echo boom >&2; exit 3" });
    const result = await deploy(run(0.93), "staging");
    expect(result.outcome).toBe("failed");
    expect(result.failure).toBe(
      "the deploy command failed with exit 3 at 100%; no earlier version to roll back to",
    );
    expect(await registry.alias("penguins", "staging")).toBeNull();
    expect((await deployer.list())[0]?.state).toBe("failure");
  });

  it("a hanging deploy command is stopped at the timeout and the previous version comes back", async () => {
    const { dir, registry, deploy, logs } = await setup({
      command: `if [ "$MODEL_VERSION" = 2 ]; then sleep 30; fi; printf '%s %s\\n' "$MODEL_VERSION" "$TRAFFIC_PERCENT" > state`,
    });
    await deploy(run(0.93), "staging");
    const started = Date.now();
    const result = await deploy(run(0.95), "staging", {}, { commandTimeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.outcome).toBe("rolled-back");
    expect(result.failure).toMatch(
      /^the deploy command timed out after 300ms at 100%; rolled back to penguins@v1$/,
    );
    expect(logs.some((l) => l.includes("SIGTERM to the deploy command's process group"))).toBe(true);
    expect(readFileSync(join(dir, "state"), "utf8").trim()).toBe("1 100");
    expect((await registry.alias("penguins", "staging"))?.version).toBe(1);
  });

  it("one deploy per environment: one still in progress blocks another", async () => {
    const { deployer, deploy } = await setup();
    const d = await deployer.create({
      model: "other",
      version: 1,
      environment: "staging",
      ref: "x",
      payload: {},
    });
    await deployer.setState(d.id, "in_progress");
    await expect(deploy(run(0.93), "staging")).rejects.toThrow(
      /another deployment to staging is in progress \(deployment 1: other v1/,
    );
    await deployer.setState(d.id, "success");
    expect((await deploy(run(0.93), "staging")).outcome).toBe("deployed");
  });

  it("an unknown environment is unusable input with a suggestion", async () => {
    const { deploy } = await setup();
    const err = await deploy(run(0.93), "prod").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).message).toBe('kiln.yml declares no environment "prod" for penguins');
    expect((err as UsageError).hint).toBe("Declared: staging, production");
  });
});

describe("deploy: the gate", () => {
  const refusals: Array<[string, (r: RunRecord) => GateResult | null, RegExp]> = [
    [
      "a failed gate",
      (r) =>
        gateFor(r, {
          passed: false,
          checks: [{ ...gateFor(r).checks[0], passed: false } as GateResult["checks"][number]],
        }),
      /the gate failed \(1 of 1 checks: accuracy min\)/,
    ],
    [
      "a gate of another run",
      (r) => gateFor(run(0.5), { model: r.model }),
      /run_digest [0-9a-f]{12}… does not match the run/,
    ],
    [
      "a PR's advisory gate",
      (r) => gateFor(r, { policy_source: "kiln/feature@abc", advisory: true }),
      /policy came from kiln\/feature@abc \(advisory\), not the default branch main/,
    ],
    ["no gate", () => null, /no gate\.json was given/],
  ];
  for (const [what, gate, message] of refusals) {
    it(`refuses ${what} (exit 2) and registers nothing`, async () => {
      const { registry, deployer, deploy } = await setup();
      const r = run(0.93);
      const err = await deploy(r, "staging", { gate: gate(r) }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UsageError);
      expect((err as Error).message).toMatch(message);
      expect(await registry.versions("penguins")).toEqual([]);
      expect(await deployer.list()).toEqual([]);
    });
  }

  it("--force deploys anyway and records what it overrode in the deployment payload", async () => {
    const { deployer, deploy } = await setup();
    const r = run(0.93);
    const result = await deploy(r, "staging", {
      gate: gateFor(r, { policy_source: "working-tree", advisory: true }),
      force: true,
    });
    expect(result.outcome).toBe("deployed");
    expect(result.forced).toEqual([
      "the gate's policy came from working-tree (advisory), not the default branch main",
    ]);
    expect((await deployer.list())[0]?.payload.forced).toEqual({ reasons: result.forced });
  });
});

describe("deploy: target kserve", () => {
  it("renders an InferenceService per step with canaryTrafficPercent, applied by the command", async () => {
    const { dir, deploy } = await setup({
      target: "kserve",
      command: `cp "$KILN_MANIFEST" applied-$TRAFFIC_PERCENT.yaml && printf '%s %s\\n' "$MODEL_VERSION" "$TRAFFIC_PERCENT" > state`,
    });
    mkdirSync(join(dir, "model"));
    writeFileSync(join(dir, "model", "model.pkl"), "weights");
    const result = await deploy(run(0.93), "production", { artifactsDir: join(dir, "model") });
    expect(result.outcome).toBe("deployed");
    const ten = readFileSync(join(dir, "applied-10.yaml"), "utf8");
    expect(ten).toContain("kind: InferenceService");
    expect(ten).toContain("name: penguins-production");
    expect(ten).toMatch(/canaryTrafficPercent: 10\n/);
    expect(ten).toMatch(/storageUri: .*registry\/penguins\/v1\/artifacts/);
    expect(readFileSync(join(dir, "applied-50.yaml"), "utf8")).toMatch(/canaryTrafficPercent: 50\n/);
    expect(readFileSync(join(dir, "applied-100.yaml"), "utf8")).not.toContain("canaryTrafficPercent");
  });
});

/** `kiln deploy` end to end on the local registry, with a real health endpoint on 127.0.0.1. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { systemClock } from "../../core/local/clock.js";
import { LocalDeployer } from "../../core/local/deployer.js";
import { gateFor, healthServer, run } from "../core/deploy/helpers.js";
import { freshDir } from "../core/local/tmp.js";
import { kiln } from "./helpers.js";

const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

async function setup(fails: (v: number, p: number) => boolean) {
  const dir = freshDir();
  const health = await healthServer(join(dir, "state"), fails);
  closers.push(() => health.server.close());
  mkdirSync(join(dir, ".github"));
  writeFileSync(
    join(dir, ".github", "kiln.yml"),
    `models:
  penguins:
    deploy:
      command: printf '%s %s\\n' "$MODEL_VERSION" "$TRAFFIC_PERCENT" > state
      environments:
        staging: { health: { url: "${health.url}", timeout: 2s, retries: 0 } }
        production: { health: { url: "${health.url}", timeout: 2s, retries: 0 }, canary: [25, 100] }
`,
  );
  for (const [name, acc] of [
    ["a", 0.9],
    ["b", 0.92],
  ] as const) {
    writeFileSync(join(dir, `${name}.json`), JSON.stringify(run(acc)));
    writeFileSync(join(dir, `${name}-gate.json`), JSON.stringify(gateFor(run(acc))));
  }
  const deploy = (name: string, environment: string, extra: string[] = []) =>
    kiln(
      [
        "deploy",
        "--model",
        "penguins",
        "--run",
        `${name}.json`,
        "--gate",
        `${name}-gate.json`,
        "--environment",
        environment,
        "--registry",
        "reg",
        ...extra,
      ],
      { cwd: dir, env: { PATH: process.env.PATH ?? "" } },
    );
  const list = async () =>
    JSON.parse(
      (
        await kiln(["registry", "list", "--model", "penguins", "--registry", "reg", "--format", "json"], {
          cwd: dir,
        })
      ).stdout,
    );
  return { dir, deploy, list };
}

describe("kiln deploy", () => {
  it("deploys to staging then production; a failed canary step rolls back and exits 1", async () => {
    const { dir, deploy, list } = await setup((v, p) => v === 2 && p === 25);
    expect((await deploy("a", "staging")).code).toBe(0);
    const prod = await deploy("a", "production");
    expect(prod.code).toBe(0);
    expect(prod.stderr).toContain("kiln deploy: penguins@v1 → production at 25%");
    expect(prod.stderr).toContain("kiln deploy: penguins@v1 serves production (deployment 2)");
    expect(await list()).toMatchObject({ versions: [{ version: 1, aliases: ["production", "staging"] }] });

    // Already live: nothing happens, exit 0.
    const again = await deploy("a", "production");
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("penguins@v1 already serves production; nothing to do");

    const bad = await deploy("b", "production");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /kiln deploy: penguins to production failed: the health check failed at 25% after 1 attempts \(status 500, expected 200\); rolled back to penguins@v1\n$/,
    );
    expect(await list()).toMatchObject({
      versions: [
        { version: 1, aliases: ["production", "staging"] },
        { version: 2, aliases: [] },
      ],
    });
    const deployments = await new LocalDeployer({
      root: join(dir, ".kiln", "deployments"),
      clock: systemClock,
    }).list();
    expect(deployments.map((d) => [d.environment, d.version, d.state])).toEqual([
      ["production", 2, "failure"],
      ["production", 1, "success"],
      ["staging", 1, "success"],
    ]);
    // Staging takes v2 (its health is fine there: the endpoint only fails v2 at 25%).
    expect((await deploy("b", "staging")).code).toBe(0);
    expect((await list()).versions[1].aliases).toEqual(["staging"]);
  });

  it("refuses a gate that does not admit the run (exit 2, one line) unless --force, which is recorded", async () => {
    const { dir, deploy } = await setup(() => false);
    writeFileSync(
      join(dir, "a-gate.json"),
      JSON.stringify(gateFor(run(0.9), { policy_source: "feature@abc", advisory: true })),
    );
    const refused = await deploy("a", "staging");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      "kiln: refusing to deploy penguins: the gate's policy came from feature@abc (advisory), not the default branch main. Deploy a run whose gate passed under the default branch's policy (re-gate on it), or override with --force (recorded)\n",
    );
    writeFileSync(join(dir, "b-gate.json"), JSON.stringify(gateFor(run(0.5))));
    expect((await deploy("b", "staging")).stderr).toMatch(/run_digest .* does not match the run/);
    const forced = await deploy("a", "staging", ["--force", "--format", "json"]);
    expect(forced.code).toBe(0);
    const result = JSON.parse(forced.stdout);
    expect(result.outcome).toBe("deployed");
    expect(result.deployment.payload.forced.reasons[0]).toMatch(/feature@abc/);
  });

  it("a deploy command that hangs is stopped at --timeout and fails the deploy", async () => {
    const { dir, deploy } = await setup(() => false);
    writeFileSync(
      join(dir, ".github", "kiln.yml"),
      "models:\n  penguins:\n    deploy:\n      command: sleep 30\n      environments: { staging: {} }\n",
    );
    const started = Date.now();
    const r = await deploy("a", "staging", ["--timeout", "300ms"]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "failed: the deploy command timed out after 300ms at 100%; no earlier version to roll back to",
    );
  });

  it("unusable input exits 2: unknown model, missing run file", async () => {
    const { deploy, dir } = await setup(() => false);
    const missing = await kiln(
      ["deploy", "--model", "penguins", "--run", "nope.json", "--environment", "staging"],
      { cwd: dir },
    );
    expect(missing).toMatchObject({
      code: 2,
      stderr: "kiln: run nope.json does not exist. Check the path\n",
    });
    expect((await deploy("a", "qa")).stderr).toMatch(/declares no environment "qa"/);
  });
});

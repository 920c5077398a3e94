/** GitHub Deployments under nock: the deployer alone, and a whole deploy through it. */
import { join } from "node:path";
import { getOctokit } from "@actions/github";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import type { ModelConfig } from "../../core/config/schema.js";
import { deployModel } from "../../core/deploy/deploy-model.js";
import { ManualClock } from "../../core/local/clock.js";
import { LocalRegistry } from "../../core/local/registry.js";
import { GitHubDeployer } from "../../github/deployer.js";
import { config, gateFor, run } from "../core/deploy/helpers.js";
import { freshDir } from "../core/local/tmp.js";

const octokit = () => getOctokit("t", { request: { fetch } });
const API = "https://api.github.com";

afterEach(() => {
  nock.cleanAll();
});

function deployment(id: number, payload: unknown, environment = "production") {
  return {
    id,
    ref: "abc",
    environment,
    payload,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
  };
}

describe("GitHubDeployer", () => {
  it("creates a deployment with the payload and a queued status; reads state from the newest status", async () => {
    const bodies: unknown[] = [];
    const scope = nock(API)
      .post("/repos/o/r/deployments", (b) => {
        bodies.push(b);
        return true;
      })
      .reply(201, deployment(7, { model: "penguins", version: 3, run: "d".repeat(64) }))
      .post("/repos/o/r/deployments/7/statuses", (b) => {
        bodies.push(b);
        return true;
      })
      .reply(201, { state: "queued", created_at: "2026-01-01T00:00:01Z" });
    const d = await new GitHubDeployer({ owner: "o", repo: "r", octokit: octokit() }).create({
      model: "penguins",
      version: 3,
      environment: "production",
      ref: "abc",
      payload: { run: "d".repeat(64) },
    });
    expect(d).toMatchObject({
      id: "7",
      model: "penguins",
      version: 3,
      state: "queued",
      updated_at: "2026-01-01T00:00:01Z",
    });
    expect(bodies[0]).toMatchObject({
      ref: "abc",
      environment: "production",
      task: "deploy",
      payload: { run: "d".repeat(64), model: "penguins", version: 3 },
      required_contexts: [],
      auto_merge: false,
      production_environment: true,
    });
    expect(bodies[1]).toEqual({ state: "queued", auto_inactive: false });
    scope.done();
  });

  it("lists only kiln's deployments of a model, newest first, with their newest status", async () => {
    const scope = nock(API)
      .get("/repos/o/r/deployments")
      .query({ environment: "production", per_page: "30" })
      .reply(200, [
        deployment(9, JSON.stringify({ model: "penguins", version: 2 })),
        deployment(8, { model: "other", version: 1 }),
        deployment(5, {}),
      ])
      .get("/repos/o/r/deployments/9/statuses")
      .query({ per_page: "1" })
      .reply(200, [{ state: "in_progress", created_at: "2026-01-01T00:05:00Z", log_url: "https://x/log" }]);
    const list = await new GitHubDeployer({ owner: "o", repo: "r", octokit: octokit() }).list({
      environment: "production",
      model: "penguins",
    });
    expect(list).toEqual([
      expect.objectContaining({ id: "9", version: 2, state: "in_progress", log_url: "https://x/log" }),
    ]);
    scope.done();
  });
});

describe("a deploy recorded as GitHub Deployments", () => {
  it("statuses go queued → in_progress → failure with environment_url and log_url; a busy environment blocks", async () => {
    const dir = freshDir();
    const clock = new ManualClock("2026-01-01T00:10:00Z");
    const statuses: Array<Record<string, unknown>> = [];
    const scope = nock(API)
      .get("/repos/o/r/deployments")
      .query(true)
      .reply(200, [])
      .post("/repos/o/r/deployments")
      .reply(201, deployment(11, { model: "penguins", version: 1 }, "staging"))
      .post("/repos/o/r/deployments/11/statuses", (b) => {
        statuses.push(b);
        return true;
      })
      .times(3)
      .reply(201, (_uri, b) => ({ ...(b as object), created_at: "2026-01-01T00:10:00Z" }))
      .get("/repos/o/r/deployments/11")
      .times(2)
      .reply(200, deployment(11, { model: "penguins", version: 1 }, "staging"));
    const cfg = config(
      'command: "echo broken; exit 4"\nenvironments:\n  staging: { health: { url: "http://127.0.0.1:9/health" } }',
    ).models.penguins as ModelConfig;
    const r = run(0.93);
    const deployer = new GitHubDeployer({ owner: "o", repo: "r", octokit: octokit() });
    const result = await deployModel(
      {
        model: "penguins",
        run: r,
        gate: gateFor(r),
        config: cfg,
        configFile: "kiln.yml",
        environment: "staging",
        force: false,
        defaultBranch: "main",
        ref: "abc",
        cwd: dir,
        env: { PATH: process.env.PATH },
        workDir: dir,
        logUrl: "https://github.com/o/r/actions/runs/1",
      },
      { registry: new LocalRegistry({ root: join(dir, "reg"), clock }), deployer, clock, log: () => {} },
      { commandTimeoutMs: 5000 },
    );
    expect(result.outcome).toBe("failed");
    expect(statuses.map((s) => s.state)).toEqual(["queued", "in_progress", "failure"]);
    expect(statuses[1]).toMatchObject({
      environment_url: "http://127.0.0.1:9",
      log_url: "https://github.com/o/r/actions/runs/1",
    });
    expect(statuses[2]?.description).toBe(
      "the deploy command failed with exit 4 at 100%; no earlier version to roll back to",
    );
    scope.done();

    nock(API)
      .get("/repos/o/r/deployments")
      .query(true)
      .reply(200, [deployment(12, { model: "other", version: 4 }, "staging")])
      .get("/repos/o/r/deployments/12/statuses")
      .query(true)
      .reply(200, [{ state: "in_progress", created_at: "2026-01-01T00:09:00Z" }]);
    await expect(
      deployModel(
        {
          model: "penguins",
          run: run(0.94),
          gate: gateFor(run(0.94)),
          config: cfg,
          configFile: "kiln.yml",
          environment: "staging",
          force: false,
          defaultBranch: "main",
          ref: "abc",
          cwd: dir,
          env: {},
          workDir: dir,
        },
        { registry: new LocalRegistry({ root: join(dir, "reg"), clock }), deployer, clock, log: () => {} },
        { commandTimeoutMs: 5000 },
      ),
    ).rejects.toThrow(/another deployment to staging is in progress \(deployment 12: other v4/);
  });
});

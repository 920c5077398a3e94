import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../core/errors.js";
import { ManualClock } from "../../../core/local/clock.js";
import { LocalDeployer } from "../../../core/local/deployer.js";
import type { DeploymentRequest } from "../../../core/ports.js";
import { freshDir } from "./tmp.js";

function request(version: number, environment = "production", model = "penguins"): DeploymentRequest {
  return { model, version, environment, ref: "abc123", payload: { uri: `models:/${model}/${version}` } };
}

function setup() {
  const root = freshDir();
  const clock = new ManualClock("2025-01-01T00:00:00.000Z");
  return { root, clock, deployer: new LocalDeployer({ root, clock }) };
}

describe("LocalDeployer", () => {
  it("creates deployments with increasing ids and records every state change", async () => {
    const { root, clock, deployer } = setup();
    const d1 = await deployer.create(request(1));
    clock.advance(1000);
    const d2 = await deployer.create(request(2));
    expect([d1.id, d2.id]).toEqual(["1", "2"]);
    expect(d1).toMatchObject({
      state: "queued",
      created_at: "2025-01-01T00:00:00.000Z",
      payload: { uri: "models:/penguins/1" },
    });

    clock.advance(1000);
    await deployer.setState(d2.id, "in_progress", { log_url: "file:///log" });
    clock.advance(1000);
    const done = await deployer.setState(d2.id, "success", { environment_url: "https://api.example" });
    expect(done).toMatchObject({
      state: "success",
      updated_at: "2025-01-01T00:00:03.000Z",
      created_at: "2025-01-01T00:00:01.000Z",
      log_url: "file:///log",
      environment_url: "https://api.example",
    });
    expect(done).not.toHaveProperty("statuses");
    expect((await deployer.statuses(d2.id)).map((s) => [s.state, s.created_at])).toEqual([
      ["queued", "2025-01-01T00:00:01.000Z"],
      ["in_progress", "2025-01-01T00:00:02.000Z"],
      ["success", "2025-01-01T00:00:03.000Z"],
    ]);
    const file = JSON.parse(readFileSync(join(root, "deployments.json"), "utf8"));
    expect(file.schema).toBe("kiln.deployments/v1");
  });

  it("lists newest first, filtered by environment and model", async () => {
    const { deployer } = setup();
    await deployer.create(request(1, "staging"));
    await deployer.create(request(1, "production"));
    await deployer.create(request(3, "production", "iris"));
    await deployer.create(request(2, "staging"));
    expect((await deployer.list()).map((d) => d.id)).toEqual(["4", "3", "2", "1"]);
    expect((await deployer.list({ environment: "staging" })).map((d) => d.id)).toEqual(["4", "1"]);
    expect((await deployer.list({ model: "iris" })).map((d) => d.id)).toEqual(["3"]);
    expect((await deployer.list({ environment: "production", model: "penguins" })).map((d) => d.id)).toEqual([
      "2",
    ]);
  });

  it("marks the model's previous successful deployment in the environment inactive", async () => {
    const { deployer } = setup();
    const old = await deployer.create(request(1));
    await deployer.setState(old.id, "success");
    const other = await deployer.create(request(1, "production", "iris"));
    await deployer.setState(other.id, "success");
    const next = await deployer.create(request(2));
    await deployer.setState(next.id, "success");
    const states = Object.fromEntries((await deployer.list()).map((d) => [d.id, d.state]));
    expect(states).toEqual({ "1": "inactive", "2": "success", "3": "success" });
  });

  it("gives concurrent creates distinct ids", async () => {
    const { deployer } = setup();
    const made = await Promise.all(Array.from({ length: 10 }, (_, i) => deployer.create(request(i + 1))));
    expect(new Set(made.map((d) => d.id)).size).toBe(10);
    expect(await deployer.list()).toHaveLength(10);
  });

  it("refuses unknown deployments, states and bad requests", async () => {
    const { root, deployer } = setup();
    await expect(deployer.setState("9", "success")).rejects.toThrow("deployment 9 does not exist");
    const d = await deployer.create(request(1));
    await expect(deployer.setState(d.id, "done" as "success")).rejects.toBeInstanceOf(UsageError);
    await expect(deployer.create(request(0))).rejects.toBeInstanceOf(UsageError);
    await expect(deployer.create({ ...request(1), model: "Not A Model" })).rejects.toBeInstanceOf(UsageError);
    writeFileSync(join(root, "deployments.json"), "{ nope");
    await expect(deployer.list()).rejects.toThrow(/deployments\.json is not valid JSON/);
  });
});

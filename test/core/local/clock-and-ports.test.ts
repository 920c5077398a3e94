import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ManualClock, systemClock } from "../../../core/local/clock.js";
import { localPorts } from "../../../core/local/index.js";
import { freshDir } from "./tmp.js";

describe("clocks", () => {
  it("ManualClock moves only when told, and sleep advances it at once", async () => {
    const clock = new ManualClock("2025-01-01T00:00:00.000Z");
    expect(clock.now().toISOString()).toBe("2025-01-01T00:00:00.000Z");
    const started = Date.now();
    await clock.sleep(3_600_000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(clock.now().toISOString()).toBe("2025-01-01T01:00:00.000Z");
    clock.set("2030-05-05T05:05:05.000Z");
    expect(clock.now().toISOString()).toBe("2030-05-05T05:05:05.000Z");
    clock.now().setFullYear(1999);
    expect(clock.now().getUTCFullYear()).toBe(2030);
    expect(() => clock.set("yesterday")).toThrow();
  });

  it("systemClock reads the real time and really sleeps", async () => {
    const before = Date.now();
    await systemClock.sleep(20);
    expect(systemClock.now().getTime() - before).toBeGreaterThanOrEqual(15);
  });
});

describe("localPorts", () => {
  it("roots every port under one directory", async () => {
    const root = freshDir();
    const clock = new ManualClock();
    const ports = localPorts({ root, runId: "42", clock });
    expect(ports.clock).toBe(clock);
    await ports.registry.register("penguins", {
      run: { schema: "kiln.run/v1", model: "penguins", metrics: { a: 1 } },
    });
    await ports.deployer.create({
      model: "penguins",
      version: 1,
      environment: "dev",
      ref: "main",
      payload: {},
    });
    await ports.pullRequests.open({ branch: "x", base: "main", title: "t", body: "" });
    await ports.repo.commit("main", [{ path: "f", content: "c" }], "m");
    await ports.history.append({
      model: "penguins",
      sha: "s",
      ref: "main",
      recorded_at: clock.now().toISOString(),
      metrics: {},
    });
    await ports.artifacts.upload("kiln-x", ["pulls.json"], join(root, "repo"));
    for (const path of [
      "registry/tags/penguins@v1.json",
      "deployments/deployments.json",
      "repo/pulls.json",
      "repo/refs.json",
      "history/penguins.jsonl",
      "artifacts/42/kiln-x/pulls.json",
    ]) {
      expect(existsSync(join(root, path)), path).toBe(true);
    }
    expect(localPorts({ root }).artifacts.runId).toBe("local");
    expect(await localPorts({ root, defaultBranch: "trunk" }).repo.defaultBranch()).toBe("trunk");
  });
});

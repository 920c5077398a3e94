/** `kiln monitor` on examples/penguins with a production version in a local registry under .kiln/. */

import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseKilnFile } from "../../core/files.js";
import { retrainRequestFromMonitor } from "../../core/retrain/from-monitor.js";
import { penguins, testPath } from "../core/train/support.js";
import { kiln } from "./helpers.js";

const env = () => ({ PATH: testPath() });

/** Trains penguins, registers the run with its training profile and promotes it to production. */
async function withProduction(): Promise<string> {
  const dir = penguins();
  const t = await kiln(["train", "--model", "penguins"], { cwd: dir, env: env() });
  expect(t.code, t.stderr).toBe(0);
  const reg = await kiln(
    [
      "registry",
      "register",
      "--run",
      ".kiln/runs/penguins/run.json",
      "--profile",
      ".kiln/runs/penguins/profile.json",
    ],
    { cwd: dir },
  );
  expect(reg.code, reg.stderr).toBe(0);
  const promoted = await kiln(["registry", "promote", "models:/penguins/1", "--to", "production"], {
    cwd: dir,
  });
  expect(promoted.code, promoted.stderr).toBe(0);
  return dir;
}

let server: Server;
let base = "";
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/good.json") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ accuracy: 0.95, log_loss: 0.09 }));
    } else if (req.url === "/decayed.json") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ accuracy: 0.81 }));
    } else if (req.url === "/html") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>metrics moved</html>");
    } else {
      res.writeHead(500);
      res.end("boom");
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("kiln monitor", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await withProduction();
  }, 60_000);

  it("a normal serving batch is healthy (exit 0); the drifted batch is degraded (exit 1)", async () => {
    const ok = await kiln(["monitor", "--model", "penguins", "--format", "json"], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
    const healthy = parseKilnFile("monitor", ok.stdout, "monitor.json");
    expect(healthy).toMatchObject({
      model: "penguins",
      version: "penguins@v1",
      degraded: false,
      reasons: [],
    });
    expect(healthy.window).toEqual({ from: null, to: null });
    expect(healthy.drift?.drifted_columns).toBeLessThan(2);

    const bad = await kiln(
      ["monitor", "--model", "penguins", "--data", "data/serving-drifted/batch-0001.jsonl", "--out", "out"],
      { cwd: dir },
    );
    expect(bad.code, bad.stderr).toBe(1);
    expect(bad.stdout).toMatch(/^🔻 degraded \(drift\) · penguins penguins@v1 · 69 rows/);
    const m = parseKilnFile(
      "monitor",
      readFileSync(join(dir, "out", "monitor.json"), "utf8"),
      "monitor.json",
    );
    expect(m.degraded).toBe(true);
    expect(m.drift?.share).toBeGreaterThanOrEqual(0.25);
    const columns = m.reasons.filter((r) => r.column).map((r) => r.column);
    expect(columns).toEqual(expect.arrayContaining(["Flipper Length (mm)", "Body Mass (g)"]));
    expect(readFileSync(join(dir, "out", "summary.md"), "utf8")).toContain("xychart-beta");

    const request = retrainRequestFromMonitor(m, new Date("2025-01-02T03:04:05Z"));
    expect(request).toMatchObject({
      schema: "kiln.retrain/v1",
      model: "penguins",
      source: "monitor",
      data_window: null,
    });
    expect(request?.evidence.length).toBe(m.reasons.length);
    expect(retrainRequestFromMonitor(healthy, new Date())).toBeNull();
  });

  it("judges live metrics from a file and from a URL with the gate's rules", async () => {
    const config = join(dir, ".github", "kiln.yml");
    const text = readFileSync(config, "utf8").replace(
      "degrade: { drift-share: 0.25 }",
      'degrade: { drift-share: 0.25, accuracy: { max-regression: 0.03 }, log_loss: { max-regression: "50%", required: false } }',
    );
    writeFileSync(join(dir, "monitor.yml"), text);
    writeFileSync(join(dir, "live.json"), JSON.stringify({ accuracy: { value: 0.9 } }));
    // accuracy.value is not accuracy: a typo in the rules or the file is unusable input.
    const typo = await kiln(
      ["monitor", "--model", "penguins", "--config", "monitor.yml", "--metrics", "live.json"],
      {
        cwd: dir,
      },
    );
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(
      /monitor\.degrade\.accuracy: the live metrics do not report "accuracy".*Reported: accuracy\.value/s,
    );

    writeFileSync(join(dir, "live.json"), JSON.stringify({ accuracy: 0.94 }));
    const file = await kiln(
      ["monitor", "--model", "penguins", "--config", "monitor.yml", "--metrics", "live.json"],
      {
        cwd: dir,
      },
    );
    expect(file.code, file.stderr).toBe(0);

    const good = await kiln(
      [
        "monitor",
        "--model",
        "penguins",
        "--config",
        "monitor.yml",
        "--metrics",
        `${base}/good.json`,
        "--format",
        "json",
      ],
      { cwd: dir },
    );
    expect(good.code, good.stderr).toBe(0);
    expect(JSON.parse(good.stdout).metrics).toEqual({ accuracy: 0.95, log_loss: 0.09 });

    const decayed = await kiln(
      [
        "monitor",
        "--model",
        "penguins",
        "--config",
        "monitor.yml",
        "--metrics",
        `${base}/decayed.json`,
        "--format",
        "json",
      ],
      { cwd: dir },
    );
    expect(decayed.code).toBe(1);
    const reasons = JSON.parse(decayed.stdout).reasons;
    expect(reasons).toEqual([
      expect.objectContaining({
        kind: "metric",
        metric: "accuracy",
        value: 0.81,
        limit: 0.03,
        baseline: 0.956522,
      }),
    ]);

    const failing = await kiln(["monitor", "--model", "penguins", "--metrics", `${base}/down`], { cwd: dir });
    expect(failing.code).toBe(2);
    expect(failing.stderr).toContain(`live metrics from ${base}/down answered HTTP 500`);
    const html = await kiln(["monitor", "--model", "penguins", "--metrics", `${base}/html`], { cwd: dir });
    expect(html.code).toBe(2);
    expect(html.stderr).toContain(`live metrics from ${base}/html are not JSON`);
  });

  it("finds training–serving skew in a serving-side export", async () => {
    const r = await kiln(
      ["monitor", "--model", "penguins", "--serving", "data/serving-drifted/*.jsonl", "--format", "json"],
      { cwd: dir },
    );
    expect(r.code).toBe(1);
    const m = JSON.parse(r.stdout);
    expect(m.reasons.every((x: { kind: string }) => x.kind === "skew")).toBe(true);
    expect(m.reasons.map((x: { column: string }) => x.column)).toContain("Flipper Length (mm)");
  });

  it("exits 2 naming `kiln registry promote` when there is no production version", async () => {
    const r = await kiln(["monitor", "--model", "penguins"], { cwd: penguins() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the registry has no production version of penguins\..*kiln registry promote/);
  });
});

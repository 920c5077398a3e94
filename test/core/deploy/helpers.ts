/** Fixtures for deploy tests: runs with gates that admit them, a config, and a real health endpoint. */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseConfig } from "../../../core/config/load.js";
import type { GateResult } from "../../../core/gate/gate-result.js";
import { type RunRecord, runDigest } from "../../../core/metrics/run-record.js";

export function run(accuracy: number, model = "penguins"): RunRecord {
  return { schema: "kiln.run/v1", model, metrics: { accuracy }, code: { sha: "c0ffee".padEnd(40, "0") } };
}

export function gateFor(r: RunRecord, over: Partial<GateResult> = {}): GateResult {
  return {
    schema: "kiln.gate/v1",
    model: r.model,
    run_digest: runDigest(r),
    policy_digest: "b".repeat(64),
    policy_source: `main@${"a".repeat(40)}`,
    passed: true,
    checks: [
      {
        metric: "accuracy",
        rule: "min",
        candidate: r.metrics.accuracy ?? 0,
        baseline: null,
        delta: null,
        limit: 0.9,
        passed: true,
        message: "ok",
      },
    ],
    baseline: { source: "none" },
    ...over,
  };
}

export function config(deploy: string): ReturnType<typeof parseConfig> {
  return parseConfig(`models:\n  penguins:\n    deploy:\n${deploy.replace(/^/gm, "      ")}\n`, "kiln.yml");
}

/**
 * A health endpoint that reads the state the deploy command wrote (`<version> <percent>`) and
 * answers 500 while `fails(version, percent)` says so.
 */
export async function healthServer(
  stateFile: string,
  fails: (version: number, percent: number) => boolean,
): Promise<{ url: string; server: Server; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((_req, res) => {
    let state = "";
    try {
      state = readFileSync(stateFile, "utf8").trim();
    } catch {
      // nothing deployed yet
    }
    requests.push(state);
    const [version, percent] = state.split(" ").map(Number);
    const bad = fails(version ?? 0, percent ?? 0);
    res.writeHead(bad ? 500 : 200, { "content-type": "text/plain" });
    res.end(bad ? "unhealthy" : `ok ${state}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/health`, server, requests };
}

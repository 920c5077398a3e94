/**
 * The real app server over HTTP: health route, webhook signature checks, handlers reached, and no
 * GitHub calls. GHE_HOST points Probot's GitHub client at a local trap server, so any API call an
 * event caused (an installation token fetch first of all) would be recorded there.
 */
import { spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, readAppConfig, startServer } from "../../app/server.js";
import { KilnError } from "../../core/errors.js";
import pkg from "../../package.json" with { type: "json" };
import { capturingLogger, example, handlerLines, type LogLine, throwawayKey } from "./support.js";

const SECRET = "kiln-test-webhook-secret";
const KEY = throwawayKey();
const REPO_ROOT = resolve(import.meta.dirname, "../..");

describe("app server", () => {
  let running: RunningServer;
  let base: string;
  let lines: LogLine[];
  let trap: Server;
  const githubCalls: string[] = [];

  beforeAll(async () => {
    trap = createServer((req, res) => {
      githubCalls.push(`${req.method} ${req.url}`);
      // 401, not 5xx: Octokit retries server errors, which would only slow a failing test down.
      res
        .writeHead(401, { "content-type": "application/json" })
        .end('{"message":"kiln test: no GitHub here"}');
    });
    await new Promise<void>((done) => trap.listen(0, "127.0.0.1", done));
    const captured = capturingLogger();
    lines = captured.lines;
    running = await startServer(
      {
        APP_ID: "12345",
        PRIVATE_KEY: KEY,
        WEBHOOK_SECRET: SECRET,
        PORT: "0",
        HOST: "127.0.0.1",
        GHE_HOST: `127.0.0.1:${(trap.address() as AddressInfo).port}`,
        GHE_PROTOCOL: "http",
      },
      { log: captured.log },
    );
    base = `http://127.0.0.1:${running.port}`;
  });

  afterAll(async () => {
    await running?.stop();
    await new Promise((done) => trap?.close(done));
  });

  async function deliver(event: string, payload: unknown, signature: "valid" | "forged" | "none") {
    const body = JSON.stringify(payload);
    const delivery = randomUUID();
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": delivery,
    };
    if (signature !== "none") {
      const key = signature === "valid" ? SECRET : "not-the-secret";
      headers["x-hub-signature-256"] = `sha256=${createHmac("sha256", key).update(body).digest("hex")}`;
    }
    const res = await fetch(`${base}/api/github/webhooks`, { method: "POST", headers, body });
    return { status: res.status, text: await res.text(), delivery };
  }

  it("listens on the free port it was given", () => {
    expect(running.port).toBeGreaterThan(0);
    expect(running.server.listening).toBe(true);
  });

  it("GET /healthz answers 200 with the app and its version", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: "ok", app: "kiln", version: pkg.version });
  });

  it("a signed workflow_run.completed reaches the handler and calls no GitHub API", async () => {
    const payload = example("workflow_run", "completed");
    // Deliveries to an App always name the installation; the example omits it. With it present a
    // careless handler would fetch an installation token, which the trap would record.
    payload.installation = { id: 4242, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" };
    const { status, delivery } = await deliver("workflow_run", payload, "valid");
    expect(status).toBe(200);
    const handled = handlerLines(lines, delivery);
    expect(handled).toHaveLength(1);
    expect(handled[0]).toMatchObject({
      event: "workflow_run.completed",
      repo: (payload.repository as { full_name: string }).full_name,
      installation: 4242,
    });
    expect(githubCalls).toEqual([]);
  });

  it.each([
    ["issue_comment", "created"],
    ["repository_dispatch", undefined],
    ["installation", "created"],
  ])("a signed %s reaches its handler", async (event, action) => {
    const { status, delivery } = await deliver(event, example(event, action), "valid");
    expect(status).toBe(200);
    expect(handlerLines(lines, delivery)).toHaveLength(1);
    expect(githubCalls).toEqual([]);
  });

  it("a signed deployment_protection_rule reaches its handler", async () => {
    // @octokit/webhooks-examples has no example of this event; this is the documented shape.
    const payload = {
      action: "requested",
      environment: "production",
      event: "push",
      deployment_callback_url:
        "https://api.github.com/repos/octo-org/octo-repo/actions/runs/1/deployment_protection_rule",
      deployment: { id: 1, sha: "a".repeat(40), ref: "main", environment: "production" },
      repository: example("repository_dispatch").repository,
      installation: { id: 4242 },
    };
    const { status, delivery } = await deliver("deployment_protection_rule", payload, "valid");
    expect(status).toBe(200);
    expect(handlerLines(lines, delivery)[0]).toMatchObject({ event: "deployment_protection_rule.requested" });
    expect(githubCalls).toEqual([]);
  });

  it("a forged signature is refused with 400 and never reaches a handler", async () => {
    const { status, text, delivery } = await deliver(
      "workflow_run",
      example("workflow_run", "completed"),
      "forged",
    );
    expect(status).toBe(400);
    expect(text).toMatch(/signature does not match/);
    expect(handlerLines(lines, delivery)).toEqual([]);
  });

  it("a missing signature is refused with 400 and never reaches a handler", async () => {
    const { status, text, delivery } = await deliver(
      "workflow_run",
      example("workflow_run", "completed"),
      "none",
    );
    expect(status).toBe(400);
    expect(text).toMatch(/x-hub-signature-256/);
    expect(handlerLines(lines, delivery)).toEqual([]);
  });

  it("answers 404 for routes it does not have", async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/api/github/webhooks`)).status).toBe(404);
  });
});

describe("app configuration", () => {
  const complete = { APP_ID: "12345", PRIVATE_KEY: KEY, WEBHOOK_SECRET: SECRET };

  const usageError = (env: NodeJS.ProcessEnv): string => {
    try {
      readAppConfig(env);
    } catch (err) {
      expect(err).toBeInstanceOf(KilnError);
      return (err as KilnError).message;
    }
    throw new Error("expected a configuration error");
  };

  it("defaults as Probot does: port 3000 on localhost", () => {
    expect(readAppConfig(complete)).toMatchObject({
      appId: 12345,
      port: 3000,
      host: "localhost",
      logLevel: "info",
    });
  });

  it("accepts the key as PKCS#1, base64, with escaped newlines, or from PRIVATE_KEY_PATH", () => {
    const pkcs1 = throwawayKey("pkcs1");
    for (const PRIVATE_KEY of [pkcs1, Buffer.from(pkcs1).toString("base64"), pkcs1.replace(/\n/g, "\\n")]) {
      expect(readAppConfig({ ...complete, PRIVATE_KEY }).privateKey).toContain("BEGIN RSA PRIVATE KEY");
    }
    const dir = mkdtempSync(join(tmpdir(), "kiln-app-"));
    try {
      writeFileSync(join(dir, "app.pem"), pkcs1);
      const config = readAppConfig({
        ...complete,
        PRIVATE_KEY: undefined,
        PRIVATE_KEY_PATH: join(dir, "app.pem"),
      });
      expect(config.privateKey).toBe(pkcs1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names what is wrong", () => {
    expect(usageError({ ...complete, WEBHOOK_SECRET: "" })).toMatch(/^WEBHOOK_SECRET is not set/);
    expect(usageError({ WEBHOOK_SECRET: SECRET })).toMatch(
      /^APP_ID, PRIVATE_KEY \(or PRIVATE_KEY_PATH\) are not set/,
    );
    expect(usageError({ ...complete, APP_ID: "Iv1.abc" })).toMatch(
      /APP_ID must be the GitHub App's numeric ID/,
    );
    expect(
      usageError({
        ...complete,
        PRIVATE_KEY: "-----BEGIN RSA PRIVATE KEY-----\nnope\n-----END RSA PRIVATE KEY-----",
      }),
    ).toMatch(/PRIVATE_KEY is not a PEM private key/);
    expect(usageError({ ...complete, PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: "/no/such.pem" })).toMatch(
      /PRIVATE_KEY_PATH: cannot read \/no\/such\.pem/,
    );
    expect(usageError({ ...complete, PORT: "http" })).toMatch(/PORT must be a port number/);
    expect(usageError({ ...complete, LOG_LEVEL: "loud" as never })).toMatch(/LOG_LEVEL must be one of/);
  });
});

describe("app entry point", () => {
  it("without WEBHOOK_SECRET prints one line naming it and exits 2", async () => {
    // A temporary working directory: no developer .env or stray .pem can fill the gap.
    const cwd = mkdtempSync(join(tmpdir(), "kiln-app-"));
    try {
      const env = { PATH: process.env.PATH, APP_ID: "12345", PRIVATE_KEY: KEY };
      const { code, stdout, stderr } = await runNode(
        [join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs"), join(REPO_ROOT, "app/server.ts")],
        { cwd, env },
      );
      expect(stdout).toBe("");
      expect(stderr.trimEnd().split("\n")).toEqual([
        expect.stringMatching(/^kiln app: WEBHOOK_SECRET is not set\b.*docs\/app\.md$/),
      ]);
      expect(code).toBe(2);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

function runNode(
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

/**
 * The handlers module loaded into an in-process Probot: every event it subscribes to, with odd or
 * hostile payloads, is logged and never throws (a throw would turn the delivery into a 500).
 */
import { readFileSync } from "node:fs";
import { Probot } from "probot";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import kilnApp from "../../app/index.js";
import { capturingLogger, example, handlerLines, type LogLine, throwawayKey } from "./support.js";

describe("app handlers", () => {
  let probot: Probot;
  let lines: LogLine[];
  let delivery = 0;

  beforeAll(async () => {
    const captured = capturingLogger();
    lines = captured.lines;
    // An unreachable API: a handler that called GitHub here would fail the test instead of hanging.
    probot = new Probot({
      appId: 1,
      privateKey: throwawayKey(),
      secret: "x",
      log: captured.log,
      baseUrl: "http://127.0.0.1:9",
    });
    await probot.load(kilnApp);
  });

  async function receive(name: string, payload: unknown): Promise<LogLine[]> {
    const id = `delivery-${++delivery}`;
    await probot.receive({ id, name, payload } as Parameters<Probot["receive"]>[0]);
    return handlerLines(lines, id);
  }

  it.each([
    ["workflow_run", { action: "completed" }],
    ["workflow_run", { action: "completed", repository: null, installation: "yes" }],
    ["workflow_run", { action: "completed", repository: { full_name: 42 }, workflow_run: [] }],
    ["issue_comment", { action: "created", comment: null, issue: 7 }],
    ["repository_dispatch", { action: "kiln-degradation", client_payload: "not an object" }],
    ["repository_dispatch", { action: "", repository: { full_name: "o/r" } }],
    ["deployment_protection_rule", { action: "requested" }],
    ["installation", { action: "created", installation: { id: "1" }, repositories: null }],
    ["installation", { action: "deleted", installation: { id: 3 } }],
  ])("%s %j is logged, not thrown", async (name, payload) => {
    const handled = await receive(name, payload);
    expect(handled).toHaveLength(1);
    expect(handled[0]?.event).toMatch(new RegExp(`^${name}`));
  });

  it("names the repository and installation when the payload has them", async () => {
    const payload = { ...example("repository_dispatch"), action: "kiln-degradation" };
    const [line] = await receive("repository_dispatch", payload);
    expect(line).toMatchObject({ event: "repository_dispatch.kiln-degradation", repo: "octo-org/octo-repo" });
    expect(line?.installation).toEqual(expect.any(Number));
  });

  it("ignores the actions kiln does not act on", async () => {
    expect(await receive("workflow_run", example("workflow_run", "requested"))).toEqual([]);
    expect(await receive("issue_comment", example("issue_comment", "deleted"))).toEqual([]);
  });
});

describe("app manifest", () => {
  const manifest = parse(readFileSync(new URL("../../app/app.yml", import.meta.url), "utf8"));

  it("subscribes to every event the handlers listen to", () => {
    const names: string[] = [];
    kilnApp({ on: (name: string) => names.push(name) } as unknown as Probot);
    const events = new Set(names.map((n) => n.split(".")[0]));
    // GitHub sends installation events to every App and refuses manifests that list them.
    events.delete("installation");
    expect(new Set(manifest.default_events)).toEqual(events);
  });

  it("asks for the permissions the design lists, no more", () => {
    expect(manifest.default_permissions).toEqual({
      actions: "read",
      checks: "write",
      contents: "write",
      deployments: "write",
      issues: "write",
      pull_requests: "write",
      metadata: "read",
    });
    expect(manifest.public).toBe(false);
  });
});

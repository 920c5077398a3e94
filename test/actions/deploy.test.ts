/** The deploy action under @github/local-action: a real health endpoint, outputs, summary, rollback. */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { gateFor, healthServer, run } from "../core/deploy/helpers.js";
import { freshDir } from "../core/local/tmp.js";

const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

// Asynchronous: the health endpoint lives in this process and must answer while the action runs.
function action(dir: string, inputs: Record<string, string>): Promise<string> {
  const env = [
    `INPUT_CONFIG=${join(dir, ".github", "kiln.yml")}`,
    `INPUT_REGISTRY=${join(dir, "reg")}`,
    `GITHUB_STEP_SUMMARY=${join(dir, "summary.md")}`,
    ...Object.entries(inputs).map(([k, v]) => `INPUT_${k.toUpperCase()}=${v}`),
  ].join("\n");
  writeFileSync(join(dir, ".env"), `${env}\n`);
  return new Promise((resolve) => {
    const child = spawn(
      join("node_modules", ".bin", "local-action"),
      ["run", "actions/deploy", "main.ts", join(dir, ".env")],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    child.stdout.on("data", (c) => {
      out += c;
    });
    child.stderr.on("data", (c) => {
      out += c;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("close", () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

describe("the deploy action", () => {
  it("deploys, then rolls back a version whose canary step fails its health check", async () => {
    const dir = freshDir();
    const health = await healthServer(join(dir, "state"), (v, p) => v === 2 && p === 50);
    closers.push(() => health.server.close());
    mkdirSync(join(dir, ".github"));
    writeFileSync(
      join(dir, ".github", "kiln.yml"),
      `models:
  penguins:
    deploy:
      command: printf '%s %s\\n' "$MODEL_VERSION" "$TRAFFIC_PERCENT" > ${join(dir, "state")}
      environments:
        production: { health: { url: "${health.url}", timeout: 2s, retries: 0 }, canary: [50, 100] }
`,
    );
    for (const [name, acc] of [
      ["a", 0.9],
      ["b", 0.92],
    ] as const) {
      writeFileSync(join(dir, `${name}.json`), JSON.stringify(run(acc)));
      writeFileSync(join(dir, `${name}-gate.json`), JSON.stringify(gateFor(run(acc))));
    }
    writeFileSync(join(dir, "summary.md"), "");
    const first = await action(dir, {
      model: "penguins",
      run: join(dir, "a.json"),
      gate: join(dir, "a-gate.json"),
      environment: "production",
    });
    expect(first).toContain("::set-output name=version::penguins@v1");
    expect(first).toContain(`::set-output name=environment-url::${new URL(health.url).origin}`);
    expect(first).toContain("::set-output name=rolled-back::false");
    expect(first).not.toContain("::error::");
    expect(readFileSync(join(dir, "summary.md"), "utf8")).toContain("✅ penguins@v1 serves production");

    const second = await action(dir, {
      model: "penguins",
      run: join(dir, "b.json"),
      gate: join(dir, "b-gate.json"),
      environment: "production",
    });
    expect(second).toContain("::set-output name=version::penguins@v2");
    expect(second).toContain("::set-output name=rolled-back::true");
    expect(second).toMatch(
      /::error::deploying penguins@v2 to production failed: the health check failed at 50% after 1 attempts \(status 500, expected 200\); rolled back to penguins@v1/,
    );
    expect(readFileSync(join(dir, "state"), "utf8").trim()).toBe("1 100");
    expect(readFileSync(join(dir, "summary.md"), "utf8")).toContain("| v1 | 100% | succeeded | ✅ |");
  });

  it("refuses a gate from another run without force", async () => {
    const dir = freshDir();
    mkdirSync(join(dir, ".github"));
    writeFileSync(
      join(dir, ".github", "kiln.yml"),
      "models:\n  penguins:\n    deploy:\n      command: 'true'\n      environments: { staging: {} }\n",
    );
    writeFileSync(join(dir, "a.json"), JSON.stringify(run(0.9)));
    writeFileSync(join(dir, "g.json"), JSON.stringify(gateFor(run(0.5))));
    const out = await action(dir, {
      model: "penguins",
      run: join(dir, "a.json"),
      gate: join(dir, "g.json"),
      environment: "staging",
    });
    expect(out).toMatch(
      /::error::refusing to deploy penguins: gate\.json's run_digest [0-9a-f]{12}… does not match the run/,
    );
    expect(out).not.toContain("::set-output name=version");
  });
});

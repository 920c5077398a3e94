/** The monitor action under @github/local-action: a local production version, outputs and summary. */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { kiln } from "../cli/helpers.js";
import { testPath } from "../core/train/support.js";

let workspace = "";

function action(inputs: Record<string, string>) {
  const summary = join(workspace, "summary.md");
  writeFileSync(summary, "");
  const env = [
    `GITHUB_WORKSPACE=${workspace}`,
    `GITHUB_STEP_SUMMARY=${summary}`,
    ...Object.entries(inputs).map(([k, v]) => `INPUT_${k.toUpperCase()}=${v}`),
  ].join("\n");
  writeFileSync(join(workspace, ".env"), `${env}\n`);
  const r = spawnSync(
    join("node_modules", ".bin", "local-action"),
    ["run", "actions/monitor", "main.ts", join(workspace, ".env")],
    { encoding: "utf8", timeout: 90_000 },
  );
  return { out: `${r.stdout}${r.stderr}`, summary: readFileSync(summary, "utf8") };
}

describe("the monitor action", () => {
  beforeAll(async () => {
    workspace = join(mkdtempSync(join(tmpdir(), "kiln-la-monitor-")), "penguins");
    cpSync("examples/penguins", workspace, { recursive: true });
    const opts = { cwd: workspace, env: { PATH: testPath() } };
    expect((await kiln(["train", "--model", "penguins"], opts)).code).toBe(0);
    const files = ["--run", ".kiln/runs/penguins/run.json", "--profile", ".kiln/runs/penguins/profile.json"];
    expect((await kiln(["registry", "register", ...files, "--registry", "reg"], opts)).code).toBe(0);
    await kiln(
      ["registry", "promote", "models:/penguins/1", "--to", "production", "--registry", "reg"],
      opts,
    );
  }, 60_000);

  it("reports a healthy batch: degraded=false, monitor.json and a job summary", () => {
    const { out, summary } = action({ model: "penguins", registry: "reg" });
    expect(out).toContain("::set-output name=degraded::false");
    expect(out).toContain(
      `::set-output name=report::${join(workspace, ".kiln", "monitor", "penguins", "monitor.json")}`,
    );
    expect(out).not.toContain("::error::");
    expect(summary).toMatch(/^### 🔥 kiln — monitor: penguins healthy/);
  });

  it("fails the step on the drifted batch with degraded=true", () => {
    const { out, summary } = action({
      model: "penguins",
      registry: "reg",
      data: "data/serving-drifted/batch-0001.jsonl",
    });
    expect(out).toContain("::set-output name=degraded::true");
    expect(out).toMatch(
      /::error::penguins penguins@v1 is degraded in production: drift\. See the job summary/,
    );
    expect(summary).toContain("| drift | Flipper Length (mm) |");
  });

  it("without a production version says how to get one", () => {
    const { out } = action({ model: "penguins", registry: "empty-registry" });
    expect(out).toMatch(
      /::error::the registry has no production version of penguins\..*kiln registry promote/,
    );
  });
});

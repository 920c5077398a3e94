/** The validate action under @github/local-action: outputs, job summary, annotations, failing the step. */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function action(inputs: Record<string, string>, existing?: string) {
  const workspace = existing ?? mkdtempSync(join(tmpdir(), "kiln-la-validate-"));
  if (!existing) cpSync("examples/penguins", workspace, { recursive: true });
  const summary = join(workspace, "summary.md");
  writeFileSync(summary, "");
  const env = [
    `GITHUB_WORKSPACE=${workspace}`,
    `GITHUB_STEP_SUMMARY=${summary}`,
    "GITHUB_REPOSITORY=acme/penguins",
    "GITHUB_SHA=0123456789abcdef0123456789abcdef01234567",
    ...Object.entries(inputs).map(([k, v]) => `INPUT_${k.toUpperCase()}=${v}`),
  ].join("\n");
  writeFileSync(join(workspace, ".env"), `${env}\n`);
  const r = spawnSync(
    join("node_modules", ".bin", "local-action"),
    ["run", "actions/validate", "main.ts", join(workspace, ".env")],
    {
      encoding: "utf8",
      timeout: 90_000,
    },
  );
  return { out: `${r.stdout}${r.stderr}`, summary: readFileSync(summary, "utf8"), workspace };
}

describe("the validate action", () => {
  it("passes clean data: outputs, report.json beside it and a job summary", () => {
    const { out, summary, workspace } = action({
      model: "penguins",
      current: "data/test.csv",
      reference: "data/train.csv",
    });
    expect(out).toContain("::set-output name=passed::true");
    expect(out).toContain("::set-output name=drifted-columns::[]");
    expect(out).not.toContain("::error::");
    expect(summary).toMatch(/^### 🔥 kiln — data validation passed/);
    const report = JSON.parse(
      readFileSync(join(workspace, ".kiln", "validate", "penguins", "report.json"), "utf8"),
    );
    expect(report.rows).toEqual({ reference: 275, current: 69 });
  });

  it("fails the step on anomalies, annotates their lines and links them to the commit", () => {
    const workspace = mkdtempSync(join(tmpdir(), "kiln-la-validate-"));
    cpSync("examples/penguins", workspace, { recursive: true });
    const dirty = join(workspace, "data", "dirty.csv");
    writeFileSync(
      dirty,
      `${readFileSync(join(workspace, "data", "test.csv"), "utf8")}Adelie,Dream,40,18,NaN,3900,MALE\n`,
    );
    const { out, summary } = action(
      { model: "penguins", current: dirty, reference: "data/train.csv" },
      workspace,
    );
    expect(out).toContain("::set-output name=passed::false");
    expect(out).toMatch(
      /::error title=kiln: nan_or_inf in Flipper Length \(mm\),file=data\/dirty\.csv,line=71\b/,
    );
    expect(out).toMatch(/::error::data validation failed for penguins: 1 anomaly, 0 drifted columns/);
    expect(summary).toContain("| nan_or_inf | Flipper Length (mm) | 1 |");
  });

  it("refuses an unknown model with the declared ones named", () => {
    const { out } = action({ model: "pengiuns" });
    expect(out).toMatch(/::error::\.github\/kiln\.yml declares no model "pengiuns"\. Declared: penguins/);
  });
});

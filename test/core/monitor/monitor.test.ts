/** monitor() on real data: seattle-weather's seasons against a year's profile, and a random split. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../core/config/load.js";
import { profileData, profileToJSON } from "../../../core/data/profile-data.js";
import { profileSchema } from "../../../core/data/profile-file.js";
import { mulberry32 } from "../../../core/gate/prng.js";
import { LocalRegistry, systemClock } from "../../../core/local/index.js";
import { globRegExp } from "../../../core/monitor/data-files.js";
import { monitor } from "../../../core/monitor/monitor.js";
import { monitorResultSchema } from "../../../core/monitor/monitor-result.js";
import { renderMonitorMarkdown } from "../../../core/monitor/render.js";
import { freshDir } from "../local/tmp.js";

const SOURCE = "node_modules/vega-datasets/data/seattle-weather.csv";
const [HEADER, ...ROWS] = readFileSync(SOURCE, "utf8").trim().split("\n") as [string, ...string[]];

function write(dir: string, name: string, rows: string[]): string {
  writeFileSync(join(dir, name), `${HEADER}\n${rows.join("\n")}\n`);
  return name;
}

/** A registry whose production version was trained on `reference`. */
async function setup(reference: string[]) {
  const dir = freshDir();
  const ref = write(dir, "reference.csv", reference);
  const registry = new LocalRegistry({ root: join(dir, "registry"), clock: systemClock });
  const run = { schema: "kiln.run/v1" as const, model: "weather", metrics: { accuracy: 0.9 } };
  const profile = profileSchema.parse(profileToJSON(await profileData(join(dir, ref))));
  const v = await registry.register("weather", { run, profile });
  await registry.assign("weather", "production", v.version);
  const config = parseConfig(
    "models:\n  weather:\n    monitor: { degrade: { drift-share: 0.5 } }\n",
    "kiln.yml",
  );
  return { dir, registry, model: config.models.weather as NonNullable<(typeof config.models)["weather"]> };
}

describe("monitor on seattle-weather", () => {
  it("a summer against the 2012 profile is degraded, with the data's window", async () => {
    const { dir, registry, model } = await setup(ROWS.filter((r) => r.startsWith("2012-")));
    mkdirSync(join(dir, "logs"));
    const summer = ROWS.filter((r) => /^2014-0[678]-/.test(r));
    write(dir, "logs/2014-06.csv", summer.slice(0, 30));
    write(dir, "logs/2014-07-08.csv", summer.slice(30));
    const { result } = await monitor({
      model: "weather",
      config: model,
      root: dir,
      data: "logs/*.csv",
      registry,
    });
    expect(monitorResultSchema.parse(result)).toBeTruthy();
    expect(result.degraded).toBe(true);
    expect(result.rows).toBe(92);
    expect(result.window).toEqual({ from: "2014-06-01T00:00:00.000Z", to: "2014-08-31T00:00:00.000Z" });
    const drifted = result.reasons.filter((r) => r.column).map((r) => r.column);
    expect(drifted).toEqual(expect.arrayContaining(["temp_max", "temp_min"]));
    expect(result.reasons[0]).toMatchObject({ kind: "drift", limit: 0.5 });
    expect(renderMonitorMarkdown(result)).toMatch(
      /### 🔥 kiln — monitor: weather degraded[\s\S]*xychart-beta/,
    );
  });

  it("a random half of the same years is not degraded", async () => {
    // A seeded shuffle: the split is random but the test is repeatable.
    const rand = mulberry32(42);
    const rows = ROWS.map((r) => [rand(), r] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, r]) => r);
    const half = Math.floor(rows.length / 2);
    const { dir, registry, model } = await setup(rows.slice(0, half));
    write(dir, "current.csv", rows.slice(half));
    const { result } = await monitor({
      model: "weather",
      config: model,
      root: dir,
      data: "current.csv",
      registry,
    });
    expect(result.degraded).toBe(false);
    expect(result.reasons).toEqual([]);
    expect(result.drift?.drifted_columns).toBe(0);
  });

  it("globs match within and across path segments", () => {
    expect(globRegExp("*.jsonl").test("batch-1.jsonl")).toBe(true);
    expect(globRegExp("*.jsonl").test("a/batch-1.jsonl")).toBe(false);
    expect(globRegExp("**/*.jsonl").test("a/b/batch-1.jsonl")).toBe(true);
    expect(globRegExp("**/*.jsonl").test("batch-1.jsonl")).toBe(true);
  });
});

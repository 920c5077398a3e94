/** The local registry end to end through the CLI: register, list, show, promote, rollback, history. */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseVersionTagBody } from "../../core/registry/tag-body.js";
import { parseTag } from "../../core/registry/tags.js";
import { gateFor, run } from "../core/deploy/helpers.js";
import { freshDir } from "../core/local/tmp.js";
import { kiln } from "./helpers.js";

function setup() {
  const dir = freshDir();
  for (const [name, acc] of [
    ["a", 0.9],
    ["b", 0.92],
  ] as const) {
    writeFileSync(join(dir, `${name}.json`), JSON.stringify(run(acc)));
    writeFileSync(join(dir, `${name}-gate.json`), JSON.stringify(gateFor(run(acc))));
  }
  return dir;
}

const list = async (dir: string) =>
  JSON.parse(
    (
      await kiln(["registry", "list", "--model", "penguins", "--registry", "reg", "--format", "json"], {
        cwd: dir,
      })
    ).stdout,
  );

describe("kiln registry", () => {
  it("registers, promotes, rolls back and keeps the history, with tags that round-trip", async () => {
    const dir = setup();
    const r1 = await kiln(
      ["registry", "register", "--run", "a.json", "--gate", "a-gate.json", "--registry", "reg"],
      { cwd: dir },
    );
    expect(r1).toMatchObject({ code: 0, stdout: "penguins@v1  models:/penguins/1\n" });
    await kiln(["registry", "register", "--run", "b.json", "--registry", "reg"], { cwd: dir });
    // Same run again: the same version.
    expect(
      (await kiln(["registry", "register", "--run", "b.json", "--registry", "reg"], { cwd: dir })).stdout,
    ).toMatch(/^penguins@v2 /);

    expect(
      (
        await kiln(["registry", "promote", "models:/penguins/1", "--to", "production", "--registry", "reg"], {
          cwd: dir,
        })
      ).stdout,
    ).toBe("penguins#production#1: production → penguins@v1\n");
    await kiln(["registry", "promote", "models:/penguins/2", "--to", "production", "--registry", "reg"], {
      cwd: dir,
    });
    await kiln(
      ["registry", "promote", "models:/penguins@production", "--to", "staging", "--registry", "reg"],
      { cwd: dir },
    );
    expect(await list(dir)).toMatchObject({
      model: "penguins",
      versions: [
        { version: 1, tag: "penguins@v1", aliases: [] },
        { version: 2, tag: "penguins@v2", aliases: ["production", "staging"] },
      ],
    });

    const back = await kiln(
      ["registry", "rollback", "--model", "penguins", "--alias", "production", "--registry", "reg"],
      { cwd: dir },
    );
    expect(back).toMatchObject({
      code: 0,
      stdout: "penguins#production#3: production → penguins@v1 (was v2)\n",
    });
    expect((await list(dir)).versions.map((v: { aliases: string[] }) => v.aliases)).toEqual([
      ["production"],
      ["staging"],
    ]);

    const history = JSON.parse(
      (
        await kiln(
          [
            "registry",
            "history",
            "--model",
            "penguins",
            "--alias",
            "production",
            "--registry",
            "reg",
            "--format",
            "json",
          ],
          { cwd: dir },
        )
      ).stdout,
    ).history;
    expect(history.map((a: { tag: string; version: number }) => [a.tag, a.version])).toEqual([
      ["penguins#production#1", 1],
      ["penguins#production#2", 2],
      ["penguins#production#3", 1],
    ]);
    expect(history[2].note).toBe("rollback from v2");

    const show = JSON.parse(
      (
        await kiln(
          ["registry", "show", "models:/penguins@production", "--registry", "reg", "--format", "json"],
          { cwd: dir },
        )
      ).stdout,
    );
    expect(show).toMatchObject({
      tag: "penguins@v1",
      aliases: ["production"],
      gate: { passed: true, policy_source: `main@${"a".repeat(40)}` },
    });
    expect(show.card).toContain("# Model card: penguins@v1");

    // Tag round trip: every file under tags/ is a tag name that parses and holds its own tag.
    const tags = readdirSync(join(dir, "reg", "tags")).map((f) => f.replace(/\.json$/, ""));
    expect(tags.sort()).toEqual([
      "penguins#production#1",
      "penguins#production#2",
      "penguins#production#3",
      "penguins#staging#1",
      "penguins@v1",
      "penguins@v2",
    ]);
    for (const tag of tags) expect(parseTag(tag), tag).not.toBeNull();
    const body = readFileSync(join(dir, "reg", "tags", "penguins@v2.json"), "utf8");
    expect(parseVersionTagBody("penguins@v2", body, "penguins@v2.json").uri).toBe("models:/penguins/2");
  });

  it("defaults to .kiln/registry, lists all models, and says what is wrong in one line", async () => {
    const dir = setup();
    await kiln(["registry", "register", "--run", "a.json"], { cwd: dir });
    expect(readdirSync(join(dir, ".kiln", "registry", "tags"))).toEqual(["penguins@v1.json"]);
    expect(
      JSON.parse((await kiln(["registry", "list", "--format", "json"], { cwd: dir })).stdout).models[0].model,
    ).toBe("penguins");
    const missing = await kiln(["registry", "show", "models:/penguins/7"], { cwd: dir });
    expect(missing).toMatchObject({
      code: 2,
      stderr: "kiln: no version 7 of penguins; latest is v1. Use models:/penguins/1 or an alias\n",
    });
    const nothing = await kiln(["registry", "rollback", "--model", "penguins", "--alias", "production"], {
      cwd: dir,
    });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr.trim().split("\n")).toHaveLength(1);
    expect((await kiln(["registry", "list", "--format", "yaml"], { cwd: dir })).code).toBe(2);
  });
});

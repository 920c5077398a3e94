import { gzipSync } from "node:zlib";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { mergeProfiles, profileData, profileToJSON } from "../../../core/data/profile-data.js";
import { profileFromJSON } from "../../../core/data/profile-load.js";
import { annotations, renderValidationMarkdown } from "../../../core/data/render.js";
import { validationReportSchema } from "../../../core/data/report.js";
import { checksFromSchema, inferSchema } from "../../../core/data/schema.js";
import { parseDataSchema } from "../../../core/data/schema-file.js";
import { validate } from "../../../core/data/validate.js";
import { tempDir, writeTemp } from "./helpers.js";

const PENGUINS = "examples/penguins/data/penguins.csv";

const SCHEMA = `
dataset: { min-rows: 10 }
columns:
  id: { type: numeric }
  species: { type: categorical, values: [Adelie, Gentoo] }
  mass: { type: numeric, min: 2000, max: 7000, max-missing: 0.1 }
  note: { type: text, required: false, max-missing: 1 }
  code: { type: categorical }
`;

// Line 1 is the header; each anomaly sits on a known line.
const DIRTY = [
  "id,species,mass,code,extra",
  "1,Adelie,3000,007,x", // 2
  "2,Gentoo,abc,008,x", // 3 type mismatch
  "3,Emperor,3500,009,x", // 4 unexpected category
  "4,Adelie,9000,010,x", // 5 out of range
  "5,Adelie,NaN,011,x", // 6 NaN
  "6,Adelie,,012,x", // 7 missing
  "7,Adelie,,013", // 8 ragged
].join("\n");

async function dirtyReport() {
  const schema = parseDataSchema(SCHEMA, "schema.yml");
  const current = await profileData(writeTemp("dirty.csv", `${DIRTY}\n`), {
    checks: checksFromSchema(schema),
  });
  return validate({ current, schema });
}

describe("anomalies", () => {
  it("names each anomaly's kind, column, count and rows", async () => {
    const r = await dirtyReport();
    const byKind = Object.fromEntries(r.anomalies.map((a) => [`${a.kind}:${a.column ?? ""}`, a]));
    expect(Object.keys(byKind).sort()).toEqual(
      [
        "parse_error:",
        "type_mismatch:mass",
        "unexpected_category:species",
        "out_of_range:mass",
        "nan_or_inf:mass",
        "too_many_missing:mass",
        "new_column:extra",
        "row_count:",
      ].sort(),
    );
    expect(byKind["parse_error:"]?.examples.map((e) => e.row)).toEqual([8]);
    expect(byKind["type_mismatch:mass"]?.examples).toEqual([{ row: 3, value: "abc" }]);
    expect(byKind["unexpected_category:species"]?.examples).toEqual([{ row: 4, value: "Emperor" }]);
    expect(byKind["out_of_range:mass"]?.examples).toEqual([{ row: 5, value: 9000 }]);
    expect(byKind["nan_or_inf:mass"]?.examples.map((e) => e.row)).toEqual([6]);
    expect(byKind["too_many_missing:mass"]?.message).toBe("16.7% missing, more than the allowed 10.0%");
    expect(r.passed).toBe(false);
    // A column the schema pins as categorical keeps "007" as it is, not the number 7.
    expect(r.columns.find((c) => c.name === "code")?.top.map((t) => t.value)).toContain("007");
    expect(validationReportSchema.safeParse(r).success).toBe(true);
  });

  it("reports a cell that is not valid UTF-8 as a parse error at its row, and profiles the rest", async () => {
    const bytes = Buffer.concat([
      Buffer.from("name,n\nok,1\n"),
      Buffer.from([0x62, 0xff, 0xfe, 0x2c, 0x32, 0x0a]),
      Buffer.from("fine,3\n"),
    ]);
    const current = await profileData(writeTemp("u.csv", bytes));
    const r = validate({ current });
    const bad = r.anomalies.find((a) => a.kind === "parse_error");
    expect(bad).toMatchObject({ column: "name", count: 1, message: "1 cell not valid UTF-8" });
    expect(bad?.examples[0]?.row).toBe(3);
    expect(r.columns.find((c) => c.name === "n")?.stats?.max).toBe(3);
  });

  it("reports a required column that is missing, and a row count below min-rows", async () => {
    const schema = parseDataSchema(
      "dataset: { min-rows: 5 }\ncolumns:\n  a: { type: numeric }\n  b: { type: numeric }\n",
      "s.yml",
    );
    const current = await profileData(writeTemp("m.csv", "a\n1\n2\n"), { checks: checksFromSchema(schema) });
    const kinds = validate({ current, schema }).anomalies.map((a) => `${a.kind}:${a.column}`);
    expect(kinds).toEqual(["missing_column:b", "row_count:null"]);
  });

  it("renders a summary with the verdict, line links and escaped cells, and annotations at file lines", async () => {
    const r = await dirtyReport();
    const md = renderValidationMarkdown(r, { lineLink: (f, l) => `https://example.test/${f}#L${l}` });
    expect(md).toMatch(/❌ 6 rows · 5 columns · \d+ anomalies/);
    expect(md).toContain("(https://example.test/");
    expect(md).toContain("#L4)");
    const notes = annotations(r, true);
    expect(notes.find((a) => a.title === "kiln: unexpected_category in species")?.line).toBe(4);
  });

  it("escapes hostile column names and values in markdown", async () => {
    const evil = '"<img src=x onerror=alert(1)>|@team [x](javascript:1)"';
    const current = await profileData(writeTemp("e.csv", `${evil}\nv\n`));
    const md = renderValidationMarkdown(validate({ current }));
    expect(md).not.toContain("<img");
    expect(md).not.toContain("@team");
    // Brackets are escaped, so no link can form.
    expect(md).not.toMatch(/[^\\]\]\(javascript/);
    expect(md).toContain("\\[x\\](javascript");
  });
});

describe("verdicts and fail-on", () => {
  it("passes the real penguins data against itself and fails fail-on rules only as configured", async () => {
    const p = await profileData(PENGUINS);
    const same = validate({ current: p, reference: p });
    expect(same.passed).toBe(true);
    expect(same.drift).toMatchObject({ drifted_columns: 0, dataset_drifted: false });
    const shifted = await profileData("examples/penguins/data/serving-drifted/batch-0001.jsonl");
    const train = await profileData("examples/penguins/data/train.csv");
    const reportOnly = validate({ current: shifted, reference: train, failOn: [] });
    expect(reportOnly.passed).toBe(true);
    const drifted = reportOnly.columns.filter((c) => c.drift?.drifted).map((c) => c.name);
    expect(drifted).toEqual(["Flipper Length (mm)", "Body Mass (g)"]);
    expect(validate({ current: shifted, reference: train, failOn: ["column-drift"] }).passed).toBe(false);
    // 2 of 6 shared columns drifted is below the default 50% share: no dataset drift.
    expect(validate({ current: shifted, reference: train, failOn: ["dataset-drift"] }).passed).toBe(true);
    const strict = { method: "auto" as const, threshold: "auto" as const, share: 0.3, columns: {} };
    expect(
      validate({ current: shifted, reference: train, drift: strict, failOn: ["dataset-drift"] }).passed,
    ).toBe(false);
  });

  it("per-column overrides choose the method and threshold", async () => {
    const train = await profileData("examples/penguins/data/train.csv");
    const test = await profileData("examples/penguins/data/test.csv");
    const r = validate({
      current: test,
      reference: train,
      drift: {
        method: "auto",
        threshold: "auto",
        share: 0.5,
        columns: { Island: { method: "psi", threshold: 0.2 } },
      },
    });
    expect(r.columns.find((c) => c.name === "Island")?.drift).toMatchObject({
      method: "psi",
      threshold: 0.2,
    });
    expect(r.columns.find((c) => c.name === "Species")?.drift?.method).toBe("chisquare");
  });
});

describe("profiles", () => {
  it("profiles the real penguins data: types, missing values, exact moments", async () => {
    const p = await profileData(PENGUINS);
    expect(p.rows).toBe(344);
    const mass = p.columns.find((c) => c.name === "Body Mass (g)");
    expect(mass?.type()).toBe("numeric");
    expect(mass?.missing).toBe(2);
    expect(mass?.moments.mean).toBeCloseTo(4201.754385964912, 9);
    expect(p.columns.find((c) => c.name === "Sex")?.missing).toBe(10);
    expect(p.columns.find((c) => c.name === "Species")?.type()).toBe("categorical");
  });

  it("shards merged equal one pass: exact fields exactly, for CSV, gzip, JSON Lines and Parquet", async () => {
    const dir = tempDir();
    const db = await DuckDBInstance.create(":memory:");
    const conn = await db.connect();
    await conn.run(
      `copy (select * from read_csv('${PENGUINS}')) to '${dir}/p.parquet' (format parquet, row_group_size 40)`,
    );
    conn.closeSync();
    const files = [
      PENGUINS,
      `${dir}/p.parquet`,
      writeTemp("p.csv.gz", gzipSync(await import("node:fs").then((fs) => fs.readFileSync(PENGUINS)))),
      "examples/penguins/data/serving/batch-0001.jsonl",
    ];
    for (const file of files) {
      const whole = await profileData(file);
      for (const count of [2, 3, 7]) {
        const parts = [];
        for (let index = 0; index < count; index++) {
          const part = await profileData(file, { shard: { index, count } });
          parts.push(profileFromJSON(JSON.stringify(profileToJSON(part)), "part.json"));
        }
        const merged = mergeProfiles(parts);
        expect(merged.rows, `${file} ${count}`).toBe(whole.rows);
        for (const c of whole.columns) {
          const m = merged.columns.find((x) => x.name === c.name);
          expect(
            [m?.count, m?.missing, m?.moments.n, m?.moments.min, m?.moments.max],
            `${file} ${c.name}`,
          ).toEqual([c.count, c.missing, c.moments.n, c.moments.min, c.moments.max]);
          expect(m?.moments.mean ?? 0).toBeCloseTo(c.moments.mean, 9);
          expect(m?.type()).toBe(c.type());
          expect([...(m?.frequent.counts ?? [])].sort()).toEqual([...c.frequent.counts].sort());
          if (c.kll.n > 0) expect(m?.kll.quantile(0.5)).toBe(c.kll.quantile(0.5));
        }
      }
    }
  });
});

describe("schema", () => {
  it("infers categories, types and missing shares; ranges only when asked", async () => {
    const p = await profileData(PENGUINS);
    const s = inferSchema(p);
    expect(s.columns.Species).toEqual({
      type: "categorical",
      required: true,
      "max-missing": 0,
      values: ["Adelie", "Chinstrap", "Gentoo"],
    });
    expect(s.columns["Body Mass (g)"]).toEqual({
      type: "numeric",
      required: true,
      "max-missing": 0.05,
      "allow-nan": false,
    });
    const ranged = inferSchema(p, { ranges: true });
    expect(ranged.columns["Body Mass (g)"]).toMatchObject({ min: 2700, max: 6300 });
  });

  it("rejects a malformed schema with the key path and line", () => {
    expect(() => parseDataSchema("columns:\n  a:\n    type: numbr\n", "s.yml")).toThrow(
      /s\.yml:3 columns\.a\.type/,
    );
    expect(() => parseDataSchema("columns:\n  a: { type: numeric, minn: 1 }\n", "s.yml")).toThrow(
      /s\.yml:2 columns\.a: .*\(minn\)/,
    );
    expect(() => parseDataSchema("columns: [\n", "s.yml")).toThrow(/s\.yml:\d+: YAML syntax/);
  });
});

/**
 * The penguins example is what the demo, the docs and the e2e tests run on: its trainer must work,
 * be deterministic and fail clearly; its data must be the real data; its kiln.yml must be valid.
 */
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { accessSync, constants, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkConfig } from "../../core/config/load.js";

const ROOT = resolve(import.meta.dirname, "../..");
const EXAMPLE = join(ROOT, "examples/penguins");
const VEGA = join(ROOT, "node_modules/vega-datasets/data/penguins.json");
const COLUMNS = [
  "Species",
  "Island",
  "Beak Length (mm)",
  "Beak Depth (mm)",
  "Flipper Length (mm)",
  "Body Mass (g)",
  "Sex",
];

let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "kiln-penguins-"));
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** Runs python3 in the example folder; bytecode caches would otherwise land in the repository. */
function python(args: string[], cwd = EXAMPLE): SpawnSyncReturns<string> {
  const result = spawnSync("python3", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
    timeout: 20_000,
  });
  if (result.error) throw result.error;
  return result;
}

/** Trains into a fresh folder under tmp so the repository tree stays clean. */
function train(name: string, extra: string[] = []) {
  const dir = join(tmp, name);
  const files = {
    dir,
    model: join(dir, "model", "model.json"),
    metrics: join(dir, "metrics.json"),
    predictions: join(dir, "predictions.csv"),
  };
  const args = ["--out", join(dir, "model"), "--metrics", files.metrics, "--predictions", files.predictions];
  return { ...files, result: python(["train.py", ...args, ...extra]) };
}

/** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n") {
      row.push(cell.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}

function readCsv(path: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = parseCsv(readFileSync(path, "utf8"));
  return { header: header ?? [], rows };
}

function leaves(value: unknown, path = ""): [string, unknown][] {
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }
  return [[path, value]];
}

type Metrics = {
  accuracy: number;
  f1_macro: number;
  log_loss: number;
  train: { rows: number };
  test: { rows: number };
  slices: Record<string, { accuracy: number; rows: number }>;
};

describe("examples/penguins trainer", () => {
  let first: ReturnType<typeof train>;

  beforeAll(() => {
    first = train("first");
  });

  it("trains, logs progress and writes model, metrics and predictions", () => {
    expect(first.result.stderr).toBe("");
    expect(first.result.status).toBe(0);
    expect(first.result.stdout).toMatch(/^\[train\] read 275 training rows/m);
    expect(first.result.stdout).toMatch(/^\[train\] accuracy /m);
    const model = JSON.parse(readFileSync(first.model, "utf8"));
    expect(model.classes).toEqual(["Adelie", "Chinstrap", "Gentoo"]);
  });

  it("reports finite, plausible metrics and the slices kiln.yml gates on", () => {
    const metrics = JSON.parse(readFileSync(first.metrics, "utf8")) as Metrics;
    for (const [path, value] of leaves(metrics)) {
      expect(Number.isFinite(value), `${path} is a finite number`).toBe(true);
    }
    expect(metrics.accuracy).toBeGreaterThan(0.9);
    expect(metrics.accuracy).toBeLessThanOrEqual(1);
    expect(metrics.f1_macro).toBeGreaterThan(0.9);
    expect(metrics.log_loss).toBeGreaterThan(0);
    expect(metrics.log_loss).toBeLessThan(0.5);
    expect(metrics.train.rows).toBe(275);
    expect(metrics.test.rows).toBe(69);
    expect(Object.keys(metrics.slices)).toEqual(
      expect.arrayContaining([
        "species=Adelie",
        "species=Chinstrap",
        "species=Gentoo",
        "sex=FEMALE",
        "sex=MALE",
      ]),
    );
    // "." is missing, not a sex; a slice of one penguin would also make max-gap meaningless.
    expect(metrics.slices["sex=."]).toBeUndefined();
    const species = Object.entries(metrics.slices).filter(([k]) => k.startsWith("species="));
    expect(species.reduce((n, [, s]) => n + s.rows, 0)).toBe(69);
  });

  it("writes one prediction per test row, keyed by its line in test.csv", () => {
    const test = readCsv(join(EXAMPLE, "data/test.csv"));
    const predictions = readCsv(first.predictions);
    expect(predictions.header).toEqual(["id", "label", "prediction", "probability"]);
    expect(predictions.rows).toHaveLength(test.rows.length);
    predictions.rows.forEach(([id, label, prediction, probability], i) => {
      expect(id).toBe(String(i + 2));
      expect(label).toBe(test.rows[i]?.[0]);
      expect(["Adelie", "Chinstrap", "Gentoo"]).toContain(prediction);
      const p = Number(probability);
      expect(p).toBeGreaterThanOrEqual(1 / 3);
      expect(p).toBeLessThanOrEqual(1);
    });
    const metrics = JSON.parse(readFileSync(first.metrics, "utf8")) as Metrics;
    const correct = predictions.rows.filter(([, label, prediction]) => label === prediction).length;
    expect(metrics.accuracy).toBeCloseTo(correct / predictions.rows.length, 6);
  });

  it("gives byte-identical outputs on a second run", () => {
    const second = train("second");
    expect(second.result.status).toBe(0);
    for (const key of ["metrics", "predictions", "model"] as const) {
      expect(readFileSync(second[key], "utf8"), key).toBe(readFileSync(first[key], "utf8"));
    }
  });

  it("exits 2 with a one-line message when a data file is missing", () => {
    const missing = join(tmp, "no-such-dir", "train.csv");
    const run = train("missing", ["--train", missing]);
    expect(run.result.status).toBe(2);
    expect(run.result.stderr).toBe(`train.py: error: data file not found: ${missing}\n`);
    expect(() => accessSync(run.metrics)).toThrow();
  });

  it("exits 2 naming an unknown params key", () => {
    const bad = join(tmp, "typo.json");
    writeFileSync(bad, readFileSync(join(EXAMPLE, "params.json"), "utf8").replace('"alpha"', '"alpah"'));
    const run = train("typo", ["--params", bad]);
    expect(run.result.status).toBe(2);
    expect(run.result.stderr).toMatch(/unknown key\(s\) alpah/);
  });

  it("answers SIGTERM with a checkpoint note and exit code 143", () => {
    const out = join(tmp, "sigterm");
    // Training takes milliseconds, so the signal is raised from inside fit() to hit the handler.
    const code = [
      "import os, signal, sys, train",
      "fit = train.fit",
      "train.fit = lambda *a: (os.kill(os.getpid(), signal.SIGTERM), fit(*a))[1]",
      `sys.exit(train.main(["--out", ${JSON.stringify(join(out, "model"))}, "--metrics", ${JSON.stringify(join(out, "m.json"))}, "--predictions", ${JSON.stringify(join(out, "p.csv"))}]))`,
    ].join("\n");
    const run = python(["-c", code]);
    expect(run.status).toBe(143);
    expect(run.stdout).toMatch(/interrupted by SIGTERM while fitting/);
    expect(JSON.parse(readFileSync(join(out, "model", "checkpoint.json"), "utf8"))).toEqual({
      interrupted: true,
      signal: "SIGTERM",
      stage: "fitting",
    });
    expect(() => accessSync(join(out, "m.json"))).toThrow();
  });
});

describe("examples/penguins data", () => {
  const vega = JSON.parse(readFileSync(VEGA, "utf8")) as Record<string, string | number | null>[];
  const penguins = readCsv(join(EXAMPLE, "data/penguins.csv"));

  it("is the vega-datasets penguins data, cell for cell, with its missing values", () => {
    expect(penguins.header).toEqual(COLUMNS);
    expect(penguins.rows).toHaveLength(344);
    expect(vega).toHaveLength(344);
    const missingCsv = penguins.rows.flat().filter((cell) => cell === "").length;
    const missingJson = vega.flatMap((r) => Object.values(r)).filter((v) => v === null).length;
    expect(missingCsv).toBe(missingJson);
    expect(missingCsv).toBe(18);
    penguins.rows.forEach((row, i) => {
      const expected = COLUMNS.map((c) => (vega[i]?.[c] === null ? "" : String(vega[i]?.[c])));
      expect(row, `line ${i + 2}`).toEqual(expected);
    });
  });

  it("splits into train and test, stratified, without losing or repeating a row", () => {
    const trainRows = readCsv(join(EXAMPLE, "data/train.csv"));
    const testRows = readCsv(join(EXAMPLE, "data/test.csv"));
    expect(trainRows.header).toEqual(COLUMNS);
    expect(testRows.header).toEqual(COLUMNS);
    expect(trainRows.rows).toHaveLength(275);
    expect(testRows.rows).toHaveLength(69);
    const key = (row: string[]) => row.join("\u0001");
    const count = (rows: string[][]) => {
      const counts = new Map<string, number>();
      for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
      return counts;
    };
    expect(count([...trainRows.rows, ...testRows.rows])).toEqual(count(penguins.rows));
    const species = (rows: string[][], s: string) => rows.filter((r) => r[0] === s).length;
    for (const [s, n] of [
      ["Adelie", 30],
      ["Chinstrap", 14],
      ["Gentoo", 25],
    ] as const) {
      expect(species(testRows.rows, s), s).toBe(n);
    }
  });

  it("serves the test rows without labels, and a drifted copy with heavier, longer-flippered penguins", () => {
    const testRows = readCsv(join(EXAMPLE, "data/test.csv")).rows;
    const jsonl = (p: string) =>
      readFileSync(join(EXAMPLE, p), "utf8")
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line) as Record<string, number | string | null>);
    const serving = jsonl("data/serving/batch-0001.jsonl");
    const drifted = jsonl("data/serving-drifted/batch-0001.jsonl");
    expect(serving).toHaveLength(testRows.length);
    expect(drifted).toHaveLength(testRows.length);
    serving.forEach((record, i) => {
      expect(Object.keys(record)).toEqual(COLUMNS.slice(1));
      expect(record.Island).toBe(testRows[i]?.[1]);
      const shift = (c: string, by: number) => (record[c] === null ? null : Number(record[c]) + by);
      expect(drifted[i]).toEqual({
        ...record,
        "Body Mass (g)": shift("Body Mass (g)", 500),
        "Flipper Length (mm)": shift("Flipper Length (mm)", 10),
      });
    });
  });

  it("is rebuilt byte for byte by the committed scripts", () => {
    const copy = join(tmp, "rebuild");
    cpSync(join(EXAMPLE, "scripts"), join(copy, "scripts"), { recursive: true });
    for (const [script, args] of [
      ["from_vega.py", [VEGA]],
      ["split.py", []],
      ["make_serving.py", []],
    ] as const) {
      const run = python([join("scripts", script), ...args], copy);
      expect(run.status, `${script}: ${run.stderr}`).toBe(0);
    }
    for (const file of [
      "data/penguins.csv",
      "data/train.csv",
      "data/test.csv",
      "data/serving/batch-0001.jsonl",
      "data/serving-drifted/batch-0001.jsonl",
    ]) {
      expect(readFileSync(join(copy, file), "utf8"), file).toBe(readFileSync(join(EXAMPLE, file), "utf8"));
    }
  });
});

describe("examples/penguins kiln.yml", () => {
  const text = readFileSync(join(EXAMPLE, ".github/kiln.yml"), "utf8");

  it("passes the config schema", () => {
    const check = checkConfig(text);
    expect(check.ok ? [] : check.problems).toEqual([]);
  });

  it("gates on metrics and slices the trainer writes", () => {
    const check = checkConfig(text);
    if (!check.ok) throw new Error("invalid kiln.yml");
    const model = check.config.models.penguins;
    expect(model).toBeDefined();
    const run = train("config");
    expect(run.result.status).toBe(0);
    const metrics = JSON.parse(readFileSync(run.metrics, "utf8")) as Metrics;
    for (const name of Object.keys(model?.gate.metrics ?? {})) expect(metrics, name).toHaveProperty(name);
    for (const slice of model?.gate.slices ?? []) {
      expect(
        Object.keys(metrics.slices).some((k) => k.startsWith(`${slice.by}=`)),
        slice.by,
      ).toBe(true);
    }
    expect(model?.metrics).toBe("metrics.json");
    expect(model?.examples).toBe("predictions.csv");
  });

  it("has an executable deploy.sh that reports what it deploys", () => {
    accessSync(join(EXAMPLE, "deploy.sh"), constants.X_OK);
    const run = spawnSync("./deploy.sh", [], {
      cwd: EXAMPLE,
      encoding: "utf8",
      env: {
        PATH: process.env.PATH,
        MODEL_NAME: "penguins",
        MODEL_VERSION: "v3",
        MODEL_URI: "penguins@v3",
        MODEL_PATH: "model/",
        ENVIRONMENT: "production",
        TRAFFIC_PERCENT: "10",
      },
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("penguins version v3 to production at 10% traffic");
    expect(run.stdout).toContain("model uri penguins@v3, files at model/");
  });
});

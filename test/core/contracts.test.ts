import { describe, expect, it } from "vitest";
import { canonicalJson, sha256 } from "../../core/digest.js";
import { FILE_SCHEMAS, type FileKind, formatKilnFile, parseKilnFile } from "../../core/files.js";
import { defaultDirection } from "../../core/metrics/direction.js";
import { artifactName, parseArtifactName, retrainBranch } from "../../core/names.js";
import { aliasTag, modelUri, parseModelUri, parseTag, versionTag } from "../../core/registry/tags.js";

const MINIMAL: Record<FileKind, unknown> = {
  run: { schema: "kiln.run/v1", model: "penguins", metrics: { accuracy: 0.93 } },
  gate: {
    schema: "kiln.gate/v1",
    model: "penguins",
    run_digest: "a".repeat(64),
    policy_digest: "b".repeat(64),
    policy_source: "main@f95f852",
    passed: false,
    checks: [
      {
        metric: "accuracy",
        rule: "max-regression",
        candidate: 0.912,
        baseline: 0.935,
        delta: -0.023,
        limit: 0.01,
        passed: false,
        message: "drop > 0.01",
      },
    ],
    baseline: { source: "registry", model_version: "penguins@v7" },
  },
  validation: {
    schema: "kiln.validation/v1",
    passed: true,
    fail_on: ["anomalies", "dataset-drift"],
    rows: { reference: 344, current: 330 },
    columns: [
      {
        name: "Body Mass (g)",
        type: "numeric",
        count: 330,
        missing: 2,
        missing_fraction: 2 / 330,
        distinct: 90,
        stats: {
          min: 2700,
          max: 6300,
          mean: 4200,
          std: 800,
          quantiles: {
            "0.01": 2900,
            "0.05": 3000,
            "0.25": 3550,
            "0.5": 4050,
            "0.75": 4750,
            "0.95": 5650,
            "0.99": 6000,
          },
        },
        top: [],
        drift: { method: "ks", statistic: 0.08, p_value: 0.3, threshold: 0.05, drifted: false },
      },
    ],
    anomalies: [],
    drift: { drifted_columns: 0, share: 0, threshold: 0.5, dataset_drifted: false },
  },
  profile: { schema: "kiln.profile/v1", rows: 0, columns: [] },
  monitor: {
    schema: "kiln.monitor/v1",
    model: "penguins",
    version: "penguins@v7",
    window: { from: "2026-11-01T00:00:00Z", to: "2026-11-08T00:00:00Z" },
    degraded: true,
    reasons: [{ kind: "metric", metric: "accuracy", value: 0.81, limit: 0.85 }],
    drift: null,
    metrics: { accuracy: 0.81 },
  },
  retrain: {
    schema: "kiln.retrain/v1",
    model: "penguins",
    reason: "accuracy on production fell to 0.81",
    source: "alertmanager",
    evidence: [{ kind: "alert", message: "ModelDegraded" }],
    requested_at: "2026-11-08T10:04:00Z",
    data_window: null,
  },
};

describe("JSON file contracts", () => {
  for (const kind of Object.keys(FILE_SCHEMAS) as FileKind[]) {
    it(`${kind}: a minimal file parses, unknown fields are kept, and the wrong schema tag is refused`, () => {
      const file = { ...(MINIMAL[kind] as object), from_the_future: { x: 1 } };
      const parsed = parseKilnFile(kind, formatKilnFile(file), `${kind}.json`);
      expect(parsed).toMatchObject({ from_the_future: { x: 1 } });
      const wrong = { ...(MINIMAL[kind] as object), schema: `kiln.${kind}/v2` };
      expect(() => parseKilnFile(kind, JSON.stringify(wrong), `${kind}.json`)).toThrow(
        new RegExp(`expected "kiln\\.${kind}/v1"`),
      );
    });
  }

  it("names the key path of a bad value", () => {
    const bad = { schema: "kiln.run/v1", model: "penguins", metrics: { accuracy: 0.9, "slices.f1": "high" } };
    expect(() => parseKilnFile("run", JSON.stringify(bad), "run.json")).toThrow(
      /^run.json: metrics\.slices\.f1: /,
    );
  });

  it("refuses non-finite metrics, bad model names, empty and non-JSON files", () => {
    const inf = '{"schema":"kiln.run/v1","model":"penguins","metrics":{"accuracy":1e999}}';
    expect(() => parseKilnFile("run", inf, "run.json")).toThrow(/metrics\.accuracy: must be a finite number/);
    expect(() =>
      parseKilnFile("run", '{"schema":"kiln.run/v1","model":"Pen Guins","metrics":{}}', "r.json"),
    ).toThrow(/model/);
    expect(() => parseKilnFile("gate", "  \n", "gate.json")).toThrow(/gate.json is empty/);
    expect(() => parseKilnFile("gate", "{nope", "gate.json")).toThrow(/gate.json is not valid JSON/);
  });

  it("refuses a file over the size cap before parsing it", () => {
    const huge = `{"schema":"kiln.run/v1","pad":"${"x".repeat(33 * 1024 * 1024)}"}`;
    expect(() => parseKilnFile("run", huge, "run.json")).toThrow(/larger than 32 MiB/);
  });
});

describe("names", () => {
  it("builds and parses artifact names", () => {
    expect(artifactName("run", "penguins")).toBe("kiln-run-penguins");
    expect(artifactName("run", "penguins", "lr-0.3")).toBe("kiln-run-penguins-lr-0.3");
    expect(parseArtifactName("kiln-gate-penguins")).toEqual({ kind: "gate", model: "penguins" });
    expect(parseArtifactName("other-artifact")).toBeNull();
    expect(() => artifactName("run", "../etc")).toThrow(/not a valid model name/);
    expect(retrainBranch("penguins")).toBe("kiln/retrain/penguins");
  });

  it("registry tags round-trip", () => {
    expect(versionTag("penguins", 7)).toBe("penguins@v7");
    expect(aliasTag("penguins", "production", 3)).toBe("penguins#production#3");
    expect(parseTag("penguins@v7")).toEqual({ kind: "version", model: "penguins", version: 7 });
    expect(parseTag("penguins#production#3")).toEqual({
      kind: "alias",
      model: "penguins",
      alias: "production",
      counter: 3,
    });
    expect(parseTag("penguins@v0")).toBeNull();
    expect(parseTag("v1.2.3")).toBeNull();
    expect(parseModelUri("models:/penguins/3")).toEqual({ model: "penguins", version: 3 });
    expect(parseModelUri("models:/penguins@champion")).toEqual({ model: "penguins", alias: "champion" });
    expect(modelUri("penguins", 3)).toBe("models:/penguins/3");
    expect(() => parseModelUri("penguins:3")).toThrow(
      expect.objectContaining({ hint: expect.stringContaining("models:/<name>/<version>") }),
    );
  });

  it("defaults direction by metric name", () => {
    expect(defaultDirection("accuracy")).toBe("higher");
    expect(defaultDirection("val.log_loss")).toBe("lower");
    expect(defaultDirection("RMSE")).toBe("lower");
    expect(defaultDirection("f1_macro")).toBe("higher");
  });

  it("digests JSON independent of key order", () => {
    expect(sha256(canonicalJson({ b: 1, a: { d: 2, c: 3 } }))).toBe(
      sha256(canonicalJson({ a: { c: 3, d: 2 }, b: 1 })),
    );
    expect(canonicalJson({ b: 1, a: [2, 1] })).toBe('{"a":[2,1],"b":1}');
  });
});

/**
 * Validation: the current data's profile against a schema (anomalies) and a reference profile
 * (drift), folded into report.json (`kiln.validation/v1`) with a verdict by `fail-on`.
 */
import type { FAIL_ON } from "../config/schema.js";
import type { ColumnProfile, ColumnType, Example } from "./column.js";
import {
  autoMethod,
  type ColumnDrift,
  columnDrift,
  type DriftMethod,
  defaultThreshold,
  distinctValues,
  driftable,
} from "./drift.js";
import type { DataProfile } from "./profile-data.js";
import { QUANTILES, type Quantile } from "./quantiles.js";
import type { Anomaly, ReportColumn, ValidationReport } from "./report.js";
import type { DataSchema } from "./schema.js";

export type FailOn = (typeof FAIL_ON)[number];

export interface DriftSettings {
  method: "auto" | DriftMethod;
  threshold: "auto" | number;
  share: number;
  columns: Record<string, { method?: "auto" | DriftMethod; threshold?: number }>;
}

export const DEFAULT_DRIFT: DriftSettings = { method: "auto", threshold: "auto", share: 0.5, columns: {} };

export interface ValidateInput {
  current: DataProfile;
  reference?: DataProfile;
  schema?: DataSchema;
  drift?: DriftSettings;
  failOn?: readonly FailOn[];
}

/**
 * What validate() returns: report.json as its schema types it (core/data/report.ts), with what
 * validate() always writes and the schema need not require: each column's top values, and the files
 * the report describes (`source`, kept by the schema as an unknown field; a report without it is valid).
 */
export interface ValidationResult extends ValidationReport {
  columns: ValidatedColumn[];
  source: { current: string; reference: string | null };
}

export interface ValidatedColumn extends ReportColumn {
  top: NonNullable<ReportColumn["top"]>;
}

export function validate(input: ValidateInput): ValidationResult {
  const { current, reference, schema } = input;
  const failOn = [...(input.failOn ?? ["anomalies", "dataset-drift"])];
  const settings = input.drift ?? DEFAULT_DRIFT;
  const anomalies = findAnomalies(current, reference, schema);
  const referenceColumns = new Map(reference?.columns.map((c) => [c.name, c]) ?? []);

  const columns: ValidatedColumn[] = current.columns.map((c) => {
    const type = c.type();
    const ref = referenceColumns.get(c.name);
    let drift: ColumnDrift | null = null;
    if (reference && ref && driftable(type) && ref.count - ref.missing > 0 && c.count - c.missing > 0) {
      const override = settings.columns[c.name] ?? {};
      const chosen = override.method ?? settings.method;
      const method = chosen === "auto" ? autoMethod(type, ref, reference.rows) : chosen;
      const threshold =
        override.threshold ?? (settings.threshold === "auto" ? defaultThreshold(method) : settings.threshold);
      drift = columnDrift(type, ref, c, method, threshold);
    }
    return reportColumn(c, type, drift);
  });

  const tested = columns.filter((c) => c.drift !== null);
  const driftedColumns = tested.filter((c) => c.drift?.drifted).length;
  const drift = reference
    ? {
        drifted_columns: driftedColumns,
        share: tested.length > 0 ? driftedColumns / tested.length : 0,
        threshold: settings.share,
        dataset_drifted: tested.length > 0 && driftedColumns / tested.length >= settings.share,
      }
    : null;

  const failures =
    (failOn.includes("anomalies") && anomalies.length > 0) ||
    (failOn.includes("dataset-drift") && drift?.dataset_drifted === true) ||
    (failOn.includes("column-drift") && driftedColumns > 0);

  return {
    schema: "kiln.validation/v1",
    passed: !failures,
    fail_on: failOn,
    rows: { reference: reference?.rows ?? null, current: current.rows },
    columns,
    anomalies,
    drift,
    source: { current: current.source.path, reference: reference?.source.path ?? null },
  };
}

function reportColumn(c: ColumnProfile, type: ColumnType, drift: ColumnDrift | null): ValidatedColumn {
  const numeric = (type === "numeric" || type === "datetime") && c.moments.n > 0;
  return {
    name: c.name,
    type,
    count: c.count,
    missing: c.missing,
    missing_fraction: c.count > 0 ? c.missing / c.count : 0,
    distinct: distinctValues(c, type === "numeric" || type === "datetime" ? "numeric" : type),
    stats: numeric
      ? {
          min: c.moments.min,
          max: c.moments.max,
          mean: c.moments.mean,
          std: c.moments.std,
          quantiles: Object.fromEntries(
            QUANTILES.map((q) => [q, c.distribution().quantile(Number(q))]),
          ) as Record<Quantile, number>,
        }
      : null,
    top: numeric && !c.frequent.exact ? [] : c.frequent.top(10),
    // A copy: ColumnDrift is an interface, which has no index signature for the schema's unknown fields.
    drift: drift === null ? null : { ...drift },
  };
}

function anomaly(
  kind: Anomaly["kind"],
  column: string | null,
  message: string,
  count: number,
  examples: readonly Example[] = [],
): Anomaly {
  return { kind, column, message, count, examples: examples.map((e) => ({ row: e.row, value: e.value })) };
}

function findAnomalies(
  current: DataProfile,
  reference: DataProfile | undefined,
  schema: DataSchema | undefined,
): Anomaly[] {
  const out: Anomaly[] = [];
  if (current.parseErrors.count > 0) {
    out.push(
      anomaly(
        "parse_error",
        null,
        `${current.parseErrors.count} malformed record${current.parseErrors.count === 1 ? "" : "s"} not profiled`,
        current.parseErrors.count,
        current.parseErrors.examples,
      ),
    );
  }
  const names = new Set(current.columns.map((c) => c.name));
  // The columns to expect: the schema's, else the reference's.
  const expected = schema
    ? Object.entries(schema.columns)
        .filter(([, c]) => c.required)
        .map(([name]) => name)
    : (reference?.columns.map((c) => c.name) ?? []);
  for (const name of expected) {
    if (!names.has(name)) {
      out.push(
        anomaly(
          "missing_column",
          name,
          `column "${name}" is ${schema ? "required by the schema" : "in the reference"} but not in the data`,
          1,
        ),
      );
    }
  }
  const known = schema
    ? new Set(Object.keys(schema.columns))
    : reference
      ? new Set(reference.columns.map((c) => c.name))
      : null;
  if (known && !(schema?.["allow-new-columns"] ?? false)) {
    for (const name of names) {
      if (!known.has(name)) {
        out.push(
          anomaly("new_column", name, `column "${name}" is not in the ${schema ? "schema" : "reference"}`, 1),
        );
      }
    }
  }
  for (const c of current.columns) {
    const rule = schema?.columns[c.name];
    const type = c.type();
    const mismatch = c.findings.get("type_mismatch");
    if (mismatch) {
      out.push(
        anomaly(
          "type_mismatch",
          c.name,
          `${mismatch.count} value${plural(mismatch.count)} not ${article(type)} ${type}`,
          mismatch.count,
          mismatch.examples,
        ),
      );
    } else if (!rule && type === "numeric" && c.kinds.string + c.kinds.boolean > 0) {
      const n = c.kinds.string + c.kinds.boolean;
      out.push(
        anomaly(
          "type_mismatch",
          c.name,
          `${n} value${plural(n)} not numeric in a numeric column`,
          n,
          c.notNumeric,
        ),
      );
    }
    const range = c.findings.get("out_of_range");
    if (range) {
      const bounds = `[${rule?.min ?? "−∞"}, ${rule?.max ?? "∞"}]`;
      out.push(
        anomaly(
          "out_of_range",
          c.name,
          `${range.count} value${plural(range.count)} outside ${bounds}`,
          range.count,
          range.examples,
        ),
      );
    }
    const unexpected = c.findings.get("unexpected_category");
    if (unexpected) {
      out.push(
        anomaly(
          "unexpected_category",
          c.name,
          `${unexpected.count} value${plural(unexpected.count)} not in the schema's values`,
          unexpected.count,
          unexpected.examples,
        ),
      );
    }
    const utf8 = c.findings.get("invalid_utf8");
    if (utf8)
      out.push(
        anomaly(
          "parse_error",
          c.name,
          `${utf8.count} cell${plural(utf8.count)} not valid UTF-8`,
          utf8.count,
          utf8.examples,
        ),
      );
    if (c.kinds.non_finite > 0 && !rule?.["allow-nan"]) {
      out.push(
        anomaly(
          "nan_or_inf",
          c.name,
          `${c.kinds.non_finite} NaN or infinite value${plural(c.kinds.non_finite)}`,
          c.kinds.non_finite,
          c.nonFinite,
        ),
      );
    }
    if (rule && c.count > 0) {
      const share = c.missing / c.count;
      if (share > rule["max-missing"]) {
        out.push(
          anomaly(
            "too_many_missing",
            c.name,
            `${(share * 100).toFixed(1)}% missing, more than the allowed ${(rule["max-missing"] * 100).toFixed(1)}%`,
            c.missing,
          ),
        );
      }
    }
  }
  const ds = schema?.dataset;
  if (ds?.["min-rows"] !== undefined && current.rows < ds["min-rows"]) {
    out.push(
      anomaly(
        "row_count",
        null,
        `${current.rows} rows, fewer than the schema's min-rows ${ds["min-rows"]}`,
        current.rows,
      ),
    );
  }
  if (ds?.["max-rows"] !== undefined && current.rows > ds["max-rows"]) {
    out.push(
      anomaly(
        "row_count",
        null,
        `${current.rows} rows, more than the schema's max-rows ${ds["max-rows"]}`,
        current.rows,
      ),
    );
  }
  return out;
}

function plural(n: number): string {
  return n === 1 ? "" : "s";
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? "an" : "a";
}

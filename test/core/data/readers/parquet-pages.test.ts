/**
 * The paged Parquet path (readers/parquet-pages.ts: dictionary indices, numbers in Float64Array
 * blocks, ColumnProfile.addNumberRun / addDictionaryStrings) must give exactly the profile of the
 * per-cell path, which reads through hyparquet's `parquetRead` and feeds one cell at a time: same
 * counts, moments bit for bit, frequent items in the same order, same sketches, same example rows.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ColumnChecks } from "../../../../core/data/column.js";
import {
  mergeProfiles,
  type ProfileOptions,
  profileData,
  profileToJSON,
} from "../../../../core/data/profile-data.js";
import { profileFromJSON } from "../../../../core/data/profile-load.js";
import { tempDir } from "../helpers.js";

const FLIGHTS = "node_modules/vega-datasets/data/flights-3m.parquet";

async function bothWays(path: string, opts: ProfileOptions = {}) {
  const bulk = profileToJSON(await profileData(path, opts));
  const cells = profileToJSON(await profileData(path, { ...opts, bulk: false }));
  return { bulk, cells };
}

/** Every kind of column the reader tells apart: dictionary and plain, nulls, NaN, dates, strings that look like numbers. */
const TABLE = (rows: number) => `
  select
    i as id,
    (i % 7)::integer as small,
    case when i % 10 = 0 then null else i * 1.5 end as dec,
    case when i % 13 = 0 then 'nan'::double when i % 17 = 0 then 'inf'::double
         when i % 19 = 0 then '-inf'::double when i % 23 = 0 then null else i / 7 end as d,
    ((i % 5)::float / 3)::float as f,
    i % 4 = 0 as b,
    case when i % 11 = 0 then null else 'k' || (i % 3) end as k,
    case when i % 3 = 0 then '' when i % 3 = 1 then (i % 50)::varchar
         when i % 9 = 2 then 'true' else 'NaN' end as mixed,
    md5(i::varchar) as h,
    'é' || (i % 4) as u,
    case when i % 29 = 0 then null else date '2001-01-01' + (i % 400)::integer end as dt,
    timestamp '2001-01-01 00:00:00' + to_seconds(i) as t,
    (timestamp '2001-01-01' + to_microseconds(i * 1234567))::timestamp_ns as tns,
    (timestamp '2001-01-01' + to_seconds(i % 300))::timestamptz as tz,
    case when i % 1000 < 600 then null else i % 50 end as mostly_null,
    case when i % 1000 < 600 then null else i end as mostly_null_plain,
    case when i % 3 = 0 then null else i % 50 end as third_null,
    null::integer as nothing
  from range(1, ${rows + 1}) r(i)`;

let dir = "";
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = tempDir();
  const db = await DuckDBInstance.create(":memory:");
  const conn = await db.connect();
  const variants: Record<string, string> = {
    zstd: "compression zstd, row_group_size 3000",
    snappy: "compression snappy, row_group_size 2048",
    gzip: "compression gzip, row_group_size 5000",
    plain: "compression uncompressed, row_group_size 100000",
    // Data page v2 with DELTA and BYTE_STREAM_SPLIT encodings.
    v2: "compression zstd, row_group_size 4000, parquet_version v2",
  };
  for (const [name, options] of Object.entries(variants)) {
    files[name] = `${dir}/${name}.parquet`;
    await conn.run(`copy (${TABLE(12_345)}) to '${files[name]}' (format parquet, ${options})`);
  }
  // Over 4,096 distinct numbers and strings: the frequent items purge, the quantile sketch fills.
  files.wide = `${dir}/wide.parquet`;
  await conn.run(
    `copy (select (i * 7919) % 100003 as n, 'v' || ((i * 31) % 9001) as s,
       timestamp '2001-01-01' + to_seconds((i * 7) % 50000) as t from range(0, 60000) r(i))
     to '${files.wide}' (format parquet, compression zstd, row_group_size 10000)`,
  );
  conn.closeSync();
});

afterAll(() => {
  dir = "";
});

describe("paged Parquet profiling", () => {
  it("equals the per-cell path for every codec, page version, encoding and column kind", async () => {
    for (const name of ["zstd", "snappy", "gzip", "plain", "v2", "wide"]) {
      const { bulk, cells } = await bothWays(files[name] as string);
      expect(bulk, name).toEqual(cells);
      expect(bulk.rows, name).toBe(name === "wide" ? 60_000 : 12_345);
    }
  });

  it("equals the per-cell path with schema checks (pinned types, domains, ranges)", async () => {
    const checks: Record<string, ColumnChecks> = {
      id: { type: "categorical" },
      small: { min: 1, max: 5 },
      d: { type: "numeric", max: 1000 },
      k: { domain: new Set(["k1", "k2"]) },
      mixed: { type: "numeric" },
      t: { type: "datetime", min: Date.UTC(2001, 0, 1, 1) },
      dt: { type: "numeric" },
      b: { type: "numeric" },
      // Dictionary-encoded with runs of nulls: findings must name the right rows.
      mostly_null: { max: 40 },
      mostly_null_plain: { max: 12_000 },
      third_null: { max: 40 },
      tz: { max: Date.UTC(2001, 0, 1, 0, 4) },
    };
    for (const name of ["zstd", "v2"]) {
      const { bulk, cells } = await bothWays(files[name] as string, { checks });
      expect(bulk, name).toEqual(cells);
      expect(bulk.columns.find((c) => c.name === "k")?.findings?.unexpected_category?.count).toBeGreaterThan(
        0,
      );
    }
  });

  it("equals the per-cell path for shards, and merged shards equal one pass", async () => {
    const path = files.zstd as string;
    const whole = await profileData(path);
    const parts = [];
    for (let index = 0; index < 3; index++) {
      const { bulk, cells } = await bothWays(path, { shard: { index, count: 3 } });
      expect(bulk).toEqual(cells);
      parts.push(profileFromJSON(JSON.stringify(bulk), "part.json"));
    }
    const merged = mergeProfiles(parts);
    expect(merged.rows).toBe(whole.rows);
    for (const c of whole.columns) {
      const m = merged.columns.find((x) => x.name === c.name);
      expect([m?.count, m?.missing, m?.moments.n, m?.moments.min, m?.moments.max], c.name).toEqual([
        c.count,
        c.missing,
        c.moments.n,
        c.moments.min,
        c.moments.max,
      ]);
      // Merged means are exact up to rounding (relative, as epoch milliseconds are about 1e12).
      expect(Math.abs((m?.moments.mean ?? 0) - c.moments.mean), c.name).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(c.moments.mean)),
      );
      // Exact frequent items stay exact; purged ones are within the sketch's bound, not equal.
      if (c.frequent.exact)
        expect([...(m?.frequent.counts ?? [])].sort(), c.name).toEqual([...c.frequent.counts].sort());
    }
  });

  it("equals the per-cell path on vega-datasets' flights-3m.parquet (Polars, ZSTD), row groups 1 and 7", async () => {
    for (const index of [0, 6]) {
      const { bulk, cells } = await bothWays(FLIGHTS, { shard: { index, count: 11 } });
      expect(bulk).toEqual(cells);
      expect(bulk.rows).toBeGreaterThan(270_000);
      expect(bulk.columns.map((c) => c.type)).toEqual([
        "datetime",
        "numeric",
        "numeric",
        "categorical",
        "categorical",
      ]);
    }
  }, 30_000);
});

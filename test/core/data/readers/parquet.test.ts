import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { readData } from "../../../../core/data/readers/index.js";
import { RecordingSink, tempDir, writeTemp } from "../helpers.js";

async function read(name: string, content: string | Uint8Array, opts: { chunkSize?: number } = {}) {
  const sink = new RecordingSink();
  const result = await readData(writeTemp(name, content), sink, opts);
  return { sink, result };
}

describe("Parquet reader", () => {
  it("reads ZSTD and Snappy files written by DuckDB, one row group at a time, with nulls and timestamps", async () => {
    const dir = tempDir();
    const db = await DuckDBInstance.create(":memory:");
    const conn = await db.connect();
    for (const codec of ["zstd", "snappy"]) {
      await conn.run(
        `copy (select i as id, case when i % 10 = 0 then null else i * 1.5 end as x, 'k' || (i % 3) as k,
           timestamp '2001-01-01 00:00:00' + to_seconds(i) as t from range(1, 2501) r(i))
         to '${dir}/d-${codec}.parquet' (format parquet, compression ${codec}, row_group_size 1000)`,
      );
      const sink = new RecordingSink();
      const result = await readData(`${dir}/d-${codec}.parquet`, sink);
      expect(result.rows).toBe(2500);
      expect(sink.names).toEqual(["id", "x", "k", "t"]);
      expect(sink.rows[9]?.cells).toEqual([10, null, "k1", "2001-01-01T00:00:10.000Z"]);
      expect(sink.rows.map((r) => r.row).slice(0, 3)).toEqual([1, 2, 3]);
    }
    conn.closeSync();
  });

  it("refuses a file that is not Parquet", async () => {
    await expect(read("bad.parquet", "not parquet at all")).rejects.toThrow(/not a readable Parquet file/);
  });
});

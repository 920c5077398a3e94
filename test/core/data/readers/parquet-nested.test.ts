/**
 * Parquet files with nested columns (LIST, MAP, STRUCT): each top-level field is one column, a
 * nested cell is its JSON text (as JSON Lines gives it), a null list or struct is missing, and the
 * flat columns beside them keep the paged path and its exact profile.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { asyncBufferFromFile, parquetMetadataAsync } from "hyparquet";
import { beforeAll, describe, expect, it } from "vitest";
import { mergeProfiles, profileData, profileToJSON } from "../../../../core/data/profile-data.js";
import { readData } from "../../../../core/data/readers/index.js";
import { feed } from "../../../../core/data/readers/parquet-pages.js";
import { RecordingSink, tempDir } from "../helpers.js";

/** Records cells like RecordingSink, and which columns came through the bulk (paged) entries. */
class BulkSink extends RecordingSink {
  readonly paged = new Set<string>();
  numbers(col: number, values: Float64Array, from: number, to: number, datetime: boolean, row: number) {
    this.paged.add(this.names[col] as string);
    for (let i = from; i < to; i++) {
      const v = values[i] as number;
      if (datetime) this.datetime(col, v, row + i - from);
      else this.typed(col, v, row + i - from);
    }
  }
  dictionaryStrings(
    col: number,
    dictionary: readonly string[],
    indices: ArrayLike<number>,
    from: number,
    to: number,
    row: number,
  ) {
    this.paged.add(this.names[col] as string);
    for (let i = from; i < to; i++)
      this.string(col, dictionary[indices[i] as number] as string, row + i - from);
  }
}

const SMALL = `select * from (values
  (1, [1, 2, 3], {'a': 1, 'b': 'x'}, 'cat', 1.5),
  (2, [], {'a': 2, 'b': null}, 'dog', null),
  (3, null, null, null, 2.5),
  (4, [null, 5], {'a': null, 'b': 'y'}, 'cat', 3.5)) t(id, xs, s, c, f)`;

/**
 * 5,000 rows in row groups of 2,048: null lists every 10th row, empty lists, null structs every
 * 7th. Without `nested`, xs and s are flat stand-ins (a column's sketch seed is its position).
 */
const GROUPS = (nested: boolean) => `
  select i as id,
    ${nested ? "case when i % 10 = 0 then null when i % 10 = 1 then [] else [i, i + 1] end" : "i"} as xs,
    ${nested ? "case when i % 7 = 0 then null else {'n': i, 'k': 'k' || (i % 3)} end" : "i"} as s,
    case when i % 11 = 0 then null else 'k' || (i % 3) end as k,
    (i / 4)::double as x,
    timestamp '2001-01-01 00:00:00' + to_seconds(i) as t
  from range(1, 5001) r(i)`;

let dir = "";
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = tempDir();
  const db = await DuckDBInstance.create(":memory:");
  const conn = await db.connect();
  const write = async (name: string, query: string, options = "") => {
    files[name] = `${dir}/${name}`;
    const format = name.endsWith(".jsonl") ? "json" : "parquet";
    await conn.run(`copy (${query}) to '${files[name]}' (format ${format}${options})`);
  };
  await write("small.parquet", SMALL);
  await write("small.jsonl", SMALL);
  await write("groups.parquet", GROUPS(true), ", row_group_size 2048");
  await write("flat.parquet", GROUPS(false), ", row_group_size 2048");
  // Timestamps out: DuckDB's JSON writes them as "2001-01-01 00:00:01", kiln as ISO 8601.
  await write("groups.jsonl", `select * exclude (t) from (${GROUPS(true)})`);
  await write("groups-no-t.parquet", `select * exclude (t) from (${GROUPS(true)})`, ", row_group_size 2048");
  await write(
    "shapes.parquet",
    `select [{'p': 1, 'q': [true]}, {'p': 2, 'q': []}] as list_of_structs,
       [[1, 2], [], null] as list_of_lists,
       {'inner': {'v': 'deep'}, 'l': ['a', 'b']} as struct_of_struct,
       map {'k1': 1, 'k2': 2} as m,
       {'at': timestamp '2024-03-01 12:00:00', 'day': date '2024-03-01'} as typed,
       7 as n`,
  );
  conn.closeSync();
});

async function cells(path: string, sink = new RecordingSink(), shard?: { index: number; count: number }) {
  const result = await readData(path, sink, { shard });
  return { sink, result };
}

describe("nested Parquet columns", () => {
  it("reads a list and a struct beside flat columns as top-level columns of JSON text", async () => {
    const { sink, result } = await cells(files["small.parquet"] as string);
    expect(result.rows).toBe(4);
    expect(sink.names).toEqual(["id", "xs", "s", "c", "f"]);
    expect(sink.rows.map((r) => r.cells)).toEqual([
      [1, "[1,2,3]", '{"a":1,"b":"x"}', "cat", 1.5],
      [2, "[]", '{"a":2,"b":null}', "dog", null],
      [3, null, null, null, 2.5],
      [4, "[null,5]", '{"a":null,"b":"y"}', "cat", 3.5],
    ]);
    expect(sink.rows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
  });

  it("profiles them: null lists and structs missing, empty lists and null fields present", async () => {
    const profile = profileToJSON(await profileData(files["small.parquet"] as string));
    const byName = Object.fromEntries(profile.columns.map((c) => [c.name, c]));
    expect(profile.columns.map((c) => c.name)).toEqual(["id", "xs", "s", "c", "f"]);
    expect(profile.columns.map((c) => [c.name, c.count, c.missing, c.type])).toEqual([
      ["id", 4, 0, "numeric"],
      ["xs", 4, 1, "categorical"],
      ["s", 4, 1, "categorical"],
      ["c", 4, 1, "categorical"],
      ["f", 4, 1, "numeric"],
    ]);
    expect(byName.xs?.kinds.string).toBe(3);
    expect(byName.xs?.top).toMatchObject({
      exact: true,
      items: [
        ["[1,2,3]", 1],
        ["[]", 1],
        ["[null,5]", 1],
      ],
    });
    expect(byName.s?.top).toMatchObject({
      items: [
        ['{"a":1,"b":"x"}', 1],
        ['{"a":2,"b":null}', 1],
        ['{"a":null,"b":"y"}', 1],
      ],
    });
  });

  it("writes every nested shape as JSON: lists of structs and lists, maps, Dates as ISO 8601", async () => {
    const { sink } = await cells(files["shapes.parquet"] as string);
    expect(sink.names).toEqual(["list_of_structs", "list_of_lists", "struct_of_struct", "m", "typed", "n"]);
    expect(sink.rows.map((r) => r.cells)).toEqual([
      [
        '[{"p":1,"q":[true]},{"p":2,"q":[]}]',
        "[[1,2],[],null]",
        '{"inner":{"v":"deep"},"l":["a","b"]}',
        '{"k1":1,"k2":2}',
        '{"at":"2024-03-01T12:00:00.000Z","day":"2024-03-01T00:00:00.000Z"}',
        7,
      ],
    ]);
  });

  it("writes bytes inside a nested value as base64 and bigints as numbers, as a flat cell has them", () => {
    // (DuckDB writes no un-annotated FIXED_LEN_BYTE_ARRAY, the one type hyparquet leaves as bytes.)
    const sink = new RecordingSink();
    sink.column("v");
    feed(sink, 0, new Uint8Array([1, 255]), 1);
    feed(sink, 0, { raw: new Uint8Array([1, 255]).subarray(1), n: 12n }, 2);
    feed(sink, 0, [], 3);
    sink.endRows();
    expect(sink.rows.map((r) => r.cells[0])).toEqual(["Af8=", '{"raw":"/w==","n":12}', "[]"]);
  });

  it("names rows across row groups, and the flat columns still go page by page", async () => {
    const path = files["groups.parquet"] as string;
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(path));
    expect(metadata.row_groups.map((g) => Number(g.num_rows))).toEqual([2048, 2048, 904]);
    const { sink, result } = await cells(path, new BulkSink());
    expect(result.rows).toBe(5000);
    expect(sink.names).toEqual(["id", "xs", "s", "k", "x", "t"]);
    expect([...(sink as BulkSink).paged].sort()).toEqual(["id", "k", "t", "x"]);
    const at = (row: number) => sink.rows.find((r) => r.row === row)?.cells;
    expect(at(1500)).toEqual([1500, null, '{"n":1500,"k":"k0"}', "k0", 375, "2001-01-01T00:25:00.000Z"]);
    expect(at(1501)?.slice(0, 3)).toEqual([1501, "[]", '{"n":1501,"k":"k1"}']);
    expect(at(2049)?.slice(0, 3)).toEqual([2049, "[2049,2050]", '{"n":2049,"k":"k0"}']);
    expect(at(4100)).toEqual([4100, null, '{"n":4100,"k":"k2"}', "k2", 1025, "2001-01-01T01:08:20.000Z"]);
    expect(at(1001)?.slice(0, 3)).toEqual([1001, "[]", null]);
  });

  it("profiles multiple row groups with the right counts, bulk and per cell alike", async () => {
    const path = files["groups.parquet"] as string;
    const bulk = profileToJSON(await profileData(path));
    const perCell = profileToJSON(await profileData(path, { bulk: false }));
    expect(bulk).toEqual(perCell);
    expect(bulk.rows).toBe(5000);
    expect(bulk.columns.map((c) => [c.name, c.count, c.missing])).toEqual([
      ["id", 5000, 0],
      ["xs", 5000, 500],
      ["s", 5000, 714],
      ["k", 5000, 454],
      ["x", 5000, 0],
      ["t", 5000, 0],
    ]);
  });

  it("profiles the flat columns exactly as a file without the nested ones", async () => {
    const mixed = profileToJSON(await profileData(files["groups.parquet"] as string));
    const flat = profileToJSON(await profileData(files["flat.parquet"] as string));
    const flatOnes = (p: typeof mixed) => p.columns.filter((c) => c.name !== "xs" && c.name !== "s");
    expect(flatOnes(mixed).map((c) => c.name)).toEqual(["id", "k", "x", "t"]);
    expect(flatOnes(mixed)).toEqual(flatOnes(flat));
  });

  it("shards by row group with nested columns, and merged shards count as one pass", async () => {
    const path = files["groups.parquet"] as string;
    const { sink, result } = await cells(path, new BulkSink(), { index: 1, count: 3 });
    expect(result.rows).toBe(2048);
    expect(sink.rows[0]?.row).toBe(2049);
    expect(sink.rows.at(-1)?.row).toBe(4096);
    expect(sink.rows.find((r) => r.row === 2052)?.cells.slice(0, 3)).toEqual([
      2052,
      "[2052,2053]",
      '{"n":2052,"k":"k0"}',
    ]);
    const whole = await profileData(path);
    const parts = [];
    for (let index = 0; index < 3; index++)
      parts.push(await profileData(path, { shard: { index, count: 3 } }));
    expect(parts.map((p) => p.rows)).toEqual([2048, 2048, 904]);
    const merged = mergeProfiles(parts);
    expect(merged.columns.map((c) => [c.name, c.count, c.missing, c.frequent.exact])).toEqual(
      whole.columns.map((c) => [c.name, c.count, c.missing, c.frequent.exact]),
    );
    const xs = (p: typeof whole) => p.columns.find((c) => c.name === "xs")?.toJSON();
    expect(xs(merged)?.kinds).toEqual(xs(whole)?.kinds);
  });

  it("profiles the same data as JSON Lines gives, column for column", async () => {
    for (const name of ["small", "groups"]) {
      const parquet = profileToJSON(
        await profileData(files[name === "small" ? "small.parquet" : "groups-no-t.parquet"] as string),
      );
      const jsonl = profileToJSON(await profileData(files[`${name}.jsonl`] as string));
      expect(parquet.rows, name).toBe(jsonl.rows);
      expect(
        parquet.columns.map((c) => [c.name, c.type, c.count, c.missing, c.kinds]),
        name,
      ).toEqual(jsonl.columns.map((c) => [c.name, c.type, c.count, c.missing, c.kinds]));
      // The whole column profiles (moments, frequent items, sketches, examples) match too.
      expect(parquet.columns, name).toEqual(jsonl.columns);
    }
  });
});

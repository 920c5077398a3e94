import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ByteSource, readCsvFrom, type Target } from "../../../../core/data/readers/csv.js";
import { readData } from "../../../../core/data/readers/index.js";
import { RecordingSink, tempDir, writeTemp } from "../helpers.js";

async function read(name: string, content: string | Uint8Array, opts: { chunkSize?: number } = {}) {
  const sink = new RecordingSink();
  const result = await readData(writeTemp(name, content), sink, opts);
  return { sink, result };
}

describe("CSV reader", () => {
  it("reads quotes, doubled quotes, delimiters and newlines inside quotes, CRLF and a BOM", async () => {
    const csv = '\uFEFFid,text,n\r\n1,"a, b",2\r\n2,"say ""hi""",3\r\n3,"two\nlines",4\r\n4,,5\r\n';
    const { sink } = await read("q.csv", csv);
    expect(sink.names).toEqual(["id", "text", "n"]);
    expect(sink.rows.map((r) => r.cells)).toEqual([
      ["1", "a, b", "2"],
      ["2", 'say "hi"', "3"],
      ["3", "two\nlines", "4"],
      ["4", "", "5"],
    ]);
    // Rows are named by the line they start on; the header is line 1.
    expect(sink.rows.map((r) => r.row)).toEqual([2, 3, 4, 6]);
    expect(sink.errors).toEqual([]);
  });

  it("reports ragged rows, an unterminated quote and text after a quote as parse errors at their lines", async () => {
    const csv = 'a,b\n1,2\n3\n4,5,6\n7,"x"y\n8,9\n10,"never closed\n';
    const { sink } = await read("bad.csv", csv);
    expect(sink.rows.map((r) => r.row)).toEqual([2, 6]);
    expect(sink.errors).toEqual([
      { row: 3, message: "expected 2 fields, found 1" },
      { row: 4, message: "expected 2 fields, found 3" },
      { row: 5, message: "text after a closing quote" },
      { row: 7, message: "unterminated quoted field" },
    ]);
  });

  it("reads TSV, a last line without newline, and skips blank lines", async () => {
    const { sink } = await read("t.tsv", "a\tb\n1\t2\n\n3\t4");
    expect(sink.rows.map((r) => [r.row, ...r.cells])).toEqual([
      [2, "1", "2"],
      [4, "3", "4"],
    ]);
  });

  it("gives the same cells whatever the chunk size (records straddle chunk edges)", async () => {
    const csv = 'k,v\n1,"a\nb"\n2,"c""d"\n3,e\r\n4,"f,g"\n';
    const whole = (await read("c.csv", csv)).sink.rows;
    for (const chunkSize of [1, 2, 3, 5, 7]) {
      expect((await read("c.csv", csv, { chunkSize })).sink.rows, `chunk ${chunkSize}`).toEqual(whole);
    }
  });

  it("reads through any ByteSource: an asynchronous ranged one gives the file's rows, whole and in shards", async () => {
    /** Bytes in memory, served the way a ranged HTTP read would be: asynchronously, in pieces of its size. */
    class RangedSource implements ByteSource {
      readonly seekable = true;
      constructor(
        private readonly bytes: Uint8Array,
        private readonly piece: number,
      ) {}
      async size(): Promise<number> {
        return this.bytes.length;
      }
      async *chunks(
        start: number,
        _chunkSize: number,
        target: Target,
      ): AsyncGenerator<number, void, undefined> {
        for (let at = start; at < this.bytes.length; ) {
          await new Promise((resolve) => setImmediate(resolve));
          const n = Math.min(this.piece, this.bytes.length - at);
          const { buffer, offset } = target(n);
          buffer.set(this.bytes.subarray(at, at + n), offset);
          at += n;
          yield n;
        }
      }
    }
    const lines = ["id,text,n"];
    for (let i = 0; i < 300; i++) lines.push(i % 7 === 0 ? `${i},"a\nb, ""c""",${i}` : `${i},t${i},${i * 3}`);
    const csv = `${lines.join("\r\n")}\r\n`;
    const path = writeTemp("ranged.csv", csv);
    for (const shard of [undefined, { index: 0, count: 3 }, { index: 1, count: 3 }, { index: 2, count: 3 }]) {
      const fromFile = new RecordingSink();
      await readData(path, fromFile, { shard });
      expect(fromFile.rows.length).toBeGreaterThan(shard ? 50 : 299);
      for (const piece of [1, 100, 1 << 20]) {
        const fromSource = new RecordingSink();
        const source = new RangedSource(new TextEncoder().encode(csv), piece);
        await readCsvFrom(source, "ranged.csv", fromSource, { delimiter: 44, shard, chunkSize: 64 });
        expect(fromSource.names).toEqual(fromFile.names);
        expect(fromSource.rows).toEqual(fromFile.rows);
        expect(fromSource.errors).toEqual(fromFile.errors);
      }
    }
  });

  it("reads gzip by extension", async () => {
    const { sink } = await read("z.csv.gz", gzipSync("a,b\n1,2\n3,4\n"));
    expect(sink.rows.map((r) => r.cells)).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(sink.rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it("refuses unusable input with one clear error: empty, missing, unknown format, bad header, not gzip", async () => {
    await expect(read("e.csv", "")).rejects.toThrow(/e\.csv is empty/);
    await expect(readData(`${tempDir()}/none.csv`, new RecordingSink())).rejects.toThrow(
      /none\.csv does not exist/,
    );
    await expect(read("x.xlsx", "a")).rejects.toThrow(/unknown data format/);
    await expect(read("d.csv", "a,b,a\n1,2,3\n")).rejects.toThrow(
      /the header names "a" twice \(columns 1 and 3\)/,
    );
    await expect(read("n.csv", "a,,c\n1,2,3\n")).rejects.toThrow(/column 2 of the header has no name/);
    await expect(read("g.csv.gz", "plain text")).rejects.toThrow(/not valid gzip/);
  });

  it("skips a record longer than 10 MB as a parse error and goes on", async () => {
    const huge = "x".repeat(10 * 1024 * 1024 + 10);
    const { sink } = await read("big.csv", `a,b\n1,"${huge}"\n2,ok\n`);
    expect(sink.errors).toHaveLength(1);
    expect(sink.errors[0]?.row).toBe(2);
    expect(sink.errors[0]?.message).toMatch(/longer than 10 MB/);
    expect(sink.rows.map((r) => r.cells)).toEqual([["2", "ok"]]);
  });

  it("round-trips any table written with RFC 4180 quoting, at any chunk size (property)", async () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r\n", " ", "é", "1", ".") });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 9 }),
        async (rows, crlf, chunkSize) => {
          // A row of one empty cell would be a blank line; the property is about data rows.
          const quote = (c: string) => (/[",\r\n]/.test(c) || c === "" ? `"${c.replaceAll('"', '""')}"` : c);
          const eol = crlf ? "\r\n" : "\n";
          const csv = `x,y,z${eol}${rows.map((r) => r.map(quote).join(",")).join(eol)}${eol}`;
          const { sink } = await read("p.csv", csv, { chunkSize });
          expect(sink.errors).toEqual([]);
          expect(sink.rows.map((r) => r.cells)).toEqual(rows);
        },
      ),
      { numRuns: 60, seed: 42 },
    );
  });

  it("never crashes on arbitrary bytes: every outcome is rows, parse errors or one usage error (fuzz)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 64 }),
        async (bytes, chunkSize) => {
          const sink = new RecordingSink();
          try {
            await readData(writeTemp("f.csv", bytes), sink, { chunkSize });
          } catch (err) {
            expect((err as { exitCode?: number }).exitCode, String(err)).toBe(2);
            return;
          }
          for (const r of sink.rows) expect(r.cells).toHaveLength(sink.names.length);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});

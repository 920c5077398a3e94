import { describe, expect, it } from "vitest";
import { readData } from "../../../../core/data/readers/index.js";
import { RecordingSink, writeTemp } from "../helpers.js";

async function read(name: string, content: string | Uint8Array, opts: { chunkSize?: number } = {}) {
  const sink = new RecordingSink();
  const result = await readData(writeTemp(name, content), sink, opts);
  return { sink, result };
}

describe("JSON Lines reader", () => {
  it("reads objects, discovers keys, names records by number and reports bad lines", async () => {
    const text = '{"a":1,"b":"x"}\n{"a":2}\nnot json\n[1,2]\n{"b":"y","c":true}\n';
    const { sink, result } = await read("d.jsonl", text);
    expect(result.rows).toBe(3);
    expect(sink.names).toEqual(["a", "b", "c"]);
    expect(sink.rows.map((r) => r.row)).toEqual([1, 2, 5]);
    expect(sink.errors.map((e) => e.row)).toEqual([3, 4]);
    expect(sink.errors[1]?.message).toBe("not a JSON object");
  });
});

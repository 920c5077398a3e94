import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { fingerprintFile } from "../../../core/train/fingerprint.js";
import { tempDir } from "./support.js";

const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

describe("fingerprintFile", () => {
  it("hashes the bytes and counts CSV records after the header, quoted line breaks included", async () => {
    const dir = tempDir();
    const text = 'id,note\n1,"two\nlines"\n2,plain\r\n3,"say ""hi"""\n';
    writeFileSync(join(dir, "d.csv"), text);
    expect(await fingerprintFile(join(dir, "d.csv"))).toEqual({ sha256: sha(text), rows: 3 });
    writeFileSync(join(dir, "nofinal.csv"), "a\n1\n2");
    expect((await fingerprintFile(join(dir, "nofinal.csv"))).rows).toBe(2);
    writeFileSync(join(dir, "header.tsv"), "a\tb\n");
    expect((await fingerprintFile(join(dir, "header.tsv"))).rows).toBe(0);
  });

  it("counts the rows of examples/penguins' training data", async () => {
    const file = "examples/penguins/data/train.csv";
    expect(await fingerprintFile(file)).toEqual({ sha256: sha(readFileSync(file)), rows: 275 });
  });

  it("counts gzipped data through gunzip while the digest covers the compressed bytes", async () => {
    const dir = tempDir();
    const gz = gzipSync('{"a":1}\n\n{"a":2}\n{"a":3}');
    writeFileSync(join(dir, "d.jsonl.gz"), gz);
    expect(await fingerprintFile(join(dir, "d.jsonl.gz"))).toEqual({ sha256: sha(gz), rows: 3 });
    writeFileSync(join(dir, "bad.csv.gz"), "not gzip");
    await expect(fingerprintFile(join(dir, "bad.csv.gz"), "bad.csv.gz")).rejects.toThrow(
      /bad\.csv\.gz is not valid gzip/,
    );
  });

  it("hashes other formats without a row count, and names a missing path", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "blob.bin"), "xyz");
    expect(await fingerprintFile(join(dir, "blob.bin"))).toEqual({ sha256: sha("xyz") });
    await expect(fingerprintFile(join(dir, "none.csv"), "data/none.csv")).rejects.toThrow(
      "data/none.csv does not exist",
    );
    mkdirSync(join(dir, "folder"));
    await expect(fingerprintFile(join(dir, "folder"), "folder")).rejects.toThrow("folder is not a file");
  });
});

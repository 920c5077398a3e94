import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh directory per test: the local ports share nothing between tests. */
export function freshDir(): string {
  return mkdtempSync(join(tmpdir(), "kiln-local-"));
}

import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";

/** The stand-in nvidia-smi lives here; put it first on PATH. */
export const FAKE_BIN = resolve(import.meta.dirname, "fixtures", "bin");

export function tempDir(prefix = "kiln-train-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** PATH with node (the stand-in's interpreter) and, optionally, the stand-in nvidia-smi. */
export function testPath(opts: { fakeGpu?: boolean } = {}): string {
  return [...(opts.fakeGpu ? [FAKE_BIN] : []), dirname(process.execPath), process.env.PATH ?? ""].join(
    delimiter,
  );
}

export interface FakeGpu {
  name: string;
  memory_mb: number;
  driver?: string;
  uuid?: string;
  util?: number | null;
  memory_used?: number | null;
  power_w?: number | null;
}

export const H100: FakeGpu = {
  name: "NVIDIA H100 80GB HBM3",
  memory_mb: 81559,
  util: 87,
  memory_used: 40211,
  power_w: 312.45,
};

export function gpuEnv(gpus: FakeGpu[], extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: testPath({ fakeGpu: true }), FAKE_GPUS: JSON.stringify(gpus), ...extra };
}

/** A Node script as a trainer; returns its path. */
export function nodeScript(dir: string, name: string, source: string): string {
  const file = join(dir, name);
  writeFileSync(file, source);
  return file;
}

/** A temporary copy of examples/penguins without outputs of earlier runs. */
export function penguins(): string {
  const dir = join(tempDir("kiln-penguins-"), "penguins");
  cpSync(resolve(import.meta.dirname, "../../../examples/penguins"), dir, {
    recursive: true,
    filter: (src) => !/(\/model|metrics\.json|predictions\.csv|__pycache__|\.kiln)$/.test(src),
  });
  return dir;
}

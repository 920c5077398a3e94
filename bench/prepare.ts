/**
 * Builds the benchmark inputs in bench-data/ from vega-datasets' flights-3m.parquet, once: a manifest
 * written last records the recipe, so an interrupted or outdated preparation is redone, never reused.
 */
import { once } from "node:events";
import { createReadStream, createWriteStream, existsSync, type WriteStream } from "node:fs";
import { mkdir, open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { parquetMetadataAsync } from "hyparquet";

/** Bump when the files' content or layout changes, so cached inputs are rebuilt. */
const RECIPE = 2;
export const SOURCE = "node_modules/vega-datasets/data/flights-3m.parquet";
export const SOURCE_ROWS = 3_000_000;
export const HALF = SOURCE_ROWS / 2;
export const TIMES = 10;
/** The source's row groups hold 272,727 rows; 250,000 keeps that scale and splits each half evenly. */
export const PARQUET_ROW_GROUP = 250_000;

export interface Inputs {
  csv: { reference: string; current: string };
  parquet: { reference: string; current: string };
  csv10x: { reference: string; current: string } | null;
  parquet10x: { reference: string; current: string } | null;
  bytes: Record<string, number>;
}

interface Manifest {
  recipe: number;
  files: Record<string, number>;
}

const sql = (s: string) => `'${s.replaceAll("'", "''")}'`;

export async function prepare(root: string, with10x: boolean, log: (m: string) => void): Promise<Inputs> {
  const dir = join(root, "bench-data");
  const p = (name: string) => join(dir, name);
  const inputs: Inputs = {
    csv: { reference: p("reference.csv"), current: p("current.csv") },
    parquet: { reference: p("reference.parquet"), current: p("current.parquet") },
    csv10x: with10x ? { reference: p("reference-10x.csv"), current: p("current-10x.csv") } : null,
    parquet10x: with10x ? { reference: p("reference-10x.parquet"), current: p("current-10x.parquet") } : null,
    bytes: {},
  };
  await mkdir(dir, { recursive: true });
  const manifestPath = p("manifest.json");
  const manifest = await readManifest(manifestPath);

  const base = [inputs.csv.reference, inputs.csv.current, inputs.parquet.reference, inputs.parquet.current];
  if (!(await upToDate(manifest, base))) {
    log("prepare: writing the CSV and Parquet halves with DuckDB");
    const t0 = performance.now();
    await writeHalves(root, inputs);
    manifest.recipe = RECIPE;
    manifest.files = {};
    for (const f of base) manifest.files[relative(dir, f)] = (await stat(f)).size;
    await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    log(`prepare: halves ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  if (inputs.csv10x) {
    const big = [inputs.csv10x.reference, inputs.csv10x.current];
    if (!(await upToDate(manifest, big))) {
      log(`prepare: writing the ${TIMES}× CSV pair (streamed)`);
      const t0 = performance.now();
      await repeatCsv(inputs.csv.reference, inputs.csv10x.reference, TIMES);
      await repeatCsv(inputs.csv.current, inputs.csv10x.current, TIMES);
      for (const f of big) manifest.files[relative(dir, f)] = (await stat(f)).size;
      await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
      log(`prepare: ${TIMES}× pair ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  }
  if (inputs.parquet10x) {
    const big = [inputs.parquet10x.reference, inputs.parquet10x.current];
    if (!(await upToDate(manifest, big))) {
      log(`prepare: writing the ${TIMES}× Parquet pair with DuckDB`);
      const t0 = performance.now();
      await repeatParquet(inputs.parquet.reference, inputs.parquet10x.reference, TIMES);
      await repeatParquet(inputs.parquet.current, inputs.parquet10x.current, TIMES);
      for (const f of big) manifest.files[relative(dir, f)] = (await stat(f)).size;
      await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
      log(`prepare: ${TIMES}× Parquet pair ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  }
  for (const [name, size] of Object.entries(manifest.files)) inputs.bytes[join(dir, name)] = size;
  return inputs;
}

async function readManifest(path: string): Promise<Manifest> {
  try {
    const m = JSON.parse(await readFile(path, "utf8")) as Manifest;
    if (m.recipe === RECIPE) return m;
  } catch {
    // Missing or unreadable: rebuild.
  }
  return { recipe: RECIPE, files: {} };
}

async function upToDate(manifest: Manifest, files: string[]): Promise<boolean> {
  for (const f of files) {
    const name = f.split("/").pop() as string;
    const want = manifest.files[name];
    if (want === undefined || !existsSync(f) || (await stat(f)).size !== want) return false;
  }
  return true;
}

/**
 * Both halves in row order of the source (file_row_number, not whatever order a parallel scan
 * yields), written to temporary names and renamed, so a crash never leaves a plausible half file.
 */
async function writeHalves(root: string, inputs: Inputs): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  try {
    await db.run("SET threads=2");
    const src = `read_parquet(${sql(join(root, SOURCE))}, file_row_number=true)`;
    const half = (first: boolean) =>
      `SELECT date, delay, distance, origin, destination FROM ${src} ` +
      `WHERE file_row_number ${first ? "<" : ">="} ${HALF} ORDER BY file_row_number`;
    const jobs: Array<[string, boolean, string]> = [
      [inputs.csv.reference, true, "HEADER, DELIMITER ',', TIMESTAMPFORMAT '%Y-%m-%d %H:%M:%S'"],
      [inputs.csv.current, false, "HEADER, DELIMITER ',', TIMESTAMPFORMAT '%Y-%m-%d %H:%M:%S'"],
      [
        inputs.parquet.reference,
        true,
        `FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${PARQUET_ROW_GROUP}`,
      ],
      [
        inputs.parquet.current,
        false,
        `FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${PARQUET_ROW_GROUP}`,
      ],
    ];
    for (const [out, first, options] of jobs) {
      const tmp = `${out}.tmp`;
      await db.run(`COPY (${half(first)}) TO ${sql(tmp)} (${options})`);
      await rename(tmp, out);
    }
    // The halves must hold exactly the source's rows, and kiln's Parquet reader must open them.
    for (const f of [inputs.csv.reference, inputs.csv.current]) {
      const r = await db.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_csv(${sql(f)})`);
      const n = r.getRowObjectsJS()[0]?.n;
      if (n !== HALF) throw new Error(`${f}: ${String(n)} rows, expected ${HALF}`);
    }
    for (const f of [inputs.parquet.reference, inputs.parquet.current]) {
      const fh = await open(f);
      try {
        const { size } = await fh.stat();
        const meta = await parquetMetadataAsync({
          byteLength: size,
          slice: async (start, end) => {
            const buf = Buffer.alloc((end ?? size) - start);
            await fh.read(buf, 0, buf.length, start);
            return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
          },
        });
        if (Number(meta.num_rows) !== HALF) throw new Error(`${f}: hyparquet reads ${meta.num_rows} rows`);
      } finally {
        await fh.close();
      }
    }
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

/** `src`'s rows `times` times over, in order, with the halves' row groups and compression. */
export async function repeatParquet(src: string, out: string, times: number): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  const tmp = `${out}.tmp`;
  try {
    await db.run("SET threads=2");
    await db.run("SET preserve_insertion_order=true");
    const list = `[${Array.from({ length: times }, () => sql(src)).join(", ")}]`;
    await db.run(
      `COPY (SELECT * FROM read_parquet(${list})) TO ${sql(tmp)} ` +
        `(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${PARQUET_ROW_GROUP})`,
    );
    const r = await db.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet(${sql(tmp)})`);
    const n = r.getRowObjectsJS()[0]?.n;
    if (n !== HALF * times) throw new Error(`${out}: ${String(n)} rows, expected ${HALF * times}`);
    await rename(tmp, out);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

/** The header once, then the body `times` times, streamed: memory stays flat however big the output. */
export async function repeatCsv(src: string, out: string, times: number): Promise<void> {
  const headerBytes = await headerLength(src);
  // Without a final newline the copies would run into each other.
  if ((await lastByte(src)) !== 10) throw new Error(`${src}: does not end with a newline`);
  const tmp = `${out}.tmp`;
  const sink = createWriteStream(tmp);
  try {
    await copyInto(sink, src, { end: headerBytes - 1 });
    for (let i = 0; i < times; i++) await copyInto(sink, src, { start: headerBytes });
    sink.end();
    await once(sink, "finish");
  } catch (err) {
    sink.destroy();
    await rm(tmp, { force: true });
    throw err;
  }
  await rename(tmp, out);
}

/** Appends a byte range of src to sink, waiting on backpressure (stream.pipeline would end the sink). */
async function copyInto(
  sink: WriteStream,
  src: string,
  range: { start?: number; end?: number },
): Promise<void> {
  for await (const chunk of createReadStream(src, range)) {
    if (!sink.write(chunk)) await once(sink, "drain");
  }
}

/** Bytes up to and including the header's newline. */
async function headerLength(path: string): Promise<number> {
  const fh = await open(path);
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const nl = buf.subarray(0, bytesRead).indexOf(10);
    if (nl === -1) throw new Error(`${path}: no header line in the first 64 KiB`);
    return nl + 1;
  } finally {
    await fh.close();
  }
}

async function lastByte(path: string): Promise<number | undefined> {
  const fh = await open(path);
  try {
    const { size } = await fh.stat();
    const buf = Buffer.alloc(1);
    await fh.read(buf, 0, 1, size - 1);
    return size > 0 ? buf[0] : undefined;
  } finally {
    await fh.close();
  }
}

/** The gate's significance workload: per-example results of two models, 1,000,000 examples each. */
export const GATE_EXAMPLES = 1_000_000;
/** Bump when the gate inputs' content or layout changes. */
const GATE_RECIPE = 1;

export interface GateInputs {
  dir: string;
  candidate: string;
  baseline: string;
  /** kiln.yml for each workload: `accuracy` (label and prediction) and `log_loss` (a per-example column). */
  configs: { accuracy: string; loss: string };
  bytes: number;
}

/**
 * bench-data/gate/: a candidate and a baseline run.json, each with predictions.csv beside it —
 * `id,label,prediction,log_loss`, ids 0…n−1 in the same order in both files (the common case), five
 * classes, the candidate right on about 91% of the examples and the baseline on about 90%, their
 * mistakes correlated (hard examples are hard for both), and a per-example log loss with six
 * significant digits. Generated from a fixed seed, so every run gates the same files.
 */
export async function prepareGate(root: string, log: (m: string) => void): Promise<GateInputs> {
  const dir = join(root, "bench-data", "gate");
  const inputs: GateInputs = {
    dir,
    candidate: join(dir, "candidate", "run.json"),
    baseline: join(dir, "baseline", "run.json"),
    configs: { accuracy: join(dir, "accuracy.yml"), loss: join(dir, "loss.yml") },
    bytes: 0,
  };
  const manifestPath = join(dir, "manifest.json");
  const files = [
    join(dir, "candidate", "predictions.csv"),
    join(dir, "baseline", "predictions.csv"),
    inputs.candidate,
    inputs.baseline,
    inputs.configs.accuracy,
    inputs.configs.loss,
  ];
  try {
    const m = JSON.parse(await readFile(manifestPath, "utf8")) as Manifest;
    let ok = m.recipe === GATE_RECIPE;
    for (const f of files) ok &&= existsSync(f) && (await stat(f)).size === m.files[relative(dir, f)];
    if (ok) {
      inputs.bytes = (m.files["candidate/predictions.csv"] ?? 0) + (m.files["baseline/predictions.csv"] ?? 0);
      return inputs;
    }
  } catch {
    // Missing or unreadable: rebuild.
  }
  log(`prepare: writing the gate's per-example results (${GATE_EXAMPLES.toLocaleString("en")} a side)`);
  const t0 = performance.now();
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, "candidate"), { recursive: true });
  await mkdir(join(dir, "baseline"), { recursive: true });
  const metrics = await writeGateExamples(
    join(dir, "candidate", "predictions.csv"),
    join(dir, "baseline", "predictions.csv"),
  );
  const run = (m: { accuracy: number; log_loss: number }) =>
    `${JSON.stringify({ schema: "kiln.run/v1", model: "bench", metrics: m, examples: "predictions.csv" })}\n`;
  await writeFile(inputs.candidate, run(metrics.candidate));
  await writeFile(inputs.baseline, run(metrics.baseline));
  const policy = (metric: string, rule: string) =>
    `models:\n  bench:\n    gate:\n      metrics:\n        ${metric}: { ${rule} }\n` +
    "      significance: { method: bootstrap, level: 0.95, resamples: 2000, seed: 7 }\n";
  await writeFile(inputs.configs.accuracy, policy("accuracy", "max-regression: 0.01"));
  await writeFile(inputs.configs.loss, policy("log_loss", 'max-regression: "5%"'));
  const manifest: Manifest = { recipe: GATE_RECIPE, files: {} };
  for (const f of files) manifest.files[relative(dir, f)] = (await stat(f)).size;
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  inputs.bytes =
    (manifest.files["candidate/predictions.csv"] ?? 0) + (manifest.files["baseline/predictions.csv"] ?? 0);
  log(`prepare: gate inputs ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return inputs;
}

const CLASSES = ["cat", "dog", "bird", "fish", "horse"];

async function writeGateExamples(
  candidatePath: string,
  baselinePath: string,
): Promise<{
  candidate: { accuracy: number; log_loss: number };
  baseline: { accuracy: number; log_loss: number };
}> {
  // mulberry32, inlined so the bench's data does not depend on kiln's code.
  let state = 20261122;
  const rand = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const c = createWriteStream(candidatePath);
  const b = createWriteStream(baselinePath);
  const header = "id,label,prediction,log_loss\n";
  let cBuf = header;
  let bBuf = header;
  const sums = { cRight: 0, bRight: 0, cLoss: 0, bLoss: 0 };
  const wrong = (label: number) => (label + 1 + Math.floor(rand() * (CLASSES.length - 1))) % CLASSES.length;
  const loss = (right: boolean) => {
    // −log of the probability given to the true class: high when right, low when wrong.
    const p = right ? 0.55 + 0.45 * rand() : 0.02 + 0.45 * rand();
    return Number((-Math.log(p)).toPrecision(6));
  };
  for (let i = 0; i < GATE_EXAMPLES; i++) {
    const label = Math.floor(rand() * CLASSES.length);
    const hard = rand() < 0.12;
    const cRight = hard ? rand() < 0.3 : rand() < 0.993;
    const bRight = hard ? rand() < 0.25 : rand() < 0.99;
    const cl = loss(cRight);
    const bl = loss(bRight);
    sums.cRight += cRight ? 1 : 0;
    sums.bRight += bRight ? 1 : 0;
    sums.cLoss += cl;
    sums.bLoss += bl;
    const name = CLASSES[label] as string;
    cBuf += `${i},${name},${CLASSES[cRight ? label : wrong(label)]},${cl}\n`;
    bBuf += `${i},${name},${CLASSES[bRight ? label : wrong(label)]},${bl}\n`;
    if (cBuf.length > 1 << 16) {
      if (!c.write(cBuf)) await once(c, "drain");
      if (!b.write(bBuf)) await once(b, "drain");
      cBuf = "";
      bBuf = "";
    }
  }
  c.end(cBuf);
  b.end(bBuf);
  await Promise.all([once(c, "finish"), once(b, "finish")]);
  const n = GATE_EXAMPLES;
  return {
    candidate: { accuracy: sums.cRight / n, log_loss: sums.cLoss / n },
    baseline: { accuracy: sums.bRight / n, log_loss: sums.bLoss / n },
  };
}

/**
 * Runs a validation plan on files: reads the schema, profiles current and reference at once (two
 * workers from the bundle), and validates. Shared by `kiln validate` and the validate action.
 */
import { resolve } from "node:path";
import type { ValidationPlan } from "../core/data/plan.js";
import type { DataProfile } from "../core/data/profile-data.js";
import { checksFromSchema, type DataSchema } from "../core/data/schema.js";
import { type ValidationResult, validate } from "../core/data/validate.js";
import { readTextFile } from "../core/fs.js";
import { worthAWorker } from "./profile-prestart.js";
import { loadProfile } from "./profile-runner.js";

export interface ValidationRun {
  report: ValidationResult;
  current: DataProfile;
  seconds: number;
}

export async function runValidation(
  plan: ValidationPlan,
  opts: { root?: string; onProgress?: (file: string, rows: number) => void; now?: () => number } = {},
): Promise<ValidationRun> {
  const now = opts.now ?? (() => performance.now());
  const started = now();
  const root = opts.root ?? ".";
  const schema = plan.schema ? await readSchema(resolve(root, plan.schema), plan.schema) : undefined;
  const checks = checksFromSchema(schema);
  const progress = (file: string) =>
    opts.onProgress ? { onProgress: (rows: number) => opts.onProgress?.(file, rows) } : {};
  const reference = plan.reference;
  const [current, ref] = await Promise.all([
    loadProfile(plan.current, { root, checks, ...progress(plan.current) }),
    reference === null
      ? Promise.resolve(undefined)
      : "path" in reference
        ? // A large reference on a second core; the current data on this one (one isolate fewer in memory).
          loadProfile(reference.path, {
            root,
            worker: worthAWorker(resolve(root, reference.path)),
            ...progress(reference.path),
          })
        : import("../core/data/profile-load.js").then((m) =>
            m.profileFromJSON(reference.profile, reference.label),
          ),
  ]);
  const report = validate({
    current,
    ...(ref ? { reference: ref } : {}),
    ...(schema ? { schema } : {}),
    drift: plan.drift,
    failOn: plan.failOn,
  });
  // Reports name files as the user did (relative paths link to the repository).
  report.source.current = plan.current;
  report.source.reference =
    reference === null ? null : "path" in reference ? reference.path : reference.label;
  return { report, current, seconds: (now() - started) / 1000 };
}

async function readSchema(path: string, shown: string): Promise<DataSchema> {
  const text = await readTextFile(path, shown, {
    what: "schema",
    hint: "Write one with `kiln schema infer DATA --out FILE.yml`",
  });
  // Loaded here, not at the top: only a run with a schema needs the YAML parser.
  const { parseDataSchema } = await import("../core/data/schema-file.js");
  return parseDataSchema(text, shown);
}

/**
 * What a registry tag carries: a file `<tag>.json` in the local registry, the annotated tag's
 * message on GitHub. One JSON shape for both, checked against the tag's own name on read so a
 * renamed or copied tag file cannot claim another version.
 */
import * as z from "zod";
import { isoTime, modelName, sha256Hex } from "../contracts.js";
import { UsageError } from "../errors.js";
import type { AliasAssignment, ModelVersion } from "../ports.js";
import { ALIAS_NAME, aliasTag, modelUri, versionTag } from "./tags.js";

export const TAG_BODY_SCHEMA = "kiln.tag/v1";

const versionBody = z.looseObject({
  schema: z.literal(TAG_BODY_SCHEMA),
  tag: z.string(),
  model: modelName,
  version: z.number().int().positive(),
  uri: z.string(),
  created_at: isoTime,
  run_digest: sha256Hex,
});

const aliasBody = z.looseObject({
  schema: z.literal(TAG_BODY_SCHEMA),
  tag: z.string(),
  model: modelName,
  alias: z.string().regex(ALIAS_NAME),
  version: z.number().int().positive(),
  counter: z.number().int().nonnegative(),
  assigned_at: isoTime,
  note: z.string().optional(),
});

export function formatVersionTagBody(v: ModelVersion): string {
  const body = { schema: TAG_BODY_SCHEMA, ...pickVersion(v) };
  return `${JSON.stringify(body, null, 2)}\n`;
}

export function formatAliasTagBody(a: AliasAssignment): string {
  const body = { schema: TAG_BODY_SCHEMA, ...pickAlias(a) };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** The body of version tag `tag`; `where` names its file (or ref) in errors. */
export function parseVersionTagBody(tag: string, text: string, where: string): ModelVersion {
  const v = pickVersion(parseBody(text, where, versionBody));
  const holds = versionTag(v.model, v.version);
  if (holds !== tag || v.tag !== tag || v.uri !== modelUri(v.model, v.version)) {
    throw corrupt(where, `is tag ${tag} but holds ${holds}`);
  }
  return v;
}

/** The body of alias tag `tag`; `where` names its file (or ref) in errors. */
export function parseAliasTagBody(tag: string, text: string, where: string): AliasAssignment {
  const a = pickAlias(parseBody(text, where, aliasBody));
  const holds = aliasTag(a.model, a.alias, a.counter);
  if (holds !== tag || a.tag !== tag) throw corrupt(where, `is tag ${tag} but holds ${holds}`);
  return a;
}

// Only the port's fields: unknown fields a newer kiln adds stay in the file, not in the result.
function pickVersion(v: ModelVersion): ModelVersion {
  const { model, version, tag, uri, created_at, run_digest } = v;
  return { model, version, tag, uri, created_at, run_digest };
}

function pickAlias(a: AliasAssignment): AliasAssignment {
  const { model, alias, version, counter, tag, assigned_at, note } = a;
  return note === undefined
    ? { model, alias, version, counter, tag, assigned_at }
    : { model, alias, version, counter, tag, assigned_at, note };
}

function parseBody<T>(text: string, where: string, schema: z.ZodType<T>): T {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw corrupt(where, `is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue?.path.length ? issue.path.map(String).join(".") : "(top level)";
  throw corrupt(where, `${key}: ${issue?.message ?? "invalid"}`);
}

function corrupt(where: string, what: string): UsageError {
  return new UsageError(`registry tag ${where} ${what}`, {
    hint: "kiln wrote this tag; restore it from a backup (or remove it if its registration never completed)",
  });
}

/**
 * Adds an alias assignment at the first free counter from `from`. `create` is an exclusive tag
 * create (false when the tag exists, as git refuses a duplicate tag), so concurrent assigners
 * never share a counter — one loop for the local and the GitHub registry.
 */
export async function claimAliasTag(opts: {
  model: string;
  alias: string;
  version: number;
  note?: string | undefined;
  from: number;
  now: () => Date;
  create: (tag: string, body: string) => Promise<boolean>;
}): Promise<AliasAssignment> {
  for (let counter = opts.from; ; counter++) {
    const a: AliasAssignment = {
      model: opts.model,
      alias: opts.alias,
      version: opts.version,
      counter,
      tag: aliasTag(opts.model, opts.alias, counter),
      assigned_at: opts.now().toISOString(),
      ...(opts.note === undefined ? {} : { note: opts.note }),
    };
    if (await opts.create(a.tag, formatAliasTagBody(a))) return a;
  }
}

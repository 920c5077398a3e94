import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  isoTime,
  modelName,
  sha256Hex
} from "./chunk-KP4FZ7NM.js";
import {
  assertModelName,
  isModelName
} from "./chunk-CG4E3PCN.js";
import {
  literal,
  looseObject,
  number,
  string
} from "./chunk-SG4ICILI.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// core/registry/tags.ts
var ALIAS_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
function versionTag(model, version) {
  assertModelName(model);
  if (!Number.isInteger(version) || version < 1)
    throw new UsageError(`version ${version} must be a positive integer`);
  return `${model}@v${version}`;
}
function aliasTag(model, alias, counter) {
  assertModelName(model);
  assertAlias(alias);
  return `${model}#${alias}#${counter}`;
}
function assertAlias(alias) {
  if (!ALIAS_NAME.test(alias)) {
    throw new UsageError(`alias ${JSON.stringify(alias)} is not valid`, {
      hint: "Use lowercase letters, digits, '_' or '-', e.g. production or staging"
    });
  }
  return alias;
}
function parseTag(tag) {
  const version = /^(.+)@v([1-9]\d*)$/.exec(tag);
  if (version?.[1] && version[2] && isModelName(version[1])) {
    return { kind: "version", model: version[1], version: Number(version[2]) };
  }
  const alias = /^(.+)#([^#]+)#(\d+)$/.exec(tag);
  if (alias?.[1] && alias[2] && alias[3] && isModelName(alias[1]) && ALIAS_NAME.test(alias[2])) {
    return { kind: "alias", model: alias[1], alias: alias[2], counter: Number(alias[3]) };
  }
  return null;
}
function parseModelUri(uri) {
  const m = /^models:\/([^/@]+)(?:\/(\d+)|@([^/]+))$/.exec(uri);
  if (!m?.[1] || !isModelName(m[1]) || m[3] !== void 0 && !ALIAS_NAME.test(m[3])) {
    throw new UsageError(`${JSON.stringify(uri)} is not a model URI`, {
      hint: "Write models:/<name>/<version> or models:/<name>@<alias>"
    });
  }
  return m[2] !== void 0 ? { model: m[1], version: Number(m[2]) } : { model: m[1], alias: m[3] };
}
function modelUri(model, version) {
  return `models:/${model}/${version}`;
}

// core/registry/tag-body.ts
var TAG_BODY_SCHEMA = "kiln.tag/v1";
var versionBody = looseObject({
  schema: literal(TAG_BODY_SCHEMA),
  tag: string(),
  model: modelName,
  version: number().int().positive(),
  uri: string(),
  created_at: isoTime,
  run_digest: sha256Hex
});
var aliasBody = looseObject({
  schema: literal(TAG_BODY_SCHEMA),
  tag: string(),
  model: modelName,
  alias: string().regex(ALIAS_NAME),
  version: number().int().positive(),
  counter: number().int().nonnegative(),
  assigned_at: isoTime,
  note: string().optional()
});
function formatVersionTagBody(v) {
  const body = { schema: TAG_BODY_SCHEMA, ...pickVersion(v) };
  return `${JSON.stringify(body, null, 2)}
`;
}
function formatAliasTagBody(a) {
  const body = { schema: TAG_BODY_SCHEMA, ...pickAlias(a) };
  return `${JSON.stringify(body, null, 2)}
`;
}
function parseVersionTagBody(tag, text, where) {
  const v = pickVersion(parseBody(text, where, versionBody));
  const holds = versionTag(v.model, v.version);
  if (holds !== tag || v.tag !== tag || v.uri !== modelUri(v.model, v.version)) {
    throw corrupt(where, `is tag ${tag} but holds ${holds}`);
  }
  return v;
}
function parseAliasTagBody(tag, text, where) {
  const a = pickAlias(parseBody(text, where, aliasBody));
  const holds = aliasTag(a.model, a.alias, a.counter);
  if (holds !== tag || a.tag !== tag) throw corrupt(where, `is tag ${tag} but holds ${holds}`);
  return a;
}
function pickVersion(v) {
  const { model, version, tag, uri, created_at, run_digest } = v;
  return { model, version, tag, uri, created_at, run_digest };
}
function pickAlias(a) {
  const { model, alias, version, counter, tag, assigned_at, note } = a;
  return note === void 0 ? { model, alias, version, counter, tag, assigned_at } : { model, alias, version, counter, tag, assigned_at, note };
}
function parseBody(text, where, schema) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw corrupt(where, `is not valid JSON: ${err.message}`);
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue?.path.length ? issue.path.map(String).join(".") : "(top level)";
  throw corrupt(where, `${key}: ${issue?.message ?? "invalid"}`);
}
function corrupt(where, what) {
  return new UsageError(`registry tag ${where} ${what}`, {
    hint: "kiln wrote this tag; restore it from a backup (or remove it if its registration never completed)"
  });
}
async function claimAliasTag(opts) {
  for (let counter = opts.from; ; counter++) {
    const a = {
      model: opts.model,
      alias: opts.alias,
      version: opts.version,
      counter,
      tag: aliasTag(opts.model, opts.alias, counter),
      assigned_at: opts.now().toISOString(),
      ...opts.note === void 0 ? {} : { note: opts.note }
    };
    if (await opts.create(a.tag, formatAliasTagBody(a))) return a;
  }
}

export {
  versionTag,
  aliasTag,
  assertAlias,
  parseTag,
  parseModelUri,
  modelUri,
  formatVersionTagBody,
  parseVersionTagBody,
  parseAliasTagBody,
  claimAliasTag
};

/**
 * Seeds a fake GitHub repository with a kiln registry as GitHubRegistry writes one: an annotated
 * version tag, a release holding the version's files, and alias tags.
 */
import { canonicalJson } from "../../core/digest.js";
import type { RunRecord } from "../../core/metrics/run-record.js";
import { runDigest } from "../../core/metrics/run-record.js";
import { formatAliasTagBody, formatVersionTagBody } from "../../core/registry/tag-body.js";
import { aliasTag, modelUri, versionTag } from "../../core/registry/tags.js";
import type { FakeRepo } from "./fake-github.js";

export function seedVersion(
  repo: FakeRepo,
  run: RunRecord,
  version: number,
  opts: { aliases?: string[]; files?: Record<string, string>; at?: string } = {},
): string {
  const at = opts.at ?? new Date().toISOString();
  const tag = versionTag(run.model, version);
  repo.addTag(
    tag,
    formatVersionTagBody({
      model: run.model,
      version,
      tag,
      uri: modelUri(run.model, version),
      created_at: at,
      run_digest: runDigest(run),
    }),
  );
  repo.addRelease(tag, { "run.json": canonicalJson(run), ...opts.files });
  for (const alias of opts.aliases ?? []) {
    const counter =
      [...repo.refs.keys()].filter((r) => r.startsWith(`refs/tags/${run.model}#${alias}#`)).length + 1;
    const name = aliasTag(run.model, alias, counter);
    repo.addTag(
      name,
      formatAliasTagBody({ model: run.model, alias, version, counter, tag: name, assigned_at: at }),
    );
  }
  return tag;
}

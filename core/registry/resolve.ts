/** `models:/<name>/<version>` and `models:/<name>@<alias>` against any registry. */
import { UsageError } from "../errors.js";
import type { ModelRegistry, ModelVersion } from "../ports.js";
import { parseModelUri } from "./tags.js";

export async function resolveModelUri(registry: ModelRegistry, uri: string): Promise<ModelVersion> {
  const parsed = parseModelUri(uri);
  if ("alias" in parsed) {
    const v = await registry.alias(parsed.model, parsed.alias);
    if (v) return v;
    throw new UsageError(`alias ${parsed.alias} of ${parsed.model} is not assigned`, {
      hint: `Assign it first (kiln registry assign ${parsed.model} ${parsed.alias} <version>) or name a version: models:/${parsed.model}/<N>`,
    });
  }
  const v = parsed.version >= 1 ? await registry.version(parsed.model, parsed.version) : null;
  if (v) return v;
  const versions = await registry.versions(parsed.model);
  const latest = versions.at(-1);
  throw new UsageError(
    `no version ${parsed.version} of ${parsed.model}; ${latest ? `latest is v${latest.version}` : `${parsed.model} has no versions`}`,
    {
      hint: latest ? `Use models:/${parsed.model}/${latest.version} or an alias` : "Register a version first",
    },
  );
}

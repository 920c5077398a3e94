/**
 * Moving aliases by hand (`kiln registry promote|rollback`): promote points an alias at a version;
 * rollback points it back at the version it served before. Both add an assignment — the history
 * is never rewritten, so a rollback is itself visible and can be undone.
 */
import { UsageError } from "../errors.js";
import type { AliasAssignment, ModelRegistry } from "../ports.js";
import { resolveModelUri } from "./resolve.js";
import { assertAlias, versionTag } from "./tags.js";

/** The note a rollback leaves, so a second rollback does not bounce back to what was rolled away. */
const ROLLBACK_NOTE = /^rollback from v(\d+)\b/;

export function rollbackNote(from: number, why?: string): string {
  return `rollback from v${from}${why ? `: ${why}` : ""}`;
}

export async function promote(
  registry: ModelRegistry,
  uri: string,
  alias: string,
  note?: string,
): Promise<AliasAssignment> {
  assertAlias(alias);
  const v = await resolveModelUri(registry, uri);
  return registry.assign(v.model, alias, v.version, note);
}

/**
 * The version an alias served before its current one, skipping versions that were rolled back
 * from: after v1 → v2 → rollback to v1, the next rollback has nowhere to go (v2 was rejected).
 */
export async function previousVersion(
  registry: ModelRegistry,
  model: string,
  alias: string,
): Promise<number | null> {
  const history = (await registry.history(model, alias)).sort((a, b) => a.counter - b.counter);
  const current = history.at(-1);
  if (!current) return null;
  const rejected = new Set<number>([current.version]);
  for (const a of history) {
    const m = ROLLBACK_NOTE.exec(a.note ?? "");
    if (m?.[1]) rejected.add(Number(m[1]));
  }
  for (let i = history.length - 2; i >= 0; i--) {
    const v = history[i]?.version;
    if (v !== undefined && !rejected.has(v)) return v;
  }
  return null;
}

export async function rollback(
  registry: ModelRegistry,
  model: string,
  alias: string,
  why?: string,
): Promise<{ from: number; to: AliasAssignment }> {
  assertAlias(alias);
  const current = await registry.alias(model, alias);
  if (!current) {
    throw new UsageError(`alias ${alias} of ${model} is not assigned; there is nothing to roll back`, {
      hint: `See the history with \`kiln registry history --model ${model}\``,
    });
  }
  const target = await previousVersion(registry, model, alias);
  if (target === null) {
    throw new UsageError(
      `${model}#${alias} has no earlier version to roll back to (it serves ${versionTag(model, current.version)})`,
      { hint: `Promote a version explicitly: kiln registry promote models:/${model}/<N> --to ${alias}` },
    );
  }
  const to = await registry.assign(model, alias, target, rollbackNote(current.version, why));
  return { from: current.version, to };
}

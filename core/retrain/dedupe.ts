/**
 * Signal identity without state: each signal has a key (a digest of what identifies it), and the
 * retraining PR's body lists the keys it has seen in a hidden marker. A redelivered webhook or a
 * repeated Alertmanager notification has a key the PR already lists, so it changes nothing.
 */
import { canonicalJson, sha256 } from "../digest.js";

/** `<prefix>:<24 hex>`: short enough to list many in a marker, long enough never to collide. */
export function dedupeKey(
  prefix: "monitor" | "ct" | "dispatch" | "alert" | "resolved",
  parts: unknown,
): string {
  return `${prefix}:${sha256(canonicalJson(parts)).slice(0, 24)}`;
}

const KEY = /^(monitor|ct|dispatch|alert|resolved):[0-9a-f]{24}$/;
const SIGNALS = /<!-- kiln:signals ([^>]*?) ?-->/;
/** The most keys a PR body remembers (oldest dropped first). */
export const MAX_KEYS = 100;

/** The marker that identifies kiln's retraining PR for a model. */
export function retrainMarker(model: string): string {
  return `<!-- kiln:retrain ${model} -->`;
}

/** Signal keys a PR body lists; anything that is not a key is ignored. */
export function signalKeys(body: string): string[] {
  const m = SIGNALS.exec(body);
  return m?.[1] ? m[1].split(" ").filter((k) => KEY.test(k)) : [];
}

/** The marker line listing `keys` (deduplicated, the newest MAX_KEYS kept). */
export function signalsMarker(keys: readonly string[]): string {
  const unique = [...new Set(keys.filter((k) => KEY.test(k)))].slice(-MAX_KEYS);
  return `<!-- kiln:signals ${unique.join(" ")} -->`;
}

/** The marker of a comment about one signal (a new signal, or a recovery). */
export function commentMarker(key: string): string {
  return `<!-- kiln:retrain-signal ${key} -->`;
}

/** Shared by the app tests: a throwaway App key, a logger whose lines the test can read, real payloads. */
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import pino from "pino";
import type { Logger } from "probot";

/** A fresh RSA key in PKCS#8 PEM, as a GitHub App's .pem file holds (GitHub's own are PKCS#1). */
export function throwawayKey(type: "pkcs1" | "pkcs8" = "pkcs8"): string {
  return generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type, format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
}

export type LogLine = Record<string, unknown> & { msg?: string; id?: string };

/** A pino logger (what Probot uses) that keeps each JSON line for assertions. */
export function capturingLogger(): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log = pino({ level: "debug" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

/** Lines written by a kiln handler (they all start "kiln: ") for one delivery. */
export function handlerLines(lines: LogLine[], delivery: string): LogLine[] {
  return lines.filter((l) => l.id === delivery && typeof l.msg === "string" && l.msg.startsWith("kiln: "));
}

interface WebhookDefinition {
  name: string;
  examples: Array<Record<string, unknown> & { action?: string }>;
}

const definitions: WebhookDefinition[] = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve("@octokit/webhooks-examples"), "utf8"),
);

/** The first example GitHub documents for `event` with `action` (a deep copy, safe to modify). */
export function example(event: string, action?: string): Record<string, unknown> {
  const found = definitions
    .find((d) => d.name === event)
    ?.examples.find((e) => action === undefined || e.action === action);
  if (!found)
    throw new Error(`@octokit/webhooks-examples has no ${event}${action ? `.${action}` : ""} example`);
  return structuredClone(found);
}

/** `payload` as if sent for repository owner/name (default branch main) by installation `installation`. */
export function retarget(
  payload: Record<string, unknown>,
  repo: { owner: string; name: string },
  installation: number,
): Record<string, unknown> {
  return {
    ...payload,
    installation: { id: installation },
    repository: {
      ...(payload.repository as object),
      name: repo.name,
      full_name: `${repo.owner}/${repo.name}`,
      owner: { login: repo.owner },
      default_branch: "main",
    },
  };
}

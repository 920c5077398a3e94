/**
 * What every handler logs about an event, read defensively: webhook payloads are untrusted input and
 * a malformed or unexpected one must produce a log line, never an exception.
 */
import type { Context } from "probot";

export interface EventSummary {
  /** `<event>.<action>` as GitHub sent it, e.g. `workflow_run.completed`. */
  event: string;
  /** `owner/name`, or null when the payload names no repository (e.g. `installation`). */
  repo: string | null;
  installation: number | null;
  delivery: string;
}

export function summarize(context: Pick<Context, "name" | "id" | "payload">): EventSummary {
  const payload: unknown = context.payload;
  const action = field(payload, "action");
  const fullName = field(field(payload, "repository"), "full_name");
  const installation = field(field(payload, "installation"), "id");
  return {
    event: typeof action === "string" && action !== "" ? `${context.name}.${action}` : String(context.name),
    repo: typeof fullName === "string" ? fullName : null,
    installation: typeof installation === "number" ? installation : null,
    delivery: String(context.id),
  };
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** JSON answers of the app's own routes (health, alerts, unknown paths): never cached. */
import type { ServerResponse } from "node:http";

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  opts: { headOnly?: boolean; headers?: Record<string, string> } = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    ...opts.headers,
  });
  res.end(opts.headOnly ? undefined : text);
}

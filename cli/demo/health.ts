/** The demo's stand-in for the model service, so deploy health checks, canaries and rollback run for real. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** The demo's stand-in for the model service: /health answers 200, or 503 for the next n requests. */
export interface DemoHealth {
  url: string;
  failNext(n: number): void;
  close(): Promise<void>;
}

export async function startHealth(): Promise<DemoHealth> {
  let failing = 0;
  const server = createServer((req, res) => {
    const ok = failing === 0;
    if (!ok) failing--;
    res.writeHead(ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify({ ok }));
    void req;
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/health`,
    failNext: (n) => {
      failing = n;
    },
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/**
 * The kiln app's HTTP server: `npm start` (node dist/app.js) or `tsx app/server.ts`.
 *
 * Probot's own env vars configure it (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET, GHE_HOST,
 * GHE_PROTOCOL, PORT, HOST, LOG_LEVEL, LOG_FORMAT, WEBHOOK_PATH). We build on `createProbot` +
 * `createNodeMiddleware` over node:http rather than Probot's `Server`: that class ignores LOG_LEVEL
 * unless handed a logger (only `run()` builds one, with a helper Probot does not export) and turns
 * PORT=0 into 3000, which tests need. Webhook signatures are verified by Probot's middleware.
 */
import { createPrivateKey } from "node:crypto";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import {
  createServer,
  type Server as HttpServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseEnv } from "node:util";
import { createNodeMiddleware, createProbot, type Logger } from "probot";
import { describeError, exitCodeOf, KilnError, UsageError } from "../core/errors.js";
import { kilnPackage } from "../runtime/package-root.js";
import { alertsRoute } from "./alerts.js";
import { sendJson } from "./http.js";
import kilnApp from "./index.js";
import { AppMetrics, METRICS_CONTENT_TYPE } from "./metrics.js";
import { kilnOctokit, type OctokitOptions } from "./octokit.js";

const DOCS_HINT = "See docs/app.md";
const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

export interface AppConfig {
  appId: number;
  privateKey: string;
  secret: string;
  port: number;
  host: string;
  logLevel: LogLevel;
  logFormat: "json" | "pretty";
}

export interface StartOptions {
  /** Where Probot and the handlers log; default: Probot's logger from LOG_LEVEL / LOG_FORMAT. */
  log?: Logger;
  /** Retry and rate-limit tuning of the GitHub client (tests shrink the waits); app/octokit.ts. */
  github?: Omit<OctokitOptions, "metrics">;
}

export interface RunningServer {
  server: HttpServer;
  /** The port actually bound (PORT=0 picks a free one). */
  port: number;
  host: string;
  /** What GET /metrics reports. */
  metrics: AppMetrics;
  stop(): Promise<void>;
}

/** Reads and checks Probot's env vars; every problem is a UsageError naming the variable. */
export function readAppConfig(env: NodeJS.ProcessEnv): AppConfig {
  const missing = [
    present(env.APP_ID) ? null : "APP_ID",
    present(env.PRIVATE_KEY) || present(env.PRIVATE_KEY_PATH) ? null : "PRIVATE_KEY (or PRIVATE_KEY_PATH)",
    // Probot would fall back to the secret "development"; a deployed app must never accept that.
    present(env.WEBHOOK_SECRET) ? null : "WEBHOOK_SECRET",
  ].filter((name): name is string => name !== null);
  if (missing.length > 0) {
    const what = missing.length === 1 ? `${missing[0]} is not set` : `${missing.join(", ")} are not set`;
    throw new UsageError(`${what}: the kiln app needs its GitHub App credentials`, { hint: DOCS_HINT });
  }
  const appId = (env.APP_ID ?? "").trim();
  if (!/^\d+$/.test(appId)) {
    throw new UsageError(`APP_ID must be the GitHub App's numeric ID, got "${appId}"`, { hint: DOCS_HINT });
  }
  const logLevel = (env.LOG_LEVEL || "info") as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new UsageError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${env.LOG_LEVEL}"`);
  }
  return {
    appId: Number(appId),
    privateKey: readPrivateKey(env),
    secret: env.WEBHOOK_SECRET ?? "",
    port: readPort(env.PORT),
    // Probot's default: only local clients unless HOST says otherwise (e.g. HOST=0.0.0.0 in a container).
    host: env.HOST || "localhost",
    logLevel,
    logFormat: readLogFormat(env),
  };
}

/** As `probot run`: LOG_FORMAT when set (anything but "pretty" means JSON), else JSON in production. */
function readLogFormat(env: NodeJS.ProcessEnv): "json" | "pretty" {
  if (env.LOG_FORMAT) return env.LOG_FORMAT === "pretty" ? "pretty" : "json";
  return env.NODE_ENV === "production" ? "json" : "pretty";
}

/** Starts the app on PORT/HOST; resolves once it listens. */
export async function startServer(
  env: NodeJS.ProcessEnv = process.env,
  options: StartOptions = {},
): Promise<RunningServer> {
  const config = readAppConfig(env);
  const metrics = new AppMetrics();
  const probot = createProbot({
    // createProbot maps GHE_HOST/GHE_PROTOCOL, WEBHOOK_PATH, LOG_*, SENTRY_DSN, REDIS_URL from env.
    env: { ...env, LOG_LEVEL: config.logLevel, LOG_FORMAT: config.logFormat },
    overrides: {
      appId: config.appId,
      privateKey: config.privateKey,
      secret: config.secret,
      // Retry and throttling with bounded rate-limit handlers; counts API calls for /metrics.
      Octokit: kilnOctokit({ ...options.github, metrics }),
      ...(options.log ? { log: options.log } : {}),
    },
  });
  // Loads the handlers and answers on WEBHOOK_PATH; returns false for any other path.
  const probotMiddleware = await createNodeMiddleware(kilnApp, { probot });
  // POST /kiln/alerts (Alertmanager); logs at start when KILN_ALERT_TOKEN leaves it disabled.
  const alerts = alertsRoute(probot, env.KILN_ALERT_TOKEN);
  const log = probot.log;

  const server = createServer((req, res) => {
    void route(req, res).catch((err: unknown) => {
      log.error({ err }, "kiln: request failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/healthz" && (req.method === "GET" || req.method === "HEAD")) {
      sendJson(
        res,
        200,
        { status: "ok", app: "kiln", version: kilnPackage().version },
        { headOnly: req.method === "HEAD" },
      );
      return;
    }
    if (path === "/metrics" && req.method === "GET") {
      const text = metrics.render();
      res.writeHead(200, { "content-type": METRICS_CONTENT_TYPE, "content-length": Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    if (await alerts(req, res)) return;
    if (path === probot.webhookPath && req.method === "POST") {
      // Counted when answered: a forged signature's 400 is a failure too. The event label is checked
      // against kiln's events (the header is unauthenticated until the signature is).
      const started = process.hrtime.bigint();
      const event = req.headers["x-github-event"];
      res.once("finish", () =>
        metrics.delivery(
          typeof event === "string" ? event : undefined,
          Number(process.hrtime.bigint() - started) / 1e9,
          res.statusCode >= 400,
        ),
      );
    }
    if (await probotMiddleware(req, res)) return;
    if (!res.headersSent) sendJson(res, 404, { error: `Unknown route: ${req.method} ${path}` });
  }

  await new Promise<void>((done, fail) => {
    const onError = (err: NodeJS.ErrnoException) => {
      fail(
        new UsageError(`cannot listen on ${config.host}:${config.port} (${err.code ?? err.message})`, {
          hint: "Set PORT and HOST to a free address",
          cause: err,
        }),
      );
    };
    server.once("error", onError);
    server.listen(config.port, config.host, () => {
      server.off("error", onError);
      done();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : config.port;
  log.info(
    `kiln ${kilnPackage().version} listening on http://${config.host}:${port} (webhooks at ${probot.webhookPath})`,
  );

  return {
    server,
    port,
    host: config.host,
    metrics,
    stop: () =>
      new Promise<void>((done, fail) => {
        if (!server.listening) return done();
        // close() waits for in-flight webhooks; keep-alive sockets left after 10 s are cut.
        const force = setTimeout(() => server.closeAllConnections(), 10_000).unref();
        server.close((err) => {
          clearTimeout(force);
          if (err) fail(err);
          else done();
        });
        server.closeIdleConnections();
      }),
  };
}

function present(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== "";
}

function readPort(raw: string | undefined): number {
  if (!present(raw)) return 3000;
  const text = (raw ?? "").trim();
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new UsageError(`PORT must be a port number (0-65535), got "${raw}"`);
  }
  return port;
}

/**
 * The PEM text, read as Probot does: PRIVATE_KEY first (raw PEM, base64 of it, or with literal "\n"s),
 * else the file at PRIVATE_KEY_PATH. Parsed here so a bad key fails at start, not at the first event.
 */
function readPrivateKey(env: NodeJS.ProcessEnv): string {
  let pem: string;
  let source: string;
  if (present(env.PRIVATE_KEY)) {
    source = "PRIVATE_KEY";
    pem = (env.PRIVATE_KEY ?? "").trim();
    if (!pem.includes("-----BEGIN")) pem = Buffer.from(pem, "base64").toString("utf8").trim();
    pem = pem.replace(/\\n/g, "\n");
    // A PEM pasted on one line (some hosts' env var editors) gets its line breaks back.
    const oneLine = /^(-----BEGIN [A-Z ]+-----)\s*(.+?)\s*(-----END [A-Z ]+-----)$/.exec(pem);
    if (!pem.includes("\n") && oneLine)
      pem = `${oneLine[1]}\n${oneLine[2]?.replace(/\s+/g, "\n")}\n${oneLine[3]}\n`;
  } else {
    const path = env.PRIVATE_KEY_PATH ?? "";
    source = `PRIVATE_KEY_PATH (${path})`;
    try {
      pem = readFileSync(resolve(path), "utf8");
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? "unreadable";
      throw new UsageError(`PRIVATE_KEY_PATH: cannot read ${path} (${code})`, { hint: DOCS_HINT });
    }
  }
  try {
    createPrivateKey(pem);
  } catch {
    throw new UsageError(`${source} is not a PEM private key`, {
      hint: `Use the .pem file downloaded from the GitHub App's settings. ${DOCS_HINT}`,
    });
  }
  return pem;
}

/** Like `probot run`: a .env in the working directory fills variables the environment does not set. */
function loadDotEnv(cwd: string, env: NodeJS.ProcessEnv): void {
  const file = join(cwd, ".env");
  if (!existsSync(file)) return;
  for (const [key, value] of Object.entries(parseEnv(readFileSync(file, "utf8")))) {
    if (env[key] === undefined) env[key] = value;
  }
}

function isMainModule(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  try {
    loadDotEnv(process.cwd(), process.env);
    const running = await startServer(process.env);
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => {
        running.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      });
    }
  } catch (err) {
    // A KilnError is the operator's to fix: one line, no stack. Anything else is kiln's bug.
    process.stderr.write(
      err instanceof KilnError
        ? `kiln app: ${describeError(err)}\n`
        : `kiln app: internal error: ${describeError(err)} (KILN_DEBUG=1 shows the stack; please report it)\n`,
    );
    if (process.env.KILN_DEBUG === "1" && err instanceof Error && err.stack)
      process.stderr.write(`${err.stack}\n`);
    process.exitCode = exitCodeOf(err);
  }
}

if (isMainModule()) await main();

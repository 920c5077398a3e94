import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);

// app/server.ts
import { createPrivateKey } from "node:crypto";
import { existsSync as existsSync2, readFileSync as readFileSync2, realpathSync } from "node:fs";
import {
  createServer
} from "node:http";
import { join as join2, resolve } from "node:path";
import { fileURLToPath as fileURLToPath2 } from "node:url";
import { parseEnv } from "node:util";
import { createNodeMiddleware, createProbot } from "probot";

// core/errors.ts
var KilnError = class extends Error {
  exitCode;
  hint;
  constructor(message, opts = {}) {
    super(message, opts.cause === void 0 ? void 0 : { cause: opts.cause });
    this.name = "KilnError";
    this.exitCode = opts.exitCode ?? 2;
    this.hint = opts.hint;
  }
};
var UsageError = class extends KilnError {
  constructor(message, opts = {}) {
    super(message, { ...opts, exitCode: 2 });
    this.name = "UsageError";
  }
};
function describeError(err) {
  if (err instanceof KilnError) return err.hint ? `${err.message}. ${err.hint}` : err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
function exitCodeOf(err) {
  return err instanceof KilnError ? err.exitCode : 2;
}

// core/local/package-root.ts
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
function packageRoot(from = dirname(fileURLToPath(import.meta.url))) {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file) && JSON.parse(readFileSync(file, "utf8")).name === "kiln")
      return dir;
    if (dirname(dir) === dir) return from;
  }
}
function kilnPackage() {
  if (true) {
    return { version: "0.1.0", repository: "kiln-ml/kiln" };
  }
  const pkg = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8"));
  return { version: pkg.version ?? "0.0.0", repository: repositorySlug(pkg.repository) };
}
function repositorySlug(repository) {
  const url = typeof repository === "string" ? repository : repository?.url ?? "";
  const m = /github(?:\.com[/:]|:)([^/]+\/[^/.]+?)(?:\.git)?\/?$/.exec(url) ?? /^([\w.-]+\/[\w.-]+)$/.exec(url);
  return m?.[1] ?? "";
}

// app/event.ts
function summarize(context) {
  const payload = context.payload;
  const action = field(payload, "action");
  const fullName = field(field(payload, "repository"), "full_name");
  const installation = field(field(payload, "installation"), "id");
  return {
    event: typeof action === "string" && action !== "" ? `${context.name}.${action}` : String(context.name),
    repo: typeof fullName === "string" ? fullName : null,
    installation: typeof installation === "number" ? installation : null,
    delivery: String(context.id)
  };
}
function field(value, key) {
  return typeof value === "object" && value !== null ? value[key] : void 0;
}

// app/handlers/deployment-protection-rule.ts
async function onDeploymentProtectionRule(context) {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
}

// app/handlers/installation.ts
async function onInstallation(context) {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
}

// app/handlers/issue-comment.ts
async function onIssueCommentCreated(context) {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
}

// app/handlers/repository-dispatch.ts
async function onRepositoryDispatch(context) {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
}

// app/handlers/workflow-run.ts
async function onWorkflowRunCompleted(context) {
  const summary = summarize(context);
  context.log.info(summary, `kiln: ${summary.event} on ${summary.repo ?? "(no repository)"}`);
}

// app/index.ts
var app_default = (app, _options) => {
  app.on("workflow_run.completed", onWorkflowRunCompleted);
  app.on("issue_comment.created", onIssueCommentCreated);
  app.on("repository_dispatch", onRepositoryDispatch);
  app.on("deployment_protection_rule", onDeploymentProtectionRule);
  app.on("installation", onInstallation);
};

// app/server.ts
var DOCS_HINT = "See docs/app.md";
var LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"];
function readAppConfig(env) {
  const missing = [
    present(env.APP_ID) ? null : "APP_ID",
    present(env.PRIVATE_KEY) || present(env.PRIVATE_KEY_PATH) ? null : "PRIVATE_KEY (or PRIVATE_KEY_PATH)",
    // Probot would fall back to the secret "development"; a deployed app must never accept that.
    present(env.WEBHOOK_SECRET) ? null : "WEBHOOK_SECRET"
  ].filter((name) => name !== null);
  if (missing.length > 0) {
    const what = missing.length === 1 ? `${missing[0]} is not set` : `${missing.join(", ")} are not set`;
    throw new UsageError(`${what}: the kiln app needs its GitHub App credentials`, { hint: DOCS_HINT });
  }
  const appId = (env.APP_ID ?? "").trim();
  if (!/^\d+$/.test(appId)) {
    throw new UsageError(`APP_ID must be the GitHub App's numeric ID, got "${appId}"`, { hint: DOCS_HINT });
  }
  const logLevel = env.LOG_LEVEL || "info";
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
    logFormat: readLogFormat(env)
  };
}
function readLogFormat(env) {
  if (env.LOG_FORMAT) return env.LOG_FORMAT === "pretty" ? "pretty" : "json";
  return env.NODE_ENV === "production" ? "json" : "pretty";
}
async function startServer(env = process.env, options = {}) {
  const config = readAppConfig(env);
  const probot = createProbot({
    // createProbot maps GHE_HOST/GHE_PROTOCOL, WEBHOOK_PATH, LOG_*, SENTRY_DSN, REDIS_URL from env.
    env: { ...env, LOG_LEVEL: config.logLevel, LOG_FORMAT: config.logFormat },
    overrides: {
      appId: config.appId,
      privateKey: config.privateKey,
      secret: config.secret,
      ...options.log ? { log: options.log } : {}
    }
  });
  const probotMiddleware = await createNodeMiddleware(app_default, { probot });
  const log = probot.log;
  const server = createServer((req, res) => {
    void route(req, res).catch((err) => {
      log.error({ err }, "kiln: request failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  async function route(req, res) {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/healthz" && (req.method === "GET" || req.method === "HEAD")) {
      sendJson(
        res,
        200,
        { status: "ok", app: "kiln", version: kilnPackage().version },
        req.method === "HEAD"
      );
      return;
    }
    if (await probotMiddleware(req, res)) return;
    if (!res.headersSent) sendJson(res, 404, { error: `Unknown route: ${req.method} ${path}` });
  }
  await new Promise((done, fail) => {
    const onError = (err) => {
      fail(
        new UsageError(`cannot listen on ${config.host}:${config.port} (${err.code ?? err.message})`, {
          hint: "Set PORT and HOST to a free address",
          cause: err
        })
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
    `kiln ${kilnPackage().version} listening on http://${config.host}:${port} (webhooks at ${probot.webhookPath})`
  );
  return {
    server,
    port,
    host: config.host,
    stop: () => new Promise((done, fail) => {
      if (!server.listening) return done();
      const force = setTimeout(() => server.closeAllConnections(), 1e4).unref();
      server.close((err) => {
        clearTimeout(force);
        if (err) fail(err);
        else done();
      });
      server.closeIdleConnections();
    })
  };
}
function sendJson(res, status, body, headOnly = false) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store"
  });
  res.end(headOnly ? void 0 : text);
}
function present(value) {
  return value !== void 0 && value.trim() !== "";
}
function readPort(raw) {
  if (!present(raw)) return 3e3;
  const text = (raw ?? "").trim();
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new UsageError(`PORT must be a port number (0-65535), got "${raw}"`);
  }
  return port;
}
function readPrivateKey(env) {
  let pem;
  let source;
  if (present(env.PRIVATE_KEY)) {
    source = "PRIVATE_KEY";
    pem = (env.PRIVATE_KEY ?? "").trim();
    if (!pem.includes("-----BEGIN")) pem = Buffer.from(pem, "base64").toString("utf8").trim();
    pem = pem.replace(/\\n/g, "\n");
    const oneLine = /^(-----BEGIN [A-Z ]+-----)\s*(.+?)\s*(-----END [A-Z ]+-----)$/.exec(pem);
    if (!pem.includes("\n") && oneLine)
      pem = `${oneLine[1]}
${oneLine[2]?.replace(/\s+/g, "\n")}
${oneLine[3]}
`;
  } else {
    const path = env.PRIVATE_KEY_PATH ?? "";
    source = `PRIVATE_KEY_PATH (${path})`;
    try {
      pem = readFileSync2(resolve(path), "utf8");
    } catch (err) {
      const code = err.code ?? "unreadable";
      throw new UsageError(`PRIVATE_KEY_PATH: cannot read ${path} (${code})`, { hint: DOCS_HINT });
    }
  }
  try {
    createPrivateKey(pem);
  } catch {
    throw new UsageError(`${source} is not a PEM private key`, {
      hint: `Use the .pem file downloaded from the GitHub App's settings. ${DOCS_HINT}`
    });
  }
  return pem;
}
function loadDotEnv(cwd, env) {
  const file = join2(cwd, ".env");
  if (!existsSync2(file)) return;
  for (const [key, value] of Object.entries(parseEnv(readFileSync2(file, "utf8")))) {
    if (env[key] === void 0) env[key] = value;
  }
}
function isMainModule() {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath2(import.meta.url));
  } catch {
    return false;
  }
}
async function main() {
  try {
    loadDotEnv(process.cwd(), process.env);
    const running = await startServer(process.env);
    for (const signal of ["SIGINT", "SIGTERM"]) {
      process.once(signal, () => {
        running.stop().then(
          () => process.exit(0),
          () => process.exit(1)
        );
      });
    }
  } catch (err) {
    process.stderr.write(
      err instanceof KilnError ? `kiln app: ${describeError(err)}
` : `kiln app: internal error: ${describeError(err)} (KILN_DEBUG=1 shows the stack; please report it)
`
    );
    if (process.env.KILN_DEBUG === "1" && err instanceof Error && err.stack)
      process.stderr.write(`${err.stack}
`);
    process.exitCode = exitCodeOf(err);
  }
}
if (isMainModule()) await main();
export {
  readAppConfig,
  startServer
};

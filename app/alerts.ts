/**
 * `POST /kiln/alerts`: Prometheus Alertmanager's webhook (version 4). Alerts labelled `repository`
 * (owner/name) and `model` open or update that model's retraining PR in that repository, acting as
 * the App's installation there; `status: resolved` notes recovery on the open PR.
 *
 * The route is on the open internet, so: a bearer token (KILN_ALERT_TOKEN) compared in constant
 * time, checked before any of the body is read; a 1 MiB body cap; 400 naming the bad key. Repeated
 * notifications are harmless: core's signal keys (groupKey + fingerprints) make them `unchanged`.
 * A GitHub failure answers 502, which Alertmanager retries; groups already done are then unchanged.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Probot } from "probot";
import { describeError, UsageError } from "../core/errors.js";
import { type AlertSignal, signalsFromAlertmanager } from "../core/retrain/signals.js";
import { sendJson } from "./http.js";
import { type RetrainReport, retrainFromSignal } from "./retrain.js";

export const ALERTS_PATH = "/kiln/alerts";
/** Alertmanager sends at most a few hundred KB (its own max_alerts aside); anything larger is refused. */
export const MAX_ALERT_BYTES = 1024 * 1024;

export interface GroupResult {
  repository: string;
  model: string;
  status: "firing" | "resolved";
  outcome: RetrainReport["outcome"] | "not-installed" | "error";
  pr: number | null;
  url: string | null;
  message: string;
}

/** Handles the request when it is for ALERTS_PATH (and returns true); false lets the server go on. */
export type AlertsRoute = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export function alertsRoute(probot: Probot, token: string | undefined): AlertsRoute {
  const log = probot.log;
  // Trimmed as Alertmanager trims a credentials_file: a trailing newline must not lock it out.
  const secret = token?.trim() ?? "";
  const expected = secret !== "" ? digest(secret) : null;
  if (!expected) {
    log.warn(`kiln: alerts disabled: KILN_ALERT_TOKEN is not set, so POST ${ALERTS_PATH} answers 503`);
  } else if (secret.length < 16) {
    log.warn("kiln: KILN_ALERT_TOKEN is shorter than 16 characters; use a long random token");
  }

  return async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== ALERTS_PATH) return false;
    if (req.method !== "POST") {
      refuse(req, res, 405, { error: `${ALERTS_PATH} takes POST only` }, { allow: "POST" });
      return true;
    }
    if (!expected) {
      refuse(req, res, 503, {
        error: "alerts are disabled on this kiln app: set KILN_ALERT_TOKEN (see docs/retraining.md)",
      });
      return true;
    }
    if (!authorized(req.headers.authorization, expected)) {
      log.warn({ remote: req.socket.remoteAddress }, "alerts: missing or wrong bearer token; refused");
      refuse(
        req,
        res,
        401,
        { error: "missing or wrong bearer token (Authorization: Bearer <KILN_ALERT_TOKEN>)" },
        { "www-authenticate": 'Bearer realm="kiln"' },
      );
      return true;
    }
    const body = await readBody(req, MAX_ALERT_BYTES);
    if (body === "aborted") return true; // the sender hung up: nobody to answer
    if (body === "too-large") {
      refuse(req, res, 413, { error: `the body is larger than ${MAX_ALERT_BYTES} bytes` });
      return true;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString("utf8"));
    } catch (err) {
      sendJson(res, 400, { error: `the body is not JSON: ${(err as Error).message}` });
      return true;
    }
    let parsed: ReturnType<typeof signalsFromAlertmanager>;
    try {
      parsed = signalsFromAlertmanager(payload, { now: new Date() });
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      log.warn({ error: err.message }, "alerts: payload refused");
      sendJson(res, 400, { error: err.message, hint: err.hint });
      return true;
    }

    const installations = new Map<string, number | null>();
    const groups: GroupResult[] = [];
    for (const signal of parsed.signals) groups.push(await handleGroup(probot, signal, installations));
    const failed = groups.some((g) => g.outcome === "error");
    log.info(
      {
        groups: groups.map((g) => `${g.repository} ${g.model} ${g.status}: ${g.outcome}`),
        ignored: parsed.ignored.length,
      },
      `alerts: ${groups.length} group(s), ${parsed.ignored.length} alert(s) ignored`,
    );
    sendJson(res, failed ? 502 : 200, { groups, ignored: parsed.ignored });
    return true;
  };
}

async function handleGroup(
  probot: Probot,
  signal: AlertSignal,
  installations: Map<string, number | null>,
): Promise<GroupResult> {
  const [owner = "", repo = ""] = signal.repository.split("/");
  const base = { repository: signal.repository, model: signal.model, status: signal.status };
  const log = probot.log.child({ repository: signal.repository, model: signal.model });
  try {
    const key = signal.repository.toLowerCase();
    let installation = installations.get(key);
    if (installation === undefined) {
      installation = await installationOf(probot, owner, repo);
      installations.set(key, installation);
    }
    if (installation === null) {
      const message = `the kiln app is not installed on ${signal.repository}; nothing written`;
      log.warn(`alerts: ${message}`);
      return { ...base, outcome: "not-installed", pr: null, url: null, message };
    }
    const octokit = await probot.auth(installation);
    const report = await retrainFromSignal(octokit, { owner, repo }, signal, log);
    return { ...base, outcome: report.outcome, pr: report.pr, url: report.url, message: report.message };
  } catch (err) {
    log.error({ err }, `alerts: ${signal.repository} ${signal.model}: ${describeError(err)}`);
    return {
      ...base,
      outcome: "error",
      pr: null,
      url: null,
      message: `GitHub request failed: ${describeError(err)}`.slice(0, 500),
    };
  }
}

/** The installation on owner/repo, or null when the App is not installed there (GitHub: 404). */
async function installationOf(probot: Probot, owner: string, repo: string): Promise<number | null> {
  const app = await probot.auth();
  try {
    return (await app.rest.apps.getRepoInstallation({ owner, repo })).data.id;
  } catch (err) {
    if ((err as { status?: number }).status === 404) return null;
    throw err;
  }
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/** Equal-length digests, so neither the token's length nor its prefix leaks through timing. */
function authorized(header: string | undefined, expected: Buffer): boolean {
  const m = /^Bearer[ \t]+(.*?)[ \t]*$/i.exec(header ?? "");
  const given = digest(m?.[1] ?? "");
  return timingSafeEqual(given, expected) && m !== null;
}

/** The body; "too-large" once it passes `max` bytes (declared or streamed); "aborted" if the sender left. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | "too-large" | "aborted"> {
  if (Number(req.headers["content-length"]) > max) return Promise.resolve("too-large");
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: Buffer | "too-large" | "aborted") => {
      if (settled) return;
      settled = true;
      req.off("data", onData);
      done(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) finish("too-large");
      else chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => finish(Buffer.concat(chunks)));
    req.once("error", () => finish("aborted"));
    req.once("close", () => finish(req.complete ? Buffer.concat(chunks) : "aborted"));
  });
}

/** Answers without reading (the rest of) the body: it is discarded and the connection closed. */
function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  req.resume();
  sendJson(res, status, body, { headers: { ...headers, connection: "close" } });
}

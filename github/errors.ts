/**
 * Octokit's request errors as something a user can act on: which call failed, how, and what to
 * check. Duck-typed (name "HttpError", a status, the request) so callers need not import Octokit.
 */
import { KilnError } from "../core/errors.js";

interface RequestErrorLike {
  name: string;
  status: number;
  message: string;
  request?: { method?: string; url?: string };
}

function isRequestError(err: unknown): err is RequestErrorLike {
  return (
    err instanceof Error &&
    err.name === "HttpError" &&
    typeof (err as { status?: unknown }).status === "number"
  );
}

/** A KilnError for a failed GitHub API call, or null when `err` is not one. */
export function fromGitHubError(err: unknown): KilnError | null {
  if (!isRequestError(err)) return null;
  const method = err.request?.method ?? "request";
  let where = err.request?.url ?? "";
  let origin = "";
  try {
    const url = new URL(where);
    origin = url.origin;
    where = url.pathname;
  } catch {
    // Not a URL: keep what there is.
  }
  const call = `GitHub API ${method} ${where}`.trim();
  // Octokit reports a failed connection as a 500 whose message (or cause) carries the errno.
  const network = /ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|bad port/.exec(
    `${err.message} ${causeCodes(err)}`,
  );
  if (network) {
    return new KilnError(`cannot reach the GitHub API${origin ? ` at ${origin}` : ""} (${network[0]})`, {
      hint: "Check GITHUB_API_URL and the runner's network",
      cause: err,
    });
  }
  const hint =
    err.status === 401
      ? "The token is missing, expired or revoked"
      : err.status === 403
        ? "The token lacks a permission this step needs (see the job's permissions:), or a rate limit was hit"
        : err.status === 404
          ? "It does not exist, or the token cannot see it (a private repository needs contents: read)"
          : err.status >= 500
            ? "GitHub had an error; re-run the job"
            : undefined;
  return new KilnError(`${call} failed: ${err.status} ${err.message.split("\n")[0]}`, {
    ...(hint ? { hint } : {}),
    cause: err,
  });
}

function causeCodes(err: unknown): string {
  const codes: string[] = [];
  for (let e = err as { cause?: unknown; code?: unknown } | undefined, i = 0; e && i < 4; i++) {
    if (typeof e.code === "string") codes.push(e.code);
    e = e.cause as typeof e;
  }
  return codes.join(" ");
}

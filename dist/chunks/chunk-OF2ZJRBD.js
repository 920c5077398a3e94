import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  KilnError
} from "./chunk-ZILLKLUF.js";

// github/errors.ts
function isRequestError(err) {
  return err instanceof Error && err.name === "HttpError" && typeof err.status === "number";
}
function fromGitHubError(err) {
  if (!isRequestError(err)) return null;
  const method = err.request?.method ?? "request";
  let where = err.request?.url ?? "";
  let origin = "";
  try {
    const url = new URL(where);
    origin = url.origin;
    where = url.pathname;
  } catch {
  }
  const call = `GitHub API ${method} ${where}`.trim();
  const network = /ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|bad port/.exec(
    `${err.message} ${causeCodes(err)}`
  );
  if (network) {
    return new KilnError(`cannot reach the GitHub API${origin ? ` at ${origin}` : ""} (${network[0]})`, {
      hint: "Check GITHUB_API_URL and the runner's network",
      cause: err
    });
  }
  const hint = err.status === 401 ? "The token is missing, expired or revoked" : err.status === 403 ? "The token lacks a permission this step needs (see the job's permissions:), or a rate limit was hit" : err.status === 404 ? "It does not exist, or the token cannot see it (a private repository needs contents: read)" : err.status >= 500 ? "GitHub had an error; re-run the job" : void 0;
  return new KilnError(`${call} failed: ${err.status} ${err.message.split("\n")[0]}`, {
    ...hint ? { hint } : {},
    cause: err
  });
}
function causeCodes(err) {
  const codes = [];
  for (let e = err, i = 0; e && i < 4; i++) {
    if (typeof e.code === "string") codes.push(e.code);
    e = e.cause;
  }
  return codes.join(" ");
}

export {
  fromGitHubError
};

import { ScimError } from "../scim/scim-error.ts";
import type { JsonValue } from "../scim/json.ts";
import type { Iam, ImmutaState } from "./immuta-state.ts";
import { parseScimJson } from "./read-scim-body.ts";
import { etagOf } from "./render-scim.ts";

/** What a SCIM handler gets: the state, the IAM the path resolved to, the request and its base URL. */
export type ScimExchange = {
  state: ImmutaState;
  iam: Iam;
  request: Request;
  url: URL;
  /** Absolute URL of the IAM's SCIM root, for `meta.location`. */
  baseUrl: string;
  /** The request body, already read (bounded) by the dispatcher. */
  bodyText: string;
};

/** The exchange's body as JSON (415, 400 invalidSyntax when it is not). */
export function bodyOf(exchange: ScimExchange): JsonValue {
  return parseScimJson(exchange.bodyText, exchange.request.headers.get("content-type"));
}

/** `If-Match` with a stale ETag is 412 (RFC 7644 §3.14); `*` always matches. */
export function checkIfMatch(request: Request, version: number): void {
  const ifMatch = request.headers.get("if-match");
  if (ifMatch === null) return;
  const tags = ifMatch.split(",").map((tag) => tag.trim());
  if (tags.includes("*") || tags.includes(etagOf(version)) || tags.includes(`"${version}"`)) return;
  throw new ScimError(412, `resource version is ${etagOf(version)}, not ${ifMatch}`);
}

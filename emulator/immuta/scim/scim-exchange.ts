import { ScimError } from "../../scim/index.ts";
import type { JsonValue } from "../../scim/index.ts";
import type { Iam, ImmutaState } from "../model/immuta-state.ts";
import { parseScimJson } from "./read-scim-body.ts";
import { etagOf } from "./scim-reply.ts";
import type { ScimHttpRequest } from "./scim-http-request.ts";

/** What a SCIM handler gets: the state, the IAM the path resolved to, the request and its base URL. */
export type ScimExchange = {
  state: ImmutaState;
  iam: Iam;
  request: ScimHttpRequest;
  url: URL;
  /** Absolute URL of the IAM's SCIM root, for `meta.location`. */
  baseUrl: string;
  /** The request body, already read (bounded) by the dispatcher. */
  bodyText: string;
};

/** The exchange's body as JSON (415, 400 invalidSyntax when it is not). */
export function bodyOf(exchange: ScimExchange): JsonValue {
  return parseScimJson(
    exchange.bodyText,
    exchange.request.headers.get("content-type"),
    exchange.state.limits.jsonDepth,
  );
}

/** `If-Match` with a stale ETag is 412 (RFC 7644 §3.14); `*` always matches. */
export function checkIfMatch(request: ScimHttpRequest, version: number): void {
  const ifMatch = request.headers.get("if-match");
  if (ifMatch === null || matchesVersion(ifMatch, version)) return;
  throw new ScimError(412, `resource version is ${etagOf(version)}, not ${ifMatch}`);
}

/** True when a GET's `If-None-Match` names the current version: the answer is 304 (RFC 7644 §3.14). */
export function isNotModified(request: ScimHttpRequest, version: number): boolean {
  const ifNoneMatch = request.headers.get("if-none-match");
  return ifNoneMatch !== null && matchesVersion(ifNoneMatch, version);
}

/** Weak comparison (RFC 9110 §8.8.3.2): `W/"3"` and `"3"` both name version 3. */
function matchesVersion(header: string, version: number): boolean {
  return header
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//i, ""))
    .some((tag) => tag === "*" || tag === `"${version}"`);
}

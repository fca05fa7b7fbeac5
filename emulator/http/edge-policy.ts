import type { Context, MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { EdgeError } from "./edge-error.ts";

/**
 * What a fake on a real port accepts from a browser's reach (DNS rebinding, cross-site forms and
 * `fetch` without preflight, https://fetch.spec.whatwg.org/#cors-safelisted-request-header).
 */
export type EdgePolicy = {
  /** Host names (without port) a request's `Host` may name; `"any"` turns the check off. */
  allowedHosts: readonly string[] | "any";
  /** Origins (`scheme://host:port`) whose pages may call the fake; all others get no CORS headers. */
  corsOrigins: readonly string[];
};

/** The CORS answer a fake gives the origins the policy names (hono's `cors` options of that name). */
export type EdgeCors = {
  allowMethods?: string[];
  /** Request headers a page may send; an empty list echoes what a preflight asks for. */
  allowHeaders?: string[];
  exposeHeaders?: string[];
  maxAge?: number;
};

/** Renders an edge refusal in the fake's own error shape (SCIM, Graph or Immuta's). */
export type EdgeErrorRenderer = (error: EdgeError, c: Context) => Response;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** JSON media types: application/json, application/scim+json, any application/*+json (RFC 6839 §3.1). */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/** What the fakes answer a named origin unless a fake gives its own CORS options. */
const DEFAULT_CORS: EdgeCors = {
  allowHeaders: ["authorization", "content-type", "if-match", "if-none-match", "accept"],
  exposeHeaders: ["etag", "location", "content-disposition"],
  maxAge: 600,
};

/**
 * The edge guard, as one middleware: a foreign `Host` is 403 HostNotAllowed; a state-changing
 * request from a page of an origin the policy does not name is 403 OriginNotAllowed; a state-changing
 * request with a body or a Content-Type that is not JSON is 415 UnsupportedMediaType; CORS headers
 * are sent only to the named origins, as `corsOptions` says.
 */
export function createEdgeGuard(
  policy: EdgePolicy,
  render: EdgeErrorRenderer,
  corsOptions: EdgeCors = DEFAULT_CORS,
): MiddlewareHandler {
  const origins = new Set(policy.corsOrigins);
  const hosts = policy.allowedHosts === "any" ? "any" : new Set(policy.allowedHosts.map(normalizeHost));
  const corsHandler = cors({ ...corsOptions, origin: (origin) => (origins.has(origin) ? origin : null) });
  return async (c, next) => {
    try {
      checkRequest(c.req.raw, { hosts, origins });
    } catch (error) {
      if (error instanceof EdgeError) return render(error, c);
      throw error;
    }
    return corsHandler(c, next);
  };
}

function checkRequest(request: Request, policy: { hosts: Set<string> | "any"; origins: Set<string> }): void {
  const url = new URL(request.url);
  const hostHeader = request.headers.get("host") ?? url.host;
  if (policy.hosts !== "any") {
    for (const name of [hostnameOf(hostHeader), url.hostname]) {
      if (!policy.hosts.has(normalizeHost(name))) {
        throw new EdgeError(
          403,
          "HostNotAllowed",
          "this host name is not allowed; start the fake with --allow-host to allow it",
        );
      }
    }
  }
  const origin = request.headers.get("origin");
  const foreign =
    origin !== null && origin !== `${url.protocol}//${hostHeader}` && !policy.origins.has(origin);
  const preflight = request.method === "OPTIONS" && request.headers.has("access-control-request-method");
  if (foreign && (preflight || !SAFE_METHODS.has(request.method))) {
    throw new EdgeError(
      403,
      "OriginNotAllowed",
      "requests from this origin are not allowed; start the fake with --cors-origin to allow it",
    );
  }
  if (SAFE_METHODS.has(request.method)) return;
  const type = request.headers.get("content-type");
  const declared = request.headers.get("content-length");
  const hasBody = (declared !== null && declared !== "0") || request.headers.has("transfer-encoding");
  if ((hasBody || type !== null) && (type === null || !JSON_TYPE.test(type))) {
    throw new EdgeError(
      415,
      "UnsupportedMediaType",
      "a request that changes state must send a JSON body (Content-Type: application/json)",
    );
  }
}

/** The host name of a `Host` value: `[::1]:4200` → `::1`, `localhost:4100` → `localhost`. */
function hostnameOf(host: string): string {
  if (host.startsWith("[")) return host.slice(1, host.indexOf("]") === -1 ? undefined : host.indexOf("]"));
  const colon = host.indexOf(":");
  return colon === -1 || host.indexOf(":", colon + 1) !== -1 ? host : host.slice(0, colon);
}

function normalizeHost(name: string): string {
  const lower = name.toLowerCase();
  return lower.startsWith("[") && lower.endsWith("]") ? lower.slice(1, -1) : lower;
}

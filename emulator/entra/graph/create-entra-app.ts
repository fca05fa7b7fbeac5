import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { createEdgeGuard, type EdgeError, type EdgePolicy } from "../../http/index.ts";
import { isJsonObject } from "../../scim/index.ts";
import { EntraError } from "../entra-error.ts";
import type { EntraTenant } from "../tenant/index.ts";
import { readBatch, runBatch } from "./graph-batch.ts";
import { requestIds, withEnvelope } from "./graph-envelope.ts";
import { GRAPH_CORS, readBoundedBody, readJson } from "./graph-http.ts";
import { graphMetadata } from "./graph-metadata.ts";
import { canonicalPath, ROOT_SEGMENTS } from "./graph-path.ts";
import { registerAuditLogRoutes } from "./routes/audit-log-routes.ts";
import { registerControlRoutes } from "./routes/control-routes.ts";
import { registerDirectoryRoutes } from "./routes/directory-routes.ts";
import { registerGroupRoutes } from "./routes/group-routes.ts";
import { registerServicePrincipalRoutes } from "./routes/service-principal-routes.ts";
import { registerSynchronizationRoutes } from "./routes/synchronization-routes.ts";
import { registerUserNavigationRoutes } from "./routes/user-navigation-routes.ts";
import { registerUserRoutes } from "./routes/user-routes.ts";

/**
 * Options of the Graph app; `requestId` makes `request-id` values deterministic in tests. `edge` is
 * the browser-safety policy of a served fake (Host, Origin and CORS, JSON writes): with it, CORS
 * answers only the origins it names; without it (in-process), any origin, as Graph does.
 */
export type EntraAppOptions = {
  requestId?: () => string;
  edge?: EdgePolicy;
  /** Largest request body accepted (default GRAPH_BODY_BYTES, Graph's 4 MB); larger ones get 413. */
  bodyBytes?: number;
};

/**
 * The fake Entra's Graph-shaped HTTP API under /v1.0 (a Hono app that never listens). A script
 * written against Microsoft Graph for these calls works by changing the base URL: lists are
 * `{"value": [...]}`, users are addressed by id or userPrincipalName, errors are Graph's
 * `{"error": {"code", "message", "innerError"}}`. In front of the routes: CORS, Graph's URL forms
 * (see canonicalPath), `$batch`, `$metadata`, `/$count` segments and the request-id envelope.
 * No authentication: this is a local emulator.
 */
export function createEntraApp(tenant: EntraTenant, options: EntraAppOptions = {}): Hono {
  const routes = createRoutes(tenant);
  const newId = options.requestId ?? randomUUID;

  const dispatch = async (request: Request, inBatch: boolean): Promise<Response> => {
    const ids = requestIds(request, { newId, now: tenant.runtime.clock });
    let response: Response;
    try {
      // A batch step's body is part of the batch's, which was bounded when it came in.
      const body = inBatch ? undefined : await readBoundedBody(request, options.bodyBytes);
      response = await route(request, { inBatch, body });
    } catch (error) {
      if (!(error instanceof EntraError)) throw error;
      response = error.toResponse();
    }
    return withEnvelope(response, ids);
  };

  const route = async (
    received: Request,
    { inBatch, body }: { inBatch: boolean; body: string | null | undefined },
  ): Promise<Response> => {
    const url = new URL(received.url);
    const path = canonicalPath(url.pathname, tenant);
    const request = await routed(received, { url, path, body });
    if (path === "/v1.0/$batch" && request.method === "POST") {
      if (inBatch) throw new EntraError(400, "BadRequest", "A batch request cannot contain another batch.");
      const steps = readBatch(await readJson(request));
      return Response.json(
        await runBatch(steps, { origin: url.origin, send: (step) => dispatch(step, true) }),
      );
    }
    if (path === "/v1.0/$metadata" && request.method === "GET")
      return new Response(graphMetadata(), { headers: { "content-type": "application/xml" } });
    if (path.endsWith("/$count") && request.method === "GET") return countSegment(request, url, path);
    return routes.fetch(request);
  };

  /**
   * `GET /users/$count`: the collection's `@odata.count` as text/plain
   * (https://learn.microsoft.com/graph/query-parameters#count-parameter).
   */
  const countSegment = async (request: Request, url: URL, path: string): Promise<Response> => {
    const list = new URL(url.href);
    list.pathname = path.slice(0, -"/$count".length);
    list.searchParams.set("$count", "true");
    list.searchParams.set("$top", "1");
    list.searchParams.delete("$skiptoken");
    const response = await routes.fetch(new Request(list, { headers: request.headers }));
    if (!response.ok) return response;
    const body: unknown = await response.json();
    const count = isJsonObject(body) && typeof body["@odata.count"] === "number" ? body["@odata.count"] : 0;
    return new Response(String(count), { headers: { "content-type": "text/plain" } });
  };

  const app = new Hono();
  // Browser clients (Graph Explorer-style pages) call from another origin; Graph answers CORS.
  if (options.edge) app.use("*", createEdgeGuard(options.edge, renderGraphEdgeError, GRAPH_CORS));
  else app.use("*", cors({ ...GRAPH_CORS, origin: (origin) => origin }));
  app.all("*", (c) => dispatch(c.req.raw, false));
  app.onError((error) => internalError(error));
  return app;
}

/**
 * The request the routes see: at its canonical path, carrying the body already read (`undefined`:
 * not read yet), built once. A request whose path and body stream can serve as they are is kept.
 */
async function routed(
  request: Request,
  { url, path, body }: { url: URL; path: string; body: string | null | undefined },
): Promise<Request> {
  // `null`: no body at all, so the request's own (empty) stream serves.
  if (path === url.pathname && (body === undefined || body === null)) return request;
  const target = new URL(url.href);
  target.pathname = path;
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  const text = body === undefined ? (hasBody ? await request.arrayBuffer() : null) : body;
  return new Request(target, {
    method: request.method,
    headers: request.headers,
    ...(text !== null ? { body: text } : {}),
  });
}

function internalError(error: unknown): Response {
  console.error("synclab: unexpected error in the fake Entra:", error);
  return Response.json(
    { error: { code: "InternalServerError", message: "internal error in the fake Entra" } },
    { status: 500 },
  );
}

function createRoutes(tenant: EntraTenant): Hono {
  const app = new Hono();
  app.onError((error) => (error instanceof EntraError ? error.toResponse() : internalError(error)));
  app.notFound((c) => {
    const { pathname } = new URL(c.req.url);
    const [, version, root] = pathname.split("/");
    // Graph answers 400 for a segment it does not know (`/v1.0/nothing`).
    if (version === "v1.0" && root !== undefined && !(ROOT_SEGMENTS as readonly string[]).includes(root)) {
      return new EntraError(400, "BadRequest", `Resource not found for the segment '${root}'.`).toResponse();
    }
    return new EntraError(404, "NotFound", `Resource not found for the segment '${pathname}'.`).toResponse();
  });
  registerUserRoutes(app, tenant);
  registerUserNavigationRoutes(app, tenant);
  registerGroupRoutes(app, tenant);
  registerDirectoryRoutes(app, tenant);
  registerServicePrincipalRoutes(app, tenant);
  registerSynchronizationRoutes(app, tenant);
  registerAuditLogRoutes(app, tenant);
  registerControlRoutes(app, tenant);
  return app;
}

/** An edge refusal (Host, Origin, content type, request too large) in Graph's error shape. */
export function renderGraphEdgeError(error: EdgeError): Response {
  return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status });
}

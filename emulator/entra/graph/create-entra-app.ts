import { Hono } from "hono";
import { createEdgeGuard, type EdgeError, type EdgePolicy } from "../../http/index.ts";
import { EntraError } from "../entra-error.ts";
import type { EntraTenant } from "../tenant/index.ts";
import { registerAuditLogRoutes } from "./routes/audit-log-routes.ts";
import { registerControlRoutes } from "./routes/control-routes.ts";
import { registerDirectoryRoutes } from "./routes/directory-routes.ts";
import { registerGroupRoutes } from "./routes/group-routes.ts";
import { registerServicePrincipalRoutes } from "./routes/service-principal-routes.ts";
import { registerSynchronizationRoutes } from "./routes/synchronization-routes.ts";
import { registerUserRoutes } from "./routes/user-routes.ts";

/**
 * The fake Entra's Graph-shaped HTTP API under /v1.0 (a Hono app that never listens). A script
 * written against Microsoft Graph for these calls works by changing the base URL: lists are
 * `{"value": [...]}`, users are addressed by id or userPrincipalName, errors are
 * `{"error": {"code", "message"}}`. No authentication: this is a local emulator.
 */
export function createEntraApp(tenant: EntraTenant, options: { edge?: EdgePolicy } = {}): Hono {
  const app = new Hono();
  // The browser-safety policy of a served fake (Host, Origin and CORS, JSON writes); none in-process.
  if (options.edge) app.use("*", createEdgeGuard(options.edge, renderGraphEdgeError));

  app.onError((error) => {
    if (error instanceof EntraError) return error.toResponse();
    console.error("synclab: unexpected error in the fake Entra:", error);
    return Response.json(
      { error: { code: "InternalServerError", message: "internal error in the fake Entra" } },
      { status: 500 },
    );
  });
  app.notFound((c) =>
    new EntraError(
      404,
      "NotFound",
      `Resource not found for the segment '${new URL(c.req.url).pathname}'.`,
    ).toResponse(),
  );

  registerUserRoutes(app, tenant);
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

import type { Hono } from "hono";
import { registerBimAuthorizationRoutes } from "./bim-authorization-routes.ts";
import { registerBimGroupRoutes } from "./bim-group-routes.ts";
import { registerBimUserRoutes } from "./bim-user-routes.ts";
import { ImmutaApiError } from "../immuta-api-error.ts";
import { readApiJson } from "../read-api-json.ts";
import type { ImmutaState } from "../model/immuta-state.ts";

/**
 * Immuta's REST API under /bim. "v1 API Swagger" in this folder is Immuta's `immuta_api_swagger.json`
 * (github.com/immuta/terraform-provider-immuta, commit b9218c6); authentication follows
 * https://documentation.immuta.com/latest/developer-guides/api-intro/authentication. Every route but the key exchange needs
 * `Authorization: <apiKey>` or `Authorization: Bearer <token from POST /bim/apikey/authenticate>`.
 */
export function registerBimRoutes(app: Hono, state: ImmutaState): void {
  // Authentication doc: POST {"apikey": ...} → {authenticated, token} (v1 Swagger), then Bearer <token>.
  app.post("/bim/apikey/authenticate", async (c) => {
    const body = await readApiJson(c, state.limits, '{"apikey": "..."}');
    const apikey =
      typeof body === "object" && body !== null && Object.hasOwn(body, "apikey")
        ? (body as { apikey: unknown }).apikey
        : undefined;
    if (typeof apikey !== "string") throw new ImmutaApiError(400, 'request body must be {"apikey": "..."}');
    if (apikey !== state.apiKey) throw new ImmutaApiError(401, "invalid API key");
    return c.json({ authenticated: true, token: state.issueToken() });
  });

  app.use("/bim/*", async (c, next) => {
    if (c.req.path === "/bim/apikey/authenticate") return next();
    if (!state.isApiCredential(c.req.header("authorization"))) {
      throw new ImmutaApiError(401, "missing or invalid API key");
    }
    return next();
  });

  app.get("/bim/iam", (c) =>
    c.json(
      state.iams().map(({ config }) => ({
        id: config.id,
        displayName: config.displayName,
        type: config.type,
        oauth: false,
      })),
    ),
  );

  registerBimUserRoutes(app, state);
  registerBimGroupRoutes(app, state);
  registerBimAuthorizationRoutes(app, state);
}

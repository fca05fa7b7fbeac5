import { Hono } from "hono";
import { getPath } from "hono/utils/url";
import { ScimError } from "../scim/index.ts";
import { registerBimRoutes } from "./bim/bim-routes.ts";
import { registerControlRoutes } from "./control/control-routes.ts";
import { ImmutaApiError } from "./immuta-api-error.ts";
import { ImmutaState, type ImmutaStateOptions } from "./model/immuta-state.ts";
import { dispatchScim } from "./scim/dispatch-scim.ts";
import { toResponse } from "./scim/scim-reply.ts";
import {
  fromFetchRequest,
  fromPlainRequest,
  type PlainRequest,
  type PlainResponse,
} from "./scim/scim-http-request.ts";

export type ImmutaAppOptions = ImmutaStateOptions | { state: ImmutaState };

/** The fake Immuta and its state. */
export type ImmutaApp = {
  app: Hono;
  state: ImmutaState;
  fetch: (request: Request) => Promise<Response>;
  /**
   * The in-process transport: the same SCIM dispatcher as `fetch`, handed a plain request instead
   * of WHATWG Request and Response objects (which cost tens of microseconds a pair). Paths outside
   * SCIM go through the Hono app.
   */
  exchange: (request: PlainRequest) => Promise<PlainResponse>;
};

/**
 * The fake Immuta as a Hono app (fetch in, Response out; it never listens): SCIM under each IAM's
 * SCIM path, Immuta's REST API under /bim, and the control API under /_synclab/immuta.
 */
export function createImmutaApp(options: ImmutaAppOptions = {}): ImmutaApp {
  const state = "state" in options ? options.state : new ImmutaState(options);
  const app = new Hono();

  app.onError((error) => {
    if (error instanceof ImmutaApiError) return error.toResponse();
    if (error instanceof ScimError) return toResponse(error.toReply());
    console.error("synclab: unexpected error in the fake Immuta:", error);
    return Response.json(
      { statusCode: 500, error: "Internal Server Error", message: "internal error in the fake Immuta" },
      { status: 500 },
    );
  });

  // SCIM paths are per IAM and can change at run time, so they are resolved per request.
  app.use("*", async (c, next) => {
    const match = state.resolveScimPath(c.req.path);
    if (!match) return next();
    return toResponse(await dispatchScim(state, match.iam, match.rest, fromFetchRequest(c.req.raw)));
  });

  registerBimRoutes(app, state);
  registerControlRoutes(app, state);
  app.notFound((c) => new ImmutaApiError(404, `no route for ${c.req.method} ${c.req.path}`).toResponse());

  const exchange = async (request: PlainRequest): Promise<PlainResponse> => {
    // Hono's own path rule (it reads only the URL), so both entries resolve the same SCIM path.
    const match = state.resolveScimPath(getPath({ url: request.url } as Request));
    if (match) {
      const reply = await dispatchScim(state, match.iam, match.rest, fromPlainRequest(request));
      return { status: reply.status, headers: reply.headers, body: reply.body ?? "" };
    }
    const response = await app.fetch(
      new Request(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body !== null ? { body: request.body } : {}),
      }),
    );
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: await response.text(),
    };
  };

  return { app, state, fetch: async (request) => app.fetch(request), exchange };
}

import { Hono, type Context } from "hono";
import { getPath } from "hono/utils/url";
import { createEdgeGuard, EdgeError, type EdgePolicy } from "../http/index.ts";
import { isJsonObject, ScimError } from "../scim/index.ts";
import { registerBimRoutes } from "./bim/bim-routes.ts";
import { registerControlRoutes } from "./control/control-routes.ts";
import { ImmutaApiError } from "./immuta-api-error.ts";
import { ImmutaState, type ImmutaStateOptions } from "./model/immuta-state.ts";
import { dispatchScim } from "./scim/dispatch-scim.ts";
import { toScimError } from "./scim/read-scim-body.ts";
import { toResponse } from "./scim/scim-reply.ts";
import {
  fromFetchRequest,
  fromPlainRequest,
  type PlainRequest,
  type PlainResponse,
} from "./scim/scim-http-request.ts";

/** Options of the app itself, beside the state's. */
export type ImmutaEdgeOptions = {
  /** The browser-safety policy of a served fake (Host, Origin and CORS, JSON writes); none in-process. */
  edge?: EdgePolicy;
};

export type ImmutaAppOptions = (ImmutaStateOptions | { state: ImmutaState }) & ImmutaEdgeOptions;

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

  app.onError((error, c) => renderError(state, error, c));
  if (options.edge)
    app.use(
      "*",
      createEdgeGuard(options.edge, (error, c) => renderError(state, error, c)),
    );

  // The REST and control APIs are an app of their own behind the SCIM handler, so a SCIM request
  // meets one route and one handler (the edge guard aside): Hono then calls it without composing
  // middleware, and a reply given synchronously lets @hono/node-server write it at once.
  const api = new Hono();
  api.onError((error, c) => renderError(state, error, c));
  registerBimRoutes(api, state);
  registerControlRoutes(api, state);
  api.notFound((c) => new ImmutaApiError(404, `no route for ${c.req.method} ${c.req.path}`).toResponse());

  // SCIM paths are per IAM and can change at run time, so they are resolved per request.
  app.all("*", (c): Response | Promise<Response> => {
    const match = state.resolveScimPath(c.req.path);
    if (!match) return api.fetch(c.req.raw, c.env);
    const reply = dispatchScim(
      state,
      match.iam,
      match.rest,
      fromFetchRequest(c.req.raw, rawHeadersOf(c.env)),
    );
    if (!(reply instanceof Promise)) return toResponse(reply);
    const response: Promise<Response> = reply.then(toResponse);
    return response;
  });

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

/** The raw header list of the Node request behind a served request (@hono/node-server's `env.incoming`). */
function rawHeadersOf(env: unknown): readonly string[] | undefined {
  const incoming = isJsonObject(env) ? env.incoming : undefined;
  const raw = isJsonObject(incoming) ? incoming.rawHeaders : undefined;
  return Array.isArray(raw) && raw.every((item) => typeof item === "string") ? raw : undefined;
}

/** Every failure in the shape of its route: a SCIM error under a SCIM path, Immuta's Boom body elsewhere. */
function renderError(state: ImmutaState, error: unknown, c: Context): Response {
  if (error instanceof EdgeError) return renderImmutaEdgeError(state, error, c.req.path);
  if (error instanceof ScimError) return toResponse(toScimError(error).toReply());
  if (error instanceof ImmutaApiError) return error.toResponse();
  console.error("synclab: unexpected error in the fake Immuta:", error);
  return Response.json(
    { statusCode: 500, error: "Internal Server Error", message: "internal error in the fake Immuta" },
    { status: 500 },
  );
}

/** An edge refusal as the fake Immuta answers it on `path`: a SCIM error on SCIM paths, Boom elsewhere. */
export function renderImmutaEdgeError(state: ImmutaState, error: EdgeError, path: string): Response {
  return state.resolveScimPath(path)
    ? toResponse(toScimError(error).toReply())
    : ImmutaApiError.fromEdge(error).toResponse();
}

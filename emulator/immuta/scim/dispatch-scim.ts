import { ScimError } from "../../scim/index.ts";
import type { Iam, ImmutaState } from "../model/immuta-state.ts";
import { redactBody, redactHeaders } from "../model/journal.ts";
import { toScimError } from "./read-scim-body.ts";
import type { ScimReply } from "./scim-reply.ts";
import { handleDiscovery } from "./discovery.ts";
import type { ScimExchange } from "./scim-exchange.ts";
import type { ScimHttpRequest } from "./scim-http-request.ts";
import { handleGroups } from "./groups/group-routes.ts";
import { handleUsers } from "./users/user-routes.ts";

const METHODS_WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

/**
 * Serves one SCIM request for an IAM: authenticates the IAM's bearer token, routes by resource
 * type, renders every failure as a SCIM error, and records the exchange in the journal. Every
 * transport lands here: the Hono app with a fetch Request, the in-process one with a plain request.
 * Nothing after the handler can fail the request: recording is total, so an answered write is
 * answered truly.
 */
export function dispatchScim(
  state: ImmutaState,
  iam: Iam,
  rest: string,
  request: ScimHttpRequest,
): ScimReply | Promise<ScimReply> {
  const journaling = state.journal.limit > 0;
  const pending: Pending = {
    state,
    iam,
    rest,
    request,
    started: journaling ? state.runtime.clock() : undefined,
    startedAt: journaling ? performance.now() : 0,
  };
  try {
    authenticate(iam, request);
  } catch (error) {
    return answer(pending, "", { error });
  }
  // A request without a body is answered synchronously: the adapter can write it at once.
  if (!METHODS_WITH_BODY.has(request.method)) return answer(pending, "");
  return request.readBody(state.limits.scimBodyBytes).then(
    (bodyText) => answer(pending, bodyText),
    (error: unknown) => answer(pending, "", { error }),
  );
}

/** A request between arrival and answer: where it goes, and when it came (undefined: not journaled). */
type Pending = {
  state: ImmutaState;
  iam: Iam;
  rest: string;
  request: ScimHttpRequest;
  started: Date | undefined;
  startedAt: number;
};

/** Routes the request (or renders the failure before it), then journals the exchange. */
function answer(pending: Pending, bodyText: string, failure?: { error: unknown }): ScimReply {
  const { state, iam, request, started } = pending;
  let reply: ScimReply;
  try {
    if (failure !== undefined) throw failure.error;
    const url = new URL(request.url);
    const exchange: ScimExchange = {
      state,
      iam,
      request,
      url,
      baseUrl: `${url.origin}${iam.config.scimPath}`,
      bodyText,
    };
    reply = route(exchange, segmentsOf(pending.rest));
  } catch (error) {
    reply = toScimError(error).toReply();
  }
  if (started !== undefined)
    record(state, { request, bodyText, reply, started, startedAt: pending.startedAt });
  return reply;
}

function record(
  state: ImmutaState,
  exchange: {
    request: ScimHttpRequest;
    bodyText: string;
    reply: ScimReply;
    started: Date;
    startedAt: number;
  },
): void {
  const { request, reply } = exchange;
  try {
    // The reply body is the string just sent: recording it costs no clone of the response stream.
    state.journal.record({
      startedDateTime: exchange.started.toISOString(),
      time: Math.round((performance.now() - exchange.startedAt) * 1000) / 1000,
      request: {
        method: request.method,
        url: request.url,
        headers: redactHeaders(request.headers),
        body: redactBody(exchange.bodyText),
      },
      response: {
        status: reply.status,
        // A Response built from a reply carries no reason phrase either.
        statusText: "",
        // The reply's own header table: no credentials in it, and no Headers object to iterate.
        headers: Object.entries(reply.headers),
        body: reply.body ?? "",
      },
    });
  } catch (error) {
    // The answer stands whatever happens to its record; a lost record is a bug to report, not a 500.
    console.error("synclab: could not journal a SCIM exchange:", error);
  }
}

function route(exchange: ScimExchange, segments: string[]): ScimReply {
  const [resourceType = "", id, ...extra] = segments;
  if (extra.length > 0) throw new ScimError(404, `no SCIM endpoint at ${exchange.url.pathname}`);
  switch (resourceType.toLowerCase()) {
    case "users":
      return handleUsers(exchange, id);
    case "groups":
      return handleGroups(exchange, id);
    case "serviceproviderconfig":
    case "resourcetypes":
    case "schemas":
      return handleDiscovery(exchange, resourceType, id);
    default:
      throw new ScimError(404, `no SCIM endpoint at ${exchange.url.pathname}`);
  }
}

/**
 * Entra always sends `Authorization: Bearer <Secret Token>` ("Authorization" in
 * https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups).
 */
function authenticate(iam: Iam, request: ScimHttpRequest): void {
  if (!iam.config.scimEnabled) throw new ScimError(404, `SCIM is not enabled for IAM '${iam.config.id}'`);
  const token = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]?.trim();
  if (token !== iam.config.scimToken) throw new ScimError(401, "missing or invalid bearer token");
}

function segmentsOf(rest: string): string[] {
  const segments = rest.split("/").filter((segment) => segment !== "");
  // Without a `%` there is nothing to decode.
  if (!rest.includes("%")) return segments;
  try {
    return segments.map((segment) => decodeURIComponent(segment));
  } catch {
    throw new ScimError(400, "the path is not valid percent-encoding", "invalidSyntax");
  }
}

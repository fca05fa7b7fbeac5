import { ScimError } from "../scim/scim-error.ts";
import type { Iam, ImmutaState } from "./immuta-state.ts";
import { redactHeaders } from "./journal.ts";
import { readBodyText } from "./read-scim-body.ts";
import { handleDiscovery } from "./scim-discovery.ts";
import type { ScimExchange } from "./scim-exchange.ts";
import { handleGroups } from "./scim-groups.ts";
import { handleUsers } from "./scim-users.ts";

const METHODS_WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

/**
 * Serves one SCIM request for an IAM: authenticates the IAM's bearer token, routes by resource
 * type, renders every failure as a SCIM error, and records the exchange in the journal.
 */
export async function dispatchScim(
  state: ImmutaState,
  iam: Iam,
  rest: string,
  request: Request,
): Promise<Response> {
  const started = state.runtime.clock();
  const startedAt = performance.now();
  let bodyText = "";
  let response: Response;
  try {
    authenticate(iam, request);
    if (METHODS_WITH_BODY.has(request.method)) bodyText = await readBodyText(request);
    const url = new URL(request.url);
    const exchange: ScimExchange = {
      state,
      iam,
      request,
      url,
      baseUrl: `${url.origin}${iam.config.scimPath}`,
      bodyText,
    };
    response = route(exchange, segmentsOf(rest));
  } catch (error) {
    response = toErrorResponse(error);
  }
  if (state.journal.limit > 0) {
    state.journal.record({
      startedDateTime: started.toISOString(),
      time: Math.round((performance.now() - startedAt) * 1000) / 1000,
      request: {
        method: request.method,
        url: request.url,
        headers: redactHeaders(request.headers),
        body: bodyText,
      },
      response: {
        status: response.status,
        statusText: response.statusText,
        headers: redactHeaders(response.headers),
        body: await response.clone().text(),
      },
    });
  }
  return response;
}

function route(exchange: ScimExchange, segments: string[]): Response {
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

/** Entra always sends `Authorization: Bearer <Secret Token>` (reference/entra.md §1.1). */
function authenticate(iam: Iam, request: Request): void {
  if (!iam.config.scimEnabled) throw new ScimError(404, `SCIM is not enabled for IAM '${iam.config.id}'`);
  const token = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]?.trim();
  if (token !== iam.config.scimToken) throw new ScimError(401, "missing or invalid bearer token");
}

function segmentsOf(rest: string): string[] {
  try {
    return rest
      .split("/")
      .filter((segment) => segment !== "")
      .map((segment) => decodeURIComponent(segment));
  } catch {
    throw new ScimError(400, "the path is not valid percent-encoding", "invalidSyntax");
  }
}

/** Any failure as a SCIM error response; an unexpected one is a 500, never a crash. */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof ScimError) {
    return error.toResponse(error.status === 401 ? { "www-authenticate": 'Bearer realm="synclab"' } : {});
  }
  console.error("synclab: unexpected error in the fake Immuta:", error);
  return new ScimError(500, "internal error in the fake Immuta").toResponse();
}

import { ScimError } from "../scim/scim-error.ts";
import type { Filter } from "../scim/filter/filter-ast.ts";
import { matchesFilter } from "../scim/filter/match-filter.ts";
import { parseFilter } from "../scim/filter/parse-filter.ts";
import { URN } from "../scim/urns.ts";
import type { ImmutaUser } from "./user-store.ts";
import type { Iam } from "./immuta-state.ts";
import { parseListQuery, selectAttributes } from "./list-query.ts";
import { patchUserResource } from "./patch-resource.ts";
import { bodyOf, checkIfMatch, type ScimExchange } from "./scim-exchange.ts";
import { etagOf, listResponse, renderUser, scimJson } from "./render-scim.ts";
import { createUser, storeUserVersion } from "./user-service.ts";

/** `/Users` and `/Users/{id}` (RFC 7644 §3.2-§3.6). */
export function handleUsers(exchange: ScimExchange, id: string | undefined): Response {
  const { request } = exchange;
  if (id === undefined) {
    if (request.method === "GET") return listUsers(exchange);
    if (request.method === "POST") return postUser(exchange);
    throw new ScimError(405, `${request.method} is not supported on /Users`);
  }
  const user = exchange.iam.users.get(id);
  if (!user || user.scimDeleted) throw new ScimError(404, `User ${id} not found`);
  switch (request.method) {
    case "GET":
      return respondWithUser(exchange, user);
    case "PUT":
      checkIfMatch(request, user.version);
      return respondWithUser(
        exchange,
        storeUserVersion(exchange.state, exchange.iam, user, bodyOf(exchange)),
      );
    case "PATCH": {
      checkIfMatch(request, user.version);
      const next = patchUserResource(user.resource, bodyOf(exchange), exchange.iam.config.assumptions);
      return respondWithUser(exchange, storeUserVersion(exchange.state, exchange.iam, user, next));
    }
    case "DELETE":
      checkIfMatch(request, user.version);
      deleteUser(exchange, user);
      return new Response(null, { status: 204 });
    default:
      throw new ScimError(405, `${request.method} is not supported on /Users/{id}`);
  }
}

function respondWithUser(exchange: ScimExchange, user: ImmutaUser, status = 200): Response {
  const query = parseListQuery(exchange.url);
  const body = selectAttributes(
    renderUser(user, exchange.iam.config, exchange.baseUrl),
    query.attributes,
    query.excludedAttributes,
  );
  const location = status === 201 ? { location: `${exchange.baseUrl}/Users/${user.scimId}` } : {};
  return scimJson(body, status, { etag: etagOf(user.version), ...location });
}

function postUser(exchange: ScimExchange): Response {
  const user = createUser(exchange.state, exchange.iam, bodyOf(exchange));
  return respondWithUser(exchange, user, 201);
}

/**
 * Deprovision: Immuta deactivates rather than deletes users (reference/immuta.md §1.1, Okta SCIM doc);
 * what a SCIM DELETE does is the `deleteUser` assumption.
 */
function deleteUser(exchange: ScimExchange, user: ImmutaUser): void {
  const { iam, state } = exchange;
  iam.groups.removeMember(user.scimId);
  if (iam.config.assumptions.deleteUser === "delete") {
    iam.users.delete(user.scimId);
    return;
  }
  // The Immuta user stays, disabled; SCIM answers 404 for it from now on (RFC 7644 §3.6).
  iam.users.put({
    ...user,
    scimDeleted: true,
    disabled: true,
    lastModified: state.runtime.clock().toISOString(),
  });
}

function listUsers(exchange: ScimExchange): Response {
  const query = parseListQuery(exchange.url);
  const filter = query.filter === null ? null : parseFilter(query.filter);
  const matches =
    filter === null
      ? [...exchange.iam.users.all()].filter((user) => !user.scimDeleted)
      : findUsers(exchange.iam, filter);
  const page = matches.slice(query.startIndex - 1, query.startIndex - 1 + query.count);
  const resources = page.map((user) =>
    selectAttributes(
      renderUser(user, exchange.iam.config, exchange.baseUrl),
      query.attributes,
      query.excludedAttributes,
    ),
  );
  return scimJson(listResponse(resources, matches.length, query.startIndex));
}

/** Uses the userName / externalId / id indexes for the equality filters Entra sends; scans otherwise. */
function findUsers(iam: Iam, filter: Filter): ImmutaUser[] {
  const indexed = indexedLookup(iam, filter);
  if (indexed !== undefined) return indexed && !indexed.scimDeleted ? [indexed] : [];
  const result: ImmutaUser[] = [];
  for (const user of iam.users.all()) {
    if (user.scimDeleted) continue;
    const rendered = { ...user.resource, id: user.scimId };
    if (matchesFilter(rendered, filter)) result.push(user);
  }
  return result;
}

function indexedLookup(iam: Iam, filter: Filter): ImmutaUser | null | undefined {
  if (filter.kind !== "compare" || filter.op !== "eq" || typeof filter.value !== "string") return undefined;
  const { uri, name, subAttr } = filter.path;
  if (subAttr !== null || (uri !== null && uri.toLowerCase() !== URN.user.toLowerCase())) return undefined;
  switch (name.toLowerCase()) {
    case "username":
      return iam.users.getByUserName(filter.value) ?? null;
    case "externalid":
      return iam.users.getByExternalId(filter.value) ?? null;
    case "id":
      return iam.users.get(filter.value) ?? null;
    default:
      return undefined;
  }
}

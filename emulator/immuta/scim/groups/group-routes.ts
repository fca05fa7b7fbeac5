import type { JsonObject, JsonValue } from "../../../scim/index.ts";
import { ScimError } from "../../../scim/index.ts";
import type { ImmutaGroup } from "../../model/group-store.ts";
import { parseListQuery, selectAttributes, type ListQuery } from "../list-query.ts";
import { patchGroupResource } from "../patch-resource.ts";
import { emptyReply, etagOf, listResponse, scimJson, type ScimReply } from "../scim-reply.ts";
import { bodyOf, checkIfMatch, isNotModified, type ScimExchange } from "../scim-exchange.ts";
import { findGroups } from "./find-groups.ts";
import { assertMembersWithinLimits, assertPatchWithinLimits, parseLimitedFilter } from "../request-limits.ts";
import { createGroup, storeGroupVersion, validateGroup } from "./group-service.ts";
import { renderGroup } from "./render-group.ts";

/**
 * `/Groups` and `/Groups/{id}`: Entra creates groups empty, then adds members by PATCH ("Groups"
 * in https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups).
 */
export function handleGroups(exchange: ScimExchange, id: string | undefined): ScimReply {
  const { request, iam } = exchange;
  if (id === undefined) {
    if (request.method === "GET") return listGroups(exchange);
    if (request.method === "POST")
      return respondWithGroup(exchange, createGroup(exchange, limitedBody(exchange)), 201);
    throw new ScimError(405, `${request.method} is not supported on /Groups`);
  }
  const group = iam.groups.get(id);
  if (!group) throw new ScimError(404, `Group ${id} not found`);
  switch (request.method) {
    case "GET":
      if (isNotModified(request, group.version)) return emptyReply(304, { etag: etagOf(group.version) });
      return respondWithGroup(exchange, group);
    case "PUT":
      checkIfMatch(request, group.version);
      return respondWithGroup(
        exchange,
        storeGroupVersion(exchange, group, validateGroup(exchange, limitedBody(exchange))),
      );
    case "PATCH": {
      checkIfMatch(request, group.version);
      const current = renderGroup(group, exchange.baseUrl);
      const body = limitedBody(exchange);
      assertPatchWithinLimits(body, exchange.state.limits);
      const next = patchGroupResource(current, body, iam.config.assumptions);
      const stored = storeGroupVersion(exchange, group, validateGroup(exchange, next));
      // Entra expects 204 from a group PATCH (use-scim-to-provision-users-and-groups: "should return 204");
      // a client that names `attributes` asks for the resource (RFC 7644 §3.5.2).
      return exchange.url.searchParams.has("attributes")
        ? respondWithGroup(exchange, stored)
        : emptyReply(204, { etag: etagOf(stored.version) });
    }
    case "DELETE":
      checkIfMatch(request, group.version);
      iam.groups.delete(group.scimId);
      return emptyReply(204);
    default:
      throw new ScimError(405, `${request.method} is not supported on /Groups/{id}`);
  }
}

/** The body, with no more members than one request may name. */
function limitedBody(exchange: ScimExchange): JsonValue {
  const body = bodyOf(exchange);
  assertMembersWithinLimits(body, exchange.state.limits);
  return body;
}

function respondWithGroup(exchange: ScimExchange, group: ImmutaGroup, status = 200): ScimReply {
  const query = parseListQuery(exchange.url);
  const body = renderSelected(group, exchange.baseUrl, query);
  const location = status === 201 ? { location: `${exchange.baseUrl}/Groups/${group.scimId}` } : {};
  return scimJson(body, status, { etag: etagOf(group.version), ...location });
}

/** Entra reads groups with `excludedAttributes=members`; those are then not even rendered. */
function renderSelected(group: ImmutaGroup, baseUrl: string, query: ListQuery): JsonObject {
  const withMembers =
    query.attributes !== null ||
    !query.excludedAttributes.some((name) =>
      /^(urn:ietf:params:scim:schemas:core:2\.0:group:)?members$/i.test(name),
    );
  return selectAttributes(
    renderGroup(group, baseUrl, withMembers),
    query.attributes,
    query.excludedAttributes,
  );
}

/** RFC 7644 §3.4.2: filter, then page; only the page is rendered for the answer. */
function listGroups(exchange: ScimExchange): ScimReply {
  const { iam, baseUrl } = exchange;
  const query = parseListQuery(exchange.url);
  const filter = query.filter === null ? null : parseLimitedFilter(query.filter, exchange.state.limits);
  const matches = filter === null ? [...iam.groups.all()] : findGroups(iam, baseUrl, filter);
  const page = matches.slice(query.startIndex - 1, query.startIndex - 1 + query.count);
  const resources = page.map((group) => renderSelected(group, baseUrl, query));
  return scimJson(listResponse(resources, matches.length, query.startIndex));
}

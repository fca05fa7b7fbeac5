import { ScimError } from "../scim/scim-error.ts";
import type { Filter } from "../scim/filter/filter-ast.ts";
import { matchesFilter } from "../scim/filter/match-filter.ts";
import { parseFilter } from "../scim/filter/parse-filter.ts";
import { findKey, getMember, isJsonObject, type JsonObject, type JsonValue } from "../scim/json.ts";
import { URN } from "../scim/urns.ts";
import type { ImmutaGroup } from "./group-store.ts";
import type { Iam } from "./immuta-state.ts";
import { parseListQuery, selectAttributes, type ListQuery } from "./list-query.ts";
import { normalizeResourceBody, patchGroupResource } from "./patch-resource.ts";
import { emptyReply, etagOf, listResponse, renderGroup, scimJson, type ScimReply } from "./render-scim.ts";
import { bodyOf, checkIfMatch, isNotModified, type ScimExchange } from "./scim-exchange.ts";

/** `/Groups` and `/Groups/{id}`: Entra creates groups empty, then adds members by PATCH (reference/entra.md §1.9). */
export function handleGroups(exchange: ScimExchange, id: string | undefined): ScimReply {
  const { request, iam } = exchange;
  if (id === undefined) {
    if (request.method === "GET") return listGroups(exchange);
    if (request.method === "POST")
      return respondWithGroup(exchange, createGroup(exchange, bodyOf(exchange)), 201);
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
        storeGroupVersion(exchange, group, validateGroup(exchange, bodyOf(exchange))),
      );
    case "PATCH": {
      checkIfMatch(request, group.version);
      const current = renderGroup(group, exchange.baseUrl);
      const next = patchGroupResource(current, bodyOf(exchange), iam.config.assumptions);
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

type GroupInput = { resource: JsonObject; displayName: string; members: Set<string> };

/** Checks a Group body (RFC 7643 §4.2): core Group schema, a displayName, members that are users of this IAM. */
function validateGroup(exchange: ScimExchange, body: JsonValue): GroupInput {
  const resource = normalizeResourceBody(body, "Group");
  const displayName = getMember(resource, "displayName");
  if (typeof displayName !== "string" || displayName.trim() === "") {
    throw new ScimError(400, "displayName is required and must be a non-empty string", "invalidValue");
  }
  const members = new Set<string>();
  for (const member of asArray(getMember(resource, "members"))) {
    const value = isJsonObject(member) ? getMember(member, "value") : undefined;
    if (typeof value !== "string")
      throw new ScimError(400, "each member needs a string value", "invalidValue");
    const user = exchange.iam.users.get(value);
    if (!user || user.scimDeleted)
      throw new ScimError(400, `member ${value} is not a user of this IAM`, "invalidValue");
    members.add(value);
  }
  for (const name of ["members", "displayName"]) {
    const key = findKey(resource, name);
    if (key !== undefined) Reflect.deleteProperty(resource, key);
  }
  return { resource, displayName, members };
}

function asArray(value: JsonValue | undefined): JsonValue[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function createGroup(exchange: ScimExchange, body: JsonValue): ImmutaGroup {
  const { iam, state } = exchange;
  const input = validateGroup(exchange, body);
  iam.groups.assertNameFree(input.displayName);
  const now = state.runtime.clock().toISOString();
  const group: ImmutaGroup = {
    scimId: state.runtime.newId(),
    immutaId: state.nextGroupId(),
    iamid: iam.config.id,
    displayName: input.displayName,
    resource: input.resource,
    members: input.members,
    created: now,
    lastModified: now,
    version: 1,
  };
  iam.groups.put(group);
  return group;
}

/** A write that changes nothing keeps the version (and so the ETag). */
function storeGroupVersion(exchange: ScimExchange, group: ImmutaGroup, input: GroupInput): ImmutaGroup {
  const unchanged =
    input.displayName === group.displayName &&
    JSON.stringify(input.resource) === JSON.stringify(group.resource) &&
    input.members.size === group.members.size &&
    [...input.members].every((member) => group.members.has(member));
  if (unchanged) return group;
  exchange.iam.groups.assertNameFree(input.displayName, group.scimId);
  const updated: ImmutaGroup = {
    ...group,
    displayName: input.displayName,
    resource: input.resource,
    members: input.members,
    lastModified: exchange.state.runtime.clock().toISOString(),
    version: group.version + 1,
  };
  exchange.iam.groups.put(updated);
  return updated;
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

function listGroups(exchange: ScimExchange): ScimReply {
  const { iam, baseUrl } = exchange;
  const query = parseListQuery(exchange.url);
  const filter = query.filter === null ? null : parseFilter(query.filter);
  const matches = filter === null ? [...iam.groups.all()] : findGroups(iam, baseUrl, filter);
  const page = matches.slice(query.startIndex - 1, query.startIndex - 1 + query.count);
  const resources = page.map((group) => renderSelected(group, baseUrl, query));
  return scimJson(listResponse(resources, matches.length, query.startIndex));
}

/**
 * Groups matching a filter, judged on the rendered group. `displayName eq`, alone or as a conjunct
 * of `and` (Entra's group matching, reference/entra.md §1.9), is read from the name index in O(1).
 */
function findGroups(iam: Iam, baseUrl: string, filter: Filter): ImmutaGroup[] {
  const candidates = indexedCandidates(iam, filter) ?? iam.groups.all();
  const found: ImmutaGroup[] = [];
  for (const group of candidates) if (matchesFilter(renderGroup(group, baseUrl), filter)) found.push(group);
  return found;
}

function indexedCandidates(iam: Iam, filter: Filter): ImmutaGroup[] | undefined {
  if (filter.kind === "and") {
    const left = indexedCandidates(iam, filter.left);
    return left ?? indexedCandidates(iam, filter.right);
  }
  if (filter.kind !== "compare" || filter.op !== "eq" || typeof filter.value !== "string") return undefined;
  const { uri, name, subAttr } = filter.path;
  if (subAttr !== null || (uri !== null && uri.toLowerCase() !== URN.group.toLowerCase())) return undefined;
  if (name.toLowerCase() === "displayname") {
    const group = iam.groups.getByDisplayName(filter.value);
    return group === undefined ? [] : [group];
  }
  if (name.toLowerCase() === "id") {
    const group = iam.groups.get(filter.value);
    return group === undefined ? [] : [group];
  }
  return undefined;
}

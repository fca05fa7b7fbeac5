import { ScimError } from "../scim/scim-error.ts";
import type { Filter } from "../scim/filter/filter-ast.ts";
import { matchesFilter } from "../scim/filter/match-filter.ts";
import { parseFilter } from "../scim/filter/parse-filter.ts";
import { cloneJson, findKey, isJsonObject, type JsonObject, type JsonValue } from "../scim/json.ts";
import { URN } from "../scim/urns.ts";
import type { ImmutaGroup } from "./group-store.ts";
import type { Iam } from "./immuta-state.ts";
import { parseListQuery, selectAttributes } from "./list-query.ts";
import { patchGroupResource } from "./patch-resource.ts";
import { etagOf, listResponse, renderGroup, scimJson } from "./render-scim.ts";
import { bodyOf, checkIfMatch, type ScimExchange } from "./scim-exchange.ts";

/** `/Groups` and `/Groups/{id}`: Entra creates groups empty, then adds members by PATCH (reference/entra.md §1.9). */
export function handleGroups(exchange: ScimExchange, id: string | undefined): Response {
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
      // Entra expects 204 from a group PATCH (use-scim-to-provision-users-and-groups: "should return 204").
      const wantsBody = exchange.url.searchParams.has("attributes");
      return wantsBody
        ? respondWithGroup(exchange, stored)
        : new Response(null, { status: 204, headers: { etag: etagOf(stored.version) } });
    }
    case "DELETE":
      checkIfMatch(request, group.version);
      iam.groups.delete(group.scimId);
      return new Response(null, { status: 204 });
    default:
      throw new ScimError(405, `${request.method} is not supported on /Groups/{id}`);
  }
}

type GroupInput = { resource: JsonObject; displayName: string; members: Set<string> };

/** Checks a Group body (RFC 7643 §4.2): core Group schema, a displayName, members that are users of this IAM. */
function validateGroup(exchange: ScimExchange, body: JsonValue): GroupInput {
  if (!isJsonObject(body)) throw new ScimError(400, "a Group must be a JSON object", "invalidSyntax");
  const schemas = body.schemas;
  if (
    !Array.isArray(schemas) ||
    !schemas.some((s) => typeof s === "string" && s.toLowerCase() === URN.group.toLowerCase())
  ) {
    throw new ScimError(400, `schemas must include ${URN.group}`, "invalidValue");
  }
  const resource = cloneJson(body);
  const nameKey = findKey(resource, "displayName");
  const displayName = nameKey === undefined ? undefined : resource[nameKey];
  if (typeof displayName !== "string" || displayName.trim() === "") {
    throw new ScimError(400, "displayName is required and must be a non-empty string", "invalidValue");
  }
  const members = new Set<string>();
  const membersKey = findKey(resource, "members");
  const rawMembers = membersKey === undefined ? [] : resource[membersKey];
  if (rawMembers !== null && !Array.isArray(rawMembers))
    throw new ScimError(400, "members must be an array", "invalidValue");
  for (const member of rawMembers ?? []) {
    const value = isJsonObject(member) ? member.value : undefined;
    if (typeof value !== "string")
      throw new ScimError(400, "each member needs a string value", "invalidValue");
    const user = exchange.iam.users.get(value);
    if (!user || user.scimDeleted)
      throw new ScimError(400, `member ${value} is not a user of this IAM`, "invalidValue");
    members.add(value);
  }
  for (const name of ["id", "meta", "members", "displayName"]) {
    const key = findKey(resource, name);
    if (key !== undefined) delete resource[key];
  }
  return { resource, displayName, members };
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

function storeGroupVersion(exchange: ScimExchange, group: ImmutaGroup, input: GroupInput): ImmutaGroup {
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

function respondWithGroup(exchange: ScimExchange, group: ImmutaGroup, status = 200): Response {
  const query = parseListQuery(exchange.url);
  const body = selectAttributes(
    renderGroup(group, exchange.baseUrl),
    query.attributes,
    query.excludedAttributes,
  );
  const location = status === 201 ? { location: `${exchange.baseUrl}/Groups/${group.scimId}` } : {};
  return scimJson(body, status, { etag: etagOf(group.version), ...location });
}

function listGroups(exchange: ScimExchange): Response {
  const query = parseListQuery(exchange.url);
  const filter = query.filter === null ? null : parseFilter(query.filter);
  const matches =
    filter === null ? [...exchange.iam.groups.all()] : findGroups(exchange.iam, exchange.baseUrl, filter);
  const page = matches.slice(query.startIndex - 1, query.startIndex - 1 + query.count);
  const resources = page.map((group) =>
    selectAttributes(renderGroup(group, exchange.baseUrl), query.attributes, query.excludedAttributes),
  );
  return scimJson(listResponse(resources, matches.length, query.startIndex));
}

function findGroups(iam: Iam, baseUrl: string, filter: Filter): ImmutaGroup[] {
  if (
    filter.kind === "compare" &&
    filter.op === "eq" &&
    typeof filter.value === "string" &&
    filter.path.subAttr === null &&
    filter.path.name.toLowerCase() === "displayname"
  ) {
    const group = iam.groups.getByDisplayName(filter.value);
    return group ? [group] : [];
  }
  return [...iam.groups.all()].filter((group) => matchesFilter(renderGroup(group, baseUrl), filter));
}

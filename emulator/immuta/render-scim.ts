import type { JsonObject } from "../scim/json.ts";
import { SCIM_CONTENT_TYPE, URN } from "../scim/urns.ts";
import type { IamConfig } from "./iam-config.ts";
import type { ImmutaGroup } from "./group-store.ts";
import type { ImmutaUser } from "./user-store.ts";

/** A weak ETag for a resource version (RFC 7644 §3.14). */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}

const CORE_SCHEMAS = new Set([URN.user.toLowerCase(), URN.group.toLowerCase()]);

/** The stored user as a SCIM User resource. */
export function renderUser(user: ImmutaUser, iam: IamConfig, baseUrl: string): JsonObject {
  const body: JsonObject = {};
  for (const [key, value] of Object.entries(user.resource)) {
    const isExtension = key.toLowerCase().startsWith("urn:") && !CORE_SCHEMAS.has(key.toLowerCase());
    // With echoExtensions off the fake forgets extension data on read, like a server that drops it.
    if (isExtension && !iam.assumptions.echoExtensions) continue;
    Object.defineProperty(body, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return {
    schemas: body.schemas ?? [URN.user],
    id: user.scimId,
    ...body,
    meta: {
      resourceType: "User",
      created: user.created,
      lastModified: user.lastModified,
      location: `${baseUrl}/Users/${user.scimId}`,
      version: etagOf(user.version),
    },
  };
}

/** The stored group as a SCIM Group resource; `members` can be left out (excludedAttributes=members). */
export function renderGroup(group: ImmutaGroup, baseUrl: string, withMembers = true): JsonObject {
  return {
    schemas: group.resource.schemas ?? [URN.group],
    id: group.scimId,
    ...group.resource,
    displayName: group.displayName,
    ...(withMembers
      ? { members: [...group.members].map((value) => ({ value, $ref: `${baseUrl}/Users/${value}` })) }
      : {}),
    meta: {
      resourceType: "Group",
      created: group.created,
      lastModified: group.lastModified,
      location: `${baseUrl}/Groups/${group.scimId}`,
      version: etagOf(group.version),
    },
  };
}

/** A ListResponse (RFC 7644 §3.4.2). */
export function listResponse(resources: JsonObject[], totalResults: number, startIndex: number): JsonObject {
  return {
    schemas: [URN.listResponse],
    totalResults,
    Resources: resources,
    startIndex,
    itemsPerPage: resources.length,
  };
}

/** A SCIM JSON response. */
export function scimJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": SCIM_CONTENT_TYPE, ...headers },
  });
}

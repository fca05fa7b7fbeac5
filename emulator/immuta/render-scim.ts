import type { JsonObject } from "../scim/json.ts";
import type { ScimError } from "../scim/scim-error.ts";
import { isCoreSchema, SCIM_CONTENT_TYPE, URN } from "../scim/urns.ts";
import type { IamConfig } from "./iam-config.ts";
import type { ImmutaGroup } from "./group-store.ts";
import type { ImmutaUser } from "./user-store.ts";

/**
 * A SCIM answer before it becomes a Response: the dispatcher journals `body` as the very string
 * it sends, so recording an exchange never has to clone and re-read a response stream.
 */
export type ScimReply = { status: number; headers: Record<string, string>; body: string | null };

/** A weak ETag for a resource version (RFC 7644 §3.14). */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/** True for a key holding an extension object (a schema URN other than the core ones). */
export function isExtensionKey(key: string): boolean {
  const lower = key.toLowerCase();
  return lower.startsWith("urn:") && !isCoreSchema(lower);
}

/** The stored user as a SCIM User resource. */
export function renderUser(user: ImmutaUser, iam: IamConfig, baseUrl: string): JsonObject {
  const body: JsonObject = {};
  for (const key of Object.keys(user.resource)) {
    // With echoExtensions off the fake forgets extension data on read, like a server that drops it.
    if (!iam.assumptions.echoExtensions && isExtensionKey(key)) continue;
    Object.defineProperty(body, key, {
      value: user.resource[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
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
      ? {
          members: [...group.members].map((value) => ({
            value,
            $ref: `${baseUrl}/Users/${value}`,
            type: "User",
          })),
        }
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

/**
 * A ListResponse (RFC 7644 §3.4.2). `Resources` is always present, empty when nothing matched:
 * Entra's Test Connection expects `"Resources": []` (reference/entra.md §1.2).
 */
export function listResponse(resources: JsonObject[], totalResults: number, startIndex: number): JsonObject {
  return {
    schemas: [URN.listResponse],
    totalResults,
    Resources: resources,
    startIndex,
    itemsPerPage: resources.length,
  };
}

/** A SCIM JSON reply. */
export function scimJson(body: unknown, status = 200, headers: Record<string, string> = {}): ScimReply {
  return { status, headers: { "content-type": SCIM_CONTENT_TYPE, ...headers }, body: JSON.stringify(body) };
}

/** A reply without a body (204 after DELETE or a group PATCH, 304 for a matching If-None-Match). */
export function emptyReply(status: 204 | 304, headers: Record<string, string> = {}): ScimReply {
  return { status, headers, body: null };
}

/** The RFC 7644 §3.12 error body; a 401 also names the scheme (RFC 6750 §3). */
export function errorReply(error: ScimError): ScimReply {
  const headers: Record<string, string> =
    error.status === 401 ? { "www-authenticate": 'Bearer realm="synclab"' } : {};
  return scimJson(error.toJSON(), error.status, headers);
}

/** The reply as a fetch Response. */
export function toResponse(reply: ScimReply): Response {
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}

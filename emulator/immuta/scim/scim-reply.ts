import type { JsonObject } from "../../scim/index.ts";
import { SCIM_CONTENT_TYPE, URN } from "../../scim/index.ts";

/**
 * A SCIM answer before it becomes a Response: the dispatcher journals `body` as the very string
 * it sends, so recording an exchange never has to clone and re-read a response stream.
 */
export type ScimReply = { status: number; headers: Record<string, string>; body: string | null };

/** A weak ETag for a resource version (RFC 7644 §3.14). */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/**
 * A ListResponse (RFC 7644 §3.4.2). `Resources` is always present, empty when nothing matched:
 * Entra's Test Connection expects an empty ListResponse ("Test Connection" in
 * https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups).
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

/** The reply as a fetch Response. */
export function toResponse(reply: ScimReply): Response {
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}

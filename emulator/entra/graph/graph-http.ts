import { EdgeError, jsonTextDepth, readBoundedText, type EdgeCors } from "../../http/index.ts";
import { isJsonObject, type JsonObject } from "../../scim/index.ts";
import { notFound } from "../directory/directory.ts";
import type { EntraGroup, EntraUser } from "../directory/entra-user.ts";
import { EntraError } from "../entra-error.ts";
import type { EntraTenant, TenantApp } from "../tenant/index.ts";

/**
 * The service root the request came in on (`https://127.0.0.1:4443/v1.0`): every `@odata.context`,
 * `@odata.nextLink` and `@odata.id` the fake writes starts with it, so links lead back here.
 */
export function graphBase(request: Request): string {
  return `${new URL(request.url).origin}/v1.0`;
}

/** Bodies nest a few levels at most (a schema's expression trees); deeper is refused, never recursed. */
const MAX_BODY_DEPTH = 64;

/**
 * Largest request body: Microsoft Graph refuses requests over 4 MB with 413 ("Request Entity Too
 * Large" in https://learn.microsoft.com/graph/errors; the 4 MB limit is why large uploads take an
 * upload session, https://learn.microsoft.com/graph/outlook-large-attachments).
 */
export const GRAPH_BODY_BYTES = 4 * 1024 * 1024;

/** Graph's CORS answer: the SDK's headers are echoed from the preflight, ids and Location exposed. */
export const GRAPH_CORS: EdgeCors = {
  allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
  allowHeaders: [],
  exposeHeaders: ["request-id", "client-request-id", "Location", "Content-Type"],
  maxAge: 3600,
};

/**
 * The request's body read once, at most `limit` bytes, so no route reads more than Graph accepts;
 * `null` when it has none. A body that does not arrive whole is Graph's "IO error during request
 * payload read."
 *
 * @throws EntraError 413 RequestEntityTooLarge, 400 BadRequest.
 */
export async function readBoundedBody(request: Request, limit = GRAPH_BODY_BYTES): Promise<string | null> {
  if (request.method === "GET" || request.method === "HEAD" || request.body === null) return null;
  try {
    return await readBoundedText(request, limit);
  } catch (error) {
    if (error instanceof EdgeError && error.status === 413)
      throw new EntraError(
        413,
        "RequestEntityTooLarge",
        `The request body is larger than the ${limit} bytes accepted.`,
      );
    throw new EntraError(400, "BadRequest", "IO error during request payload read.");
  }
}

/**
 * The request's JSON object body. `optional`: an empty body is `{}` (restart, start, pause).
 *
 * @throws EntraError 400 BadRequest for anything but a JSON object.
 */
export async function readJson(request: Request, options: { optional?: boolean } = {}): Promise<JsonObject> {
  const text = await request.text();
  if (text.trim() === "" && options.optional) return {};
  // The depth is measured on the text, without recursion, before anything parses or walks it.
  if (jsonTextDepth(text) > MAX_BODY_DEPTH)
    throw new EntraError(
      400,
      "BadRequest",
      `The request payload nests deeper than ${MAX_BODY_DEPTH} levels.`,
    );
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new EntraError(
      400,
      "BadRequest",
      "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
    );
  }
  if (!isJsonObject(body))
    throw new EntraError(400, "BadRequest", "The request payload must be a JSON object.");
  return body;
}

/** A live (not deleted) user by id or userPrincipalName. */
export function requireUser(tenant: EntraTenant, idOrUpn: string): EntraUser {
  const user = tenant.directory.user(idOrUpn);
  if (!user || user.deletedDateTime !== null) throw notFound(idOrUpn);
  return user;
}

/** A live (not deleted) group by id. */
export function requireGroup(tenant: EntraTenant, id: string): EntraGroup {
  const group = tenant.directory.group(id);
  if (!group || group.deletedDateTime !== null) throw notFound(id);
  return group;
}

/**
 * An app by service principal id. The key form `servicePrincipals(appId='...')` is rewritten to the
 * id before routing (see canonicalPath).
 */
export function requireApp(tenant: EntraTenant, servicePrincipalId: string): TenantApp {
  const app = tenant.apps().find((candidate) => candidate.job.servicePrincipalId === servicePrincipalId);
  if (!app) throw notFound(servicePrincipalId);
  return app;
}

/** An app whose job has the given id. */
export function requireJob(tenant: EntraTenant, servicePrincipalId: string, jobId: string): TenantApp {
  const app = requireApp(tenant, servicePrincipalId);
  if (app.job.jobId !== jobId) throw new EntraError(404, "NotFound", `The job ${jobId} does not exist.`);
  return app;
}

/**
 * The object id an `@odata.id` reference names: the last path segment of
 * `https://graph.microsoft.com/v1.0/directoryObjects/{id}` (or `/users/{id}`, `/groups/{id}`).
 */
export function readReference(body: JsonObject): string {
  const reference = body["@odata.id"];
  if (typeof reference !== "string" || reference.trim() === "") {
    throw new EntraError(
      400,
      "Request_BadRequest",
      "The @odata.id property is required and must be a string.",
    );
  }
  const path = reference.split(/[?#]/)[0] ?? "";
  const segments = path.split("/").filter((segment) => segment !== "");
  const id = segments.at(-1);
  const parent = segments.at(-2);
  if (
    id === undefined ||
    !["directoryObjects", "users", "groups", "servicePrincipals"].includes(parent ?? "")
  ) {
    throw new EntraError(400, "Request_BadRequest", `Invalid object identifier '${reference}'.`);
  }
  try {
    return decodeURIComponent(id);
  } catch {
    throw new EntraError(400, "Request_BadRequest", `Invalid object identifier '${reference}'.`);
  }
}

/** A string member of a body, or the Graph error for it. */
export function readString(body: JsonObject, name: string, resource: "User" | "Group"): string {
  const value = body[name];
  if (typeof value !== "string" || value.trim() === "") {
    throw new EntraError(
      400,
      "Request_BadRequest",
      `Invalid value specified for property '${name}' of resource '${resource}'.`,
    );
  }
  return value;
}

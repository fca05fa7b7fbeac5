import { ScimError } from "../scim/scim-error.ts";
import { cloneJson, findKey, isJsonObject, type JsonObject, type JsonValue } from "../scim/json.ts";
import { URN } from "../scim/urns.ts";
import type { Iam, ImmutaState } from "./immuta-state.ts";
import { projectAttributes } from "./project-attributes.ts";
import type { ImmutaUser } from "./user-store.ts";

/** Attributes the client may not set: the server assigns them (RFC 7643 §3.1). */
const SERVER_ATTRIBUTES = ["id", "meta", "groups"];

/**
 * Checks a SCIM user body and returns the resource to store: `schemas` must name the core User
 * schema and `userName` must be a non-empty string (RFC 7643 §4.1); server-assigned attributes are dropped.
 */
export function validateUserResource(body: JsonValue): JsonObject {
  if (!isJsonObject(body)) throw new ScimError(400, "a User must be a JSON object", "invalidSyntax");
  const schemas = body.schemas;
  if (
    !Array.isArray(schemas) ||
    !schemas.some((s) => typeof s === "string" && s.toLowerCase() === URN.user.toLowerCase())
  ) {
    throw new ScimError(400, `schemas must include ${URN.user}`, "invalidValue");
  }
  const userNameKey = findKey(body, "userName");
  const userName = userNameKey === undefined ? undefined : body[userNameKey];
  if (typeof userName !== "string" || userName.trim() === "") {
    throw new ScimError(400, "userName is required and must be a non-empty string", "invalidValue");
  }
  const activeKey = findKey(body, "active");
  if (activeKey !== undefined && typeof body[activeKey] !== "boolean" && body[activeKey] !== null) {
    throw new ScimError(400, "active must be a boolean", "invalidValue");
  }
  const resource = cloneJson(body);
  for (const name of SERVER_ATTRIBUTES) {
    const key = findKey(resource, name);
    if (key !== undefined) delete resource[key];
  }
  return resource;
}

/** The userName of a validated resource (whatever its key's case). */
export function userNameOf(resource: JsonObject): string {
  const key = findKey(resource, "userName");
  const value = key === undefined ? undefined : resource[key];
  return typeof value === "string" ? value : "";
}

function isActive(resource: JsonObject): boolean {
  const key = findKey(resource, "active");
  return key === undefined || resource[key] !== false;
}

/** Creates a user from a POST body: 409 uniqueness when the userName is taken. */
export function createUser(state: ImmutaState, iam: Iam, body: JsonValue): ImmutaUser {
  const resource = validateUserResource(body);
  const userName = userNameOf(resource);
  // A user deleted over SCIM but kept (deactivated) in Immuta is the same Immuta user when it comes back.
  const revived = iam.users.getByUserName(userName);
  if (!revived?.scimDeleted) iam.users.assertUserNameFree(userName);
  if (revived) iam.users.delete(revived.scimId);
  const now = state.runtime.clock().toISOString();
  const user: ImmutaUser = {
    scimId: state.runtime.newId(),
    immutaId: revived?.immutaId ?? state.nextImmutaId(),
    iamid: iam.config.id,
    userid: userName,
    resource,
    created: now,
    lastModified: now,
    version: 1,
    disabled: !isActive(resource),
    scimDeleted: false,
    iamAuthorizations: projectAttributes(resource, iam.config),
    bimAuthorizations: revived?.bimAuthorizations ?? new Map<string, string[]>(),
  };
  iam.users.put(user);
  return user;
}

/**
 * Stores a new version of a user's SCIM resource (PUT or PATCH): re-checks uniqueness, recomputes
 * `disabled` and the projected attributes. SCIM never touches `bimAuthorizations`.
 */
export function storeUserVersion(
  state: ImmutaState,
  iam: Iam,
  user: ImmutaUser,
  next: JsonValue,
): ImmutaUser {
  const resource = validateUserResource(next);
  const userName = userNameOf(resource);
  iam.users.assertUserNameFree(userName, user.scimId);
  const updated: ImmutaUser = {
    ...user,
    userid: userName,
    resource,
    lastModified: state.runtime.clock().toISOString(),
    version: user.version + 1,
    disabled: !isActive(resource),
    iamAuthorizations: projectAttributes(resource, iam.config),
  };
  iam.users.put(updated);
  return updated;
}

/** Recomputes every user's projected attributes, after the IAM's attribute rows changed. */
export function reprojectUsers(iam: Iam): void {
  for (const user of iam.users.all()) user.iamAuthorizations = projectAttributes(user.resource, iam.config);
}

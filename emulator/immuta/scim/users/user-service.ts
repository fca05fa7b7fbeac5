import { ScimError } from "../../../scim/index.ts";
import { getMember, isJsonEqual, type JsonObject, type JsonValue, findKey } from "../../../scim/index.ts";
import { URN } from "../../../scim/index.ts";
import type { Iam, ImmutaState } from "../../model/immuta-state.ts";
import { normalizeResourceBody } from "../patch-resource.ts";
import { StoredUser } from "../../model/stored-user.ts";
import type { ImmutaUser } from "../../model/user-store.ts";
import { applyUnknownAttributes } from "./unknown-attributes.ts";

/**
 * Checks a POST or PUT body and returns the resource to store: every attribute valid for its
 * definition (normalizeResourceBody) and the User shape of assertUserShape. Throws ScimError 400.
 */
export function validateUserResource(body: JsonValue): JsonObject {
  const resource = normalizeResourceBody(body, "User");
  assertUserShape(resource);
  return resource;
}

/**
 * What a stored user must keep after any write (RFC 7643 §4.1): the core User schema listed and a
 * non-empty string `userName`. A PATCH result only needs this check: the applier already
 * normalised every value it wrote, and the rest was normalised when it was stored.
 */
export function assertUserShape(resource: JsonObject): void {
  const schemas = getMember(resource, "schemas");
  const core = URN.user.toLowerCase();
  if (
    !Array.isArray(schemas) ||
    !schemas.every((schema) => typeof schema === "string") ||
    !schemas.some((schema) => typeof schema === "string" && schema.toLowerCase() === core)
  ) {
    throw new ScimError(
      400,
      `"schemas" must be an array of strings that includes ${URN.user}`,
      "invalidValue",
    );
  }
  const userName = getMember(resource, "userName");
  if (typeof userName !== "string" || userName.trim() === "") {
    throw new ScimError(400, "userName is required and must be a non-empty string", "invalidValue");
  }
}

/**
 * `password` is writeOnly and `returned: never` (RFC 7643 §4.1.1, §7): Immuta authenticates through the
 * IdP, so the fake accepts it and keeps nothing, and no GET, filter or /bim profile can show it.
 */
function withoutWriteOnly(resource: JsonObject): JsonObject {
  const key = findKey(resource, "password");
  if (key === undefined) return resource;
  const { [key]: _password, ...rest } = resource;
  return rest;
}

/** The userName of a validated resource (whatever its key's case). */
export function userNameOf(resource: JsonObject): string {
  const value = getMember(resource, "userName");
  return typeof value === "string" ? value : "";
}

/**
 * `active` absent means active; Entra deprovisions with `active: false` ("a disable is a request to set
 * the active property to false", https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works).
 */
function isActive(resource: JsonObject): boolean {
  return getMember(resource, "active") !== false;
}

/** Creates a user from a POST body: 409 uniqueness when the userName is taken. */
export function createUser(state: ImmutaState, iam: Iam, body: JsonValue): ImmutaUser {
  const checked = applyUnknownAttributes(validateUserResource(body), { config: iam.config, kind: "body" });
  const resource = withoutWriteOnly(checked);
  const userName = userNameOf(resource);
  // A user deleted over SCIM but kept (deactivated) in Immuta is the same Immuta user when it comes back.
  const revived = iam.users.getByUserName(userName);
  if (!revived?.scimDeleted) iam.users.assertUserNameFree(userName);
  if (revived) iam.users.delete(revived.scimId);
  const now = state.runtime.clock().toISOString();
  const user = new StoredUser(
    {
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
    },
    iam.config,
    revived === undefined ? undefined : StoredUser.bimOf(revived),
  );
  iam.users.put(user);
  return user;
}

/**
 * Stores a new version of a user's SCIM resource, already checked (validateUserResource for a PUT,
 * patchUserResource then assertUserShape for a PATCH): re-checks uniqueness, recomputes `disabled`
 * and projects the attributes from the whole resource (when read). SCIM never touches `bimAuthorizations`.
 * A write that changes nothing keeps the version (and so the ETag).
 */
export function storeUserVersion(
  state: ImmutaState,
  iam: Iam,
  user: ImmutaUser,
  written: JsonObject,
): ImmutaUser {
  const resource = withoutWriteOnly(written);
  if (isJsonEqual(resource, user.resource)) return user;
  const userName = userNameOf(resource);
  iam.users.assertUserNameFree(userName, user.scimId);
  const updated = StoredUser.with(
    user,
    {
      userid: userName,
      resource,
      lastModified: state.runtime.clock().toISOString(),
      version: user.version + 1,
      disabled: !isActive(resource),
    },
    iam.config,
  );
  iam.users.put(updated);
  return updated;
}

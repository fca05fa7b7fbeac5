import { findKey, isJsonObject, type JsonObject, type JsonValue } from "../../scim/index.ts";
import { authorizationsToJson, unionAuthorizations } from "../model/authorizations.ts";
import type { IamConfig } from "../model/iam-config.ts";
import { StoredUser } from "../model/stored-user.ts";
import type { ImmutaUser } from "../model/user-store.ts";

/**
 * The user's aggregated view, as `GET /bim/iam/{iamid}/user/{userid}` returns it (v1 API Swagger
 * `Model46`; https://documentation.immuta.com/saas/developer-guides/api-intro/immuta-v1-api/configure-your-instance-of-immuta/bim):
 * profile with the SCIM resource, the three attribute maps.
 */
export function renderImmutaUser(user: ImmutaUser, iam: IamConfig, groupIds: number[]): JsonObject {
  // Read once each: the projection is computed on read, and an empty Immuta-set map is not created.
  const iamAuthorizations = user.iamAuthorizations;
  const bimAuthorizations = StoredUser.bimOf(user) ?? new Map<string, string[]>();
  const profile: JsonObject = {
    id: user.immutaId,
    iamid: user.iamid,
    userid: user.userid,
    name: immutaNameOf(user),
    email: immutaEmailOf(user),
    createdAt: user.created,
    updatedAt: user.lastModified,
    scim: { ...user.resource, id: user.scimId },
    systemGenerated: false,
  };
  return {
    id: user.immutaId,
    iamid: user.iamid,
    userid: user.userid,
    profile,
    disabled: user.disabled,
    iamAuthorizations: authorizationsToJson(iamAuthorizations),
    bimAuthorizations: authorizationsToJson(bimAuthorizations),
    authorizations: authorizationsToJson(unionAuthorizations(iamAuthorizations, bimAuthorizations)),
    groups: groupIds,
    systemGenerated: false,
    createdAt: user.created,
    updatedAt: user.lastModified,
    iamDisplayName: iam.displayName,
  };
}

function get(resource: JsonObject, name: string): JsonValue | undefined {
  const key = findKey(resource, name);
  return key === undefined ? undefined : resource[key];
}

/** The profile name: the SCIM displayName, else name.formatted, else the userid. */
export function immutaNameOf(user: ImmutaUser): string {
  return displayNameOf(user.resource) ?? user.userid;
}

/** The profile email: the primary SCIM email, else the work one, else the first. */
export function immutaEmailOf(user: ImmutaUser): string | null {
  return emailOf(user.resource);
}

function displayNameOf(resource: JsonObject): string | null {
  const displayName = get(resource, "displayName");
  if (typeof displayName === "string" && displayName !== "") return displayName;
  const name = get(resource, "name");
  const formatted = isJsonObject(name) ? get(name, "formatted") : undefined;
  return typeof formatted === "string" && formatted !== "" ? formatted : null;
}

function emailOf(resource: JsonObject): string | null {
  const emails = get(resource, "emails");
  if (!Array.isArray(emails)) return null;
  const objects = emails.filter(isJsonObject);
  const chosen =
    objects.find((email) => email.primary === true) ??
    objects.find((email) => email.type === "work") ??
    objects[0];
  return chosen && typeof chosen.value === "string" ? chosen.value : null;
}

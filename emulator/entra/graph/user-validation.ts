import type { JsonObject } from "../../scim/index.ts";
import { invalidValue } from "../directory/directory.ts";
import { DIRECTORY_EXTENSION } from "../directory/entra-user.ts";
import { EntraError } from "../entra-error.ts";
import type { EntraTenant } from "../tenant/index.ts";

/**
 * Maximum lengths Graph documents per property (https://learn.microsoft.com/graph/api/resources/user, https://learn.microsoft.com/graph/api/resources/group:
 * "Maximum length is 256 characters" for displayName, and so on).
 */
const MAX_LENGTH: Readonly<Record<"User" | "Group", Readonly<Record<string, number>>>> = {
  User: {
    displayName: 256,
    givenName: 64,
    surname: 64,
    mailNickname: 64,
    jobTitle: 128,
    department: 64,
    companyName: 64,
    officeLocation: 128,
    streetAddress: 1024,
    city: 128,
    state: 128,
    postalCode: 40,
    country: 128,
    employeeId: 16,
    mobilePhone: 64,
    userPrincipalName: 113,
  },
  Group: { displayName: 256, mailNickname: 64, description: 1024 },
};

/** Refuses a string longer than Graph allows for its property. */
export function assertLength(body: JsonObject, resource: "User" | "Group"): void {
  for (const [name, max] of Object.entries(MAX_LENGTH[resource])) {
    const value = body[name];
    if (typeof value === "string" && value.length > max) throw invalidValue(name, resource);
  }
}

/**
 * What Graph refuses in a user create (`userId` null) or PATCH before the directory sees it:
 * over-long strings, `id` in a PATCH (read-only), a directory extension of an app the tenant
 * does not have (extensions are registered on an application, https://learn.microsoft.com/graph/api/resources/extensionproperty),
 * and a userPrincipalName another object holds, with Graph's `ObjectConflict` detail.
 */
export function assertUserWrite(tenant: EntraTenant, body: JsonObject, userId: string | null): void {
  assertLength(body, "User");
  // Assumed wording: Graph refuses writes to read-only members.
  if (userId !== null && Object.hasOwn(body, "id"))
    throw new EntraError(400, "Request_BadRequest", "Property 'id' is read-only and cannot be set.");
  const appIds = new Set(tenant.apps().map((app) => app.job.appId.replace(/-/g, "").toLowerCase()));
  for (const name of Object.keys(body)) {
    if (!DIRECTORY_EXTENSION.test(name)) continue;
    const appId = name.split("_")[1]?.toLowerCase() ?? "";
    if (!appIds.has(appId)) {
      throw new EntraError(
        400,
        "Request_BadRequest",
        `Property '${name}' does not exist as a declared property or extension property.`,
      );
    }
  }
  const upn = body.userPrincipalName;
  const holder = typeof upn === "string" ? tenant.directory.user(upn) : undefined;
  if (holder && holder.id !== userId) {
    const message = "Another object with the same value for property userPrincipalName already exists.";
    throw new EntraError(400, "Request_BadRequest", message, [
      { code: "ObjectConflict", message, target: "userPrincipalName" },
    ]);
  }
}

import type { EntraGroup, EntraUser } from "../../directory/entra-user.ts";

/** A source value as mappings see it: absent is null; booleans are "True"/"False" as in expressions. */
export type SourceValue = string | string[] | null;

/**
 * Provisioning source names that differ from Graph property names: the provisioning schema keeps
 * the legacy Azure AD Graph names
 * (https://learn.microsoft.com/entra/identity/app-provisioning/customize-application-attributes).
 */
const LEGACY_NAMES: Record<string, (user: EntraUser) => unknown> = {
  objectId: (user) => user.id,
  telephoneNumber: (user) => firstOf(user.properties.get("businessPhones")),
  mobile: (user) => user.properties.get("mobilePhone"),
  facsimileTelephoneNumber: (user) => user.properties.get("faxNumber"),
  physicalDeliveryOfficeName: (user) => user.properties.get("officeLocation"),
  manager: (user) => user.managerId,
};

/** Reads a provisioning source attribute of a user; `IsSoftDeleted` is computed by the engine. */
export function readUserSource(user: EntraUser, name: string, isSoftDeleted: boolean): SourceValue {
  if (name === "IsSoftDeleted") return isSoftDeleted ? "True" : "False";
  const legacy = Object.hasOwn(LEGACY_NAMES, name) ? LEGACY_NAMES[name] : undefined;
  return toSourceValue(legacy ? legacy(user) : user.properties.get(name));
}

/** Reads a provisioning source attribute of a group (objectId, displayName, mailNickname, description). */
export function readGroupSource(group: EntraGroup, name: string): SourceValue {
  switch (name) {
    case "objectId":
      return group.id;
    case "displayName":
      return group.displayName === "" ? null : group.displayName;
    case "mailNickname":
      return group.mailNickname;
    case "description":
      return group.description;
    case "members":
      return group.members.size === 0 ? null : [...group.members];
    default:
      return null;
  }
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

function toSourceValue(value: unknown): SourceValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) {
    const items = value.filter((item) => item !== null && item !== undefined).map(String);
    return items.length === 0 ? null : items;
  }
  return JSON.stringify(value);
}

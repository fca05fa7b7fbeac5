import { URN } from "../../../scim/index.ts";
import {
  targetAttribute,
  type AttributeMapping,
  type MappingSource,
  type ObjectMapping,
  type ProvisioningConfig,
  type TargetAttribute,
} from "./provisioning-config.ts";

const ENTERPRISE = URN.enterpriseUser;

/**
 * The expression the non-gallery template maps to `active`: a Switch that inverts `IsSoftDeleted`
 * (https://learn.microsoft.com/answers/questions/552508), written as vendors' setup guides quote it
 * (https://github.com/cloudflare/cloudflare-docs/pull/30541).
 */
export const ACTIVE_EXPRESSION = 'Switch([IsSoftDeleted], , "False", "True", "True", "False")';

function mapping(target: string, source: MappingSource, matchingPriority = 0): AttributeMapping {
  return { target, source, defaultValue: null, flowType: "Always", matchingPriority };
}
const direct = (attribute: string): MappingSource => ({ type: "Direct", attribute });

/**
 * The user mappings a new non-gallery app starts with. Microsoft publishes no verbatim list; this
 * one is reconstructed from the mapping tables of
 * https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups
 * and vendor setup guides, with the 22 rows reported in
 * https://github.com/kortix-ai/suna/pull/7302.
 */
export function defaultUserMappings(): AttributeMapping[] {
  return [
    mapping("userName", direct("userPrincipalName"), 1),
    mapping("active", { type: "Expression", expression: ACTIVE_EXPRESSION }),
    mapping("displayName", direct("displayName")),
    mapping("title", direct("jobTitle")),
    mapping('emails[type eq "work"].value', direct("mail")),
    mapping("preferredLanguage", direct("preferredLanguage")),
    mapping("name.givenName", direct("givenName")),
    mapping("name.familyName", direct("surname")),
    mapping("name.formatted", { type: "Expression", expression: 'Join(" ", [givenName], [surname])' }),
    mapping('addresses[type eq "work"].formatted', direct("physicalDeliveryOfficeName")),
    mapping('addresses[type eq "work"].streetAddress', direct("streetAddress")),
    mapping('addresses[type eq "work"].locality', direct("city")),
    mapping('addresses[type eq "work"].region', direct("state")),
    mapping('addresses[type eq "work"].postalCode', direct("postalCode")),
    mapping('addresses[type eq "work"].country', direct("country")),
    mapping('phoneNumbers[type eq "work"].value', direct("telephoneNumber")),
    mapping('phoneNumbers[type eq "mobile"].value', direct("mobile")),
    mapping('phoneNumbers[type eq "fax"].value', direct("facsimileTelephoneNumber")),
    mapping("externalId", direct("mailNickname")),
    mapping(`${ENTERPRISE}:employeeNumber`, direct("employeeId")),
    mapping(`${ENTERPRISE}:department`, direct("department")),
    mapping(`${ENTERPRISE}:manager`, direct("manager")),
  ];
}

/** The customappsso user attribute list that goes with the default mappings. */
export function defaultUserAttributes(): TargetAttribute[] {
  return defaultUserMappings().map((m) =>
    targetAttribute(m.target, {
      ...(m.target === "active" ? { type: "Boolean" as const } : {}),
      ...(m.target.endsWith(":manager") ? { type: "Reference" as const, referencedObjects: ["User"] } : {}),
      ...(m.target === "userName" ? { required: true, primaryKey: true } : {}),
    }),
  );
}

/**
 * Default group mappings (the group table of
 * https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups).
 */
export function defaultGroupMappings(): AttributeMapping[] {
  return [
    mapping("displayName", direct("displayName"), 1),
    mapping("externalId", direct("objectId")),
    mapping("members", direct("members")),
  ];
}

export function defaultGroupAttributes(): TargetAttribute[] {
  return [
    targetAttribute("displayName", { required: true, primaryKey: true }),
    targetAttribute("externalId"),
    targetAttribute("members", { type: "Reference", multiValued: true, referencedObjects: ["User"] }),
  ];
}

/** Object mapping names as the portal shows them. */
export const USER_MAPPING_NAME = "Provision Microsoft Entra ID Users";
export const GROUP_MAPPING_NAME = "Provision Microsoft Entra ID Groups";

/**
 * A provisioning configuration with the template's attribute lists and mappings, for a tenant URL
 * and secret token; scope "Sync only assigned", SkipOutOfScopeDeletions off.
 */
export function defaultProvisioningConfig(tenantUrl: string, secretToken: string): ProvisioningConfig {
  return {
    tenantUrl,
    secretToken,
    scope: "assigned",
    userAttributes: defaultUserAttributes(),
    groupAttributes: defaultGroupAttributes(),
    users: defaultObjectMapping("User"),
    groups: defaultObjectMapping("Group"),
    skipOutOfScopeDeletions: false,
  };
}

export function defaultObjectMapping(kind: "User" | "Group"): ObjectMapping {
  return {
    name: kind === "User" ? USER_MAPPING_NAME : GROUP_MAPPING_NAME,
    enabled: true,
    sourceObject: kind,
    targetObject: kind === "User" ? ENTERPRISE : URN.group,
    actions: { create: true, update: true, delete: true },
    mappings: kind === "User" ? defaultUserMappings() : defaultGroupMappings(),
    scopingFilters: [],
  };
}

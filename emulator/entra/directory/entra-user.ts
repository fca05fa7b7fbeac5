import type { JsonValue } from "../../scim/index.ts";

/**
 * Microsoft Graph v1.0 `user` properties the fake directory keeps, with their Graph types, plus
 * `onPremisesExtensionAttributes` and directory extensions `extension_<appId>_<name>`
 * (https://learn.microsoft.com/graph/api/resources/user). `passwordProfile` is accepted on write and never returned, as in Graph.
 */
export const USER_PROPERTY_TYPES = {
  userPrincipalName: "string",
  displayName: "string",
  givenName: "string",
  surname: "string",
  mail: "string",
  mailNickname: "string",
  jobTitle: "string",
  department: "string",
  companyName: "string",
  employeeId: "string",
  employeeType: "string",
  employeeHireDate: "string",
  employeeOrgData: "object",
  officeLocation: "string",
  streetAddress: "string",
  city: "string",
  state: "string",
  postalCode: "string",
  country: "string",
  usageLocation: "string",
  preferredLanguage: "string",
  businessPhones: "string[]",
  mobilePhone: "string",
  faxNumber: "string",
  otherMails: "string[]",
  imAddresses: "string[]",
  proxyAddresses: "string[]",
  accountEnabled: "boolean",
  showInAddressList: "boolean",
  userType: "string",
  ageGroup: "string",
  onPremisesImmutableId: "string",
  onPremisesSamAccountName: "string",
  passwordPolicies: "string",
  onPremisesExtensionAttributes: "object",
} as const;
export type GraphPropertyType = (typeof USER_PROPERTY_TYPES)[keyof typeof USER_PROPERTY_TYPES];

/** The Graph user property names the directory keeps. */
export const GRAPH_USER_PROPERTIES = Object.keys(USER_PROPERTY_TYPES) as (keyof typeof USER_PROPERTY_TYPES)[];
export type GraphUserProperty = (typeof GRAPH_USER_PROPERTIES)[number];

/** `extension_<appId without hyphens>_<name>`; names are case-sensitive (https://learn.microsoft.com/entra/identity/app-provisioning/customize-application-attributes). */
export const DIRECTORY_EXTENSION = /^extension_[0-9a-fA-F]{32}_[A-Za-z0-9_]+$/;

/** The 15 on-premises extension attributes of Graph's `onPremisesExtensionAttributes`. */
export const ON_PREMISES_EXTENSION_ATTRIBUTES = Array.from(
  { length: 15 },
  (_, index) => `extensionAttribute${index + 1}`,
);

/** One directory user. Properties are Graph-named; absent means null. */
export type EntraUser = {
  id: string;
  properties: Map<string, JsonValue>;
  /** The user's manager (Graph `manager` navigation property), by object id. */
  managerId: string | null;
  /** Set when the user is in the recycle bin (soft-deleted). */
  deletedDateTime: string | null;
  createdDateTime: string;
  /** Change sequence for incremental cycles: bumped on every change. */
  changeSeq: number;
};

/** One directory group with direct members (user ids). Nested groups are not provisioned (https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works). */
export type EntraGroup = {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string | null;
  /** Graph `securityEnabled`, `mailEnabled`, `groupTypes` (`["Unified"]` is a Microsoft 365 group). */
  securityEnabled: boolean;
  mailEnabled: boolean;
  groupTypes: string[];
  members: Set<string>;
  deletedDateTime: string | null;
  createdDateTime: string;
  changeSeq: number;
};

import type { JsonValue } from "../../scim/json.ts";

/**
 * Microsoft Graph user properties the fake directory keeps (v1.0 `user` resource), plus
 * `onPremisesExtensionAttributes` and directory extensions `extension_<appId>_<name>`.
 */
export const GRAPH_USER_PROPERTIES = [
  "userPrincipalName",
  "displayName",
  "givenName",
  "surname",
  "mail",
  "mailNickname",
  "jobTitle",
  "department",
  "companyName",
  "employeeId",
  "employeeType",
  "officeLocation",
  "streetAddress",
  "city",
  "state",
  "postalCode",
  "country",
  "preferredLanguage",
  "businessPhones",
  "mobilePhone",
  "faxNumber",
  "proxyAddresses",
  "accountEnabled",
  "userType",
  "onPremisesExtensionAttributes",
] as const;
export type GraphUserProperty = (typeof GRAPH_USER_PROPERTIES)[number];

/** `extension_<appId without hyphens>_<name>`; names are case-sensitive (customize-application-attributes.md). */
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

/** One directory group with direct members (user ids). Nested groups are not provisioned (how-provisioning-works.md). */
export type EntraGroup = {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string | null;
  members: Set<string>;
  deletedDateTime: string | null;
  createdDateTime: string;
  changeSeq: number;
};

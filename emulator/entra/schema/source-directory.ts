import type { AttributeDefinition, DirectoryDefinition } from "./synchronization-schema.ts";
import { SOURCE_DIRECTORY_NAME } from "./synchronization-schema.ts";

/**
 * Source attribute names of the Entra `User` object as provisioning schemas show them: the legacy
 * Azure AD Graph names
 * (https://learn.microsoft.com/graph/api/resources/synchronization-objectdefinition?view=graph-rest-beta,
 * https://learn.microsoft.com/graph/api/synchronization-synchronizationschema-parseexpression?view=graph-rest-beta).
 */
const USER_SOURCE_ATTRIBUTES: readonly (readonly [string, AttributeDefinition["type"], boolean?])[] = [
  ["objectId", "String"],
  ["IsSoftDeleted", "Boolean"],
  ["accountEnabled", "Boolean"],
  ["appRoleAssignments", "String", true],
  ["city", "String"],
  ["companyName", "String"],
  ["country", "String"],
  ["department", "String"],
  ["displayName", "String"],
  ["employeeId", "String"],
  ["facsimileTelephoneNumber", "String"],
  ["givenName", "String"],
  ["jobTitle", "String"],
  ["mail", "String"],
  ["mailNickname", "String"],
  ["manager", "Reference"],
  ["mobile", "String"],
  ["physicalDeliveryOfficeName", "String"],
  ["postalCode", "String"],
  ["preferredLanguage", "String"],
  ["proxyAddresses", "String", true],
  ["state", "String"],
  ["streetAddress", "String"],
  ["surname", "String"],
  ["telephoneNumber", "String"],
  ["userPrincipalName", "String"],
  ...Array.from({ length: 15 }, (_, index) => [`extensionAttribute${index + 1}`, "String"] as const),
];

const GROUP_SOURCE_ATTRIBUTES: readonly (readonly [string, AttributeDefinition["type"], boolean?])[] = [
  ["objectId", "String"],
  ["description", "String"],
  ["displayName", "String"],
  ["mail", "String"],
  ["mailNickname", "String"],
  ["members", "Reference", true],
];

/** Source `User` object metadata ([S20b]). */
const USER_OBJECT_METADATA = [
  { key: "IsSoftDeletionSupported", value: "true" },
  { key: "IsSynchronizeAllSupported", value: "true" },
  { key: "PropertyNameAccountEnabled", value: "accountEnabled" },
  { key: "PropertyNameSoftDeleted", value: "IsSoftDeleted" },
];

function definition(
  name: string,
  type: AttributeDefinition["type"],
  multivalued = false,
): AttributeDefinition {
  return {
    anchor: name === "objectId",
    apiExpressions: [],
    caseExact: false,
    defaultValue: null,
    flowNullValues: false,
    metadata: [],
    multivalued,
    mutability: "ReadWrite",
    name,
    referencedObjects:
      type === "Reference" ? [{ referencedObjectName: "User", referencedProperty: null }] : [],
    required: false,
    type,
  };
}

/**
 * The source directory of the schema: the usual Entra attributes plus every other source name the
 * configuration reads (directory extensions, for example), so each mapping's source is listed.
 */
export function sourceDirectory(names: { user: Set<string>; group: Set<string> }): DirectoryDefinition {
  const object = (
    objectName: "User" | "Group",
    base: readonly (readonly [string, AttributeDefinition["type"], boolean?])[],
    used: Set<string>,
  ) => {
    const attributes = base.map(([name, type, multi]) => definition(name, type, multi));
    const known = new Set(base.map(([name]) => name));
    for (const name of [...used].sort()) if (!known.has(name)) attributes.push(definition(name, "String"));
    return {
      attributes,
      metadata: objectName === "User" ? USER_OBJECT_METADATA : [],
      name: objectName,
      supportedApis: [],
    };
  };
  return {
    id: "AzureActiveDirectory",
    name: SOURCE_DIRECTORY_NAME,
    objects: [
      object("User", USER_SOURCE_ATTRIBUTES, names.user),
      object("Group", GROUP_SOURCE_ATTRIBUTES, names.group),
    ],
    version: null,
    discoveryDateTime: null,
    discoverabilities: null,
  };
}

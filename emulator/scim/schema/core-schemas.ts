import { URN } from "../urns.ts";
import type { AttributeDefinition, AttributeType, SchemaDefinition } from "./attribute-definition.ts";

type Overrides = Partial<Omit<AttributeDefinition, "name" | "type">>;

/** An attribute with the RFC 7643 §2.2 defaults (optional, not case-exact, readWrite, returned by default, not unique). */
function attribute(
  name: string,
  type: AttributeType = "string",
  overrides: Overrides = {},
): AttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: "readWrite",
    returned: "default",
    uniqueness: "none",
    ...overrides,
  };
}

function complex(name: string, subAttributes: readonly AttributeDefinition[], overrides: Overrides = {}) {
  return attribute(name, "complex", { subAttributes, ...overrides });
}

/** The `type`/`primary`/`display`/`value` shape shared by multi-valued attributes (RFC 7643 §2.4). */
function multiValued(
  name: string,
  types: readonly string[],
  value: AttributeDefinition = attribute("value"),
) {
  return complex(
    name,
    [
      value,
      attribute("display"),
      attribute("type", "string", types.length > 0 ? { canonicalValues: types } : {}),
      attribute("primary", "boolean"),
    ],
    { multiValued: true },
  );
}

/** `id`, `externalId` and `meta`, common to every resource (RFC 7643 §3.1). */
const COMMON_ATTRIBUTES: readonly AttributeDefinition[] = [
  attribute("id", "string", {
    caseExact: true,
    mutability: "readOnly",
    returned: "always",
    uniqueness: "server",
  }),
  attribute("externalId", "string", { caseExact: true }),
  complex(
    "meta",
    [
      attribute("resourceType", "string", { caseExact: true, mutability: "readOnly" }),
      attribute("created", "dateTime", { mutability: "readOnly" }),
      attribute("lastModified", "dateTime", { mutability: "readOnly" }),
      attribute("location", "reference", {
        caseExact: true,
        mutability: "readOnly",
        referenceTypes: ["uri"],
      }),
      attribute("version", "string", { caseExact: true, mutability: "readOnly" }),
    ],
    { mutability: "readOnly" },
  ),
];

/** The core User schema (RFC 7643 §4.1, §8.7.1). */
export const USER_SCHEMA: SchemaDefinition = {
  id: URN.user,
  name: "User",
  description: "User Account",
  attributes: [
    ...COMMON_ATTRIBUTES,
    attribute("userName", "string", { required: true, uniqueness: "server" }),
    complex("name", [
      attribute("formatted"),
      attribute("familyName"),
      attribute("givenName"),
      attribute("middleName"),
      attribute("honorificPrefix"),
      attribute("honorificSuffix"),
    ]),
    attribute("displayName"),
    attribute("nickName"),
    attribute("profileUrl", "reference", { referenceTypes: ["external"] }),
    attribute("title"),
    attribute("userType"),
    attribute("preferredLanguage"),
    attribute("locale"),
    attribute("timezone"),
    attribute("active", "boolean"),
    attribute("password", "string", { mutability: "writeOnly", returned: "never" }),
    multiValued("emails", ["work", "home", "other"]),
    multiValued("phoneNumbers", ["work", "home", "mobile", "fax", "pager", "other"]),
    multiValued("ims", ["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"]),
    multiValued(
      "photos",
      ["photo", "thumbnail"],
      attribute("value", "reference", { referenceTypes: ["external"] }),
    ),
    complex(
      "addresses",
      [
        attribute("formatted"),
        attribute("streetAddress"),
        attribute("locality"),
        attribute("region"),
        attribute("postalCode"),
        attribute("country"),
        attribute("type", "string", { canonicalValues: ["work", "home", "other"] }),
        attribute("primary", "boolean"),
      ],
      { multiValued: true },
    ),
    complex(
      "groups",
      [
        attribute("value", "string", { mutability: "readOnly" }),
        attribute("$ref", "reference", { mutability: "readOnly", referenceTypes: ["User", "Group"] }),
        attribute("display", "string", { mutability: "readOnly" }),
        attribute("type", "string", { mutability: "readOnly", canonicalValues: ["direct", "indirect"] }),
      ],
      { multiValued: true, mutability: "readOnly" },
    ),
    multiValued("entitlements", []),
    multiValued("roles", []),
    multiValued("x509Certificates", [], attribute("value", "binary")),
  ],
};

/** The enterprise User extension (RFC 7643 §4.3, §8.7.1). */
export const ENTERPRISE_USER_SCHEMA: SchemaDefinition = {
  id: URN.enterpriseUser,
  name: "EnterpriseUser",
  description: "Enterprise User",
  attributes: [
    attribute("employeeNumber"),
    attribute("costCenter"),
    attribute("organization"),
    attribute("division"),
    attribute("department"),
    complex("manager", [
      attribute("value"),
      attribute("$ref", "reference", { referenceTypes: ["User"] }),
      attribute("displayName", "string", { mutability: "readOnly" }),
    ]),
  ],
};

/** The core Group schema (RFC 7643 §4.2, §8.7.1). */
export const GROUP_SCHEMA: SchemaDefinition = {
  id: URN.group,
  name: "Group",
  description: "Group",
  attributes: [
    ...COMMON_ATTRIBUTES,
    attribute("displayName", "string", { required: true }),
    complex(
      "members",
      [
        attribute("value", "string", { mutability: "immutable" }),
        attribute("$ref", "reference", { mutability: "immutable", referenceTypes: ["User", "Group"] }),
        attribute("display", "string", { mutability: "immutable" }),
        attribute("type", "string", { mutability: "immutable", canonicalValues: ["User", "Group"] }),
      ],
      { multiValued: true },
    ),
  ],
};

/**
 * The core User attributes a client may write, by name: every attribute of the schema but the
 * server-assigned `id` and `meta` (RFC 7643 §3.1).
 */
export const WRITABLE_USER_ATTRIBUTES: readonly string[] = USER_SCHEMA.attributes
  .map((attribute) => attribute.name)
  .filter((name) => name !== "id" && name !== "meta");

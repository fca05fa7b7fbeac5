import { ScimError } from "../../scim/index.ts";
import type { JsonObject, JsonValue } from "../../scim/index.ts";
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from "../../scim/index.ts";
import type { SchemaDefinition } from "../../scim/index.ts";
import { URN } from "../../scim/index.ts";
import { inferExtensionAttributes } from "./infer-extension-schema.ts";
import { MAX_RESULTS } from "./list-query.ts";
import { listResponse, scimJson, type ScimReply } from "./scim-reply.ts";
import type { ScimExchange } from "./scim-exchange.ts";

/**
 * Discovery (RFC 7644 §4): what this fake really supports. Entra does not read these for non-gallery
 * apps ("Schema discovery isn't currently supported on custom non-gallery SCIM application",
 * https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups); other clients do.
 */
export function handleDiscovery(exchange: ScimExchange, resource: string, id: string | undefined): ScimReply {
  if (exchange.request.method !== "GET")
    throw new ScimError(405, `${exchange.request.method} is not supported on /${resource}`);
  switch (resource.toLowerCase()) {
    case "serviceproviderconfig":
      if (id !== undefined) throw new ScimError(404, "ServiceProviderConfig has no sub-resources");
      return scimJson(serviceProviderConfig(exchange.baseUrl));
    case "resourcetypes":
      return byId(resourceTypes(exchange), id, "ResourceType");
    default:
      return byId(schemas(exchange), id, "Schema");
  }
}

function byId(items: JsonObject[], id: string | undefined, kind: string): ScimReply {
  if (id === undefined) return scimJson(listResponse(items, items.length, 1));
  const item = items.find(
    (candidate) => (typeof candidate.id === "string" ? candidate.id : "").toLowerCase() === id.toLowerCase(),
  );
  if (!item) throw new ScimError(404, `${kind} ${id} not found`);
  return scimJson(item);
}

function serviceProviderConfig(baseUrl: string): JsonObject {
  return {
    schemas: [URN.serviceProviderConfig],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "OAuth Bearer Token",
        description: "The IAM's SCIM API key, sent as `Authorization: Bearer <token>`",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}

/** The extension schemas of the User resource type: enterprise, plus the IAM's attribute-schema rows. */
function userExtensions(exchange: ScimExchange): string[] {
  const seen = new Map<string, string>([[URN.enterpriseUser.toLowerCase(), URN.enterpriseUser]]);
  for (const row of exchange.iam.config.attributeSchema) {
    // Only URN-shaped rows name a schema a client can send (RFC 7643 §3.3); a short "custom" cannot.
    if (/^urn:/i.test(row.scimSchema) && !seen.has(row.scimSchema.toLowerCase()))
      seen.set(row.scimSchema.toLowerCase(), row.scimSchema);
  }
  return [...seen.values()];
}

function resourceTypes(exchange: ScimExchange): JsonObject[] {
  return [
    {
      schemas: [URN.resourceType],
      id: "User",
      name: "User",
      endpoint: "/Users",
      description: "User Account",
      schema: URN.user,
      schemaExtensions: userExtensions(exchange).map((schema) => ({ schema, required: false })),
      meta: { resourceType: "ResourceType", location: `${exchange.baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: [URN.resourceType],
      id: "Group",
      name: "Group",
      endpoint: "/Groups",
      description: "Group",
      schema: URN.group,
      meta: { resourceType: "ResourceType", location: `${exchange.baseUrl}/ResourceTypes/Group` },
    },
  ];
}

/**
 * Every schema a resource type names, so each `schemaExtensions` entry resolves at /Schemas/{id}.
 * A row's custom extension declares the attributes the IAM's stored users carry under it.
 */
function schemas(exchange: ScimExchange): JsonObject[] {
  const known = [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA];
  const custom = userExtensions(exchange)
    .filter((urn) => !known.some((schema) => schema.id.toLowerCase() === urn.toLowerCase()))
    .map((urn): SchemaDefinition => ({
      id: urn,
      name: /:extension:([^:]+):/i.exec(urn)?.[1] ?? urn,
      description: "Custom extension of an attribute-schema row; it declares the attributes stored under it",
      attributes: inferExtensionAttributes(exchange.iam.users.all(), urn),
    }));
  return [...known, ...custom].map((schema) => renderSchema(schema, exchange.baseUrl));
}

function renderSchema(schema: SchemaDefinition, baseUrl: string): JsonObject {
  return {
    schemas: [URN.schema],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: JSON.parse(JSON.stringify(schema.attributes)) as JsonValue,
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${schema.id}` },
  };
}

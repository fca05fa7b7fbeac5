/** SCIM schema and message URNs (RFC 7643 §8.7, RFC 7644 §3) plus the ones Microsoft Entra sends. */
export const URN = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  enterpriseUser: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
  listResponse: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  patchOp: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  error: "urn:ietf:params:scim:api:messages:2.0:Error",
  serviceProviderConfig: "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
  resourceType: "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
  schema: "urn:ietf:params:scim:schemas:core:2.0:Schema",
  /** Entra adds this to every POST /Groups (learn.microsoft.com, use-scim-to-provision-users-and-groups). */
  microsoftGroup: "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group",
} as const;

/** The SCIM content type (RFC 7644 §3.1). */
export const SCIM_CONTENT_TYPE = "application/scim+json";

/**
 * A custom extension attribute as Entra requires it to be named to go out in a create:
 * `urn:ietf:params:scim:schemas:extension:<Name>:2.0:User:<attr>` (customize-application-attributes.md).
 */
const EXTENSION_ATTRIBUTE = /^(urn:ietf:params:scim:schemas:extension:[^:]+:2\.0:User):([^:]+)$/i;

/** Splits a URN-qualified extension attribute into its schema URN and attribute name, or null. */
export function splitExtensionAttribute(name: string): { schema: string; attribute: string } | null {
  const match = EXTENSION_ATTRIBUTE.exec(name);
  if (!match?.[1] || !match[2]) return null;
  return { schema: match[1], attribute: match[2] };
}

/** True when the text starts like a schema URN (RFC 7643 §10.2: `urn:` scheme). */
export function isUrn(text: string): boolean {
  return /^urn:/i.test(text);
}

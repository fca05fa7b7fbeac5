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

const CORE_SCHEMAS: ReadonlySet<string> = new Set([URN.user.toLowerCase(), URN.group.toLowerCase()]);

/** True for the core User or Group schema URN (any case): their attributes sit at the top level. */
export function isCoreSchema(urn: string): boolean {
  return CORE_SCHEMAS.has(urn.toLowerCase());
}

/** The SCIM content type (RFC 7644 §3.1). */
export const SCIM_CONTENT_TYPE = "application/scim+json";

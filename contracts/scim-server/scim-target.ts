/**
 * Anything that speaks SCIM 2.0 like Immuta's receiver: the fake in-process, the fake on a port, or a
 * real tenant. The contract suites only talk to it through `fetch`.
 */
export type ScimTarget = {
  /** The SCIM root, without a trailing slash (Entra's "Tenant URL"). */
  baseUrl: string;
  /** The bearer token (Entra's "Secret Token", Immuta's SCIM API key). */
  token: string;
  fetch: (request: Request) => Promise<Response>;
  /** Forgets every user and group; only fakes have it. Suites never depend on it. */
  reset?: () => Promise<void>;
  /** The custom extension schema the suites write attributes under; default CONTRACT_EXTENSION. */
  extensionSchema?: string;
};

/** The custom extension of the seed example (scenarios/default.yaml), used when a target names none. */
export const CONTRACT_EXTENSION = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";

/**
 * Immuta's REST API next to the SCIM endpoint, for the cases that check the attribute projection
 * (an inferred model,
 * https://documentation.immuta.com/knowledge-base/LmMmmLqSszWn8sdGe7gH/support-knowledge-articles/identity-management/entra-id-scim-configuration/entra-id-importing-attributes-via-scim):
 * the IAM and one of its attribute-schema rows.
 */
export type ImmutaApiTarget = {
  apiBaseUrl: string;
  /**
   * Sent as `Authorization: <apiKey>`
   * (https://documentation.immuta.com/latest/developer-guides/api-intro/authentication).
   */
  apiKey: string;
  iamId: string;
  /** The row's "SCIM Schema"; the suites write their extension attributes under it. */
  scimSchema: string;
  /** The row's "IAM Immuta Attribute Prefix". */
  prefix: string;
};

/** A SCIM target whose Immuta REST API can be read too. */
export type ImmutaScimTarget = ScimTarget & { immuta: ImmutaApiTarget };

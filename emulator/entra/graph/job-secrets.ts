import type { JsonValue } from "../../scim/index.ts";
import { isJsonObject } from "../../scim/index.ts";
import { EntraError } from "../entra-error.ts";
import { quotePrefix } from "../../http/index.ts";
import type { TenantApp } from "../tenant/index.ts";

/**
 * Graph's `synchronizationSecret` keys
 * (https://learn.microsoft.com/graph/api/resources/synchronization-synchronizationsecretkeystringvaluepair).
 * The emulator acts on BaseAddress, SecretToken (the Tenant URL and Secret Token of
 * https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups), SkipOutOfScopeDeletions and
 * SyncAll; the others are kept and ignored.
 */
export const SECRET_KEYS = [
  "None",
  "UserName",
  "Password",
  "SecretToken",
  "AppKey",
  "BaseAddress",
  "ClientIdentifier",
  "ClientSecret",
  "SingleSignOnType",
  "Sandbox",
  "Url",
  "Domain",
  "ConsumerKey",
  "ConsumerSecret",
  "TokenKey",
  "TokenExpiration",
  "Oauth2AccessToken",
  "Oauth2AccessTokenCreationTime",
  "Oauth2RefreshToken",
  "SyncAll",
  "InstanceName",
  "Oauth2ClientId",
  "Oauth2ClientSecret",
  "CompanyId",
  "UpdateKeyOnSoftDelete",
  "SynchronizationSchedule",
  "SystemOfRecord",
  "SandboxName",
  "EnforceDomain",
  "SyncNotificationSettings",
  "SkipOutOfScopeDeletions",
  "Oauth2AuthorizationCode",
  "Oauth2RedirectUri",
  "ApplicationTemplateIdentifier",
  "Oauth2TokenExchangeUri",
  "Oauth2AuthorizationUri",
  "AuthenticationType",
  "Server",
  "PerformInboundEntitlementGrants",
  "HardDeletesEnabled",
  "SyncAgentCompatibilityKey",
  "SyncAgentADContainer",
  "ValidateDomain",
  "TestReferences",
  "ConnectionString",
] as const;

function bad(message: string): never {
  throw new EntraError(400, "BadRequest", message);
}

/** `[{"key": "BaseAddress", "value": "..."}, ...]` as a key → value map; keys compare exactly. */
export function readSecretList(list: JsonValue | undefined, member: string): Map<string, string> {
  if (!Array.isArray(list)) bad(`'${member}' must be an array of {"key": ..., "value": ...}`);
  const secrets = new Map<string, string>();
  list.forEach((item, index) => {
    if (!isJsonObject(item) || typeof item.key !== "string" || typeof item.value !== "string") {
      bad(`${member}[${index}] must be {"key": "<secret key>", "value": "<string>"}`);
    }
    if (!(SECRET_KEYS as readonly string[]).includes(item.key))
      bad(`'${item.key}' is not a synchronization secret key`);
    secrets.set(item.key, item.value);
  });
  return secrets;
}

function readBoolean(text: string, key: string): boolean {
  const lower = text.toLowerCase();
  if (lower !== "true" && lower !== "false")
    bad(`${key} must be "True" or "False", got ${quotePrefix(text)}`);
  return lower === "true";
}

/** A Tenant URL Entra would accept: absolute http(s). */
export function readBaseAddress(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return bad(`BaseAddress must be an absolute http(s) URL, got ${quotePrefix(text)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    bad(`BaseAddress must be an http(s) URL, got ${quotePrefix(text)}`);
  return text;
}

/**
 * PUT .../synchronization/secrets. Assumed: keys not given keep their value (Microsoft's examples
 * send only the keys they set).
 */
export function applySecrets(app: TenantApp, secrets: Map<string, string>): void {
  // Validate all before changing any, so a bad list changes nothing.
  const baseAddress = secrets.has("BaseAddress")
    ? readBaseAddress(secrets.get("BaseAddress") ?? "")
    : undefined;
  const skip = secrets.has("SkipOutOfScopeDeletions")
    ? readBoolean(secrets.get("SkipOutOfScopeDeletions") ?? "", "SkipOutOfScopeDeletions")
    : undefined;
  const syncAll = secrets.has("SyncAll") ? readBoolean(secrets.get("SyncAll") ?? "", "SyncAll") : undefined;
  const { config } = app.job;
  if (baseAddress !== undefined) config.tenantUrl = baseAddress;
  const token = secrets.get("SecretToken");
  if (token !== undefined) config.secretToken = token;
  if (skip !== undefined) config.skipOutOfScopeDeletions = skip;
  if (syncAll !== undefined) config.scope = syncAll ? "all" : "assigned";
  for (const [key, value] of secrets) {
    if (!["BaseAddress", "SecretToken", "SkipOutOfScopeDeletions", "SyncAll"].includes(key))
      app.state.secrets.set(key, value);
  }
}

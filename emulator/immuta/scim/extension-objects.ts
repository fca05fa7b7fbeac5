import { findKey, isJsonObject, setOwn, type JsonObject } from "../../scim/index.ts";
import { isCoreSchema } from "../../scim/index.ts";

/** True for a key holding an extension object (a schema URN other than the core ones). */
export function isExtensionKey(key: string): boolean {
  const lower = key.toLowerCase();
  return lower.startsWith("urn:") && !isCoreSchema(lower);
}

/**
 * The resource without a `schemas` member inside any extension object. Some clients send
 * `{"<extension URN>": {"schemas": [...], ...}}`; `schemas` is a resource's common attribute
 * (RFC 7643 §3), never an attribute of an extension, so it is neither stored, echoed nor projected.
 */
export function withoutExtensionSchemas(resource: JsonObject): JsonObject {
  let result: JsonObject | undefined;
  for (const key of Object.keys(resource)) {
    const extension = resource[key];
    const schemasKey =
      isExtensionKey(key) && isJsonObject(extension) ? findKey(extension, "schemas") : undefined;
    if (schemasKey === undefined || !isJsonObject(extension)) continue;
    result ??= { ...resource };
    const { [schemasKey]: _schemas, ...rest } = extension;
    setOwn(result, key, rest);
  }
  return result ?? resource;
}

import { setOwn, type JsonObject } from "../../../scim/index.ts";
import { ScimError } from "../../../scim/index.ts";
import { USER_SCHEMA } from "../../../scim/index.ts";
import type { IamConfig } from "../../model/iam-config.ts";
import { isExtensionKey } from "../extension-objects.ts";

/** Top-level names of a User that /Schemas defines: the core User attributes (id, externalId, meta included) and `schemas`. */
const USER_ATTRIBUTES = new Set([
  "schemas",
  ...USER_SCHEMA.attributes.map((attribute) => attribute.name.toLowerCase()),
]);

/** What a write is: a POST or PUT body, or the result of a PATCH. */
export type UnknownAttributeCheck = {
  config: IamConfig;
  kind: "body" | "patch";
  /** The stored resource before a PATCH; attributes it already held are not this request's. */
  previous?: JsonObject;
  /** Lower-cased top-level names this PATCH introduced through non-URN paths (`custom:country`). */
  nonUrn?: ReadonlySet<string>;
};

/**
 * Applies the `unknownAttributes` assumption to a User about to be stored: top-level names no
 * schema defines are dropped (`ignore`, RFC 7644 §3.3), refused (`reject`, 400) or kept (`store`).
 * Extension objects, the non-URN names an attribute-schema row maps or a PATCH writes through a
 * non-URN path (`custom` for `custom:country`, governed by `nonUrnAttributePaths`), and the names
 * the stored resource already held are known.
 */
export function applyUnknownAttributes(resource: JsonObject, check: UnknownAttributeCheck): JsonObject {
  const mode = check.config.assumptions.unknownAttributes;
  if (mode === "store") return resource;
  // Built only for a name that is neither a core attribute nor an extension (rarely, then).
  let rows: Set<string> | undefined;
  const unknown = Object.keys(resource).filter((key) => {
    const lower = key.toLowerCase();
    if (USER_ATTRIBUTES.has(lower) || isExtensionKey(key)) return false;
    rows ??= new Set(check.config.attributeSchema.map((row) => row.scimSchema.toLowerCase()));
    return (
      !rows.has(lower) &&
      !check.nonUrn?.has(lower) &&
      !(check.previous !== undefined && Object.hasOwn(check.previous, key))
    );
  });
  if (unknown.length === 0) return resource;
  if (mode === "reject") {
    const added = unknown[0] ?? "";
    throw new ScimError(
      400,
      `"${added}" is not an attribute of the User schema or its extensions (see /Schemas)`,
      check.kind === "body" ? "invalidSyntax" : "invalidPath",
    );
  }
  const kept: JsonObject = {};
  for (const key of Object.keys(resource))
    if (!unknown.includes(key)) setOwn(kept, key, resource[key] ?? null);
  return kept;
}

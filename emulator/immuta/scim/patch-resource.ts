import {
  findKey,
  getMember,
  isJsonObject,
  setOwn,
  type JsonObject,
  type JsonValue,
} from "../../scim/index.ts";
import { applyPatch } from "../../scim/index.ts";
import { parsePatchRequest } from "../../scim/index.ts";
import type { PatchOperation } from "../../scim/index.ts";
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from "../../scim/index.ts";
import { ScimError } from "../../scim/index.ts";
import { URN } from "../../scim/index.ts";
import type { Assumptions } from "../model/assumptions.ts";
import { directResourceBody, resourceBodySchemas } from "./direct-resource-body.ts";
import { withoutExtensionSchemas } from "./extension-objects.ts";

/** Server-assigned (readOnly) attributes a POST or PUT body may carry; they are ignored (RFC 7644 §3.3, §3.5.1). */
const SERVER_ASSIGNED = {
  User: ["id", "meta", "groups"],
  Group: ["id", "meta"],
} as const;

/** Keys of a POST or PUT body that are not stored attributes, lower-cased. */
const SKIPPED_KEYS = {
  User: new Set(["schemas", ...SERVER_ASSIGNED.User].map((name) => name.toLowerCase())),
  Group: new Set(["schemas", ...SERVER_ASSIGNED.Group].map((name) => name.toLowerCase())),
} as const;

const RESOURCE_SCHEMAS = {
  User: { schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA], resourceSchemaUrn: URN.user },
  Group: { schemas: [GROUP_SCHEMA], resourceSchemaUrn: URN.group },
} as const;

/** The same schemas as tables for the direct path (directResourceBody). */
export const RESOURCE_BODY_SCHEMAS = {
  User: resourceBodySchemas({ ...RESOURCE_SCHEMAS.User, skipped: SKIPPED_KEYS.User }),
  Group: resourceBodySchemas({ ...RESOURCE_SCHEMAS.Group, skipped: SKIPPED_KEYS.Group }),
} as const;

/**
 * Checks a POST or PUT body and returns the resource to store. `schemas` must list the core schema
 * (RFC 7643 §3); server-assigned attributes are dropped; every other attribute is checked against
 * its schema definition exactly as a PATCH value is (types, names, null = unassigned, RFC 7643
 * §2.5), so `__proto__` and other non-ATTRNAME keys are a 400, never a property of a prototype.
 * Throws ScimError 400 (invalidSyntax for a non-object, invalidValue otherwise).
 */
export function normalizeResourceBody(body: JsonValue, type: "User" | "Group"): JsonObject {
  if (!isJsonObject(body)) throw new ScimError(400, `a ${type} must be a JSON object`, "invalidSyntax");
  const { resourceSchemaUrn } = RESOURCE_SCHEMAS[type];
  const listed = getMember(body, "schemas");
  if (
    !Array.isArray(listed) ||
    !listed.every((schema) => typeof schema === "string") ||
    !listed.some(
      (schema) => typeof schema === "string" && schema.toLowerCase() === resourceSchemaUrn.toLowerCase(),
    )
  ) {
    throw new ScimError(
      400,
      `"schemas" must be an array of strings that includes ${resourceSchemaUrn}`,
      "invalidValue",
    );
  }
  let resource: JsonObject;
  try {
    resource = directResourceBody(body, RESOURCE_BODY_SCHEMAS[type]) ?? applyToEmpty(body, type);
  } catch (error) {
    // A bad key of a body is a bad value of the resource, not a bad PATCH path.
    if (error instanceof ScimError && (error.scimType === "invalidPath" || error.scimType === "noTarget"))
      throw new ScimError(400, error.message, "invalidValue");
    throw error;
  }
  const unique = [...new Set(listed)];
  return withoutExtensionSchemas({ schemas: unique, ...resource });
}

/**
 * The body applied to an empty resource as a path-less PATCH `add` of its attributes: the general
 * path, for any key outside directResourceBody's shape (and the oracle its property test checks
 * it against).
 */
export function applyToEmpty(body: JsonObject, type: "User" | "Group"): JsonObject {
  const attributes: JsonObject = {};
  const skipped = SKIPPED_KEYS[type];
  for (const key of Object.keys(body)) {
    if (!skipped.has(key.toLowerCase())) setOwn(attributes, key, body[key] ?? null);
  }
  const { schemas, resourceSchemaUrn } = RESOURCE_SCHEMAS[type];
  return applyPatch({}, [{ op: "add", path: null, value: attributes }], {
    schemas,
    resourceSchemaUrn,
    legacyMemberRemove: false,
    stringBooleans: false,
  });
}

/** Applies a PATCH body to a stored user under the IAM's assumptions (legacy dialect, multi-value add). */
export function patchUserResource(
  resource: JsonObject,
  body: JsonValue,
  assumptions: Assumptions,
): JsonObject {
  const operations = adjust(parse(body, assumptions), assumptions);
  const patched = applyPatch(resource, operations, {
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    resourceSchemaUrn: URN.user,
    legacyMemberRemove: assumptions.acceptLegacyPatch,
    stringBooleans: assumptions.acceptLegacyPatch,
  });
  return withoutExtensionSchemas(patched);
}

/** Applies a PATCH body to a rendered group (members included). */
export function patchGroupResource(
  resource: JsonObject,
  body: JsonValue,
  assumptions: Assumptions,
): JsonObject {
  const patched = applyPatch(resource, parse(body, assumptions), {
    schemas: [GROUP_SCHEMA],
    resourceSchemaUrn: URN.group,
    legacyMemberRemove: assumptions.acceptLegacyPatch,
    stringBooleans: assumptions.acceptLegacyPatch,
  });
  return withoutExtensionSchemas(patched);
}

function parse(body: JsonValue, assumptions: Assumptions): PatchOperation[] {
  if (!assumptions.acceptLegacyPatch) rejectLegacyDialect(body);
  return parsePatchRequest(assumptions.nonUrnAttributePaths === "nested" ? nestNonUrnPaths(body) : body);
}

/** `custom:country` is not an RFC 7644 path (a colon needs a URN before it); read it as `custom.country`. */
const NON_URN_PATH = /^([A-Za-z][\w-]*):([A-Za-z][\w-]*)$/;

function nestPath(path: string): string {
  const match = NON_URN_PATH.exec(path);
  return match && match[1]?.toLowerCase() !== "urn" ? `${match[1]}.${match[2]}` : path;
}

/** The PATCH body's operations, read case-insensitively as the parser reads them (RFC 7643 §2.1). */
function operationsOf(body: JsonValue): JsonObject[] {
  const operations = isJsonObject(body) ? getMember(body, "Operations") : undefined;
  return Array.isArray(operations) ? operations.filter(isJsonObject) : [];
}

/** Non-URN names become nested paths, in `path` and in the keys of a path-less value (flag dialect). */
function nestNonUrnPaths(body: JsonValue): JsonValue {
  if (!isJsonObject(body)) return body;
  const key = findKey(body, "Operations");
  const operations = key === undefined ? undefined : body[key];
  if (key === undefined || !Array.isArray(operations)) return body;
  const nested = operations.map((operation) => {
    if (!isJsonObject(operation)) return operation;
    const copy: JsonObject = { ...operation };
    const pathKey = findKey(copy, "path");
    const path = pathKey === undefined ? undefined : copy[pathKey];
    if (pathKey !== undefined && typeof path === "string") setOwn(copy, pathKey, nestPath(path));
    const valueKey = findKey(copy, "value");
    const value = valueKey === undefined ? undefined : copy[valueKey];
    if (valueKey !== undefined && path === undefined && isJsonObject(value)) {
      const renamed: JsonObject = {};
      for (const [name, item] of Object.entries(value)) setOwn(renamed, nestPath(name), item);
      setOwn(copy, valueKey, renamed);
    }
    return copy;
  });
  const result: JsonObject = { ...body };
  setOwn(result, key, nested);
  return result;
}

/**
 * The top-level names a PATCH introduces through non-URN paths (`custom` for `custom:country`),
 * lower-cased. Under `nonUrnAttributePaths: nested` these are Entra custom attributes, not
 * misspelt core attributes, so the `unknownAttributes` switch leaves them alone.
 */
export function nonUrnTopLevels(body: JsonValue, assumptions: Assumptions): Set<string> {
  const names = new Set<string>();
  if (assumptions.nonUrnAttributePaths !== "nested") return names;
  const add = (path: string) => {
    const match = NON_URN_PATH.exec(path);
    if (match?.[1] !== undefined && match[1].toLowerCase() !== "urn") names.add(match[1].toLowerCase());
  };
  for (const operation of operationsOf(body)) {
    const path = getMember(operation, "path");
    const value = getMember(operation, "value");
    if (typeof path === "string") add(path);
    else if (isJsonObject(value)) for (const name of Object.keys(value)) add(name);
  }
  return names;
}

/** With `acceptLegacyPatch` off the server is strictly RFC 7644: Entra's capitalised ops are 400s. */
function rejectLegacyDialect(body: JsonValue): void {
  for (const operation of operationsOf(body)) {
    const op = getMember(operation, "op");
    if (typeof op === "string" && op !== op.toLowerCase()) {
      throw new ScimError(
        400,
        `op '${op}' is not one of add, remove, replace (RFC 7644 §3.5.2)`,
        "invalidSyntax",
      );
    }
  }
}

/** `multiValueAdd: replace`: an add of an array to an extension attribute replaces its values. */
function adjust(parsed: PatchOperation[], assumptions: Assumptions): PatchOperation[] {
  const operations = pathless(parsed, assumptions.pathlessReplace);
  if (assumptions.multiValueAdd !== "replace") return operations;
  return operations.map((operation) =>
    operation.op === "add" &&
    (operation.path?.attr.uri || operation.path?.attr.subAttr) &&
    Array.isArray(operation.value)
      ? { ...operation, op: "replace" as const }
      : operation,
  );
}

/** `pathlessReplace`: a path-less `replace` (the aadOptscim062020 shape) applied whole, without `active`, or not at all. */
function pathless(operations: PatchOperation[], mode: Assumptions["pathlessReplace"]): PatchOperation[] {
  if (mode === "apply") return operations;
  return operations.flatMap((operation): PatchOperation[] => {
    if (operation.op !== "replace" || operation.path !== null || !isJsonObject(operation.value)) {
      return [operation];
    }
    if (mode === "ignore") return [];
    const value: JsonObject = {};
    for (const [name, item] of Object.entries(operation.value)) {
      if (name.toLowerCase() !== "active") setOwn(value, name, item);
    }
    return [{ ...operation, value }];
  });
}

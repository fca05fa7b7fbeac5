import {
  canonicalJson,
  cloneJson,
  exceedsJsonDepth,
  findKey,
  getMember,
  getOwn,
  isJsonEqual,
  isJsonObject,
  setOwn,
  type JsonObject,
  type JsonValue,
} from "../json.ts";
import { parsePath, type PatchPath } from "../path/parse-path.ts";
import type { SchemaDefinition } from "../schema/attribute-definition.ts";
import { findSubAttribute } from "../schema/find-attribute.ts";
import { ScimError } from "../scim-error.ts";
import { applySelection } from "./apply-selection.ts";
import { normalizeValue } from "./normalize-value.ts";
import { MAX_PATCH_OPERATIONS, MAX_PATCH_VALUE_DEPTH } from "./parse-patch-request.ts";
import type { PatchOp, PatchOperation } from "./patch-operation.ts";
import {
  commitTarget,
  isCoreUrn,
  isSchemaUrn,
  locateTarget,
  removeMember,
  setMember,
  toArray,
  type PatchTarget,
} from "./patch-target.ts";

/** What applyPatch knows about the resource type and which Entra dialect it tolerates. */
export type ApplyPatchOptions = {
  /** The schemas the resource type knows: its core schema and the extensions it declares. */
  schemas: readonly SchemaDefinition[];
  /** The core schema URN of the resource type, e.g. URN.user; unqualified names resolve in it. */
  resourceSchemaUrn: string;
  /**
   * Entra legacy dialect: `Remove` of a multi-valued attribute with a value array removes only the
   * listed values (matched by their `value` sub-attribute), as SCIMReferenceCode's
   * PatchOperation2Combined does (https://github.com/AzureAD/SCIMReferenceCode). Off: RFC 7644 §3.5.2.2,
   * the value is ignored and the whole attribute goes.
   */
  legacyMemberRemove: boolean;
  /**
   * Entra legacy dialect: accept "True"/"False" (any case) for boolean attributes
   * (https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility).
   */
  stringBooleans: boolean;
};

type Write = "add" | "replace";

/**
 * Applies PATCH operations (RFC 7644 §3.5.2) to a resource and returns the patched copy; the input
 * is never mutated and either every operation applies or a ScimError 400 is thrown
 * ("the entire PATCH request is rejected"). Path-less add/replace values are objects whose keys are
 * attribute paths (`name.givenName`, URN-qualified names) or schema URNs holding attributes (Entra's
 * flag dialect,
 * https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility).
 * Extension attributes are stored under their URN key.
 * Attributes no schema defines are schemaless: an array value makes them multi-valued.
 * A null value (or an emptied attribute) unassigns the attribute (RFC 7643 §2.5).
 */
export function applyPatch(
  resource: JsonObject,
  operations: readonly PatchOperation[],
  options: ApplyPatchOptions,
): JsonObject {
  if (operations.length > MAX_PATCH_OPERATIONS) {
    throw new ScimError(400, `At most ${MAX_PATCH_OPERATIONS} operations are accepted`, "invalidSyntax");
  }
  const result = cloneJson(resource);
  for (const operation of operations) {
    if (operation.value !== undefined && exceedsJsonDepth(operation.value, MAX_PATCH_VALUE_DEPTH)) {
      throw new ScimError(
        400,
        `A PATCH value nests deeper than ${MAX_PATCH_VALUE_DEPTH} levels`,
        "invalidValue",
      );
    }
    applyOperation(result, operation, options);
  }
  return result;
}

function applyOperation(root: JsonObject, operation: PatchOperation, options: ApplyPatchOptions): void {
  const { path } = operation;
  if (path === null) {
    if (operation.op === "remove") throw new ScimError(400, '"remove" needs a "path"', "noTarget");
    applyPathless(root, operation.op, operation.value, options);
    return;
  }
  const schemaUrn = wholeSchemaUrn(path, options);
  if (schemaUrn === null) {
    applyAt(root, operation.op, path, operation.value, options);
  } else if (operation.op === "remove" || operation.value === null) {
    removeSchemaObject(root, schemaUrn, options);
  } else {
    const value: JsonObject = {};
    setOwn(value, schemaUrn, operation.value);
    applyPathless(root, operation.op, value, options);
  }
}

/** RFC 7644 §3.5.2.1/§3.5.2.3 without `path`: each key of the value object is applied as its own path. */
function applyPathless(root: JsonObject, op: Write, value: JsonValue, options: ApplyPatchOptions): void {
  if (!isJsonObject(value)) {
    throw new ScimError(
      400,
      `"${op}" without a "path" needs an object value (RFC 7644 §3.5.2.1)`,
      "invalidValue",
    );
  }
  for (const key of Object.keys(value)) {
    const item = getOwn(value, key) ?? null;
    if (!isSchemaUrn(key, options)) {
      applyAt(root, op, keyToPath(key), item, options);
    } else if (item === null) {
      removeSchemaObject(root, key, options);
    } else if (!isJsonObject(item)) {
      throw new ScimError(400, `"${key}" must hold an object of attributes`, "invalidValue");
    } else if (isCoreUrn(key, options)) {
      applyPathless(root, op, item, options);
    } else {
      for (const name of Object.keys(item)) {
        applyAt(root, op, keyToPath(`${key}:${name}`), getOwn(item, name) ?? null, options);
      }
    }
  }
}

/** Parsed body keys: the same few keys come in every POST body, and a parsed path is never mutated. */
const KEY_PATHS = new Map<string, PatchPath>();
const KEY_PATHS_LIMIT = 1024;

function keyToPath(key: string): PatchPath {
  const known = KEY_PATHS.get(key);
  if (known !== undefined) return known;
  try {
    const path = parsePath(key);
    if (KEY_PATHS.size >= KEY_PATHS_LIMIT) KEY_PATHS.clear();
    KEY_PATHS.set(key, path);
    return path;
  } catch (error) {
    if (error instanceof ScimError) {
      throw new ScimError(400, `Key "${key}" of the value: ${error.message}`, "invalidPath");
    }
    throw error;
  }
}

function applyAt(
  root: JsonObject,
  requested: PatchOp,
  path: PatchPath,
  value: JsonValue | undefined,
  options: ApplyPatchOptions,
): void {
  // RFC 7643 §2.5: assigning null unassigns.
  const op = value === null ? "remove" : requested;
  const target = locateTarget(root, path, op !== "remove", options);
  if (target === null) return;
  const existing = getOwn(target.container, target.key);
  const current = existing === undefined ? undefined : cloneJson(existing);
  let next: JsonValue | undefined;
  if (path.filter !== null) {
    next = applySelection(target, current, op, path.filter, path.subAttr, value ?? null, options);
  } else if (path.attr.subAttr !== null) {
    next = applyToSubAttribute(target, current, op, path.attr.subAttr, value ?? null, options);
  } else if (op === "remove") {
    next = removeAttribute(target, current, value, options);
  } else {
    next = writeAttribute(target, current, op, value ?? null, options);
  }
  commitTarget(target, existing, next);
}

/** Whole-attribute add/replace (RFC 7644 §3.5.2.1, §3.5.2.3). */
function writeAttribute(
  target: PatchTarget,
  current: JsonValue | undefined,
  op: Write,
  value: JsonValue,
  options: ApplyPatchOptions,
): JsonValue {
  const { definition } = target;
  const normalized = normalizeValue(definition, value, options, target.label);
  const multiValued = definition
    ? definition.multiValued
    : Array.isArray(normalized) || (op === "add" && Array.isArray(current));
  if (multiValued) {
    const items = toArray(normalized);
    return op === "add" ? appendDistinct(toArray(current), items) : appendDistinct([], items);
  }
  const complex = definition
    ? definition.type === "complex"
    : isJsonObject(normalized) && isJsonObject(current);
  if (complex && isJsonObject(normalized)) {
    // Both add and replace on a complex attribute merge the given sub-attributes (RFC 7644 §3.5.2.1, §3.5.2.3).
    const merged = isJsonObject(current) ? current : {};
    for (const key of Object.keys(normalized)) {
      setOwn(merged, findKey(merged, key) ?? key, normalized[key] ?? null);
    }
    return merged;
  }
  return normalized;
}

/** Whole-attribute remove (RFC 7644 §3.5.2.2), or Entra's legacy removal of listed values. */
function removeAttribute(
  target: PatchTarget,
  current: JsonValue | undefined,
  value: JsonValue | undefined,
  options: ApplyPatchOptions,
): JsonValue | undefined {
  const multiValued = target.definition ? target.definition.multiValued : Array.isArray(current);
  if (options.legacyMemberRemove && multiValued && Array.isArray(value)) {
    return toArray(current).filter((element) => !value.some((item) => isListedValue(element, item)));
  }
  return undefined;
}

/** A listed value matches by its `value` sub-attribute when it has one (`[{"$ref":null,"value":"id"}]`). */
function isListedValue(element: JsonValue, item: JsonValue): boolean {
  const wanted = isJsonObject(item) ? getMember(item, "value") : undefined;
  if (wanted === undefined || wanted === null) return isJsonEqual(element, item);
  return isJsonObject(element) && isJsonEqual(getMember(element, "value") ?? null, wanted);
}

/** `name.givenName`, or `emails.value` on every value of a multi-valued attribute. */
function applyToSubAttribute(
  target: PatchTarget,
  current: JsonValue | undefined,
  op: PatchOp,
  subAttr: string,
  value: JsonValue,
  options: ApplyPatchOptions,
): JsonValue | undefined {
  const { definition } = target;
  const subDefinition = definition ? findSubAttribute(definition, subAttr) : null;
  const label = target.label;
  const multiValued = definition ? definition.multiValued : Array.isArray(current);
  const parents = multiValued ? toArray(current) : current === undefined ? [] : [current];
  if (!parents.every(isJsonObject)) {
    throw new ScimError(400, `"${label}" addresses a sub-attribute of a simple value`, "invalidPath");
  }
  if (op === "remove") {
    for (const parent of parents) removeMember(parent, subAttr, subDefinition, label);
  } else {
    const normalized = normalizeValue(subDefinition, value, options, label);
    if (parents.length === 0) parents.push({});
    for (const parent of parents) {
      // RFC 7644 §3.5.2.1: an add to a multi-valued attribute adds its values; schemaless (e.g. a
      // non-URN `custom.aliases`), an array that is already there is multi-valued.
      const existing =
        op === "add" && subDefinition === null && Array.isArray(normalized)
          ? getMember(parent, subAttr)
          : undefined;
      const written = Array.isArray(existing) ? appendDistinct(existing, toArray(normalized)) : normalized;
      setMember(parent, subAttr, subDefinition, written, label);
    }
  }
  return multiValued ? parents : parents[0];
}

/** Appends values that are not already present; a new primary value demotes the others (RFC 7643 §2.4). */
function appendDistinct(existing: JsonValue[], items: JsonValue[]): JsonValue[] {
  const result = [...existing];
  // Keyed by canonical JSON: one pass, so a PATCH of a 10,000-member group stays linear.
  const seen = new Set(result.map(canonicalJson));
  const added = items.filter((item) => {
    const key = canonicalJson(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (added.some((item) => isJsonObject(item) && getMember(item, "primary") === true)) {
    for (const element of result) {
      const key = isJsonObject(element) ? findKey(element, "primary") : undefined;
      if (isJsonObject(element) && key !== undefined && getOwn(element, key) === true) {
        setOwn(element, key, false);
      }
    }
  }
  return [...result, ...added];
}

function wholeSchemaUrn(path: PatchPath, options: ApplyPatchOptions): string | null {
  const { uri, name, subAttr } = path.attr;
  if (path.filter !== null || subAttr !== null || uri === null) return null;
  const urn = `${uri}:${name}`;
  return isSchemaUrn(urn, options) ? urn : null;
}

function removeSchemaObject(root: JsonObject, urn: string, options: ApplyPatchOptions): void {
  if (isCoreUrn(urn, options)) {
    throw new ScimError(400, `The core schema "${urn}" cannot be removed`, "invalidPath");
  }
  const key = findKey(root, urn);
  if (key !== undefined) Reflect.deleteProperty(root, key);
}

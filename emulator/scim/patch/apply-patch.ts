import type { AttrPath, Filter } from "../filter/filter-ast.ts";
import { matchesFilter } from "../filter/match-filter.ts";
import {
  cloneJson,
  exceedsJsonDepth,
  findKey,
  getOwn,
  isJsonEqual,
  isJsonObject,
  setOwn,
  type JsonObject,
  type JsonValue,
} from "../json.ts";
import { parsePath, type PatchPath } from "../path/parse-path.ts";
import { printPath } from "../path/print-path.ts";
import type { AttributeDefinition, SchemaDefinition } from "../schema/attribute-definition.ts";
import { findAttribute, findSubAttribute } from "../schema/find-attribute.ts";
import { ScimError } from "../scim-error.ts";
import { URN } from "../urns.ts";
import { normalizeValue } from "./normalize-value.ts";
import { MAX_PATCH_OPERATIONS, MAX_PATCH_VALUE_DEPTH } from "./parse-patch-request.ts";
import type { PatchOp, PatchOperation } from "./patch-operation.ts";

/** What applyPatch knows about the resource type and which Entra dialect it tolerates. */
export type ApplyPatchOptions = {
  /** The schemas the resource type knows: its core schema and the extensions it declares. */
  schemas: readonly SchemaDefinition[];
  /** The core schema URN of the resource type, e.g. URN.user; unqualified names resolve in it. */
  resourceSchemaUrn: string;
  /**
   * Entra legacy dialect: `Remove` of a multi-valued attribute with a value array removes only the
   * listed values (matched by their `value` sub-attribute), as SCIMReferenceCode's
   * PatchOperation2Combined does (reference/entra.md §1.9). Off: RFC 7644 §3.5.2.2, the value is
   * ignored and the whole attribute goes.
   */
  legacyMemberRemove: boolean;
  /** Entra legacy dialect: accept "True"/"False" (any case) for boolean attributes (reference/entra.md §2). */
  stringBooleans: boolean;
};

type Write = "add" | "replace";

/** Where an attribute lives and how it is defined. */
type Target = {
  root: JsonObject;
  /** The resource itself or the extension object keyed by the schema URN. */
  container: JsonObject;
  /** The extension's key in the resource, or null for top-level attributes. */
  extensionKey: string | null;
  /** The existing key's spelling, else the schema's, else the request's. */
  key: string;
  definition: AttributeDefinition | null;
  label: string;
};

/** Schema URNs (not attribute URNs): the last segment follows a version such as `2.0` (RFC 7643 §10.2). */
const SCHEMA_URN_SHAPE = /^urn:\S*:\d+(?:\.\d+)*:[A-Za-z][A-Za-z0-9_-]*$/i;

/**
 * Applies PATCH operations (RFC 7644 §3.5.2) to a resource and returns the patched copy; the input
 * is never mutated and either every operation applies or a ScimError 400 is thrown
 * ("the entire PATCH request is rejected"). Path-less add/replace values are objects whose keys are
 * attribute paths (`name.givenName`, URN-qualified names) or schema URNs holding attributes (Entra's
 * flag dialect, reference/entra.md §1.5). Extension attributes are stored under their URN key.
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
      for (const name of Object.keys(item))
        applyAt(root, op, keyToPath(`${key}:${name}`), getOwn(item, name) ?? null, options);
    }
  }
}

function keyToPath(key: string): PatchPath {
  try {
    return parsePath(key);
  } catch (error) {
    if (error instanceof ScimError)
      throw new ScimError(400, `Key "${key}" of the value: ${error.message}`, "invalidPath");
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
  const target = locate(root, path, op !== "remove", options);
  if (target === null) return;
  const existing = getOwn(target.container, target.key);
  const current = existing === undefined ? undefined : cloneJson(existing);
  let next: JsonValue | undefined;
  if (path.filter !== null) {
    next = applyToSelection(target, current, op, path.filter, path.subAttr, value ?? null, options);
  } else if (path.attr.subAttr !== null) {
    next = applyToSubAttribute(target, current, op, path.attr.subAttr, value ?? null, options);
  } else if (op === "remove") {
    next = removeAttribute(target, current, value, options);
  } else {
    next = writeAttribute(target, current, op, value ?? null, options);
  }
  commit(target, existing, next);
}

function locate(
  root: JsonObject,
  path: PatchPath,
  create: boolean,
  options: ApplyPatchOptions,
): Target | null {
  const { name } = path.attr;
  const uri = path.attr.uri ?? extensionDefining(root, name, options);
  const core = uri === null || isCoreUrn(uri, options);
  const definitionPath: AttrPath = { uri: core ? null : uri, name, subAttr: null };
  const definition = findAttribute(options.schemas, definitionPath, options.resourceSchemaUrn);
  let container = root;
  let extensionKey: string | null = null;
  if (!core) {
    extensionKey = findKey(root, uri) ?? null;
    const extension = extensionKey === null ? undefined : getOwn(root, extensionKey);
    if (extension === undefined) {
      if (!create) return null;
      // Detached until commit writes something into it, so a no-op leaves no empty extension behind.
      extensionKey = uri;
      container = {};
    } else if (isJsonObject(extension)) {
      container = extension;
    } else {
      throw new ScimError(400, `"${uri}" holds no extension object`, "invalidPath");
    }
  }
  const key = findKey(container, name) ?? definition?.name ?? name;
  return { root, container, extensionKey, key, definition, label: printPath(path) };
}

/**
 * RFC 7644 §3.10 lets clients omit the URN of an extension attribute whose name is unique; Entra's
 * legacy form does so for `manager` (reference/entra.md §1.3). Resolves such a name to the one
 * known extension that defines it, unless the core schema or a top-level value already claims it.
 */
function extensionDefining(root: JsonObject, name: string, options: ApplyPatchOptions): string | null {
  const path: AttrPath = { uri: null, name, subAttr: null };
  if (
    findKey(root, name) !== undefined ||
    findAttribute(options.schemas, path, options.resourceSchemaUrn) !== null
  ) {
    return null;
  }
  const defining = options.schemas.filter(
    (schema) => !isCoreUrn(schema.id, options) && findAttribute([schema], path) !== null,
  );
  return defining.length === 1 ? (defining[0]?.id ?? null) : null;
}

/** Whole-attribute add/replace (RFC 7644 §3.5.2.1, §3.5.2.3). */
function writeAttribute(
  target: Target,
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
    for (const key of Object.keys(normalized))
      setOwn(merged, findKey(merged, key) ?? key, normalized[key] ?? null);
    return merged;
  }
  return normalized;
}

/** Whole-attribute remove (RFC 7644 §3.5.2.2), or Entra's legacy removal of listed values. */
function removeAttribute(
  target: Target,
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
  const wanted = isJsonObject(item) ? memberOf(item, "value") : undefined;
  if (wanted === undefined || wanted === null) return isJsonEqual(element, item);
  return isJsonObject(element) && isJsonEqual(memberOf(element, "value") ?? null, wanted);
}

/** `name.givenName`, or `emails.value` on every value of a multi-valued attribute. */
function applyToSubAttribute(
  target: Target,
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
  if (!parents.every(isJsonObject))
    throw new ScimError(400, `"${label}" addresses a sub-attribute of a simple value`, "invalidPath");
  if (op === "remove") {
    for (const parent of parents) removeMember(parent, subAttr, subDefinition, label);
  } else {
    const normalized = normalizeValue(subDefinition, value, options, label);
    if (parents.length === 0) parents.push({});
    for (const parent of parents) setMember(parent, subAttr, subDefinition, normalized, label);
  }
  return multiValued ? parents : parents[0];
}

/** A value-selection path `attr[filter]` or `attr[filter].sub` (RFC 7644 §3.5.2). */
function applyToSelection(
  target: Target,
  current: JsonValue | undefined,
  op: PatchOp,
  filter: Filter,
  subAttr: string | null,
  value: JsonValue,
  options: ApplyPatchOptions,
): JsonValue | undefined {
  const { definition, label } = target;
  // A single complex attribute (Entra removes the manager with `manager[value eq "id"]`) is a one-value selection.
  const single = current !== undefined && !Array.isArray(current);
  if (single && !isJsonObject(current))
    throw new ScimError(400, `"${label}" selects values of a simple attribute`, "invalidPath");
  const elements = toArray(current);
  const caseExact = (path: AttrPath): boolean =>
    definition !== null &&
    path.subAttr === null &&
    (findSubAttribute(definition, path.name)?.caseExact ?? false);
  const selected = new Set(
    elements.filter((element) => isJsonObject(element) && matchesFilter(element, filter, { caseExact })),
  );
  const subDefinition = definition && subAttr !== null ? findSubAttribute(definition, subAttr) : null;
  const elementDefinition = definition ? { ...definition, multiValued: false } : null;

  let result: JsonValue[];
  if (op === "remove") {
    // No match on remove is a no-op: Entra retries removals, and the outcome (value absent) already holds.
    if (subAttr === null) {
      result = elements.filter((element) => !selected.has(element));
    } else {
      for (const element of selected)
        if (isJsonObject(element)) removeMember(element, subAttr, subDefinition, label);
      result = elements;
    }
  } else if (selected.size === 0) {
    result = [...elements, createSelected(target, filter, subAttr, subDefinition, value, single, options)];
  } else if (subAttr !== null) {
    const normalized = normalizeValue(subDefinition, value, options, label);
    for (const element of selected)
      if (isJsonObject(element)) setMember(element, subAttr, subDefinition, normalized, label);
    result = elements;
  } else {
    const normalized = normalizeValue(elementDefinition, value, options, label);
    if (!isJsonObject(normalized))
      throw new ScimError(400, `"${label}" needs an object value`, "invalidValue");
    result = elements.map((element) => {
      if (!selected.has(element) || !isJsonObject(element)) return element;
      // RFC 7644 §3.5.2.3: matching values are replaced; add merges into them.
      const base: JsonObject = op === "replace" ? {} : element;
      for (const key of Object.keys(normalized))
        setOwn(base, findKey(base, key) ?? key, normalized[key] ?? null);
      return base;
    });
  }
  return single ? result[0] : result;
}

/**
 * Entra compatibility: Entra sends `Replace emails[type eq "work"].value` and
 * `Add addresses[type eq "work"].locality` for a value that does not exist yet and expects it to be
 * created (reference/entra.md §1.4). RFC 7644 §3.5.2.3 would answer noTarget; we create
 * `{type: "work", ...}` when the filter is exactly `type eq "<string>"`, and answer noTarget otherwise.
 */
function createSelected(
  target: Target,
  filter: Filter,
  subAttr: string | null,
  subDefinition: AttributeDefinition | null,
  value: JsonValue,
  single: boolean,
  options: ApplyPatchOptions,
): JsonObject {
  const { definition, label } = target;
  const type = selectedType(filter);
  if (type === null || single || (definition !== null && !definition.multiValued)) {
    throw new ScimError(400, `No value of "${label}" matches its filter (RFC 7644 §3.5.2.3)`, "noTarget");
  }
  const typeKey = definition ? (findSubAttribute(definition, "type")?.name ?? "type") : "type";
  const element: JsonObject = {};
  if (subAttr !== null) {
    setMember(element, subAttr, subDefinition, normalizeValue(subDefinition, value, options, label), label);
  } else {
    const normalized = normalizeValue(
      definition ? { ...definition, multiValued: false } : null,
      value,
      options,
      label,
    );
    if (!isJsonObject(normalized))
      throw new ScimError(400, `"${label}" needs an object value`, "invalidValue");
    for (const key of Object.keys(normalized)) setOwn(element, key, normalized[key] ?? null);
  }
  if (findKey(element, typeKey) === undefined) setOwn(element, typeKey, type);
  return element;
}

function selectedType(filter: Filter): string | null {
  if (filter.kind !== "compare" || filter.op !== "eq" || typeof filter.value !== "string") return null;
  const { uri, name, subAttr } = filter.path;
  return uri === null && subAttr === null && name.toLowerCase() === "type" ? filter.value : null;
}

function setMember(
  parent: JsonObject,
  name: string,
  definition: AttributeDefinition | null,
  value: JsonValue,
  label: string,
): void {
  const key = findKey(parent, name) ?? definition?.name ?? name;
  assertMutable(definition, label, getOwn(parent, key), value);
  setOwn(parent, key, value);
}

function removeMember(
  parent: JsonObject,
  name: string,
  definition: AttributeDefinition | null,
  label: string,
): void {
  const key = findKey(parent, name);
  if (key === undefined) return;
  assertMutable(definition, label, getOwn(parent, key), undefined);
  Reflect.deleteProperty(parent, key);
}

/**
 * Writes the attribute's new value. An empty array or object unassigns the attribute
 * (RFC 7643 §2.5, RFC 7644 §3.5.2.2), and an emptied extension object goes too.
 */
function commit(target: Target, existing: JsonValue | undefined, next: JsonValue | undefined): void {
  const before = existing === undefined || isEmpty(existing) ? undefined : existing;
  const after = next === undefined || isEmpty(next) ? undefined : next;
  if (before === undefined ? after === undefined : after !== undefined && isJsonEqual(before, after)) return;
  assertMutable(target.definition, target.label, before, after);
  const { root, container, extensionKey, key } = target;
  if (after === undefined) Reflect.deleteProperty(container, key);
  else setOwn(container, key, after);
  if (extensionKey === null) return;
  if (Object.keys(container).length === 0) Reflect.deleteProperty(root, extensionKey);
  else if (getOwn(root, extensionKey) !== container) setOwn(root, extensionKey, container);
}

/** RFC 7643 §7 mutability; writing the value an attribute already has is always allowed. */
function assertMutable(
  definition: AttributeDefinition | null,
  label: string,
  existing: JsonValue | undefined,
  next: JsonValue | undefined,
): void {
  if (definition === null) return;
  if (existing === undefined ? next === undefined : next !== undefined && isJsonEqual(existing, next)) return;
  if (definition.mutability === "readOnly") {
    throw new ScimError(400, `"${label}" is readOnly (RFC 7643 §7)`, "mutability");
  }
  if (definition.mutability === "immutable" && existing !== undefined && existing !== null) {
    throw new ScimError(400, `"${label}" is immutable and already has a value (RFC 7643 §7)`, "mutability");
  }
}

/** Appends values that are not already present; a new primary value demotes the others (RFC 7643 §2.4). */
function appendDistinct(existing: JsonValue[], items: JsonValue[]): JsonValue[] {
  const result = [...existing];
  const added = items.filter((item, index) => {
    const duplicate =
      result.some((present) => isJsonEqual(present, item)) ||
      items.slice(0, index).some((earlier) => isJsonEqual(earlier, item));
    return !duplicate;
  });
  if (added.some((item) => isJsonObject(item) && memberOf(item, "primary") === true)) {
    for (const element of result) {
      const key = isJsonObject(element) ? findKey(element, "primary") : undefined;
      if (isJsonObject(element) && key !== undefined && getOwn(element, key) === true)
        setOwn(element, key, false);
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
  if (isCoreUrn(urn, options))
    throw new ScimError(400, `The core schema "${urn}" cannot be removed`, "invalidPath");
  const key = findKey(root, urn);
  if (key !== undefined) Reflect.deleteProperty(root, key);
}

function isSchemaUrn(text: string, options: ApplyPatchOptions): boolean {
  const lower = text.toLowerCase();
  return (
    isCoreUrn(text, options) ||
    options.schemas.some((schema) => schema.id.toLowerCase() === lower) ||
    SCHEMA_URN_SHAPE.test(text)
  );
}

/** Core schema URNs qualify top-level attributes (RFC 7643 §3). */
function isCoreUrn(uri: string, options: ApplyPatchOptions): boolean {
  const lower = uri.toLowerCase();
  return [options.resourceSchemaUrn, URN.user, URN.group].some((urn) => urn.toLowerCase() === lower);
}

function memberOf(source: JsonObject, name: string): JsonValue | undefined {
  const key = findKey(source, name);
  return key === undefined ? undefined : getOwn(source, key);
}

function toArray(value: JsonValue | undefined): JsonValue[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function isEmpty(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}

import type { AttrPath } from "../filter/filter-ast.ts";
import {
  findKey,
  getOwn,
  isJsonEqual,
  isJsonObject,
  setOwn,
  type JsonObject,
  type JsonValue,
} from "../json.ts";
import type { PatchPath } from "../path/parse-path.ts";
import { printPath } from "../path/print-path.ts";
import type { AttributeDefinition } from "../schema/attribute-definition.ts";
import { findAttribute } from "../schema/find-attribute.ts";
import { ScimError } from "../scim-error.ts";
import { URN } from "../urns.ts";
import type { ApplyPatchOptions } from "./apply-patch.ts";

/** The part of the options that places attributes: the known schemas and the resource's core URN. */
export type ResourceSchemas = Pick<ApplyPatchOptions, "schemas" | "resourceSchemaUrn">;

/** Where a PATCH path's attribute lives, how it is defined, and how to name it in errors. */
export type PatchTarget = {
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
 * Finds where a path's attribute lives: the resource, or the extension object keyed by the path's
 * URN (matched case-insensitively). A missing extension object is created detached when `create`
 * is set, and attached by commitTarget once something is written; without `create` it yields null.
 */
export function locateTarget(
  root: JsonObject,
  path: PatchPath,
  create: boolean,
  options: ResourceSchemas,
): PatchTarget | null {
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
 * legacy form does so for `manager`
 * (https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups).
 * Resolves such a name to the one
 * known extension that defines it, unless the core schema or a top-level value already claims it.
 */
function extensionDefining(root: JsonObject, name: string, options: ResourceSchemas): string | null {
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

/** Sets a member of a complex value, keeping an existing key's spelling and its mutability. */
export function setMember(
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

/** Deletes a member of a complex value, if present, respecting its mutability. */
export function removeMember(
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
export function commitTarget(
  target: PatchTarget,
  existing: JsonValue | undefined,
  next: JsonValue | undefined,
): void {
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

/** True for a whole schema URN (known, or shaped `...:<version>:<Resource>`), not an attribute URN. */
export function isSchemaUrn(text: string, options: ResourceSchemas): boolean {
  const lower = text.toLowerCase();
  return (
    isCoreUrn(text, options) ||
    options.schemas.some((schema) => schema.id.toLowerCase() === lower) ||
    SCHEMA_URN_SHAPE.test(text)
  );
}

/** Core schema URNs qualify top-level attributes (RFC 7643 §3). */
export function isCoreUrn(uri: string, options: ResourceSchemas): boolean {
  const lower = uri.toLowerCase();
  return [options.resourceSchemaUrn, URN.user, URN.group].some((urn) => urn.toLowerCase() === lower);
}

/** The values of an attribute: none, its array, or its single value. */
export function toArray(value: JsonValue | undefined): JsonValue[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function isEmpty(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}

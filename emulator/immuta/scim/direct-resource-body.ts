import {
  canonicalJson,
  exceedsJsonDepth,
  findKey,
  getOwn,
  isCoreSchema,
  isJsonObject,
  isSchemaUrn,
  MAX_FILTER_LENGTH,
  normalizeValue,
  setOwn,
  type AttributeDefinition,
  type JsonObject,
  type JsonValue,
  type SchemaDefinition,
} from "../../scim/index.ts";
import { URN } from "../../scim/index.ts";

/** What a body is checked against (built by resourceBodySchemas): the schemas and the keys skipped. */
export type ResourceBodySchemas = {
  schemas: readonly SchemaDefinition[];
  resourceSchemaUrn: string;
  /** Lower-cased keys that are not stored attributes (`schemas` and the server-assigned ones). */
  skipped: ReadonlySet<string>;
  /** The core schema's attributes by lower-cased name. */
  core: ReadonlyMap<string, AttributeDefinition>;
  /** Each other schema's attributes by lower-cased name, by its lower-cased URN. */
  extensions: ReadonlyMap<string, ReadonlyMap<string, AttributeDefinition>>;
  /** Lower-cased names that exactly one extension defines, with its lower-cased URN. */
  soleExtension: ReadonlyMap<string, string>;
  /** Lower-cased core schema URNs (this type's, User's, Group's): never an extension object's key. */
  coreUrns: ReadonlySet<string>;
};

/** A plain attribute name (RFC 7643 §2.1 ATTRNAME): a key the PATCH path parser reads as itself. */
const PLAIN_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** An extension URN that the path parser reads as the URI of `<urn>:<name>` (its schema URI rule). */
const PLAIN_URN = /^urn(?::[A-Za-z0-9._-]+)+$/i;

/** Levels a body value may nest: the PATCH value limit, less the level of the body's own object. */
const VALUE_LEVELS = 9;

const NORMALIZE = { stringBooleans: false } as const;

/** One planned write: a core attribute, or an extension object's attributes. */
type Step =
  | { kind: "core"; key: string; definition: AttributeDefinition; value: JsonValue }
  | { kind: "extension"; key: string; members: Member[] };

type Member = { name: string; definition: AttributeDefinition | null; value: JsonValue };

/**
 * The resource a POST or PUT body gives, built straight from its schema for the shape clients
 * send (each key a core attribute by its plain name, or an extension URN holding plain names,
 * none twice in any case, nothing server-assigned, nothing nested past the PATCH value limit), or
 * undefined for any other body, which the caller then applies through the PATCH applier. Values
 * are checked and written as that applier writes a path-less `add` to an empty resource, so both
 * give the same resource or throw the same ScimError (a property test holds them to it).
 */
export function directResourceBody(body: JsonObject, schemas: ResourceBodySchemas): JsonObject | undefined {
  const steps = planOf(body, schemas);
  if (steps === undefined) return undefined;
  const resource: JsonObject = {};
  for (const step of steps) {
    if (step.kind === "core") {
      const next = write(step.definition, step.value, step.key);
      if (next !== undefined) setOwn(resource, step.definition.name, next);
      continue;
    }
    const container: JsonObject = {};
    let attached = false;
    for (const member of step.members) {
      const next = write(member.definition, member.value, `${step.key}:${member.name}`);
      if (next === undefined) continue;
      setOwn(container, member.definition?.name ?? member.name, next);
      // An extension object joins the resource at its first written attribute, as a PATCH attaches it.
      if (!attached) setOwn(resource, step.key, container);
      attached = true;
    }
  }
  return resource;
}

/** The writes a body makes, or undefined when any key falls outside the direct shape. */
function planOf(body: JsonObject, schemas: ResourceBodySchemas): Step[] | undefined {
  const claimed = new Set<string>();
  const steps: Step[] = [];
  for (const key of Object.keys(body)) {
    const lower = key.toLowerCase();
    if (schemas.skipped.has(lower)) continue;
    const value = getOwn(body, key) ?? null;
    if (claimed.has(lower) || key.length > MAX_FILTER_LENGTH || exceedsJsonDepth(value, VALUE_LEVELS))
      return undefined;
    claimed.add(lower);
    if (PLAIN_NAME.test(key)) {
      // Null unassigns (RFC 7643 §2.5): a no-op, unless the name is an extension's (RFC 7644 §3.10)
      // and that extension came earlier in the body.
      if (value === null) {
        const urn = schemas.core.has(lower) ? undefined : schemas.soleExtension.get(lower);
        if (urn !== undefined && claimed.has(urn)) return undefined;
        continue;
      }
      const definition = schemas.core.get(lower);
      if (definition === undefined || !isWritable(definition)) return undefined;
      steps.push({ kind: "core", key, definition, value });
      continue;
    }
    if (!isJsonObject(value) || !isExtensionUrn(key, lower, schemas)) return undefined;
    const members = membersOf(key, value, schemas.extensions.get(lower));
    if (members === undefined) return undefined;
    steps.push({ kind: "extension", key, members });
  }
  return steps;
}

function membersOf(
  urn: string,
  extension: JsonObject,
  table: ReadonlyMap<string, AttributeDefinition> | undefined,
): Member[] | undefined {
  const claimed = new Set<string>();
  const members: Member[] = [];
  for (const name of Object.keys(extension)) {
    const lower = name.toLowerCase();
    if (!PLAIN_NAME.test(name) || claimed.has(lower) || urn.length + name.length >= MAX_FILTER_LENGTH)
      return undefined;
    claimed.add(lower);
    const value = getOwn(extension, name) ?? null;
    if (value === null) continue;
    const definition = table?.get(lower) ?? null;
    if (definition !== null && !isWritable(definition)) return undefined;
    members.push({ name, definition, value });
  }
  return members;
}

/**
 * A whole-attribute `add` of a value (not null) to an attribute that has none yet: multi-valued
 * values are kept once each, a complex value merges into an empty one, and an empty result writes
 * nothing (RFC 7643 §2.5, RFC 7644 §3.5.2.1).
 */
function write(
  definition: AttributeDefinition | null,
  value: JsonValue,
  label: string,
): JsonValue | undefined {
  const normalized = normalizeValue(definition, value, NORMALIZE, label);
  let next = normalized;
  if (Array.isArray(normalized)) {
    if (definition === null || definition.multiValued) next = distinct(normalized);
  } else if (definition?.type === "complex" && isJsonObject(normalized)) {
    const merged: JsonObject = {};
    for (const key of Object.keys(normalized)) {
      setOwn(merged, findKey(merged, key) ?? key, normalized[key] ?? null);
    }
    next = merged;
  }
  if (Array.isArray(next) ? next.length === 0 : isJsonObject(next) && Object.keys(next).length === 0)
    return undefined;
  return next;
}

/** The values without repeats (equal JSON, keys in any order), first occurrence kept. */
function distinct(values: JsonValue[]): JsonValue[] {
  if (values.length < 2) return values;
  const seen = new Set<string>();
  return values.filter((item) => {
    const key = canonicalJson(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** readOnly attributes are refused and immutable ones checked by the applier: left to it. */
function isWritable(definition: AttributeDefinition): boolean {
  return definition.mutability === "readWrite" || definition.mutability === "writeOnly";
}

function isExtensionUrn(key: string, lower: string, schemas: ResourceBodySchemas): boolean {
  return !schemas.coreUrns.has(lower) && PLAIN_URN.test(key) && isSchemaUrn(key, schemas);
}

/**
 * The tables the direct path reads, built once per resource type: the core schema's attributes and
 * each other schema's, by lower-cased name (the first of a name, as the applier's lookups find it).
 */
export function resourceBodySchemas(options: {
  schemas: readonly SchemaDefinition[];
  resourceSchemaUrn: string;
  skipped: ReadonlySet<string>;
}): ResourceBodySchemas {
  const core = options.resourceSchemaUrn.toLowerCase();
  const extensions = new Map<string, ReadonlyMap<string, AttributeDefinition>>();
  let coreTable: ReadonlyMap<string, AttributeDefinition> | undefined;
  for (const schema of options.schemas) {
    const id = schema.id.toLowerCase();
    if (id === core) coreTable ??= byName(schema);
    else if (!extensions.has(id)) extensions.set(id, byName(schema));
  }
  const definers = new Map<string, string[]>();
  for (const [urn, table] of extensions) {
    if (isCoreSchema(urn)) continue;
    for (const name of table.keys()) definers.set(name, [...(definers.get(name) ?? []), urn]);
  }
  const soleExtension = new Map<string, string>();
  for (const [name, urns] of definers)
    if (urns.length === 1 && urns[0] !== undefined) soleExtension.set(name, urns[0]);
  const coreUrns = new Set([options.resourceSchemaUrn, URN.user, URN.group].map((urn) => urn.toLowerCase()));
  return { ...options, core: coreTable ?? new Map(), extensions, soleExtension, coreUrns };
}

function byName(schema: SchemaDefinition): ReadonlyMap<string, AttributeDefinition> {
  const table = new Map<string, AttributeDefinition>();
  for (const attribute of schema.attributes) {
    const lower = attribute.name.toLowerCase();
    if (!table.has(lower)) table.set(lower, attribute);
  }
  return table;
}

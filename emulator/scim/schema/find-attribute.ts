import type { AttrPath } from "../filter/filter-ast.ts";
import type { AttributeDefinition, SchemaDefinition } from "./attribute-definition.ts";

/**
 * The definition a path addresses (the sub-attribute's when the path has one), or null when no
 * schema defines it: callers then treat the attribute as schemaless. A path without URN resolves
 * in the core schema (`coreSchemaUrn`, by default the first schema); names and URNs match
 * case-insensitively (RFC 7643 §2.1).
 */
export function findAttribute(
  schemas: readonly SchemaDefinition[],
  path: AttrPath,
  coreSchemaUrn: string | undefined = schemas[0]?.id,
): AttributeDefinition | null {
  const urn = (path.uri ?? coreSchemaUrn)?.toLowerCase();
  const schema = schemas.find((candidate) => candidate.id.toLowerCase() === urn);
  const attribute = schema ? findNamed(schema.attributes, path.name) : null;
  if (attribute === null || path.subAttr === null) return attribute;
  return findSubAttribute(attribute, path.subAttr);
}

/** A sub-attribute of a complex attribute by case-insensitive name, or null. */
export function findSubAttribute(parent: AttributeDefinition, name: string): AttributeDefinition | null {
  return findNamed(parent.subAttributes ?? [], name);
}

function findNamed(attributes: readonly AttributeDefinition[], name: string): AttributeDefinition | null {
  const lower = name.toLowerCase();
  return attributes.find((attribute) => attribute.name.toLowerCase() === lower) ?? null;
}

import { findKey, isJsonObject, type JsonValue } from "../../scim/index.ts";
import type { AttributeDefinition, AttributeType } from "../../scim/index.ts";
import type { ImmutaUser } from "../model/user-store.ts";

/**
 * The attributes of a custom extension as its stored users imply them (RFC 7643 §7 definitions),
 * so schema-driven clients see and exercise them. Immuta's attribute-schema row names only the
 * extension URN, never its attributes, so the fake declares what it has stored under that URN:
 * one definition per attribute name (the first spelling seen), its type from the values stored.
 */
export function inferExtensionAttributes(users: Iterable<ImmutaUser>, urn: string): AttributeDefinition[] {
  const samples = new Map<string, { name: string; values: JsonValue[] }>();
  for (const user of users) {
    if (user.scimDeleted) continue;
    const key = findKey(user.resource, urn);
    const extension = key === undefined ? undefined : user.resource[key];
    if (!isJsonObject(extension)) continue;
    for (const [name, value] of Object.entries(extension)) {
      const entry = samples.get(name.toLowerCase()) ?? { name, values: [] };
      entry.values.push(value);
      samples.set(name.toLowerCase(), entry);
    }
  }
  return [...samples.values()].map(({ name, values }) => define(name, values));
}

function define(name: string, values: readonly JsonValue[]): AttributeDefinition {
  const multiValued = values.some(Array.isArray);
  const items = values.flatMap((value) => (Array.isArray(value) ? value : [value]));
  const type = typeOf(items);
  const objects = items.filter(isJsonObject);
  const subNames = [...new Set(objects.flatMap((item) => Object.keys(item)))];
  return {
    name,
    type,
    multiValued,
    required: false,
    caseExact: false,
    mutability: "readWrite",
    returned: "default",
    uniqueness: "none",
    ...(type === "complex"
      ? {
          subAttributes: subNames.map((sub) =>
            define(
              sub,
              objects.flatMap((item) => (Object.hasOwn(item, sub) ? [item[sub] ?? null] : [])),
            ),
          ),
        }
      : {}),
  };
}

/** One type for all stored values (RFC 7643 §2.3); mixed or absent values are strings. */
function typeOf(items: readonly JsonValue[]): AttributeType {
  const present = items.filter((item) => item !== null);
  if (present.length === 0) return "string";
  if (present.every(isJsonObject)) return "complex";
  if (present.every((item) => typeof item === "boolean")) return "boolean";
  if (present.every((item) => typeof item === "number" && Number.isInteger(item))) return "integer";
  if (present.every((item) => typeof item === "number")) return "decimal";
  return "string";
}

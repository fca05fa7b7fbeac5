import { isAttributeName } from "../filter/filter-reader.ts";
import { getOwn, isJsonObject, setOwn, type JsonObject, type JsonValue } from "../json.ts";
import type { AttributeDefinition } from "../schema/attribute-definition.ts";
import { findSubAttribute } from "../schema/find-attribute.ts";
import { ScimError } from "../scim-error.ts";

/** How lenient value checks are. */
export type NormalizeOptions = {
  /** Accept "True"/"False" (any case) for boolean attributes, as Entra's legacy dialect sends them. */
  stringBooleans: boolean;
};

/**
 * Checks a value against its attribute definition and returns it in stored form: booleans from
 * accepted strings, sub-attribute names in their schema spelling, nulls dropped (RFC 7643 §2.5:
 * null is unassigned), a single value wrapped for a multi-valued attribute. Without a definition
 * the value is schemaless and only its member names are checked. Throws 400 invalidValue.
 */
export function normalizeValue(
  definition: AttributeDefinition | null,
  value: JsonValue,
  options: NormalizeOptions,
  label: string,
): JsonValue {
  if (definition === null) return normalizeSchemaless(value, label);
  if (definition.multiValued) {
    const items = Array.isArray(value) ? value : [value];
    return items
      .filter((item) => item !== null)
      .map((item) => normalizeSingle(definition, item, options, label));
  }
  // Entra's legacy form sends the single-valued manager as `[{"$ref": ..., "value": ...}]`
  // (https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups).
  const [only, ...more] = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && (definition.type !== "complex" || only === undefined || more.length > 0)) {
    throw invalid(`"${label}" is single-valued and cannot take an array`);
  }
  return normalizeSingle(definition, only ?? null, options, label);
}

function normalizeSingle(
  definition: AttributeDefinition,
  value: JsonValue,
  options: NormalizeOptions,
  label: string,
): JsonValue {
  switch (definition.type) {
    case "complex":
      return normalizeComplex(definition, value, options, label);
    case "boolean":
      if (typeof value === "boolean") return value;
      // Entra's legacy dialect sends "True"/"False"
      // (https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility).
      if (options.stringBooleans && typeof value === "string" && /^(true|false)$/i.test(value)) {
        return value.toLowerCase() === "true";
      }
      throw invalid(`"${label}" must be a boolean (RFC 7643 §2.3.2)`);
    case "integer":
      if (typeof value === "number" && Number.isInteger(value)) return value;
      throw invalid(`"${label}" must be an integer (RFC 7643 §2.3.4)`);
    case "decimal":
      if (typeof value === "number") return value;
      throw invalid(`"${label}" must be a number (RFC 7643 §2.3.3)`);
    case "string":
    case "dateTime":
    case "binary":
    case "reference":
      if (typeof value === "string") return value;
      throw invalid(`"${label}" must be a string (RFC 7643 §2.3)`);
  }
}

function normalizeComplex(
  definition: AttributeDefinition,
  value: JsonValue,
  options: NormalizeOptions,
  label: string,
): JsonObject {
  // Entra sends the manager reference as a bare id string
  // (https://github.com/Captain-P-Goldfish/SCIM-SDK/issues/686); store it as {value}.
  if (typeof value === "string" && findSubAttribute(definition, "value") !== null) return { value };
  if (!isJsonObject(value)) {
    throw invalid(`"${label}" is complex and needs an object value (RFC 7643 §2.3.8)`);
  }
  const result: JsonObject = {};
  for (const key of Object.keys(value)) {
    const item = getOwn(value, key);
    if (item === undefined || item === null) continue;
    assertName(key, label);
    const sub = findSubAttribute(definition, key);
    const normalized =
      sub === null
        ? normalizeSchemaless(item, `${label}.${key}`)
        : normalizeValue(sub, item, options, `${label}.${key}`);
    setOwn(result, sub?.name ?? key, normalized);
  }
  return result;
}

function normalizeSchemaless(value: JsonValue, label: string): JsonValue {
  if (Array.isArray(value)) {
    return value.filter((item) => item !== null).map((item) => normalizeSchemaless(item, label));
  }
  if (!isJsonObject(value)) return value;
  const result: JsonObject = {};
  for (const key of Object.keys(value)) {
    const item = getOwn(value, key);
    if (item === undefined || item === null) continue;
    assertName(key, label);
    setOwn(result, key, normalizeSchemaless(item, `${label}.${key}`));
  }
  return result;
}

/** RFC 7643 §2.1: member names are ATTRNAMEs; this also keeps `__proto__` and friends out. */
function assertName(name: string, label: string): void {
  if (!isAttributeName(name)) {
    throw invalid(`"${label}" holds "${name}", which is not a valid attribute name (RFC 7643 §2.1)`);
  }
}

function invalid(detail: string): ScimError {
  return new ScimError(400, detail, "invalidValue");
}

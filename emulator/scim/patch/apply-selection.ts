import type { AttrPath, Filter } from "../filter/filter-ast.ts";
import { matchesFilter } from "../filter/match-filter.ts";
import { findKey, isJsonObject, setOwn, type JsonObject, type JsonValue } from "../json.ts";
import type { AttributeDefinition } from "../schema/attribute-definition.ts";
import { findSubAttribute } from "../schema/find-attribute.ts";
import { ScimError } from "../scim-error.ts";
import type { ApplyPatchOptions } from "./apply-patch.ts";
import { normalizeValue } from "./normalize-value.ts";
import type { PatchOp } from "./patch-operation.ts";
import { removeMember, setMember, toArray, type PatchTarget } from "./patch-target.ts";

/**
 * Applies an operation to the values a value-selection path picks, `attr[filter]` or
 * `attr[filter].sub` (RFC 7644 §3.5.2), and returns the attribute's new value.
 */
export function applySelection(
  target: PatchTarget,
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
  if (single && !isJsonObject(current)) {
    throw new ScimError(400, `"${label}" selects values of a simple attribute`, "invalidPath");
  }
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
      for (const element of selected) {
        if (isJsonObject(element)) removeMember(element, subAttr, subDefinition, label);
      }
      result = elements;
    }
  } else if (selected.size === 0) {
    result = [...elements, createSelected(target, filter, subAttr, subDefinition, value, single, options)];
  } else if (subAttr !== null) {
    const normalized = normalizeValue(subDefinition, value, options, label);
    for (const element of selected) {
      if (isJsonObject(element)) setMember(element, subAttr, subDefinition, normalized, label);
    }
    result = elements;
  } else {
    const normalized = normalizeValue(elementDefinition, value, options, label);
    if (!isJsonObject(normalized)) {
      throw new ScimError(400, `"${label}" needs an object value`, "invalidValue");
    }
    result = elements.map((element) => {
      if (!selected.has(element) || !isJsonObject(element)) return element;
      // RFC 7644 §3.5.2.3: matching values are replaced; add merges into them.
      const base: JsonObject = op === "replace" ? {} : element;
      for (const key of Object.keys(normalized)) {
        setOwn(base, findKey(base, key) ?? key, normalized[key] ?? null);
      }
      return base;
    });
  }
  return single ? result[0] : result;
}

/**
 * Entra compatibility: Entra sends `Replace emails[type eq "work"].value` and
 * `Add addresses[type eq "work"].locality` for a value that does not exist yet and expects it to be
 * created
 * (https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups;
 * https://github.com/limosa-io/laravel-scim-server/issues/34). RFC 7644 §3.5.2.3 would answer noTarget; we
 * create `{type: "work", ...}` when the filter is exactly `type eq "<string>"`, and answer noTarget otherwise.
 */
function createSelected(
  target: PatchTarget,
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
    if (!isJsonObject(normalized)) {
      throw new ScimError(400, `"${label}" needs an object value`, "invalidValue");
    }
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

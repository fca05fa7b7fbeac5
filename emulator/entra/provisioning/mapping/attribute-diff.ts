import { isJsonObject, type JsonValue } from "../../../scim/index.ts";
import { isEmpty, type TargetValue } from "./evaluate-mappings.ts";
import type { AttributeChange, TargetEntry } from "../scim-client/scim-requests.ts";

/**
 * The change Entra sends for one attribute, or null: only differing values flow; `Add` when the
 * target had no value, `Replace` when it had one (observed:
 * https://github.com/limosa-io/laravel-scim-server/issues/34); an emptied source sends nothing
 * ("Microsoft Entra ID currently can't provision null attributes",
 * https://learn.microsoft.com/entra/identity/app-provisioning/known-issues).
 */
export function diff(
  entry: TargetEntry,
  current: JsonValue | undefined,
  nothingSentOnClear: boolean,
): AttributeChange | null {
  const currentValue = toTargetValue(current);
  const hadValue = !isEmpty(currentValue);
  if (isEmpty(entry.value)) {
    if (!hadValue || nothingSentOnClear) return null;
    return { ...entry, value: null, hadValue };
  }
  if (hadValue && sameValue(entry.value, currentValue, entry.attribute.caseExact)) return null;
  return { ...entry, hadValue };
}

/** Compares values as Entra's change detection does: case-insensitively unless "Exact case?" is set. */
export function sameValue(wanted: TargetValue, current: TargetValue, caseExact: boolean): boolean {
  const norm = (value: TargetValue) =>
    (Array.isArray(value) ? value : value === null ? [] : [value])
      .map((item) => (caseExact ? item : item.toLowerCase()))
      .sort();
  const a = norm(wanted);
  const b = norm(current);
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/** A target's current value as strings, for comparison; `{value}` items and booleans are flattened. */
export function toTargetValue(value: JsonValue | undefined): TargetValue {
  if (value === undefined || value === null || value === "") return null;
  if (Array.isArray(value)) {
    const items = value.flatMap((item) => {
      const flat = toTargetValue(isJsonObject(item) ? (item.value ?? null) : item);
      return flat === null ? [] : Array.isArray(flat) ? flat : [flat];
    });
    return items.length === 0 ? null : items;
  }
  if (isJsonObject(value))
    return Object.hasOwn(value, "value") ? toTargetValue(value.value) : JSON.stringify(value);
  if (typeof value === "boolean") return value ? "True" : "False";
  return String(value);
}

/** A value as the log's modifiedProperties show it. */
export function displayValue(value: TargetValue): string | null {
  if (value === null) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

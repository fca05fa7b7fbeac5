/** JSON values as they arrive on the wire. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Sets an own property even when the key is `__proto__`, `constructor` or `toString`:
 * plain assignment to `__proto__` would change the object's prototype instead.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Reads an own property only, never one inherited from Object.prototype. */
export function getOwn<T>(source: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(source, key) ? source[key] : undefined;
}

/** Finds an own key case-insensitively (SCIM attribute names are case-insensitive, RFC 7643 §2.1). */
export function findKey(source: object, key: string): string | undefined {
  if (Object.hasOwn(source, key)) return key;
  const lower = key.toLowerCase();
  return Object.keys(source).find((candidate) => candidate.toLowerCase() === lower);
}

/** A deep copy of a JSON value that keeps `__proto__` keys as plain own properties. */
export function cloneJson<T extends JsonValue>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

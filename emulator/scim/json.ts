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
  // Only `__proto__` is an accessor on Object.prototype; any other key assigns as an own data property.
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
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

/** Deep equality of JSON values; object keys compare exactly, in any order. */
export function isJsonEqual(left: JsonValue, right: JsonValue): boolean {
  if (left === right) return true;
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    return left.every((item, index) => isJsonEqual(item, right[index] as JsonValue));
  }
  if (!isJsonObject(left) || !isJsonObject(right)) return false;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every(
    (key) => Object.hasOwn(right, key) && isJsonEqual(left[key] as JsonValue, right[key] as JsonValue),
  );
}

/** JSON text with object keys sorted: equal for values that isJsonEqual, so it can key a Set. */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isJsonObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] ?? null)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** True when arrays and objects nest deeper than `maxDepth` (a scalar has depth 0); never recurses. */
export function exceedsJsonDepth(value: unknown, maxDepth: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [current, depth] = entry;
    if (typeof current !== "object" || current === null) continue;
    if (depth + 1 > maxDepth) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Reads an own member by case-insensitive name (SCIM attribute names, RFC 7643 §2.1). */
export function getMember(source: JsonObject, name: string): JsonValue | undefined {
  const key = findKey(source, name);
  return key === undefined ? undefined : getOwn(source, key);
}

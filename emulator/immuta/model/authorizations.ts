import { setOwn } from "../../scim/index.ts";

/**
 * An Immuta attribute map: key → unique list of string values (v1 API Swagger: `x-constraint: unique`).
 * A Map, so that keys such as `__proto__` or `constructor` are plain data.
 */
export type Authorizations = Map<string, string[]>;

/** The per-key union of IAM and Immuta-set values: the user's effective `authorizations`. */
export function unionAuthorizations(...maps: Authorizations[]): Authorizations {
  const union: Authorizations = new Map();
  for (const map of maps) {
    for (const [key, values] of map) {
      const merged = new Set([...(union.get(key) ?? []), ...values]);
      union.set(key, [...merged]);
    }
  }
  return union;
}

/** Renders an attribute map as the JSON object the REST API returns, keys in sorted order. */
export function authorizationsToJson(map: Authorizations): Record<string, string[]> {
  const json: Record<string, string[]> = {};
  for (const key of [...map.keys()].sort()) setOwn(json, key, [...(map.get(key) ?? [])]);
  return json;
}

/**
 * A copy of `map` with `value` added to `key` (unique values, insertion order kept). Without a
 * value the key is created with no values, or left as it is (assumption `keyOnlyAuthorization`).
 */
export function addAuthorization(map: Authorizations, key: string, value?: string): Authorizations {
  const next = new Map(map);
  const values = next.get(key) ?? [];
  next.set(key, value === undefined || values.includes(value) ? [...values] : [...values, value]);
  return next;
}

/**
 * A copy of `map` without `value` under `key`, or without the whole key when no value is given.
 * A key whose last value goes is dropped: Immuta clears attributes no longer attached ("Attributes and Groups in Immuta",
 * https://documentation.immuta.com/saas/configuration/people/users-index/reference-guides/attribute-and-group-overview).
 */
export function removeAuthorization(map: Authorizations, key: string, value?: string): Authorizations {
  const next = new Map(map);
  const values = next.get(key);
  if (values === undefined) return next;
  const kept = value === undefined ? [] : values.filter((candidate) => candidate !== value);
  if (kept.length === 0) next.delete(key);
  else next.set(key, kept);
  return next;
}

import { setOwn } from "../scim/json.ts";

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

import { ScimError } from "../scim/scim-error.ts";
import { findKey, isJsonObject, type JsonObject } from "../scim/json.ts";

/** Most resources one list page returns (advertised as `filter.maxResults` in ServiceProviderConfig). */
export const MAX_RESULTS = 1000;

/** The query parameters of a SCIM list (RFC 7644 §3.4.2). */
export type ListQuery = {
  filter: string | null;
  /** 1-based (RFC 7644 §3.4.2.4); values below 1 are read as 1. */
  startIndex: number;
  count: number;
  attributes: string[] | null;
  excludedAttributes: string[];
};

/** Reads the list parameters; a non-numeric startIndex or count is a 400 invalidValue. */
export function parseListQuery(url: URL): ListQuery {
  const params = url.searchParams;
  return {
    filter: params.get("filter"),
    startIndex: Math.max(1, integerParam(params, "startIndex") ?? 1),
    count: Math.min(MAX_RESULTS, Math.max(0, integerParam(params, "count") ?? MAX_RESULTS)),
    attributes: listParam(params, "attributes"),
    excludedAttributes: listParam(params, "excludedAttributes") ?? [],
  };
}

function integerParam(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === "") return undefined;
  if (!/^-?\d+$/.test(raw))
    throw new ScimError(400, `${name} must be an integer, got '${raw}'`, "invalidValue");
  return Number(raw);
}

function listParam(params: URLSearchParams, name: string): string[] | null {
  const raw = params.get(name);
  if (raw === null) return null;
  return raw
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** Attributes that are always returned (RFC 7643 §7 `returned: always`). */
const ALWAYS = ["id", "schemas", "meta"];

/**
 * Applies `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5) to a rendered resource.
 * Names may be `name`, `name.sub` or URN-qualified; they match case-insensitively.
 */
export function selectAttributes(
  resource: JsonObject,
  attributes: string[] | null,
  excluded: readonly string[],
): JsonObject {
  if (attributes && attributes.length > 0) {
    const selected: JsonObject = {};
    for (const name of ALWAYS) copy(resource, selected, name);
    for (const path of attributes) copyPath(resource, selected, path);
    return selected;
  }
  if (excluded.length === 0) return resource;
  const result: JsonObject = { ...resource };
  for (const path of excluded) {
    const { container, name } = locate(result, path);
    if (!container) continue;
    const key = findKey(container, name);
    if (key !== undefined && !ALWAYS.includes(key)) delete container[key];
  }
  return result;
}

function copy(from: JsonObject, to: JsonObject, name: string): void {
  const key = findKey(from, name);
  if (key !== undefined)
    Object.defineProperty(to, key, {
      value: from[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
}

function copyPath(from: JsonObject, to: JsonObject, path: string): void {
  const urn = /^(urn:.+):([^:]+)$/i.exec(path);
  if (urn?.[1] && urn[2]) {
    const schemaKey = findKey(from, urn[1]);
    const extension = schemaKey === undefined ? undefined : from[schemaKey];
    if (schemaKey === undefined || !isJsonObject(extension)) {
      if (findKey(from, path) !== undefined) copy(from, to, path);
      return;
    }
    const target = isJsonObject(to[schemaKey]) ? to[schemaKey] : {};
    copy(extension, target, urn[2]);
    Object.defineProperty(to, schemaKey, {
      value: target,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return;
  }
  const [head = "", sub] = path.split(".", 2);
  if (sub === undefined) return copy(from, to, head);
  const key = findKey(from, head);
  if (key === undefined) return;
  const value = from[key];
  if (Array.isArray(value)) {
    to[key] = value.map((item) => (isJsonObject(item) ? pick(item, sub) : item));
  } else if (isJsonObject(value)) {
    to[key] = { ...(isJsonObject(to[key]) ? to[key] : {}), ...pick(value, sub) };
  }
}

function pick(from: JsonObject, name: string): JsonObject {
  const picked: JsonObject = {};
  copy(from, picked, name);
  return picked;
}

function locate(resource: JsonObject, path: string): { container: JsonObject | undefined; name: string } {
  const urn = /^(urn:.+):([^:]+)$/i.exec(path);
  if (urn?.[1] && urn[2]) {
    const key = findKey(resource, urn[1]);
    const extension = key === undefined ? undefined : resource[key];
    if (key !== undefined && isJsonObject(extension)) {
      const copyOf = { ...extension };
      resource[key] = copyOf;
      return { container: copyOf, name: urn[2] };
    }
    return { container: resource, name: path };
  }
  const [head = "", sub] = path.split(".", 2);
  if (sub === undefined) return { container: resource, name: head };
  const key = findKey(resource, head);
  const value = key === undefined ? undefined : resource[key];
  if (key !== undefined && isJsonObject(value)) {
    const copyOf = { ...value };
    resource[key] = copyOf;
    return { container: copyOf, name: sub };
  }
  return { container: undefined, name: sub };
}

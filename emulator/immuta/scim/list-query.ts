import { findKey, getOwn, isJsonObject, setOwn, type JsonObject, type JsonValue } from "../../scim/index.ts";
import { ScimError } from "../../scim/index.ts";
import { isCoreSchema } from "../../scim/index.ts";

/** Most resources one list page returns (advertised as `filter.maxResults` in ServiceProviderConfig). */
export const MAX_RESULTS = 1000;

/** The query parameters of a SCIM list (RFC 7644 §3.4.2). */
export type ListQuery = {
  filter: string | null;
  /** 1-based (RFC 7644 §3.4.2.4); values below 1 are read as 1. */
  startIndex: number;
  /** 0 asks for `totalResults` only; negative values are read as 0; capped at MAX_RESULTS. */
  count: number;
  /** `attributes` (RFC 7644 §3.4.2.5), or null when the client did not restrict them. */
  attributes: string[] | null;
  excludedAttributes: string[];
};

/** Reads the list parameters; a startIndex or count that is not an integer is a 400 invalidValue. */
export function parseListQuery(url: URL): ListQuery {
  const params = url.searchParams;
  const attributes = listParam(params, "attributes");
  return {
    filter: params.get("filter"),
    startIndex: Math.max(1, integerParam(params, "startIndex") ?? 1),
    count: Math.min(MAX_RESULTS, Math.max(0, integerParam(params, "count") ?? MAX_RESULTS)),
    attributes: attributes === null || attributes.length === 0 ? null : attributes,
    excludedAttributes: listParam(params, "excludedAttributes") ?? [],
  };
}

function integerParam(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw.trim() === "") return undefined;
  if (!/^\s*[-+]?\d+\s*$/.test(raw))
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

/** Attributes returned whatever `excludedAttributes` says (RFC 7643 §7, `returned: always`). */
const ALWAYS = ["id", "schemas"];

/** Returned with any `attributes` selection too, so a client keeps the version and location. */
const WITH_ANY_SELECTION = [...ALWAYS, "meta"];

/** Where an attribute name of `attributes`/`excludedAttributes` points. */
type AttributeRef =
  /** A whole top-level member, extension objects included (`emails`, `urn:...:enterprise:2.0:User`). */
  | { kind: "member"; key: string }
  /** A sub-attribute of a top-level member (`name.givenName`, `emails.value`). */
  | { kind: "sub"; key: string; sub: string }
  /** An attribute inside an extension object (`urn:...:enterprise:2.0:User:department`, `...:manager.value`). */
  | { kind: "extension"; extension: string; ref: Exclude<AttributeRef, { kind: "extension" }> };

/**
 * Resolves a name against a rendered resource (RFC 7644 §3.10 attribute notation): names match
 * case-insensitively; core-URN-qualified names are top-level attributes; a name that is itself a
 * member (an extension URN) is that member. Null when nothing by that name exists.
 */
function resolve(resource: JsonObject, name: string): AttributeRef | null {
  const whole = findKey(resource, name);
  if (whole !== undefined) return { kind: "member", key: whole };
  const colon = name.lastIndexOf(":");
  if (colon > 0 && /^urn:/i.test(name)) {
    const uri = name.slice(0, colon);
    const rest = name.slice(colon + 1);
    if (isCoreSchema(uri)) return resolvePlain(resource, rest);
    const extension = findKey(resource, uri);
    const inner = extension === undefined ? undefined : getOwn(resource, extension);
    if (extension === undefined || !isJsonObject(inner)) return null;
    const ref = resolvePlain(inner, rest);
    return ref === null ? null : { kind: "extension", extension, ref };
  }
  return resolvePlain(resource, name);
}

function resolvePlain(
  resource: JsonObject,
  name: string,
): Exclude<AttributeRef, { kind: "extension" }> | null {
  const dot = name.indexOf(".");
  const key = findKey(resource, dot < 0 ? name : name.slice(0, dot));
  if (key === undefined) return null;
  return dot < 0 ? { kind: "member", key } : { kind: "sub", key, sub: name.slice(dot + 1) };
}

/**
 * Applies `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5) to a rendered resource and
 * returns a new object; the input is not changed. Names may be `name`, `name.sub`, core-URN- or
 * extension-URN-qualified, in any case. `attributes` wins when both are given.
 */
export function selectAttributes(
  resource: JsonObject,
  attributes: readonly string[] | null,
  excluded: readonly string[],
): JsonObject {
  if (attributes !== null) {
    const selected: JsonObject = {};
    for (const name of WITH_ANY_SELECTION) copyMember(resource, selected, name);
    for (const name of attributes) {
      const ref = resolve(resource, name);
      if (ref !== null) include(resource, selected, ref);
    }
    return selected;
  }
  if (excluded.length === 0) return resource;
  let result = resource;
  for (const name of excluded) {
    const ref = resolve(result, name);
    if (ref !== null) result = exclude(result, ref);
  }
  return result;
}

function copyMember(from: JsonObject, to: JsonObject, name: string): void {
  const key = findKey(from, name);
  const value = key === undefined ? undefined : getOwn(from, key);
  if (key !== undefined && value !== undefined) setOwn(to, key, value);
}

function include(from: JsonObject, to: JsonObject, ref: AttributeRef): void {
  switch (ref.kind) {
    case "member":
      return copyMember(from, to, ref.key);
    case "sub": {
      const value = getOwn(from, ref.key);
      const picked = mapValues(value, (item) => {
        const target: JsonObject = {};
        copyMember(item, target, ref.sub);
        return target;
      });
      if (picked !== undefined) setOwn(to, ref.key, merge(getOwn(to, ref.key), picked));
      return;
    }
    case "extension": {
      const inner = getOwn(from, ref.extension);
      if (!isJsonObject(inner)) return;
      const existing = getOwn(to, ref.extension);
      const target: JsonObject = isJsonObject(existing) ? existing : {};
      include(inner, target, ref.ref);
      if (Object.keys(target).length > 0) setOwn(to, ref.extension, target);
      return;
    }
  }
}

function exclude(from: JsonObject, ref: AttributeRef): JsonObject {
  const result: JsonObject = {};
  for (const key of Object.keys(from)) setOwn(result, key, getOwn(from, key) ?? null);
  switch (ref.kind) {
    case "member":
      if (!ALWAYS.includes(ref.key)) Reflect.deleteProperty(result, ref.key);
      return result;
    case "sub": {
      const trimmed = mapValues(getOwn(from, ref.key), (item) => {
        const copy: JsonObject = {};
        for (const key of Object.keys(item)) setOwn(copy, key, getOwn(item, key) ?? null);
        const sub = findKey(copy, ref.sub);
        if (sub !== undefined) Reflect.deleteProperty(copy, sub);
        return copy;
      });
      if (trimmed !== undefined) setOwn(result, ref.key, trimmed);
      return result;
    }
    case "extension": {
      const inner = getOwn(from, ref.extension);
      if (!isJsonObject(inner)) return result;
      const trimmed = exclude(inner, ref.ref);
      if (Object.keys(trimmed).length === 0) Reflect.deleteProperty(result, ref.extension);
      else setOwn(result, ref.extension, trimmed);
      return result;
    }
  }
}

/** Applies `map` to a complex value or to each complex value of a multi-valued one. */
function mapValues(
  value: JsonValue | undefined,
  map: (item: JsonObject) => JsonObject,
): JsonValue | undefined {
  if (Array.isArray(value)) return value.map((item) => (isJsonObject(item) ? map(item) : item));
  return isJsonObject(value) ? map(value) : undefined;
}

/** `attributes=name.givenName,name.familyName` picks both: merge into what was already picked. */
function merge(existing: JsonValue | undefined, picked: JsonValue): JsonValue {
  if (Array.isArray(existing) && Array.isArray(picked)) {
    return existing.map((item, index) => {
      const next = picked[index];
      return isJsonObject(item) && isJsonObject(next) ? { ...item, ...next } : item;
    });
  }
  if (isJsonObject(existing) && isJsonObject(picked)) {
    const merged: JsonObject = {};
    for (const source of [existing, picked])
      for (const key of Object.keys(source)) setOwn(merged, key, getOwn(source, key) ?? null);
    return merged;
  }
  return picked;
}

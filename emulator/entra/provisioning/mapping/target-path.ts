import {
  findKey,
  isJsonObject,
  setOwn,
  WRITABLE_USER_ATTRIBUTES,
  type JsonObject,
  type JsonValue,
} from "../../../scim/index.ts";

/** Core User attributes (RFC 7643 §4.1) a mapping may target by plain name, and a group's `members`. */
const CORE_USER_ATTRIBUTES = new Set(
  [...WRITABLE_USER_ATTRIBUTES, "members"].map((name) => name.toLowerCase()),
);

/** `urn:ietf:params:scim:schemas:extension:<Name>:2.0:User:<attr>` or the enterprise extension. */
const EXTENSION_PATH =
  /^(urn:ietf:params:scim:schemas:extension:[^:]+:2\.0:(?:User|Group)):([A-Za-z][\w-]*)$/i;
const SUB_PATH = /^([A-Za-z][\w-]*)\.([A-Za-z][\w-]*)$/;
const FILTERED_PATH = /^([A-Za-z][\w-]*)\[type eq "([^"]*)"\]\.([A-Za-z][\w-]*)$/;

/** A mapping's target attribute name, classified by how it goes on the wire. */
export type TargetPath =
  | { kind: "simple"; name: string }
  | { kind: "sub"; name: string; sub: string }
  | { kind: "filtered"; name: string; type: string; sub: string }
  | { kind: "extension"; schema: string; attribute: string }
  /** Not a core name and not URN-shaped (e.g. `custom:country`): left out of creates (quirk). */
  | { kind: "nonconforming"; name: string };

export function parseTargetPath(target: string): TargetPath {
  const extension = EXTENSION_PATH.exec(target);
  if (extension?.[1] && extension[2])
    return { kind: "extension", schema: extension[1], attribute: extension[2] };
  const filtered = FILTERED_PATH.exec(target);
  if (
    filtered?.[1] &&
    filtered[2] !== undefined &&
    filtered[3] &&
    CORE_USER_ATTRIBUTES.has(filtered[1].toLowerCase())
  ) {
    return { kind: "filtered", name: filtered[1], type: filtered[2], sub: filtered[3] };
  }
  const sub = SUB_PATH.exec(target);
  if (sub?.[1] && sub[2] && CORE_USER_ATTRIBUTES.has(sub[1].toLowerCase()))
    return { kind: "sub", name: sub[1], sub: sub[2] };
  if (CORE_USER_ATTRIBUTES.has(target.toLowerCase())) return { kind: "simple", name: target };
  return { kind: "nonconforming", name: target };
}

/** Parses each target name once; mappings are evaluated per object, per cycle. */
export class TargetPathCache {
  readonly #parsed = new Map<string, TargetPath>();

  get(target: string): TargetPath {
    let path = this.#parsed.get(target);
    if (!path) {
      path = parseTargetPath(target);
      this.#parsed.set(target, path);
    }
    return path;
  }
}

/** True for a path Entra can put in a create payload (the custom-attribute naming rule). */
export function isExportableOnCreate(path: TargetPath): boolean {
  return path.kind !== "nonconforming";
}

/** Reads a target attribute's current value from a SCIM resource the target returned. */
export function readTargetValue(resource: JsonObject, path: TargetPath): JsonValue | undefined {
  switch (path.kind) {
    case "simple":
      return get(resource, path.name);
    case "nonconforming": {
      const flat = get(resource, path.name);
      if (flat !== undefined) return flat;
      // A server may keep `custom:country` nested as custom.country (the fake Immuta does by default).
      const [head, tail, ...rest] = path.name.split(":");
      const parent =
        head !== undefined && tail !== undefined && rest.length === 0 ? get(resource, head) : undefined;
      return isJsonObject(parent) && tail !== undefined ? get(parent, tail) : undefined;
    }
    case "sub": {
      const parent = get(resource, path.name);
      return isJsonObject(parent) ? get(parent, path.sub) : undefined;
    }
    case "filtered": {
      const list = get(resource, path.name);
      if (!Array.isArray(list)) return undefined;
      const item = list.find(
        (entry) =>
          isJsonObject(entry) &&
          String((get(entry, "type") as string | undefined) ?? "").toLowerCase() === path.type.toLowerCase(),
      );
      return isJsonObject(item) ? get(item, path.sub) : undefined;
    }
    case "extension": {
      const extension = get(resource, path.schema);
      if (isJsonObject(extension)) return get(extension, path.attribute);
      // Some servers flatten the extension into a URN-qualified key; read that too.
      return get(resource, `${path.schema}:${path.attribute}`);
    }
  }
}

/**
 * Places a value into a create payload at the target path (the shapes of the create example in
 * https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups).
 */
export function placeTargetValue(
  body: JsonObject,
  path: TargetPath,
  value: JsonValue,
  options: { primary: boolean },
): void {
  switch (path.kind) {
    case "simple":
    case "nonconforming":
      setOwn(body, path.name, value);
      return;
    case "sub": {
      const parent = ensureObject(body, path.name);
      setOwn(parent, path.sub, value);
      return;
    }
    case "filtered": {
      const list = Array.isArray(body[path.name]) ? (body[path.name] as JsonValue[]) : [];
      let item = list.find((entry) => isJsonObject(entry) && entry.type === path.type) as
        JsonObject | undefined;
      if (!item) {
        item = options.primary ? { primary: true, type: path.type } : { type: path.type };
        list.push(item);
      }
      setOwn(item, path.sub, value);
      setOwn(body, path.name, list);
      return;
    }
    case "extension": {
      const extension = ensureObject(body, path.schema);
      setOwn(extension, path.attribute, value);
      return;
    }
  }
}

function ensureObject(body: JsonObject, key: string): JsonObject {
  const existing = Object.hasOwn(body, key) ? body[key] : undefined;
  if (isJsonObject(existing)) return existing;
  const created: JsonObject = {};
  setOwn(body, key, created);
  return created;
}

function get(source: JsonObject, name: string): JsonValue | undefined {
  const key = findKey(source, name);
  return key === undefined ? undefined : source[key];
}

import {
  getMember,
  isJsonObject,
  parseFilter,
  ScimError,
  type Filter,
  type JsonValue,
} from "../../scim/index.ts";
import type { ImmutaLimits } from "../model/limits.ts";
import { readSimpleFilter } from "./read-simple-filter.ts";

/** A `filter` within the length and nesting limits (400 invalidFilter otherwise, RFC 7644 §3.12). */
export function assertFilterWithinLimits(filter: string, limits: ImmutaLimits): void {
  if (filter.length > limits.filterLength) {
    throw new ScimError(400, `filter is longer than ${limits.filterLength} characters`, "invalidFilter");
  }
  if (filterDepth(filter) > limits.filterDepth) {
    throw new ScimError(400, `filter nests deeper than ${limits.filterDepth} levels`, "invalidFilter");
  }
}

/** The deepest nesting of `(` and `[` outside string literals. */
function filterDepth(filter: string): number {
  let depth = 0;
  let deepest = 0;
  let quoted = false;
  for (let index = 0; index < filter.length; index += 1) {
    const char = filter[index];
    if (quoted) {
      if (char === "\\") index += 1;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === "(" || char === "[") deepest = Math.max(deepest, ++depth);
    else if (char === ")" || char === "]") depth -= 1;
  }
  return deepest;
}

/** A PATCH body with at most `patchOperations` operations (400 invalidSyntax otherwise). */
export function assertPatchWithinLimits(body: JsonValue, limits: ImmutaLimits): void {
  const operations = isJsonObject(body) ? getMember(body, "Operations") : undefined;
  if (Array.isArray(operations) && operations.length > limits.patchOperations) {
    throw new ScimError(
      400,
      `"Operations" holds ${operations.length} operations; at most ${limits.patchOperations} are accepted`,
      "invalidSyntax",
    );
  }
}

/**
 * A Group request naming at most `groupMembers` members: in a POST or PUT body's `members`, or in
 * the values of one PATCH's `members` operations (400 invalidValue otherwise).
 */
export function assertMembersWithinLimits(body: JsonValue, limits: ImmutaLimits): void {
  if (countMembers(body) > limits.groupMembers) {
    throw new ScimError(
      400,
      `the request names more than ${limits.groupMembers} group members; send them in several requests`,
      "invalidValue",
    );
  }
}

function countMembers(body: JsonValue): number {
  if (!isJsonObject(body)) return 0;
  const size = (value: JsonValue | undefined) =>
    value === undefined ? 0 : Array.isArray(value) ? value.length : 1;
  const operations = getMember(body, "Operations");
  if (!Array.isArray(operations)) return size(getMember(body, "members"));
  let count = 0;
  for (const operation of operations) {
    if (!isJsonObject(operation)) continue;
    const path = getMember(operation, "path");
    const value = getMember(operation, "value");
    if (typeof path === "string" && /^(urn:[^\s]*:)?members\b/i.test(path)) count += size(value);
    else if (path === undefined && isJsonObject(value)) count += size(getMember(value, "members"));
  }
  return count;
}

/** Parses a `filter` query parameter after checking it against the limits. */
export function parseLimitedFilter(filter: string, limits: ImmutaLimits): Filter {
  assertFilterWithinLimits(filter, limits);
  return readSimpleFilter(filter) ?? parseFilter(filter);
}

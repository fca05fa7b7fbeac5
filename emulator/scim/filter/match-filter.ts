import { findKey, getOwn, isJsonObject, type JsonObject, type JsonValue } from "../json.ts";
import { ScimError } from "../scim-error.ts";
import { isCoreSchema } from "../urns.ts";
import type { AttrPath, CompareOp, CompareValue, Filter } from "./filter-ast.ts";

/** Options of matchesFilter. */
export type MatchFilterOptions = {
  /**
   * Whether string comparisons on this path are case-sensitive (RFC 7643 §2.2 `caseExact`).
   * Inside a value filter the path is the relative one (`type` in `emails[type eq "work"]`).
   * Default: true for `id` and `externalId` (RFC 7643 §3.1), false otherwise.
   */
  caseExact?: (path: AttrPath) => boolean;
};

type Scalar = string | number | boolean;

/** Core schema URNs whose qualified attributes live at the top level of a resource (RFC 7643 §3). */

/**
 * True when the resource matches the filter (RFC 7644 §3.4.2.2). Attribute names and extension
 * URNs match case-insensitively; a multi-valued attribute matches when any value does; a complex
 * value compared without a sub-attribute compares its `value` sub-attribute; a missing attribute
 * fails every operator except `ne`; `eq null` holds exactly when the attribute has no value.
 * Ordering operators compare strings lexicographically and numbers numerically; values of
 * different types never match. Throws `ScimError(400, ..., "invalidFilter")` for a boolean or
 * null operand of `gt`/`ge`/`lt`/`le` and a non-string operand of `co`/`sw`/`ew`.
 */
export function matchesFilter(
  resource: JsonObject,
  filter: Filter,
  options: MatchFilterOptions = {},
): boolean {
  assertEvaluable(filter);
  return evaluate(resource, filter, options.caseExact ?? isCaseExactByDefault);
}

/** RFC 7643 §3.1: `id` and `externalId` are case-exact; other core strings default to caseExact false. */
function isCaseExactByDefault(path: AttrPath): boolean {
  if (path.subAttr !== null || (path.uri !== null && !isCoreSchema(path.uri))) return false;
  const name = path.name.toLowerCase();
  return name === "id" || name === "externalid";
}

function assertEvaluable(filter: Filter): void {
  switch (filter.kind) {
    case "compare":
      return assertComparable(filter.op, filter.value);
    case "present":
      return;
    case "and":
    case "or":
      assertEvaluable(filter.left);
      return assertEvaluable(filter.right);
    case "not":
    case "valuePath":
      return assertEvaluable(filter.filter);
  }
}

function assertComparable(op: CompareOp, value: CompareValue): void {
  const ordering = op === "gt" || op === "ge" || op === "lt" || op === "le";
  const substring = op === "co" || op === "sw" || op === "ew";
  // RFC 7644 §3.4.2.2: ordering on Boolean attributes SHALL fail with invalidFilter.
  if (ordering && (typeof value === "boolean" || value === null)) {
    throw new ScimError(400, `Operator "${op}" cannot compare with ${String(value)}`, "invalidFilter");
  }
  if (substring && typeof value !== "string") {
    throw new ScimError(400, `Operator "${op}" needs a string value, got ${String(value)}`, "invalidFilter");
  }
}

function evaluate(resource: JsonObject, filter: Filter, caseExact: (path: AttrPath) => boolean): boolean {
  switch (filter.kind) {
    case "and":
      return evaluate(resource, filter.left, caseExact) && evaluate(resource, filter.right, caseExact);
    case "or":
      return evaluate(resource, filter.left, caseExact) || evaluate(resource, filter.right, caseExact);
    case "not":
      return !evaluate(resource, filter.filter, caseExact);
    case "present":
      return valuesAt(resource, filter.path).some(isPresent);
    case "valuePath":
      return valuesAt(resource, filter.path).some(
        (element) => isJsonObject(element) && evaluate(element, filter.filter, caseExact),
      );
    case "compare": {
      const scalars = valuesAt(resource, filter.path).flatMap(toScalar);
      return compareAny(scalars, filter.op, filter.value, caseExact(filter.path));
    }
  }
}

function compareAny(actual: Scalar[], op: CompareOp, expected: CompareValue, exact: boolean): boolean {
  if (expected === null) return op === "eq" ? actual.length === 0 : actual.length > 0;
  if (op === "ne") return actual.length === 0 || actual.some((value) => !equals(value, expected, exact));
  return actual.some((value) => compareOne(value, op, expected, exact));
}

function compareOne(actual: Scalar, op: Exclude<CompareOp, "ne">, expected: Scalar, exact: boolean): boolean {
  const sign = orderOf(actual, expected, exact);
  switch (op) {
    case "eq":
      return equals(actual, expected, exact);
    case "co":
      return typeof actual === "string" && fold(actual, exact).includes(fold(String(expected), exact));
    case "sw":
      return typeof actual === "string" && fold(actual, exact).startsWith(fold(String(expected), exact));
    case "ew":
      return typeof actual === "string" && fold(actual, exact).endsWith(fold(String(expected), exact));
    case "gt":
      return sign !== null && sign > 0;
    case "ge":
      return sign !== null && sign >= 0;
    case "lt":
      return sign !== null && sign < 0;
    case "le":
      return sign !== null && sign <= 0;
  }
}

/**
 * Numbers order numerically; two RFC 3339 date-times chronologically (RFC 7644 §3.4.2.2: "for dateTime
 * the comparison is chronological", so 00:00:00Z and 00:00:00.000Z are the same instant); other
 * strings lexicographically; other pairs do not order.
 */
function orderOf(actual: Scalar, expected: Scalar, exact: boolean): number | null {
  if (typeof actual === "number" && typeof expected === "number") return Math.sign(actual - expected);
  if (typeof actual !== "string" || typeof expected !== "string") return null;
  const instants = dateTimes(actual, expected);
  if (instants) return Math.sign(instants[0] - instants[1]);
  const left = fold(actual, exact);
  const right = fold(expected, exact);
  return left === right ? 0 : left > right ? 1 : -1;
}

function equals(actual: Scalar, expected: Scalar, exact: boolean): boolean {
  if (typeof actual === "string" && typeof expected === "string") {
    const instants = dateTimes(actual, expected);
    if (instants) return instants[0] === instants[1];
    return fold(actual, exact) === fold(expected, exact);
  }
  return actual === expected;
}

/** RFC 3339 date-time with a zone (the `xsd:dateTime` form SCIM uses, RFC 7643 §2.3.5). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Both strings as instants when both are date-times, else null. */
function dateTimes(left: string, right: string): [number, number] | null {
  if (!DATE_TIME.test(left) || !DATE_TIME.test(right)) return null;
  const a = Date.parse(left);
  const b = Date.parse(right);
  return Number.isNaN(a) || Number.isNaN(b) ? null : [a, b];
}

function fold(text: string, exact: boolean): string {
  return exact ? text : text.toLowerCase();
}

/** Values at a path, one level of multi-valued attribute flattened, nulls dropped (RFC 7643 §2.5: unassigned). */
function valuesAt(resource: JsonObject, path: AttrPath): JsonValue[] {
  const base = schemaBase(resource, path.uri);
  const value = base === undefined ? undefined : ownValue(base, path.name);
  const items = value === undefined ? [] : Array.isArray(value) ? value : [value];
  if (path.subAttr === null) return items.filter((item) => item !== null);
  const subAttr = path.subAttr;
  return items.flatMap((item) => {
    const sub = isJsonObject(item) ? ownValue(item, subAttr) : undefined;
    if (sub === undefined || sub === null) return [];
    return Array.isArray(sub) ? sub.filter((element) => element !== null) : [sub];
  });
}

/** The object a path's attribute lives in: the resource, or the extension object keyed by its URN. */
function schemaBase(resource: JsonObject, uri: string | null): JsonObject | undefined {
  if (uri === null || isCoreSchema(uri)) return resource;
  const extension = ownValue(resource, uri);
  return isJsonObject(extension) ? extension : undefined;
}

function ownValue(source: JsonObject, name: string): JsonValue | undefined {
  const key = findKey(source, name);
  return key === undefined ? undefined : getOwn(source, key);
}

/** A complex value compared without a sub-attribute compares its `value` sub-attribute. */
function toScalar(value: JsonValue): Scalar[] {
  if (isJsonObject(value)) {
    const inner = ownValue(value, "value");
    return inner === undefined || inner === null || typeof inner === "object" ? [] : [inner];
  }
  return value === null || typeof value === "object" ? [] : [value];
}

/** RFC 7644 §3.4.2.2 `pr`: has a non-empty value (not null, "", [] or {}). */
function isPresent(value: JsonValue): boolean {
  if (value === null || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isJsonObject(value)) return Object.keys(value).length > 0;
  return true;
}

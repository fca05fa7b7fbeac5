import type { AttrPath, CompareValue, Filter } from "./filter-ast.ts";

/**
 * Prints a filter as canonical text (lower-case operators, one space around them, parentheses
 * only where precedence needs them) such that `parseFilter(printFilter(f))` deep-equals `f`.
 */
export function printFilter(filter: Filter): string {
  switch (filter.kind) {
    case "compare":
      return `${printAttrPath(filter.path)} ${filter.op} ${printValue(filter.value)}`;
    case "present":
      return `${printAttrPath(filter.path)} pr`;
    case "valuePath":
      return `${printAttrPath(filter.path)}[${printFilter(filter.filter)}]`;
    case "not":
      return `not (${printFilter(filter.filter)})`;
    case "and":
      // `and` binds tighter than `or` and both associate to the left (RFC 7644 §3.4.2.2).
      return `${group(filter.left, filter.left.kind === "or")} and ${group(filter.right, isLogical(filter.right))}`;
    case "or":
      return `${printFilter(filter.left)} or ${group(filter.right, filter.right.kind === "or")}`;
  }
}

/** Prints an attribute path: `[uri ":"] name ["." subAttr]`. */
export function printAttrPath(path: AttrPath): string {
  const qualified = path.uri === null ? path.name : `${path.uri}:${path.name}`;
  return path.subAttr === null ? qualified : `${qualified}.${path.subAttr}`;
}

function printValue(value: CompareValue): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`A filter value must be a finite number, got ${value}`);
    return Object.is(value, -0) ? "-0" : JSON.stringify(value);
  }
  return JSON.stringify(value);
}

function isLogical(filter: Filter): boolean {
  return filter.kind === "and" || filter.kind === "or";
}

function group(filter: Filter, parenthesize: boolean): string {
  return parenthesize ? `(${printFilter(filter)})` : printFilter(filter);
}

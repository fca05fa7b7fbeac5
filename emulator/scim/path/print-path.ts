import { printAttrPath, printFilter } from "../filter/print-filter.ts";
import type { PatchPath } from "./parse-path.ts";

/** Prints a PATCH path as canonical text such that `parsePath(printPath(p))` deep-equals `p`. */
export function printPath(path: PatchPath): string {
  if (path.filter === null) return printAttrPath(path.attr);
  const selected = `${printAttrPath(path.attr)}[${printFilter(path.filter)}]`;
  return path.subAttr === null ? selected : `${selected}.${path.subAttr}`;
}

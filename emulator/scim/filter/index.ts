export type { AttrPath, CompareOp, CompareValue, Filter, FilterKind } from "./filter-ast.ts";
export { COMPARE_OPS, isCompareOp } from "./filter-ast.ts";
export { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, isAttributeName } from "./filter-reader.ts";
export { matchesFilter, type MatchFilterOptions } from "./match-filter.ts";
export { parseFilter } from "./parse-filter.ts";
export { printAttrPath, printFilter } from "./print-filter.ts";

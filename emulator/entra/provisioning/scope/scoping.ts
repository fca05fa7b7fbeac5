import type { ScopingClause, ScopingFilter } from "../config/provisioning-config.ts";
import type { SourceValue } from "../mapping/source-attributes.ts";

/**
 * Evaluates scoping filters
 * (https://learn.microsoft.com/entra/identity/app-provisioning/define-conditional-rules-for-provisioning-user-accounts):
 * the clauses of one filter are ANDed, several filters are ORed, no filters means in scope, and a
 * clause on a null or empty value is false (except IS NULL / IS NOT NULL, which test exactly that).
 */
export function isInScope(filters: readonly ScopingFilter[], read: (name: string) => SourceValue): boolean {
  if (filters.length === 0) return true;
  return filters.some((filter) =>
    filter.clauses.every((clause) => evaluateClause(clause, read(clause.attribute))),
  );
}

export function evaluateClause(clause: ScopingClause, raw: SourceValue): boolean {
  const value = Array.isArray(raw) ? (raw[0] ?? null) : raw;
  const empty = value === null || value === "";
  switch (clause.operator) {
    case "IS NULL":
      return empty;
    case "IS NOT NULL":
      return !empty;
    case "NOT REGEX MATCH":
      // Documented: "NOT REGEX MATCH … false if null".
      return !empty && !safeRegex(clause.value).test(value);
    default:
      break;
  }
  if (empty) return false;
  switch (clause.operator) {
    case "EQUALS":
      return value === clause.value;
    case "NOT EQUALS":
      return value !== clause.value;
    case "IS TRUE":
      return value.toLowerCase() === "true";
    case "IS FALSE":
      return value.toLowerCase() === "false";
    case "ENDS_WITH":
      return value.endsWith(clause.value);
    case "Includes":
      return value.includes(clause.value);
    case "REGEX MATCH":
      return safeRegex(clause.value).test(value);
    case "Greater_Than":
      return integer(value) > integer(clause.value);
    case "Greater_Than_OR_EQUALS":
      return integer(value) >= integer(clause.value);
    // Documented: "&" is true "if the evaluated attribute exists in the input string value", "!&"
    // if it does not: the attribute's value is looked up inside the clause's value (case-sensitive,
    // like .NET String.Contains; the case rule is assumed). Null is false for both.
    case "&":
      return clause.value.includes(value);
    case "!&":
      return !clause.value.includes(value);
  }
}

/** Greater_Than needs "an integer [0,1,2,...]" on both sides; anything else compares false. */
function integer(text: string): number {
  return /^\s*-?\d+\s*$/.test(text) ? Number.parseInt(text, 10) : Number.NaN;
}

function safeRegex(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    return /(?!)/;
  }
}

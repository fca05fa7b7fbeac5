/**
 * An attribute path of RFC 7644 §3.10 (`attrPath = [URI ":"] ATTRNAME *1subAttr`).
 * `uri` is the schema URN when the name is URN-qualified: the attribute name is what follows the
 * last colon, because schema URNs themselves contain dots (`...:enterprise:2.0:User:department`).
 */
export type AttrPath = { uri: string | null; name: string; subAttr: string | null };

/** The comparison operators of RFC 7644 §3.4.2.2, table 3. */
export const COMPARE_OPS = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

/** A `compValue` of RFC 7644 §3.4.2.2: `false / null / true / number / string`. */
export type CompareValue = string | number | boolean | null;

/**
 * A parsed SCIM filter (RFC 7644 §3.4.2.2). Paths inside a `valuePath` filter are relative to the
 * multi-valued attribute (`emails[type eq "work"]` holds `type`, not `emails.type`).
 */
export type Filter =
  | { kind: "compare"; path: AttrPath; op: CompareOp; value: CompareValue }
  | { kind: "present"; path: AttrPath }
  | { kind: "and"; left: Filter; right: Filter }
  | { kind: "or"; left: Filter; right: Filter }
  | { kind: "not"; filter: Filter }
  | { kind: "valuePath"; path: AttrPath; filter: Filter };

/** The `kind` values of Filter, derived from the union. */
export type FilterKind = Filter["kind"];

/** True when the text is one of the comparison operators (already lower-cased). */
export function isCompareOp(text: string): text is CompareOp {
  return (COMPARE_OPS as readonly string[]).includes(text);
}

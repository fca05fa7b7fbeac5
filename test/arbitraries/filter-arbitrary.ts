import fc from "fast-check";
import {
  COMPARE_OPS,
  URN,
  type AttrPath,
  type CompareValue,
  type Filter,
} from "../../emulator/scim/index.ts";

/**
 * Names that are grammatical (RFC 7643 §2.1 ATTRNAME) but collide with Object.prototype members or
 * filter keywords; mixed into every name arbitrary so prototype safety and keyword handling are exercised.
 */
export const TRICKY_ATTRIBUTE_NAMES = [
  "constructor",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "prototype",
  "not",
  "and",
  "or",
  "pr",
  "eq",
  "true",
  "null",
  "urn",
] as const;

/** RFC 7643 §2.1: `ATTRNAME = ALPHA *(nameChar)`, `nameChar = "-" / "_" / DIGIT / ALPHA`. */
export const attrNameArbitrary: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,11}$/) },
  { weight: 1, arbitrary: fc.constantFrom(...TRICKY_ATTRIBUTE_NAMES) },
);

/** Schema URNs of RFC 7643 §8.7 and custom extensions named the way Entra requires (`...:<Name>:2.0:User`). */
export const schemaUriArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    URN.user,
    URN.group,
    URN.enterpriseUser,
    "urn:ietf:params:scim:schemas:extension:custom:2.0:User",
  ),
  attrNameArbitrary.map((name) => `urn:ietf:params:scim:schemas:extension:${name}:2.0:User`),
);

/** RFC 7644 §3.10 `attrPath = [URI ":"] ATTRNAME *1subAttr`. */
export const attrPathArbitrary: fc.Arbitrary<AttrPath> = fc.record({
  uri: fc.option(schemaUriArbitrary, { nil: null, freq: 4 }),
  name: attrNameArbitrary,
  subAttr: fc.option(attrNameArbitrary, { nil: null, freq: 3 }),
});

/** RFC 7644 §3.4.2.2 `compValue`: any JSON string (lone surrogates included), finite number, boolean or null. */
export const compareValueArbitrary: fc.Arbitrary<CompareValue> = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);

/** What buildFilterArbitrary draws its leaves from. */
export type FilterArbitraryOptions = {
  attrPath?: fc.Arbitrary<AttrPath>;
  value?: fc.Arbitrary<CompareValue>;
  /** Whether `attr[valFilter]` nodes appear (default true). */
  valuePaths?: boolean;
  /** Deepest nesting of logical nodes (default 4). */
  maxDepth?: number;
};

/**
 * Arbitrary filter ASTs of RFC 7644 §3.4.2.2. Value filters hold no nested value path, as the
 * `valFilter` rule requires. Shrinks towards single attribute expressions.
 */
export function buildFilterArbitrary(options: FilterArbitraryOptions = {}): fc.Arbitrary<Filter> {
  const path = options.attrPath ?? attrPathArbitrary;
  const value = options.value ?? compareValueArbitrary;
  const depth = { depthSize: "small" as const, maxDepth: options.maxDepth ?? 4 };
  const attrExp: fc.Arbitrary<Filter> = fc.oneof(
    fc.record({ kind: fc.constant("compare" as const), path, op: fc.constantFrom(...COMPARE_OPS), value }),
    fc.record({ kind: fc.constant("present" as const), path }),
  );
  const logic = (inner: fc.Arbitrary<Filter>): fc.Arbitrary<Filter>[] => [
    fc.record({ kind: fc.constant("and" as const), left: inner, right: inner }),
    fc.record({ kind: fc.constant("or" as const), left: inner, right: inner }),
    fc.record({ kind: fc.constant("not" as const), filter: inner }),
  ];
  const tree = fc.letrec<{ filter: Filter; valueFilter: Filter }>((tie) => ({
    valueFilter: fc.oneof(depth, attrExp, ...logic(tie("valueFilter"))),
    filter: fc.oneof(
      depth,
      attrExp,
      ...(options.valuePaths === false
        ? []
        : [fc.record({ kind: fc.constant("valuePath" as const), path, filter: tie("valueFilter") })]),
      ...logic(tie("filter")),
    ),
  }));
  return tree.filter;
}

/** Arbitrary filter ASTs over every attribute path, value and operator of the grammar. */
export const filterArbitrary: fc.Arbitrary<Filter> = buildFilterArbitrary();

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  attrNameArbitrary,
  attrPathArbitrary,
  compareValueArbitrary,
} from "../../../test/arbitraries/filter-arbitrary.ts";
import { COMPARE_OPS, parseFilter, ScimError, type Filter } from "../../scim/index.ts";
import { readSimpleFilter } from "./read-simple-filter.ts";

/** What parseFilter gives: the filter, or its error's fields. */
function parsed(text: string): Filter | { status: number; scimType: string | undefined; message: string } {
  try {
    return parseFilter(text);
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    return { status: error.status, scimType: error.scimType, message: error.message };
  }
}

/** Texts near the simple shape: other cases, spaces, quotes, escapes, control characters, suffixes. */
/** Mostly the first choice, sometimes one of the others. */
function mostly<T>(usual: T, ...others: T[]): fc.Arbitrary<T> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constant(usual) },
    { weight: 1, arbitrary: fc.constantFrom(...others) },
  );
}

const nearSimple: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(attrNameArbitrary, fc.constantFrom("userName", "externalId", "1a", "a.b", "urn:x:1.0:A:b", "")),
    mostly(" ", "  ", "\t", ""),
    mostly("eq", "EQ", "eQ", "ne", "co", "pr", "e"),
    mostly(" ", "  ", ""),
    fc.oneof(
      fc.string(),
      fc.string({ unit: "binary" }),
      fc.constantFrom("user1@contoso.com", 'a"b', "a\\b", 'a\\"b', "\u0001", "\u007f", "\ud800"),
    ),
    mostly('"', ""),
    mostly("", " ", " and x pr", ")", "]"),
  )
  .map(
    ([name, space, op, space2, value, quote, tail]) =>
      `${name}${space}${op}${space2}"${value}${quote}${tail}`,
  );

/** Comparisons of any path, operator and value, printed as a client would send them. */
const printedComparison: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      attrPathArbitrary,
      attrNameArbitrary.map((name) => ({ uri: null, name, subAttr: null })),
    ),
    fc.oneof(fc.constant("eq" as const), fc.constantFrom(...COMPARE_OPS)),
    fc.oneof(compareValueArbitrary, fc.string()),
  )
  .map(([path, op, value]) => {
    const name = path.uri === null ? path.name : `${path.uri}:${path.name}`;
    return `${path.subAttr === null ? name : `${name}.${path.subAttr}`} ${op} ${JSON.stringify(value)}`;
  });

describe("readSimpleFilter", () => {
  it.each([
    ['userName eq "user1@contoso.com"', true],
    ['userName EQ "a"', true],
    ['externalId eq ""', true],
    ['userName eq "a\\"b"', false],
    ['userName  eq "a"', false],
    ['userName eq "a" and active eq true', false],
    ['emails[type eq "work"]', false],
  ])("reads %s directly: %s", (text, direct) => {
    expect(readSimpleFilter(text) !== undefined).toBe(direct);
  });

  it.each<[string, fc.Arbitrary<string>]>([
    ["texts near the simple shape", nearSimple],
    ["printed comparisons", printedComparison],
  ])("gives parseFilter's filter for every text it reads (%s)", (_name, texts) => {
    let read = 0;
    fc.assert(
      fc.property(texts, (text) => {
        const direct = readSimpleFilter(text);
        if (direct === undefined) return;
        read += 1;
        expect(direct).toEqual(parsed(text));
      }),
      { numRuns: 1_000 },
    );
    expect(read).toBeGreaterThan(10);
  });
});

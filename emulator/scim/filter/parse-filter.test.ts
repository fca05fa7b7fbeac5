import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScimError } from "../scim-error.ts";
import { URN } from "../urns.ts";
import type { AttrPath, CompareValue, Filter } from "./filter-ast.ts";
import { COMPARE_OPS } from "./filter-ast.ts";
import { filterArbitrary } from "../../../test/arbitraries/filter-arbitrary.ts";
import { parseFilter } from "./parse-filter.ts";
import { printFilter } from "./print-filter.ts";

const at = (name: string, subAttr: string | null = null, uri: string | null = null): AttrPath => ({
  uri,
  name,
  subAttr,
});
const eq = (name: string, value: CompareValue): Filter => ({
  kind: "compare",
  path: at(name),
  op: "eq",
  value,
});
const pr = (name: string): Filter => ({ kind: "present", path: at(name) });
const and = (left: Filter, right: Filter): Filter => ({ kind: "and", left, right });
const or = (left: Filter, right: Filter): Filter => ({ kind: "or", left, right });
const not = (filter: Filter): Filter => ({ kind: "not", filter });

function errorOf(text: string): ScimError {
  try {
    parseFilter(text);
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error(`parseFilter accepted ${JSON.stringify(text)}`);
}

describe("parseFilter", () => {
  it.each(COMPARE_OPS.map((op) => [op]))("parses the %s operator", (op) => {
    expect(parseFilter(`title ${op} "x"`)).toEqual({ kind: "compare", path: at("title"), op, value: "x" });
  });

  it.each<[string, Filter]>([
    // RFC 7644 §3.4.2.2 examples
    ['userName eq "bjensen"', eq("userName", "bjensen")],
    [
      'name.familyName co "O\'Malley"',
      { kind: "compare", path: at("name", "familyName"), op: "co", value: "O'Malley" },
    ],
    [
      `${URN.user}:userName sw "J"`,
      { kind: "compare", path: at("userName", null, URN.user), op: "sw", value: "J" },
    ],
    [`${URN.user}:name.familyName pr`, { kind: "present", path: at("name", "familyName", URN.user) }],
    ["title pr", pr("title")],
    [
      'meta.lastModified gt "2011-05-13T04:42:34Z"',
      { kind: "compare", path: at("meta", "lastModified"), op: "gt", value: "2011-05-13T04:42:34Z" },
    ],
    ['title pr and userType eq "Employee"', and(pr("title"), eq("userType", "Employee"))],
    ['title pr or userType eq "Intern"', or(pr("title"), eq("userType", "Intern"))],
    [
      'schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"',
      eq("schemas", URN.enterpriseUser),
    ],
    [
      'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      and(
        eq("userType", "Employee"),
        or(
          { kind: "compare", path: at("emails"), op: "co", value: "example.com" },
          { kind: "compare", path: at("emails", "value"), op: "co", value: "example.org" },
        ),
      ),
    ],
    [
      'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      and(
        { kind: "compare", path: at("userType"), op: "ne", value: "Employee" },
        not(
          or(
            { kind: "compare", path: at("emails"), op: "co", value: "example.com" },
            { kind: "compare", path: at("emails", "value"), op: "co", value: "example.org" },
          ),
        ),
      ),
    ],
    [
      'emails[type eq "work" and value co "@example.com"]',
      {
        kind: "valuePath",
        path: at("emails"),
        filter: and(eq("type", "work"), {
          kind: "compare",
          path: at("value"),
          op: "co",
          value: "@example.com",
        }),
      },
    ],
    [
      'emails[type eq "work"] or ims[type eq "xmpp"]',
      or(
        { kind: "valuePath", path: at("emails"), filter: eq("type", "work") },
        { kind: "valuePath", path: at("ims"), filter: eq("type", "xmpp") },
      ),
    ],
    // URN-qualified: the dot in "2.0" is part of the URN, the name follows the last colon
    [
      `${URN.enterpriseUser}:department eq "Retail"`,
      { kind: "compare", path: at("department", null, URN.enterpriseUser), op: "eq", value: "Retail" },
    ],
    [
      `${URN.enterpriseUser}:manager.value eq "m1"`,
      { kind: "compare", path: at("manager", "value", URN.enterpriseUser), op: "eq", value: "m1" },
    ],
    [
      'members[value eq "2819c223-7f76-453a-919d-413861904646"]',
      { kind: "valuePath", path: at("members"), filter: eq("value", "2819c223-7f76-453a-919d-413861904646") },
    ],
    // precedence: not > and > or; and/or associate to the left
    ["a pr and b pr or c pr", or(and(pr("a"), pr("b")), pr("c"))],
    ["a pr or b pr and c pr", or(pr("a"), and(pr("b"), pr("c")))],
    ["a pr and b pr and c pr", and(and(pr("a"), pr("b")), pr("c"))],
    ["a pr or b pr or c pr", or(or(pr("a"), pr("b")), pr("c"))],
    ["a pr and (b pr or c pr)", and(pr("a"), or(pr("b"), pr("c")))],
    ["(a pr or b pr) and c pr", and(or(pr("a"), pr("b")), pr("c"))],
    ["not (a pr) and b pr", and(not(pr("a")), pr("b"))],
    ["not (a pr or b pr)", not(or(pr("a"), pr("b")))],
    ["((a pr))", pr("a")],
    // keywords, operators and literals in any case
    ['userName EQ "x"', eq("userName", "x")],
    ["title PR", pr("title")],
    ["a pr AND b pr Or c pr", or(and(pr("a"), pr("b")), pr("c"))],
    ["NOT(a pr)", not(pr("a"))],
    ["active eq TRUE", eq("active", true)],
    ["active eq False", eq("active", false)],
    ["manager eq NULL", eq("manager", null)],
    // attribute names keep their text
    ['USERNAME eq "x"', eq("USERNAME", "x")],
    // JSON string literals and numbers
    ['a eq "q\\"uote \\\\ \\u00e9 \\n \\/"', eq("a", 'q"uote \\ \u00e9 \n /')],
    ['a eq ""', eq("a", "")],
    ['a eq "ünïcødé 🎉"', eq("a", "ünïcødé 🎉")],
    ["a eq 42", eq("a", 42)],
    ["a eq -1.5e3", eq("a", -1500)],
    ["a eq 0", eq("a", 0)],
    ["a eq 2.5E-2", eq("a", 0.025)],
    // whitespace
    ["  a pr  ", pr("a")],
    ['a eq"x"', eq("a", "x")],
    ["( a pr )", pr("a")],
    ['emails[ type eq "work" ]', { kind: "valuePath", path: at("emails"), filter: eq("type", "work") }],
    // names that are keywords or Object.prototype members are ordinary attributes
    ["not pr", pr("not")],
    ['and eq "x" and or pr', and(eq("and", "x"), pr("or"))],
    ['constructor eq "x"', eq("constructor", "x")],
    ["toString pr or valueOf pr", or(pr("toString"), pr("valueOf"))],
    ["a-b_c9 pr", pr("a-b_c9")],
    ["members.$ref pr", { kind: "present", path: at("members", "$ref") }],
  ])("parses %s", (text, expected) => {
    expect(parseFilter(text)).toEqual(expected);
  });

  it.each<[string, number, string]>([
    ["", 0, "an attribute name"],
    ["   ", 3, "an attribute name"],
    ["userName", 8, "a space and then"],
    ["userName eq", 11, "a value"],
    ['userName eq "x', 14, "a closing quote"],
    ['userName foo "x"', 9, '"pr" or a comparison operator'],
    ['userName eqq "x"', 9, '"pr" or a comparison operator'],
    ['__proto__ eq "x"', 0, "an attribute name"],
    ["_a pr", 0, "an attribute name"],
    ["1a pr", 0, "an attribute name"],
    ["a.b.c pr", 2, "a sub-attribute name"],
    ["a. pr", 2, "a sub-attribute name"],
    ["x:y pr", 0, "an attribute name or a URN"],
    ["urn::a pr", 0, "a schema URN"],
    [`${URN.user}:2.0 pr`, URN.user.length + 1, "an attribute name"],
    ["a pr and", 8, "an attribute name"],
    ["a pr or or", 10, "a space and then"],
    ["(a pr", 5, '")"'],
    ["a pr)", 4, '"and", "or" or the end'],
    ["a pr b pr", 5, '"and", "or" or the end'],
    ["not a pr", 4, '"pr" or a comparison operator'],
    ["not (a pr", 9, '")"'],
    ['emails[type eq "work"', 21, '"]"'],
    ['emails[addr[type eq "x"]]', 11, "an operator (value filters cannot nest)"],
    ['a eq "\\x"', 5, "a valid JSON string"],
    ['a eq "tab\there"', 5, "a valid JSON string"],
    ["a eq 01", 6, "the end of the number"],
    ["a eq 1e999", 5, "a finite number"],
    ["a eq tru", 5, "a value"],
    ["a eq true5", 9, "the end of the value"],
    ["a eq truex", 5, "a value"],
    ["a eq bob", 5, "a value"],
    ["a eq -", 5, "a number"],
    ["a eq5", 2, '"pr" or a comparison operator'],
    ["[a pr]", 0, "an attribute name"],
  ])("rejects %j with an error at position %i", (text, position, expected) => {
    const error = errorOf(text);
    expect(error.status).toBe(400);
    expect(error.scimType).toBe("invalidFilter");
    expect(error.message).toContain(`Expected ${expected}`);
    expect(error.message).toContain(`at position ${position},`);
  });

  it.each([
    ["deep parentheses", `${"(".repeat(60)}a pr${")".repeat(60)}`, "deeper than 50"],
    ["deep not", `${"not (".repeat(60)}a pr${")".repeat(60)}`, "deeper than 50"],
    ["very long text", "a pr or ".repeat(2_000) + "a pr", "longer than 10000"],
    ["a pathological nest", "(".repeat(1_000_000), "longer than 10000"],
  ])("rejects %s with invalidFilter instead of overflowing the stack", (_name, text, message) => {
    const error = errorOf(text);
    expect(error.scimType).toBe("invalidFilter");
    expect(error.message).toContain(message);
  });

  it("accepts nesting up to the depth limit", () => {
    expect(parseFilter(`${"(".repeat(49)}a pr${")".repeat(49)}`)).toEqual(pr("a"));
  });

  it("round-trips every AST through printFilter", () => {
    fc.assert(
      fc.property(filterArbitrary, (filter) => {
        expect(parseFilter(printFilter(filter))).toEqual(filter);
      }),
    );
  });

  it("throws only ScimError invalidFilter on arbitrary text", () => {
    const pieces = fc.constantFrom(
      "a",
      "emails",
      " ",
      "(",
      ")",
      "[",
      "]",
      '"',
      "\\",
      "eq",
      "pr",
      "and",
      "or",
      "not",
      "1",
      ".",
      ":",
      "urn:x",
    );
    const text = fc.oneof(
      fc.string(),
      fc.array(pieces, { maxLength: 20 }).map((parts) => parts.join("")),
    );
    fc.assert(
      fc.property(text, (input) => {
        try {
          parseFilter(input);
        } catch (error) {
          expect(error).toBeInstanceOf(ScimError);
          expect((error as ScimError).scimType).toBe("invalidFilter");
        }
      }),
    );
  });
});

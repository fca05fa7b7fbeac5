import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../json.ts";
import { ScimError } from "../scim-error.ts";
import { URN } from "../urns.ts";
import type { AttrPath, CompareOp, CompareValue, Filter } from "./filter-ast.ts";
import { attrNameArbitrary, buildFilterArbitrary } from "../../../test/arbitraries/filter-arbitrary.ts";
import { matchesFilter } from "./match-filter.ts";
import { parseFilter } from "./parse-filter.ts";

/** Shaped after the full User of RFC 7643 §8.2, plus a custom extension. */
const BARBARA: JsonObject = JSON.parse(`{
  "schemas": ["${URN.user}", "${URN.enterpriseUser}"],
  "id": "2819c223-7f76-453a-919d-413861904646",
  "externalId": "701984",
  "userName": "bjensen@example.com",
  "name": { "formatted": "Ms. Barbara J Jensen, III", "familyName": "Jensen", "givenName": "Barbara" },
  "displayName": "Babs Jensen",
  "nickName": "Babs",
  "title": "Tour Guide",
  "userType": "Employee",
  "active": true,
  "loginCount": 42,
  "nickNames": [],
  "emptyTitle": "",
  "manager2": null,
  "emails": [
    { "value": "bjensen@example.com", "type": "work", "primary": true },
    { "value": "babs@jensen.org", "type": "home" }
  ],
  "ims": [{ "value": "someaimhandle", "type": "aim" }],
  "meta": { "resourceType": "User", "created": "2010-01-23T04:56:22Z", "lastModified": "2011-05-13T04:42:34Z" },
  "${URN.enterpriseUser}": { "employeeNumber": "701984", "department": "Tour Operations", "manager": { "value": "26118915" } },
  "urn:ietf:params:scim:schemas:extension:custom:2.0:User": { "zipcode": "98052", "tags": ["a", "b"] }
}`);

describe("matchesFilter", () => {
  it.each<[string, boolean]>([
    ['userName eq "bjensen@example.com"', true],
    ['USERNAME EQ "BJENSEN@EXAMPLE.COM"', true],
    ['userName ne "bjensen@example.com"', false],
    ['userName ne "someone"', true],
    ['name.familyName co "ens"', true],
    ['name.familyName co "xyz"', false],
    ['userName sw "BJ"', true],
    ['userName ew "example.com"', true],
    ['userName ew "example.org"', false],
    ["title pr", true],
    ["emptyTitle pr", false],
    ["nickNames pr", false],
    ["manager2 pr", false],
    ["missing pr", false],
    ['missing eq "x"', false],
    ['missing ne "x"', true],
    ["missing eq null", true],
    ["title eq null", false],
    ["title ne null", true],
    ["manager2 eq null", true],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', false],
    ['meta.lastModified ge "2011-05-13T04:42:34Z"', true],
    ['meta.lastModified lt "2012-01-01T00:00:00Z"', true],
    ['meta.created le "2009-12-31T23:59:59Z"', false],
    ["loginCount gt 41", true],
    ["loginCount ge 42.0", true],
    ["loginCount lt 42", false],
    ['loginCount gt "41"', false],
    ['loginCount eq "42"', false],
    ["active eq true", true],
    ["active eq FALSE", false],
    ['active eq "true"', false],
    ['title gt "tv"', false],
    ['title gt "tour"', true],
    ['title ge "tour guide"', true],
    ['title lt "Tz"', true],
    // RFC 7643 §3.1: id and externalId are caseExact
    ['id eq "2819c223-7f76-453a-919d-413861904646"', true],
    ['ID eq "2819C223-7F76-453A-919D-413861904646"', false],
    ['externalId eq "701984"', true],
    // multi-valued: any value; complex without sub-attribute compares "value"
    ['emails co "jensen.org"', true],
    ['emails eq "BJENSEN@example.com"', true],
    ['emails.type eq "home"', true],
    ['emails.type eq "other"', false],
    ['emails.value ew ".org"', true],
    ["emails.primary eq true", true],
    ['emails[type eq "work" and value co "@example.com"]', true],
    ['emails[type eq "home" and value co "@example.com"]', false],
    ['emails[type eq "work"] and ims[type eq "aim"]', true],
    ['emails[type eq "work"] and ims[type eq "xmpp"]', false],
    ['emails[not (type eq "work")]', true],
    ["emails[primary pr]", true],
    ["ims[primary pr]", false],
    ['missing[type eq "work"]', false],
    ['title[value eq "x"]', false],
    // URN-qualified: extensions by their URN key, core URNs at the top level
    [`${URN.enterpriseUser}:department eq "tour operations"`, true],
    [`${URN.enterpriseUser.toUpperCase().replace("URN:", "urn:")}:DEPARTMENT pr`, true],
    [`${URN.enterpriseUser}:manager.value eq "26118915"`, true],
    [`${URN.enterpriseUser}:manager eq "26118915"`, true],
    [`${URN.enterpriseUser}:userName pr`, false],
    [`${URN.user}:userName eq "bjensen@example.com"`, true],
    [`${URN.user}:name.givenName eq "barbara"`, true],
    ['urn:ietf:params:scim:schemas:extension:custom:2.0:User:zipcode eq "98052"', true],
    ['urn:ietf:params:scim:schemas:extension:custom:2.0:User:tags eq "b"', true],
    ["urn:ietf:params:scim:schemas:extension:other:2.0:User:zipcode pr", false],
    ["department pr", false],
    // logic
    ['title pr and userType eq "Employee"', true],
    ['title pr and userType eq "Intern"', false],
    ['userType eq "Intern" or title pr', true],
    ["not (title pr)", false],
    ["not (missing pr)", true],
    ['userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")', true],
    ['userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")', false],
    // names of Object.prototype members are never inherited
    ["constructor pr", false],
    ['toString eq "x"', false],
    ["hasOwnProperty pr or valueOf pr", false],
    ["constructor ne null", false],
  ])("evaluates %s to %s", (text, expected) => {
    expect(matchesFilter(BARBARA, parseFilter(text))).toBe(expected);
  });

  it.each([
    ["active gt true"],
    ["title lt false"],
    ["title ge null"],
    ["title co 5"],
    ["title sw true"],
    ["title ew null"],
    ["emails[value gt false] or title pr"],
    ["title pr or not (active le true)"],
  ])("rejects %s with invalidFilter (RFC 7644 §3.4.2.2)", (text) => {
    expect(() => matchesFilter(BARBARA, parseFilter(text))).toThrow(
      expect.objectContaining({ status: 400, scimType: "invalidFilter" }) as ScimError,
    );
  });

  it("uses the caseExact option for string comparisons", () => {
    const caseExact = (path: AttrPath): boolean => path.name === "userName";
    expect(matchesFilter(BARBARA, parseFilter('userName eq "BJENSEN@example.com"'), { caseExact })).toBe(
      false,
    );
    expect(
      matchesFilter(BARBARA, parseFilter('id eq "2819C223-7F76-453A-919D-413861904646"'), { caseExact }),
    ).toBe(true);
  });

  it("passes paths inside a value filter to caseExact relative to the attribute", () => {
    const seen: AttrPath[] = [];
    matchesFilter(BARBARA, parseFilter('emails[type eq "WORK"]'), {
      caseExact: (path) => (seen.push(path), false),
    });
    expect(seen).toContainEqual({ uri: null, name: "type", subAttr: null });
  });

  it("agrees with a reference evaluator on flat resources", () => {
    const names = ["title", "Count", "flag", "constructor", "nick-name"];
    const scalar = fc.oneof(
      fc.constantFrom("", "a", "A", "ab", "B", "tour", "Tour Guide"),
      fc.integer({ min: -3, max: 3 }),
      fc.boolean(),
      fc.constant(null),
    );
    const resource = fc.dictionary(fc.constantFrom(...names), scalar).map((entries) => {
      const object: JsonObject = {};
      for (const [key, value] of Object.entries(entries))
        Object.defineProperty(object, key, { value, enumerable: true });
      return object;
    });
    const filter = buildFilterArbitrary({
      attrPath: fc.record({
        uri: fc.constant(null),
        name: fc.oneof(fc.constantFrom(...names, "TITLE", "missing"), attrNameArbitrary),
        subAttr: fc.constant(null),
      }),
      value: scalar,
      valuePaths: false,
    });
    fc.assert(
      fc.property(resource, filter, (object, tree) => {
        expect(outcome(() => matchesFilter(object, tree))).toEqual(outcome(() => reference(object, tree)));
      }),
    );
  });
});

type Outcome = { result: boolean } | { error: string | undefined };

function outcome(run: () => boolean): Outcome {
  try {
    return { result: run() };
  } catch (error) {
    if (error instanceof ScimError) return { error: error.scimType };
    throw error;
  }
}

/** The RFC 7644 §3.4.2.2 semantics spelled out naively for single-valued, flat resources. */
function reference(resource: JsonObject, filter: Filter): boolean {
  if (hasBadOperand(filter)) throw new ScimError(400, "bad operand", "invalidFilter");
  return evaluateFlat(resource, filter);
}

function hasBadOperand(filter: Filter): boolean {
  if (filter.kind === "compare") {
    if (["gt", "ge", "lt", "le"].includes(filter.op))
      return filter.value === null || typeof filter.value === "boolean";
    if (["co", "sw", "ew"].includes(filter.op)) return typeof filter.value !== "string";
    return false;
  }
  if (filter.kind === "and" || filter.kind === "or")
    return hasBadOperand(filter.left) || hasBadOperand(filter.right);
  if (filter.kind === "not" || filter.kind === "valuePath") return hasBadOperand(filter.filter);
  return false;
}

function evaluateFlat(resource: JsonObject, filter: Filter): boolean {
  switch (filter.kind) {
    case "and":
      return evaluateFlat(resource, filter.left) && evaluateFlat(resource, filter.right);
    case "or":
      return evaluateFlat(resource, filter.left) || evaluateFlat(resource, filter.right);
    case "not":
      return !evaluateFlat(resource, filter.filter);
    case "valuePath":
      throw new Error("not generated");
    case "present": {
      const value = lookup(resource, filter.path.name);
      return value !== undefined && value !== "";
    }
    case "compare":
      return compareFlat(lookup(resource, filter.path.name), filter.op, filter.value);
  }
}

function lookup(resource: JsonObject, name: string): string | number | boolean | undefined {
  for (const key of Object.keys(resource)) {
    if (key.toLowerCase() !== name.toLowerCase()) continue;
    const value = resource[key];
    return value === null || typeof value === "object" ? undefined : value;
  }
  return undefined;
}

function compareFlat(
  actual: string | number | boolean | undefined,
  op: CompareOp,
  expected: CompareValue,
): boolean {
  if (expected === null) return op === "eq" ? actual === undefined : actual !== undefined;
  if (actual === undefined) return op === "ne";
  const a = typeof actual === "string" ? actual.toLowerCase() : actual;
  const e = typeof expected === "string" ? expected.toLowerCase() : expected;
  const sameType = typeof a === typeof e;
  switch (op) {
    case "eq":
      return a === e;
    case "ne":
      return a !== e;
    case "co":
      return typeof a === "string" && typeof e === "string" && a.includes(e);
    case "sw":
      return typeof a === "string" && typeof e === "string" && a.startsWith(e);
    case "ew":
      return typeof a === "string" && typeof e === "string" && a.endsWith(e);
    case "gt":
      return sameType && typeof a !== "boolean" && a > e;
    case "ge":
      return sameType && typeof a !== "boolean" && a >= e;
    case "lt":
      return sameType && typeof a !== "boolean" && a < e;
    case "le":
      return sameType && typeof a !== "boolean" && a <= e;
  }
}

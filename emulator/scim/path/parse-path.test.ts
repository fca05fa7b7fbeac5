import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Filter } from "../filter/filter-ast.ts";
import {
  attrNameArbitrary,
  attrPathArbitrary,
  buildFilterArbitrary,
} from "../../../test/arbitraries/filter-arbitrary.ts";
import { ScimError } from "../scim-error.ts";
import { URN } from "../urns.ts";
import { parsePath, type PatchPath } from "./parse-path.ts";
import { printPath } from "./print-path.ts";

const typeEq = (value: string): Filter => ({
  kind: "compare",
  path: { uri: null, name: "type", subAttr: null },
  op: "eq",
  value,
});

describe("parsePath", () => {
  it.each<[string, PatchPath]>([
    ["displayName", { attr: { uri: null, name: "displayName", subAttr: null }, filter: null, subAttr: null }],
    [
      "name.givenName",
      { attr: { uri: null, name: "name", subAttr: "givenName" }, filter: null, subAttr: null },
    ],
    [
      `${URN.enterpriseUser}:department`,
      { attr: { uri: URN.enterpriseUser, name: "department", subAttr: null }, filter: null, subAttr: null },
    ],
    [
      `${URN.enterpriseUser}:manager.value`,
      { attr: { uri: URN.enterpriseUser, name: "manager", subAttr: "value" }, filter: null, subAttr: null },
    ],
    [
      "urn:ietf:params:scim:schemas:extension:custom:2.0:User:zipcode",
      {
        attr: {
          uri: "urn:ietf:params:scim:schemas:extension:custom:2.0:User",
          name: "zipcode",
          subAttr: null,
        },
        filter: null,
        subAttr: null,
      },
    ],
    [
      'emails[type eq "work"]',
      { attr: { uri: null, name: "emails", subAttr: null }, filter: typeEq("work"), subAttr: null },
    ],
    [
      'emails[type eq "work"].value',
      { attr: { uri: null, name: "emails", subAttr: null }, filter: typeEq("work"), subAttr: "value" },
    ],
    [
      'addresses[type eq "work"].locality',
      { attr: { uri: null, name: "addresses", subAttr: null }, filter: typeEq("work"), subAttr: "locality" },
    ],
    [
      'members[value eq "2819c223"]',
      {
        attr: { uri: null, name: "members", subAttr: null },
        filter: {
          kind: "compare",
          path: { uri: null, name: "value", subAttr: null },
          op: "eq",
          value: "2819c223",
        },
        subAttr: null,
      },
    ],
    [
      `${URN.enterpriseUser}:manager[value eq "m1"]`,
      {
        attr: { uri: URN.enterpriseUser, name: "manager", subAttr: null },
        filter: { kind: "compare", path: { uri: null, name: "value", subAttr: null }, op: "eq", value: "m1" },
        subAttr: null,
      },
    ],
    [
      'emails[type eq "work" and primary eq true].display',
      {
        attr: { uri: null, name: "emails", subAttr: null },
        filter: {
          kind: "and",
          left: typeEq("work"),
          right: {
            kind: "compare",
            path: { uri: null, name: "primary", subAttr: null },
            op: "eq",
            value: true,
          },
        },
        subAttr: "display",
      },
    ],
    ["constructor", { attr: { uri: null, name: "constructor", subAttr: null }, filter: null, subAttr: null }],
  ])("parses %s", (text, expected) => {
    expect(parsePath(text)).toEqual(expected);
  });

  it.each<[string, number]>([
    ["", 0],
    ["__proto__", 0],
    ["name.", 5],
    ["name.givenName.x", 5],
    ["emails[", 7],
    ['emails[type eq "work"', 21],
    ['emails[type eq "work"]value', 22],
    ['emails[type eq "work"].', 23],
    ['emails[type eq "work"].__proto__', 23],
    ['emails[type eq "work"][type eq "x"]', 22],
    ['name.givenName[type eq "work"]', 14],
    ['emails[addresses[type eq "work"]]', 16],
    ["display name", 7],
    ["emails type", 6],
    ["urn:x", 0],
  ])("rejects %j with invalidPath at position %i", (text, position) => {
    let error: unknown;
    try {
      parsePath(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScimError);
    expect((error as ScimError).scimType).toBe("invalidPath");
    expect((error as ScimError).message).toContain(`at position ${position},`);
  });

  it("rejects an absurdly long path with invalidPath", () => {
    expect(() => parsePath("a".repeat(20_000))).toThrow(
      expect.objectContaining({ scimType: "invalidPath" }) as Error,
    );
  });

  it("round-trips every path through printPath", () => {
    const plain = attrPathArbitrary.map((attr): PatchPath => ({ attr, filter: null, subAttr: null }));
    const selected = fc.record({
      attr: attrPathArbitrary.map((attr) => ({ ...attr, subAttr: null })),
      filter: buildFilterArbitrary({ valuePaths: false, maxDepth: 3 }),
      subAttr: fc.option(attrNameArbitrary, { nil: null }),
    });
    fc.assert(
      fc.property(fc.oneof(plain, selected), (path) => {
        expect(parsePath(printPath(path))).toEqual(path);
      }),
    );
  });
});

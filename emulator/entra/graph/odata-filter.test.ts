import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../scim/index.ts";
import { filterProperties, matchesODataFilter, parseODataFilter } from "./odata-filter.ts";

const ITEMS: JsonObject[] = [
  { id: "a", displayName: "Alice Smith", mail: "alice@contoso.com", groupTypes: ["Unified"], age: 30 },
  { id: "b", displayName: "Bob Jones", mail: "bob@fabrikam.com", groupTypes: [], age: 41 },
  { id: "c", displayName: "Carol White", mail: null, groupTypes: ["DynamicMembership", "Unified"], age: 25 },
];

function ids(filter: string): string[] {
  const parsed = parseODataFilter(filter);
  return ITEMS.filter((item) => matchesODataFilter(parsed, item)).map((item) => item.id as string);
}

describe("parseODataFilter and matchesODataFilter", () => {
  it.each([
    ["id in ('a','c')", ["a", "c"]],
    ["age in (41)", ["b"]],
    ["endswith(mail,'@contoso.com')", ["a"]],
    ["contains(displayName,'o')", ["b", "c"]],
    ["startswith(displayName,'car')", ["c"]],
    ["groupTypes/any(c:c eq 'Unified')", ["a", "c"]],
    ["groupTypes/all(t:t eq 'Unified')", ["a", "b"]],
    ["groupTypes/any()", ["a", "c"]],
    ["not groupTypes/any(c:c eq 'Unified') or age gt 40", ["b"]],
    ["(age ge 25 and age le 30) and not (id eq 'a')", ["c"]],
  ])("matches %s", (filter, expected) => {
    expect(ids(filter)).toEqual(expected);
  });

  it.each([
    ["id in ()", "is not a literal"],
    ["groupTypes/any(c eq 'x')", "variable"],
    ["displayName has 'x'", "unsupported operator"],
    ["endswith(mail,1)", "needs a string"],
  ])("refuses %s with 400 BadRequest", (filter, detail) => {
    expect(() => parseODataFilter(filter)).toThrow(
      expect.objectContaining({ status: 400, code: "BadRequest" }),
    );
    expect(() => parseODataFilter(filter)).toThrow(new RegExp(detail));
  });

  it("lists the item's own properties a filter reads, leaving lambda variables out", () => {
    expect(filterProperties(parseODataFilter("groupTypes/any(c:c eq 'x') and mail eq null"))).toEqual([
      ["groupTypes"],
      ["mail"],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { compareKeys, containsIgnoringCase, parseBimPage, parseBoolean } from "./bim-query.ts";
import { ImmutaApiError } from "../immuta-api-error.ts";

const FIELDS = ["name", "createdAt"] as const;
const page = (query: string) => parseBimPage(new URLSearchParams(query), FIELDS);

describe("parseBimPage", () => {
  it.each([
    ["", { size: 25, offset: 0, sortField: null, sortOrder: "asc" }],
    ["size=1&offset=0", { size: 1, offset: 0, sortField: null, sortOrder: "asc" }],
    [
      "size=500&offset=7&sortField=name&sortOrder=desc",
      { size: 500, offset: 7, sortField: "name", sortOrder: "desc" },
    ],
  ])("reads %j", (query, expected) => {
    expect(page(query)).toEqual(expected);
  });

  it.each(["size=0", "size=", "size=+1", "size=0x10", "offset=-0.5", "sortField=Name", "sortOrder=DESC"])(
    "throws a 400 for %j",
    (query) => {
      expect(() => page(query)).toThrow(expect.objectContaining({ status: 400 }) as ImmutaApiError);
    },
  );
});

describe("parseBoolean", () => {
  it.each([
    ["", true],
    ["flag=true", true],
    ["flag=false", false],
  ])("reads %j", (query, expected) => {
    expect(parseBoolean(new URLSearchParams(query), "flag", true)).toBe(expected);
  });

  it.each(["flag=1", "flag=True", "flag="])("throws a 400 for %j", (query) => {
    expect(() => parseBoolean(new URLSearchParams(query), "flag", false)).toThrow(ImmutaApiError);
  });
});

describe("containsIgnoringCase", () => {
  it.each([
    ["Alice Smith", "SMITH", true],
    ["Alice", null, true],
    [null, null, true],
    [null, "a", false],
    ["Alice", "bob", false],
  ] as [string | null, string | null, boolean][])("%j contains %j: %s", (haystack, needle, expected) => {
    expect(containsIgnoringCase(haystack, needle)).toBe(expected);
  });
});

describe("compareKeys", () => {
  it("sorts numbers numerically and nulls last", () => {
    expect([10, null, 9, 2].sort(compareKeys)).toEqual([2, 9, 10, null]);
    expect(["b", null, "a"].sort(compareKeys)).toEqual(["a", "b", null]);
  });
});

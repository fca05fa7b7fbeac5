import { describe, expect, it } from "vitest";
import {
  addAuthorization,
  authorizationsToJson,
  removeAuthorization,
  unionAuthorizations,
  type Authorizations,
} from "./authorizations.ts";

const map = (entries: [string, string[]][]): Authorizations => new Map(entries);

describe("unionAuthorizations", () => {
  it("merges per key, unique, IAM values first", () => {
    const union = unionAuthorizations(
      map([
        ["k", ["a", "b"]],
        ["i", ["x"]],
      ]),
      map([
        ["k", ["b", "c"]],
        ["m", []],
      ]),
    );
    expect(authorizationsToJson(union)).toEqual({ i: ["x"], k: ["a", "b", "c"], m: [] });
  });
});

describe("addAuthorization", () => {
  it.each([
    [[], "k", "v", { k: ["v"] }],
    [[["k", ["v"]]], "k", "v", { k: ["v"] }],
    [[["k", ["v"]]], "k", "w", { k: ["v", "w"] }],
    [[], "k", undefined, { k: [] }],
    [[["k", ["v"]]], "k", undefined, { k: ["v"] }],
  ] as [[string, string[]][], string, string | undefined, object][])(
    "adds to %j key %s value %s",
    (before, key, value, after) => {
      const original = map(before);
      expect(authorizationsToJson(addAuthorization(original, key, value))).toEqual(after);
      expect(authorizationsToJson(original)).toEqual(Object.fromEntries(before));
    },
  );
});

describe("removeAuthorization", () => {
  it.each([
    [[["k", ["a", "b"]]], "k", "a", { k: ["b"] }],
    [[["k", ["a"]]], "k", "a", {}],
    [[["k", ["a"]]], "k", undefined, {}],
    [[["k", []]], "k", "a", {}],
    [[["k", ["a"]]], "k", "z", { k: ["a"] }],
    [[["k", ["a"]]], "other", undefined, { k: ["a"] }],
  ] as [[string, string[]][], string, string | undefined, object][])(
    "removes from %j key %s value %s",
    (before, key, value, after) => {
      expect(authorizationsToJson(removeAuthorization(map(before), key, value))).toEqual(after);
    },
  );
});

describe("authorizationsToJson", () => {
  it.each(["__proto__", "constructor", "toString"])("renders the key %s as an own property", (key) => {
    const json = authorizationsToJson(map([[key, ["v"]]]));
    expect(Object.keys(json)).toEqual([key]);
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(json))).toEqual(JSON.parse(`{"${key}": ["v"]}`));
  });
});

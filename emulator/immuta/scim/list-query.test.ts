import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../scim/index.ts";
import { URN } from "../../scim/index.ts";
import { MAX_RESULTS, parseListQuery, selectAttributes } from "./list-query.ts";

const query = (search: string) => parseListQuery(new URL(`http://x/Users?${search}`));

describe("parseListQuery", () => {
  it.each([
    ["", { startIndex: 1, count: MAX_RESULTS, filter: null, attributes: null, excludedAttributes: [] }],
    ["startIndex=3&count=2", { startIndex: 3, count: 2 }],
    ["startIndex=0", { startIndex: 1 }],
    ["startIndex=-5", { startIndex: 1 }],
    ["count=0", { count: 0 }],
    ["count=-1", { count: 0 }],
    [`count=${MAX_RESULTS + 1}`, { count: MAX_RESULTS }],
    ["count=", { count: MAX_RESULTS }],
    ["filter=userName+eq+%22a%22", { filter: 'userName eq "a"' }],
    [
      "attributes=userName,%20emails&excludedAttributes=members",
      { attributes: ["userName", "emails"], excludedAttributes: ["members"] },
    ],
    ["attributes=", { attributes: null }],
  ])("reads %j", (search, expected) => {
    expect(query(search)).toMatchObject(expected);
  });

  it.each(["count=abc", "count=1.5", "startIndex=x", "startIndex=1e3", "count=0x10"])(
    "answers 400 invalidValue for %s",
    (search) => {
      expect(() => query(search)).toThrow(expect.objectContaining({ status: 400, scimType: "invalidValue" }));
    },
  );
});

describe("selectAttributes", () => {
  const EXT = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";
  const user = (): JsonObject => ({
    schemas: [URN.user],
    id: "1",
    userName: "ada",
    name: { givenName: "Ada", familyName: "Lovelace" },
    emails: [
      { type: "work", value: "ada@work" },
      { type: "home", value: "ada@home" },
    ],
    [URN.enterpriseUser]: { department: "R&D", manager: { value: "2" } },
    [EXT]: { zipcode: "98052", constructor: "c" },
    meta: { resourceType: "User", version: 'W/"1"' },
  });

  it.each([
    ["userName", { userName: "ada" }],
    ["USERNAME", { userName: "ada" }],
    [`${URN.user}:userName`, { userName: "ada" }],
    ["name.givenName", { name: { givenName: "Ada" } }],
    ["name.givenName,name.familyName", { name: { givenName: "Ada", familyName: "Lovelace" } }],
    ["emails.value", { emails: [{ value: "ada@work" }, { value: "ada@home" }] }],
    [`${URN.enterpriseUser}:department`, { [URN.enterpriseUser]: { department: "R&D" } }],
    [`${URN.enterpriseUser}:manager.value`, { [URN.enterpriseUser]: { manager: { value: "2" } } }],
    [URN.enterpriseUser, { [URN.enterpriseUser]: { department: "R&D", manager: { value: "2" } } }],
    [`${EXT}:constructor`, { [EXT]: { constructor: "c" } }],
    ["nonexistent", {}],
  ])("attributes=%s returns id, schemas, meta and the selection", (names, expected) => {
    const selected = selectAttributes(user(), names.split(","), []);
    const { id, schemas, meta, ...rest } = selected;
    expect({ id, schemas, meta }).toEqual({ id: "1", schemas: [URN.user], meta: user().meta });
    expect(rest).toEqual(expected);
  });

  it.each([
    ["emails", (u: JsonObject) => delete u.emails],
    ["name.familyName", (u: JsonObject) => delete (u.name as JsonObject).familyName],
    ["emails.type", (u: JsonObject) => (u.emails = [{ value: "ada@work" }, { value: "ada@home" }])],
    [
      `${URN.enterpriseUser}:department`,
      (u: JsonObject) => (u[URN.enterpriseUser] = { manager: { value: "2" } }),
    ],
    [`${EXT}:zipcode,${EXT}:constructor`, (u: JsonObject) => delete u[EXT]],
    [`${URN.user}:userName`, (u: JsonObject) => delete u.userName],
    ["id,schemas", () => undefined],
  ])("excludedAttributes=%s leaves that out and nothing else", (names, edit) => {
    const expected = user();
    edit(expected);
    expect(selectAttributes(user(), null, names.split(","))).toEqual(expected);
  });

  it("does not change the resource it selects from", () => {
    const resource = user();
    selectAttributes(resource, null, ["name.familyName", `${EXT}:zipcode`, "emails.type"]);
    expect(resource).toEqual(user());
  });

  it("keeps a __proto__ member as data when copying", () => {
    const resource = JSON.parse('{"id":"1","schemas":[],"__proto__":{"polluted":true}}') as JsonObject;
    const selected = selectAttributes(resource, ["__proto__"], []);
    expect(Object.getPrototypeOf(selected)).toBe(Object.prototype);
    expect(Object.hasOwn(selected, "__proto__")).toBe(true);
  });
});

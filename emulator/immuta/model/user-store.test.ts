import { describe, expect, it } from "vitest";
import type { ImmutaUser } from "./user-store.ts";
import { UserStore } from "./user-store.ts";

function user(scimId: string, userName: string, externalId?: string): ImmutaUser {
  return {
    scimId,
    immutaId: 1,
    iamid: "entra",
    userid: userName,
    resource: { userName, ...(externalId === undefined ? {} : { externalId }) },
    created: "2024-01-01T00:00:00.000Z",
    lastModified: "2024-01-01T00:00:00.000Z",
    version: 1,
    disabled: false,
    scimDeleted: false,
    iamAuthorizations: new Map(),
    bimAuthorizations: new Map(),
  };
}

describe("UserStore", () => {
  it("finds a user by id, by userName in any case and by exact externalId", () => {
    const store = new UserStore();
    store.put(user("1", "Ada@Contoso.com", "ext-1"));
    expect(store.get("1")?.userid).toBe("Ada@Contoso.com");
    expect(store.getByUserName("ada@contoso.COM")?.scimId).toBe("1");
    expect(store.getByExternalId("ext-1").map((found) => found.scimId)).toEqual(["1"]);
    expect(store.getByExternalId("EXT-1")).toEqual([]);
  });

  it("keeps every user that shares an externalId (RFC 7643 §3.1: not unique)", () => {
    const store = new UserStore();
    store.put(user("1", "a", "shared"));
    store.put(user("2", "b", "shared"));
    expect(store.getByExternalId("shared").map((found) => found.scimId)).toEqual(["1", "2"]);
    store.delete("1");
    expect(store.getByExternalId("shared").map((found) => found.scimId)).toEqual(["2"]);
  });

  it("re-indexes a user whose userName and externalId change", () => {
    const store = new UserStore();
    store.put(user("1", "old", "ext-old"));
    store.put(user("1", "new", "ext-new"));
    expect(store.getByUserName("old")).toBeUndefined();
    expect(store.getByExternalId("ext-old")).toEqual([]);
    expect(store.getByUserName("NEW")?.scimId).toBe("1");
    expect(store.getByExternalId("ext-new")).toHaveLength(1);
    expect(store.size).toBe(1);
  });

  it("reads an externalId whatever the case of its key", () => {
    const store = new UserStore();
    const stored = user("1", "a");
    stored.resource = { userName: "a", ExternalID: "ext" };
    store.put(stored);
    expect(store.getByExternalId("ext")).toHaveLength(1);
  });

  it.each([
    ["the same userName", "ada", undefined, true],
    ["the userName in another case", "ADA", undefined, true],
    ["its own userName", "ada", "1", false],
    ["a free userName", "grace", undefined, false],
  ])("answers 409 uniqueness for %s only when another user holds it", (_, userName, except, throws) => {
    const store = new UserStore();
    store.put(user("1", "ada"));
    const check = () => store.assertUserNameFree(userName, except);
    if (throws) expect(check).toThrow(expect.objectContaining({ status: 409, scimType: "uniqueness" }));
    else expect(check).not.toThrow();
  });

  it("forgets everything on clear", () => {
    const store = new UserStore();
    store.put(user("1", "ada", "ext"));
    store.clear();
    expect([store.size, store.getByUserName("ada"), store.getByExternalId("ext")]).toEqual([
      0,
      undefined,
      [],
    ]);
  });
});

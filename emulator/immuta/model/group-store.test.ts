import { describe, expect, it } from "vitest";
import { GroupStore, type ImmutaGroup } from "./group-store.ts";

function group(scimId: string, displayName: string, members: string[] = []): ImmutaGroup {
  return {
    scimId,
    immutaId: 1,
    iamid: "entra",
    displayName,
    resource: {},
    members: new Set(members),
    memberDisplays: new Map(),
    created: "2024-01-01T00:00:00.000Z",
    lastModified: "2024-01-01T00:00:00.000Z",
    version: 1,
  };
}

describe("GroupStore", () => {
  it("finds a group by displayName in any case, and follows a rename", () => {
    const store = new GroupStore();
    store.put(group("1", "Data Stewards"));
    expect(store.getByDisplayName("data stewards")?.scimId).toBe("1");
    store.put(group("1", "Stewards"));
    expect(store.getByDisplayName("Data Stewards")).toBeUndefined();
    expect(store.getByDisplayName("STEWARDS")?.scimId).toBe("1");
  });

  it("answers 409 uniqueness when another group holds the name", () => {
    const store = new GroupStore();
    store.put(group("1", "Admins"));
    expect(() => store.assertNameFree("admins")).toThrow(
      expect.objectContaining({ status: 409, scimType: "uniqueness" }),
    );
    expect(() => store.assertNameFree("admins", "1")).not.toThrow();
  });

  it("drops a user from every group, and only the groups that change get a new version", () => {
    const store = new GroupStore();
    store.put(group("1", "A", ["u1", "u2"]));
    store.put(group("2", "B", ["u1"]));
    store.put(group("3", "C", ["u2"]));
    const before = [...store.all()].map((stored) => stored.version);
    store.removeMember("u1", "2026-01-02T00:00:00.000Z");
    expect([...store.all()].map((stored) => [...stored.members])).toEqual([["u2"], [], ["u2"]]);
    expect([...store.all()].map((stored) => stored.version)).toEqual([
      before[0]! + 1,
      before[1]! + 1,
      before[2],
    ]);
    expect(store.get("3")?.lastModified).not.toBe("2026-01-02T00:00:00.000Z");
  });

  it("forgets a deleted group and its name", () => {
    const store = new GroupStore();
    store.put(group("1", "A"));
    expect(store.delete("1")).toBe(true);
    expect(store.delete("1")).toBe(false);
    expect([store.get("1"), store.getByDisplayName("A"), store.size]).toEqual([undefined, undefined, 0]);
  });
});

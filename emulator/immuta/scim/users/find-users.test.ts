import { describe, expect, it } from "vitest";
import { parseFilter } from "../../../scim/index.ts";
import { URN } from "../../../scim/index.ts";
import { ImmutaState } from "../../model/immuta-state.ts";
import { renderUser } from "./render-user.ts";
import { findUsersPage } from "./find-users.ts";
import { createUser } from "./user-service.ts";
import type { ImmutaUser } from "../../model/user-store.ts";

function world(size: number) {
  let next = 0;
  const state = new ImmutaState({ iams: [{ id: "entra" }], runtime: { newId: () => `id-${next++}` } });
  const iam = state.iam("entra")!;
  for (let index = 0; index < size; index += 1) {
    createUser(state, iam, {
      schemas: [URN.user],
      userName: `user${index}@contoso.example`,
      externalId: `ext-${index % 10}`,
      active: index % 2 === 0,
    });
  }
  let renders = 0;
  const render = (user: ImmutaUser) => {
    renders += 1;
    return renderUser(user, iam.config, "http://x/scim");
  };
  const find = (filter: string) =>
    findUsersPage(iam, { filter: parseFilter(filter), render, from: 0, count: 0 }).users.map(
      (user) => user.userid,
    );
  return { find, renders: () => renders };
}

describe("findUsers", () => {
  it.each([
    ['userName eq "user7@contoso.example"', ["user7@contoso.example"], 1],
    ['userName eq "USER7@CONTOSO.EXAMPLE"', ["user7@contoso.example"], 1],
    [`${URN.user}:userName eq "user7@contoso.example"`, ["user7@contoso.example"], 1],
    ['userName eq "user8@contoso.example" and active eq true', ["user8@contoso.example"], 1],
    ['active eq false and userName eq "user8@contoso.example"', [], 1],
    ['id eq "id-3"', ["user3@contoso.example"], 1],
    [
      'userName eq "user1@contoso.example" or id eq "id-2"',
      ["user1@contoso.example", "user2@contoso.example"],
      2,
    ],
    [
      'externalId eq "ext-3" and userName sw "user13"',
      ["user133@contoso.example", "user13@contoso.example"],
      100,
    ],
    ['userName eq "nobody"', [], 0],
  ])("answers %s from the indexes, rendering only candidates", (filter, expected, renders) => {
    const { find, renders: count } = world(1000);
    expect(find(filter).sort()).toEqual(expected);
    expect(count()).toBe(renders);
  });

  it("scans, on the rendered resource, a filter no index answers", () => {
    const { find, renders } = world(20);
    expect(find('meta.resourceType eq "User" and userName sw "user1"')).toHaveLength(11);
    expect(renders()).toBe(20);
  });
});

import { beforeAll, describe, expect, it } from "../harness/case-api.ts";
import {
  createScimClient,
  entraGroupBody,
  entraUserBody,
  idsOf,
  uniqueGroupName,
  uniqueUserName,
  URNS,
  type Json,
} from "./scim-client.ts";
import type { ScimTarget } from "./scim-target.ts";

const memberValues = (group: Json): string[] =>
  ((group.members ?? []) as Json[]).map((member) => String(member.value)).sort();

/**
 * /Groups as Entra drives it
 * (https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups):
 * create empty, match by displayName with
 * `excludedAttributes=members`, membership by PATCH in both dialects (204), rename, delete.
 */
export function describeGroupsContract(target: () => ScimTarget): void {
  describe("SCIM /Groups", () => {
    const scim = createScimClient(target);
    const users: Json[] = [];
    beforeAll(async () => {
      for (let index = 0; index < 3; index += 1)
        users.push(await scim.create("/Users", entraUserBody(uniqueUserName("member"))));
    });
    const groupName = () => uniqueGroupName();
    const ids = (...indexes: number[]) => indexes.map((index) => String(users[index].id)).sort();

    it("answers 201 with the group, created without members", async () => {
      const displayName = groupName();
      const answer = await scim.post("/Groups", entraGroupBody(displayName));
      scim.remember(`/Groups/${String(answer.body?.id)}`);
      expect(answer.status).toBe(201);
      expect(answer.headers.get("content-type")).toMatch(/^application\/scim\+json/);
      expect(answer.body).toMatchObject({ displayName, meta: { resourceType: "Group" } });
      expect(answer.body.schemas).toContain(URNS.group);
      expect(answer.body.members ?? []).toEqual([]);
    });

    it("leaves members out with excludedAttributes=members, on GET and on a displayName filter", async () => {
      const displayName = groupName();
      const group = await scim.create(
        "/Groups",
        entraGroupBody(displayName, { members: [{ value: users[0].id }] }),
      );
      const read = await scim.get(`/Groups/${group.id}?excludedAttributes=members`);
      expect(read.status).toBe(200);
      expect(read.body.displayName).toBe(displayName);
      expect(read.body).not.toHaveProperty("members");
      const listed = await scim.list("/Groups", {
        excludedAttributes: "members",
        filter: `displayName eq "${displayName}"`,
      });
      expect(listed.status).toBe(200);
      expect(idsOf(listed)).toEqual([group.id]);
      expect(listed.body.Resources[0]).not.toHaveProperty("members");
    });

    it("finds a group by displayName in another case, and by id", async () => {
      const displayName = groupName();
      const group = await scim.create("/Groups", entraGroupBody(displayName));
      expect(
        idsOf(await scim.list("/Groups", { filter: `displayName eq "${displayName.toUpperCase()}"` })),
      ).toEqual([group.id]);
      expect(idsOf(await scim.list("/Groups", { filter: `id eq "${group.id}"` }))).toEqual([group.id]);
    });

    it("answers an unknown displayName with an empty ListResponse", async () => {
      const answer = await scim.list("/Groups", {
        excludedAttributes: "members",
        filter: `displayName eq "${groupName()}"`,
      });
      expect(answer.status).toBe(200);
      expect(answer.body.totalResults).toBe(0);
    });

    it.each([
      [
        "legacy Add with a value array",
        [
          {
            op: "Add",
            path: "members",
            value: [
              { $ref: null, value: "#0" },
              { $ref: null, value: "#1" },
            ],
          },
        ],
      ],
      ["RFC add", [{ op: "add", path: "members", value: [{ value: "#0" }, { value: "#1" }] }]],
      [
        "two Add operations",
        [
          { op: "Add", path: "members", value: [{ value: "#0" }] },
          { op: "Add", path: "members", value: [{ value: "#1" }] },
        ],
      ],
    ])("adds members with %s and answers 204", async (_, operations) => {
      const group = await scim.create("/Groups", entraGroupBody(groupName()));
      const resolved = JSON.parse(
        JSON.stringify(operations).replace(/"#(\d)"/g, (_m, index: string) =>
          JSON.stringify(users[Number(index)].id),
        ),
      );
      const answer = await scim.patch(`/Groups/${group.id}`, resolved);
      expect(answer.status).toBe(204);
      expect(answer.text).toBe("");
      expect(memberValues((await scim.get(`/Groups/${group.id}`)).body)).toEqual(ids(0, 1));
    });

    it.each([
      [
        "legacy Remove with a value array removes only those members",
        (id: string) => ({ op: "Remove", path: "members", value: [{ $ref: null, value: id }] }),
      ],
      [
        "flag-dialect remove with a value filter",
        (id: string) => ({ op: "remove", path: `members[value eq "${id}"]` }),
      ],
    ])("%s", async (_, removal) => {
      const group = await scim.create(
        "/Groups",
        entraGroupBody(groupName(), { members: users.map((user) => ({ value: user.id })) }),
      );
      const answer = await scim.patch(`/Groups/${group.id}`, [removal(String(users[1].id))]);
      expect(answer.status).toBe(204);
      expect(memberValues((await scim.get(`/Groups/${group.id}`)).body)).toEqual(ids(0, 2));
    });

    it("returns the members.display a POST and a PATCH add send (RFC 7643 §4.2)", async () => {
      const group = await scim.create(
        "/Groups",
        entraGroupBody(groupName(), { members: [{ value: users[0].id, display: "First" }] }),
      );
      await scim.patch(`/Groups/${group.id}`, [
        { op: "add", path: "members", value: [{ value: users[1].id, display: "Second" }] },
      ]);
      const members = ((await scim.get(`/Groups/${group.id}`)).body.members ?? []) as Json[];
      const displays = Object.fromEntries(members.map((member) => [String(member.value), member.display]));
      expect(displays).toEqual({ [String(users[0].id)]: "First", [String(users[1].id)]: "Second" });
    });

    it("removes every member with remove of members without a value", async () => {
      const group = await scim.create(
        "/Groups",
        entraGroupBody(groupName(), { members: [{ value: users[0].id }] }),
      );
      expect((await scim.patch(`/Groups/${group.id}`, [{ op: "remove", path: "members" }])).status).toBe(204);
      expect(memberValues((await scim.get(`/Groups/${group.id}`)).body)).toEqual([]);
    });

    it("renames a group with Replace displayName and finds it under the new name", async () => {
      const group = await scim.create("/Groups", entraGroupBody(groupName()));
      const renamed = groupName();
      const answer = await scim.patch(`/Groups/${group.id}`, [
        { op: "Replace", path: "displayName", value: renamed },
      ]);
      expect(answer.status).toBe(204);
      expect(idsOf(await scim.list("/Groups", { filter: `displayName eq "${renamed}"` }))).toEqual([
        group.id,
      ]);
    });

    it("answers 204 to DELETE and then 404", async () => {
      const group = await scim.create("/Groups", entraGroupBody(groupName()));
      expect((await scim.delete(`/Groups/${group.id}`)).status).toBe(204);
      const read = await scim.get(`/Groups/${group.id}`);
      expect(read.status).toBe(404);
      expect(read.body).toMatchObject({ schemas: [URNS.error], status: "404" });
    });

    it("drops a deleted user from the groups it was in", async () => {
      const user = await scim.create("/Users", entraUserBody(uniqueUserName("leaver")));
      const group = await scim.create(
        "/Groups",
        entraGroupBody(groupName(), { members: [{ value: user.id }, { value: users[0].id }] }),
      );
      await scim.delete(`/Users/${user.id}`);
      expect(memberValues((await scim.get(`/Groups/${group.id}`)).body)).toEqual(ids(0));
    });
  });
}

import { describe, expect, it } from "vitest";
import { ImmutaClient, entraIam, pluck } from "./support/immuta-client.ts";

/** entra: Analysts (alice, bob), Admins (bob), Auditors; okta: Analytics (frank). */
async function groups(): Promise<ImmutaClient> {
  const client = new ImmutaClient([entraIam(), entraIam({ id: "okta" })]);
  const alice = await client.createUser("alice@contoso.com", { displayName: "Alice" });
  const bob = await client.createUser("bob@contoso.com", { active: false });
  const frank = await client.createUser("frank@okta.example", {}, "okta");
  await client.createGroup("Analysts", [alice, bob]);
  await client.createGroup("Admins", [bob]);
  await client.createGroup("Auditors");
  await client.createGroup("Analytics", [frank], "okta");
  return client;
}

const names = (reply: { body: { hits: { name: string }[] } }) => reply.body.hits.map((hit) => hit.name);

describe("GET /bim/group", () => {
  it("returns {hits, count} of every group in id order", async () => {
    const client = await groups();
    const reply = await client.api("GET", "/bim/group");
    expect(reply.status).toBe(200);
    expect(reply.body.count).toBe(4);
    expect(names(reply)).toEqual(["Analysts", "Admins", "Auditors", "Analytics"]);
    expect(reply.body.hits[0]).toMatchObject({
      id: 1,
      iamid: "entra",
      name: "Analysts",
      authorizations: {},
      scimid: expect.any(String),
      scim: { displayName: "Analysts" },
    });
  });

  it.each([
    ["name=ANAL", ["Analysts", "Analytics"]],
    ["name=anal&iamid=okta", ["Analytics"]],
    ["iamid=entra&size=2", ["Analysts", "Admins"]],
    ["iamid=entra&size=2&offset=2", ["Auditors"]],
    ["offset=10", []],
    ["sortField=name", ["Admins", "Analysts", "Analytics", "Auditors"]],
    ["sortField=name&sortOrder=desc", ["Auditors", "Analytics", "Analysts", "Admins"]],
    ["userId=bob@contoso.com", ["Analysts", "Admins"]],
    ["userId=nobody", []],
  ])("answers %s", async (query, expected) => {
    const client = await groups();
    const reply = await client.api("GET", `/bim/group?${query}`);
    expect(reply.status).toBe(200);
    expect(names(reply)).toEqual(expected);
  });

  it("counts all matches, not the page", async () => {
    const client = await groups();
    expect((await client.api("GET", "/bim/group?size=1")).body.count).toBe(4);
  });

  it.each(["size=0", "offset=-3", "sortField=members", "sortOrder=sideways"])(
    "answers 400 for %s",
    async (query) => {
      const client = await groups();
      expect((await client.api("GET", `/bim/group?${query}`)).status).toBe(400);
    },
  );

  it("answers 404 for an unknown iamid", async () => {
    const client = await groups();
    expect((await client.api("GET", "/bim/group?iamid=ldap")).status).toBe(404);
  });
});

describe("GET /bim/group/{groupId}", () => {
  it("returns the group", async () => {
    const client = await groups();
    const reply = await client.api("GET", "/bim/group/4");
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: 4, iamid: "okta", name: "Analytics", memberCount: 1 });
  });

  it.each(["99", "Analysts", "-1", "1.0"])("answers 404 for %s", async (groupId) => {
    const client = await groups();
    const reply = await client.api("GET", `/bim/group/${groupId}`);
    expect(reply.status).toBe(404);
    expect(reply.body.statusCode).toBe(404);
  });

  it("answers 404 once SCIM deleted the group", async () => {
    const client = await groups();
    const scimId = (await client.api("GET", "/bim/group/3")).body.scimid as string;
    expect((await client.scim("DELETE", `/Groups/${scimId}`)).status).toBe(204);
    expect((await client.api("GET", "/bim/group/3")).status).toBe(404);
  });
});

describe("GET /bim/group/{groupId}/user", () => {
  it("lists the members, disabled ones included", async () => {
    const client = await groups();
    const reply = await client.api("GET", "/bim/group/1/user");
    expect(reply.status).toBe(200);
    expect(reply.body.count).toBe(2);
    expect(reply.body.hits).toEqual([
      expect.objectContaining({
        id: 1,
        userid: "alice@contoso.com",
        name: "Alice",
        disabled: false,
        groupId: 1,
      }),
      expect.objectContaining({ id: 2, userid: "bob@contoso.com", disabled: true, groupId: 1 }),
    ]);
  });

  it("pages with size and offset", async () => {
    const client = await groups();
    const reply = await client.api("GET", "/bim/group/1/user?size=1&offset=1");
    expect(pluck(reply.body.hits, "userid")).toEqual(["bob@contoso.com"]);
    expect(reply.body.count).toBe(2);
  });

  it("answers an empty list for a group without members", async () => {
    const client = await groups();
    expect((await client.api("GET", "/bim/group/3/user")).body).toEqual({ hits: [], count: 0 });
  });

  it("answers 404 for an unknown group", async () => {
    const client = await groups();
    expect((await client.api("GET", "/bim/group/42/user")).status).toBe(404);
  });
});

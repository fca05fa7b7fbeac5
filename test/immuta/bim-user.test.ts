import { describe, expect, it } from "vitest";
import { CUSTOM, ImmutaClient, entraIam, pluck } from "./support/immuta-client.ts";

/** Five users in `entra` (carol disabled) and one in `okta`. */
async function population(): Promise<ImmutaClient> {
  const client = new ImmutaClient([entraIam(), entraIam({ id: "okta", displayName: "Okta" })]);
  const people = [
    ["alice@contoso.com", "Alice Smith"],
    ["bob@contoso.com", "Bob Jones"],
    ["carol@contoso.com", "Carol White"],
    ["dave@fabrikam.com", "Dave Brown"],
    ["erin@contoso.com", "Erin Green"],
  ] as const;
  for (const [userName, displayName] of people) {
    await client.createUser(userName, {
      displayName,
      emails: [{ value: userName.toUpperCase(), type: "work", primary: true }],
      active: userName !== "carol@contoso.com",
      [CUSTOM]: { zipcode: "98052" },
    });
  }
  await client.createUser("frank@okta.example", { displayName: "Frank" }, "okta");
  return client;
}

const userids = (reply: { body: { hits: { userid: string }[] } }) => reply.body.hits.map((hit) => hit.userid);

describe("GET /bim/iam", () => {
  it("lists every IAM as {id, displayName, type, oauth}", async () => {
    const client = await population();
    const reply = await client.api("GET", "/bim/iam");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual([
      { id: "entra", displayName: "Microsoft Entra ID", type: "saml", oauth: false },
      { id: "okta", displayName: "Okta", type: "saml", oauth: false },
    ]);
  });
});

describe("GET /bim/user", () => {
  it("returns {hits, count} of enabled users in Immuta id order by default", async () => {
    const client = await population();
    const reply = await client.api("GET", "/bim/user");
    expect(reply.status).toBe(200);
    expect(reply.body.count).toBe(5);
    expect(userids(reply)).toEqual([
      "alice@contoso.com",
      "bob@contoso.com",
      "dave@fabrikam.com",
      "erin@contoso.com",
      "frank@okta.example",
    ]);
    expect(reply.body.hits[0]).toMatchObject({
      id: 1,
      iamid: "entra",
      userid: "alice@contoso.com",
      disabled: false,
      profile: { name: "Alice Smith", email: "ALICE@CONTOSO.COM" },
      iamAuthorizations: { "entraid_attributes.zipcode": ["98052"] },
      bimAuthorizations: {},
      authorizations: { "entraid_attributes.zipcode": ["98052"] },
    });
  });

  it("includes disabled users with includeDisabled=true", async () => {
    const client = await population();
    const reply = await client.api("GET", "/bim/user?includeDisabled=true");
    expect(reply.body.count).toBe(6);
    expect(userids(reply)).toContain("carol@contoso.com");
    expect(
      (reply.body.hits as { userid: string; disabled: boolean }[]).find(
        (hit) => hit.userid === "carol@contoso.com",
      )?.disabled,
    ).toBe(true);
  });

  it.each([
    ["size=2", ["alice@contoso.com", "bob@contoso.com"]],
    ["size=2&offset=2", ["dave@fabrikam.com", "erin@contoso.com"]],
    ["size=2&offset=4", ["frank@okta.example"]],
    ["offset=5", []],
    ["offset=50", []],
  ])("pages with %s while count stays the total", async (query, expected) => {
    const client = await population();
    const reply = await client.api("GET", `/bim/user?${query}`);
    expect(reply.status).toBe(200);
    expect(userids(reply)).toEqual(expected);
    expect(reply.body.count).toBe(5);
  });

  it("returns 25 hits by default", async () => {
    const client = new ImmutaClient();
    for (let index = 0; index < 30; index += 1) await client.createUser(`user${index}@contoso.com`);
    const reply = await client.api("GET", "/bim/user");
    expect(reply.body.hits).toHaveLength(25);
    expect(reply.body.count).toBe(30);
  });

  it.each([
    ["userid=CONTOSO", 3],
    ["userid=alice", 1],
    ["email=fabrikam.COM", 1],
    ["name=smith", 1],
    ["name=o", 2],
    ["iamid=okta", 1],
    ["iamid=entra", 4],
    ["iamid=entra&includeDisabled=true", 5],
    ["userid=contoso&name=green", 1],
    ["userid=nobody", 0],
  ])("filters with %s (partial, case-insensitive)", async (query, count) => {
    const client = await population();
    const reply = await client.api("GET", `/bim/user?${query}`);
    expect(reply.status).toBe(200);
    expect(reply.body.count).toBe(count);
    expect(reply.body.hits).toHaveLength(count);
  });

  it.each([
    [
      "sortField=name",
      ["alice@contoso.com", "bob@contoso.com", "dave@fabrikam.com", "erin@contoso.com", "frank@okta.example"],
    ],
    [
      "sortField=name&sortOrder=desc",
      ["frank@okta.example", "erin@contoso.com", "dave@fabrikam.com", "bob@contoso.com", "alice@contoso.com"],
    ],
    [
      "sortField=iamid&sortOrder=desc",
      ["frank@okta.example", "alice@contoso.com", "bob@contoso.com", "dave@fabrikam.com", "erin@contoso.com"],
    ],
    [
      "sortField=createdAt&sortOrder=desc",
      ["frank@okta.example", "erin@contoso.com", "dave@fabrikam.com", "bob@contoso.com", "alice@contoso.com"],
    ],
    [
      "sortField=username",
      ["alice@contoso.com", "bob@contoso.com", "dave@fabrikam.com", "erin@contoso.com", "frank@okta.example"],
    ],
  ])("sorts with %s", async (query, expected) => {
    const client = await population();
    expect(userids(await client.api("GET", `/bim/user?${query}`))).toEqual(expected);
  });

  it.each([
    "size=0",
    "size=-1",
    "size=abc",
    "size=1.5",
    "offset=-1",
    "offset=x",
    "size=99999999999999999999",
    "includeDisabled=yes",
    "sortField=password",
    "sortOrder=up",
  ])("answers 400 for %s", async (query) => {
    const client = await population();
    const reply = await client.api("GET", `/bim/user?${query}`);
    expect(reply.status).toBe(400);
    expect(reply.body.statusCode).toBe(400);
  });

  it("answers 404 for an unknown iamid", async () => {
    const client = await population();
    expect((await client.api("GET", "/bim/user?iamid=ldap")).status).toBe(404);
  });
});

describe("GET /bim/iam/{iamid}/user/{userid}", () => {
  it.each([
    ["the userName", "alice@contoso.com"],
    ["the userName in another case", "ALICE@Contoso.com"],
    ["the numeric id", "1"],
  ])("finds the user by %s", async (_label, userid) => {
    const client = await population();
    const user = await client.immutaUser(userid);
    expect(user).toMatchObject({ id: 1, userid: "alice@contoso.com", iamid: "entra" });
    expect(user.profile.scim).toMatchObject({
      userName: "alice@contoso.com",
      [CUSTOM]: { zipcode: "98052" },
    });
  });

  it.each([
    ["an unknown IAM", "/bim/iam/ldap/user/alice@contoso.com"],
    ["an unknown user", "/bim/iam/entra/user/zoe@contoso.com"],
    ["a user of another IAM", "/bim/iam/entra/user/frank@okta.example"],
    ["an unknown numeric id", "/bim/iam/entra/user/999"],
    ["the id of a user in another IAM", "/bim/iam/entra/user/6"],
  ])("answers 404 for %s", async (_label, path) => {
    const client = await population();
    const reply = await client.api("GET", path);
    expect(reply.status).toBe(404);
    expect(reply.body.statusCode).toBe(404);
  });

  it("keeps a user deleted over SCIM, disabled, under the default deleteUser=deactivate", async () => {
    const client = new ImmutaClient();
    const id = await client.createUser("alice@contoso.com");
    expect((await client.scim("DELETE", `/Users/${id}`)).status).toBe(204);
    expect((await client.immutaUser("alice@contoso.com")).disabled).toBe(true);
  });
});

describe("PUT /bim/iam/{iamid}/user/{userid}/disable/{disable}", () => {
  it("disables and enables the user, which moves it in and out of the default search", async () => {
    const client = await population();
    const disabled = await client.api("PUT", "/bim/iam/entra/user/alice@contoso.com/disable/true");
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expect(userids(await client.api("GET", "/bim/user"))).not.toContain("alice@contoso.com");
    const enabled = await client.api("PUT", "/bim/iam/entra/user/1/disable/false");
    expect(enabled.body.disabled).toBe(false);
    expect(userids(await client.api("GET", "/bim/user"))).toContain("alice@contoso.com");
  });

  it("leaves the SCIM resource's active alone", async () => {
    const client = new ImmutaClient();
    const id = await client.createUser("alice@contoso.com");
    await client.api("PUT", "/bim/iam/entra/user/alice@contoso.com/disable/true");
    expect((await client.scim("GET", `/Users/${id}`)).body.active).toBe(true);
  });

  it.each([
    ["yes", 400],
    ["TRUE", 400],
    ["1", 400],
  ])("answers %s with %i", async (value, status) => {
    const client = await population();
    expect((await client.api("PUT", `/bim/iam/entra/user/alice@contoso.com/disable/${value}`)).status).toBe(
      status,
    );
  });

  it("answers 404 for an unknown user", async () => {
    const client = await population();
    expect((await client.api("PUT", "/bim/iam/entra/user/zoe@contoso.com/disable/true")).status).toBe(404);
  });
});

describe("GET /bim/iam/{iamid}/user/{userid}/groups", () => {
  it("lists the groups the user is a member of", async () => {
    const client = new ImmutaClient();
    const alice = await client.createUser("alice@contoso.com");
    const bob = await client.createUser("bob@contoso.com");
    await client.createGroup("Analysts", [alice, bob]);
    await client.createGroup("Admins", [bob]);
    await client.createGroup("Empty");
    const reply = await client.api("GET", "/bim/iam/entra/user/alice@contoso.com/groups");
    expect(reply.status).toBe(200);
    expect(reply.body.count).toBe(1);
    expect(pluck(reply.body.hits, "name")).toEqual(["Analysts"]);
    const bobs = await client.api("GET", "/bim/iam/entra/user/bob@contoso.com/groups");
    expect(pluck(bobs.body.hits, "name")).toEqual(["Analysts", "Admins"]);
    expect((await client.immutaUser("bob@contoso.com")).groups).toEqual([1, 2]);
  });

  it("answers 404 for an unknown user", async () => {
    const client = new ImmutaClient();
    expect((await client.api("GET", "/bim/iam/entra/user/zoe/groups")).status).toBe(404);
  });
});

import { describe, expect, it } from "vitest";
import { CUSTOM, ImmutaClient, USER_SCHEMA, entraIam } from "./support/immuta-client.ts";

const ALICE = "/bim/iam/entra/user/alice@contoso.com";

async function withAlice(zipcode = "98052"): Promise<{ client: ImmutaClient; id: string }> {
  const client = new ImmutaClient();
  const id = await client.createUser("alice@contoso.com", { [CUSTOM]: { zipcode } });
  return { client, id };
}

describe("PUT /bim/iam/{iamid}/user/{userid}/authorizations/{key}/{value}", () => {
  it("adds the value to bimAuthorizations and answers with the aggregated user", async () => {
    const { client } = await withAlice();
    const reply = await client.api("PUT", `${ALICE}/authorizations/department/Finance`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      userid: "alice@contoso.com",
      iamAuthorizations: { "entraid_attributes.zipcode": ["98052"] },
      bimAuthorizations: { department: ["Finance"] },
      authorizations: { department: ["Finance"], "entraid_attributes.zipcode": ["98052"] },
    });
    expect(await client.immutaUser("alice@contoso.com")).toMatchObject({
      bimAuthorizations: reply.body.bimAuthorizations,
    });
  });

  it("keeps values unique and in the order they were added", async () => {
    const { client } = await withAlice();
    for (const value of ["b", "a", "b"]) await client.api("PUT", `${ALICE}/authorizations/k/${value}`);
    expect((await client.immutaUser("alice@contoso.com")).bimAuthorizations).toEqual({ k: ["b", "a"] });
  });

  it("makes authorizations the per-key union of IAM and Immuta-set values", async () => {
    const { client } = await withAlice();
    await client.api("PUT", `${ALICE}/authorizations/entraid_attributes.zipcode/10001`);
    await client.api("PUT", `${ALICE}/authorizations/entraid_attributes.zipcode/98052`);
    const user = await client.immutaUser("alice@contoso.com");
    expect(user.iamAuthorizations).toEqual({ "entraid_attributes.zipcode": ["98052"] });
    expect(user.bimAuthorizations).toEqual({ "entraid_attributes.zipcode": ["10001", "98052"] });
    expect(user.authorizations).toEqual({ "entraid_attributes.zipcode": ["98052", "10001"] });
  });

  it.each([
    ["a slash", "a%2Fb", "c%2Fd", "a/b", "c/d"],
    ["a percent sign", "100%25", "50%25", "100%", "50%"],
    ["spaces and an ampersand", "Data%2C%20Digital", "R%26D%20Team", "Data, Digital", "R&D Team"],
    ["non-ASCII", "caf%C3%A9", "%E2%9C%93", "café", "✓"],
    ["dots", "profile.country", "U.S.", "profile.country", "U.S."],
    ["a plus sign (not a space in a path)", "a%2Bb", "1+1", "a+b", "1+1"],
  ])("URL-decodes a key and value with %s", async (_label, rawKey, rawValue, key, value) => {
    const { client } = await withAlice();
    const reply = await client.api("PUT", `${ALICE}/authorizations/${rawKey}/${rawValue}`);
    expect(reply.status).toBe(200);
    expect(reply.body.bimAuthorizations).toEqual({ [key]: [value] });
    const removed = await client.api("DELETE", `${ALICE}/authorizations/${rawKey}/${rawValue}`);
    expect(removed.body.bimAuthorizations).toEqual({});
  });

  it.each(["__proto__", "constructor", "toString", "hasOwnProperty", "prototype"])(
    "stores the key %s as data and round-trips it",
    async (key) => {
      const { client } = await withAlice();
      const reply = await client.api("PUT", `${ALICE}/authorizations/${key}/${key}`);
      expect(reply.status).toBe(200);
      expect(Object.keys(reply.body.bimAuthorizations)).toEqual([key]);
      expect(Object.hasOwn(reply.body.authorizations, key)).toBe(true);
      const user = await client.immutaUser("alice@contoso.com");
      expect(Object.getOwnPropertyDescriptor(user.bimAuthorizations, key)?.value).toEqual([key]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const removed = await client.api("DELETE", `${ALICE}/authorizations/${key}`);
      expect(Object.keys(removed.body.bimAuthorizations)).toEqual([]);
    },
  );

  it("creates a key with no values from a key-only PUT, keeping existing values", async () => {
    const { client } = await withAlice();
    expect((await client.api("PUT", `${ALICE}/authorizations/flag`)).body.bimAuthorizations).toEqual({
      flag: [],
    });
    await client.api("PUT", `${ALICE}/authorizations/flag/on`);
    const again = await client.api("PUT", `${ALICE}/authorizations/flag`);
    expect(again.body.bimAuthorizations).toEqual({ flag: ["on"] });
    expect(again.body.authorizations.flag).toEqual(["on"]);
  });

  it("finds the user by numeric id as well", async () => {
    const { client } = await withAlice();
    const reply = await client.api("PUT", "/bim/iam/entra/user/1/authorizations/k/v");
    expect(reply.body).toMatchObject({ userid: "alice@contoso.com", bimAuthorizations: { k: ["v"] } });
  });

  it.each([
    ["an unknown IAM", "/bim/iam/ldap/user/alice@contoso.com/authorizations/k/v", 404],
    ["an unknown user", "/bim/iam/entra/user/zoe@contoso.com/authorizations/k/v", 404],
    ["an unknown group", "/bim/iam/entra/group/7/authorizations/k/v", 404],
    ["a modelType that is neither user nor group", "/bim/iam/entra/project/1/authorizations/k/v", 400],
    ["a key that is not valid percent-encoding", `${ALICE}/authorizations/%E0%A4%A/v`, 400],
    ["a value that is not valid percent-encoding", `${ALICE}/authorizations/k/%ZZ`, 400],
    ["an empty key", `${ALICE}/authorizations//v`, 404],
    ["an extra segment", `${ALICE}/authorizations/k/v/w`, 404],
  ])("answers a PUT with %s with %i", async (_label, path, status) => {
    const { client } = await withAlice();
    const reply = await client.api("PUT", path);
    expect(reply.status).toBe(status);
    expect(reply.body.statusCode).toBe(status);
    expect((await client.immutaUser("alice@contoso.com")).bimAuthorizations).toEqual({});
  });
});

describe("DELETE /bim/iam/{iamid}/user/{userid}/authorizations/{key}[/{value}]", () => {
  it("removes one value, then the key with its last value", async () => {
    const { client } = await withAlice();
    await client.api("PUT", `${ALICE}/authorizations/k/a`);
    await client.api("PUT", `${ALICE}/authorizations/k/b`);
    expect((await client.api("DELETE", `${ALICE}/authorizations/k/a`)).body.bimAuthorizations).toEqual({
      k: ["b"],
    });
    expect((await client.api("DELETE", `${ALICE}/authorizations/k/b`)).body.bimAuthorizations).toEqual({});
  });

  it("removes the whole key without a value", async () => {
    const { client } = await withAlice();
    await client.api("PUT", `${ALICE}/authorizations/k/a`);
    await client.api("PUT", `${ALICE}/authorizations/k/b`);
    await client.api("PUT", `${ALICE}/authorizations/other/x`);
    const reply = await client.api("DELETE", `${ALICE}/authorizations/k`);
    expect(reply.status).toBe(200);
    expect(reply.body.bimAuthorizations).toEqual({ other: ["x"] });
  });

  it.each([
    ["a value that is not there", "k/zzz"],
    ["a key that is not there", "nope"],
  ])("succeeds without change for %s", async (_label, suffix) => {
    const { client } = await withAlice();
    await client.api("PUT", `${ALICE}/authorizations/k/a`);
    const reply = await client.api("DELETE", `${ALICE}/authorizations/${suffix}`);
    expect(reply.status).toBe(200);
    expect(reply.body.bimAuthorizations).toEqual({ k: ["a"] });
  });

  it("under the default bimRemoveIamValue=bim-only, leaves an IAM value effective", async () => {
    const { client } = await withAlice();
    await client.api("PUT", `${ALICE}/authorizations/entraid_attributes.zipcode/98052`);
    const reply = await client.api("DELETE", `${ALICE}/authorizations/entraid_attributes.zipcode/98052`);
    expect(reply.status).toBe(200);
    expect(reply.body.bimAuthorizations).toEqual({});
    expect(reply.body.authorizations).toEqual({ "entraid_attributes.zipcode": ["98052"] });
  });
});

describe("Immuta-set attributes and SCIM writes", () => {
  it.each([
    [
      "a PATCH replace of the same key",
      [{ op: "replace", path: `${CUSTOM}:zipcode`, value: "10001" }],
      ["10001"],
    ],
    ["a PATCH remove of the same key", [{ op: "remove", path: `${CUSTOM}:zipcode` }], undefined],
    [
      "a PATCH of an unrelated attribute",
      [{ op: "replace", path: "displayName", value: "Alice" }],
      ["98052"],
    ],
    ["a PATCH that disables the user", [{ op: "replace", path: "active", value: false }], ["98052"]],
  ])("keep their values across %s", async (_label, operations, iamValues) => {
    const { client, id } = await withAlice();
    await client.api("PUT", `${ALICE}/authorizations/entraid_attributes.zipcode/manual`);
    await client.api("PUT", `${ALICE}/authorizations/clearance/secret`);
    expect((await client.patchUser(id, operations)).status).toBeLessThan(300);
    const user = await client.immutaUser("alice@contoso.com");
    expect(user.bimAuthorizations).toEqual({
      clearance: ["secret"],
      "entraid_attributes.zipcode": ["manual"],
    });
    expect(user.iamAuthorizations["entraid_attributes.zipcode"]).toEqual(iamValues);
    expect(user.authorizations).toEqual({
      clearance: ["secret"],
      "entraid_attributes.zipcode": [...(iamValues ?? []), "manual"],
    });
  });

  it("keep their values across a SCIM PUT that drops the extension", async () => {
    const { client, id } = await withAlice();
    await client.api("PUT", `${ALICE}/authorizations/clearance/secret`);
    const put = await client.scim("PUT", `/Users/${id}`, {
      schemas: [USER_SCHEMA],
      userName: "alice@contoso.com",
    });
    expect(put.status).toBe(200);
    const user = await client.immutaUser("alice@contoso.com");
    expect(user.iamAuthorizations).toEqual({});
    expect(user.authorizations).toEqual({ clearance: ["secret"] });
  });

  it("keep their values when a user deleted over SCIM comes back with the same userName", async () => {
    const { client, id } = await withAlice();
    await client.api("PUT", `${ALICE}/authorizations/clearance/secret`);
    await client.scim("DELETE", `/Users/${id}`);
    await client.createUser("alice@contoso.com");
    expect((await client.immutaUser("alice@contoso.com")).bimAuthorizations).toEqual({
      clearance: ["secret"],
    });
  });

  it("do not change the SCIM resource Entra reads back", async () => {
    const { client, id } = await withAlice();
    const before = await client.scim("GET", `/Users/${id}`);
    await client.api("PUT", `${ALICE}/authorizations/entraid_attributes.zipcode/manual`);
    const after = await client.scim("GET", `/Users/${id}`);
    expect(after.body).toEqual(before.body);
  });
});

describe("PUT|DELETE /bim/iam/{iamid}/group/{groupid}/authorizations/{key}[/{value}]", () => {
  it("sets and removes attributes of a group addressed by id or name", async () => {
    const client = new ImmutaClient([entraIam()]);
    await client.createGroup("Analysts");
    const added = await client.api("PUT", "/bim/iam/entra/group/1/authorizations/team/blue");
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ id: 1, name: "Analysts", authorizations: { team: ["blue"] } });
    const byName = await client.api("PUT", "/bim/iam/entra/group/analysts/authorizations/team/red");
    expect(byName.body.authorizations).toEqual({ team: ["blue", "red"] });
    expect((await client.api("GET", "/bim/group/1")).body.authorizations).toEqual({ team: ["blue", "red"] });
    const removed = await client.api("DELETE", "/bim/iam/entra/group/1/authorizations/team");
    expect(removed.body.authorizations).toEqual({});
  });

  it("answers 404 for a group of another IAM", async () => {
    const client = new ImmutaClient([entraIam(), entraIam({ id: "okta" })]);
    await client.createGroup("Analysts", [], "okta");
    expect((await client.api("PUT", "/bim/iam/entra/group/1/authorizations/k/v")).status).toBe(404);
  });
});

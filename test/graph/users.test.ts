import { describe, expect, it } from "vitest";
import { createGraphWorld, pluck } from "./graph-world.ts";

const NEW_USER = {
  accountEnabled: true,
  displayName: "Dave Brown",
  mailNickname: "dave",
  userPrincipalName: "dave@contoso.com",
  passwordProfile: { password: "x!Y2z-long-enough" },
  onPremisesExtensionAttributes: { extensionAttribute3: "E3" },
  extension_0123456789abcdef0123456789abcdef_costCenter: "CC-7",
};

describe("Graph /v1.0/users", () => {
  it("lists users as {value: [...]} with Graph property names", async () => {
    const { call } = createGraphWorld();
    const { status, json } = await call("GET", "/v1.0/users");
    expect(status).toBe(200);
    expect(pluck(json.value, "userPrincipalName")).toEqual([
      "alice@contoso.com",
      "bob@contoso.com",
      "carol@contoso.com",
    ]);
    expect(json.value[0]).toMatchObject({
      displayName: "Alice Smith",
      postalCode: "98052",
      accountEnabled: true,
    });
    expect(json.value[0].onPremisesExtensionAttributes).toHaveProperty("extensionAttribute1", null);
  });

  it.each([
    ["userPrincipalName eq 'BOB@contoso.com'", ["bob@contoso.com"]],
    ["startswith(displayName,'Ca')", ["carol@contoso.com"]],
    ["displayName eq 'Alice Smith' or mailNickname eq 'bob'", ["alice@contoso.com", "bob@contoso.com"]],
    ["not (accountEnabled eq true)", []],
  ])("filters with $filter=%s", async (filter, expected) => {
    const { call } = createGraphWorld();
    const { status, json } = await call("GET", `/v1.0/users?$filter=${encodeURIComponent(filter)}`);
    expect(status).toBe(200);
    expect(pluck(json.value, "userPrincipalName")).toEqual(expected);
  });

  it("pages with $top and a nextLink back to the fake", async () => {
    const { call } = createGraphWorld();
    const first = await call("GET", "/v1.0/users?$top=2&$select=userPrincipalName");
    expect(first.json.value).toEqual([
      { id: expect.any(String), userPrincipalName: "alice@contoso.com" },
      { id: expect.any(String), userPrincipalName: "bob@contoso.com" },
    ]);
    const next = new URL(first.json["@odata.nextLink"]);
    expect(next.origin).toBe("http://entra.synclab.test");
    const second = await call("GET", `${next.pathname}${next.search}`);
    expect(pluck(second.json.value, "userPrincipalName")).toEqual(["carol@contoso.com"]);
    expect(second.json["@odata.nextLink"]).toBeUndefined();
  });

  it.each([
    ["$top=0", "Request_BadRequest"],
    ["$top=abc", "Request_BadRequest"],
    ["$filter=displayName%20has%20'x'", "BadRequest"],
    ["$filter=displayName%20eq%20'unterminated", "BadRequest"],
  ])("answers 400 for the query %s", async (query, code) => {
    const { call } = createGraphWorld();
    const { status, json } = await call("GET", `/v1.0/users?${query}`);
    expect(status).toBe(400);
    expect(json.error.code).toBe(code);
  });

  it("gets a user by id or by userPrincipalName", async () => {
    const { call, tenant } = createGraphWorld();
    const alice = tenant.directory.user("alice@contoso.com")!;
    expect((await call("GET", `/v1.0/users/${alice.id}`)).json.userPrincipalName).toBe("alice@contoso.com");
    expect((await call("GET", "/v1.0/users/alice%40contoso.com")).json.id).toBe(alice.id);
  });

  it("answers 404 Request_ResourceNotFound for an unknown user", async () => {
    const { call } = createGraphWorld();
    const { status, json } = await call("GET", "/v1.0/users/nobody@contoso.com");
    expect(status).toBe(404);
    expect(json.error.code).toBe("Request_ResourceNotFound");
  });

  it("creates a user (201) with on-premises and directory extension attributes, and never returns the password", async () => {
    const { call } = createGraphWorld();
    const created = await call("POST", "/v1.0/users", NEW_USER);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      userPrincipalName: "dave@contoso.com",
      extension_0123456789abcdef0123456789abcdef_costCenter: "CC-7",
      onPremisesExtensionAttributes: { extensionAttribute3: "E3" },
    });
    expect(created.json).not.toHaveProperty("passwordProfile");
    const fetched = await call("GET", "/v1.0/users/dave@contoso.com");
    expect(fetched.json.id).toBe(created.json.id);
  });

  it("keeps directory extension names case-sensitive", async () => {
    const { call } = createGraphWorld();
    await call("PATCH", "/v1.0/users/alice@contoso.com", {
      extension_0123456789abcdef0123456789abcdef_costCenter: "A",
      extension_0123456789abcdef0123456789abcdef_costcenter: "B",
    });
    const { json } = await call("GET", "/v1.0/users/alice@contoso.com");
    expect(json.extension_0123456789abcdef0123456789abcdef_costCenter).toBe("A");
    expect(json.extension_0123456789abcdef0123456789abcdef_costcenter).toBe("B");
  });

  it.each([
    ["a missing displayName", { ...NEW_USER, displayName: undefined }],
    ["a missing passwordProfile", { ...NEW_USER, passwordProfile: undefined }],
    ["a userPrincipalName without a domain", { ...NEW_USER, userPrincipalName: "dave" }],
    ["a taken userPrincipalName", { ...NEW_USER, userPrincipalName: "ALICE@contoso.com" }],
    ["an unknown property", { ...NEW_USER, shoeSize: "42" }],
    ["a number for a string property", { ...NEW_USER, city: 7 }],
    ["a string for accountEnabled", { ...NEW_USER, accountEnabled: "yes" }],
    [
      "an unknown on-premises attribute",
      { ...NEW_USER, onPremisesExtensionAttributes: { extensionAttribute16: "x" } },
    ],
  ])("answers 400 Request_BadRequest to a create with %s", async (_name, body) => {
    const { call } = createGraphWorld();
    const { status, json } = await call("POST", "/v1.0/users", body);
    expect(status).toBe(400);
    expect(json.error.code).toBe("Request_BadRequest");
  });

  it.each([
    ["not JSON", "{nope"],
    ["a JSON array", "[]"],
    ["an empty body", ""],
  ])("answers 400 BadRequest to a body that is %s", async (_name, body) => {
    const { call } = createGraphWorld();
    const { status, json } = await call("POST", "/v1.0/users", body);
    expect(status).toBe(400);
    expect(json.error.code).toBe("BadRequest");
  });

  it("updates with PATCH (204); null clears a property", async () => {
    const { call } = createGraphWorld();
    expect(
      (await call("PATCH", "/v1.0/users/alice@contoso.com", { city: "Paris", postalCode: null })).status,
    ).toBe(204);
    const { json } = await call("GET", "/v1.0/users/alice@contoso.com");
    expect(json.city).toBe("Paris");
    expect(json).not.toHaveProperty("postalCode");
  });

  it("leaves the user unchanged when a PATCH is rejected", async () => {
    const { call } = createGraphWorld();
    const { status } = await call("PATCH", "/v1.0/users/alice@contoso.com", {
      city: "Paris",
      shoeSize: "42",
    });
    expect(status).toBe(400);
    expect((await call("GET", "/v1.0/users/alice@contoso.com")).json).not.toHaveProperty("city");
  });

  it("soft-deletes on DELETE: the user leaves /users and appears in deletedItems", async () => {
    const { call } = createGraphWorld();
    expect((await call("DELETE", "/v1.0/users/bob@contoso.com")).status).toBe(204);
    expect((await call("GET", "/v1.0/users/bob@contoso.com")).status).toBe(404);
    const deleted = await call("GET", "/v1.0/directory/deletedItems/microsoft.graph.user");
    expect(pluck(deleted.json.value, "userPrincipalName")).toEqual(["bob@contoso.com"]);
    expect(deleted.json.value[0].deletedDateTime).toEqual(expect.any(String));
  });

  it("sets, reads and removes a manager by $ref", async () => {
    const { call, tenant } = createGraphWorld();
    const bob = tenant.directory.user("bob@contoso.com")!;
    expect((await call("GET", "/v1.0/users/alice@contoso.com/manager")).status).toBe(404);
    const put = await call("PUT", "/v1.0/users/alice@contoso.com/manager/$ref", {
      "@odata.id": `https://graph.microsoft.com/v1.0/users/${bob.id}`,
    });
    expect(put.status).toBe(204);
    const manager = await call("GET", "/v1.0/users/alice@contoso.com/manager");
    expect(manager.json).toMatchObject({ id: bob.id, userPrincipalName: "bob@contoso.com" });
    expect((await call("DELETE", "/v1.0/users/alice@contoso.com/manager/$ref")).status).toBe(204);
    expect((await call("GET", "/v1.0/users/alice@contoso.com/manager")).status).toBe(404);
  });

  it.each([
    ["no @odata.id", {}, 400],
    ["a malformed @odata.id", { "@odata.id": "bob" }, 400],
    ["an unknown user", { "@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/nope" }, 404],
    ["the user itself", { "@odata.id": "https://graph.microsoft.com/v1.0/users/alice@contoso.com" }, 400],
  ])("refuses a manager $ref with %s", async (_name, body, status) => {
    const { call } = createGraphWorld();
    expect((await call("PUT", "/v1.0/users/alice@contoso.com/manager/$ref", body)).status).toBe(status);
  });
});

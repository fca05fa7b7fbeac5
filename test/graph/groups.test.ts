import { describe, expect, it } from "vitest";
import { createGraphWorld, pluck } from "./graph-world.ts";

const ref = (id: string) => ({ "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${id}` });
const SECURITY_GROUP = {
  displayName: "Engineers",
  mailNickname: "engineers",
  mailEnabled: false,
  securityEnabled: true,
};

describe("Graph /v1.0/groups", () => {
  it("lists, creates (201) and gets groups", async () => {
    const { call } = createGraphWorld();
    const created = await call("POST", "/v1.0/groups", SECURITY_GROUP);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ displayName: "Engineers", securityEnabled: true, groupTypes: [] });
    const list = await call("GET", "/v1.0/groups");
    expect(pluck(list.json.value, "displayName")).toEqual(["Analysts", "Engineers"]);
    expect((await call("GET", `/v1.0/groups/${created.json.id}`)).json.displayName).toBe("Engineers");
  });

  it.each([
    ["no displayName", { ...SECURITY_GROUP, displayName: undefined }],
    ["no mailNickname", { ...SECURITY_GROUP, mailNickname: undefined }],
    ["a string securityEnabled", { ...SECURITY_GROUP, securityEnabled: "true" }],
    ["groupTypes that is not a list", { ...SECURITY_GROUP, groupTypes: "Unified" }],
  ])("answers 400 Request_BadRequest to a create with %s", async (_name, body) => {
    const { call } = createGraphWorld();
    const { status, json } = await call("POST", "/v1.0/groups", body);
    expect(status).toBe(400);
    expect(json.error.code).toBe("Request_BadRequest");
  });

  it("creates a group with members@odata.bind", async () => {
    const { call, tenant } = createGraphWorld();
    const bob = tenant.directory.user("bob@contoso.com")!;
    const created = await call("POST", "/v1.0/groups", {
      ...SECURITY_GROUP,
      "members@odata.bind": [`https://graph.microsoft.com/v1.0/directoryObjects/${bob.id}`],
    });
    const members = await call("GET", `/v1.0/groups/${created.json.id}/members`);
    expect(pluck(members.json.value, "userPrincipalName")).toEqual(["bob@contoso.com"]);
  });

  it("renames with PATCH (204) and refuses unknown properties", async () => {
    const { call, tenant } = createGraphWorld();
    const id = tenant.directory.groups()[0]!.id;
    expect((await call("PATCH", `/v1.0/groups/${id}`, { displayName: "Data Analysts" })).status).toBe(204);
    expect((await call("GET", `/v1.0/groups/${id}`)).json.displayName).toBe("Data Analysts");
    expect((await call("PATCH", `/v1.0/groups/${id}`, { color: "red" })).status).toBe(400);
  });

  it("adds, lists and removes direct members by $ref", async () => {
    const { call, tenant } = createGraphWorld();
    const id = tenant.directory.groups()[0]!.id;
    const bob = tenant.directory.user("bob@contoso.com")!;
    expect((await call("POST", `/v1.0/groups/${id}/members/$ref`, ref(bob.id))).status).toBe(204);
    const members = await call("GET", `/v1.0/groups/${id}/members`);
    expect(pluck(members.json.value, "userPrincipalName")).toEqual(["alice@contoso.com", "bob@contoso.com"]);
    expect(members.json.value[0]["@odata.type"]).toBe("#microsoft.graph.user");
    expect((await call("DELETE", `/v1.0/groups/${id}/members/${bob.id}/$ref`)).status).toBe(204);
    expect((await call("GET", `/v1.0/groups/${id}/members`)).json.value).toHaveLength(1);
  });

  it("answers 400 when the member is already there, 404 when it is not", async () => {
    const { call, tenant } = createGraphWorld();
    const id = tenant.directory.groups()[0]!.id;
    const alice = tenant.directory.user("alice@contoso.com")!;
    const bob = tenant.directory.user("bob@contoso.com")!;
    const again = await call("POST", `/v1.0/groups/${id}/members/$ref`, ref(alice.id));
    expect([again.status, again.json.error.code]).toEqual([400, "Request_BadRequest"]);
    expect((await call("DELETE", `/v1.0/groups/${id}/members/${bob.id}/$ref`)).status).toBe(404);
    expect((await call("POST", `/v1.0/groups/${id}/members/$ref`, ref("nope"))).status).toBe(404);
    expect((await call("POST", `/v1.0/groups/${id}/members/$ref`, ref(id))).status).toBe(400);
  });

  it("deletes a security group for good, but a Microsoft 365 group to the recycle bin", async () => {
    const { call } = createGraphWorld();
    const security = (await call("POST", "/v1.0/groups", SECURITY_GROUP)).json.id;
    const unified = (
      await call("POST", "/v1.0/groups", {
        ...SECURITY_GROUP,
        displayName: "Team",
        mailNickname: "team",
        groupTypes: ["Unified"],
      })
    ).json.id;
    expect((await call("DELETE", `/v1.0/groups/${security}`)).status).toBe(204);
    expect((await call("DELETE", `/v1.0/groups/${unified}`)).status).toBe(204);
    const deleted = await call("GET", "/v1.0/directory/deletedItems/microsoft.graph.group");
    expect(pluck(deleted.json.value, "id")).toEqual([unified]);
    expect((await call("GET", `/v1.0/groups/${security}`)).status).toBe(404);
  });
});

describe("Graph /v1.0/directory/deletedItems", () => {
  it("restores a soft-deleted user (200) and purges another (204)", async () => {
    const { call, tenant } = createGraphWorld();
    const bob = tenant.directory.user("bob@contoso.com")!.id;
    const carol = tenant.directory.user("carol@contoso.com")!.id;
    await call("DELETE", `/v1.0/users/${bob}`);
    await call("DELETE", `/v1.0/users/${carol}`);
    expect((await call("GET", `/v1.0/directory/deletedItems/${bob}`)).json.userPrincipalName).toBe(
      "bob@contoso.com",
    );
    const restored = await call("POST", `/v1.0/directory/deletedItems/${bob}/restore`);
    expect([restored.status, restored.json.userPrincipalName]).toEqual([200, "bob@contoso.com"]);
    expect((await call("GET", `/v1.0/users/${bob}`)).status).toBe(200);
    expect((await call("DELETE", `/v1.0/directory/deletedItems/${carol}`)).status).toBe(204);
    expect(tenant.directory.purged.map((item) => item.id)).toEqual([carol]);
    expect((await call("GET", "/v1.0/directory/deletedItems/microsoft.graph.user")).json.value).toEqual([]);
  });

  it.each([
    ["GET", ""],
    ["POST", "/restore"],
    ["DELETE", ""],
  ])("answers 404 to %s of a user that is not deleted", async (method, suffix) => {
    const { call, tenant } = createGraphWorld();
    const alice = tenant.directory.user("alice@contoso.com")!.id;
    const { status, json } = await call(method, `/v1.0/directory/deletedItems/${alice}${suffix}`);
    expect(status).toBe(404);
    expect(json.error.code).toBe("Request_ResourceNotFound");
  });
});

import { describe, expect, it } from "vitest";
import { CUSTOM, GROUP_SCHEMA, ImmutaClient, USER_SCHEMA } from "./support/immuta-client.ts";

const EXTENSION_SCHEMAS = { schemas: [CUSTOM], zipcode: "98052" };

/** Gaps public SCIM compliance suites found in the fake Immuta's own SCIM server. */
describe("fake Immuta SCIM compliance", () => {
  describe("a `schemas` key inside an extension object", () => {
    it.each([
      [
        "POST",
        async (client: ImmutaClient) =>
          client.createUser("alice@contoso.com", { [CUSTOM]: EXTENSION_SCHEMAS }),
      ],
      [
        "PUT",
        async (client: ImmutaClient) => {
          const id = await client.createUser("alice@contoso.com");
          await client.scim("PUT", `/Users/${id}`, {
            schemas: [USER_SCHEMA, CUSTOM],
            userName: "alice@contoso.com",
            [CUSTOM]: EXTENSION_SCHEMAS,
          });
          return id;
        },
      ],
      [
        "PATCH without path",
        async (client: ImmutaClient) => {
          const id = await client.createUser("alice@contoso.com");
          await client.patchUser(id, [{ op: "add", value: { [CUSTOM]: EXTENSION_SCHEMAS } }]);
          return id;
        },
      ],
      [
        "PATCH of the whole extension",
        async (client: ImmutaClient) => {
          const id = await client.createUser("alice@contoso.com");
          await client.patchUser(id, [{ op: "replace", path: CUSTOM, value: EXTENSION_SCHEMAS }]);
          return id;
        },
      ],
    ])("is neither stored, echoed nor projected after %s", async (_, write) => {
      const client = new ImmutaClient();
      const id = await write(client);
      expect((await client.scim("GET", `/Users/${id}`)).body[CUSTOM]).toEqual({ zipcode: "98052" });
      const user = await client.immutaUser("alice@contoso.com");
      expect(user.iamAuthorizations).toEqual({ "entraid_attributes.zipcode": ["98052"] });
      expect(user.profile.scim[CUSTOM]).toEqual({ zipcode: "98052" });
    });
  });

  describe("group members.display", () => {
    const membersOf = async (client: ImmutaClient, id: string) =>
      ((await client.scim("GET", `/Groups/${id}`)).body.members as { value: string; display?: string }[]).map(
        ({ value, display }) => ({ value, display }),
      );

    it("keeps the display a POST sends and returns it", async () => {
      const client = new ImmutaClient();
      const alice = await client.createUser("alice@contoso.com");
      const created = await client.scim("POST", "/Groups", {
        schemas: [GROUP_SCHEMA],
        displayName: "Sales",
        members: [{ value: alice, display: "Alice" }],
      });
      expect(created.body.members).toEqual([expect.objectContaining({ value: alice, display: "Alice" })]);
      expect(await membersOf(client, created.body.id as string)).toEqual([
        { value: alice, display: "Alice" },
      ]);
    });

    it("keeps the display a PUT sends", async () => {
      const client = new ImmutaClient();
      const alice = await client.createUser("alice@contoso.com");
      const group = await client.createGroup("Sales", [alice]);
      const put = await client.scim("PUT", `/Groups/${group}`, {
        schemas: [GROUP_SCHEMA],
        displayName: "Sales",
        members: [{ value: alice, display: "Alice" }],
      });
      expect(put.status).toBe(200);
      expect(await membersOf(client, group)).toEqual([{ value: alice, display: "Alice" }]);
    });

    it("keeps the display a PATCH add sends and drops it with the member", async () => {
      const client = new ImmutaClient();
      const alice = await client.createUser("alice@contoso.com");
      const bob = await client.createUser("bob@contoso.com");
      const group = await client.createGroup("Sales", [alice]);
      const patch = (operations: unknown[]) =>
        client.scim("PATCH", `/Groups/${group}`, {
          schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          Operations: operations,
        });
      expect(
        (await patch([{ op: "add", path: "members", value: [{ value: bob, display: "Bob" }] }])).status,
      ).toBe(204);
      expect(await membersOf(client, group)).toEqual([
        { value: alice, display: undefined },
        { value: bob, display: "Bob" },
      ]);
      await patch([{ op: "remove", path: `members[value eq "${bob}"]` }]);
      await patch([{ op: "add", path: "members", value: [{ value: bob }] }]);
      expect(await membersOf(client, group)).toEqual([
        { value: alice, display: undefined },
        { value: bob, display: undefined },
      ]);
    });
  });

  describe("the custom extension in /Schemas", () => {
    it("declares the attributes stored users carry under it, typed by their values", async () => {
      const client = new ImmutaClient();
      await client.createUser("alice@contoso.com", {
        [CUSTOM]: { zipcode: "98052", skills: ["sql"], level: 3 },
      });
      await client.createUser("bob@contoso.com", { [CUSTOM]: { zipcode: "10001", vip: true } });
      const schema = await client.scim("GET", `/Schemas/${CUSTOM}`);
      expect(schema.status).toBe(200);
      const attributes = schema.body.attributes as Record<string, unknown>[];
      expect(attributes.map(({ name, type, multiValued }) => [name, type, multiValued])).toEqual([
        ["zipcode", "string", false],
        ["skills", "string", true],
        ["level", "integer", false],
        ["vip", "boolean", false],
      ]);
      expect(attributes[0]).toMatchObject({ required: false, mutability: "readWrite", returned: "default" });
    });

    it("declares none while no user carries the extension", async () => {
      const client = new ImmutaClient();
      await client.createUser("alice@contoso.com");
      expect((await client.scim("GET", `/Schemas/${CUSTOM}`)).body.attributes).toEqual([]);
    });
  });
});

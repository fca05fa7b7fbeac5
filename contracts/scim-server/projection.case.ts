import { describe, expect, it } from "../harness/case-api.ts";
import { createScimClient, entraUserBody, uniqueUserName, URNS, type Json } from "./scim-client.ts";
import type { ImmutaScimTarget } from "./scim-target.ts";

/**
 * Immuta-side effects of SCIM writes, read back through Immuta's REST API
 * (`GET /bim/iam/{iamid}/user/{userid}`,
 * https://documentation.immuta.com/saas/developer-guides/api-intro/immuta-v1-api/configure-your-instance-of-immuta/bim).
 * The projection model is inferred, not documented (Immuta KB "Entra ID - Importing Attributes via SCIM",
 * https://documentation.immuta.com/knowledge-base/LmMmmLqSszWn8sdGe7gH/support-knowledge-articles/identity-management/entra-id-scim-configuration/entra-id-importing-attributes-via-scim):
 * these cases pin the fake's assumptions (default switches) and tell, against a real tenant,
 * whether they still hold.
 */
export function describeProjectionContract(target: () => ImmutaScimTarget): void {
  describe("Immuta attribute projection of SCIM writes (assumed model, read over /bim)", () => {
    const scim = createScimClient(target);
    const row = () => target().immuta;
    const key = (name: string) => `${row().prefix}.${name}`;

    async function immutaUser(userName: string): Promise<Json> {
      const { apiBaseUrl, apiKey, iamId } = row();
      const url = `${apiBaseUrl}/bim/iam/${encodeURIComponent(iamId)}/user/${encodeURIComponent(userName)}`;
      const response = await target().fetch(new Request(url, { headers: { authorization: apiKey } }));
      expect(response.status).toBe(200);
      return response.json();
    }

    async function createWith(attributes: Record<string, unknown>): Promise<Json> {
      const body = entraUserBody(uniqueUserName("projected"), { [row().scimSchema]: attributes });
      return scim.create("/Users", body);
    }

    it("turns each attribute of the row's extension into <prefix>.<name> on create (the seed example)", async () => {
      const user = await createWith({ zipcode: "98052", costCenter: "4130" });
      const immuta = await immutaUser(user.userName);
      expect(immuta.iamAuthorizations).toMatchObject({
        [key("zipcode")]: ["98052"],
        [key("costCenter")]: ["4130"],
      });
      expect(immuta.userid).toBe(user.userName);
    });

    it.each([
      [
        "legacy Replace overwrites the values",
        [{ op: "Replace", path: "S:zipcode", value: "10001" }],
        { zipcode: ["10001"] },
      ],
      [
        "flag path-less replace with URN keys",
        [{ op: "replace", value: { "S:zipcode": "10001" } }],
        { zipcode: ["10001"] },
      ],
      [
        "Add of a multi-valued attribute gives several values",
        [{ op: "Add", path: "S:groupsIds", value: [{ value: "1" }, { value: "2" }] }],
        { zipcode: ["98052"], groupsIds: ["1", "2"] },
      ],
      ["Remove deletes the key", [{ op: "Remove", path: "S:zipcode" }], {}],
      ["Replace with an empty string deletes the key", [{ op: "Replace", path: "S:zipcode", value: "" }], {}],
      [
        "a number is stored as a string",
        [{ op: "Add", path: "S:level", value: 42 }],
        { zipcode: ["98052"], level: ["42"] },
      ],
      ["removing the whole extension deletes every key", [{ op: "remove", path: "S" }], {}],
    ])("%s", async (_, operations, expected) => {
      const user = await createWith({ zipcode: "98052" });
      const resolved = JSON.parse(JSON.stringify(operations).replaceAll('"S', `"${row().scimSchema}`));
      const answer = await scim.patch(`/Users/${user.id}`, resolved);
      expect(answer.status).toBe(200);
      const immuta = await immutaUser(user.userName);
      const wanted = Object.fromEntries(
        Object.entries(expected).map(([name, values]) => [key(name), values]),
      );
      expect(immuta.iamAuthorizations).toEqual(wanted);
    });

    it("never projects a `schemas` key sent inside the extension object", async () => {
      const user = await createWith({ schemas: [row().scimSchema], zipcode: "98052" });
      const immuta = await immutaUser(user.userName);
      expect(immuta.iamAuthorizations).toMatchObject({ [key("zipcode")]: ["98052"] });
      expect(immuta.iamAuthorizations).not.toHaveProperty([key("schemas")]);
    });

    it("recomputes every key on PUT", async () => {
      const user = await createWith({ zipcode: "98052", costCenter: "4130" });
      await scim.put(`/Users/${user.id}`, {
        schemas: [URNS.user],
        userName: user.userName,
        [row().scimSchema]: { country: "NO" },
      });
      expect((await immutaUser(user.userName)).iamAuthorizations).toEqual({ [key("country")]: ["NO"] });
    });

    it("ignores extensions no row maps", async () => {
      const user = await scim.create(
        "/Users",
        entraUserBody(uniqueUserName("unmapped"), {
          "urn:ietf:params:scim:schemas:extension:unmapped:2.0:User": { zipcode: "1" },
        }),
      );
      expect((await immutaUser(user.userName)).iamAuthorizations).toEqual({});
    });

    it("disables the Immuta user on active false and enables it on active true", async () => {
      const user = await createWith({});
      await scim.patch(`/Users/${user.id}`, [{ op: "Replace", path: "active", value: "False" }]);
      expect((await immutaUser(user.userName)).disabled).toBe(true);
      await scim.patch(`/Users/${user.id}`, [{ op: "Replace", path: "active", value: "True" }]);
      expect((await immutaUser(user.userName)).disabled).toBe(false);
    });

    it("keeps a SCIM-deleted user in Immuta, disabled (deleteUser: deactivate)", async () => {
      const user = await createWith({ zipcode: "98052" });
      await scim.delete(`/Users/${user.id}`);
      const immuta = await immutaUser(user.userName);
      expect(immuta.disabled).toBe(true);
    });
  });
}

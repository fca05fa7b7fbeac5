import { describe, expect, it } from "vitest";
import { CUSTOM, ImmutaClient, PATCH_SCHEMA, entraIam } from "./support/immuta-client.ts";

/** Regressions found in review, each named after the bug it guards against. */
describe("fake Immuta regressions", () => {
  it("never returns a password, in SCIM reads, filters or the /bim profile", async () => {
    const client = new ImmutaClient();
    const id = await client.createUser("alice@contoso.com", { password: "S3cret!" });
    expect((await client.scim("GET", `/Users/${id}`)).body.password).toBeUndefined();
    const filtered = await client.scim("GET", `/Users?filter=${encodeURIComponent("password pr")}`);
    expect(filtered.body.totalResults).toBe(0);
    expect(JSON.stringify((await client.immutaUser("alice@contoso.com")).profile)).not.toContain("S3cret!");
  });

  it("compares dateTime filter values as instants, not as text", async () => {
    const client = new ImmutaClient();
    const id = await client.createUser("alice@contoso.com");
    const created = (await client.scim("GET", `/Users/${id}`)).body.meta.created as string;
    expect(created).toMatch(/\.000Z$/);
    // The same instant written without milliseconds and with an explicit offset.
    const sameInstant = created.replace(".000Z", "+00:00");
    for (const op of ["eq", "ge", "le"]) {
      const filter = encodeURIComponent(`meta.created ${op} "${sameInstant}"`);
      expect((await client.scim("GET", `/Users?filter=${filter}`)).body.totalResults, op).toBe(1);
    }
    const later = encodeURIComponent(`meta.created gt "${sameInstant}"`);
    expect((await client.scim("GET", `/Users?filter=${later}`)).body.totalResults).toBe(0);
  });

  it("nests a non-URN name inside a path-less flag-dialect replace, and applies the rest of it", async () => {
    const client = new ImmutaClient([entraIam({ attributeSchema: [{ scimSchema: "custom", prefix: "c" }] })]);
    const id = await client.createUser("alice@contoso.com");
    const reply = await client.scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: "replace", value: { "custom:country": "US", displayName: "Alice" } }],
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ displayName: "Alice", custom: { country: "US" } });
    expect((await client.immutaUser("alice@contoso.com")).iamAuthorizations).toEqual({ "c.country": ["US"] });
  });

  it.each([["operations"], ["OPERATIONS"]])(
    "refuses capitalised ops in strict mode whatever the case of %s",
    async (member) => {
      const client = new ImmutaClient([entraIam({ assumptions: { acceptLegacyPatch: false } })]);
      const id = await client.createUser("alice@contoso.com");
      const reply = await client.scim("PATCH", `/Users/${id}`, {
        schemas: [PATCH_SCHEMA],
        [member]: [{ op: "Replace", path: `${CUSTOM}:zipcode`, value: "1" }],
      });
      expect(reply.status).toBe(400);
      expect(reply.body.scimType).toBe("invalidSyntax");
    },
  );

  it.each([
    ["inside another IAM's", { id: "other", scimPath: "/bim/scim/entra/nested" }],
    ["around another IAM's", { id: "other", scimPath: "/bim/scim" }],
    ["over the REST API", { id: "other", scimPath: "/bim" }],
    ["under the control API", { id: "other", scimPath: "/_synclab/immuta/scim" }],
  ])("refuses a SCIM path %s", async (_, settings) => {
    const client = new ImmutaClient();
    const reply = await client.api("PUT", `/_synclab/immuta/iams/${settings.id}`, settings);
    expect(reply.status).toBe(400);
  });

  it("gives a group a new version when a user DELETE removes one of its members", async () => {
    const client = new ImmutaClient();
    const alice = await client.createUser("alice@contoso.com");
    const group = await client.createGroup("Analysts", [alice]);
    const before = (await client.scim("GET", `/Groups/${group}`)).headers.get("etag");
    expect((await client.scim("DELETE", `/Users/${alice}`)).status).toBe(204);
    const after = await client.scim("GET", `/Groups/${group}`);
    expect(after.body.members ?? []).toEqual([]);
    expect(after.headers.get("etag")).not.toBe(before);
  });
});

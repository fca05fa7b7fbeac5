import { describe, expect, it } from "vitest";
import { ASSUMPTIONS } from "../../emulator/immuta/index.ts";
import { CUSTOM, ImmutaClient, entraIam, pluck } from "./support/immuta-client.ts";

const OTHER = "urn:ietf:params:scim:schemas:extension:other:2.0:User";

describe("GET /_synclab/immuta/iams[/{iamid}]", () => {
  it("reads one IAM's settings with every default filled in", async () => {
    const client = new ImmutaClient();
    const reply = await client.api("GET", "/_synclab/immuta/iams/entra");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      id: "entra",
      displayName: "Microsoft Entra ID",
      type: "saml",
      scimEnabled: true,
      scimPath: "/bim/scim/entra",
      scimToken: "synclab-dev-scim-token",
      syncAttributes: true,
      attributeSchema: [{ scimSchema: CUSTOM, prefix: "entraid_attributes" }],
      assumptions: Object.fromEntries(
        Object.entries(ASSUMPTIONS).map(([name, entry]) => [name, entry.default]),
      ),
    });
  });

  it("lists all IAMs", async () => {
    const client = new ImmutaClient([entraIam(), entraIam({ id: "okta" })]);
    const reply = await client.api("GET", "/_synclab/immuta/iams");
    expect(pluck(reply.body, "id")).toEqual(["entra", "okta"]);
  });

  it("answers 404 for an unknown IAM", async () => {
    const client = new ImmutaClient();
    expect((await client.api("GET", "/_synclab/immuta/iams/okta")).status).toBe(404);
  });
});

describe("PUT /_synclab/immuta/iams/{iamid}", () => {
  it("replaces the settings, defaults for what is left out, and answers 200", async () => {
    const client = new ImmutaClient();
    const reply = await client.api("PUT", "/_synclab/immuta/iams/entra", {
      syncAttributes: false,
      assumptions: { attributeKeyCase: "lower" },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      id: "entra",
      displayName: "entra",
      syncAttributes: false,
      attributeSchema: [],
    });
    expect(reply.body.assumptions.attributeKeyCase).toBe("lower");
    expect(reply.body.assumptions.echoExtensions).toBe(true);
    expect((await client.api("GET", "/_synclab/immuta/iams/entra")).body).toEqual(reply.body);
  });

  it("creates a new IAM with 201, whose SCIM endpoint then answers", async () => {
    const client = new ImmutaClient();
    const reply = await client.api("PUT", "/_synclab/immuta/iams/okta", { scimToken: "okta-token" });
    expect(reply.status).toBe(201);
    const probe = await client.request("GET", "/bim/scim/okta/Users", { authorization: "Bearer okta-token" });
    expect(probe.status).toBe(200);
    expect(pluck((await client.api("GET", "/bim/iam")).body, "id")).toEqual(["entra", "okta"]);
  });

  it("re-projects existing users' iamAuthorizations when the rows change, keeping bimAuthorizations", async () => {
    const client = new ImmutaClient();
    await client.createUser("alice@contoso.com", { [CUSTOM]: { zipcode: "98052" }, [OTHER]: { level: 3 } });
    await client.api("PUT", "/bim/iam/entra/user/alice@contoso.com/authorizations/manual/yes");
    const reply = await client.api("PUT", "/_synclab/immuta/iams/entra", {
      attributeSchema: [
        { scimSchema: CUSTOM, prefix: "entra" },
        { scimSchema: OTHER, prefix: "other" },
      ],
    });
    expect(reply.status).toBe(200);
    const user = await client.immutaUser("alice@contoso.com");
    expect(user.iamAuthorizations).toEqual({ "entra.zipcode": ["98052"], "other.level": ["3"] });
    expect(user.bimAuthorizations).toEqual({ manual: ["yes"] });
    await client.api("PUT", "/_synclab/immuta/iams/entra", { attributeSchema: [] });
    expect((await client.immutaUser("alice@contoso.com")).iamAuthorizations).toEqual({});
  });

  it("re-projects when an assumption that shapes the keys changes", async () => {
    const client = new ImmutaClient();
    await client.createUser("alice@contoso.com", { [CUSTOM]: { ZipCode: "98052" } });
    await client.api("PUT", "/_synclab/immuta/iams/entra", {
      attributeSchema: [{ scimSchema: CUSTOM, prefix: "p" }],
      assumptions: { attributeKeyCase: "lower" },
    });
    expect((await client.immutaUser("alice@contoso.com")).iamAuthorizations).toEqual({
      "p.zipcode": ["98052"],
    });
  });

  it.each([
    ["an unknown assumption", { assumptions: { guessWork: true } }, "assumptions"],
    ["a bad assumption value", { assumptions: { deleteUser: "purge" } }, "assumptions.deleteUser"],
    [
      "a string for a boolean switch",
      { assumptions: { echoExtensions: "false" } },
      "assumptions.echoExtensions",
    ],
    ["a null switch", { assumptions: { multiValueAdd: null } }, "assumptions.multiValueAdd"],
    ["an unknown field", { sync: true }, "(body)"],
    ["a bad IAM type", { type: "ldap" }, "type"],
    ["a SCIM path without a leading slash", { scimPath: "scim/entra" }, "scimPath"],
    ["a SCIM path with a trailing slash", { scimPath: "/scim/entra/" }, "scimPath"],
    ["an empty SCIM token", { scimToken: "" }, "scimToken"],
    ["a row without a prefix", { attributeSchema: [{ scimSchema: CUSTOM }] }, "attributeSchema.0.prefix"],
    [
      "a row with an extra field",
      { attributeSchema: [{ scimSchema: CUSTOM, prefix: "p", x: 1 }] },
      "attributeSchema.0",
    ],
    ["rows that are not a list", { attributeSchema: { scimSchema: CUSTOM } }, "attributeSchema"],
    ["an id that differs from the URL", { id: "okta" }, "id"],
    ["a __proto__ key", JSON.parse('{"__proto__": {"scimEnabled": false}}') as object, "(body)"],
  ])("answers 400 naming the field for %s, and keeps the settings", async (_label, body, field) => {
    const client = new ImmutaClient();
    const before = (await client.api("GET", "/_synclab/immuta/iams/entra")).body;
    const reply = await client.api("PUT", "/_synclab/immuta/iams/entra", JSON.stringify(body));
    expect(reply.status).toBe(400);
    expect(reply.body.statusCode).toBe(400);
    expect(reply.body.message).toContain(field);
    expect((await client.api("GET", "/_synclab/immuta/iams/entra")).body).toEqual(before);
  });

  it.each([
    ["text that is not JSON", "not json"],
    ["a JSON array", "[]"],
    ["JSON null", "null"],
    ["a JSON string", '"entra"'],
  ])("answers 400 for %s", async (_label, body) => {
    const client = new ImmutaClient();
    expect((await client.api("PUT", "/_synclab/immuta/iams/entra", body)).status).toBe(400);
  });

  it.each([
    ["an invalid IAM id in the URL", "/_synclab/immuta/iams/bad%20id", 400],
    ["a SCIM path another IAM uses", "/_synclab/immuta/iams/okta", 400],
  ])("answers %s with %i", async (_label, path, status) => {
    const client = new ImmutaClient();
    const body = path.endsWith("okta") ? { scimPath: "/bim/scim/entra" } : {};
    expect((await client.api("PUT", path, body)).status).toBe(status);
  });
});

describe("DELETE /_synclab/immuta/iams/{iamid}", () => {
  it("removes the IAM, its users and its SCIM endpoint", async () => {
    const client = new ImmutaClient();
    await client.createUser("alice@contoso.com");
    expect((await client.api("DELETE", "/_synclab/immuta/iams/entra")).status).toBe(204);
    expect((await client.api("GET", "/_synclab/immuta/iams/entra")).status).toBe(404);
    expect((await client.api("GET", "/bim/user")).body.count).toBe(0);
    // The path is now an ordinary /bim path, where the SCIM token is no credential.
    expect((await client.scim("GET", "/Users")).status).toBe(401);
    expect((await client.api("DELETE", "/_synclab/immuta/iams/entra")).status).toBe(404);
  });
});

describe("GET /_synclab/immuta/assumptions", () => {
  it("lists every switch with its status, default, values and description", async () => {
    const client = new ImmutaClient();
    const reply = await client.api("GET", "/_synclab/immuta/assumptions");
    expect(reply.status).toBe(200);
    expect(pluck(reply.body, "name")).toEqual(Object.keys(ASSUMPTIONS));
    for (const row of reply.body) {
      expect(["documented", "assumed"]).toContain(row.status);
      expect(row.values).toContain(row.default);
      expect(row.description.length).toBeGreaterThan(20);
    }
  });
});

describe("POST /_synclab/immuta/reset", () => {
  it("forgets users, groups and the journal but keeps IAM settings and ids", async () => {
    const client = new ImmutaClient();
    const alice = await client.createUser("alice@contoso.com");
    await client.createGroup("Analysts", [alice]);
    await client.api("PUT", "/bim/iam/entra/group/1/authorizations/k/v");
    await client.api("PUT", "/_synclab/immuta/iams/entra", { assumptions: { deleteUser: "delete" } });
    expect((await client.api("POST", "/_synclab/immuta/reset")).status).toBe(204);
    expect((await client.api("GET", "/bim/user?includeDisabled=true")).body.count).toBe(0);
    expect((await client.api("GET", "/bim/group")).body.count).toBe(0);
    expect((await client.api("GET", "/_synclab/immuta/journal.har")).body.log.entries).toEqual([]);
    expect((await client.api("GET", "/_synclab/immuta/iams/entra")).body.assumptions.deleteUser).toBe(
      "delete",
    );
    await client.createUser("alice@contoso.com");
    expect((await client.scim("GET", "/Users")).body.totalResults).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import { ASSUMPTIONS, type AssumptionName, type Assumptions } from "../../emulator/immuta/index.ts";
import { CUSTOM, ImmutaClient, PATCH_SCHEMA, USER_SCHEMA, entraIam } from "./support/immuta-client.ts";

/** What Entra sends when the customer typed the extension name capitalised in "Edit attribute list". */
const CUSTOM_CAPITALISED = "urn:ietf:params:scim:schemas:extension:Custom:2.0:User";
const ALICE = "/bim/iam/entra/user/alice@contoso.com";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
/** The aadOptscim062020 shape: simple attributes merged into one replace without a path. */
const PATHLESS_REPLACE = {
  schemas: [PATCH_SCHEMA],
  Operations: [{ op: "replace", value: { active: false, [`${CUSTOM}:zipcode`]: "98052" } }],
};

type Check = (client: ImmutaClient) => Promise<void>;
type Row = { [K in AssumptionName]: [K, Assumptions[K], string, Check] }[AssumptionName];

/** Creates alice with the given SCIM attributes and returns her SCIM id. */
const alice = (client: ImmutaClient, extra: Record<string, unknown> = {}) =>
  client.createUser("alice@contoso.com", extra);

const iamAuthorizations = async (client: ImmutaClient) =>
  (await client.immutaUser("alice@contoso.com")).iamAuthorizations as Record<string, string[]>;

/** One row per position of every switch: the switch, its value, the behaviour, and a check over SCIM and /bim. */
const ROWS: Row[] = [
  [
    "schemaUrnMatch",
    "case-insensitive",
    "maps an extension whose URN differs from the row only in case",
    async (client) => {
      await alice(client, { [CUSTOM_CAPITALISED]: { zipcode: "98052" } });
      expect(await iamAuthorizations(client)).toEqual({ "entraid_attributes.zipcode": ["98052"] });
    },
  ],
  [
    "schemaUrnMatch",
    "exact",
    "ignores an extension whose URN differs from the row only in case",
    async (client) => {
      await alice(client, { [CUSTOM_CAPITALISED]: { zipcode: "98052" } });
      expect(await iamAuthorizations(client)).toEqual({});
      await client.createUser("bob@contoso.com", { [CUSTOM]: { zipcode: "98052" } });
      const bob = await client.immutaUser("bob@contoso.com");
      expect(bob.iamAuthorizations).toEqual({ "entraid_attributes.zipcode": ["98052"] });
    },
  ],
  [
    "attributeKeyCase",
    "keep",
    "keeps the attribute name's case in the key",
    async (client) => {
      await alice(client, { [CUSTOM]: { ZipCode: "98052" } });
      expect(await iamAuthorizations(client)).toEqual({ "entraid_attributes.ZipCode": ["98052"] });
    },
  ],
  [
    "attributeKeyCase",
    "lower",
    "lower-cases the attribute name in the key, not the prefix",
    async (client) => {
      await client.api("PUT", "/_synclab/immuta/iams/entra", {
        attributeSchema: [{ scimSchema: CUSTOM, prefix: "EntraID" }],
        assumptions: { attributeKeyCase: "lower" },
      });
      await alice(client, { [CUSTOM]: { ZipCode: "98052" } });
      expect(await iamAuthorizations(client)).toEqual({ "EntraID.zipcode": ["98052"] });
    },
  ],
  [
    "echoExtensions",
    true,
    "returns the stored extension on GET /Users/{id}",
    async (client) => {
      const id = await alice(client, { [CUSTOM]: { zipcode: "98052" } });
      expect((await client.scim("GET", `/Users/${id}`)).body[CUSTOM]).toEqual({ zipcode: "98052" });
    },
  ],
  [
    "echoExtensions",
    false,
    "leaves the extension out of GET /Users/{id} while Immuta still has the attribute",
    async (client) => {
      const id = await alice(client, { [CUSTOM]: { zipcode: "98052" } });
      const reply = await client.scim("GET", `/Users/${id}`);
      expect(reply.status).toBe(200);
      expect(reply.body).not.toHaveProperty(CUSTOM);
      expect(await iamAuthorizations(client)).toEqual({ "entraid_attributes.zipcode": ["98052"] });
    },
  ],
  [
    "acceptLegacyPatch",
    true,
    'accepts Entra\'s legacy PATCH (capitalised op, active "False")',
    async (client) => {
      const id = await alice(client, { [CUSTOM]: { zipcode: "98052" } });
      const reply = await client.patchUser(id, [
        { op: "Replace", path: `${CUSTOM}:zipcode`, value: "10001" },
        { op: "Replace", path: "active", value: "False" },
      ]);
      expect(reply.status).toBe(200);
      const user = await client.immutaUser("alice@contoso.com");
      expect(user.iamAuthorizations).toEqual({ "entraid_attributes.zipcode": ["10001"] });
      expect(user.disabled).toBe(true);
    },
  ],
  [
    "acceptLegacyPatch",
    false,
    "rejects a capitalised op with 400 invalidSyntax and changes nothing",
    async (client) => {
      const id = await alice(client, { [CUSTOM]: { zipcode: "98052" } });
      const reply = await client.patchUser(id, [
        { op: "Replace", path: `${CUSTOM}:zipcode`, value: "10001" },
      ]);
      expect(reply.status).toBe(400);
      expect(reply.body.scimType).toBe("invalidSyntax");
      expect(await iamAuthorizations(client)).toEqual({ "entraid_attributes.zipcode": ["98052"] });
      const compliant = await client.patchUser(id, [
        { op: "replace", path: `${CUSTOM}:zipcode`, value: "10001" },
      ]);
      expect(compliant.status).toBe(200);
    },
  ],
  [
    "multiValueAdd",
    "append",
    "appends the values of an add to a multi-valued extension attribute",
    async (client) => {
      const id = await alice(client, { [CUSTOM]: { skills: ["sql"] } });
      const reply = await client.patchUser(id, [{ op: "add", path: `${CUSTOM}:skills`, value: ["python"] }]);
      expect(reply.status).toBe(200);
      expect(await iamAuthorizations(client)).toEqual({ "entraid_attributes.skills": ["sql", "python"] });
    },
  ],
  [
    "multiValueAdd",
    "replace",
    "replaces the values of a multi-valued extension attribute on add",
    async (client) => {
      const id = await alice(client, { [CUSTOM]: { skills: ["sql"] } });
      const reply = await client.patchUser(id, [{ op: "add", path: `${CUSTOM}:skills`, value: ["python"] }]);
      expect(reply.status).toBe(200);
      expect(await iamAuthorizations(client)).toEqual({ "entraid_attributes.skills": ["python"] });
    },
  ],
  [
    "deleteUser",
    "deactivate",
    "keeps the Immuta user, disabled, and answers 404 over SCIM",
    async (client) => {
      const id = await alice(client, { [CUSTOM]: { zipcode: "98052" } });
      expect((await client.scim("DELETE", `/Users/${id}`)).status).toBe(204);
      expect((await client.scim("GET", `/Users/${id}`)).status).toBe(404);
      const user = await client.immutaUser("alice@contoso.com");
      expect(user.disabled).toBe(true);
      expect((await client.api("GET", "/bim/user")).body.count).toBe(0);
      expect((await client.api("GET", "/bim/user?includeDisabled=true")).body.count).toBe(1);
    },
  ],
  [
    "deleteUser",
    "delete",
    "removes the Immuta user",
    async (client) => {
      const id = await alice(client);
      expect((await client.scim("DELETE", `/Users/${id}`)).status).toBe(204);
      expect((await client.scim("GET", `/Users/${id}`)).status).toBe(404);
      expect((await client.api("GET", ALICE)).status).toBe(404);
      expect((await client.api("GET", "/bim/user?includeDisabled=true")).body.count).toBe(0);
    },
  ],
  [
    "stringifyValues",
    true,
    "turns numbers and booleans into strings",
    async (client) => {
      await alice(client, { [CUSTOM]: { level: 3, vip: true, ratio: 0.5, name: "x" } });
      expect(await iamAuthorizations(client)).toEqual({
        "entraid_attributes.level": ["3"],
        "entraid_attributes.vip": ["true"],
        "entraid_attributes.ratio": ["0.5"],
        "entraid_attributes.name": ["x"],
      });
    },
  ],
  [
    "stringifyValues",
    false,
    "ignores numbers and booleans, keeping strings",
    async (client) => {
      await alice(client, { [CUSTOM]: { level: 3, vip: true, name: "x" } });
      expect(await iamAuthorizations(client)).toEqual({ "entraid_attributes.name": ["x"] });
    },
  ],
  [
    "nonUrnAttributePaths",
    "nested",
    "stores an Entra `custom:country` PATCH as custom.country, projected by a row whose SCIM Schema is `custom`",
    async (client) => {
      await client.api("PUT", "/_synclab/immuta/iams/entra", {
        attributeSchema: [{ scimSchema: "custom", prefix: "entraid" }],
      });
      const id = await alice(client);
      const reply = await client.scim("PATCH", `/Users/${id}`, {
        schemas: [PATCH_SCHEMA],
        Operations: [{ op: "Add", path: "custom:country", value: "NO" }],
      });
      expect(reply.status).toBe(200);
      expect(reply.body.custom).toEqual({ country: "NO" });
      expect(await iamAuthorizations(client)).toEqual({ "entraid.country": ["NO"] });
    },
  ],
  [
    "nonUrnAttributePaths",
    "reject",
    "answers 400 invalidPath for `custom:country`, as RFC 7644 §3.10 reads it",
    async (client) => {
      const id = await alice(client);
      const reply = await client.scim("PATCH", `/Users/${id}`, {
        schemas: [PATCH_SCHEMA],
        Operations: [{ op: "Add", path: "custom:country", value: "NO" }],
      });
      expect(reply.status).toBe(400);
      expect(reply.body.scimType).toBe("invalidPath");
    },
  ],
  [
    "bimRemoveIamValue",
    "bim-only",
    "removes only the Immuta-set value; the IAM's stays effective",
    async (client) => {
      await alice(client, { [CUSTOM]: { zipcode: "98052" } });
      await client.api("PUT", `${ALICE}/authorizations/entraid_attributes.zipcode/98052`);
      for (const path of ["entraid_attributes.zipcode/98052", "entraid_attributes.zipcode"]) {
        const reply = await client.api("DELETE", `${ALICE}/authorizations/${path}`);
        expect(reply.status).toBe(200);
        expect(reply.body.bimAuthorizations).toEqual({});
        expect(reply.body.authorizations).toEqual({ "entraid_attributes.zipcode": ["98052"] });
      }
    },
  ],
  [
    "bimRemoveIamValue",
    "reject",
    "answers 409 for a key or value the IAM supplies, and allows Immuta-only ones",
    async (client) => {
      await alice(client, { [CUSTOM]: { zipcode: "98052" } });
      await client.api("PUT", `${ALICE}/authorizations/entraid_attributes.zipcode/98052`);
      await client.api("PUT", `${ALICE}/authorizations/entraid_attributes.zipcode/manual`);
      for (const path of ["entraid_attributes.zipcode/98052", "entraid_attributes.zipcode"]) {
        expect((await client.api("DELETE", `${ALICE}/authorizations/${path}`)).status).toBe(409);
      }
      const allowed = await client.api("DELETE", `${ALICE}/authorizations/entraid_attributes.zipcode/manual`);
      expect(allowed.status).toBe(200);
      expect(allowed.body.bimAuthorizations).toEqual({ "entraid_attributes.zipcode": ["98052"] });
    },
  ],
  [
    "keyOnlyAuthorization",
    "empty-key",
    "creates a key with no values from PUT …/authorizations/{key}",
    async (client) => {
      await alice(client);
      const reply = await client.api("PUT", `${ALICE}/authorizations/flag`);
      expect(reply.status).toBe(200);
      expect(reply.body.bimAuthorizations).toEqual({ flag: [] });
      expect(reply.body.authorizations).toEqual({ flag: [] });
    },
  ],
  [
    "keyOnlyAuthorization",
    "reject",
    "answers 400 to PUT …/authorizations/{key} and still takes key and value",
    async (client) => {
      await alice(client);
      expect((await client.api("PUT", `${ALICE}/authorizations/flag`)).status).toBe(400);
      expect((await client.immutaUser("alice@contoso.com")).bimAuthorizations).toEqual({});
      expect((await client.api("PUT", `${ALICE}/authorizations/flag/on`)).status).toBe(200);
    },
  ],
  [
    "unknownAttributes",
    "ignore",
    "drops a top-level attribute no schema defines from POST, PUT and PATCH, keeping the rest",
    async (client) => {
      const id = await alice(client, { adreses: [{ locality: "Oslo" }], [CUSTOM]: { zipcode: "98052" } });
      expect((await client.scim("GET", `/Users/${id}`)).body).not.toHaveProperty("adreses");
      const put = await client.scim("PUT", `/Users/${id}`, {
        schemas: [USER_SCHEMA],
        userName: "alice@contoso.com",
        nickName: "Al",
        adreses: "x",
      });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ nickName: "Al" });
      expect(put.body).not.toHaveProperty("adreses");
      const patch = await client.patchUser(id, [{ op: "add", path: "adreses", value: "x" }]);
      expect(patch.status).toBe(200);
      expect(patch.body).not.toHaveProperty("adreses");
      expect((await client.immutaUser("alice@contoso.com")).profile.scim).not.toHaveProperty("adreses");
    },
  ],
  [
    "unknownAttributes",
    "reject",
    "answers 400 for a top-level attribute no schema defines and stores nothing",
    async (client) => {
      const post = await client.scim("POST", "/Users", {
        schemas: [USER_SCHEMA],
        userName: "alice@contoso.com",
        adreses: "x",
      });
      expect(post.status).toBe(400);
      expect(post.body.scimType).toBe("invalidSyntax");
      expect((await client.api("GET", ALICE)).status).toBe(404);
      const id = await alice(client);
      const patch = await client.patchUser(id, [{ op: "add", path: "adreses", value: "x" }]);
      expect(patch.status).toBe(400);
      expect(patch.body.scimType).toBe("invalidPath");
      expect((await client.scim("GET", `/Users/${id}`)).body).not.toHaveProperty("adreses");
    },
  ],
  [
    "unknownAttributes",
    "store",
    "stores and echoes a top-level attribute no schema defines",
    async (client) => {
      const id = await alice(client, { adreses: "x" });
      expect((await client.scim("GET", `/Users/${id}`)).body.adreses).toBe("x");
    },
  ],
  [
    "enterpriseExtensionRows",
    "project",
    "projects the enterprise extension's attributes through a row for it",
    async (client) => {
      await client.api("PUT", "/_synclab/immuta/iams/entra", {
        attributeSchema: [{ scimSchema: ENTERPRISE, prefix: "entraid" }],
      });
      await alice(client, { [ENTERPRISE]: { department: "Sales" } });
      expect(await iamAuthorizations(client)).toEqual({ "entraid.department": ["Sales"] });
    },
  ],
  [
    "enterpriseExtensionRows",
    "ignore",
    "maps nothing through a row for the enterprise extension, while custom rows still project",
    async (client) => {
      await client.api("PUT", "/_synclab/immuta/iams/entra", {
        attributeSchema: [
          { scimSchema: ENTERPRISE, prefix: "entraid" },
          { scimSchema: CUSTOM, prefix: "entraid" },
        ],
        assumptions: { enterpriseExtensionRows: "ignore" },
      });
      await alice(client, { [ENTERPRISE]: { department: "Sales" }, [CUSTOM]: { zipcode: "98052" } });
      expect(await iamAuthorizations(client)).toEqual({ "entraid.zipcode": ["98052"] });
    },
  ],
  [
    "pathlessReplace",
    "apply",
    "applies every attribute of a path-less replace, active included",
    async (client) => {
      const id = await alice(client);
      const reply = await client.scim("PATCH", `/Users/${id}`, PATHLESS_REPLACE);
      expect(reply.status).toBe(200);
      expect(reply.body.active).toBe(false);
      expect(await iamAuthorizations(client)).toEqual({ "entraid_attributes.zipcode": ["98052"] });
    },
  ],
  [
    "pathlessReplace",
    "without-active",
    "applies a path-less replace but leaves active as it was",
    async (client) => {
      const id = await alice(client);
      const reply = await client.scim("PATCH", `/Users/${id}`, PATHLESS_REPLACE);
      expect(reply.status).toBe(200);
      expect(reply.body.active).toBe(true);
      expect(await iamAuthorizations(client)).toEqual({ "entraid_attributes.zipcode": ["98052"] });
    },
  ],
  [
    "pathlessReplace",
    "ignore",
    "accepts a path-less replace and changes nothing, while a replace with a path still applies",
    async (client) => {
      const id = await alice(client);
      const reply = await client.scim("PATCH", `/Users/${id}`, PATHLESS_REPLACE);
      expect(reply.status).toBe(200);
      expect(reply.body.active).toBe(true);
      expect(await iamAuthorizations(client)).toEqual({});
      await client.scim("PATCH", `/Users/${id}`, {
        schemas: [PATCH_SCHEMA],
        Operations: [{ op: "replace", path: "active", value: false }],
      });
      expect((await client.scim("GET", `/Users/${id}`)).body.active).toBe(false);
    },
  ],
];

describe("Immuta assumption switches", () => {
  it.each(ROWS)("%s=%s %s", async (name, value, _behaviour, check) => {
    const client = new ImmutaClient([entraIam({ assumptions: { [name]: value } })]);
    expect((await client.api("GET", "/_synclab/immuta/iams/entra")).body.assumptions[name]).toBe(value);
    await check(client);
  });

  it("has a row for every position of every switch", () => {
    const covered = ROWS.map(([name, value]) => `${name}=${String(value)}`).sort();
    const positions = Object.entries(ASSUMPTIONS)
      .flatMap(([name, entry]) => entry.values.map((value) => `${name}=${String(value)}`))
      .sort();
    expect(covered).toEqual(positions);
  });

  it.each(Object.entries(ASSUMPTIONS))(
    "%s has a default among its values and a description",
    (_name, entry) => {
      expect(entry.values as readonly unknown[]).toContain(entry.default);
      expect(["documented", "assumed"]).toContain(entry.status);
      expect(entry.description.length).toBeGreaterThan(40);
    },
  );
});

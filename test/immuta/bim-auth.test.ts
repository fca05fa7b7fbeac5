import { describe, expect, it } from "vitest";
import { ImmutaClient } from "./support/immuta-client.ts";

/** Every authenticated route of /bim and /_synclab/immuta, with a method and a path that exists. */
const ROUTES: [string, string][] = [
  ["GET", "/bim/iam"],
  ["GET", "/bim/user"],
  ["GET", "/bim/iam/entra/user/alice@contoso.com"],
  ["GET", "/bim/iam/entra/user/alice@contoso.com/groups"],
  ["PUT", "/bim/iam/entra/user/alice@contoso.com/disable/true"],
  ["PUT", "/bim/iam/entra/user/alice@contoso.com/authorizations/k/v"],
  ["DELETE", "/bim/iam/entra/user/alice@contoso.com/authorizations/k"],
  ["PUT", "/bim/iam/entra/group/1/authorizations/k/v"],
  ["GET", "/bim/group"],
  ["GET", "/bim/group/1"],
  ["GET", "/bim/group/1/user"],
  ["GET", "/bim/no-such-route"],
  ["GET", "/_synclab/immuta/iams"],
  ["GET", "/_synclab/immuta/iams/entra"],
  ["PUT", "/_synclab/immuta/iams/entra"],
  ["DELETE", "/_synclab/immuta/iams/entra"],
  ["GET", "/_synclab/immuta/assumptions"],
  ["POST", "/_synclab/immuta/reset"],
  ["GET", "/_synclab/immuta/journal.har"],
];

const BAD_CREDENTIALS: [string, string | null][] = [
  ["no Authorization header", null],
  ["a wrong raw key", "not-the-key"],
  ["a wrong bearer token", "Bearer synclab-token-forged"],
  ["the SCIM token", "Bearer synclab-dev-scim-token"],
  ["an empty header", ""],
  ["the key with a Basic scheme", "Basic synclab-dev-api-key"],
];

async function seeded(): Promise<ImmutaClient> {
  const client = new ImmutaClient();
  const alice = await client.createUser("alice@contoso.com");
  await client.createGroup("Analysts", [alice]);
  return client;
}

describe("Immuta API authentication", () => {
  describe.each(BAD_CREDENTIALS)("with %s", (_label, authorization) => {
    it.each(ROUTES)("%s %s answers 401 and changes nothing", async (method, path) => {
      const client = await seeded();
      const body = method === "GET" ? {} : { body: {} };
      const reply = await client.request(method, path, { authorization, ...body });
      expect(reply.status).toBe(401);
      expect(reply.body.statusCode).toBe(401);
      expect((await client.immutaUser("alice@contoso.com")).disabled).toBe(false);
      expect(client.app.state.iam("entra")?.users.size).toBe(1);
    });
  });

  it.each([
    ["the raw API key", "synclab-dev-api-key"],
    ["the API key with the Bearer scheme", "Bearer synclab-dev-api-key"],
    ["the API key with a lowercase bearer scheme", "bearer synclab-dev-api-key"],
  ])("accepts %s", async (_label, authorization) => {
    const client = await seeded();
    expect((await client.request("GET", "/bim/iam", { authorization })).status).toBe(200);
  });

  it("exchanges the API key for a token usable as Bearer", async () => {
    const client = await seeded();
    const login = await client.request("POST", "/bim/apikey/authenticate", {
      authorization: null,
      body: { apikey: "synclab-dev-api-key" },
    });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ authenticated: true, token: expect.any(String) });
    const token = login.body.token as string;
    expect(token).not.toBe("synclab-dev-api-key");
    const reply = await client.request("GET", "/bim/user", { authorization: `Bearer ${token}` });
    expect(reply.status).toBe(200);
    expect(reply.body.count).toBe(1);
    const raw = await client.request("GET", "/bim/user", { authorization: token });
    expect(raw.status).toBe(401);
  });

  it("does not accept a token issued by another fake", async () => {
    const other = new ImmutaClient();
    const login = await other.request("POST", "/bim/apikey/authenticate", {
      authorization: null,
      body: { apikey: "synclab-dev-api-key" },
    });
    const client = await seeded();
    const reply = await client.request("GET", "/bim/iam", { authorization: `Bearer ${login.body.token}` });
    expect(reply.status).toBe(401);
  });

  it.each([
    ["a wrong key", { apikey: "nope" }, 401],
    ["no apikey field", { key: "synclab-dev-api-key" }, 400],
    ["a non-string apikey", { apikey: 42 }, 400],
    ["a JSON array", ["synclab-dev-api-key"], 400],
    ["text that is not JSON", "apikey=synclab-dev-api-key", 400],
    ["an apikey inherited through __proto__", '{"__proto__": {"apikey": "synclab-dev-api-key"}}', 400],
  ])("answers the key exchange with %s with %i", async (_label, body, status) => {
    const client = await seeded();
    const reply = await client.request("POST", "/bim/apikey/authenticate", { authorization: null, body });
    expect(reply.status).toBe(status);
    expect(reply.body.statusCode).toBe(status);
  });
});

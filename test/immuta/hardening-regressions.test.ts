import { describe, expect, it } from "vitest";
import { createImmutaApp } from "../../emulator/immuta/index.ts";
import { ImmutaClient, PATCH_SCHEMA, USER_SCHEMA, GROUP_SCHEMA, entraIam } from "./support/immuta-client.ts";

const deep = (depth: number, leaf: string) => `${"[".repeat(depth)}${leaf}${"]".repeat(depth)}`;

/** One regression test per finding of the hardening review that concerns the fake Immuta. */
describe("hardening regressions", () => {
  it("finding 1: a loop of large PATCHes keeps the journal within its byte bound and cuts the bodies", async () => {
    const app = createImmutaApp({ iams: [entraIam()], journal: { bytes: 300_000 } });
    const scim = (method: string, path: string, body: unknown) =>
      app.fetch(
        new Request(`http://immuta.test/bim/scim/entra${path}`, {
          method,
          headers: {
            authorization: "Bearer synclab-dev-scim-token",
            "content-type": "application/scim+json",
          },
          body: JSON.stringify(body),
        }),
      );
    const created = (await (
      await scim("POST", "/Users", { schemas: [USER_SCHEMA], userName: "a" })
    ).json()) as {
      id: string;
    };
    const big = "x".repeat(200_000);
    for (let round = 0; round < 20; round += 1) {
      const operations = [{ op: "replace", path: "title", value: `${big}${round}` }];
      const response = await scim("PATCH", `/Users/${created.id}`, {
        schemas: [PATCH_SCHEMA],
        Operations: operations,
      });
      expect(response.status).toBe(200);
    }
    const { journal } = app.state;
    expect(journal.bytes()).toBeLessThanOrEqual(300_000);
    expect(journal.dropped()).toBeGreaterThan(0);
    const last = journal.entries().at(-1)!;
    expect(last.request.body.length).toBeLessThan(70_000);
    expect(last.request.body).toMatch(/synclab: body truncated, \d+ bytes/);
    const har = (await (
      await app.fetch(
        new Request("http://immuta.test/_synclab/immuta/journal.har", {
          headers: { authorization: "synclab-dev-api-key" },
        }),
      )
    ).json()) as { log: { comment?: string } };
    expect(har.log.comment).toMatch(/^\d+ earlier exchange\(s\) were dropped/);
  });

  it("finding 2: a deep body with a password answers 400 as SCIM, creates nothing and is journaled", async () => {
    const client = new ImmutaClient([entraIam()]);
    const body = `{"schemas":["${USER_SCHEMA}"],"userName":"deep@contoso.com","password":"p","x":${deep(3000, '{"password":"p"}')}}`;
    const reply = await client.scim("POST", "/Users", body);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ status: "400", scimType: "invalidSyntax" });
    const list = await client.scim("GET", '/Users?filter=userName eq "deep@contoso.com"');
    expect(list.body.totalResults).toBe(0);
    const recorded = client.app.state.journal.entries().find((entry) => entry.request.method === "POST");
    expect(recorded?.response.status).toBe(400);
    expect(recorded?.request.body).not.toContain('"p"');
  });

  it("finding 4: a PATCH whose op nests 5,000 levels deep is a 400 with a short detail", async () => {
    const client = new ImmutaClient([entraIam()]);
    const id = await client.createUser("alice@contoso.com");
    const body = `{"schemas":["${PATCH_SCHEMA}"],"Operations":[{"op":${deep(5000, '"add"')},"path":"title","value":"x"}]}`;
    const reply = await client.scim("PATCH", `/Users/${id}`, body);
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body).length).toBeLessThan(1000);
  });

  it("item 3: a bad op of 100,000 characters is quoted as a short prefix", async () => {
    const client = new ImmutaClient([entraIam()]);
    const id = await client.createUser("alice@contoso.com");
    const reply = await client.patchUser(id, [{ op: "y".repeat(100_000), path: "title", value: "x" }]);
    expect(reply.status).toBe(400);
    expect(reply.body.detail.length).toBeLessThan(700);
  });

  it("finding 7: the control API refuses a 10 MB value with 413 and changes nothing", async () => {
    const client = new ImmutaClient([entraIam()]);
    const reply = await client.api("PUT", "/_synclab/immuta/iams/big", {
      displayName: "d".repeat(10_000_000),
    });
    expect(reply.status).toBe(413);
    expect(reply.body).toMatchObject({ statusCode: 413, error: "Payload Too Large" });
    expect(client.app.state.iam("big")).toBeUndefined();
  });

  it("finding 7: the control API refuses an over-long value that fits the body limit", async () => {
    const client = new ImmutaClient([entraIam()]);
    const reply = await client.api("PUT", "/_synclab/immuta/iams/long", { displayName: "d".repeat(10_000) });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toMatch(/displayName/);
  });

  it.each([
    ["a URN PATCH path", { op: "replace", path: `${USER_SCHEMA}:password`, value: "S3cret-A" }],
    ["a path-less URN key", { op: "replace", value: { [`${USER_SCHEMA}:password`]: "S3cret-A" } }],
    ["an upper-case path", { op: "replace", path: "PASSWORD", value: "S3cret-A" }],
    [
      "a nested member",
      { op: "replace", path: "title", value: "t", extra: { deeper: { PassWord: "S3cret-A" } } },
    ],
  ])("finding 10: redacts a password written as %s", async (_name, operation) => {
    const client = new ImmutaClient([entraIam()]);
    const id = await client.createUser("alice@contoso.com");
    await client.patchUser(id, [operation]);
    const har = JSON.stringify((await client.api("GET", "/_synclab/immuta/journal.har")).body);
    expect(har).not.toContain("S3cret-A");
    expect(har).toContain("<redacted>");
  });

  it("finding 12: an IAM created without a token gets its own, and another IAM's token does not open it", async () => {
    const client = new ImmutaClient([entraIam()]);
    const created = await client.api("PUT", "/_synclab/immuta/iams/okta", {});
    expect(created.status).toBe(201);
    expect(created.body.scimToken).not.toBe("synclab-dev-scim-token");
    const withEntraToken = await client.scim("GET", "/Users", undefined, "okta");
    expect(withEntraToken.status).toBe(401);
    const second = await client.api("PUT", "/_synclab/immuta/iams/other", {});
    expect(second.body.scimToken).not.toBe(created.body.scimToken);
    const own = await client.request("GET", "/bim/scim/okta/Users", {
      authorization: `Bearer ${created.body.scimToken as string}`,
    });
    expect(own.status).toBe(200);
  });

  it("keeps an IAM's token when its settings are replaced without one", async () => {
    const client = new ImmutaClient([entraIam()]);
    const first = await client.api("PUT", "/_synclab/immuta/iams/okta", {});
    const again = await client.api("PUT", "/_synclab/immuta/iams/okta", { displayName: "Okta" });
    expect(again.body.scimToken).toBe(first.body.scimToken);
  });

  it.each([
    ["the same path", "/bim/scim/entra"],
    ["a path under another IAM's", "/bim/scim/entra/sub"],
    ["a path above another IAM's", "/bim/scim"],
  ])("refuses an overlapping SCIM path at configuration time: %s", async (_name, scimPath) => {
    const client = new ImmutaClient([entraIam()]);
    const reply = await client.api("PUT", "/_synclab/immuta/iams/other", { scimPath });
    expect(reply.status).toBe(400);
    expect(client.app.state.iam("other")).toBeUndefined();
    expect(() => new ImmutaClient([entraIam(), entraIam({ id: "other", scimPath })])).toThrow(/overlaps/);
  });
});

describe("limits", () => {
  const limited = () => {
    const client = new ImmutaClient([entraIam()]);
    return client;
  };

  it.each([
    [
      "a filter over the length limit",
      `/Users?filter=${encodeURIComponent(`userName eq "${"a".repeat(5000)}"`)}`,
    ],
    [
      "a filter nested too deep",
      `/Users?filter=${encodeURIComponent(`${"(".repeat(20)}userName eq "a"${")".repeat(20)}`)}`,
    ],
  ])("answers %s with 400 invalidFilter", async (_name, path) => {
    const reply = await limited().scim("GET", path);
    expect(reply.status).toBe(400);
    expect(reply.body.scimType).toBe("invalidFilter");
  });

  it("answers a PATCH with more operations than allowed with 400 and changes nothing", async () => {
    const client = limited();
    const id = await client.createUser("alice@contoso.com");
    const operations = Array.from({ length: 1001 }, (_, index) => ({
      op: "replace",
      path: "title",
      value: `t${index}`,
    }));
    const reply = await client.patchUser(id, operations);
    expect(reply.status).toBe(400);
    expect((await client.scim("GET", `/Users/${id}`)).body.title).toBeUndefined();
  });

  it("answers a group with more members than one request may name with 400 invalidValue", async () => {
    const client = limited();
    const members = Array.from({ length: 10_001 }, (_, index) => ({ value: `m${index}` }));
    const reply = await client.scim("POST", "/Groups", {
      schemas: [GROUP_SCHEMA],
      displayName: "g",
      members,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.detail).toMatch(/10000 group members/);
  });

  it("answers a SCIM body over 1 MiB with a SCIM 413", async () => {
    const reply = await limited().scim("POST", "/Users", {
      schemas: [USER_SCHEMA],
      userName: "x".repeat(1_100_000),
    });
    expect(reply.status).toBe(413);
    expect(reply.body).toMatchObject({ status: "413" });
  });

  it("takes its limits from the app's options", async () => {
    const { fetch } = createImmutaApp({ iams: [entraIam()], limits: { scimBodyBytes: 100 } });
    const response = await fetch(
      new Request("http://immuta.test/bim/scim/entra/Users", {
        method: "POST",
        headers: { authorization: "Bearer synclab-dev-scim-token", "content-type": "application/scim+json" },
        body: JSON.stringify({ schemas: [USER_SCHEMA], userName: "y".repeat(200) }),
      }),
    );
    expect(response.status).toBe(413);
  });
});

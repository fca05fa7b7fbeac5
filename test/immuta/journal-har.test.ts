import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CUSTOM, ImmutaClient, PATCH_SCHEMA, USER_SCHEMA, entraIam } from "./support/immuta-client.ts";

const nameValue = z.strictObject({ name: z.string(), value: z.string(), comment: z.string().optional() });

/** The required fields of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), strictly. */
const harSchema = z.strictObject({
  log: z.strictObject({
    version: z.literal("1.2"),
    creator: z.strictObject({ name: z.string().min(1), version: z.string().min(1) }),
    pages: z.array(z.unknown()).optional(),
    comment: z.string().optional(),
    entries: z.array(
      z.strictObject({
        startedDateTime: z.iso.datetime({ offset: true }),
        time: z.number().nonnegative(),
        request: z.strictObject({
          method: z.string(),
          url: z.url(),
          httpVersion: z.string(),
          cookies: z.array(z.unknown()),
          headers: z.array(nameValue),
          queryString: z.array(nameValue),
          postData: z.strictObject({ mimeType: z.string(), text: z.string() }).optional(),
          headersSize: z.number().int(),
          bodySize: z.number().int(),
        }),
        response: z.strictObject({
          status: z.number().int(),
          statusText: z.string(),
          httpVersion: z.string(),
          cookies: z.array(z.unknown()),
          headers: z.array(nameValue),
          content: z.strictObject({
            size: z.number().int(),
            mimeType: z.string(),
            text: z.string().optional(),
          }),
          redirectURL: z.string(),
          headersSize: z.number().int(),
          bodySize: z.number().int(),
        }),
        cache: z.strictObject({}),
        timings: z.strictObject({
          blocked: z.number().optional(),
          dns: z.number().optional(),
          connect: z.number().optional(),
          ssl: z.number().optional(),
          send: z.number().nonnegative(),
          wait: z.number().nonnegative(),
          receive: z.number().nonnegative(),
        }),
      }),
    ),
  }),
});

async function exchanges(client: ImmutaClient): Promise<void> {
  await client.scim("GET", `/Users?filter=${encodeURIComponent('userName eq "alice@contoso.com"')}`);
  const id = await client.createUser("alice@contoso.com", { [CUSTOM]: { zipcode: "98052" } });
  await client.scim("PATCH", `/Users/${id}`, {
    schemas: [PATCH_SCHEMA],
    Operations: [{ op: "Replace", path: `${CUSTOM}:zipcode`, value: "10001" }],
  });
  await client.request("GET", "/bim/scim/entra/Users", { authorization: "Bearer wrong" });
}

describe("GET /_synclab/immuta/journal.har", () => {
  it("exports every SCIM exchange, in order, as valid HAR 1.2", async () => {
    const client = new ImmutaClient();
    await exchanges(client);
    const reply = await client.api("GET", "/_synclab/immuta/journal.har");
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-disposition")).toContain(".har");
    const har = harSchema.parse(reply.body);
    expect(har.log.entries.map((e) => `${e.request.method} ${e.response.status}`)).toEqual([
      "GET 200",
      "POST 201",
      "PATCH 200",
      "GET 401",
    ]);
    const [filter, post] = har.log.entries;
    expect(filter?.request.queryString).toEqual([
      { name: "filter", value: 'userName eq "alice@contoso.com"' },
    ]);
    expect(JSON.parse(post!.request.postData!.text)).toMatchObject({
      schemas: [USER_SCHEMA],
      userName: "alice@contoso.com",
    });
    expect(JSON.parse(post!.response.content.text!)).toMatchObject({
      userName: "alice@contoso.com",
      id: expect.any(String),
    });
    expect(post?.response.content.mimeType).toContain("application/scim+json");
    // HAR 1.2: redirectURL is the Location response header.
    expect(post?.response.redirectURL).toMatch(/\/bim\/scim\/entra\/Users\/.+/);
    expect(filter?.response.redirectURL).toBe("");
  });

  it("records no credential", async () => {
    const client = new ImmutaClient();
    await exchanges(client);
    const text = JSON.stringify((await client.api("GET", "/_synclab/immuta/journal.har")).body);
    expect(text).not.toContain("synclab-dev-scim-token");
    expect(text).not.toContain("Bearer wrong");
    expect(text).toContain("<redacted>");
  });

  it("does not record /bim or control requests", async () => {
    const client = new ImmutaClient();
    await client.api("GET", "/bim/user");
    await client.api("GET", "/_synclab/immuta/iams");
    expect((await client.api("GET", "/_synclab/immuta/journal.har")).body.log.entries).toEqual([]);
  });

  it("keeps only the most recent exchanges up to its limit and says how many it dropped", async () => {
    const client = new ImmutaClient([entraIam()], 2);
    await exchanges(client);
    const har = harSchema.parse((await client.api("GET", "/_synclab/immuta/journal.har")).body);
    expect(har.log.entries.map((e) => e.request.method)).toEqual(["PATCH", "GET"]);
    expect(har.log.comment).toMatch(/^2 /);
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSdkWorld, type SdkWorld } from "./sdk-world.ts";

let world: SdkWorld;
beforeEach(async () => {
  world = await startSdkWorld();
});
afterEach(async () => {
  await world.close();
});

/** Graph Explorer-style raw requests: the URL as Microsoft's pages write it, over https. */
describe("raw Graph requests against the fake Entra over https", () => {
  it.each([
    ["lower-case segments", "/v1.0/directory/deleteditems/microsoft.graph.user"],
    ["the short cast", "/v1.0/directory/deletedItems/graph.user"],
    ["a trailing slash", "/v1.0/users/"],
    ["upper-case collection names", "/v1.0/USERS"],
    ["a service principal by appId", "/v1.0/servicePrincipals(appId='01234567-89ab-cdef-0123-456789abcdef')"],
  ])("answers 200 to %s", async (_name, path) => {
    const response = await world.fetch(`${world.origin}${path}`);
    expect(response.status).toBe(200);
  });

  it("serves a $metadata document naming the entity sets", async () => {
    const response = await world.fetch(`${world.origin}/v1.0/$metadata`);
    expect(response.headers.get("content-type")).toContain("application/xml");
    const text = await response.text();
    expect(text).toContain('<EntitySet Name="users" EntityType="microsoft.graph.user"/>');
    expect(text).toContain('<EntityType Name="group"');
  });

  it("answers a CORS preflight from a browser origin", async () => {
    const response = await world.fetch(`${world.origin}/v1.0/users`, {
      method: "OPTIONS",
      headers: {
        Origin: "https://developer.microsoft.com",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization,consistencylevel",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("https://developer.microsoft.com");
    expect(response.headers.get("access-control-allow-headers")).toContain("consistencylevel");
  });

  it("echoes client-request-id and sends its own request-id", async () => {
    const response = await world.fetch(`${world.origin}/v1.0/users`, {
      headers: { "client-request-id": "my-trace-1" },
    });
    expect(response.headers.get("client-request-id")).toBe("my-trace-1");
    expect(response.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers an unknown segment with 400 and an innerError", async () => {
    const response = await world.fetch(`${world.origin}/v1.0/nothing`, {
      headers: { "client-request-id": "t-2" },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; innerError: Record<string, string> } };
    expect(body.error.code).toBe("BadRequest");
    expect(body.error.innerError).toMatchObject({
      "request-id": response.headers.get("request-id"),
      "client-request-id": "t-2",
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
    });
  });

  it.each([
    ["without ConsistencyLevel", {}, 400],
    ["with ConsistencyLevel eventual", { ConsistencyLevel: "eventual" }, 200],
  ])("answers /users/$count %s with %i", async (_name, headers, status) => {
    const response = await world.fetch(`${world.origin}/v1.0/users/$count`, { headers });
    expect(response.status).toBe(status);
    if (status === 200) expect(await response.text()).toBe("3");
  });

  it("writes nextLinks with the scheme and host the request came in on", async () => {
    const response = await world.fetch(`${world.origin}/v1.0/users?$top=1`);
    const body = (await response.json()) as { "@odata.nextLink": string; "@odata.context": string };
    expect(body["@odata.nextLink"].startsWith(`${world.origin}/v1.0/users?`)).toBe(true);
    expect(body["@odata.context"]).toBe(`${world.origin}/v1.0/$metadata#users`);
  });
});

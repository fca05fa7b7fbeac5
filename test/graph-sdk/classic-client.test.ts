import { GraphError, PageIterator, type PageCollection } from "@microsoft/microsoft-graph-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSdkWorld, type SdkWorld } from "./sdk-world.ts";

type Named = { id: string; userPrincipalName?: string; displayName?: string };

let world: SdkWorld;
beforeEach(async () => {
  world = await startSdkWorld();
});
afterEach(async () => {
  await world.close();
});

const eventual = { ConsistencyLevel: "eventual" };

/** The GraphError a call rejects with. */
async function graphError(call: Promise<unknown>): Promise<GraphError> {
  const error: unknown = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof GraphError)) throw new Error(`expected a GraphError, got ${String(error)}`);
  return error;
}

describe("@microsoft/microsoft-graph-client against the fake Entra over https", () => {
  it("pages through every user with PageIterator, following https nextLinks", async () => {
    const first = (await world.classic
      .api("/users")
      .top(1)
      .select("userPrincipalName")
      .get()) as PageCollection;
    expect(first["@odata.nextLink"]).toMatch(new RegExp(`^${world.origin}/v1.0/users\\?`));
    const seen: string[] = [];
    await new PageIterator(world.classic, first, (user: Named) => {
      seen.push(user.userPrincipalName ?? "");
      return true;
    }).iterate();
    expect(seen).toEqual(["alice@contoso.com", "bob@contoso.com", "carol@contoso.com"]);
  });

  it("follows a nextLink given to client.api as a full https URL", async () => {
    const first = (await world.classic.api("/users").top(2).get()) as PageCollection;
    const next = (await world.classic.api(first["@odata.nextLink"] ?? "").get()) as PageCollection;
    expect(next.value.map((user: Named) => user.userPrincipalName)).toEqual(["carol@contoso.com"]);
  });

  it.each([
    ["displayName desc", ["carol@contoso.com", "bob@contoso.com", "alice@contoso.com"]],
    ["userPrincipalName", ["alice@contoso.com", "bob@contoso.com", "carol@contoso.com"]],
  ])("sorts users with $orderby=%s", async (orderby, expected) => {
    const page = (await world.classic.api("/users").orderby(orderby).get()) as PageCollection;
    expect(page.value.map((user: Named) => user.userPrincipalName)).toEqual(expected);
  });

  it("searches users with ConsistencyLevel eventual and counts them", async () => {
    const page = (await world.classic
      .api("/users")
      .header("ConsistencyLevel", "eventual")
      .search('"displayName:smi"')
      .count(true)
      .get()) as PageCollection & { "@odata.count": number };
    expect(page.value.map((user: Named) => user.userPrincipalName)).toEqual(["alice@contoso.com"]);
    expect(page["@odata.count"]).toBe(1);
  });

  it("refuses $search without ConsistencyLevel with Graph's code and message", async () => {
    const error = await graphError(world.classic.api("/users").search('"displayName:smi"').get());
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe("Request_UnsupportedQuery");
    expect(error.message).toContain("ConsistencyLevel: eventual");
  });

  it("reads the request id of an error into GraphError.requestId", async () => {
    const error = await graphError(world.classic.api("/users/nobody@contoso.com").get());
    expect(error.code).toBe("Request_ResourceNotFound");
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.date).toBeInstanceOf(Date);
  });

  it("expands a user's manager", async () => {
    const bob = world.tenant.directory.user("bob@contoso.com")!;
    await world.classic
      .api("/users/alice@contoso.com/manager/$ref")
      .put({ "@odata.id": `${world.origin}/v1.0/users/${bob.id}` });
    const alice = (await world.classic.api("/users/alice@contoso.com").expand("manager").get()) as {
      manager: Named;
      "@odata.context": string;
    };
    expect(alice.manager).toMatchObject({ id: bob.id, userPrincipalName: "bob@contoso.com" });
    expect(alice["@odata.context"]).toBe(`${world.origin}/v1.0/$metadata#users/$entity`);
  });

  it.each([
    [
      "userPrincipalName in ('alice@contoso.com','carol@contoso.com')",
      {},
      ["alice@contoso.com", "carol@contoso.com"],
    ],
    [
      "endswith(userPrincipalName,'@contoso.com') and startswith(displayName,'B')",
      eventual,
      ["bob@contoso.com"],
    ],
    ["businessPhones/any(p:p eq '555-0100')", {}, ["carol@contoso.com"]],
  ])("filters users with %s", async (filter, headers, expected) => {
    await world.classic.api("/users/carol@contoso.com").patch({ businessPhones: ["555-0100"] });
    const page = (await world.classic
      .api("/users")
      .headers(headers)
      .filter(filter)
      .count(headers === eventual)
      .get()) as PageCollection;
    expect(page.value.map((user: Named) => user.userPrincipalName)).toEqual(expected);
  });

  it.each([
    [
      "endswith without ConsistencyLevel",
      "/users?$filter=endswith(mail,'@contoso.com')",
      "Request_UnsupportedQuery",
    ],
    ["contains on users", "/users?$filter=contains(displayName,'a')", "Request_UnsupportedQuery"],
    ["an unknown $filter property", "/users?$filter=shoeSize eq 42", "BadRequest"],
    ["an unknown $select property", "/users?$select=shoeSize", "BadRequest"],
    ["an unknown $expand property", "/users?$expand=photo", "BadRequest"],
    [
      "$orderby with $filter and no ConsistencyLevel",
      "/users?$filter=accountEnabled eq true&$orderby=displayName",
      "Request_UnsupportedQuery",
    ],
    ["$count without ConsistencyLevel", "/users?$count=true", "Request_BadRequest"],
  ])("refuses %s as Graph does", async (_name, path, code) => {
    const error = await graphError(world.classic.api(path).get());
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe(code);
  });

  it("creates a user with @odata.context and refuses a taken userPrincipalName with an ObjectConflict detail", async () => {
    const body = {
      accountEnabled: true,
      displayName: "Dave",
      mailNickname: "dave",
      userPrincipalName: "dave@contoso.com",
      passwordProfile: { password: "x!Y2z-long-enough" },
    };
    const created = (await world.classic.api("/users").post(body)) as Named & { "@odata.context": string };
    expect(created["@odata.context"]).toBe(`${world.origin}/v1.0/$metadata#users/$entity`);
    const error = await graphError(world.classic.api("/users").post({ ...body, mailNickname: "dave2" }));
    expect(error.code).toBe("Request_BadRequest");
    expect(JSON.parse(error.body as string)).toMatchObject({
      details: [{ code: "ObjectConflict", target: "userPrincipalName" }],
    });
  });

  it.each([
    ["a 300-character displayName", { displayName: "x".repeat(300) }],
    ["a PATCH of id", { id: "00000000-0000-0000-0000-000000000001" }],
    [
      "an extension of an app the tenant does not have",
      { extension_ffffffffffffffffffffffffffffffff_x: "1" },
    ],
  ])("refuses %s with 400 Request_BadRequest", async (_name, patch) => {
    const error = await graphError(world.classic.api("/users/alice@contoso.com").patch(patch));
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe("Request_BadRequest");
  });

  it("adds group members with PATCH members@odata.bind and counts them with /members/$count", async () => {
    const group = world.tenant.directory.groups()[0]!;
    const bob = world.tenant.directory.user("bob@contoso.com")!;
    await world.classic
      .api(`/groups/${group.id}`)
      .patch({ "members@odata.bind": [`${world.origin}/v1.0/directoryObjects/${bob.id}`] });
    const count = (await world.classic
      .api(`/groups/${group.id}/members/$count`)
      .header("ConsistencyLevel", "eventual")
      .get()) as number;
    expect(Number(count)).toBe(2);
    const expanded = (await world.classic.api(`/groups/${group.id}`).expand("members").get()) as {
      members: Named[];
    };
    expect(expanded.members.map((member) => member.userPrincipalName)).toEqual([
      "alice@contoso.com",
      "bob@contoso.com",
    ]);
    const cast = (await world.classic
      .api(`/groups/${group.id}/members/microsoft.graph.user`)
      .get()) as PageCollection;
    expect(cast.value).toHaveLength(2);
  });

  it("sends a JSON batch whose second request depends on the first", async () => {
    const answer = (await world.classic.api("/$batch").post({
      requests: [
        { id: "1", method: "GET", url: "/users/alice@contoso.com?$select=displayName" },
        { id: "2", method: "GET", url: "/users/nobody@contoso.com" },
        { id: "3", method: "GET", url: "/groups", dependsOn: ["2"] },
      ],
    })) as { responses: { id: string; status: number; body: { displayName?: string } }[] };
    expect(answer.responses.map((response) => [response.id, response.status])).toEqual([
      ["1", 200],
      ["2", 404],
      ["3", 424],
    ]);
    expect(answer.responses[0]?.body.displayName).toBe("Alice Smith");
  });

  it("refuses a batch of more than 20 requests", async () => {
    const requests = Array.from({ length: 21 }, (_, index) => ({
      id: String(index),
      method: "GET",
      url: "/users",
    }));
    expect((await graphError(world.classic.api("/$batch").post({ requests }))).statusCode).toBe(400);
  });
});

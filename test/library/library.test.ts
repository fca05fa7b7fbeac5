import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSynclab, startSynclab, type RunningSynclab } from "../../library/index.ts";
import { createSynclabHandlers } from "../../library/msw.ts";
import { defineScenario, parseScenarioObject, ScenarioError } from "../../library/scenario.ts";

const ZIPCODE = "entraid_attributes.zipcode";
const CUSTOM = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";

/** The seed example written in code: bob's postalCode reaches Immuta under the prefix. */
const BOB = defineScenario({
  name: "bob in code",
  entra: {
    app: {
      users: {
        attributes: [{ name: `${CUSTOM}:zipcode` }],
        mappings: [{ target: `${CUSTOM}:zipcode`, source: "postalCode" }],
      },
    },
    users: [{ userPrincipalName: "bob@contoso.com", postalCode: "12345" }],
  },
  immuta: {
    iams: [{ id: "entra", attributeSchema: [{ scimSchema: CUSTOM, prefix: "entraid_attributes" }] }],
  },
});

describe("createSynclab", () => {
  it("provisions alice of the default scenario and reads her zipcode from Immuta", async () => {
    const synclab = await createSynclab();
    const run = await synclab.provision("alice@contoso.com");
    expect(run.results[0]?.log.provisioningStatusInfo.status).toBe("success");
    expect((await synclab.immutaUser("alice@contoso.com"))?.iamAuthorizations).toEqual({
      [ZIPCODE]: ["98052"],
    });
  });

  it("answers undefined for a user Immuta does not hold", async () => {
    const synclab = await createSynclab();
    expect(await synclab.immutaUser("alice@contoso.com")).toBeUndefined();
  });

  it("forgets every change on reset", async () => {
    const synclab = await createSynclab();
    await synclab.provision("alice@contoso.com");
    synclab.reset();
    expect(await synclab.immutaUser("alice@contoso.com")).toBeUndefined();
  });

  it("loads a scenario object and provisions its users in a cycle", async () => {
    const synclab = await createSynclab();
    await synclab.loadScenario(BOB);
    await synclab.runCycle();
    expect((await synclab.immutaUser("bob@contoso.com"))?.iamAuthorizations).toEqual({
      [ZIPCODE]: ["12345"],
    });
    expect(await synclab.immutaUser("alice@contoso.com")).toBeUndefined();
  });

  it("serves the Graph API and Immuta's REST API through its fetch handlers", async () => {
    const synclab = await createSynclab({ scenario: "scenarios/default.yaml" });
    const graph = await synclab.entra.fetch(new Request("http://graph.test/v1.0/users/alice@contoso.com"));
    expect(((await graph.json()) as { postalCode: string }).postalCode).toBe("98052");
    const immuta = await synclab.immuta.fetch(
      new Request(`${synclab.immutaUrl}/bim/iam`, { headers: { authorization: synclab.apiKey } }),
    );
    expect(immuta.status).toBe(200);
    expect(synclab.scimUrl).toBe(`${synclab.immutaUrl}/bim/scim/entra`);
  });
});

describe("parseScenarioObject", () => {
  it("rejects an unknown key with a ScenarioError that names it", () => {
    const bad = { ...BOB, entra: { ...BOB.entra, colour: "blue" } };
    expect(() => parseScenarioObject(bad)).toThrow(ScenarioError);
    expect(() => parseScenarioObject(bad)).toThrow(/colour/);
  });
});

describe("startSynclab", () => {
  let running: RunningSynclab | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it("serves both fakes on free ports, and Graph's provision on demand reaches Immuta", async () => {
    running = await startSynclab();
    expect(running.scimUrl).toBe(`${running.immutaUrl}/bim/scim/entra`);
    expect([running.apiKey, running.scimToken]).toEqual(["synclab-dev-api-key", "synclab-dev-scim-token"]);
    const provision = await fetch(
      `${running.entraUrl}/v1.0/servicePrincipals/${running.servicePrincipalId}/synchronization/jobs/${running.jobId}/provisionOnDemand`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          parameters: [{ subjects: [{ objectId: "alice@contoso.com", objectTypeName: "User" }] }],
        }),
      },
    );
    expect(provision.status).toBe(200);
    const alice = await fetch(`${running.immutaUrl}/bim/iam/entra/user/alice@contoso.com`, {
      headers: { authorization: running.apiKey },
    });
    expect(((await alice.json()) as { iamAuthorizations: unknown }).iamAuthorizations).toEqual({
      [ZIPCODE]: ["98052"],
    });
  });

  it("loads a scenario object", async () => {
    running = await startSynclab({ scenario: BOB });
    const bob = await fetch(`${running.entraUrl}/v1.0/users/bob@contoso.com`);
    expect(bob.status).toBe(200);
  });
});

describe("createSynclabHandlers", () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());

  it("answers the Immuta and Graph URLs the code under test calls from the in-process fakes", async () => {
    const synclab = await createSynclab({ immutaUrl: "https://acme.immuta.example" });
    server.resetHandlers(...createSynclabHandlers({ synclab, graphUrl: "https://graph.microsoft.com" }));
    const provision = await fetch(
      `https://graph.microsoft.com/v1.0/servicePrincipals/${synclab.servicePrincipalId}/synchronization/jobs/${synclab.jobId}/provisionOnDemand`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          parameters: [{ subjects: [{ objectId: "alice@contoso.com", objectTypeName: "User" }] }],
        }),
      },
    );
    expect(provision.status).toBe(200);
    const alice = await fetch("https://acme.immuta.example/bim/iam/entra/user/alice@contoso.com", {
      headers: { authorization: synclab.apiKey },
    });
    expect(((await alice.json()) as { iamAuthorizations: unknown }).iamAuthorizations).toEqual({
      [ZIPCODE]: ["98052"],
    });
  });
});

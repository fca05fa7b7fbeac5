import { setupServer } from "msw/node";
import { createSynclab } from "synclab";
import { createSynclabHandlers } from "synclab/msw";
import { afterAll, beforeAll, expect, it } from "vitest";
import { provisionAndReadZipcode } from "./provision-alice.ts";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

// The code under test calls the global fetch with real-looking URLs; msw answers from the fakes.
it("reads alice's zipcode through msw from https://acme.immuta.example", async () => {
  const synclab = await createSynclab({
    scenario: "scenarios/seed.yaml",
    immutaUrl: "https://acme.immuta.example",
  });
  server.resetHandlers(...createSynclabHandlers({ synclab, graphUrl: "https://graph.microsoft.com" }));
  const zipcode = await provisionAndReadZipcode({
    graphUrl: "https://graph.microsoft.com",
    immutaUrl: "https://acme.immuta.example",
    apiKey: synclab.apiKey,
    servicePrincipalId: synclab.servicePrincipalId,
    jobId: synclab.jobId,
    user: "alice@contoso.com",
  });
  expect(zipcode).toEqual(["98052"]);
});

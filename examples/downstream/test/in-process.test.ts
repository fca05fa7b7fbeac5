import { createSynclab } from "synclab";
import { defineScenario } from "synclab/scenario";
import { expect, it } from "vitest";

const CUSTOM = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";

/** A scenario built in code, type-checked against synclab's scenario types. */
const scenario = defineScenario({
  name: "alice in code",
  entra: {
    app: {
      users: {
        attributes: [{ name: `${CUSTOM}:zipcode` }],
        mappings: [{ target: `${CUSTOM}:zipcode`, source: "postalCode" }],
      },
    },
    users: [{ userPrincipalName: "alice@contoso.com", postalCode: "98052" }],
  },
  immuta: {
    iams: [{ id: "entra", attributeSchema: [{ scimSchema: CUSTOM, prefix: "entraid_attributes" }] }],
  },
});

it("provisions alice in-process and reads entraid_attributes.zipcode from Immuta", async () => {
  const synclab = await createSynclab({ scenario });
  const run = await synclab.provision("alice@contoso.com");
  expect(run.results[0]?.log.provisioningStatusInfo.status).toBe("success");
  const alice = await synclab.immutaUser("alice@contoso.com");
  expect(alice?.iamAuthorizations["entraid_attributes.zipcode"]).toEqual(["98052"]);
});

it("starts from the scenario again after reset", async () => {
  const synclab = await createSynclab({ scenario });
  await synclab.provision("alice@contoso.com");
  synclab.reset();
  expect(await synclab.immutaUser("alice@contoso.com")).toBeUndefined();
});

it("types scenario steps: an unknown step kind does not compile", () => {
  const steps = defineScenario({
    ...scenario,
    // @ts-expect-error 'frobnicate' is no step kind of synclab's scenario types
    steps: [{ frobnicate: "alice@contoso.com" }],
  }).steps;
  expect(steps).toHaveLength(1);
});

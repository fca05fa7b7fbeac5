import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServers, type Served } from "../../cli/serve-command.ts";

/** The README walkthrough, over real loopback ports (chosen by the OS). */
describe("npm start's servers, over HTTP", () => {
  let served: Served;
  beforeAll(async () => {
    served = await startServers({
      scenario: "scenarios/default.yaml",
      entraPort: 0,
      immutaPort: 0,
      host: "127.0.0.1",
    });
  });
  afterAll(async () => {
    await served.close();
  });

  const provisionAlice = async () => {
    const { job } = served.world.app;
    const response = await fetch(
      `${served.entra.url}/v1.0/servicePrincipals/${job.servicePrincipalId}/synchronization/jobs/${job.jobId}/provisionOnDemand`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          parameters: [{ subjects: [{ objectId: "alice@contoso.com", objectTypeName: "User" }] }],
        }),
      },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { key: string };
    return JSON.parse(body.key) as { result: string };
  };

  const immutaAttributes = async () => {
    const response = await fetch(`${served.immuta.url}/bim/iam/entra/user/alice@contoso.com`, {
      headers: { authorization: "synclab-dev-api-key" },
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { iamAuthorizations: Record<string, string[]> }).iamAuthorizations;
  };

  it("binds both fakes to 127.0.0.1", () => {
    expect(served.entra.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(served.immuta.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("rejects SCIM and /bim requests without credentials", async () => {
    expect((await fetch(`${served.immuta.url}/bim/scim/entra/Users`)).status).toBe(401);
    expect((await fetch(`${served.immuta.url}/bim/iam`)).status).toBe(401);
  });

  it("provisions alice on demand: ['98052'], then ['10001'] after a Graph PATCH of postalCode", async () => {
    expect((await provisionAlice()).result).toBe("Success");
    expect(await immutaAttributes()).toEqual({ "entraid_attributes.zipcode": ["98052"] });

    const patch = await fetch(`${served.entra.url}/v1.0/users/alice@contoso.com`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ postalCode: "10001" }),
    });
    expect(patch.status).toBe(204);
    expect((await provisionAlice()).result).toBe("Success");
    expect(await immutaAttributes()).toEqual({ "entraid_attributes.zipcode": ["10001"] });
  });
});

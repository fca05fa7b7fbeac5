import { createEntraApp } from "../../emulator/entra/index.ts";
import { createDeterministicRuntime } from "../../emulator/runtime/index.ts";
import { parseScenario } from "../../scenarios/index.ts";
import { buildWorld, type World } from "../../scenarios/index.ts";

/** A small tenant: alice and bob assigned, carol not, group Analysts (alice) assigned; in-process Immuta. */
export const GRAPH_SCENARIO = `
name: graph api
seed: 7
entra:
  app:
    # The app that registers the directory extensions the tests write (extension_<appId>_name).
    appId: 01234567-89ab-cdef-0123-456789abcdef
    users:
      attributes:
        - name: urn:ietf:params:scim:schemas:extension:custom:2.0:User:zipcode
      mappings:
        - target: urn:ietf:params:scim:schemas:extension:custom:2.0:User:zipcode
          source: postalCode
  users:
    - userPrincipalName: alice@contoso.com
      displayName: Alice Smith
      mailNickname: alice
      postalCode: "98052"
    - userPrincipalName: bob@contoso.com
      displayName: Bob Jones
      mailNickname: bob
    - userPrincipalName: carol@contoso.com
      displayName: Carol White
      mailNickname: carol
      assigned: false
  groups:
    - displayName: Analysts
      members: [alice@contoso.com]
immuta:
  iams:
    - id: entra
      displayName: Microsoft Entra ID
      type: saml
      syncAttributes: true
      attributeSchema:
        - scimSchema: urn:ietf:params:scim:schemas:extension:custom:2.0:User
          prefix: entraid_attributes
`;

/** A parsed JSON body; tests read it loosely and assert on it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are asserted on, not trusted
export type Loose = any;

/** The values at a dotted path of each item of a JSON list (e.g. `sourceIdentity.displayName`). */
export function pluck(list: unknown, path: string): unknown[] {
  if (!Array.isArray(list)) throw new Error(`expected a list, got ${JSON.stringify(list)}`);
  return list.map((item: unknown) =>
    path.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], item),
  );
}

export type GraphWorld = World & {
  /** Calls the fake Entra in-process: a JSON body is sent as JSON, a string as it is. */
  call: (
    method: string,
    path: string,
    body?: unknown,
  ) => Promise<{ status: number; json: Loose; text: string }>;
  sp: string;
  job: string;
  jobPath: string;
};

export function createGraphWorld(scenario = GRAPH_SCENARIO): GraphWorld {
  const parsed = parseScenario(scenario);
  const world = buildWorld(parsed, { runtime: createDeterministicRuntime(parsed.seed) });
  const app = createEntraApp(world.tenant);
  const call: GraphWorld["call"] = async (method, path, body) => {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      init.headers = { "content-type": "application/json" };
    }
    const response = await app.request(`http://entra.synclab.test${path}`, init);
    const text = await response.text();
    let json: Loose;
    try {
      json = text === "" ? null : JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: response.status, json, text };
  };
  const { servicePrincipalId, jobId } = world.app.job;
  return {
    ...world,
    call,
    sp: servicePrincipalId,
    job: jobId,
    jobPath: `/v1.0/servicePrincipals/${servicePrincipalId}/synchronization/jobs/${jobId}`,
  };
}

/** The SCIM users the fake Immuta holds, by userName. */
export async function immutaUserNames(world: World): Promise<string[]> {
  const iam = world.immuta.state.iams()[0]!;
  const response = await world.immuta.fetch(
    new Request(`${world.immutaOrigin}${iam.config.scimPath}/Users`, {
      headers: { authorization: `Bearer ${iam.config.scimToken}` },
    }),
  );
  const body = (await response.json()) as { Resources: { userName: string }[] };
  return body.Resources.map((user) => user.userName).sort();
}

import { createEntraApp } from "../emulator/entra/index.ts";
import type { CycleResult } from "../emulator/entra/index.ts";
import type { FetchLike } from "../emulator/entra/index.ts";
import { createDeterministicRuntime } from "../emulator/runtime/index.ts";
import type { Scenario } from "../scenarios/index.ts";
import { buildWorld, IN_PROCESS_ORIGIN, type World } from "../scenarios/index.ts";
import { resolveScenario } from "./resolve-scenario.ts";
import type { ScenarioSource } from "./scenario.ts";

/** Options of {@link createSynclab}. */
export type CreateSynclabOptions = {
  /** A scenario file path or object; default: the seed example (alice, postalCode → entraid_attributes.zipcode). */
  scenario?: ScenarioSource;
  /**
   * The origin the fake Immuta answers on, and where Entra's tenant URL points unless the scenario
   * names another (default `http://immuta.synclab.test`). Requests from the fake Entra to it stay
   * in-process.
   */
  immutaUrl?: string;
};

/** A provisioning run (on demand or a cycle): Graph provisioning log records and the SCIM requests sent. */
export type ProvisioningRun = CycleResult;

/** A user as Immuta's `GET /bim/iam/{iamid}/user/{userid}` returns it (the fields tests read most). */
export type ImmutaUser = {
  id: number;
  iamid: string;
  userid: string;
  disabled: boolean;
  /** Attributes from the IAM: `<prefix>.<attribute>` to a list of strings. */
  iamAuthorizations: Record<string, string[]>;
  bimAuthorizations: Record<string, string[]>;
  authorizations: Record<string, string[]>;
  groups: number[];
  [field: string]: unknown;
};

/** Both fakes in-process: their fetch handlers and the control operations. */
export type Synclab = {
  /** The fake Entra's Graph API (`/v1.0/...`, `/_synclab/entra`): Request in, Response out. */
  entra: { fetch: (request: Request) => Promise<Response> };
  /** The fake Immuta (SCIM, `/bim`, `/_synclab/immuta`): Request in, Response out. */
  immuta: { fetch: (request: Request) => Promise<Response> };
  /** Origin of the fake Immuta (see {@link CreateSynclabOptions.immutaUrl}). */
  immutaUrl: string;
  /** Entra's tenant URL: the SCIM base URL of the scenario's first IAM. */
  scimUrl: string;
  scimToken: string;
  apiKey: string;
  /** Ids of the scenario's enterprise app, for Graph's `servicePrincipals/{id}/synchronization/jobs/{jobId}` URLs. */
  servicePrincipalId: string;
  jobId: string;
  /** Provision on demand one user (userPrincipalName or object id). */
  provision: (user: string) => Promise<ProvisioningRun>;
  /** One provisioning cycle; the first one is initial unless `kind` says otherwise. */
  runCycle: (kind?: "initial" | "incremental") => Promise<ProvisioningRun>;
  /** Reads a user from Immuta's REST API; undefined when Immuta has no such user. */
  immutaUser: (userName: string, options?: { iam?: string }) => Promise<ImmutaUser | undefined>;
  /** Forgets every change: both fakes as the loaded scenario describes them. */
  reset: () => void;
  /** Replaces the scenario (and resets both fakes to it). */
  loadScenario: (scenario: ScenarioSource) => Promise<void>;
};

type Fakes = { world: World; entra: { fetch: (request: Request) => Response | Promise<Response> } };

/**
 * Both fakes in-process, loaded with a scenario: no port, no socket. The fetch handlers stay the
 * same across `reset` and `loadScenario`, so msw handlers built on them keep working.
 */
export async function createSynclab(options: CreateSynclabOptions = {}): Promise<Synclab> {
  const immutaUrl = new URL(options.immutaUrl ?? IN_PROCESS_ORIGIN).origin;
  let scenario = await resolveScenario(options.scenario);
  let fakes = build(scenario, immutaUrl);
  const world = () => fakes.world;
  return {
    entra: { fetch: async (request) => fakes.entra.fetch(request) },
    immuta: { fetch: (request) => fakes.world.immuta.fetch(request) },
    immutaUrl,
    get scimUrl() {
      return world().app.job.config.tenantUrl;
    },
    get scimToken() {
      return world().app.job.config.secretToken;
    },
    get apiKey() {
      return world().apiKey;
    },
    get servicePrincipalId() {
      return world().app.job.servicePrincipalId;
    },
    get jobId() {
      return world().app.job.jobId;
    },
    provision: (user) => world().app.engine.provisionOnDemand(user),
    runCycle: (kind) => world().app.engine.runCycle(kind),
    immutaUser: async (userName, { iam } = {}) => {
      const iamId = iam ?? world().immuta.state.iams()[0]?.config.id ?? "entra";
      const url = `${immutaUrl}/bim/iam/${encodeURIComponent(iamId)}/user/${encodeURIComponent(userName)}`;
      const response = await world().immuta.fetch(
        new Request(url, { headers: { authorization: world().apiKey } }),
      );
      if (response.status === 404) return undefined;
      if (!response.ok)
        throw new Error(`synclab: GET ${url} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as ImmutaUser;
    },
    reset: () => {
      fakes = build(scenario, immutaUrl);
    },
    loadScenario: async (source) => {
      scenario = await resolveScenario(source);
      fakes = build(scenario, immutaUrl);
    },
  };
}

function build(scenario: Scenario, immutaUrl: string): Fakes {
  // Entra's requests to the fake Immuta's origin go straight to its fetch, whatever that origin is.
  const toImmuta: FetchLike = (request) =>
    new URL(request.url).origin === immutaUrl ? world.immuta.fetch(request) : fetch(request);
  const world: World = buildWorld(structuredClone(scenario), {
    runtime: createDeterministicRuntime(scenario.seed),
    immutaOrigin: immutaUrl,
    networkFetch: toImmuta,
  });
  return { world, entra: createEntraApp(world.tenant) };
}

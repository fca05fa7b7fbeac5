import { fetchExchange, type ExchangeLike, type FetchLike } from "../../emulator/entra/index.ts";
import { EntraTenant, type TenantApp } from "../../emulator/entra/index.ts";
import { createImmutaApp, type ImmutaApp } from "../../emulator/immuta/index.ts";
import { DEV_CREDENTIALS } from "../../emulator/immuta/index.ts";
import type { Runtime } from "../../emulator/runtime/index.ts";
import type { Scenario } from "../loader/scenario-schema.ts";
import { buildAppConfig } from "./app-config.ts";
import { graphUser } from "./scenario-mapping.ts";

/** The origin the in-process fake Immuta answers on; no request to it leaves the process. */
export const IN_PROCESS_ORIGIN = "http://immuta.synclab.test";

/** Both fakes built from a scenario, wired together. */
export type World = {
  immuta: ImmutaApp;
  tenant: EntraTenant;
  app: TenantApp;
  /** Where Immuta's REST API is read for expectations. */
  immutaOrigin: string;
  apiKey: string;
  /** Immuta REST calls for expectations (in-process or over HTTP). */
  immutaFetch: FetchLike;
};

export type WorldOptions = {
  runtime: Runtime;
  /** Where the Entra tenant URL points when the scenario does not say: the in-process Immuta by default. */
  immutaOrigin?: string;
  /** Fetch for URLs outside the process (default: global fetch). */
  networkFetch?: FetchLike;
};

/** Builds the fake Immuta and the fake Entra tenant a scenario describes (no step is run). */
export function buildWorld(scenario: Scenario, options: WorldOptions): World {
  const { runtime } = options;
  const immuta = createImmutaApp({
    iams: scenario.immuta.iams,
    ...(scenario.immuta.apiKey ? { apiKey: scenario.immuta.apiKey } : {}),
    ...(scenario.immuta.journal ? { journal: scenario.immuta.journal } : {}),
    runtime: { clock: runtime.clock, newId: runtime.newId, random: runtime.random },
  });
  const immutaOrigin = options.immutaOrigin ?? IN_PROCESS_ORIGIN;
  const networkFetch: FetchLike = options.networkFetch ?? ((request) => fetch(request));
  // Requests to the in-process origin go straight to the app's fetch (no socket); the rest go out.
  const routedFetch: FetchLike = (request) =>
    isInProcess(request.url) ? immuta.fetch(request) : networkFetch(request);

  // SCIM traffic to the in-process origin is handed over as plain data, without Request objects.
  const networkExchange = fetchExchange(networkFetch);
  const routedExchange: ExchangeLike = (request) =>
    isInProcess(request.url) ? immuta.exchange(request) : networkExchange(request);

  const tenant = new EntraTenant({
    runtime,
    exchange: routedExchange,
    logLimits: definedOnly(scenario.entra.provisioningLog ?? {}),
    scimTimeouts: definedOnly(scenario.entra.scimTimeouts ?? {}),
    ...(scenario.entra.tenantId ? { tenantId: scenario.entra.tenantId } : {}),
  });
  const firstIam = immuta.state.iams()[0];
  const appInput = scenario.entra.app;
  const config = buildAppConfig(appInput, {
    tenantUrl: `${immutaOrigin}${firstIam?.config.scimPath ?? "/bim/scim/entra"}`,
    secretToken: firstIam?.config.scimToken ?? DEV_CREDENTIALS.scimToken,
  });
  const app = tenant.addApp({
    displayName: appInput.displayName,
    config,
    quirks: appInput.quirks,
    assignments: populateDirectory(tenant, scenario),
    ...(appInput.servicePrincipalId ? { servicePrincipalId: appInput.servicePrincipalId } : {}),
    ...(appInput.appId ? { appId: appInput.appId } : {}),
    ...(appInput.jobId ? { jobId: appInput.jobId } : {}),
  });

  return { immuta, tenant, app, immutaOrigin, apiKey: immuta.state.apiKey, immutaFetch: routedFetch };
}

function isInProcess(url: string): boolean {
  return url.startsWith(`${IN_PROCESS_ORIGIN}/`) || new URL(url).origin === IN_PROCESS_ORIGIN;
}

/**
 * Creates the scenario's users, managers and groups; answers the ids assigned to the app. They are
 * the app's assignments from the start, before anything is provisioned, so they go in with the app.
 */
function populateDirectory(tenant: EntraTenant, scenario: Scenario): string[] {
  const assignments: string[] = [];
  for (const input of scenario.entra.users) {
    const user = tenant.directory.createUser(...graphUser(input));
    if (input.assigned) assignments.push(user.id);
  }
  for (const input of scenario.entra.users) {
    if (input.manager)
      tenant.directory.setManager(input.userPrincipalName, requireUserId(tenant, input.manager));
  }
  for (const input of scenario.entra.groups) {
    const group = tenant.directory.createGroup(
      {
        displayName: input.displayName,
        members: input.members.map((member) => requireUserId(tenant, member)),
      },
      input.id,
    );
    if (input.assigned) assignments.push(group.id);
  }
  return assignments;
}

function requireUserId(tenant: EntraTenant, idOrUpn: string): string {
  const user = tenant.directory.user(idOrUpn);
  if (!user) throw new Error(`no user '${idOrUpn}' in the scenario's directory`);
  return user.id;
}

/** The members that are set: zod's optional keys read as `undefined`, the options leave them out. */
function definedOnly<T extends Record<string, number | undefined>>(values: T): { [K in keyof T]?: number } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: number;
  };
}

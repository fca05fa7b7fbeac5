import { EntraTenant, type FetchLike, type ProvisioningConfig } from "../../../emulator/entra/index.ts";
import { createImmutaApp, DEV_CREDENTIALS, type IamConfigInput } from "../../../emulator/immuta/index.ts";
import { createDeterministicRuntime } from "../../../emulator/runtime/index.ts";
import type { JsonValue } from "../../../emulator/scim/index.ts";
import type { Scenario } from "../../loader/scenario-schema.ts";
import { buildAppConfig } from "../../world/app-config.ts";
import { IN_PROCESS_ORIGIN, type World } from "../../world/build-world.ts";

/** One world reused for every case of a run: reset between cases instead of rebuilt. */
export type ProveWorld = {
  world: World;
  /** The app's provisioning configuration as the scenario builds it (never mutated). */
  config: ProvisioningConfig;
  /** True when the tenant URL leaves the process (a real Immuta or a served fake). */
  remote: boolean;
  /** Forgets every user and restores the IAM settings; a fresh tenant holds just this user, assigned. */
  reset: (user: Record<string, JsonValue>) => void;
  /** The case changed the app's configuration (a mapping step): the next reset copies it afresh. */
  touchConfig: () => void;
};

export type ProveWorldOptions = { seed: number; networkFetch?: FetchLike };

/**
 * Builds the fake Immuta once (journal off: a run never reads it) and a fresh Entra tenant per
 * case, which costs a directory and an engine, not a Hono app.
 */
export function createProveWorld(scenario: Scenario, options: ProveWorldOptions): ProveWorld {
  const runtime = createDeterministicRuntime(options.seed);
  const iams: IamConfigInput[] = scenario.immuta.iams;
  const immuta = createImmutaApp({
    iams,
    ...(scenario.immuta.apiKey ? { apiKey: scenario.immuta.apiKey } : {}),
    runtime: { clock: runtime.clock, newId: runtime.newId },
    journalLimit: 0,
  });
  const networkFetch: FetchLike = options.networkFetch ?? ((request) => fetch(request));
  const routedFetch: FetchLike = (request) =>
    request.url.startsWith(IN_PROCESS_ORIGIN) ? immuta.fetch(request) : networkFetch(request);
  const first = immuta.state.iams()[0]?.config;
  const config = buildAppConfig(scenario.entra.app, {
    tenantUrl: `${IN_PROCESS_ORIGIN}${first?.scimPath ?? "/bim/scim/entra"}`,
    secretToken: first?.scimToken ?? DEV_CREDENTIALS.scimToken,
  });
  const remote = !config.tenantUrl.startsWith(IN_PROCESS_ORIGIN);
  const tenant = new EntraTenant({ runtime, fetch: routedFetch });
  const world: World = {
    immuta,
    tenant,
    app: tenant.addApp({ displayName: "Immuta", config: structuredClone(config) }),
    immutaOrigin: remote ? new URL(config.tenantUrl).origin : IN_PROCESS_ORIGIN,
    apiKey: scenario.immuta.apiKey ?? immuta.state.apiKey,
    immutaFetch: routedFetch,
  };
  // Copying the configuration is a sixth of a one-step case; only a case that changed it needs a new copy.
  let caseConfig = structuredClone(config);
  let touched = false;
  const reset = (user: Record<string, JsonValue>) => {
    immuta.state.reset();
    for (const input of iams) immuta.state.putIam(input);
    world.tenant = new EntraTenant({ runtime, fetch: routedFetch });
    const created = world.tenant.directory.createUser(user);
    if (touched) caseConfig = structuredClone(config);
    touched = false;
    world.app = world.tenant.addApp({
      displayName: scenario.entra.app.displayName,
      config: caseConfig,
      quirks: scenario.entra.app.quirks,
      assignments: [created.id],
    });
  };
  return { world, config, remote, reset, touchConfig: () => (touched = true) };
}

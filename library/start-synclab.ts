import { startServers } from "../cli/serve-command.ts";
import { resolveScenario } from "./resolve-scenario.ts";
import type { ScenarioSource } from "./scenario.ts";

/** Options of {@link startSynclab}. */
export type StartSynclabOptions = {
  /** A scenario file path or object; default: the seed example (alice, postalCode → entraid_attributes.zipcode). */
  scenario?: ScenarioSource;
  /** Port of the fake Entra; default 0 (a free port). */
  entraPort?: number;
  /** Port of the fake Immuta; default 0 (a free port). */
  immutaPort?: number;
  /** Address to bind; default 127.0.0.1. */
  host?: string;
};

/** Both fakes, listening: where to reach them, the credentials, and how to stop them. */
export type RunningSynclab = {
  /** Origin of the fake Entra; its Graph API is under `/v1.0`. */
  entraUrl: string;
  /** Origin of the fake Immuta (SCIM, `/bim`, `/_synclab/immuta`). */
  immutaUrl: string;
  /** Entra's tenant URL: the SCIM base URL of the scenario's first IAM. */
  scimUrl: string;
  scimToken: string;
  apiKey: string;
  /** Ids of the scenario's enterprise app, for Graph's `servicePrincipals/{id}/synchronization/jobs/{jobId}` URLs. */
  servicePrincipalId: string;
  jobId: string;
  /** Stops both servers. */
  close: () => Promise<void>;
};

/** Starts both fakes on real ports (free ones unless given), loaded with a scenario; its steps are not run. */
export async function startSynclab(options: StartSynclabOptions = {}): Promise<RunningSynclab> {
  const served = await startServers({
    scenario: await resolveScenario(options.scenario),
    entraPort: options.entraPort ?? 0,
    immutaPort: options.immutaPort ?? 0,
    host: options.host ?? "127.0.0.1",
  });
  const { job } = served.world.app;
  return {
    entraUrl: served.entra.url,
    immutaUrl: served.immuta.url,
    scimUrl: job.config.tenantUrl,
    scimToken: job.config.secretToken,
    apiKey: served.world.apiKey,
    servicePrincipalId: job.servicePrincipalId,
    jobId: job.jobId,
    close: served.close,
  };
}

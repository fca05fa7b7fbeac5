import type { ErrorInformation } from "../log/provisioning-log.ts";
import { matchingMappings } from "../mapping/matching-mappings.ts";
import { judgeResponse } from "../scim-client/judge-response.ts";
import { buildFilterQuery } from "../scim-client/scim-requests.ts";
import { sendScim, type ScimEndpoint, type ScimExchangeRecord } from "../scim-client/scim-transport.ts";
import type { EngineState } from "./engine-run.ts";

/** What Test Connection found: the probes it sent and, when one was not an empty list, the error. */
export type ConnectionTest = {
  ok: boolean;
  exchange: ScimExchangeRecord;
  exchanges: ScimExchangeRecord[];
  error: ErrorInformation | null;
};

type ProbeState = Pick<EngineState, "job" | "exchange" | "runtime">;

/**
 * A filter query for a user that cannot exist: a random GUID on the first matching attribute. Test
 * Connection sends it, and so does the start of a run ("keep alive",
 * https://github.com/AzureAD/SCIMReferenceCode/issues/63).
 */
export function probeUsers(state: ProbeState, endpoint: ScimEndpoint): Promise<ScimExchangeRecord> {
  const matching = matchingMappings(state.job.config.users.mappings)[0]?.target ?? "userName";
  return sendScim(state.exchange, endpoint, buildFilterQuery("Users", matching, state.runtime.newId()));
}

/**
 * Test Connection: the user probe, and a group probe when quirks.testConnectionGroupProbe is on
 * ("fetch a random user and group",
 * https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups).
 * Success is 200 with an empty ListResponse for each; anything else fails with the portal's
 * credential-validation error (https://github.com/MicrosoftDocs/azure-docs/issues/94189).
 */
export async function testConnection(state: ProbeState, endpoint: ScimEndpoint): Promise<ConnectionTest> {
  const exchanges = [await probeUsers(state, endpoint)];
  if (state.job.quirks.testConnectionGroupProbe) {
    const attribute = matchingMappings(state.job.config.groups.mappings)[0]?.target ?? "displayName";
    exchanges.push(
      await sendScim(state.exchange, endpoint, buildFilterQuery("Groups", attribute, state.runtime.newId())),
    );
  }
  const [exchange] = exchanges as [ScimExchangeRecord, ...ScimExchangeRecord[]];
  for (const probe of exchanges) {
    const judged = judgeResponse(probe, "list");
    const empty = judged.ok && judged.body.totalResults === 0;
    if (empty) continue;
    const reason = judged.ok
      ? `expected an empty ListResponse, got ${probe.responseText.slice(0, 200)}`
      : judged.error.reason;
    return {
      ok: false,
      exchange,
      exchanges,
      error: {
        errorCode: "SystemForCrossDomainIdentityManagementCredentialValidationFailure",
        reason: `While attempting to validate our authorization to access your application, we received this unexpected response: ${reason}`,
        additionalDetails: probe.responseText
          ? `Response Content: ${probe.responseText.slice(0, 2000)}`
          : null,
        errorCategory: "nonServiceFailure",
        recommendedAction: "Check the Tenant URL and Secret Token.",
      },
    };
  }
  return { ok: true, exchange, exchanges, error: null };
}

import type { JsonObject } from "../../scim/json.ts";
import type { TenantApp } from "../tenant/index.ts";

/**
 * The job as Graph's `synchronizationJob`
 * (https://learn.microsoft.com/graph/api/resources/synchronization-synchronizationjob):
 * `templateId` "scim", a 40-minute schedule (the incremental-cycle interval in
 * https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works), and the status of the last cycle
 * `start` ran. `status.code` is NotRun, Active or Paused.
 */
export function toGraphJob(app: TenantApp): JsonObject {
  const { job, state } = app;
  const last = state.lastCycle;
  const lastExecution: JsonObject | null = last
    ? {
        activityIdentifier: last.cycleId,
        countEntitled: null,
        countExported: null,
        error: null,
        state: "Succeeded",
        timeBegan: last.startedDateTime,
        timeEnded: last.endedDateTime,
      }
    : null;
  return {
    id: job.jobId,
    templateId: "scim",
    schedule: {
      expiration: null,
      interval: "PT40M",
      state: job.status === "Paused" ? "Disabled" : "Active",
    },
    status: {
      code: job.status,
      countSuccessiveCompleteFailures: 0,
      escrowsPruned: false,
      lastExecution,
      lastSuccessfulExecution: lastExecution,
      lastSuccessfulExecutionWithExports: lastExecution,
      quarantine: null,
      steadyStateFirstAchievedTime: lastExecution ? (last?.endedDateTime ?? null) : null,
      steadyStateLastAchievedTime: lastExecution ? (last?.endedDateTime ?? null) : null,
      troubleshootingUrl: null,
    },
    synchronizationJobSettings: [
      { name: "QuarantineTooManyDeletesThreshold", value: "500" },
      { name: "AzureIngestionAttributeOptimization", value: "False" },
    ],
  };
}

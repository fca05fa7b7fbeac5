import type { JsonObject } from "../../scim/index.ts";
import type { TenantApp } from "../tenant/index.ts";

/**
 * The job as Graph's `synchronizationJob`
 * (https://learn.microsoft.com/graph/api/resources/synchronization-synchronizationjob):
 * `templateId` "scim", a 40-minute schedule (the incremental-cycle interval in
 * https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works), and the status of the last cycle
 * `start` ran. `status.code` is NotRun, Active or Paused. `progress` and `synchronizedEntryCountByType`
 * (https://learn.microsoft.com/graph/api/resources/synchronization-synchronizationstatus): assumed one progress
 * entry for the last cycle in units of entries, and the linked users and groups counted under "User" and "Group".
 */
export function toGraphJob(app: TenantApp): JsonObject {
  const { job, state, engine } = app;
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
      progress: last
        ? [
            {
              completedUnits: engine.anchors.size + engine.groupAnchors.size,
              progressObservationDateTime: last.endedDateTime,
              totalUnits: engine.anchors.size + engine.groupAnchors.size,
              units: "Entries",
            },
          ]
        : [],
      quarantine: null,
      steadyStateFirstAchievedTime: lastExecution ? (last?.endedDateTime ?? null) : null,
      steadyStateLastAchievedTime: lastExecution ? (last?.endedDateTime ?? null) : null,
      synchronizedEntryCountByType: [
        { key: "User", value: engine.anchors.size },
        { key: "Group", value: engine.groupAnchors.size },
      ],
      troubleshootingUrl: null,
    },
    synchronizationJobSettings: [
      { name: "QuarantineTooManyDeletesThreshold", value: "500" },
      { name: "AzureIngestionAttributeOptimization", value: "False" },
    ],
  };
}

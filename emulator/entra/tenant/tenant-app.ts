import type { ProvisioningEngine } from "../provisioning/index.ts";
import type { ProvisioningJob } from "../provisioning/index.ts";

/** When and with which app role a principal was assigned (Graph `appRoleAssignment`). */
export type AssignmentDetails = { appRoleId: string; createdDateTime: string };

/** The last cycle a job ran, as Graph's `synchronizationStatus.lastExecution` reports it. */
export type LastCycle = {
  kind: "initial" | "incremental";
  startedDateTime: string;
  endedDateTime: string;
  cycleId: string;
};

/**
 * An enterprise app with its job and the engine that runs it. `state` is what the Graph API
 * keeps about the job beyond the engine: the last cycle that ran, when assignments were made,
 * and the job secrets the emulator does not interpret.
 */
export type TenantApp = {
  job: ProvisioningJob;
  engine: ProvisioningEngine;
  state: {
    lastCycle: LastCycle | null;
    /** Details of the principals in `job.assignments`; one missing means the default role, assigned at start. */
    assignments: Map<string, AssignmentDetails>;
    /** Job secrets other than BaseAddress, SecretToken, SkipOutOfScopeDeletions and SyncAll. */
    secrets: Map<string, string>;
  };
};

/**
 * The app role a non-gallery app's users get, "Default Access": the empty GUID, which Graph takes
 * when the app declares no roles (https://learn.microsoft.com/graph/api/resources/approleassignment).
 */
export const DEFAULT_ACCESS_ROLE_ID = "00000000-0000-0000-0000-000000000000";

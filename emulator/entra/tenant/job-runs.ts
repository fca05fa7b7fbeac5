import type { CycleOptions, CycleResult, RestartCriteria, RestartScope } from "../provisioning/index.ts";
import type { TenantApp } from "./tenant-app.ts";

/**
 * Leaving `resetScope` empty "emulates the Restart provisioning option in the Microsoft Entra admin
 * center ... similar to setting the resetScope to include QuarantineState, Watermark, and Escrows"
 * (https://learn.microsoft.com/graph/api/resources/synchronization-synchronizationjobrestartcriteria).
 */
export const PORTAL_RESTART_SCOPE: readonly RestartScope[] = ["QuarantineState", "Watermark", "Escrows"];

/**
 * Runs one provisioning cycle, as Graph's `start` does for a job that is not running
 * (https://learn.microsoft.com/graph/api/synchronization-synchronizationjob-start): the job is
 * Active from then on, and the cycle is its `status.lastExecution`
 * (https://learn.microsoft.com/graph/api/resources/synchronization-synchronizationstatus). Without
 * a kind, the cycle is initial after a (re)start and incremental otherwise.
 */
export async function runJobCycle(
  app: TenantApp,
  now: () => Date,
  kind?: "initial" | "incremental",
  options: CycleOptions = {},
): Promise<CycleResult> {
  app.job.status = "Active";
  const started = now().toISOString();
  const cycle = await app.engine.runCycle(kind, options);
  app.state.lastCycle = {
    kind: cycle.kind === "initial" ? "initial" : "incremental",
    cycleId: cycle.cycleId,
    startedDateTime: started,
    endedDateTime: now().toISOString(),
  };
  return cycle;
}

/**
 * Restarts the job (https://learn.microsoft.com/graph/api/synchronization-synchronizationjob-restart):
 * the given `resetScope`, or the portal's Restart provisioning when there is none; a paused job
 * runs again. The links to target objects stay unless the scope says otherwise
 * (https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works#incremental-cycles).
 */
export function restartJob(app: TenantApp, resetScope: readonly RestartScope[] | null): void {
  const criteria: RestartCriteria = { resetScope: resetScope ?? PORTAL_RESTART_SCOPE };
  app.engine.restart(criteria);
  if (app.job.status === "Paused") app.job.status = "Active";
}

/** Pauses the job (https://learn.microsoft.com/graph/api/synchronization-synchronizationjob-pause). */
export function pauseJob(app: TenantApp): void {
  app.job.status = "Paused";
}

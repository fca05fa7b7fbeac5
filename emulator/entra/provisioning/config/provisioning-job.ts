import type { Quirks } from "../../quirks.ts";
import type { ProvisioningConfig } from "./provisioning-config.ts";

/** An enterprise app (service principal) with its provisioning job: Graph's synchronizationJob. */
export type ProvisioningJob = {
  tenantId: string;
  servicePrincipalId: string;
  appId: string;
  displayName: string;
  /**
   * `scim.<guid>.<guid>` as seen in logs
   * (https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-log-analytics).
   */
  jobId: string;
  /** The one synchronization rule's id (provisionOnDemand `ruleId`). */
  ruleId: string;
  config: ProvisioningConfig;
  quirks: Quirks;
  /** Users and groups assigned to the app (app role assignments), by object id. */
  assignments: Set<string>;
  /** "Provisioning Status": On or Off (Graph job `status.code`: Active or Paused). */
  status: "Active" | "Paused" | "NotRun";
};

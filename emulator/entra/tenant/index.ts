export { EntraTenant, type AddAppInput } from "./entra-tenant.ts";
export { mergeQuirks } from "./merge-quirks.ts";
export { CONFIG_CHANGE_RESET_SCOPE, upsertMapping, type MappedObject } from "./configuration.ts";
export { PORTAL_RESTART_SCOPE } from "./job-runs.ts";
export {
  DEFAULT_ACCESS_ROLE_ID,
  type AssignmentDetails,
  type LastCycle,
  type TenantApp,
} from "./tenant-app.ts";

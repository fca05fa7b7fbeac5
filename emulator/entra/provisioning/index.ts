export {
  ProvisioningEngine,
  ON_DEMAND_GROUP_MEMBER_LIMIT,
  RESTART_SCOPES,
  type CycleOptions,
  type RestartCriteria,
  type RestartScope,
} from "./engine/provisioning-engine.ts";
export type {
  Anchor,
  CycleResult,
  EngineRuntime,
  GroupAnchor,
  ObjectResult,
  RunKind,
} from "./engine/engine-run.ts";
export { Escrow, type EscrowEntry } from "./engine/escrow.ts";
export type { ConnectionTest } from "./engine/test-connection.ts";
export {
  FLOW_TYPES,
  SCOPING_OPERATORS,
  TARGET_ATTRIBUTE_TYPES,
  targetAttribute,
  unlistedTargetAttribute,
  type AttributeMapping,
  type FlowType,
  type MappingSource,
  type MappingType,
  type ObjectMapping,
  type ProvisioningConfig,
  type ProvisioningScope,
  type ScopingClause,
  type ScopingFilter,
  type ScopingOperator,
  type TargetAttribute,
  type TargetAttributeType,
} from "./config/provisioning-config.ts";
export type { ProvisioningJob } from "./config/provisioning-job.ts";
export {
  ACTIVE_EXPRESSION,
  defaultGroupAttributes,
  defaultGroupMappings,
  defaultObjectMapping,
  defaultProvisioningConfig,
  defaultUserAttributes,
  defaultUserMappings,
  GROUP_MAPPING_NAME,
  USER_MAPPING_NAME,
} from "./config/default-template.ts";
export {
  formatLogRecord,
  PROVISIONING_ERROR_CODES,
  type ErrorInformation,
  type ProvisioningAction,
  type ProvisioningErrorCode,
  type ProvisioningLogRecord,
  type ProvisioningStatus,
  type ProvisioningStep,
  type ProvisioningStepType,
} from "./log/provisioning-log.ts";
export { DEFAULT_LOG_LIMITS, ProvisioningLogRing, type LogRingLimits } from "./log/log-ring.ts";
export {
  DEFAULT_SCIM_TIMEOUTS,
  ScimTimeoutError,
  withTimeouts,
  type ScimTimeouts,
} from "./scim-client/scim-timeouts.ts";
export { diff } from "./mapping/attribute-diff.ts";
export { matchingMappings } from "./mapping/matching-mappings.ts";
export { parseTargetPath, type TargetPath } from "./mapping/target-path.ts";
export { evaluateClause, isInScope } from "./scope/scoping.ts";
export {
  FLAG,
  fetchExchange,
  parseTenantUrl,
  type ExchangeLike,
  type ExchangeRequest,
  type FetchLike,
  type ScimEndpoint,
  type ScimExchangeRecord,
} from "./scim-client/scim-transport.ts";

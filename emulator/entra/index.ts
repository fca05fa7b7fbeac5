export {
  defaultObjectMapping,
  targetAttribute,
  defaultProvisioningConfig,
  parseTargetPath,
  parseTenantUrl,
  defaultUserAttributes,
  SCOPING_OPERATORS,
  TARGET_ATTRIBUTE_TYPES,
  formatLogRecord,
  RESTART_SCOPES,
  defaultGroupAttributes,
  unlistedTargetAttribute,
  fetchExchange,
  evaluateClause,
  type CycleResult,
  type AttributeMapping,
  type ObjectMapping,
  type ProvisioningConfig,
  type TargetAttribute,
  type FetchLike,
  type FlowType,
  type MappingSource,
  type ScimExchangeRecord,
  type ExchangeLike,
  type ScopingOperator,
  type ProvisioningJob,
  type ProvisioningLogRecord,
  type LogRingLimits,
  DEFAULT_LOG_LIMITS,
  ProvisioningLogRing,
  DEFAULT_SCIM_TIMEOUTS,
  type ScimTimeouts,
} from "./provisioning/index.ts";
export {
  EntraTenant,
  mergeQuirks,
  upsertMapping,
  DEFAULT_ACCESS_ROLE_ID,
  type TenantApp,
} from "./tenant/index.ts";
export { exportSchema } from "./schema/export-schema.ts";
export { importSchema } from "./schema/import-schema.ts";
export { formatSchemaProblem, SchemaImportError } from "./schema/schema-import-error.ts";
export { createEntraApp, renderGraphEdgeError } from "./graph/create-entra-app.ts";
export { DROPPED_RECORDS_HEADER } from "./graph/routes/audit-log-routes.ts";
export {
  COMPARISON_OPERATORS,
  evaluateExpression,
  FUNCTIONS,
  parseExpression,
  printExpression,
  type CallExpression,
  type Expression,
  type FunctionSignature,
} from "./expression/index.ts";
export { Directory } from "./directory/directory.ts";
export { EntraError } from "./entra-error.ts";
export { isExpressionError } from "./expression/expression-error.ts";
export { QUIRKS, defaultQuirks, type QuirkName } from "./quirks.ts";
export {
  DIRECTORY_EXTENSION,
  ON_PREMISES_EXTENSION_ATTRIBUTES,
  USER_PROPERTY_TYPES,
  type GraphPropertyType,
} from "./directory/entra-user.ts";
export { toGraphAttributeMapping } from "./schema/attribute-mapping-json.ts";
export { type SynchronizationSchema, type GraphObjectMapping } from "./schema/synchronization-schema.ts";

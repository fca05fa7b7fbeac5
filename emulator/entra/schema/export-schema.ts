import type { ObjectMapping, ScopingFilter, TargetAttribute } from "../provisioning/index.ts";
import type { ProvisioningJob } from "../provisioning/index.ts";
import { sourceNamesOf, toGraphAttributeMapping } from "./attribute-mapping-json.ts";
import { sourceDirectory } from "./source-directory.ts";
import {
  SOURCE_DIRECTORY_NAME,
  TARGET_DIRECTORY_NAME,
  type AttributeDefinition,
  type GraphFilter,
  type GraphObjectMapping,
  type SynchronizationSchema,
} from "./synchronization-schema.ts";

/** Operators that take no value: their clause is written with an empty `values` list. */
export const UNARY_OPERATORS: readonly string[] = ["IS NULL", "IS NOT NULL", "IS TRUE", "IS FALSE"];

/**
 * The rule name seen for SCIM templates (the AWS template in
 * https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-configuration-api).
 */
const RULE_NAME = "USERGROUP_OUTBOUND_USERGROUP";

/**
 * The job's configuration as Graph's synchronizationSchema (GET .../jobs/{id}/schema; the portal's
 * "Review your schema" download,
 * https://learn.microsoft.com/entra/identity/app-provisioning/export-import-provisioning-configuration): the
 * Entra source directory, the
 * customappsso target directory with its attribute lists, and one rule with the user and group
 * object mappings. Credentials are not part of a schema (they are job secrets).
 */
export function exportSchema(job: ProvisioningJob): SynchronizationSchema {
  const { config } = job;
  const used = { user: namesRead(config.users), group: namesRead(config.groups) };
  return {
    id: job.jobId.split(".")[0] ?? "scim",
    directories: [
      sourceDirectory(used),
      {
        id: TARGET_DIRECTORY_NAME,
        name: TARGET_DIRECTORY_NAME,
        objects: [
          {
            attributes: config.userAttributes.map(toAttributeDefinition),
            metadata: [],
            name: config.users.targetObject,
            supportedApis: [],
          },
          {
            attributes: config.groupAttributes.map(toAttributeDefinition),
            metadata: [],
            name: config.groups.targetObject,
            supportedApis: [],
          },
        ],
        version: null,
        discoveryDateTime: null,
        discoverabilities: null,
      },
    ],
    synchronizationRules: [
      {
        editable: true,
        id: job.ruleId,
        name: RULE_NAME,
        metadata: [
          { key: "defaultSourceObjectMappings", value: null },
          { key: "supportsProvisionOnDemand", value: "true" },
        ],
        objectMappings: [toObjectMapping(config.users), toObjectMapping(config.groups)],
        priority: 1,
        sourceDirectoryName: SOURCE_DIRECTORY_NAME,
        targetDirectoryName: TARGET_DIRECTORY_NAME,
      },
    ],
    version: "synclab:1",
  };
}

function namesRead(mapping: ObjectMapping): Set<string> {
  const names = new Set<string>();
  for (const { source } of mapping.mappings) for (const name of sourceNamesOf(source)) names.add(name);
  for (const filter of mapping.scopingFilters)
    for (const clause of filter.clauses) names.add(clause.attribute);
  return names;
}

/** A customappsso attribute-list row as Graph's `attributeDefinition`. */
export function toAttributeDefinition(attribute: TargetAttribute): AttributeDefinition {
  return {
    anchor: attribute.primaryKey,
    apiExpressions: [],
    caseExact: attribute.caseExact,
    defaultValue: null,
    flowNullValues: false,
    metadata: [],
    multivalued: attribute.multiValued,
    mutability: "ReadWrite",
    name: attribute.name,
    referencedObjects: attribute.referencedObjects.map((name) => ({
      referencedObjectName: name,
      referencedProperty: null,
    })),
    required: attribute.required,
    type: attribute.type,
  };
}

function toObjectMapping(mapping: ObjectMapping): GraphObjectMapping {
  const flowTypes = [
    mapping.actions.create ? "Add" : null,
    mapping.actions.update ? "Update" : null,
    mapping.actions.delete ? "Delete" : null,
  ].filter((value) => value !== null);
  return {
    attributeMappings: mapping.mappings.map(toGraphAttributeMapping),
    enabled: mapping.enabled,
    // objectFlowTypes is a flags enum: no action at all is "None".
    flowTypes: flowTypes.length === 0 ? "None" : flowTypes.join(", "),
    metadata: [
      { key: "IsCustomerDefined", value: "false" },
      { key: "DisableMonitoringForChanges", value: "false" },
      { key: "Disposition", value: '"Normal"' },
      { key: "ExcludeFromReporting", value: "false" },
      { key: "EscrowBehavior", value: '"Default"' },
      { key: "Unsynchronized", value: "false" },
      ...(mapping.sourceObject === "Group" ? [{ key: "OriginalJoiningProperty", value: "displayName" }] : []),
    ],
    name: mapping.name,
    scope: toScope(mapping.scopingFilters),
    sourceObjectName: mapping.sourceObject,
    targetObjectName: mapping.targetObject,
  };
}

/** No scoping filter is `scope: null`, as in the Graph sample. */
function toScope(filters: ScopingFilter[]): GraphFilter | null {
  if (filters.length === 0) return null;
  return {
    groups: filters.map((filter) => ({
      name: filter.name,
      clauses: filter.clauses.map((clause) => ({
        operatorName: clause.operator,
        sourceOperandName: clause.attribute,
        targetOperand: {
          values: clause.value === "" && UNARY_OPERATORS.includes(clause.operator) ? [] : [clause.value],
        },
      })),
    })),
    inputFilterGroups: [],
    categoryFilterGroups: [],
  };
}

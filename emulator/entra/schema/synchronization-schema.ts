import { z } from "zod";
import type { AttributeMappingSource } from "../expression/index.ts";
import { TARGET_ATTRIBUTE_TYPES } from "../provisioning/index.ts";

/*
 * Microsoft Graph's synchronizationSchema JSON (beta resources synchronization-synchronizationschema,
 * -directorydefinition, -objectdefinition, -attributedefinition, -synchronizationrule,
 * -objectmapping, -attributemapping, -attributemappingsource, -filter;
 * https://learn.microsoft.com/graph/api/resources/synchronization-synchronizationschema?view=graph-rest-beta).
 * Parsing is lenient about what the emulator does not use (unknown members pass, most members
 * have Graph's defaults) and strict about what it does.
 */

/** Graph `stringKeyStringValuePair` / `metadataEntry`. */
const keyValue = z.object({ key: z.string(), value: z.string().nullable().default(null) });

const mappingSourceSchema: z.ZodType<AttributeMappingSource> = z.lazy(() =>
  z.object({
    expression: z.string().nullable().default(null),
    name: z.string().nullable().default(null),
    type: z.enum(["Attribute", "Constant", "Function"]),
    parameters: z.array(z.object({ key: z.string(), value: mappingSourceSchema })).default([]),
  }),
);

/** Graph `referencedObject`; a bare object name is accepted too. */
const referencedObject = z.union([
  z.string().transform((name) => ({ referencedObjectName: name, referencedProperty: null })),
  z.object({
    referencedObjectName: z.string(),
    referencedProperty: z.string().nullable().default(null),
  }),
]);

/** Graph `attributeDefinition`. */
export const attributeDefinitionSchema = z.object({
  anchor: z.boolean().default(false),
  apiExpressions: z.array(keyValue).default([]),
  caseExact: z.boolean().default(false),
  defaultValue: z.string().nullable().default(null),
  flowNullValues: z.boolean().default(false),
  metadata: z.array(keyValue).default([]),
  multivalued: z.boolean().default(false),
  mutability: z.enum(["ReadWrite", "ReadOnly", "Immutable", "WriteOnly"]).default("ReadWrite"),
  name: z.string().min(1),
  referencedObjects: z.array(referencedObject).nullable().default([]),
  required: z.boolean().default(false),
  type: z.enum(TARGET_ATTRIBUTE_TYPES).default("String"),
});
export type AttributeDefinition = z.output<typeof attributeDefinitionSchema>;

/** Graph `objectDefinition`. */
export const objectDefinitionSchema = z.object({
  attributes: z.array(attributeDefinitionSchema).default([]),
  metadata: z.array(keyValue).default([]),
  name: z.string().min(1),
  supportedApis: z.array(z.string()).default([]),
});
export type ObjectDefinition = z.output<typeof objectDefinitionSchema>;

/** Graph `directoryDefinition`. */
export const directoryDefinitionSchema = z.object({
  id: z.string().nullable().default(null),
  name: z.string().min(1),
  objects: z.array(objectDefinitionSchema).default([]),
  version: z.string().nullable().default(null),
  discoveryDateTime: z.string().nullable().default(null),
  discoverabilities: z.string().nullable().default(null),
});
export type DirectoryDefinition = z.output<typeof directoryDefinitionSchema>;

/**
 * Graph `attributeMapping.flowType` values
 * (https://learn.microsoft.com/graph/api/resources/synchronization-attributemapping?view=graph-rest-beta).
 */
export const GRAPH_FLOW_TYPES = [
  "Always",
  "ObjectAddOnly",
  "MultiValueAddOnly",
  "ValueAddOnly",
  "AttributeAddOnly",
] as const;

/** Graph `attributeMapping`. `source: null` is a Constant (with `defaultValue`) or a None mapping. */
export const attributeMappingSchema = z.object({
  defaultValue: z.string().nullable().default(null),
  exportMissingReferences: z.boolean().default(false),
  flowBehavior: z.enum(["FlowWhenChanged", "FlowAlways"]).default("FlowWhenChanged"),
  flowType: z.enum(GRAPH_FLOW_TYPES).default("Always"),
  matchingPriority: z.number().int().min(0).default(0),
  source: mappingSourceSchema.nullable().default(null),
  targetAttributeName: z.string().min(1),
});
export type GraphAttributeMapping = z.output<typeof attributeMappingSchema>;

/**
 * Graph `filterClause`
 * (https://learn.microsoft.com/graph/api/resources/synchronization-filterclause?view=graph-rest-beta).
 */
const filterClauseSchema = z.object({
  operatorName: z.string().min(1),
  sourceOperandName: z.string().min(1),
  targetOperand: z.object({ values: z.array(z.string()).default([]) }).default({ values: [] }),
});

/** Graph `filterGroup`: clauses ANDed; groups ORed. */
const filterGroupSchema = z.object({
  clauses: z.array(filterClauseSchema).default([]),
  name: z.string().default("Scoping filter"),
});
export type FilterGroup = z.output<typeof filterGroupSchema>;

/** Graph `filter` (objectMapping.scope). */
export const filterSchema = z.object({
  groups: z.array(filterGroupSchema).default([]),
  inputFilterGroups: z.array(filterGroupSchema).default([]),
  categoryFilterGroups: z.array(filterGroupSchema).default([]),
});
export type GraphFilter = z.output<typeof filterSchema>;

/** Graph `objectMapping`. */
export const objectMappingSchema = z.object({
  attributeMappings: z.array(attributeMappingSchema).default([]),
  enabled: z.boolean().default(true),
  flowTypes: z.string().default("Add, Update, Delete"),
  metadata: z.array(keyValue).default([]),
  name: z.string().default(""),
  scope: filterSchema.nullable().default(null),
  sourceObjectName: z.string().min(1),
  targetObjectName: z.string().min(1),
});
export type GraphObjectMapping = z.output<typeof objectMappingSchema>;

/** Graph `synchronizationRule`. */
export const synchronizationRuleSchema = z.object({
  editable: z.boolean().default(true),
  id: z.string().nullable().default(null),
  name: z.string().nullable().default(null),
  metadata: z.array(keyValue).default([]),
  objectMappings: z.array(objectMappingSchema).default([]),
  priority: z.number().int().default(1),
  sourceDirectoryName: z.string().min(1),
  targetDirectoryName: z.string().min(1),
});
export type SynchronizationRule = z.output<typeof synchronizationRuleSchema>;

/** Graph `synchronizationSchema` (the portal's "Review your schema" download). */
export const synchronizationSchemaSchema = z.object({
  id: z.string().nullable().default(null),
  directories: z.array(directoryDefinitionSchema).default([]),
  synchronizationRules: z.array(synchronizationRuleSchema).min(1),
  version: z.string().nullable().default(null),
});
export type SynchronizationSchema = z.output<typeof synchronizationSchemaSchema>;

/** The source directory's name in schemas (newer tenants also show "Microsoft Entra ID"). */
export const SOURCE_DIRECTORY_NAME = "Azure Active Directory";
export const SOURCE_DIRECTORY_NAMES = [SOURCE_DIRECTORY_NAME, "Microsoft Entra ID"] as const;
/** The target directory of a non-gallery SCIM app ("Edit attribute list for customappsso",
 * https://learn.microsoft.com/entra/identity/app-provisioning/customize-application-attributes). */
export const TARGET_DIRECTORY_NAME = "customappsso";

import type { z } from "zod";
import { exceedsJsonDepth } from "../../scim/index.ts";
import {
  targetAttribute,
  SCOPING_OPERATORS,
  type AttributeMapping,
  type ObjectMapping,
  type ProvisioningConfig,
  type ScopingFilter,
  type ScopingOperator,
  type TargetAttribute,
} from "../provisioning/index.ts";
import { fromGraphAttributeMapping } from "./attribute-mapping-json.ts";
import { SchemaImportError, type SchemaProblem } from "./schema-import-error.ts";
import {
  SOURCE_DIRECTORY_NAMES,
  synchronizationSchemaSchema,
  TARGET_DIRECTORY_NAME,
  type AttributeDefinition,
  type GraphFilter,
  type GraphObjectMapping,
  type SynchronizationSchema,
} from "./synchronization-schema.ts";

/** What an import gives: the new configuration and what it had to leave out. */
export type ImportedSchema = { config: ProvisioningConfig; warnings: string[] };

/** Deeper than any real schema (expression trees nest a few levels); stops stack exhaustion. */
const MAX_DEPTH = 64;

type Path = (string | number)[];

/**
 * A synchronizationSchema (Graph JSON, or its text) as the job's provisioning configuration: the
 * customappsso attribute lists, the user and group object mappings, their attribute mappings and
 * scoping filters. Credentials, scope and SkipOutOfScopeDeletions are job secrets, so they are
 * kept from `job`. Constant mappings are read in both forms (see toGraphAttributeMapping).
 *
 * @throws SchemaImportError listing every problem, each with a stable code and a JSON path.
 */
export function importSchema(json: unknown, job: { config: ProvisioningConfig }): ImportedSchema {
  const data = typeof json === "string" ? parseText(json) : json;
  if (exceedsJsonDepth(data, MAX_DEPTH)) {
    throw new SchemaImportError([
      { code: "too-deep", path: [], message: `nested deeper than ${MAX_DEPTH} levels` },
    ]);
  }
  const parsed = synchronizationSchemaSchema.safeParse(data);
  if (!parsed.success) throw new SchemaImportError(parsed.error.issues.map(toProblem));
  return fromSchema(parsed.data, job.config);
}

function parseText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SchemaImportError([{ code: "invalid-json", path: [], message: (error as Error).message }]);
  }
}

function toProblem(issue: z.core.$ZodIssue): SchemaProblem {
  return {
    code: "invalid-shape",
    path: issue.path.filter((key): key is string | number => typeof key !== "symbol"),
    message: issue.message,
  };
}

function fromSchema(schema: SynchronizationSchema, base: ProvisioningConfig): ImportedSchema {
  const problems: SchemaProblem[] = [];
  const warnings: string[] = [];
  const ruleIndex = schema.synchronizationRules.findIndex(
    (rule) =>
      (SOURCE_DIRECTORY_NAMES as readonly string[]).includes(rule.sourceDirectoryName) &&
      rule.objectMappings.some((mapping) => mapping.sourceObjectName === "User"),
  );
  const rule = schema.synchronizationRules[ruleIndex];
  if (rule === undefined) {
    throw new SchemaImportError([
      {
        code: "no-rule",
        path: ["synchronizationRules"],
        message: `no synchronization rule from '${SOURCE_DIRECTORY_NAMES.join("' or '")}' with a User object mapping`,
      },
    ]);
  }
  if (schema.synchronizationRules.length > 1) {
    warnings.push(`only synchronizationRules[${ruleIndex}] is imported; the emulator runs one rule per job`);
  }
  if (rule.targetDirectoryName !== TARGET_DIRECTORY_NAME) {
    warnings.push(`target directory '${rule.targetDirectoryName}' is treated as ${TARGET_DIRECTORY_NAME}`);
  }
  const rulePath: Path = ["synchronizationRules", ruleIndex];
  const target = schema.directories.find((directory) => directory.name === rule.targetDirectoryName);

  const read = (kind: "User" | "Group") => {
    const index = rule.objectMappings.findIndex((mapping) => mapping.sourceObjectName === kind);
    const mapping = rule.objectMappings[index];
    if (mapping === undefined) return null;
    const objectIndex = target?.objects.findIndex((object) => object.name === mapping.targetObjectName) ?? -1;
    const attributes = target?.objects[objectIndex]?.attributes;
    if (attributes === undefined) {
      warnings.push(
        `no attribute list for target object '${mapping.targetObjectName}' in directory '${rule.targetDirectoryName}'; it is built from the mappings`,
      );
    }
    const list = (attributes ?? []).map(fromAttributeDefinition);
    const objectMapping = readObjectMapping(
      mapping,
      [...rulePath, "objectMappings", index],
      list,
      attributes !== undefined,
      problems,
      warnings,
    );
    return { objectMapping, attributes: list };
  };

  const users = read("User");
  const groups = read("Group");
  for (const extra of rule.objectMappings.filter(
    (m) => m.sourceObjectName !== "User" && m.sourceObjectName !== "Group",
  )) {
    warnings.push(`object mapping '${extra.name}' (source object ${extra.sourceObjectName}) is not emulated`);
  }
  if (users === null) {
    problems.push({
      code: "no-user-mapping",
      path: [...rulePath, "objectMappings"],
      message: "no object mapping with sourceObjectName 'User'",
    });
  }
  if (problems.length > 0 || users === null) throw new SchemaImportError(problems);

  const config: ProvisioningConfig = {
    ...base,
    userAttributes: users.attributes,
    groupAttributes: groups?.attributes ?? [],
    users: users.objectMapping,
    groups: groups?.objectMapping ?? { ...base.groups, enabled: false, mappings: [], scopingFilters: [] },
  };
  if (groups === null) warnings.push("the schema has no Group object mapping: group provisioning is off");
  return { config, warnings };
}

function fromAttributeDefinition(definition: AttributeDefinition): TargetAttribute {
  return {
    name: definition.name,
    type: definition.type,
    required: definition.required,
    multiValued: definition.multivalued,
    caseExact: definition.caseExact,
    primaryKey: definition.anchor,
    referencedObjects: (definition.referencedObjects ?? []).map((object) => object.referencedObjectName),
  };
}

function readObjectMapping(
  json: GraphObjectMapping,
  path: Path,
  attributes: TargetAttribute[],
  checkTargets: boolean,
  problems: SchemaProblem[],
  warnings: string[],
): ObjectMapping {
  const mappings: AttributeMapping[] = [];
  const seen = new Set<string>();
  json.attributeMappings.forEach((item, index) => {
    const itemPath = [...path, "attributeMappings", index];
    const key = item.targetAttributeName.toLowerCase();
    if (seen.has(key)) {
      problems.push({
        code: "duplicate-target-attribute",
        path: [...itemPath, "targetAttributeName"],
        message: `'${item.targetAttributeName}' is mapped twice`,
      });
    }
    seen.add(key);
    // SCIM attribute names are case-insensitive (RFC 7643 §2.1); the attribute editor lists each once.
    if (!attributes.some((attribute) => attribute.name.toLowerCase() === key)) {
      if (checkTargets) {
        problems.push({
          code: "unknown-target-attribute",
          path: [...itemPath, "targetAttributeName"],
          message: `'${item.targetAttributeName}' is not in the attribute list of target object '${json.targetObjectName}'`,
        });
      } else {
        attributes.push(targetAttribute(item.targetAttributeName));
      }
    }
    if (item.flowBehavior !== "FlowWhenChanged") {
      warnings.push(
        `${item.targetAttributeName}: flowBehavior ${item.flowBehavior} is treated as FlowWhenChanged`,
      );
    }
    const read = fromGraphAttributeMapping(item, itemPath);
    if (read.mapping === null) problems.push(...read.problems);
    else mappings.push(read.mapping);
  });
  if (
    json.enabled &&
    !mappings.some((mapping) => mapping.matchingPriority > 0) &&
    json.attributeMappings.length > 0
  ) {
    problems.push({
      code: "no-matching-attribute",
      path: [...path, "attributeMappings"],
      message: "an enabled object mapping needs a matching attribute (matchingPriority > 0)",
    });
  }
  return {
    name: json.name,
    enabled: json.enabled,
    sourceObject: json.sourceObjectName === "Group" ? "Group" : "User",
    targetObject: json.targetObjectName,
    actions: readFlowTypes(json.flowTypes, [...path, "flowTypes"], problems),
    mappings,
    scopingFilters: readScope(json.scope, [...path, "scope"], problems, warnings),
  };
}

/** `"Add, Update, Delete"` (a flags enum: "None" or any subset). */
function readFlowTypes(text: string, path: Path, problems: SchemaProblem[]): ObjectMapping["actions"] {
  const actions = { create: false, update: false, delete: false };
  for (const part of text.split(",").map((item) => item.trim().toLowerCase())) {
    if (part === "add") actions.create = true;
    else if (part === "update") actions.update = true;
    else if (part === "delete") actions.delete = true;
    else if (part !== "none" && part !== "") {
      problems.push({
        code: "unsupported-flow-types",
        path,
        message: `unknown flow type '${part}' in '${text}'`,
      });
    }
  }
  return actions;
}

function readScope(
  scope: GraphFilter | null,
  path: Path,
  problems: SchemaProblem[],
  warnings: string[],
): ScopingFilter[] {
  if (scope === null) return [];
  if (scope.inputFilterGroups.length > 0 || scope.categoryFilterGroups.length > 0) {
    warnings.push(
      "inputFilterGroups and categoryFilterGroups (experimental in Graph) are not emulated and were dropped",
    );
  }
  return scope.groups.map((group, groupIndex) => ({
    name: group.name,
    clauses: group.clauses.map((clause, clauseIndex) => {
      const clausePath = [...path, "groups", groupIndex, "clauses", clauseIndex];
      const operator = SCOPING_OPERATORS.find(
        (candidate): candidate is ScopingOperator => candidate === clause.operatorName,
      );
      if (operator === undefined) {
        problems.push({
          code: "unsupported-operator",
          path: [...clausePath, "operatorName"],
          message: `unknown scoping operator '${clause.operatorName}'; one of ${SCOPING_OPERATORS.join(", ")}`,
        });
      }
      const values = clause.targetOperand.values;
      if (values.length > 1) {
        problems.push({
          code: "too-many-values",
          path: [...clausePath, "targetOperand", "values"],
          message: "the emulator compares with one value per clause",
        });
      }
      return { attribute: clause.sourceOperandName, operator: operator ?? "EQUALS", value: values[0] ?? "" };
    }),
  }));
}

/**
 * Attribute types of the customappsso attribute editor
 * (https://learn.microsoft.com/entra/identity/app-provisioning/customize-application-attributes).
 */
export const TARGET_ATTRIBUTE_TYPES = [
  "String",
  "Boolean",
  "Integer",
  "DateTime",
  "Reference",
  "Binary",
] as const;
export type TargetAttributeType = (typeof TARGET_ATTRIBUTE_TYPES)[number];

/** One row of "Edit attribute list for customappsso" (Graph `attributeDefinition`). */
export type TargetAttribute = {
  name: string;
  type: TargetAttributeType;
  required: boolean;
  multiValued: boolean;
  /** "Exact case?": values compared case-sensitively when detecting changes. */
  caseExact: boolean;
  /** "Primary Key?" (Graph `anchor`). */
  primaryKey: boolean;
  /** For Reference attributes: the object type referenced (e.g. `User`). */
  referencedObjects: string[];
};

/** Where a mapping's value comes from (Graph `attributeMappingSource`, portal "Mapping type"). */
export type MappingSource =
  | { type: "Direct"; attribute: string }
  | { type: "Constant"; value: string }
  | { type: "Expression"; expression: string }
  /** "None": the target is left alone, but filled with the default value when it is empty. */
  | { type: "None" };
export type MappingType = MappingSource["type"];

/** "Apply this mapping": Always, or Only during object creation (Graph `flowType`). */
export const FLOW_TYPES = ["Always", "ObjectAddOnly"] as const;
export type FlowType = (typeof FLOW_TYPES)[number];

/** One attribute mapping (Graph `attributeMapping`). */
export type AttributeMapping = {
  target: string;
  source: MappingSource;
  /** "Default value if null": used only when the object is created (customize-application-attributes). */
  defaultValue: string | null;
  flowType: FlowType;
  /** 0 = not a matching attribute; lower positive values are tried first. */
  matchingPriority: number;
};

/**
 * Scoping filter operators
 * (https://learn.microsoft.com/entra/identity/app-provisioning/define-conditional-rules-for-provisioning-user-accounts).
 */
export const SCOPING_OPERATORS = [
  "&",
  "!&",
  "ENDS_WITH",
  "EQUALS",
  "Greater_Than",
  "Greater_Than_OR_EQUALS",
  "Includes",
  "IS FALSE",
  "IS NOT NULL",
  "IS NULL",
  "IS TRUE",
  "NOT EQUALS",
  "NOT REGEX MATCH",
  "REGEX MATCH",
] as const;
export type ScopingOperator = (typeof SCOPING_OPERATORS)[number];

/** One clause of a scoping filter (Graph `filterClause`). */
export type ScopingClause = { attribute: string; operator: ScopingOperator; value: string };
/** A scoping filter: its clauses are ANDed; several filters are ORed (Graph `filterGroup`). */
export type ScopingFilter = { name: string; clauses: ScopingClause[] };

/** One object mapping (Graph `objectMapping`): users or groups, with target object actions. */
export type ObjectMapping = {
  name: string;
  enabled: boolean;
  sourceObject: "User" | "Group";
  targetObject: string;
  /** Target Object Actions: Create, Update, Delete (Graph `flowTypes`). */
  actions: { create: boolean; update: boolean; delete: boolean };
  mappings: AttributeMapping[];
  scopingFilters: ScopingFilter[];
};

/** "Sync only assigned users and groups" or "Sync all users and groups". */
export type ProvisioningScope = "assigned" | "all";

/** An enterprise app's provisioning configuration (one job, one synchronization rule). */
export type ProvisioningConfig = {
  /** Admin Credentials → Tenant URL (Graph secret `BaseAddress`). */
  tenantUrl: string;
  /** Admin Credentials → Secret Token (Graph secret `SecretToken`). */
  secretToken: string;
  scope: ProvisioningScope;
  /** The customappsso attribute list of the user object. */
  userAttributes: TargetAttribute[];
  /** The customappsso attribute list of the group object. */
  groupAttributes: TargetAttribute[];
  users: ObjectMapping;
  groups: ObjectMapping;
  /**
   * `SkipOutOfScopeDeletions` secret
   * (https://learn.microsoft.com/entra/identity/app-provisioning/skip-out-of-scope-deletions).
   */
  skipOutOfScopeDeletions: boolean;
};

/** A target attribute with the editor's defaults for what is left out. */
export function targetAttribute(
  name: string,
  overrides: Partial<Omit<TargetAttribute, "name">> = {},
): TargetAttribute {
  return {
    name,
    type: "String",
    required: false,
    multiValued: false,
    caseExact: false,
    primaryKey: false,
    referencedObjects: [],
    ...overrides,
  };
}

/**
 * A mapped target attribute that is not in the customappsso list: typed as the SCIM core schema
 * types it (RFC 7643 §4.1: `active` is Boolean), String otherwise, the attribute editor's default.
 */
export function unlistedTargetAttribute(name: string): TargetAttribute {
  return name.toLowerCase() === "active" ? targetAttribute(name, { type: "Boolean" }) : targetAttribute(name);
}

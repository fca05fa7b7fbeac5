import {
  defaultObjectMapping,
  defaultGroupAttributes,
  defaultUserAttributes,
} from "../../emulator/entra/index.ts";
import {
  unlistedTargetAttribute,
  type ObjectMapping,
  type ProvisioningConfig,
  type TargetAttribute,
} from "../../emulator/entra/index.ts";
import { importSchema } from "../../emulator/entra/index.ts";
import { upsertMapping } from "../../emulator/entra/index.ts";
import type { Scenario } from "../loader/scenario-schema.ts";
import { toAttributeMapping } from "./scenario-mapping.ts";

type AppInput = Scenario["entra"]["app"];
type ObjectInput = AppInput["users"];

/**
 * The provisioning configuration a scenario's app describes: the non-gallery template (unless
 * `defaultMappings: false`), or a customer's schema, with the scenario's attributes and mappings on top.
 */
export function buildAppConfig(
  app: AppInput,
  credentials: { tenantUrl: string; secretToken: string },
): ProvisioningConfig {
  let config: ProvisioningConfig = {
    tenantUrl: app.tenantUrl ?? credentials.tenantUrl,
    secretToken: app.secretToken ?? credentials.secretToken,
    scope: app.scope,
    userAttributes: mergeAttributes(
      app.users.defaultMappings ? defaultUserAttributes() : [],
      app.users.attributes,
    ),
    groupAttributes: mergeAttributes(
      app.groups.defaultMappings ? defaultGroupAttributes() : [],
      app.groups.attributes,
    ),
    users: objectMapping("User", app.users),
    groups: objectMapping("Group", app.groups),
    skipOutOfScopeDeletions: app.skipOutOfScopeDeletions,
  };
  if (typeof app.schema === "object") config = applySchemaDocument(config, app.schema, app);
  // Target attributes named by a mapping but not listed are added as String, as the attribute editor would need.
  for (const mapping of config.users.mappings) {
    if (
      !config.userAttributes.some(
        (attribute) => attribute.name.toLowerCase() === mapping.target.toLowerCase(),
      )
    ) {
      config.userAttributes.push(unlistedTargetAttribute(mapping.target));
    }
  }
  return config;
}

function mergeAttributes(defaults: TargetAttribute[], extra: TargetAttribute[]): TargetAttribute[] {
  const merged = [...defaults];
  for (const attribute of extra) {
    const index = merged.findIndex(
      (existing) => existing.name.toLowerCase() === attribute.name.toLowerCase(),
    );
    if (index >= 0) merged[index] = attribute;
    else merged.push(attribute);
  }
  return merged;
}

function objectMapping(kind: "User" | "Group", input: ObjectInput): ObjectMapping {
  const base = defaultObjectMapping(kind);
  const mappings = input.defaultMappings ? base.mappings : [];
  for (const mapping of input.mappings) upsertMapping(mappings, toAttributeMapping(mapping));
  return {
    ...base,
    enabled: input.enabled,
    actions: input.actions,
    mappings,
    scopingFilters: input.scopingFilters,
  };
}

/**
 * A customer's synchronizationSchema ("Review your schema" download) defines the attribute lists,
 * mappings, scoping filters and object actions; the scenario's own `attributes` and `mappings` are
 * applied on top, for what-if edits. The loader has already checked that the schema imports.
 */
function applySchemaDocument(
  config: ProvisioningConfig,
  schema: Record<string, unknown>,
  app: AppInput,
): ProvisioningConfig {
  const imported = importSchema(schema, { config }).config;
  const overlay = (mapping: ObjectMapping, input: ObjectInput): ObjectMapping => {
    const mappings = [...mapping.mappings];
    for (const extra of input.mappings) upsertMapping(mappings, toAttributeMapping(extra));
    return { ...mapping, mappings };
  };
  return {
    ...imported,
    userAttributes: mergeAttributes(imported.userAttributes, app.users.attributes),
    groupAttributes: mergeAttributes(imported.groupAttributes, app.groups.attributes),
    users: overlay(imported.users, app.users),
    groups: overlay(imported.groups, app.groups),
  };
}

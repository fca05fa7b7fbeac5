import {
  defaultObjectMapping,
  defaultGroupAttributes,
  defaultUserAttributes,
} from "../../emulator/entra/provisioning/default-template.ts";
import {
  unlistedTargetAttribute,
  type AttributeMapping,
  type ObjectMapping,
  type ProvisioningConfig,
  type TargetAttribute,
} from "../../emulator/entra/provisioning/provisioning-config.ts";
import type { FetchLike } from "../../emulator/entra/provisioning/scim-transport.ts";
import type { JsonValue } from "../../emulator/scim/json.ts";
import { importSchema } from "../../emulator/entra/schema/import-schema.ts";
import { EntraTenant, type TenantApp } from "../../emulator/entra/entra-tenant.ts";
import { createImmutaApp, type ImmutaApp } from "../../emulator/immuta/index.ts";
import { DEV_CREDENTIALS } from "../../emulator/immuta/index.ts";
import type { Runtime } from "../../emulator/runtime/runtime.ts";
import type { Scenario, ScenarioMapping } from "../loader/scenario-schema.ts";

/** The origin the in-process fake Immuta answers on; no request to it leaves the process. */
export const IN_PROCESS_ORIGIN = "http://immuta.synclab.test";

/** Both fakes built from a scenario, wired together. */
export type World = {
  immuta: ImmutaApp;
  tenant: EntraTenant;
  app: TenantApp;
  /** Where Immuta's REST API is read for expectations. */
  immutaOrigin: string;
  apiKey: string;
  /** Immuta REST calls for expectations (in-process or over HTTP). */
  immutaFetch: FetchLike;
};

export type WorldOptions = {
  runtime: Runtime;
  /** Where the Entra tenant URL points when the scenario does not say: the in-process Immuta by default. */
  immutaOrigin?: string;
  /** Fetch for URLs outside the process (default: global fetch). */
  networkFetch?: FetchLike;
};

/** Builds the fake Immuta and the fake Entra tenant a scenario describes (no step is run). */
export function buildWorld(scenario: Scenario, options: WorldOptions): World {
  const { runtime } = options;
  const immuta = createImmutaApp({
    iams: scenario.immuta.iams,
    ...(scenario.immuta.apiKey ? { apiKey: scenario.immuta.apiKey } : {}),
    runtime: { clock: runtime.clock, newId: runtime.newId },
  });
  const immutaOrigin = options.immutaOrigin ?? IN_PROCESS_ORIGIN;
  const networkFetch: FetchLike = options.networkFetch ?? ((request) => fetch(request));
  // Requests to the in-process origin go straight to the app's fetch (no socket); the rest go out.
  const routedFetch: FetchLike = (request) =>
    new URL(request.url).origin === IN_PROCESS_ORIGIN ? immuta.fetch(request) : networkFetch(request);

  const tenant = new EntraTenant({
    runtime,
    fetch: routedFetch,
    ...(scenario.entra.tenantId ? { tenantId: scenario.entra.tenantId } : {}),
  });
  const firstIam = immuta.state.iams()[0];
  const appConfig = scenario.entra.app;
  let config: ProvisioningConfig = {
    tenantUrl: appConfig.tenantUrl ?? `${immutaOrigin}${firstIam?.config.scimPath ?? "/bim/scim/entra"}`,
    secretToken: appConfig.secretToken ?? firstIam?.config.scimToken ?? DEV_CREDENTIALS.scimToken,
    scope: appConfig.scope,
    userAttributes: mergeAttributes(
      appConfig.users.defaultMappings ? defaultUserAttributes() : [],
      appConfig.users.attributes,
    ),
    groupAttributes: mergeAttributes(
      appConfig.groups.defaultMappings ? defaultGroupAttributes() : [],
      appConfig.groups.attributes,
    ),
    users: objectMapping("User", appConfig.users),
    groups: objectMapping("Group", appConfig.groups),
    skipOutOfScopeDeletions: appConfig.skipOutOfScopeDeletions,
  };
  if (typeof appConfig.schema === "object") config = applySchemaDocument(config, appConfig.schema, appConfig);
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

  const assignments: string[] = [];
  for (const input of scenario.entra.users) {
    const user = tenant.directory.createUser(...graphUser(input));
    if (input.assigned) assignments.push(user.id);
  }
  for (const input of scenario.entra.users) {
    if (input.manager)
      tenant.directory.setManager(input.userPrincipalName, requireUserId(tenant, input.manager));
  }
  for (const input of scenario.entra.groups) {
    const group = tenant.directory.createGroup(
      {
        displayName: input.displayName,
        members: input.members.map((member) => requireUserId(tenant, member)),
      },
      input.id,
    );
    if (input.assigned) assignments.push(group.id);
  }
  const app = tenant.addApp({
    displayName: appConfig.displayName,
    config,
    quirks: appConfig.quirks,
    assignments,
    ...(appConfig.servicePrincipalId ? { servicePrincipalId: appConfig.servicePrincipalId } : {}),
    ...(appConfig.appId ? { appId: appConfig.appId } : {}),
    ...(appConfig.jobId ? { jobId: appConfig.jobId } : {}),
  });

  return {
    immuta,
    tenant,
    app,
    immutaOrigin,
    apiKey: immuta.state.apiKey,
    immutaFetch: (request) =>
      new URL(request.url).origin === IN_PROCESS_ORIGIN ? immuta.fetch(request) : networkFetch(request),
  };
}

function requireUserId(tenant: EntraTenant, idOrUpn: string): string {
  const user = tenant.directory.user(idOrUpn);
  if (!user) throw new Error(`no user '${idOrUpn}' in the scenario's directory`);
  return user.id;
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

function objectMapping(kind: "User" | "Group", input: Scenario["entra"]["app"]["users"]): ObjectMapping {
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
  app: Scenario["entra"]["app"],
): ProvisioningConfig {
  const imported = importSchema(schema, { config }).config;
  const overlay = (mapping: ObjectMapping, input: Scenario["entra"]["app"]["users"]): ObjectMapping => {
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

/** A scenario user as Graph properties and an optional object id (the rest is scenario-only). */
export function graphUser(
  input: Scenario["entra"]["users"][number],
): [Record<string, JsonValue>, string | undefined] {
  const { assigned: _assigned, manager: _manager, id, ...properties } = input;
  return [properties, id];
}

/** Replaces the mapping with the same target, or appends it. */
export function upsertMapping(mappings: AttributeMapping[], mapping: AttributeMapping): void {
  const index = mappings.findIndex(
    (existing) => existing.target.toLowerCase() === mapping.target.toLowerCase(),
  );
  if (index >= 0) mappings[index] = mapping;
  else mappings.push(mapping);
}

/** A scenario mapping as the provisioning model's attribute mapping. */
export function toAttributeMapping(mapping: ScenarioMapping): AttributeMapping {
  const source: AttributeMapping["source"] =
    mapping.source !== undefined
      ? { type: "Direct", attribute: mapping.source }
      : mapping.constant !== undefined
        ? { type: "Constant", value: mapping.constant }
        : mapping.expression !== undefined
          ? { type: "Expression", expression: mapping.expression }
          : { type: "None" };
  return {
    target: mapping.target,
    source,
    defaultValue: mapping.defaultValue,
    flowType: mapping.apply === "onCreate" ? "ObjectAddOnly" : "Always",
    matchingPriority: mapping.matchingPriority,
  };
}

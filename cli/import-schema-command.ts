import { parseArgs } from "./parse-options.ts";
import { stringify } from "yaml";
import { defaultObjectMapping, defaultProvisioningConfig } from "../emulator/entra/index.ts";
import type {
  AttributeMapping,
  ObjectMapping,
  ProvisioningConfig,
  TargetAttribute,
} from "../emulator/entra/index.ts";
import { importSchema } from "../emulator/entra/index.ts";
import { formatSchemaProblem, SchemaImportError } from "../emulator/entra/index.ts";
import { createDeterministicRuntime } from "../emulator/runtime/index.ts";
import { loadScenarioFile } from "../scenarios/index.ts";
import { ScenarioError } from "../scenarios/index.ts";
import { buildWorld, scenarioSource } from "../scenarios/index.ts";
import { EXIT, type ExitCode, type Io } from "./exit-codes.ts";
import { readOneFile } from "./read-one-file.ts";

export const IMPORT_SCHEMA_HELP = `Usage: synclab import-schema <schema.json> [--scenario FILE]

Reads a Microsoft Graph synchronizationSchema (the portal's "Provisioning > Attribute mapping >
Show advanced options > Review your schema" download, or GET .../synchronization/jobs/{id}/schema)
and prints the scenario YAML that configures the same app: entra.app.users and entra.app.groups
with their target attribute lists, mappings, scoping filters and target object actions. Paste it
into a scenario to replay a customer's configuration.

Options:
  --scenario FILE   validate the schema against this scenario's app (its credentials and scope
                    stay as they are; only attribute lists and mappings come from the schema)
  -h, --help        show this help

Warnings (what a scenario can't hold) go to stderr.
Exit: 0 printed, 2 the schema or scenario is missing or invalid.`;

export async function importSchemaCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { scenario: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    io.out(IMPORT_SCHEMA_HELP);
    return EXIT.ok;
  }
  const input = await readOneFile(
    "import-schema",
    positionals,
    { needs: "a schema JSON file", takes: "one schema file" },
    io,
  );
  if (!input) return EXIT.badInput;
  const { file, text } = input;
  let base: ProvisioningConfig;
  try {
    base = values.scenario === undefined ? defaultConfig() : await scenarioConfig(values.scenario);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    io.err(error.message);
    return EXIT.badInput;
  }
  try {
    const { config, warnings } = importSchema(text, { config: base });
    for (const warning of [...warnings, ...unrepresentable(config)]) io.err(`${file}: warning: ${warning}`);
    io.out(`# From ${file} (synclab import-schema): the app configuration under entra.app of a scenario.`);
    io.out(stringify({ entra: { app: toScenarioApp(config) } }, { lineWidth: 0 }).trimEnd());
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof SchemaImportError)) throw error;
    for (const problem of error.problems) io.err(`${file}: ${formatSchemaProblem(problem)}`);
    return EXIT.badInput;
  }
}

async function scenarioConfig(file: string): Promise<ProvisioningConfig> {
  const scenario = await loadScenarioFile(file);
  return buildWorld(scenario, { runtime: createDeterministicRuntime(scenario.seed) }).app.job.config;
}

/** A configuration with the template's defaults, for imports without a scenario. */
function defaultConfig(): ProvisioningConfig {
  return defaultProvisioningConfig("http://immuta.synclab.test/bim/scim/entra", "synclab-dev-scim-token");
}

/** What the scenario format has no place for: object mapping names and target object names. */
function unrepresentable(config: ProvisioningConfig): string[] {
  const warnings: string[] = [];
  for (const mapping of [config.users, config.groups]) {
    const template = defaultObjectMapping(mapping.sourceObject);
    if (mapping.name !== template.name && mapping.name !== "") {
      warnings.push(`object mapping name '${mapping.name}' is not kept; a scenario uses '${template.name}'`);
    }
    if (mapping.targetObject !== template.targetObject) {
      warnings.push(
        `target object '${mapping.targetObject}' is not kept; a scenario uses '${template.targetObject}'`,
      );
    }
  }
  return warnings;
}

/** entra.app.users / entra.app.groups: the whole lists (defaultMappings: false), defaults left out. */
export function toScenarioApp(config: ProvisioningConfig): Record<string, unknown> {
  return {
    users: toScenarioObject(config.users, config.userAttributes),
    groups: toScenarioObject(config.groups, config.groupAttributes),
  };
}

function toScenarioObject(mapping: ObjectMapping, attributes: TargetAttribute[]): Record<string, unknown> {
  const { create, update, delete: remove } = mapping.actions;
  return {
    ...(mapping.enabled ? {} : { enabled: false }),
    // The lists below are complete: nothing comes from the template.
    defaultMappings: false,
    ...(create && update && remove ? {} : { actions: { create, update, delete: remove } }),
    attributes: attributes.map(toScenarioAttribute),
    mappings: mapping.mappings.map(toScenarioMapping),
    ...(mapping.scopingFilters.length > 0 ? { scopingFilters: mapping.scopingFilters } : {}),
  };
}

function toScenarioAttribute(attribute: TargetAttribute): Record<string, unknown> {
  return {
    name: attribute.name,
    ...(attribute.type === "String" ? {} : { type: attribute.type }),
    ...(attribute.required ? { required: true } : {}),
    ...(attribute.multiValued ? { multiValued: true } : {}),
    ...(attribute.caseExact ? { caseExact: true } : {}),
    ...(attribute.primaryKey ? { primaryKey: true } : {}),
    ...(attribute.referencedObjects.length > 0 ? { referencedObjects: attribute.referencedObjects } : {}),
  };
}

function toScenarioMapping(mapping: AttributeMapping): Record<string, unknown> {
  return {
    target: mapping.target,
    ...scenarioSource(mapping.source),
    ...(mapping.defaultValue === null ? {} : { defaultValue: mapping.defaultValue }),
    ...(mapping.flowType === "ObjectAddOnly" ? { apply: "onCreate" } : {}),
    ...(mapping.matchingPriority === 0 ? {} : { matchingPriority: mapping.matchingPriority }),
  };
}

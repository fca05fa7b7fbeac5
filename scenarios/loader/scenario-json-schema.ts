import { z } from "zod";
import { extensionValueSchema, DIRECTORY_EXTENSION_PATTERN } from "./user-schema.ts";
import { scenarioJsonSchemaSource } from "./scenario-schema.ts";

/** Where the published JSON Schema lives; examples name it in their first line. */
export const SCENARIO_JSON_SCHEMA_PATH = "scenarios/scenario.schema.json";

type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema of scenario files, generated from the zod schema the loader validates with (its
 * input side: keys with defaults are optional). Draft-07, which editors' YAML language servers read.
 */
export function buildScenarioJsonSchema(): JsonSchema {
  const { $schema: _, ...extension } = z.toJSONSchema(extensionValueSchema, { target: "draft-7" });
  const { $schema, ...schema } = z.toJSONSchema(scenarioJsonSchemaSource, {
    io: "input",
    target: "draft-7",
    unrepresentable: "any",
    override: ({ jsonSchema }) => {
      if (!isUserProperties(jsonSchema)) return;
      // Directory extensions are any `extension_<appId>_<name>`; every other key must be a Graph property.
      jsonSchema.patternProperties = { [DIRECTORY_EXTENSION_PATTERN]: extension };
      jsonSchema.additionalProperties = false;
    },
  });
  return {
    $schema,
    title: "synclab scenario",
    description:
      "A synclab scenario file: the Entra side, the Immuta side and the steps to replay (docs/scenarios.md).",
    ...schema,
  };
}

function isUserProperties(schema: JsonSchema): boolean {
  const properties = schema.properties as JsonSchema | undefined;
  return properties !== undefined && "onPremisesExtensionAttributes" in properties && "city" in properties;
}

import { format, resolveConfig } from "prettier";
import { buildScenarioJsonSchema, SCENARIO_JSON_SCHEMA_PATH } from "../scenarios/index.ts";

/** scenarios/scenario.schema.json as `npm run schema` writes it: generated, then formatted by prettier. */
export async function renderScenarioJsonSchema(root = "."): Promise<{ path: string; content: string }> {
  const file = `${root}/${SCENARIO_JSON_SCHEMA_PATH}`;
  const options = (await resolveConfig(file)) ?? {};
  const content = await format(JSON.stringify(buildScenarioJsonSchema()), { ...options, filepath: file });
  return { path: SCENARIO_JSON_SCHEMA_PATH, content };
}

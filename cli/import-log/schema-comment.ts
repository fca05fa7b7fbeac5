import { existsSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SCENARIO_JSON_SCHEMA_PATH } from "../../scenarios/index.ts";

/** The scenario JSON Schema of this checkout; the installed package does not ship it. */
const SCHEMA_FILE = fileURLToPath(new URL(`../../${SCENARIO_JSON_SCHEMA_PATH}`, import.meta.url));

/**
 * The `yaml-language-server: $schema=` comment for a scenario written to `file` (or printed, to be
 * redirected into the current folder), naming the schema relative to it so editors complete and
 * validate the skeleton; null when there is no schema file to name.
 */
export function schemaComment(file: string | undefined, schemaFile: string = SCHEMA_FILE): string | null {
  if (!existsSync(schemaFile)) return null;
  const from = file === undefined ? process.cwd() : dirname(resolve(file));
  const path = relative(from, schemaFile).split("\\").join("/");
  return `yaml-language-server: $schema=${path.startsWith(".") ? path : `./${path}`}`;
}

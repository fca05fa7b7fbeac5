import { existsSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { SCENARIO_JSON_SCHEMA_PATH } from "../../scenarios/index.ts";
import { packageFile } from "../package-file.ts";

/**
 * The `yaml-language-server: $schema=` comment for a scenario written to `file` (or printed, to be
 * redirected into the current folder), naming the scenario JSON Schema relative to it so editors
 * complete and validate the skeleton; null when there is no schema file to name (a checkout has
 * one, the installed package does not ship it).
 */
export function schemaComment(file: string | undefined): string | null {
  const schemaFile = packageFile(SCENARIO_JSON_SCHEMA_PATH);
  if (!existsSync(schemaFile)) return null;
  const from = file === undefined ? process.cwd() : dirname(resolve(file));
  const path = relative(from, schemaFile).split("\\").join("/");
  return `yaml-language-server: $schema=${path.startsWith(".") ? path : `./${path}`}`;
}

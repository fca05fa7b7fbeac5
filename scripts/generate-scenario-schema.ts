/**
 * Writes scenarios/scenario.schema.json from the loader's zod schema.
 * `npm run schema` rewrites it; `npm run schema -- --check` only reports that it is stale.
 */
import { readFile, writeFile } from "node:fs/promises";
import { renderScenarioJsonSchema } from "./render-scenario-schema.ts";

const check = process.argv.includes("--check");
const { path, content } = await renderScenarioJsonSchema();
const current = await readFile(path, "utf8").catch(() => "");
if (current === content) process.exitCode = 0;
else if (check) {
  console.error(`${path} is not current: run npm run schema`);
  process.exitCode = 1;
} else {
  await writeFile(path, content);
  console.log(`wrote ${path}`);
}

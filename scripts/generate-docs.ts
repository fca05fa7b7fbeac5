/**
 * Writes the generated tables of docs/ (Entra quirks, Immuta assumptions) from the code.
 * `npm run docs` rewrites them; `npm run docs -- --check` only reports files that are stale.
 */
import { readFile, writeFile } from "node:fs/promises";
import { renderGeneratedDocs } from "./docs/render-generated-docs.ts";

const check = process.argv.includes("--check");
let stale = 0;
for (const doc of await renderGeneratedDocs()) {
  if ((await readFile(doc.path, "utf8")) === doc.content) continue;
  stale += 1;
  if (check) console.error(`${doc.path} is not current: run npm run docs`);
  else {
    await writeFile(doc.path, doc.content);
    console.log(`wrote ${doc.path}`);
  }
}
process.exitCode = check && stale > 0 ? 1 : 0;

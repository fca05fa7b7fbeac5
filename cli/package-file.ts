import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The absolute path of a file shipped with synclab (say `scenarios/default.yaml`), found from the
 * nearest package.json above this module: the checkout when run from the sources or dist/, the
 * installed package when run from node_modules.
 */
export function packageFile(relativePath: string): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, "package.json"))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error("synclab: no package.json above its own modules");
    directory = parent;
  }
  return join(directory, relativePath);
}

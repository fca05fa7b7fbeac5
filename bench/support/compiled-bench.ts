import { buildSync } from "esbuild";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NODE_BUNDLE } from "../../scripts/node-bundle.js";

/**
 * Compiles a bench file into one JavaScript module the way scripts/build.js compiles the package
 * (esbuild, ESM for Node 20, dependencies bundled), so that a child process measures the code
 * users run (`npm start` and `npx synclab` run dist/), not the TypeScript loader, which holds
 * about 45 MB of RSS of its own. Answers the module's path in a new temporary folder, which the
 * caller removes.
 */
export function compileBench(entry: string): { file: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "synclab-bench-"));
  const file = join(dir, "bench.mjs");
  buildSync({
    entryPoints: [entry],
    outfile: file,
    ...NODE_BUNDLE,
    external: [...NODE_BUNDLE.external],
    logLevel: "warning",
  });
  return { file, dir };
}

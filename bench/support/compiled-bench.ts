import { buildSync } from "esbuild";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NODE_BUNDLE } from "../../scripts/node-bundle.js";

/**
 * Compiles a bench file into one JavaScript module the way scripts/build.js compiles the package
 * (esbuild, ESM for Node 20, dependencies bundled), so that a child process measures the code
 * users run (`npm start` and `npx synclab` run dist/), not the TypeScript loader, which holds
 * about 45 MB of RSS of its own. Answers the module's path in a new temporary folder, which the
 * caller removes. Not minified, unlike dist/: profiles keep the source's names.
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

/**
 * Compiles `entry` and runs it in a child (Node with `--expose-gc` and `nodeFlags`, the module with
 * `--child` and each of `runs`' arguments in turn); answers the last line each run printed, parsed.
 */
export function compiledChildReports<Report>(
  entry: string,
  runs: readonly { nodeFlags?: readonly string[]; args: readonly string[] }[],
): Report[] {
  const compiled = compileBench(entry);
  try {
    return runs.map(({ nodeFlags = [], args }) => {
      const output = execFileSync(
        process.execPath,
        ["--expose-gc", ...nodeFlags, compiled.file, "--child", ...args],
        { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 20 },
      );
      return JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as Report;
    });
  } finally {
    rmSync(compiled.dir, { recursive: true, force: true });
  }
}

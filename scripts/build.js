// @ts-check
/**
 * Builds dist/: the public entry points and the CLI as ESM JavaScript for Node 20 (esbuild, one
 * bundle per entry point, shared code in chunks), then the `.d.ts`
 * types (tsc, declarations only). Runs in `npm ci`, `npm install` and `npm pack` (the `prepare`
 * script), so a fresh clone and every packed tarball hold a complete build.
 *
 *   node scripts/build.js             full build: clean dist/, JavaScript, types
 *   node scripts/build.js --if-stale  the same, unless the last full build is newer than every source
 *   node scripts/build.js --js        JavaScript only (what `ensureBuilt` runs when a source changed)
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { mtimeOf, newestSource, STAMP } from "./ensure-built.js";
import { NODE_BUNDLE } from "./node-bundle.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(ROOT, "dist");
/** Written last by a full build (clean, JavaScript and types). */
const FULL_STAMP = join(DIST, ".full-build-stamp");

/** What the package exposes (see `exports` and `bin` in package.json), plus the CLI it runs. */
export const ENTRY_POINTS = ["library/index.ts", "library/msw.ts", "library/scenario.ts", "cli/main.ts"];

/**
 * zod's `z.locales` holds the error messages of some forty languages, a third of the bundle that
 * every command compiles at start; synclab's messages are English only (zod's default), so the
 * namespace keeps just `en`.
 * @type {import("esbuild").Plugin}
 */
const ZOD_ENGLISH_ONLY = {
  name: "zod-english-only",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[/\\]zod[/\\]v4[/\\](classic|core)[/\\]/.test(args.importer)
        ? { path: join(dirname(args.importer), "..", "locales", "en.js"), namespace: "zod-locales" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};

/**
 * Compiles the entry points into dist/. Each file is written to a temporary name and renamed, so a
 * process that starts while another one rebuilds never reads half a file; chunk names carry a
 * content hash, so a chunk an older entry still imports is not overwritten.
 * @param {{ clean: boolean }} options
 */
export async function buildJavaScript(options) {
  const { build } = await import("esbuild");
  if (options.clean) rmSync(DIST, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRY_POINTS,
    outdir: DIST,
    outbase: ".",
    entryNames: "[dir]/[name]",
    chunkNames: "chunks/[name]-[hash]",
    ...NODE_BUNDLE,
    external: [...NODE_BUNDLE.external],
    splitting: true,
    minify: true,
    sourcemap: "linked",
    sourcesContent: false,
    plugins: [ZOD_ENGLISH_ONLY],
    logLevel: "warning",
    write: false,
  });
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}

/** Emits the `.d.ts` files of the entry points and everything they import into dist/types/. */
export function buildTypes() {
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  const run = spawnSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.build.json")], {
    stdio: "inherit",
  });
  if (run.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed (exit ${String(run.status)})`);
  // tsc keeps the sources' `.ts` import suffixes in declarations; a consumer's TypeScript resolves
  // `./x.js` to `./x.d.ts` under every moduleResolution, so the suffixes become `.js`.
  for (const file of declarationFiles(join(DIST, "types"))) {
    const text = readFileSync(file, "utf8");
    const rewritten = text.replace(/((?:from |import\()"\.{1,2}\/[^"]*)\.ts"/g, '$1.js"');
    if (rewritten !== text) writeFileSync(file, rewritten);
  }
}

/** @param {string} folder @returns {string[]} */
function declarationFiles(folder) {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".d.ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * A full build is fresh when it is newer than every source and no JavaScript-only rebuild came
 * after it (that one may leave chunks of older builds behind, which a tarball must not ship).
 */
function fullBuildIsFresh() {
  const full = mtimeOf(FULL_STAMP);
  return full > 0 && mtimeOf(STAMP) <= full && newestSource() < full;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  const jsOnly = process.argv.includes("--js");
  if (process.argv.includes("--if-stale") && fullBuildIsFresh()) {
    console.error("synclab: dist is up to date");
  } else {
    await buildJavaScript({ clean: !jsOnly });
    if (!jsOnly) {
      buildTypes();
      writeFileSync(FULL_STAMP, `${new Date().toISOString()}\n`);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.error(`synclab: built ${relative(process.cwd(), DIST) || "."} in ${seconds} s`);
  }
}

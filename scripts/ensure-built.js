// @ts-check
/**
 * Keeps dist/ in step with the sources in a checkout: when a source file is newer than the last
 * build (or one was added or removed), the JavaScript is rebuilt before the command runs. This is
 * what lets `npm start` and `npx synclab` run compiled code yet pick up an edit without a manual
 * step. When nothing changed it costs a walk over the source folders (a few milliseconds); the
 * build script and esbuild are loaded only when something did.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Written last by every build: its mtime says how fresh dist/'s JavaScript is. */
export const STAMP = join(ROOT, "dist", ".build-stamp");
/** Top-level folders that hold no code the entry points import; every other folder is watched. */
const NOT_SOURCES = new Set([
  "node_modules",
  "dist",
  "test",
  "bench",
  "docs",
  "examples",
  "scripts",
  "bin",
  "coverage",
]);
/** What a build reads; scenario YAML is read at run time, so editing one needs no build. */
const SOURCE_FILE = /(?<!\.test)\.(ts|tsx|html|css)$/;

/** Rebuilds dist/'s JavaScript when a source is newer than the last build. */
export async function ensureBuilt() {
  const built = mtimeOf(STAMP);
  if (built > 0 && newestSource() < built) return;
  const { buildJavaScript } = await import("./build.js");
  await buildJavaScript({ clean: false });
}

/** The newest mtime of a source file or folder (a folder's changes when a file is added or removed). */
export function newestSource() {
  let newest = statSync(join(ROOT, "package.json")).mtimeMs;
  const visit = (/** @type {string} */ folder) => {
    newest = Math.max(newest, statSync(folder).mtimeMs);
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (SOURCE_FILE.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const entry of readdirSync(ROOT, { withFileTypes: true })) {
    if (entry.isDirectory() && !entry.name.startsWith(".") && !NOT_SOURCES.has(entry.name))
      visit(join(ROOT, entry.name));
  }
  return newest;
}

/** @param {string} file @returns {number} 0 when the file does not exist */
export function mtimeOf(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

// @ts-check
/**
 * Keeps dist/ in step with the sources in a checkout: when a source file is newer than the last
 * build (or one was added or removed), the JavaScript is rebuilt before the command runs. This is
 * what lets `npm start` and `npx synclab` run compiled code yet pick up an edit without a manual
 * step. Cost when nothing changed: a walk over the source folders (a few milliseconds).
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildJavaScript, STAMP } from "./build.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Every folder the entry points import from; tests never reach dist/. */
const SOURCE_FOLDERS = ["library", "cli", "emulator", "scenarios", "contracts"];

/** Rebuilds dist/'s JavaScript when a source is newer than the last build. */
export async function ensureBuilt() {
  let built = 0;
  try {
    built = statSync(STAMP).mtimeMs;
  } catch {
    // No build yet: build now.
  }
  if (built === 0 || newestSource() > built) await buildJavaScript({ clean: false });
}

function newestSource() {
  let newest = statSync(join(ROOT, "package.json")).mtimeMs;
  const visit = (/** @type {string} */ folder) => {
    // A folder's mtime changes when a file in it is added, removed or renamed.
    newest = Math.max(newest, statSync(folder).mtimeMs);
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts"))
        newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const folder of SOURCE_FOLDERS) visit(join(ROOT, folder));
  return newest;
}

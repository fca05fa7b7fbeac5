#!/usr/bin/env node
// @ts-check
// The `synclab` command. It runs the compiled CLI in dist/; in a checkout (the sources are next to
// it) it first rebuilds dist/ if a source changed, so an edit is picked up without a manual step.
import { existsSync } from "node:fs";

if (existsSync(new URL("../cli/main.ts", import.meta.url))) {
  const { ensureBuilt } = await import("../scripts/ensure-built.js");
  await ensureBuilt();
}
// Typed by cli/main.ts; the compiled file is not part of the type-checked project.
/** @type {{ main: (argv: string[]) => Promise<number> }} */
const cli = await import(new URL("../dist/cli/main.js", import.meta.url).href);
process.exitCode = await cli.main(process.argv.slice(2));

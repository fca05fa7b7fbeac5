import { buildSync } from "esbuild";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NODE_BUNDLE } from "../../scripts/node-bundle.js";

// The benchmarks compile with these settings and no minifier, so top-level names keep their
// spelling: a name the banner declares must not be one that a bundled module imports too.
describe("the Node bundle settings", () => {
  it("compile the CLI, unminified, into a module Node accepts", () => {
    const [output] = buildSync({
      entryPoints: ["cli/main.ts"],
      outfile: "cli.mjs",
      ...NODE_BUNDLE,
      external: [...NODE_BUNDLE.external],
      write: false,
      logLevel: "silent",
    }).outputFiles;
    if (output === undefined) throw new Error("esbuild wrote no bundle");
    const dir = mkdtempSync(join(tmpdir(), "synclab-bundle-"));
    try {
      const file = join(dir, "cli.mjs");
      writeFileSync(file, output.contents);
      // --check compiles without running: a duplicate top-level declaration is a SyntaxError here.
      const check = () => execFileSync(process.execPath, ["--check", file], { stdio: "pipe" });
      expect(check).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileBench } from "../../bench/support/compiled-bench.ts";

// The benchmarks compile with the package's bundle settings and no minifier, so top-level names
// keep their spelling: a name the settings' banner declares must not be one a bundled module
// imports too (fdir, under the CLI's tinyglobby, imports `createRequire`).
describe("the benchmarks' compiled bundle", () => {
  it("of the CLI is a module Node accepts", () => {
    const compiled = compileBench("cli/main.ts");
    try {
      // --check compiles without running: a duplicate top-level declaration is a SyntaxError here,
      // and a missing file an error too.
      const check = () => execFileSync(process.execPath, ["--check", compiled.file], { stdio: "pipe" });
      expect(check).not.toThrow();
    } finally {
      rmSync(compiled.dir, { recursive: true, force: true });
    }
  }, 60_000);
});

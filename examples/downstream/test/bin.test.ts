import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { expect, it } from "vitest";

it("runs the installed synclab command with plain node (no tsx installed)", () => {
  expect(existsSync("node_modules/tsx")).toBe(false);
  const help = execFileSync("node_modules/.bin/synclab", ["--help"], { encoding: "utf8" });
  expect(help).toContain("Usage: synclab <command>");
});

it("runs a scenario with the installed synclab command", () => {
  const output = execFileSync("node_modules/.bin/synclab", ["run", "scenarios/seed.yaml"], {
    encoding: "utf8",
  });
  expect(output).toMatch(/^PASS scenarios\/seed\.yaml/m);
});

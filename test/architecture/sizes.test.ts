import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The house rules for source that ships: a file stays readable in one sitting, a function on one
// screen or two. Tests are exempt (their tables run long by design).
const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 80;

const SOURCES = execFileSync("git", ["ls-files", "emulator", "scenarios", "cli"], { encoding: "utf8" })
  .split("\n")
  .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"));

/** `file:line name (N lines)` for every function or method body longer than the limit. */
function longFunctions(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const lines = source.getLineAndCharacterOfPosition(node.getEnd()).line - start + 1;
      const name = "name" in node && node.name ? node.name.getText(source) : "(anonymous)";
      if (lines > MAX_FUNCTION_LINES) found.push(`${file}:${start + 1} ${name} (${lines} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("source sizes under emulator/, scenarios/ and cli/", () => {
  it("finds the source files to check", () => {
    expect(SOURCES.length).toBeGreaterThan(100);
  });

  it(`has no file longer than ${MAX_FILE_LINES} lines`, () => {
    const long = SOURCES.map((file) => [file, readFileSync(file, "utf8").split("\n").length] as const)
      .filter(([, lines]) => lines > MAX_FILE_LINES)
      .map(([file, lines]) => `${file} (${lines} lines)`);
    expect(long).toEqual([]);
  });

  it(`has no function longer than ${MAX_FUNCTION_LINES} lines`, () => {
    expect(SOURCES.flatMap((file) => longFunctions(file, readFileSync(file, "utf8")))).toEqual([]);
  });

  it("counts a long function as long", () => {
    const body = Array.from({ length: MAX_FUNCTION_LINES }, (_, index) => `  const v${index} = ${index};`);
    expect(longFunctions("probe.ts", `function probe() {\n${body.join("\n")}\n}\n`)).toEqual([
      `probe.ts:1 probe (${MAX_FUNCTION_LINES + 2} lines)`,
    ]);
  });
});

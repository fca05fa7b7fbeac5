import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const DOC = readFileSync("docs/library.md", "utf8");

/** Code blocks of docs/library.md whose first line names a file of the downstream example. */
const FILE_BLOCKS = [
  ...DOC.matchAll(/```(?:ts|yaml)\n(?:\/\/|#) (examples\/downstream\/\S+)\n([\s\S]*?)```/g),
].map((match) => [match[1]!, match[2]!] as const);

// The downstream suite (run by npm test against the packed tarball) is what proves these examples.
describe("docs/library.md", () => {
  it("shows every file of the downstream suite it names", () => {
    expect(FILE_BLOCKS.map(([file]) => file)).toEqual(
      expect.arrayContaining([
        "examples/downstream/test/global-setup.ts",
        "examples/downstream/test/in-process.test.ts",
        "examples/downstream/test/msw.test.ts",
      ]),
    );
  });

  it.each(FILE_BLOCKS)("shows %s exactly as the downstream suite runs it", (file, block) => {
    expect(block).toBe(readFileSync(file, "utf8"));
  });
});

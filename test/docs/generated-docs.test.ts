import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { QUIRKS } from "../../emulator/entra/index.ts";
import { assumptionRows } from "../../emulator/immuta/index.ts";
import { renderGeneratedDocs } from "../../scripts/docs/render-generated-docs.ts";

const docs = await renderGeneratedDocs();

/** The cells of a markdown table row whose first cell is `name` (prettier pads the cells). */
function rowOf(text: string, name: string): string[] | undefined {
  return text
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .map((line) =>
      line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .find((cells) => cells[0] === `\`${name}\``);
}

describe("generated docs", () => {
  it.each(docs.map((doc) => [doc.path, doc.content] as const))(
    "%s is what npm run docs writes from the code",
    (path, content) => {
      expect(readFileSync(path, "utf8"), `${path} is not current: run npm run docs`).toBe(content);
    },
  );

  it.each(Object.entries(QUIRKS))(
    "docs/quirks.md lists the Entra quirk %s with its status and default",
    (name, quirk) => {
      const quirks = docs.find((doc) => doc.path === "docs/quirks.md")!.content;
      expect(rowOf(quirks, name)?.slice(1, 3)).toEqual([quirk.status, `\`${String(quirk.default)}\``]);
    },
  );

  it.each(assumptionRows().map((row) => [row.name, row] as const))(
    "docs/assumptions.md lists the Immuta assumption %s with its status and default",
    (name, row) => {
      const assumptions = docs.find((doc) => doc.path === "docs/assumptions.md")!.content;
      expect(rowOf(assumptions, name)?.slice(1, 3)).toEqual([row.status, `\`${String(row.default)}\``]);
    },
  );
});

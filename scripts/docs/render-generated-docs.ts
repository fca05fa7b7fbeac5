import { readFile } from "node:fs/promises";
import { format, resolveConfig } from "prettier";
import { QUIRKS } from "../../emulator/entra/index.ts";
import { assumptionRows } from "../../emulator/immuta/index.ts";

/** A docs file as the generator would write it. */
export type GeneratedDoc = { path: string; content: string };

/** Markdown table cell: pipes escaped everywhere, `<` escaped outside code spans (else it reads as HTML). */
function cell(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith("`") ? part : part.replaceAll("<", "\\<")))
    .join("")
    .replaceAll("|", "\\|");
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function quirkTable(): string {
  const rows = Object.entries(QUIRKS).map(([name, quirk]) => [
    `\`${name}\``,
    quirk.status,
    `\`${String(quirk.default)}\``,
    cell(quirk.description),
    cell(quirk.source),
  ]);
  return table(["name", "status", "default", "behaviour", "source"], rows);
}

function assumptionTable(): string {
  const rows = assumptionRows().map((row) => [
    `\`${row.name}\``,
    row.status,
    `\`${String(row.default)}\``,
    row.values
      .filter((value) => value !== row.default)
      .map((value) => `\`${String(value)}\``)
      .join(", "),
    cell(row.description),
  ]);
  return table(["name", "status", "default", "other values", "why"], rows);
}

/** The generated regions: file, region name, and what goes between its markers. */
const REGIONS = [
  { path: "docs/quirks.md", region: "quirks", render: quirkTable },
  { path: "docs/assumptions.md", region: "assumptions", render: assumptionTable },
] as const;

function replaceRegion(text: string, region: string, body: string, path: string): string {
  const start = `<!-- generated:${region}:start (npm run docs) -->`;
  const end = `<!-- generated:${region}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${path} lacks the markers ${start} ... ${end}`);
  return `${text.slice(0, from + start.length)}\n\n${body}\n\n${text.slice(to)}`;
}

/**
 * The docs files whose tables are rendered from the code (`QUIRKS`, `assumptionRows()`), with their
 * hand-written text kept and the marked regions replaced, formatted as prettier would.
 */
export async function renderGeneratedDocs(root = "."): Promise<GeneratedDoc[]> {
  return Promise.all(
    REGIONS.map(async ({ path, region, render }) => {
      const file = `${root}/${path}`;
      const text = replaceRegion(await readFile(file, "utf8"), region, render(), path);
      const options = (await resolveConfig(file)) ?? {};
      return { path, content: await format(text, { ...options, filepath: file }) };
    }),
  );
}
